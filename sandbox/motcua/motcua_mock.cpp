#include "sandbox/motcua/motcua_mock.hpp"

#include <boost/beast/core/string.hpp>

#include "sandbox/motcua/inbound_message.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::motcua {
namespace {

namespace bhttp = http::beast::http;

// Enough for any test run; the oldest ids are forgotten first.
constexpr std::size_t kRememberedAnswers = 10'000;

http::Response error(const http::Request& request, bhttp::status status, std::string_view code,
                     std::string message) {
  return json_response(request, status, {{"code", code}, {"message", std::move(message)}});
}

std::string header(const http::Request& request, std::string_view name) {
  const auto it = request.find(name);
  return it == request.end() ? std::string() : std::string(it->value());
}

bool is_json(std::string_view content_type) {
  const auto media = content_type.substr(0, content_type.find(';'));
  return boost::beast::iequals(media, "application/json");
}

}  // namespace

MotcuaMock::MotcuaMock(std::string token, std::string path)
    : token_(std::move(token)), path_(std::move(path)) {}

bool MotcuaMock::authorised(const http::Request& request) const {
  const std::string value = header(request, "Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  return value.size() > kScheme.size() &&
         boost::beast::iequals(std::string_view(value).substr(0, kScheme.size()), kScheme) &&
         std::string_view(value).substr(kScheme.size()) == token_;
}

http::Response MotcuaMock::handle(const http::Request& request) {
  if (!authorised(request)) {
    auto response = error(request, bhttp::status::unauthorized, "unauthorized",
                          "a valid bearer token is required");
    response.set(bhttp::field::www_authenticate, "Bearer");
    return response;
  }
  const std::string_view target = request.target();
  if (target.substr(0, target.find('?')) != path_) {
    return error(request, bhttp::status::not_found, "not_found", "pushes go to POST " + path_);
  }
  if (request.method() != bhttp::verb::post) {
    auto response = error(request, bhttp::status::method_not_allowed, "method_not_allowed",
                          "only POST is allowed");
    response.set(bhttp::field::allow, "POST");
    return response;
  }
  if (!is_json(header(request, "Content-Type"))) {
    return error(request, bhttp::status::unsupported_media_type, "unsupported_media_type",
                 "send application/json");
  }
  const auto message_id = header(request, "X-Message-ID");
  if (message_id.empty()) {
    return error(request, bhttp::status::bad_request, "missing_message_id",
                 "X-Message-ID is required (it de-duplicates repeated pushes)");
  }
  const auto body = nlohmann::json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
  if (auto why = check_inbound_message(header(request, "X-Lienthong-Inbound"), body)) {
    return error(request, bhttp::status::bad_request, "invalid_message", *why);
  }
  const std::lock_guard lock(mutex_);
  if (auto seen = answered_.find(message_id); seen != answered_.end()) {
    auto response =
        make_response(request, bhttp::status::ok, "application/json; charset=utf-8", seen->second);
    response.set(kDuplicateHeader, "true");
    return response;
  }
  const auto answer = dump_json({{"code", "ok"}, {"messageId", message_id}});
  answered_.emplace(message_id, answer);
  answered_order_.push_back(message_id);
  if (answered_order_.size() > kRememberedAnswers) {
    answered_.erase(answered_order_.front());
    answered_order_.pop_front();
  }
  return make_response(request, bhttp::status::ok, "application/json; charset=utf-8", answer);
}

http::Response MotcuaMock::injected_failure(const http::Request& request) {
  return error(request, bhttp::status::internal_server_error, "internal_error",
               "the provincial system is temporarily unavailable");
}

}  // namespace lienthong::sandbox::motcua
