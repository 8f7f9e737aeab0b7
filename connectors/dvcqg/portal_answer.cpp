#include "connectors/dvcqg/portal_answer.hpp"

#include "connectors/http/outgoing.hpp"

namespace lienthong::connectors::dvcqg {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kSyncService = "DongBoHoSoMC";
constexpr std::string_view kAlreadyExistsText = "đã tồn tại";

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool says_session_expired(std::string_view message) {
  const bool session = contains(message, "session") || contains(message, "Session") ||
                       contains(message, "Phiên") || contains(message, "phiên");
  return session && (contains(message, "hết hạn") || contains(message, "expired"));
}

Json parse_object(std::string_view text) {
  auto json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return json.is_object() ? json : Json();
}

}  // namespace

PortalAnswer read_answer(unsigned http_status, std::string_view body) {
  PortalAnswer answer;
  answer.http_status = http_status;
  const auto up = upstream_from_status(http_status, body);
  answer.code = up.code;
  answer.message = up.message;
  const auto json = parse_object(body);
  const auto code = json.is_object() ? json.value("error_code", Json()) : Json();
  const bool numeric = code.is_number_integer() || code.is_number_unsigned();
  if (http_status < 200 || http_status >= 300 || !numeric) return answer;  // kFailed
  const auto value = code.get<long long>();
  const auto message = json.value("message", Json()).is_string()
                           ? json["message"].get<std::string>()
                           : std::string();
  if (value == 0) {
    answer.kind = AnswerKind::kOk;
  } else if (value == 2 || says_session_expired(message)) {
    answer.kind = AnswerKind::kSessionExpired;
  } else if (contains(message, kAlreadyExistsText)) {
    answer.kind = AnswerKind::kAlreadyExists;
  } else if (value == 5) {
    answer.kind = AnswerKind::kNotFound;
  } else if (value == 3 || value == 4 || value == 6) {
    answer.kind = AnswerKind::kRefused;
  }
  return answer;
}

Problem to_problem(const PortalAnswer& answer, std::string_view connector) {
  const std::string name(connector);
  Problem p;
  switch (answer.kind) {
    case AnswerKind::kRefused:
    case AnswerKind::kAlreadyExists:
      p = Problem::make(ProblemKind::kInvalid, name + " refused the request: " + answer.message);
      break;
    case AnswerKind::kNotFound:
      p = Problem::make(ProblemKind::kUpstreamNotFound, name + " has no such record");
      break;
    case AnswerKind::kSessionExpired:
      p = Problem::make(ProblemKind::kUpstreamError,
                        name + " found the session expired again after a new login");
      break;
    case AnswerKind::kOk:
    case AnswerKind::kFailed:
      p = Problem::make(ProblemKind::kUpstreamError,
                        answer.code.empty()
                            ? name + " answered HTTP " + std::to_string(answer.http_status)
                            : name + " failed: " + answer.message);
      break;
  }
  p.upstream = Upstream{static_cast<int>(answer.http_status), answer.code, answer.message};
  return p;
}

Result<std::string> read_login_answer(unsigned http_status, std::string_view body,
                                      std::string_view connector) {
  const auto json = parse_object(body);
  if (http_status >= 200 && http_status < 300 && json.is_object() &&
      json.value("error_code", Json()) == 0 && json.value("session", Json()).is_string() &&
      !json["session"].get_ref<const std::string&>().empty()) {
    return json["session"].get<std::string>();
  }
  Problem p = Problem::make(ProblemKind::kUpstreamError,
                            std::string(connector) + " refused the hub's login");
  p.upstream = upstream_from_status(http_status, body);
  if (!p.upstream->message.empty()) p.detail += ": " + p.upstream->message;
  return p;
}

std::string login_body(const config::SessionAuthConfig& auth) {
  return Json{{"username", auth.username}, {"password", auth.password}}.dump();
}

Result<std::string> envelope(std::string_view mapped_payload, const std::string& session,
                             const std::string& madonvi) {
  auto json = parse_object(mapped_payload);
  if (!json.is_object() || !json.value("service", Json()).is_string()) {
    return Problem::make(ProblemKind::kInternal,
                         "the request mapping must produce a JSON object with a \"service\"");
  }
  json["session"] = session;
  json["madonvi"] = madonvi;
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool creates_dossiers(std::string_view mapped_payload) {
  const auto json = parse_object(mapped_payload);
  return json.is_object() && json.value("service", Json()) == kSyncService &&
         json.value("isUpdating", Json()) == false;
}

std::string as_update(std::string_view mapped_payload) {
  auto json = parse_object(mapped_payload);
  if (!json.is_object()) return std::string(mapped_payload);
  json["isUpdating"] = true;
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace lienthong::connectors::dvcqg
