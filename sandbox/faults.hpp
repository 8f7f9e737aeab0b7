#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::sandbox {

/// How an injected failure shows: an error answer in the mock's own style, no answer for a
/// long time, a connection reset without an answer, or (mocks with login sessions only) the
/// caller's session found expired. The message-security modes change the signature of an
/// otherwise normal answer (mocks that sign nothing answer normally): signed with another key
/// (`bad-signature`), altered after signing (`tampered`), not signed at all (`unsigned`), or a
/// signature-wrapping attack (`wrapped`: the signed Body moved into the Header and a forged
/// Body in its place).
enum class FaultMode {
  kHttp500,
  kTimeout,
  kReset,
  kSessionExpired,
  kBadSignature,
  kTampered,
  kUnsigned,
  kWrapped
};

std::string_view to_string(FaultMode mode);

/// One way of failing within a mix: `mode` for a share `error_rate` of business requests.
struct FaultPart {
  FaultMode mode = FaultMode::kHttp500;
  double error_rate = 0.0;

  bool operator==(const FaultPart&) const = default;
};

/// What a tester asked for with `POST /_sandbox/faults`: one `mode` at `error_rate`, or a mix
/// of several (`modes`), never both.
struct FaultSettings {
  /// Share of business requests that fail with `mode` (0..1). 1 when `mode` is given alone.
  double error_rate = 0.0;
  /// Added before every business answer (failed or not).
  std::chrono::milliseconds latency{0};
  std::optional<FaultMode> mode;
  /// Several modes at once, each its own share; the shares add up to at most 1. Empty unless
  /// `modes` was given (then `mode` is unset and `error_rate` 0).
  std::vector<FaultPart> mix;
  /// Business requests still affected; nullopt = until cleared.
  std::optional<std::uint64_t> remaining;

  bool operator==(const FaultSettings&) const = default;
};

inline constexpr std::chrono::milliseconds kMaxFaultLatency{60'000};
inline constexpr std::uint64_t kMaxFaultCount = 1'000'000;

/// Parses `{"error_rate":0.3,"latency_ms":200,"mode":"http500|timeout|reset|...","count":N}`
/// or, for a mix, `{"modes":[{"mode":"http500","error_rate":0.3},{"mode":"reset",...}],...}`
/// (every key optional). Strict: unknown keys, wrong types, out-of-range values, a mode twice,
/// `session-expired` or a signature mode in a mix, shares above 1 in sum and `modes` next to
/// `mode`/`error_rate` are all reported, each with its JSON Pointer.
Result<FaultSettings, std::vector<FieldError>> parse_fault_settings(std::string_view body);

/// The settings as `GET /_sandbox/faults` shows them (`mode` and `count` null when unset;
/// `modes` only when a mix is set).
nlohmann::json to_json(const FaultSettings& settings);

/// What to do with one business request.
struct FaultDecision {
  std::chrono::milliseconds latency{0};
  std::optional<FaultMode> failure;
};

/// The current fault setting of one mock and the seeded random source that decides hits, so a
/// run with the same seed and the same requests fails the same ones. Thread-safe.
class FaultInjector {
 public:
  explicit FaultInjector(std::uint32_t seed);

  void set(FaultSettings settings);
  void clear();
  [[nodiscard]] FaultSettings current() const;

  /// Decides the fate of the next business request and counts it against `remaining`.
  /// `session_call` says whether the request rides on a login session: `session-expired`
  /// applies to those only, and other requests neither fail nor count against `remaining`.
  FaultDecision next(bool session_call = false);

 private:
  mutable std::mutex mutex_;
  FaultSettings settings_;
  std::mt19937 random_;
};

}  // namespace lienthong::sandbox
