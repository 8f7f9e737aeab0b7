#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <optional>
#include <string>

#include "core/config/hub_config.hpp"
#include "core/security/certificates/signing_identity.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/ocsp/ocsp_checker.hpp"
#include "core/security/xmldsig/algorithm_policy.hpp"

namespace lienthong::http {
class HttpClient;
}

namespace lienthong::pipeline {

class WorkerPool;

/// What the sign and verify stages may use. All null in tools (check-config, map) that never
/// call anyone: then signing runs inline and OCSP is not wired.
struct StageServices {
  WorkerPool* workers = nullptr;                   ///< CPU pool for RSA work
  http::HttpClient* ocsp_client = nullptr;         ///< egress client for OCSP requests
  std::optional<boost::asio::any_io_executor> io;  ///< where OCSP exchanges run
};

/// One connector's message security (`message_security` in its config), loaded once at
/// start-up: the hub's signing identity, the trust store for the far side's signer
/// certificates (with the OCSP revocation hook), and the algorithm policy of the profile.
struct MessageSecurity {
  std::string connector;
  security::SigningIdentity identity;
  security::TrustStore trust;
  security::AlgorithmPolicy policy;
  std::optional<security::OcspChecker> ocsp;  ///< when `ocsp` is not "off"
};

/// Loads keys, certificates and trust anchors; every problem is located in the connector file.
/// With `services.ocsp_client` and `services.io`, the trust store asks OCSP about every signer
/// certificate (answers cached until nextUpdate) under the configured hard-/soft-fail policy.
Result<std::shared_ptr<const MessageSecurity>, config::ConfigErrors> load_message_security(
    const config::ConnectorConfig& connector, const StageServices& services);

}  // namespace lienthong::pipeline
