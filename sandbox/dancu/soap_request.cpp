#include "sandbox/dancu/soap_request.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <pugixml.hpp>
#include <vector>

#include "core/schema/vn_identifiers.hpp"
#include "sandbox/dancu/birth_date.hpp"
#include "sandbox/dancu/wire.hpp"
#include "sandbox/dancu/xml_names.hpp"

namespace lienthong::sandbox::dancu {
namespace {

constexpr std::array<std::string_view, 9> kFields = {"MaYeuCau", "MaDVC",        "MaTichHop",
                                                     "MaCanBo",  "SoDinhDanh",   "SoCMND",
                                                     "HoVaTen",  "NgayThangNam", "Nam"};
constexpr std::array<std::string_view, 6> kRequired = {"MaYeuCau", "MaDVC",      "MaTichHop",
                                                       "MaCanBo",  "SoDinhDanh", "HoVaTen"};

SoapFault invalid(std::string reason) {
  return {"Client", "Yêu cầu không hợp lệ: " + std::move(reason), std::string(kInvalidRequest)};
}

bool has_text(pugi::xml_node node) {
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      if (std::string_view(child.value()).find_first_not_of(" \t\r\n") != std::string_view::npos) {
        return true;
      }
    }
  }
  return false;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The Body element of a SOAP 1.1 envelope, or the fault explaining why there is none.
Result<pugi::xml_node, SoapFault> body_of(const pugi::xml_document& doc) {
  for (auto node : doc.children()) {
    if (node.type() == pugi::node_doctype) return invalid("không chấp nhận DOCTYPE");
  }
  const auto envelope = doc.document_element();
  const auto name = expanded_name(envelope);
  if (!name || name->local != "Envelope") return invalid("phần tử gốc phải là soap:Envelope");
  if (name->ns == kSoap12EnvelopeNs) {
    return SoapFault{"VersionMismatch", "Chỉ hỗ trợ SOAP 1.1", std::string(kInvalidRequest)};
  }
  if (name->ns != kSoapEnvelopeNs) return invalid("Envelope không thuộc namespace SOAP 1.1");
  if (has_text(envelope)) return invalid("Envelope chứa văn bản lạ");

  pugi::xml_node body;
  bool seen_header = false;
  for (auto child : envelope.children()) {
    if (child.type() != pugi::node_element) continue;
    if (is_element(child, kSoapEnvelopeNs, "Header") && !seen_header && !body) {
      seen_header = true;
    } else if (is_element(child, kSoapEnvelopeNs, "Body") && !body) {
      body = child;
    } else {
      return invalid("Envelope chỉ được chứa một Header (tùy chọn) rồi một Body");
    }
  }
  if (!body) return invalid("thiếu soap:Body");
  return body;
}

// The text of each known child of the operation element; problems for anything else.
std::map<std::string_view, std::string> fields_of(pugi::xml_node operation,
                                                  std::vector<std::string>& problems) {
  std::map<std::string_view, std::string> values;
  if (has_text(operation)) problems.emplace_back("TraCuuThongTinCongDan chứa văn bản lạ");
  for (auto field : operation.children()) {
    if (field.type() != pugi::node_element) continue;
    const auto name = expanded_name(field);
    const auto known = name && name->ns == kDancuNs
                           ? std::find(kFields.begin(), kFields.end(), name->local)
                           : kFields.end();
    if (known == kFields.end()) {
      problems.push_back("phần tử không được phép: " + std::string(field.name()));
    } else if (field.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; })) {
      problems.push_back(std::string(*known) + " phải là giá trị đơn");
    } else if (!values.emplace(*known, field.text().get()).second) {
      problems.push_back(std::string(*known) + " xuất hiện nhiều lần");
    }
  }
  return values;
}

LookupRequest request_from(std::map<std::string_view, std::string>& values,
                           std::vector<std::string>& problems) {
  for (auto key : kRequired) {
    if (trim(values[key]).empty()) problems.push_back("thiếu " + std::string(key));
  }
  // Empty optional elements count as absent: mappings often write <SoCMND/> for "none".
  auto optional = [&](std::string_view key) -> std::optional<std::string> {
    auto it = values.find(key);
    if (it == values.end() || trim(it->second).empty()) return std::nullopt;
    return it->second;
  };
  LookupRequest request;
  request.ma_yeu_cau = values["MaYeuCau"];
  request.ma_dvc = values["MaDVC"];
  request.ma_tich_hop = values["MaTichHop"];
  request.ma_can_bo = values["MaCanBo"];
  request.so_dinh_danh = values["SoDinhDanh"];
  request.ho_va_ten = values["HoVaTen"];
  request.so_cmnd = optional("SoCMND");
  request.ngay_thang_nam = optional("NgayThangNam");
  request.nam = optional("Nam");
  return request;
}

void check_values(const LookupRequest& request, std::vector<std::string>& problems) {
  if (!trim(request.so_dinh_danh).empty()) {
    if (auto why = schema::check_citizen_id(request.so_dinh_danh)) {
      problems.push_back("SoDinhDanh không hợp lệ (" + *why + ")");
    }
  }
  if (request.so_cmnd) {
    if (auto why = schema::check_old_id_card(*request.so_cmnd)) {
      problems.push_back("SoCMND không hợp lệ (" + *why + ")");
    }
  }
  if (request.ngay_thang_nam && request.nam) {
    problems.emplace_back("chỉ gửi một trong NgayThangNam hoặc Nam");
  } else if (!request.ngay_thang_nam && !request.nam) {
    problems.emplace_back("thiếu NgayThangNam (yyyyMMdd) hoặc Nam (yyyy)");
  } else if (request.ngay_thang_nam && !is_compact_date(*request.ngay_thang_nam)) {
    problems.emplace_back("NgayThangNam phải là ngày có thật dạng yyyyMMdd");
  } else if (request.nam && !is_birth_year(*request.nam)) {
    problems.emplace_back("Nam phải là năm dạng yyyy");
  }
}

}  // namespace

Result<LookupRequest, SoapFault> parse_lookup_request(std::string_view xml) {
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(
      xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  if (!parsed) return invalid(std::string("không phải XML hợp lệ (") + parsed.description() + ")");
  auto body = body_of(doc);
  if (!body) return std::move(body).error();

  std::vector<pugi::xml_node> operations;
  for (auto child : body->children()) {
    if (child.type() == pugi::node_element) operations.push_back(child);
  }
  if (has_text(*body) || operations.size() != 1 ||
      !is_element(operations.front(), kDancuNs, kOperation)) {
    return invalid("soap:Body phải chứa đúng một phần tử TraCuuThongTinCongDan thuộc namespace " +
                   std::string(kDancuNs));
  }

  std::vector<std::string> problems;
  auto values = fields_of(operations.front(), problems);
  auto request = request_from(values, problems);
  check_values(request, problems);
  if (!problems.empty()) {
    std::string reason;
    for (const auto& p : problems) reason += (reason.empty() ? "" : "; ") + p;
    return invalid(std::move(reason));
  }
  return request;
}

}  // namespace lienthong::sandbox::dancu
