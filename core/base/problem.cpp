#include "core/base/problem.hpp"

namespace lienthong {
namespace {

struct KindInfo {
  int status;
  std::string_view slug;
  std::string_view title;
};

KindInfo info(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kMalformed:
      return {400, "malformed-request", "Malformed request"};
    case ProblemKind::kInvalid:
      return {400, "invalid-request", "Invalid request"};
    case ProblemKind::kUnauthenticated:
      return {401, "unauthenticated", "Unauthenticated"};
    case ProblemKind::kForbidden:
      return {403, "forbidden", "Forbidden"};
    case ProblemKind::kNotFound:
      return {404, "not-found", "Not found"};
    case ProblemKind::kUpstreamNotFound:
      return {404, "upstream-not-found", "Not found in the external system"};
    case ProblemKind::kMethodNotAllowed:
      return {405, "method-not-allowed", "Method not allowed"};
    case ProblemKind::kConflict:
      return {409, "conflict", "Conflict"};
    case ProblemKind::kTooLarge:
      return {413, "payload-too-large", "Payload too large"};
    case ProblemKind::kUnsupportedMediaType:
      return {415, "unsupported-media-type", "Unsupported media type"};
    case ProblemKind::kRateLimited:
      return {429, "rate-limited", "Too many requests"};
    case ProblemKind::kInternal:
      return {500, "internal-error", "Internal error"};
    case ProblemKind::kUpstreamError:
      return {502, "upstream-error", "External system error"};
    case ProblemKind::kUnavailable:
      return {503, "unavailable", "Service unavailable"};
    case ProblemKind::kUpstreamTimeout:
      return {504, "upstream-timeout", "External system timed out"};
    case ProblemKind::kUnprocessable:
      return {422, "unprocessable", "Unprocessable request"};
  }
  return {500, "internal-error", "Internal error"};
}

}  // namespace

int http_status(ProblemKind kind) {
  return info(kind).status;
}
std::string_view type_slug(ProblemKind kind) {
  return info(kind).slug;
}
std::string_view title(ProblemKind kind) {
  return info(kind).title;
}

}  // namespace lienthong
