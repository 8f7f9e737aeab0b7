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

bool is_rate(const nlohmann::json& value) {
  return value.is_number() && value.get<double>() >= 0.0 && value.get<double>() <= 1.0;
}

// `modes`: [{"mode", "error_rate"}, ...], each mode once, shares summing to at most 1.
// session-expired is refused here: it applies to session calls only, which a share of all
// requests cannot express.
std::vector<FaultPart> parse_mix(const nlohmann::json& value, std::vector<FieldError>& errors) {
  std::vector<FaultPart> mix;
  if (!value.is_array() || value.empty()) {
    errors.push_back({"/modes", "must be a non-empty array of {\"mode\", \"error_rate\"}"});
    return mix;
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = "/modes/" + std::to_string(i);
    const auto& part = value[i];
    if (!part.is_object()) {
      errors.push_back({at, "must be an object {\"mode\", \"error_rate\"}"});
      continue;
    }
    FaultPart p;
    bool ok = part.contains("mode") && part.contains("error_rate");
    if (!ok) errors.push_back({at, "needs both \"mode\" and \"error_rate\""});
    for (const auto& [key, v] : part.items()) {
      if (key == "mode") {
        auto mode = v.is_string() ? mode_from(v.get<std::string>()) : std::nullopt;
        if (!mode) {
          errors.push_back({at + "/mode", "must be one of " + mode_list()});
          ok = false;
        } else if (*mode == FaultMode::kSessionExpired) {
          errors.push_back({at + "/mode", "session-expired cannot be mixed (use \"mode\" alone)"});
          ok = false;
        } else {
          p.mode = *mode;
        }
      } else if (key == "error_rate") {
        if (is_rate(v)) {
          p.error_rate = v.get<double>();
        } else {
          errors.push_back({at + "/error_rate", "must be a number from 0 to 1"});
          ok = false;
        }
      } else {
        errors.push_back({at + "/" + key, "unknown key (known: mode, error_rate)"});
        ok = false;
      }
    }
    if (!ok) continue;
    for (const auto& earlier : mix) {
      if (earlier.mode == p.mode) {
        errors.push_back({at + "/mode", "appears twice"});
        ok = false;
      }
    }
    if (!ok) continue;
    sum += p.error_rate;
    mix.push_back(p);
  }
  // A little slack for decimal shares such as 0.3 + 0.6 + 0.1 that do not add up exactly.
  if (sum > 1.0 + 1e-9) errors.push_back({"/modes", "the error_rate shares add up to more than 1"});
  return mix;
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
      if (!is_rate(value)) {
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
    } else if (key == "modes") {
      settings.mix = parse_mix(value, errors);
    } else {
      errors.push_back(
          {pointer, "unknown key (known: error_rate, latency_ms, mode, modes, count)"});
    }
  }
  if (root.contains("modes") && (root.contains("mode") || has_rate)) {
    errors.push_back({"/modes", "either \"mode\" (with \"error_rate\") or \"modes\", not both"});
  } else if (has_rate && !root.contains("mode")) {
    errors.push_back({"/error_rate", "needs \"mode\" to say how requests fail"});
  }
  if (!errors.empty()) return errors;
  if (settings.mode && !has_rate) settings.error_rate = 1.0;
  return settings;
}

nlohmann::json to_json(const FaultSettings& settings) {
  nlohmann::json json = {
      {"error_rate", settings.error_rate},
      {"latency_ms", settings.latency.count()},
      {"mode", settings.mode ? nlohmann::json(to_string(*settings.mode)) : nullptr},
      {"count", settings.remaining ? nlohmann::json(*settings.remaining) : nullptr}};
  for (const auto& part : settings.mix) {
    json["modes"].push_back({{"mode", to_string(part.mode)}, {"error_rate", part.error_rate}});
  }
  return json;
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
  } else if (!settings_.mix.empty()) {
    // One draw per request, the shares laid end to end: the modes exclude each other.
    const double draw = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
    double end = 0.0;
    for (const auto& part : settings_.mix) {
      end += part.error_rate;
      if (draw < end) {
        decision.failure = part.mode;
        break;
      }
    }
  }
  if (settings_.remaining && --*settings_.remaining == 0) settings_ = FaultSettings{};
  return decision;
}

}  // namespace lienthong::sandbox
