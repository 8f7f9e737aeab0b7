#include "core/delivery/classify.hpp"

namespace lienthong::delivery {
namespace {

constexpr std::string_view kDeliverStage = "deliver";

// The far side's HTTP status, when an answer arrived.
Verdict classify_upstream_status(const Upstream& up) {
  const int status = up.status;
  if (status == 0) return Verdict::kRetry;  // no answer: connection refused, reset, ...
  if (status == 408 || status == 429) return Verdict::kRetry;
  if (status >= 500) {
    // A SOAP fault blames the sender ("Client"): it will refuse the same envelope again.
    const bool client_fault = up.code.ends_with("Client") || up.code.ends_with("Sender");
    return client_fault ? Verdict::kDead : Verdict::kRetry;
  }
  if (status >= 400) return Verdict::kDead;  // a refusal of this very request
  // 2xx carrying a failure in the far side's own terms (e.g. an error_code, or a session that
  // expired again right after a new login): the system is up, try again later.
  return Verdict::kRetry;
}

}  // namespace

Verdict classify(std::string_view stage, const Problem& problem) {
  if (stage != kDeliverStage) return Verdict::kDead;
  switch (problem.kind) {
    case ProblemKind::kUpstreamTimeout:
    case ProblemKind::kUnavailable:
    case ProblemKind::kRateLimited:
      return Verdict::kRetry;
    case ProblemKind::kUpstreamError:
      return problem.upstream ? classify_upstream_status(*problem.upstream) : Verdict::kRetry;
    default:
      // kInvalid (the far side refused it), kUpstreamNotFound, kInternal (a broken mapping or
      // deployment), and every caller-side kind.
      return Verdict::kDead;
  }
}

bool counts_as_outage(const Problem& problem) {
  if (classify(kDeliverStage, problem) == Verdict::kDead) return false;
  if (problem.kind == ProblemKind::kUpstreamTimeout) return true;
  if (problem.kind != ProblemKind::kUpstreamError) return false;  // the hub's own refusals
  return !problem.upstream || problem.upstream->status == 0 || problem.upstream->status >= 500;
}

std::string_view error_class(std::string_view stage, const Problem& problem) {
  if (stage == "verify") return "signature";
  if (stage.starts_with("map")) return "mapping";
  if (stage == "validate" || stage == "admit") return "invalid";
  switch (problem.kind) {
    case ProblemKind::kUpstreamTimeout:
      return "timeout";
    case ProblemKind::kRateLimited:
      return "rate_limited";
    case ProblemKind::kUnavailable:
      return problem.upstream ? "unreachable" : "circuit_open";
    case ProblemKind::kUpstreamNotFound:
      return "not_found";
    case ProblemKind::kUpstreamError: {
      const int status = problem.upstream ? problem.upstream->status : 0;
      if (status == 0) return "unreachable";
      if (status == 429) return "rate_limited";
      if (status >= 500) {
        return classify_upstream_status(*problem.upstream) == Verdict::kDead ? "refused"
                                                                             : "upstream_5xx";
      }
      if (status >= 400) return "refused";
      return "waiting";
    }
    case ProblemKind::kInvalid:
    case ProblemKind::kMalformed:
    case ProblemKind::kUnsupportedMediaType:
    case ProblemKind::kTooLarge:
      return stage == kDeliverStage ? "refused" : "invalid";
    default:
      return "internal";
  }
}

std::string_view to_string(Verdict verdict) {
  return verdict == Verdict::kRetry ? "retry" : "dead";
}

}  // namespace lienthong::delivery
