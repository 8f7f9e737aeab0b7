#include "sandbox/paygov/ipn_order.hpp"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace lienthong::sandbox::paygov {
namespace {

constexpr std::array<std::pair<std::string_view, IpnMode>, 6> kModes = {{
    {"normal", IpnMode::kNormal},
    {"twice", IpnMode::kTwice},
    {"late", IpnMode::kLate},
    {"bad-checksum", IpnMode::kBadChecksum},
    {"wrong-amount", IpnMode::kWrongAmount},
    {"never", IpnMode::kNever},
}};

}  // namespace

std::chrono::milliseconds IpnOrder::first_delay() const {
  if (delay) return *delay;
  return mode == IpnMode::kLate ? kDefaultLateDelay : std::chrono::milliseconds(0);
}

std::string_view mode_name(IpnMode mode) {
  for (const auto& [name, m] : kModes) {
    if (m == mode) return name;
  }
  return "normal";
}

Result<IpnOrder, std::vector<FieldError>> parse_ipn_order(std::string_view body) {
  std::vector<FieldError> errors;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return IpnOrder{};
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) return std::vector<FieldError>{{"", "body must be a JSON object"}};
  IpnOrder order;
  for (const auto& [key, value] : json.items()) {
    if (key == "ipn") {
      bool known = false;
      for (const auto& [name, mode] : kModes) {
        if (value.is_string() && value.get<std::string>() == name) {
          order.mode = mode;
          known = true;
        }
      }
      if (!known) {
        errors.push_back(
            {"/ipn", "must be one of normal, twice, late, bad-checksum, wrong-amount, never"});
      }
    } else if (key == "delay_ms") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
          value.get<std::int64_t>() > kMaxDelay.count()) {
        errors.push_back({"/delay_ms", "must be an integer from 0 to 600000"});
      } else {
        order.delay = std::chrono::milliseconds(value.get<std::int64_t>());
      }
    } else {
      errors.push_back({"/" + key, "unknown key (ipn, delay_ms)"});
    }
  }
  if (!errors.empty()) return errors;
  return order;
}

}  // namespace lienthong::sandbox::paygov
