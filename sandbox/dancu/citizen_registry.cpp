#include "sandbox/dancu/citizen_registry.hpp"

#include <set>

#include "core/config/object_reader.hpp"
#include "core/schema/vn_identifiers.hpp"
#include "sandbox/dancu/birth_date.hpp"

namespace lienthong::sandbox::dancu {
namespace {

using config::ObjectReader;

// Codes the data may use (README lists their meaning).
const std::set<std::string, std::less<>> kMaritalStatuses = {"1", "2", "3", "4"};
const std::set<std::string, std::less<>> kBloodGroups = {"00", "01", "02", "03", "04"};
constexpr std::string_view kMarried = "2";
constexpr std::string_view kHeadOfHousehold = "Chủ hộ";

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string text(ObjectReader& r, std::string_view key) {
  std::string out;
  if (r.read(key, out, /*required=*/true) && out.empty()) r.error(key, "must not be empty");
  return out;
}

std::string digits(ObjectReader& r, std::string_view key, std::size_t width) {
  auto out = text(r, key);
  if (!out.empty() && (out.size() != width || !all_digits(out))) {
    r.error(key, "must be " + std::to_string(width) + " digits");
  }
  return out;
}

std::string citizen_id(ObjectReader& r, std::string_view key) {
  auto out = text(r, key);
  if (!out.empty()) {
    if (auto why = schema::check_citizen_id(out)) r.error(key, *why);
  }
  return out;
}

// Runs `read` on the object at `key` (absent and optional: nothing happens, false).
template <class Read>
bool nested(ObjectReader& parent, std::string_view key, bool required, config::ConfigErrors& errors,
            Read read) {
  const auto pointer = parent.child(key, required);
  if (pointer.empty()) return false;
  ObjectReader r(parent.document(), pointer, errors);
  if (!r.ok()) return false;
  read(r);
  r.finish();
  return true;
}

Address address(ObjectReader& parent, std::string_view key, config::ConfigErrors& errors) {
  Address a;
  nested(parent, key, true, errors, [&](ObjectReader& r) {
    a.ma_tinh_thanh = digits(r, "MaTinhThanh", 2);
    std::string district;
    if (r.read("MaQuanHuyen", district)) {
      if (district.size() != 3 || !all_digits(district)) r.error("MaQuanHuyen", "must be 3 digits");
      a.ma_quan_huyen = district;
    }
    a.ma_phuong_xa = digits(r, "MaPhuongXa", 5);
    a.chi_tiet = text(r, "ChiTiet");
    a.quoc_gia = text(r, "QuocGia");
  });
  return a;
}

std::optional<PersonRef> person(ObjectReader& parent, std::string_view key,
                                config::ConfigErrors& errors) {
  PersonRef p;
  if (!nested(parent, key, false, errors, [&](ObjectReader& r) {
        p.ho_va_ten = text(r, "HoVaTen");
        p.so_dinh_danh = citizen_id(r, "SoDinhDanh");
      })) {
    return std::nullopt;
  }
  return p;
}

Citizen citizen(ObjectReader& r, config::ConfigErrors& errors) {
  Citizen c;
  c.so_dinh_danh = citizen_id(r, "SoDinhDanh");
  std::string old_card;
  if (r.read("SoCMND", old_card)) {
    if (auto why = schema::check_old_id_card(old_card)) r.error("SoCMND", *why);
    c.so_cmnd = old_card;
  }
  nested(r, "HoVaTen", true, errors, [&](ObjectReader& n) {
    c.ho = text(n, "Ho");
    n.read("ChuDem", c.chu_dem, /*required=*/true);  // may be empty: not every name has one
    c.ten = text(n, "Ten");
  });
  c.gioi_tinh = text(r, "GioiTinh");
  if (c.gioi_tinh != "1" && c.gioi_tinh != "2") {
    r.error("GioiTinh", "must be \"1\" (male) or \"2\" (female): the ID encodes the sex");
  }
  c.dan_toc = digits(r, "DanToc", 2);
  c.ton_giao = digits(r, "TonGiao", 2);
  c.quoc_tich = text(r, "QuocTich");
  if (c.quoc_tich.size() != 2 ||
      c.quoc_tich.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
    r.error("QuocTich", "must be an ISO 3166 alpha-2 code");
  }
  c.tinh_trang_hon_nhan = text(r, "TinhTrangHonNhan");
  if (!kMaritalStatuses.contains(c.tinh_trang_hon_nhan)) {
    r.error("TinhTrangHonNhan", "must be 1, 2, 3 or 4");
  }
  c.nhom_mau = text(r, "NhomMau");
  if (!kBloodGroups.contains(c.nhom_mau)) r.error("NhomMau", "must be 00, 01, 02, 03 or 04");
  nested(r, "NgayThangNamSinh", true, errors, [&](ObjectReader& b) {
    c.nam = text(b, "Nam");
    if (!c.nam.empty() && !is_birth_year(c.nam)) b.error("Nam", "must be a year yyyy");
    std::string date;
    if (b.read("NgayThangNam", date)) {
      if (!is_compact_date(date)) {
        b.error("NgayThangNam", "must be a real date yyyyMMdd");
      } else if (date.substr(0, 4) != c.nam) {
        b.error("NgayThangNam", "year differs from Nam");
      }
      c.ngay_thang_nam = date;
    }
  });
  c.noi_dang_ky_khai_sinh = address(r, "NoiDangKyKhaiSinh", errors);
  c.que_quan = address(r, "QueQuan", errors);
  c.thuong_tru = address(r, "ThuongTru", errors);
  c.noi_o_hien_tai = address(r, "NoiOHienTai", errors);
  c.cha = person(r, "Cha", errors);
  c.me = person(r, "Me", errors);
  c.vo_chong = person(r, "VoChong", errors);
  c.nguoi_dai_dien = person(r, "NguoiDaiDien", errors);
  nested(r, "ChuHo", true, errors, [&](ObjectReader& h) {
    c.chu_ho.quan_he = text(h, "QuanHe");
    c.chu_ho.ho_va_ten = text(h, "HoVaTen");
    c.chu_ho.so_dinh_danh = citizen_id(h, "SoDinhDanh");
    if (c.chu_ho.quan_he == kHeadOfHousehold && c.chu_ho.so_dinh_danh != c.so_dinh_danh) {
      h.error("SoDinhDanh", "the head of household (Chủ hộ) is the citizen themself");
    }
  });
  c.so_so_ho_khau = text(r, "SoSoHoKhau");
  if (!c.so_so_ho_khau.empty() && !all_digits(c.so_so_ho_khau)) {
    r.error("SoSoHoKhau", "must be digits");
  }

  // The facts the ID itself carries must agree with the record.
  if (!c.so_dinh_danh.empty() && !schema::check_citizen_id(c.so_dinh_danh)) {
    const auto facts = schema::citizen_id_facts(c.so_dinh_danh);
    if (facts.female != (c.gioi_tinh == "2")) {
      r.error("SoDinhDanh", "its century/sex digit disagrees with GioiTinh");
    }
    if (std::to_string(facts.birth_year) != c.nam) {
      r.error("SoDinhDanh", "its birth year disagrees with NgayThangNamSinh");
    }
  }
  if (c.vo_chong && c.tinh_trang_hon_nhan != kMarried) {
    r.error("TinhTrangHonNhan", "must be 2 (married) when VoChong is given");
  }
  return c;
}

}  // namespace

Result<CitizenRegistry, config::ConfigErrors> CitizenRegistry::load(
    const std::filesystem::path& file) {
  auto doc = config::JsonDocument::load(file);
  if (!doc) return config::ConfigErrors{doc.error()};
  return from_document(*doc);
}

Result<CitizenRegistry, config::ConfigErrors> CitizenRegistry::parse(std::string_view text,
                                                                     std::string file_name) {
  auto doc = config::JsonDocument::parse(text, std::move(file_name));
  if (!doc) return config::ConfigErrors{doc.error()};
  return from_document(*doc);
}

Result<CitizenRegistry, config::ConfigErrors> CitizenRegistry::from_document(
    const config::JsonDocument& doc) {
  if (!doc.root().is_array()) {
    return config::ConfigErrors{doc.error_at("", "must be a list of records")};
  }
  config::ConfigErrors errors;
  CitizenRegistry registry;
  for (std::size_t i = 0; i < doc.root().size(); ++i) {
    const auto pointer = "/" + std::to_string(i);
    ObjectReader reader(doc, pointer, errors);
    if (!reader.ok()) continue;
    auto record = citizen(reader, errors);
    reader.finish();
    if (!record.so_dinh_danh.empty() &&
        !registry.index_.emplace(record.so_dinh_danh, registry.citizens_.size()).second) {
      errors.push_back(doc.error_at(pointer + "/SoDinhDanh", "duplicate ID"));
    }
    registry.citizens_.push_back(std::move(record));
  }
  if (!errors.empty()) return errors;
  return registry;
}

const Citizen* CitizenRegistry::find(std::string_view so_dinh_danh) const {
  auto it = index_.find(so_dinh_danh);
  return it == index_.end() ? nullptr : &citizens_[it->second];
}

}  // namespace lienthong::sandbox::dancu
