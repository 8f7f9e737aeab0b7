#pragma once

#include <openssl/x509.h>

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <ctime>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "core/base/problem.hpp"
#include "core/security/ocsp/ocsp_cache.hpp"
#include "core/security/ocsp/ocsp_request.hpp"
#include "core/security/ocsp/ocsp_status.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::security {

/// Sends a DER OCSPRequest to `url` and returns the DER OCSPResponse body. Any failure
/// (connection, timeout, HTTP status other than 200, wrong content type) is a Problem. Injected
/// so that this library does not depend on the HTTP library; the hub wires it to
/// http::HttpClient (POST, `Content-Type: application/ocsp-request`).
using OcspTransport = std::function<boost::asio::awaitable<Result<std::string>>(
    const std::string& url, std::string der_request)>;

struct OcspCheckerOptions {
  Certificates trust_anchors;  ///< roots that responder chains must reach
  Certificates intermediates;  ///< extra helpers for those chains (the issuer is always used)
  std::string responder_url;   ///< overrides the certificates' AIA URL when not empty
  bool send_nonce = true;
  std::chrono::seconds clock_skew{300};
  std::chrono::seconds max_age{3600};  ///< for answers without nextUpdate (never cached)
  std::size_t cache_capacity = 4096;
  std::function<std::time_t()> clock;  ///< default: std::time(nullptr)
};

/// The hub's OCSP client (RFC 6960 / RFC 5019): asks whether a certificate is revoked, checks
/// the answer (see evaluate_ocsp_response()) and caches it until its nextUpdate. Copies share
/// the configuration and the cache; thread-safe.
class OcspChecker {
 public:
  OcspChecker(OcspCheckerOptions options, OcspTransport transport);

  /// The whole check: cache, request, transport, verification. `cert` and `issuer` must stay
  /// alive until the awaitable completes (co_await it at once). Never throws for bad input or
  /// a bad answer; a transport that throws counts as unreachable.
  boost::asio::awaitable<OcspOutcome> check(X509* cert, X509* issuer) const;

  /// Step 1 without I/O: a cached answer or an error (done), or the request to send.
  [[nodiscard]] std::variant<OcspOutcome, OcspRequest> prepare(X509* cert, X509* issuer) const;

  /// Step 2 without I/O: checks what the transport brought and caches a valid answer.
  [[nodiscard]] OcspOutcome complete(const OcspRequest& request, X509* issuer,
                                     const Result<std::string>& transport_result) const;

  /// The cached answer for `cert`, if one is still fresh (no I/O; for synchronous hooks).
  [[nodiscard]] std::optional<OcspAnswer> cached(X509* cert, X509* issuer) const;

  [[nodiscard]] OcspCache& cache() const;
  [[nodiscard]] std::time_t now() const;

 private:
  [[nodiscard]] const OcspTransport& transport() const;

  struct State;
  std::shared_ptr<State> state_;
};

inline boost::asio::awaitable<OcspOutcome> OcspChecker::check(X509* cert, X509* issuer) const {
  // Hold the state and the certificates across the suspension.
  const OcspChecker self = *this;
  const X509Ptr held_cert = share(cert);
  const X509Ptr held_issuer = share(issuer);
  auto prepared = self.prepare(held_cert.get(), held_issuer.get());
  if (auto* done = std::get_if<OcspOutcome>(&prepared)) co_return std::move(*done);
  const auto& request = std::get<OcspRequest>(prepared);
  std::optional<Result<std::string>> body;
  try {
    body.emplace(co_await self.transport()(request.url, request.der));
  } catch (const std::exception& e) {
    body.emplace(Problem::make(ProblemKind::kUpstreamError, e.what()));
  }
  co_return self.complete(request, held_issuer.get(), *body);
}

}  // namespace lienthong::security
