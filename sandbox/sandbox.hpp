#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/security/certificates/signing_identity.hpp"

namespace lienthong::sandbox {

struct SandboxOptions {
  std::string host = "127.0.0.1";
  /// Mock id ("dkdn", "dancu") -> port; 0 picks a free one. Ids missing here are not started;
  /// an id that is not a known mock fails start().
  std::map<std::string, std::uint16_t> ports;
  std::filesystem::path data_dir = "sandbox/data";  ///< scenario data (citizens.json, ...)
  std::string dkdn_token = "sandbox-dkdn-token";    ///< bearer token the dkdn mock accepts
  /// Bearer token the provincial mock (motcua) accepts from the hub's pushes.
  std::string motcua_token = "sandbox-motcua-token";
  /// The dvcqg portal's account, the provinces (dstcode) it accepts and its adapter path.
  std::string dvcqg_username = "lienthong-dev";
  std::string dvcqg_password = "sandbox-dvcqg-password";
  std::vector<std::string> dvcqg_dstcodes = {"H22", "H56"};
  std::string dvcqg_adapter_path = "/api/adapter";
  /// The payment platform (paygov): the partner it knows (MaDoiTac) and the secret of every
  /// MaXacThuc, the bearer token of the partner's requests, where it sends IPNs and the bearer
  /// it presents there (the hub's client key for it), how long a payment may await payment.
  std::string paygov_partner = "LIENTHONG";
  std::string paygov_secret = "sandbox-paygov-secret";
  std::string paygov_token = "sandbox-paygov-token";
  std::string paygov_ipn_url = "http://127.0.0.1:8080/inbound/paygov/payment-notice";
  std::string paygov_ipn_key = "sandbox-paygov-ipn-key";
  std::chrono::seconds paygov_expiry{900};
  /// Resends of an IPN the partner did not confirm, and the pause before each.
  int paygov_ipn_resends = 3;
  std::chrono::milliseconds paygov_ipn_resend_delay{300};
  /// The remote-signing CA (kyso): the service provider account every request must carry, how
  /// long a holder takes to answer on the phone and when an unanswered request expires (both
  /// from the first sign request of a transaction). Holder accounts: data_dir/signers.json.
  std::string kyso_sp_id = "lienthong-dev";
  std::string kyso_sp_password = "sandbox-kyso-password";
  std::chrono::milliseconds kyso_approval{5'000};
  std::chrono::milliseconds kyso_expiry{180'000};
  /// Seeds the random source of injected faults, so the same run fails the same requests.
  std::uint32_t fault_seed = 61;
  /// How long a `timeout` fault holds a request (shutdown cuts it short).
  std::chrono::milliseconds fault_timeout{60'000};
  /// Requests each mock keeps for `GET /_sandbox/requests` (the oldest fall off). Long runs
  /// that check every delivery (tests/crash) need more than the default.
  std::size_t request_log_capacity = 500;
  /// The dev PKI (certs/gen-dev-pki.sh): dancu's TLS and signing identity (`sandbox-dancu`),
  /// the anchors its callers' certificates and signatures must chain to, the CRL, the
  /// kyso OCSP responder's CA database and the kyso holders' certificates and keys.
  std::filesystem::path certs_dir = "certs/dev";
  /// Signs dancu's answers instead of certs_dir's sandbox-dancu: for tests of how the hub
  /// treats answers signed by an expired, revoked or untrusted certificate.
  std::optional<security::SigningIdentity> dancu_signer;
};

/// The mock external systems, each on its own port, with scenario data, a request log and
/// fault injection (sandbox/README.md). Runs on the caller's io_context.
class Sandbox {
 public:
  Sandbox(boost::asio::io_context& ioc, SandboxOptions options);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  /// Loads the scenario data of the mocks in `ports` (an error names the file, line and
  /// reason) and binds each of them. Call once.
  Result<void> start();

  /// The bound port of a started mock, 0 when it is not running.
  [[nodiscard]] std::uint16_t port(std::string_view id) const;
  /// "https" for a mock served over TLS (dancu: mutual TLS), else "http".
  [[nodiscard]] std::string_view scheme(std::string_view id) const;

  /// Ends injected waits at once, then stops every server (see http::Server::shutdown).
  boost::asio::awaitable<void> shutdown(std::chrono::milliseconds grace);

  /// Ids of the mocks this build has, e.g. {"dancu", "dkdn", "kyso", "paygov"}.
  static std::vector<std::string> known_mocks();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lienthong::sandbox
