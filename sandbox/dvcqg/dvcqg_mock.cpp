#include "sandbox/dvcqg/dvcqg_mock.hpp"

#include <algorithm>

#include "sandbox/dvcqg/wire.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::dvcqg {
namespace {

namespace bhttp = http::beast::http;
using Json = nlohmann::json;

constexpr std::string_view kExpiredMessage =
    "Phiên làm việc (session) đã hết hạn hoặc không hợp lệ, vui lòng đăng nhập lại";

http::Response answer(const http::Request& request, const Json& body) {
  return json_response(request, bhttp::status::ok, body);
}

http::Response failure(const http::Request& request, int code, std::string message) {
  return answer(request, Json{{"error_code", code}, {"message", std::move(message)}});
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

std::string header(const http::Request& request, std::string_view name) {
  const auto it = request.find(name);
  return it == request.end() ? std::string() : std::string(it->value());
}

}  // namespace

DvcqgMock::DvcqgMock(ProcedureCatalogue catalogue, DvcqgOptions options)
    : options_(std::move(options)),
      sessions_(options_.session_ttl, options_.clock),
      services_(std::move(catalogue)) {}

bool DvcqgMock::known_dstcode(std::string_view dstcode) const {
  return std::find(options_.dstcodes.begin(), options_.dstcodes.end(), dstcode) !=
         options_.dstcodes.end();
}

bool DvcqgMock::uses_session(const http::Request& request) const {
  return path_of(request.target()) == options_.adapter_path + std::string(kIntegrationPath);
}

http::Response DvcqgMock::handle(const http::Request& request) {
  const auto path = path_of(request.target());
  const bool is_login = path == options_.adapter_path + std::string(kLoginPath);
  if (!is_login && !uses_session(request)) {
    return json_response(request, bhttp::status::not_found,
                         {{"error_code", 404},
                          {"message", "Không tìm thấy đường dẫn; dùng POST " +
                                          options_.adapter_path + "/login hoặc /integration"}});
  }
  if (request.method() != bhttp::verb::post) {
    auto response = json_response(request, bhttp::status::method_not_allowed,
                                  {{"error_code", 405}, {"message", "Chỉ chấp nhận POST"}});
    response.set(bhttp::field::allow, "POST");
    return response;
  }
  if (!known_dstcode(header(request, kDstcodeHeader))) {
    return failure(request, kLoginRefused, "Mã tỉnh (dstcode) không hợp lệ hoặc bị thiếu");
  }
  return is_login ? login(request) : integration(request);
}

http::Response DvcqgMock::login(const http::Request& request) {
  const auto body = Json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("username") || !body.contains("password") ||
      !body["username"].is_string() || !body["password"].is_string()) {
    return failure(request, kInvalidData, "Cần username và password dạng chuỗi trong thân JSON");
  }
  if (body["username"] != options_.username || body["password"] != options_.password) {
    return failure(request, kLoginRefused, "Sai tên đăng nhập hoặc mật khẩu");
  }
  return answer(
      request, {{"error_code", kOk}, {"session", sessions_.open(header(request, kDstcodeHeader))}});
}

http::Response DvcqgMock::integration(const http::Request& request) {
  auto payload = Json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
  if (!payload.is_object()) {
    return failure(request, kInvalidData, "Thân yêu cầu phải là một đối tượng JSON");
  }
  const auto session = payload.value("session", Json());
  if (!session.is_string() ||
      !sessions_.valid(session.get<std::string>(), header(request, kDstcodeHeader))) {
    return failure(request, kSessionExpired, std::string(kExpiredMessage));
  }
  const auto agency = payload.value("madonvi", Json());
  if (!agency.is_string() || agency.get<std::string>().empty()) {
    return failure(request, kInvalidData, "Dữ liệu không hợp lệ: madonvi: bắt buộc (required)");
  }
  const auto service = payload.value("service", Json());
  if (!service.is_string()) {
    return failure(request, kInvalidData, "Dữ liệu không hợp lệ: service: bắt buộc (required)");
  }
  const auto name = service.get<std::string>();
  for (const char* key : {"session", "madonvi", "service"}) payload.erase(key);
  if (!changes_state(name)) return answer(request, services_.call(name, payload).to_json());

  const auto message_id = header(request, "X-Message-ID");
  std::lock_guard lock(apply_mutex_);
  if (auto seen = answered_.find(message_id); !message_id.empty() && seen != answered_.end()) {
    auto response =
        make_response(request, bhttp::status::ok, "application/json; charset=utf-8", seen->second);
    response.set(kDuplicateHeader, "true");
    return response;
  }
  const auto result = services_.call(name, payload);
  // Only a success is remembered: a refusal changed nothing, so its retry (after a new login,
  // or as an update after "đã tồn tại") must be served afresh.
  if (result.error_code == kOk && !message_id.empty()) {
    answered_.emplace(message_id, dump_json(result.to_json()));
    answered_order_.push_back(message_id);
    if (answered_order_.size() > kRememberedAnswers) {
      answered_.erase(answered_order_.front());
      answered_order_.pop_front();
    }
  }
  return answer(request, result.to_json());
}

http::Response DvcqgMock::injected_failure(const http::Request& request) {
  return json_response(request, bhttp::status::internal_server_error,
                       {{"error_code", kSystemError},
                        {"message", "Hệ thống Cổng DVCQG đang bận, vui lòng thử lại sau"}});
}

http::Response DvcqgMock::injected_session_expiry(const http::Request& request) {
  const auto payload = Json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
  if (payload.is_object() && payload.contains("session") && payload["session"].is_string()) {
    sessions_.expire(payload["session"].get<std::string>());
  }
  return failure(request, kSessionExpired, std::string(kExpiredMessage));
}

}  // namespace lienthong::sandbox::dvcqg
