#include "sandbox/dkdn/enterprise_registry.hpp"

#include <optional>
#include <tuple>

#include "core/config/json_document.hpp"
#include "core/config/object_reader.hpp"
#include "core/schema/calendar.hpp"
#include "core/schema/vn_identifiers.hpp"

namespace lienthong::sandbox::dkdn {
namespace {

using config::ObjectReader;
using Json = nlohmann::json;

// Legal forms (MaLoaiHinhDN -> LoaiHinhDN) and legal statuses the sandbox uses; README lists them.
const std::map<std::string, std::string, std::less<>> kLegalForms = {
    {"01", "Công ty trách nhiệm hữu hạn một thành viên"},
    {"02", "Công ty trách nhiệm hữu hạn hai thành viên trở lên"},
    {"03", "Công ty cổ phần"},
    {"04", "Doanh nghiệp tư nhân"},
    {"05", "Công ty hợp danh"},
    {"10", "Chi nhánh"},
};
const std::map<std::string, std::string, std::less<>> kLegalStatuses = {
    {"01", "Đang hoạt động"},
    {"02", "Tạm ngừng kinh doanh"},
    {"03", "Đã giải thể"},
};
constexpr std::string_view kBranchForm = "10";
constexpr std::string_view kSuspended = "02";

// `dd/MM/yyyy` naming a real day, as (year, month, day) for ordering.
std::optional<std::tuple<int, int, int>> parse_dmy(std::string_view text) {
  if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
  auto d = schema::parse_fixed_digits(text.substr(0, 2), 2);
  auto m = schema::parse_fixed_digits(text.substr(3, 2), 2);
  auto y = schema::parse_fixed_digits(text.substr(6, 4), 4);
  if (!d || !m || !y || !schema::is_real_date(*y, *m, *d)) return std::nullopt;
  return std::tuple{*y, *m, *d};
}

bool all_digits(std::string_view s, std::size_t size) {
  return s.size() == size && s.find_first_not_of("0123456789") == std::string_view::npos;
}

const Json& value_at(const ObjectReader& r, const std::string& pointer) {
  return r.document().root().at(Json::json_pointer(pointer));
}

// A key whose value is a string or null (the registry writes null for "none").
std::optional<std::string> nullable_string(ObjectReader& r, std::string_view key) {
  const auto pointer = r.child(key, /*required=*/true);
  if (pointer.empty()) return std::nullopt;
  const auto& v = value_at(r, pointer);
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) {
    r.error(key, "must be a string or null");
    return std::nullopt;
  }
  return v.get<std::string>();
}

std::string required_text(ObjectReader& r, std::string_view key) {
  std::string out;
  if (r.read(key, out, /*required=*/true) && out.empty()) r.error(key, "must not be empty");
  return out;
}

std::optional<std::tuple<int, int, int>> required_date(ObjectReader& r, std::string_view key) {
  auto text = required_text(r, key);
  if (text.empty()) return std::nullopt;
  auto date = parse_dmy(text);
  if (!date) r.error(key, "must be a real date written dd/MM/yyyy");
  return date;
}

// Visits each object of the non-empty array at `key`.
template <class Visit>
void each_object(ObjectReader& r, std::string_view key, config::ConfigErrors& errors, Visit visit) {
  const auto pointer = r.child(key, /*required=*/true);
  if (pointer.empty()) return;
  const auto& list = value_at(r, pointer);
  if (!list.is_array() || list.empty()) {
    r.error(key, "must be a non-empty list");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    ObjectReader item(r.document(), pointer + "/" + std::to_string(i), errors);
    if (!item.ok()) continue;
    visit(item);
    item.finish();
  }
}

void check_status(ObjectReader& s) {
  const auto code = required_text(s, "MaTinhTrangPhapLy");
  const auto text = required_text(s, "TinhTrangPhapLy");
  const auto known = kLegalStatuses.find(code);
  if (known == kLegalStatuses.end()) {
    s.error("MaTinhTrangPhapLy", "must be 01, 02 or 03");
  } else if (known->second != text) {
    s.error("TinhTrangPhapLy", "must be \"" + known->second + "\" for code " + code);
  }
  const auto start = nullable_string(s, "NgayBatDauTamNgung");
  const auto end = nullable_string(s, "NgayKetThucTamNgung");
  const auto reason = nullable_string(s, "LyDoTamNgung");
  if (code != kSuspended) {
    if (start || end || reason)
      s.error("", "only a suspension (02) has suspension dates and reason");
    return;
  }
  const auto from = start ? parse_dmy(*start) : std::nullopt;
  const auto to = end ? parse_dmy(*end) : std::nullopt;
  if (!from) s.error("NgayBatDauTamNgung", "a suspension needs a start date dd/MM/yyyy");
  if (!to) s.error("NgayKetThucTamNgung", "a suspension needs an end date dd/MM/yyyy");
  if (from && to && *to < *from) s.error("NgayKetThucTamNgung", "is before the start date");
  if (!reason || reason->empty()) s.error("LyDoTamNgung", "a suspension needs a reason");
}

void check_representative(ObjectReader& p) {
  required_text(p, "HoTen");
  required_text(p, "ChucDanh");
  const auto kind = required_text(p, "LoaiGiayTo");
  const auto number = required_text(p, "SoGiayTo");
  if (kind == "CCCD") {
    if (auto why = schema::check_citizen_id(number)) p.error("SoGiayTo", *why);
  } else if (kind != "Hộ chiếu") {
    p.error("LoaiGiayTo", "must be \"CCCD\" or \"Hộ chiếu\"");
  }
}

void check_address(ObjectReader& a) {
  if (!all_digits(required_text(a, "MaTinhThanh"), 2)) a.error("MaTinhThanh", "must be 2 digits");
  if (!all_digits(required_text(a, "MaQuanHuyen"), 3)) a.error("MaQuanHuyen", "must be 3 digits");
  if (!all_digits(required_text(a, "MaPhuongXa"), 5)) a.error("MaPhuongXa", "must be 5 digits");
  required_text(a, "TenTinhThanh");
  required_text(a, "TenQuanHuyen");
  required_text(a, "TenPhuongXa");
  required_text(a, "SoNhaDuong");
}

// Checks one record; returns its code.
std::string check_record(ObjectReader& r, config::ConfigErrors& errors) {
  auto code = required_text(r, "MaSoDoanhNghiep");
  if (auto why = schema::check_tax_code(code)) r.error("MaSoDoanhNghiep", *why);
  if (!all_digits(required_text(r, "MaNoiBo"), 7)) r.error("MaNoiBo", "must be 7 digits");
  required_text(r, "SoGCNDKKD");
  const auto form = required_text(r, "MaLoaiHinhDN");
  const auto form_name = required_text(r, "LoaiHinhDN");
  if (auto known = kLegalForms.find(form); known == kLegalForms.end()) {
    r.error("MaLoaiHinhDN", "unknown legal form code");
  } else if (known->second != form_name) {
    r.error("LoaiHinhDN", "must be \"" + known->second + "\" for code " + form);
  }
  const bool branch = code.find('-') != std::string::npos;
  if (branch != (form == kBranchForm)) {
    r.error("MaLoaiHinhDN", "branch codes (-NNN) and legal form 10 go together");
  }
  required_text(r, "TenTiengViet");
  nullable_string(r, "TenNuocNgoai");
  nullable_string(r, "TenVietTat");
  const auto first = required_date(r, "NgayDangKyLanDau");
  const auto changed = required_date(r, "NgayDangKyThayDoi");
  if (first && changed && *changed < *first) {
    r.error("NgayDangKyThayDoi", "is before NgayDangKyLanDau");
  }
  int changes = 0;
  r.read("SoLanDangKyThayDoi", changes, /*required=*/true, 0, 1000);

  each_object(r, "TinhTrangPhapLy", errors, check_status);
  each_object(r, "DaiDienPhapLuat", errors, check_representative);
  each_object(r, "DiaChiTruSo", errors,
              [&](ObjectReader& office) { each_object(office, "DiaChi", errors, check_address); });
  int main_lines = 0;
  each_object(r, "NganhNgheKinhDoanh", errors, [&](ObjectReader& line) {
    if (!all_digits(required_text(line, "MaNganh"), 4)) line.error("MaNganh", "must be 4 digits");
    required_text(line, "TenNganh");
    bool main = false;
    line.read("LaNganhChinh", main, /*required=*/true);
    main_lines += main ? 1 : 0;
  });
  if (main_lines != 1) r.error("NganhNgheKinhDoanh", "exactly one line must be LaNganhChinh");
  return code;
}

}  // namespace

Result<EnterpriseRegistry, config::ConfigErrors> EnterpriseRegistry::load(
    const std::filesystem::path& file) {
  auto doc = config::JsonDocument::load(file);
  if (!doc) return config::ConfigErrors{doc.error()};
  return from_document(*doc);
}

Result<EnterpriseRegistry, config::ConfigErrors> EnterpriseRegistry::parse(std::string_view text,
                                                                           std::string file_name) {
  auto doc = config::JsonDocument::parse(text, std::move(file_name));
  if (!doc) return config::ConfigErrors{doc.error()};
  return from_document(*doc);
}

Result<EnterpriseRegistry, config::ConfigErrors> EnterpriseRegistry::from_document(
    const config::JsonDocument& doc) {
  const auto& root = doc.root();
  if (!root.is_array()) return config::ConfigErrors{doc.error_at("", "must be a list of records")};
  config::ConfigErrors errors;
  EnterpriseRegistry registry;
  for (std::size_t i = 0; i < root.size(); ++i) {
    const auto pointer = "/" + std::to_string(i);
    ObjectReader reader(doc, pointer, errors);
    if (!reader.ok()) continue;
    const auto code = check_record(reader, errors);
    reader.finish();
    if (!code.empty() && !registry.index_.emplace(code, registry.records_.size()).second) {
      errors.push_back(doc.error_at(pointer + "/MaSoDoanhNghiep", "duplicate code " + code));
    }
    registry.records_.push_back(root[i]);
  }
  if (!errors.empty()) return errors;
  return registry;
}

const nlohmann::json* EnterpriseRegistry::find(std::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &records_[it->second];
}

}  // namespace lienthong::sandbox::dkdn
