#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <string_view>

#include "core/security/certificates/trust_store.hpp"
#include "core/security/ocsp/ocsp_checker.hpp"
#include "core/security/ocsp/ocsp_policy.hpp"

namespace lienthong::security {

/// ocsp_verdict() in the TrustStore hook's terms: revoked → {revoked, "keyCompromise at T"};
/// refused by the policy → {not revoked, reason} ("certificate revocation status unknown: ...").
Result<void, RevocationFailure> to_revocation_result(const OcspOutcome& outcome, OcspPolicy policy,
                                                     std::string_view what = "certificate");

/// A TrustStore hook that answers from the checker's cache only, never doing I/O: for code that
/// ran `co_await checker.check(cert, issuer)` before the (synchronous) verification. No cached
/// answer counts as "not checked", which hard-fail refuses and soft-fail lets through.
RevocationCheck cached_ocsp_revocation_check(OcspChecker checker, OcspPolicy policy);

namespace detail {

inline boost::asio::awaitable<void> run_ocsp_check(
    OcspChecker checker, X509Ptr cert, X509Ptr issuer,
    std::shared_ptr<std::promise<OcspOutcome>> done) {
  try {
    done->set_value(co_await checker.check(cert.get(), issuer.get()));
  } catch (const std::exception& e) {
    done->set_value(OcspError{OcspErrorKind::kUnreachable, e.what(), serial_hex(cert.get())});
  }
}

}  // namespace detail

/// A TrustStore hook that runs the full check on `io` (the I/O executor the transport needs)
/// and blocks the calling thread until it ends or `timeout` passes (then: unreachable); a fresh
/// cached answer is used at once, without blocking. Call
/// only where blocking is allowed, i.e. from the worker pool where signature verification runs,
/// never from a thread running `io` (that would wait on itself).
template <class Executor>
RevocationCheck blocking_ocsp_revocation_check(OcspChecker checker, OcspPolicy policy, Executor io,
                                               std::chrono::milliseconds timeout) {
  return [checker = std::move(checker), policy, io, timeout](X509* cert, X509* issuer) {
    // A fresh cached answer needs no trip through the I/O executor.
    if (auto hit = checker.cached(cert, issuer)) return to_revocation_result(*hit, policy);
    auto done = std::make_shared<std::promise<OcspOutcome>>();
    auto answer = done->get_future();
    // The certificates are shared, so an abandoned (timed out) check can still finish safely.
    boost::asio::co_spawn(io, detail::run_ocsp_check(checker, share(cert), share(issuer), done),
                          boost::asio::detached);
    if (answer.wait_for(timeout) != std::future_status::ready) {
      return to_revocation_result(
          OcspError{OcspErrorKind::kUnreachable,
                    "no answer within " + std::to_string(timeout.count()) + " ms",
                    serial_hex(cert)},
          policy);
    }
    return to_revocation_result(answer.get(), policy);
  };
}

}  // namespace lienthong::security
