#include "sandbox/motcua/inbound_message.hpp"

#include <array>
#include <regex>

#include "core/schema/vn_identifiers.hpp"

namespace lienthong::sandbox::motcua {
namespace {

using Json = nlohmann::json;

// ../shared/domain/EXTERNAL-SYSTEMS.md: "receiving 1, new 2, ... done 10".
constexpr std::array<std::string_view, 10> kStates = {
    "receiving", "new",       "denied",     "processing", "waiting",
    "paying",    "cancelled", "unresolved", "releasing",  "done"};

std::optional<std::string> check_member(const std::string& key, const Json& value) {
  if (key == "event") {
    if (value != "dossier-status") return "event must be dossier-status";
  } else if (key == "source") {
    if (value != "dvcqg") return "source must be dvcqg";
  } else if (key == "dossierCode") {
    if (!value.is_string()) return "dossierCode must be a string";
    if (auto why = schema::check_dossier_code(value.get<std::string>())) {
      return "dossierCode: " + *why;
    }
  } else if (key == "status") {
    if (!value.is_number_integer() || value.get<int>() < 1 || value.get<int>() > 10) {
      return "status must be an integer 1-10";
    }
  } else if (key == "state") {
    if (!value.is_string() || portal_state_code(value.get<std::string>()) == 0) {
      return "state must be one of the portal's ten state words";
    }
  } else if (key == "changedAt") {
    // The hub speaks ISO 8601 in Vietnam time.
    static const std::regex kIso(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$)");
    if (!value.is_string() || !std::regex_match(value.get<std::string>(), kIso)) {
      return "changedAt must be yyyy-MM-ddTHH:mm:ss+07:00";
    }
  } else if (key == "note") {
    if (!value.is_string()) return "note must be a string";
  } else {
    return "unknown member " + key;
  }
  return std::nullopt;
}

}  // namespace

int portal_state_code(std::string_view state) {
  for (std::size_t i = 0; i < kStates.size(); ++i) {
    if (kStates[i] == state) return static_cast<int>(i) + 1;
  }
  return 0;
}

std::optional<std::string> check_inbound_message(std::string_view flow, const Json& body) {
  if (flow != kStatusCallbackFlow) return "unknown flow " + std::string(flow);
  if (!body.is_object()) return "the body must be a JSON object";
  for (const char* key : {"event", "source", "dossierCode", "status", "state"}) {
    if (!body.contains(key)) return std::string(key) + " is required";
  }
  for (const auto& [key, value] : body.items()) {
    if (auto why = check_member(key, value)) return why;
  }
  if (portal_state_code(body["state"].get<std::string>()) != body["status"].get<int>()) {
    return "state and status disagree";
  }
  return std::nullopt;
}

}  // namespace lienthong::sandbox::motcua
