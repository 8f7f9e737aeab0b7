#include "core/security/ocsp/ocsp_checker.hpp"

#include <vector>

#include "core/log/log.hpp"
#include "core/security/ocsp/ocsp_response.hpp"

namespace lienthong::security {

struct OcspChecker::State {
  State(OcspCheckerOptions o, OcspTransport t)
      : options(std::move(o)),
        transport(std::move(t)),
        cache(options.cache_capacity),
        anchors(raw(options.trust_anchors)),
        intermediates(raw(options.intermediates)) {}

  OcspCheckerOptions options;
  OcspTransport transport;
  OcspCache cache;
  std::vector<X509*> anchors;        // borrowed from options
  std::vector<X509*> intermediates;  // borrowed from options
};

OcspChecker::OcspChecker(OcspCheckerOptions options, OcspTransport transport)
    : state_(std::make_shared<State>(std::move(options), std::move(transport))) {}

const OcspTransport& OcspChecker::transport() const {
  return state_->transport;
}

OcspCache& OcspChecker::cache() const {
  return state_->cache;
}

std::time_t OcspChecker::now() const {
  return state_->options.clock ? state_->options.clock() : std::time(nullptr);
}

std::optional<OcspAnswer> OcspChecker::cached(X509* cert, X509* issuer) const {
  auto id = make_ocsp_cert_id(cert, issuer);
  if (!id) return std::nullopt;
  return state_->cache.find(ocsp_cache_key(id->get()), now());
}

std::variant<OcspOutcome, OcspRequest> OcspChecker::prepare(X509* cert, X509* issuer) const {
  const auto& o = state_->options;
  auto request = build_ocsp_request(cert, issuer, o.responder_url, o.send_nonce);
  if (!request) return OcspOutcome(std::move(request).error());
  if (auto hit = state_->cache.find(request->cache_key, now())) return OcspOutcome(*hit);
  return std::move(*request);
}

OcspOutcome OcspChecker::complete(const OcspRequest& request, X509* issuer,
                                  const Result<std::string>& transport_result) const {
  if (!transport_result) {
    log::warn("ocsp.unreachable",
              {{"serial", request.serial}, {"detail", transport_result.error().detail}});
    return OcspError{OcspErrorKind::kUnreachable, transport_result.error().detail, request.serial};
  }
  const auto& o = state_->options;
  const std::time_t at = now();
  OcspResponseCheck check{state_->anchors, state_->intermediates, issuer, at, o.clock_skew,
                          o.max_age};
  OcspOutcome outcome = evaluate_ocsp_response(*transport_result, request, check);
  if (outcome) {
    state_->cache.store(request.cache_key, *outcome, at);
    log::debug("ocsp.answer",
               {{"serial", request.serial}, {"status", std::string(to_string(outcome->status))}});
  } else {
    log::warn("ocsp.bad_answer", {{"serial", request.serial}, {"detail", outcome.error().detail}});
  }
  return outcome;
}

}  // namespace lienthong::security
