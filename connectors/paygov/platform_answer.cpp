#include "connectors/paygov/platform_answer.hpp"

namespace lienthong::connectors::paygov {
namespace {

Problem refused(ProblemKind kind, std::string detail, unsigned status, std::string code,
                std::string message) {
  Problem p = Problem::make(kind, std::move(detail));
  if (message.size() > 200) message.resize(200);
  p.upstream = Upstream{static_cast<int>(status), std::move(code), std::move(message)};
  return p;
}

std::string text_of(const nlohmann::json& answer, std::string_view key) {
  const auto it = answer.find(key);
  if (it == answer.end()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

}  // namespace

Result<nlohmann::json> read_answer(unsigned http_status, std::string_view body) {
  auto answer = nlohmann::json::parse(body, nullptr, false);
  if (http_status == 401) {
    return refused(ProblemKind::kUpstreamError,
                   "paygov refused the hub's bearer token (auth.token)", http_status, "401",
                   answer.is_object() ? text_of(answer, "message") : "");
  }
  if (!answer.is_object() || !answer.contains("error_code")) {
    return refused(
        ProblemKind::kUpstreamError,
        "paygov answered HTTP " + std::to_string(http_status) + " without a JSON error_code",
        http_status, "", "");
  }
  const std::string code = text_of(answer, "error_code");
  const std::string message = text_of(answer, "message");
  if (code == "0" && http_status >= 200 && http_status < 300) return answer;
  if (code == "01") {
    return refused(ProblemKind::kUpstreamError,
                   "paygov refused the checksum: partner.secret differs from the platform's",
                   http_status, code, message);
  }
  if (code == "04") {
    return refused(ProblemKind::kUpstreamError, "paygov does not know partner.code", http_status,
                   code, message);
  }
  if (code == "03") {
    return refused(ProblemKind::kInvalid, "paygov refused the payment's data", http_status, code,
                   message);
  }
  if (code == "05") {
    return refused(ProblemKind::kUpstreamNotFound,
                   "paygov has no such payment, or not in a state for this", http_status, code,
                   message);
  }
  if (code == "02") {
    return refused(ProblemKind::kUpstreamError, "paygov says the reference was used before",
                   http_status, code, message);
  }
  return refused(ProblemKind::kUpstreamError, "paygov failed with error_code " + code, http_status,
                 code, message);
}

Result<InitAnswer> read_init_answer(const nlohmann::json& answer) {
  const auto inner = nlohmann::json::parse(text_of(answer, "message"), nullptr, false);
  if (!inner.is_object() || !inner.contains("UrlThanhToan") || !inner["UrlThanhToan"].is_string()) {
    return Problem::make(ProblemKind::kUpstreamError,
                         "paygov's INIT answer has no UrlThanhToan in its message");
  }
  InitAnswer out;
  out.payment_url = inner["UrlThanhToan"].get<std::string>();
  if (inner.contains("ThoiHanThanhToan") && inner["ThoiHanThanhToan"].is_string()) {
    out.expires_at = inner["ThoiHanThanhToan"].get<std::string>();
  }
  return out;
}

}  // namespace lienthong::connectors::paygov
