#include "sandbox/dkdn/dkdn_mock.hpp"

#include <boost/beast/core/string.hpp>
#include <optional>
#include <variant>

#include "core/http/url.hpp"
#include "core/schema/vn_identifiers.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::dkdn {
namespace {

namespace bhttp = http::beast::http;

http::Response error(const http::Request& request, bhttp::status status, std::string_view code,
                     std::string message) {
  return json_response(request, status, {{"error", code}, {"message", std::move(message)}});
}

// The `msdn` query parameter, or why it cannot be read.
struct MsdnError {
  std::string reason;
};
std::variant<std::string, MsdnError> msdn_of(std::string_view target) {
  const auto q = target.find('?');
  std::optional<std::string> msdn;
  std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const auto eq = pair.find('=');
    bool ok = true;
    if (http::url_decode(pair.substr(0, eq), &ok) != "msdn" || !ok) continue;
    if (msdn) return MsdnError{"msdn is given more than once"};
    msdn =
        eq == std::string_view::npos ? std::string() : http::url_decode(pair.substr(eq + 1), &ok);
    if (!ok) return MsdnError{"msdn is not valid percent-encoding"};
  }
  if (!msdn || msdn->empty()) return MsdnError{"query parameter msdn is required"};
  return *msdn;
}

}  // namespace

DkdnMock::DkdnMock(const EnterpriseRegistry& registry, std::string token)
    : token_(std::move(token)) {
  for (const auto& record : registry.records()) {
    nlohmann::json body = {{"GetEntCert", nlohmann::json::array({record})}};
    answers_.emplace(record.at("MaSoDoanhNghiep").get<std::string>(), dump_json(body));
  }
}

bool DkdnMock::authorised(const http::Request& request) const {
  const auto it = request.find(bhttp::field::authorization);
  if (it == request.end()) return false;
  const std::string_view value = it->value();
  constexpr std::string_view kScheme = "Bearer ";
  return value.size() > kScheme.size() &&
         boost::beast::iequals(value.substr(0, kScheme.size()), kScheme) &&
         value.substr(kScheme.size()) == token_;
}

http::Response DkdnMock::handle(const http::Request& request) {
  // A gateway authenticates before it looks at anything else.
  if (!authorised(request)) {
    auto response = error(request, bhttp::status::unauthorized, "unauthorized",
                          "a valid bearer token is required");
    response.set(bhttp::field::www_authenticate, "Bearer");
    return response;
  }
  const std::string_view target = request.target();
  if (target.substr(0, target.find('?')) != kLookupPath) {
    return error(request, bhttp::status::not_found, "not_found",
                 "no such resource; use GET " + std::string(kLookupPath) + "?msdn=");
  }
  if (request.method() != bhttp::verb::get) {
    auto response = error(request, bhttp::status::method_not_allowed, "method_not_allowed",
                          "only GET is allowed");
    response.set(bhttp::field::allow, "GET");
    return response;
  }
  auto msdn = msdn_of(target);
  if (auto* bad = std::get_if<MsdnError>(&msdn)) {
    return error(request, bhttp::status::bad_request, "invalid_msdn", bad->reason);
  }
  const auto& code = std::get<std::string>(msdn);
  if (auto why = schema::check_tax_code(code)) {
    return error(request, bhttp::status::bad_request, "invalid_msdn", *why);
  }
  const auto found = answers_.find(code);
  if (found == answers_.end()) {
    return json_response(request, bhttp::status::ok, {{"GetEntCert", nullptr}});
  }
  return make_response(request, bhttp::status::ok, "application/json; charset=utf-8",
                       found->second);
}

http::Response DkdnMock::injected_failure(const http::Request& request) {
  return error(request, bhttp::status::internal_server_error, "internal_error",
               "the business registry is temporarily unavailable");
}

}  // namespace lienthong::sandbox::dkdn
