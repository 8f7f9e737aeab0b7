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

bool is_local_iso(const Json& value) {
  static const std::regex kIso(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$)");
  return value.is_string() && std::regex_match(value.get<std::string>(), kIso);
}

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
    if (!is_local_iso(value)) {
      return "changedAt must be yyyy-MM-ddTHH:mm:ss+07:00";
    }
  } else if (key == "note") {
    if (!value.is_string()) return "note must be a string";
  } else {
    return "unknown member " + key;
  }
  return std::nullopt;
}

// A payment event (issue 10: the canonical {event, paymentId, dossierCode, amount, ...}): the
// time member its event names, the bank's transaction id only with a payment.
std::optional<std::string> check_payment_event(const Json& body) {
  for (const char* key : {"event", "paymentId", "dossierCode", "amount"}) {
    if (!body.contains(key)) return std::string(key) + " is required";
  }
  const auto& event = body["event"];
  std::string time_key;
  if (event == "payment-paid") {
    time_key = "paidAt";
  } else if (event == "payment-cancelled") {
    time_key = "cancelledAt";
  } else if (event == "payment-expired") {
    time_key = "expiredAt";
  } else {
    return "event must be payment-paid, payment-cancelled or payment-expired";
  }
  if (!body.contains(time_key)) return time_key + " is required with " + event.get<std::string>();
  for (const auto& [key, value] : body.items()) {
    if (key == "event") continue;
    if (key == "paymentId") {
      if (!value.is_string() || value.get<std::string>().empty()) return "paymentId: a string";
    } else if (key == "dossierCode") {
      if (!value.is_string()) return "dossierCode must be a string";
      if (auto why = schema::check_dossier_code(value.get<std::string>())) {
        return "dossierCode: " + *why;
      }
    } else if (key == "amount") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
        return "amount must be a whole number of VND";
      }
    } else if (key == time_key) {
      if (!is_local_iso(value)) return key + " must be yyyy-MM-ddTHH:mm:ss+07:00";
    } else if (key == "bankTransactionId" && event == "payment-paid") {
      if (!value.is_string()) return "bankTransactionId must be a string";
    } else {
      return "unknown member " + key + " in " + event.get<std::string>();
    }
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
  if (flow != kStatusCallbackFlow && flow != kPaymentFlow) {
    return "unknown flow " + std::string(flow);
  }
  if (!body.is_object()) return "the body must be a JSON object";
  if (flow == kPaymentFlow) return check_payment_event(body);
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
