#include "sandbox/faults.hpp"

#include <array>
#include <string>

namespace lienthong::sandbox {
namespace {

constexpr std::array<std::pair<std::string_view, FaultMode>, 8> kModes = {{
    {"http500", FaultMode::kHttp500},
    {"timeout", FaultMode::kTimeout},
    {"reset", FaultMode::kReset},
    {"session-expired", FaultMode::kSessionExpired},
    {"bad-signature", FaultMode::kBadSignature},
    {"tampered", FaultMode::kTampered},
    {"unsigned", FaultMode::kUnsigned},
    {"wrapped", FaultMode::kWrapped},
}};

std::string mode_list() {
  std::string out;
  for (const auto& [text, mode] : kModes) {
    out += (out.empty() ? "\"" : ", \"") + std::string(text) + "\"";
  }
  return out;
}

std::optional<FaultMode> mode_from(std::string_view name) {
  for (const auto& [text, mode] : kModes) {
    if (text == name) return mode;
  }
  return std::nullopt;
}

// An integer JSON value in [min, max], or nullopt (floats such as 2.5 are refused).
std::optional<std::int64_t> integer_in(const nlohmann::json& value, std::int64_t min,
                                       std::int64_t max) {
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(max)) return std::nullopt;
    const auto i = static_cast<std::int64_t>(v);
    return i >= min ? std::optional(i) : std::nullopt;
  }
  if (value.is_number_integer()) {
    const auto v = value.get<std::int64_t>();
    return v >= min && v <= max ? std::optional(v) : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(FaultMode mode) {
  for (const auto& [text, m] : kModes) {
    if (m == mode) return text;
  }
  return "?";
}

Result<FaultSettings, std::vector<FieldError>> parse_fault_settings(std::string_view body) {
  std::vector<FieldError> errors;
  const auto root = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    errors.push_back({"", "body must be a JSON object"});
    return errors;
  }

  FaultSettings settings;
  bool has_rate = false;
  for (const auto& [key, value] : root.items()) {
    const std::string pointer = "/" + key;
    if (key == "error_rate") {
      has_rate = true;
      if (!value.is_number() || value.get<double>() < 0.0 || value.get<double>() > 1.0) {
        errors.push_back({pointer, "must be a number from 0 to 1"});
      } else {
        settings.error_rate = value.get<double>();
      }
    } else if (key == "latency_ms") {
      if (auto v = integer_in(value, 0, kMaxFaultLatency.count())) {
        settings.latency = std::chrono::milliseconds(*v);
      } else {
        errors.push_back(
            {pointer, "must be an integer from 0 to " + std::to_string(kMaxFaultLatency.count())});
      }
    } else if (key == "mode") {
      auto mode = value.is_string() ? mode_from(value.get<std::string>()) : std::nullopt;
      if (mode) {
        settings.mode = mode;
      } else {
        errors.push_back({pointer, "must be one of " + mode_list()});
      }
    } else if (key == "count") {
      if (auto v = integer_in(value, 1, static_cast<std::int64_t>(kMaxFaultCount))) {
        settings.remaining = static_cast<std::uint64_t>(*v);
      } else {
        errors.push_back(
            {pointer, "must be an integer from 1 to " + std::to_string(kMaxFaultCount)});
      }
    } else {
      errors.push_back({pointer, "unknown key (known: error_rate, latency_ms, mode, count)"});
    }
  }
  if (has_rate && !root.contains("mode")) {
    errors.push_back({"/error_rate", "needs \"mode\" to say how requests fail"});
  }
  if (!errors.empty()) return errors;
  if (settings.mode && !has_rate) settings.error_rate = 1.0;
  return settings;
}

nlohmann::json to_json(const FaultSettings& settings) {
  return {{"error_rate", settings.error_rate},
          {"latency_ms", settings.latency.count()},
          {"mode", settings.mode ? nlohmann::json(to_string(*settings.mode)) : nullptr},
          {"count", settings.remaining ? nlohmann::json(*settings.remaining) : nullptr}};
}

FaultInjector::FaultInjector(std::uint32_t seed) : random_(seed) {}

void FaultInjector::set(FaultSettings settings) {
  std::lock_guard lock(mutex_);
  settings_ = settings;
}

void FaultInjector::clear() {
  set(FaultSettings{});
}

FaultSettings FaultInjector::current() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

FaultDecision FaultInjector::next(bool session_call) {
  std::lock_guard lock(mutex_);
  FaultDecision decision;
  if (settings_ == FaultSettings{}) return decision;
  decision.latency = settings_.latency;
  if (settings_.mode == FaultMode::kSessionExpired && !session_call) return decision;
  if (settings_.mode) {
    // Drawn even at rate 1 so the sequence of hits depends only on the seed and request count.
    const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
    if (draw < settings_.error_rate) decision.failure = settings_.mode;
  }
  if (settings_.remaining && --*settings_.remaining == 0) settings_ = FaultSettings{};
  return decision;
}

}  // namespace lienthong::sandbox
