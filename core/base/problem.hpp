#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace lienthong {

/// One located problem in caller input: a JSON Pointer into the request and why it is wrong.
struct FieldError {
  std::string pointer;
  std::string reason;
  bool operator==(const FieldError&) const = default;
};

/// What the far side said, when a problem comes from it.
struct Upstream {
  int status = 0;       ///< HTTP status from the external system (0 when none arrived)
  std::string code;     ///< its own error code (SOAP faultcode, error_code, ...)
  std::string message;  ///< its own message, safe to show (no personal data)
};

/// The kinds of failure the hub knows; each maps to exactly one HTTP status (see problem.cpp).
enum class ProblemKind {
  kMalformed,             ///< 400 body is not what the media type says
  kInvalid,               ///< 400 body parses but breaks the operation's schema
  kUnauthenticated,       ///< 401
  kForbidden,             ///< 403
  kNotFound,              ///< 404 unknown route, connector or operation
  kUpstreamNotFound,      ///< 404 the external system has no such record
  kMethodNotAllowed,      ///< 405
  kConflict,              ///< 409
  kTooLarge,              ///< 413
  kUnsupportedMediaType,  ///< 415
  kRateLimited,           ///< 429
  kInternal,              ///< 500 a bug or a broken deployment; details go to the log only
  kUpstreamError,         ///< 502 the far side failed or answered something unusable
  kUnavailable,           ///< 503
  kUpstreamTimeout,       ///< 504
  kUnprocessable,         ///< 422 well-formed, but what it asks cannot be done (a reload refused)
};

/// An RFC 9457 problem, as a value. Built at the point of failure, turned into HTTP in one place.
struct Problem {
  ProblemKind kind = ProblemKind::kInternal;
  std::string detail;
  std::vector<FieldError> errors;
  std::optional<Upstream> upstream;
  std::optional<int> retry_after_seconds;

  static Problem make(ProblemKind kind, std::string detail) {
    Problem p;
    p.kind = kind;
    p.detail = std::move(detail);
    return p;
  }
};

/// HTTP status for a problem kind.
int http_status(ProblemKind kind);
/// Stable `type` URI slug (e.g. "invalid-request") for a problem kind.
std::string_view type_slug(ProblemKind kind);
/// Short human title for a problem kind.
std::string_view title(ProblemKind kind);

/// A value or an error (a Problem unless said otherwise). Errors are values at module
/// boundaries (DESIGN habit 2).
template <class T, class E = Problem>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(E error)
      : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  E& error() & { return std::get<1>(v_); }
  const E& error() const& { return std::get<1>(v_); }
  E&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, E> v_;
};

template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(E error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool has_value() const { return !e_.has_value(); }
  explicit operator bool() const { return has_value(); }
  E& error() & { return *e_; }
  const E& error() const& { return *e_; }
  E&& error() && { return std::move(*e_); }

 private:
  std::optional<E> e_;
};

}  // namespace lienthong
