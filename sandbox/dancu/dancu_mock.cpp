#include "sandbox/dancu/dancu_mock.hpp"

#include <boost/beast/core/string.hpp>

#include "sandbox/dancu/birth_date.hpp"
#include "sandbox/dancu/name_match.hpp"
#include "sandbox/dancu/soap_response.hpp"
#include "sandbox/dancu/wire.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::dancu {
namespace {

namespace bhttp = http::beast::http;
constexpr std::string_view kXml = "text/xml; charset=utf-8";

http::Response fault(const http::Request& request, const SoapFault& f) {
  return make_response(request, bhttp::status::internal_server_error, kXml, fault_envelope(f));
}

http::Response client_fault(const http::Request& request, std::string reason,
                            std::string_view code = kInvalidRequest) {
  return fault(request, {"Client", std::move(reason), std::string(code)});
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// `text/xml`, with `charset=utf-8` if a charset is given (case-insensitive, quotes allowed).
bool is_soap11_xml(std::string_view content_type) {
  const auto semi = content_type.find(';');
  if (!boost::beast::iequals(trim(content_type.substr(0, semi)), "text/xml")) return false;
  auto params = semi == std::string_view::npos ? std::string_view() : content_type.substr(semi + 1);
  while (!params.empty()) {
    const auto next = params.find(';');
    const auto param = trim(params.substr(0, next));
    params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) return false;
    if (!boost::beast::iequals(trim(param.substr(0, eq)), "charset")) continue;
    auto value = trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!boost::beast::iequals(value, "utf-8")) return false;
  }
  return true;
}

}  // namespace

DancuMock::DancuMock(CitizenRegistry registry)
    : registry_(std::move(registry)), not_found_(collection_envelope(nullptr)) {
  for (const auto& citizen : registry_.citizens()) {
    found_.emplace(citizen.so_dinh_danh, collection_envelope(&citizen));
  }
}

http::Response DancuMock::handle(const http::Request& request) {
  const std::string_view target = request.target();
  if (target != kPath) {
    return make_response(request, bhttp::status::not_found, "text/plain; charset=utf-8",
                         "Not Found");
  }
  if (request.method() != bhttp::verb::post) {
    auto response = make_response(request, bhttp::status::method_not_allowed,
                                  "text/plain; charset=utf-8", "Method Not Allowed");
    response.set(bhttp::field::allow, "POST");
    return response;
  }
  if (!is_soap11_xml(request[bhttp::field::content_type])) {
    return client_fault(request, "Content-Type phải là text/xml; charset=utf-8 (SOAP 1.1)");
  }
  const auto action = request.find("SOAPAction");
  if (action == request.end()) return client_fault(request, "Thiếu header SOAPAction");
  if (action->value() != kSoapAction) {
    return client_fault(request, "SOAPAction không đúng, phải là " + std::string(kSoapAction));
  }

  auto parsed = parse_lookup_request(request.body());
  if (!parsed) return fault(request, parsed.error());
  const auto& lookup = *parsed;
  {
    std::lock_guard lock(mutex_);
    if (!seen_request_ids_.insert(lookup.ma_yeu_cau).second) {
      return client_fault(request, "Mã yêu cầu (MaYeuCau) đã được sử dụng", kDuplicateRequestId);
    }
  }

  const auto* citizen = registry_.find(lookup.so_dinh_danh);
  if (citizen == nullptr) return make_response(request, bhttp::status::ok, kXml, not_found_);
  if (!same_name(lookup.ho_va_ten, citizen->ho_va_ten()) ||
      !birth_matches(*citizen, lookup.ngay_thang_nam, lookup.nam)) {
    return client_fault(request, "Thông tin họ tên hoặc ngày sinh không khớp với số định danh",
                        kMismatch);
  }
  return make_response(request, bhttp::status::ok, kXml, found_.at(citizen->so_dinh_danh));
}

http::Response DancuMock::injected_failure(const http::Request& request) {
  return fault(request,
               {"Server", "Hệ thống CSDL quốc gia về dân cư đang bận, vui lòng thử lại sau",
                std::string(kSystemError)});
}

}  // namespace lienthong::sandbox::dancu
