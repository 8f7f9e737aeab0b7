#include "sandbox/dvcqg/payload_check.hpp"

#include <span>

#include "core/schema/calendar.hpp"
#include "core/schema/vn_identifiers.hpp"

namespace lienthong::sandbox::dvcqg {
namespace {

using Json = nlohmann::json;
using Errors = std::vector<std::string>;

enum class Kind { kText, kDossierCode, kProcedureCode, kInteger, kNumber, kTime, kList };

struct Field {
  std::string_view name;
  Kind kind;
  bool required = false;
  int min = 0;  ///< kInteger bounds
  int max = 0;
  std::span<const Field> items = {};  ///< kList: fields of each object
};

constexpr Field kDocument[] = {
    {"TepDinhKemId", Kind::kText},
    {"TenTepDinhKem", Kind::kText, true},
    {"MaThanhPhanHoSo", Kind::kText},
    {"DuongDanTaiTepTin", Kind::kText},
    {"DuocSoHoa", Kind::kInteger, false, 0, 1},
    {"DuocTaiSuDung", Kind::kInteger, false, 0, 1},
};
constexpr Field kFee[] = {
    {"TenPhiLePhi", Kind::kText, true},
    {"MaPhiLePhi", Kind::kText},
    {"HinhThucThu", Kind::kInteger, false, 1, 3},
    {"Gia", Kind::kNumber, true},
    {"LoaiPhiLePhi", Kind::kInteger, false, 1, 2},
};
constexpr Field kResultPaper[] = {
    {"TenGiayTo", Kind::kText, true},
    {"MaThanhPhanHoSo", Kind::kText},
    {"GiayToId", Kind::kText},
    {"DuongDanTepTin", Kind::kText},
};
constexpr Field kIdentity[] = {
    {"LoaiDinhDanh", Kind::kInteger, true, 1, 2},
    {"SoDinhDanh", Kind::kText, true},
};
constexpr Field kDossier[] = {
    {"MaHoSo", Kind::kDossierCode, true},
    {"MaTTHC", Kind::kProcedureCode, true},
    {"TenTTHC", Kind::kText},
    {"MaLinhVuc", Kind::kText},
    {"TenLinhVuc", Kind::kText},
    {"KenhThucHien", Kind::kInteger, true, 1, 3},
    {"ChuHoSo", Kind::kText, true},
    {"LoaiDoiTuong", Kind::kInteger, true, 1, 4},
    {"MaDoiTuong", Kind::kText},
    {"SoGiayToChuHoSo", Kind::kText},
    {"Email", Kind::kText},
    {"SoDienThoai", Kind::kText},
    {"TrichYeuHoSo", Kind::kText},
    {"NgayTiepNhan", Kind::kTime, true},
    {"NgayHenTra", Kind::kTime},
    {"TrangThaiHoSo", Kind::kInteger, true, 1, 10},
    {"NgayTra", Kind::kTime},
    {"HinhThuc", Kind::kInteger, false, 0, 1},
    {"DonViXuLy", Kind::kText},
    {"NoiNopHoSo", Kind::kText},
    {"DuocThanhToanTrucTuyen", Kind::kInteger, false, 0, 1},
    {"TaiLieuNop", Kind::kList, false, 0, 0, kDocument},
    {"DanhSachLePhi", Kind::kList, false, 0, 0, kFee},
    {"DanhSachGiayToKetQua", Kind::kList, false, 0, 0, kResultPaper},
    {"DinhDanhCHS", Kind::kList, false, 0, 0, kIdentity},
};
constexpr Field kProgress[] = {
    {"MaHoSo", Kind::kDossierCode, true},
    {"NguoiXuLy", Kind::kText, true},
    {"ChucDanh", Kind::kText},
    {"ThoiDiemXuLy", Kind::kTime, true},
    {"PhongBanXuLy", Kind::kText},
    {"NoiDungXuLy", Kind::kText, true},
    {"TrangThai", Kind::kInteger, true, 1, 10},
    {"NgayBatDau", Kind::kTime},
    {"NgayKetThucTheoQuyDinh", Kind::kTime},
};

bool is_integer(const Json& v) {
  return v.is_number_integer() || v.is_number_unsigned();
}

void check_object(const Json& object, const std::string& where, std::span<const Field> fields,
                  const ProcedureKnown* known, Errors& errors);

void check_field(const Json& v, const std::string& at, const Field& f, const ProcedureKnown* known,
                 Errors& errors) {
  switch (f.kind) {
    case Kind::kText:
      if (!v.is_string())
        errors.push_back(at + ": phải là chuỗi (must be text)");
      else if (f.required && v.get_ref<const std::string&>().empty())
        errors.push_back(at + ": không được để trống (must not be empty)");
      break;
    case Kind::kDossierCode:
      if (!v.is_string()) {
        errors.push_back(at + ": phải là chuỗi (must be text)");
      } else if (auto why = schema::check_dossier_code(v.get<std::string>())) {
        errors.push_back(at + ": mã hồ sơ không hợp lệ (" + *why + ")");
      }
      break;
    case Kind::kProcedureCode:
      if (!v.is_string()) {
        errors.push_back(at + ": phải là chuỗi (must be text)");
      } else if (auto why = schema::check_procedure_code(v.get<std::string>())) {
        errors.push_back(at + ": mã TTHC không hợp lệ (" + *why + ")");
      } else if (known != nullptr && !(*known)(v.get<std::string>())) {
        errors.push_back(at + ": thủ tục hành chính không có trong danh mục (unknown procedure)");
      }
      break;
    case Kind::kInteger:
      if (!is_integer(v) || v.get<long long>() < f.min || v.get<long long>() > f.max) {
        errors.push_back(at + ": phải là số nguyên từ " + std::to_string(f.min) + " đến " +
                         std::to_string(f.max));
      }
      break;
    case Kind::kNumber:
      if (!v.is_number() || v.get<double>() < 0) {
        errors.push_back(at + ": phải là số không âm (must be a number >= 0)");
      }
      break;
    case Kind::kTime:
      if (!parse_portal_time(v)) {
        errors.push_back(at + ": phải là thời điểm yyyyMMddHHmmss có thật");
      }
      break;
    case Kind::kList:
      if (!v.is_array()) {
        errors.push_back(at + ": phải là danh sách (must be a list)");
        break;
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        check_object(v[i], at + "[" + std::to_string(i) + "]", f.items, known, errors);
      }
      break;
  }
}

void check_object(const Json& object, const std::string& where, std::span<const Field> fields,
                  const ProcedureKnown* known, Errors& errors) {
  if (!object.is_object()) {
    errors.push_back(where + ": phải là đối tượng JSON (must be an object)");
    return;
  }
  for (const auto& [key, value] : object.items()) {
    bool declared = false;
    for (const auto& f : fields) declared = declared || f.name == key;
    if (!declared) {
      std::string problem = where;
      problem.append(".").append(key).append(": trường không được hỗ trợ (unknown field)");
      errors.push_back(std::move(problem));
    }
  }
  for (const auto& f : fields) {
    const auto it = object.find(f.name);
    const std::string at = where + "." + std::string(f.name);
    if (it == object.end() || it->is_null()) {
      if (f.required) errors.push_back(at + ": bắt buộc (required)");
      continue;
    }
    check_field(*it, at, f, known, errors);
  }
}

// Identity numbers by their kind: 1 = 12-digit personal ID, 2 = 9-digit old ID card.
void check_identities(const Json& dossier, const std::string& where, Errors& errors) {
  const auto list = dossier.find("DinhDanhCHS");
  if (list == dossier.end() || !list->is_array()) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& id = (*list)[i];
    if (!id.is_object() || !id.contains("SoDinhDanh") || !id["SoDinhDanh"].is_string()) continue;
    const auto number = id["SoDinhDanh"].get<std::string>();
    const auto kind = id.value("LoaiDinhDanh", Json());
    std::optional<std::string> why;
    if (kind == 1) why = schema::check_citizen_id(number);
    if (kind == 2) why = schema::check_old_id_card(number);
    if (why) {
      errors.push_back(where + ".DinhDanhCHS[" + std::to_string(i) +
                       "].SoDinhDanh: số định danh không hợp lệ (" + *why + ")");
    }
  }
}

// A later date field must not come before NgayTiepNhan.
void check_not_before(const Json& object, const std::string& where, std::string_view earlier,
                      std::string_view later, Errors& errors) {
  const auto a = object.find(earlier);
  const auto b = object.find(later);
  if (a == object.end() || b == object.end()) return;
  const auto from = parse_portal_time(*a);
  const auto to = parse_portal_time(*b);
  if (from && to && *to < *from) {
    errors.push_back(where + "." + std::string(later) + ": không được trước " +
                     std::string(earlier));
  }
}

}  // namespace

std::optional<std::string> parse_portal_time(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  if (text.size() != 14) return std::nullopt;
  const auto year = schema::parse_fixed_digits(std::string_view(text).substr(0, 4), 4);
  const auto month = schema::parse_fixed_digits(std::string_view(text).substr(4, 2), 2);
  const auto day = schema::parse_fixed_digits(std::string_view(text).substr(6, 2), 2);
  const auto hour = schema::parse_fixed_digits(std::string_view(text).substr(8, 2), 2);
  const auto minute = schema::parse_fixed_digits(std::string_view(text).substr(10, 2), 2);
  const auto second = schema::parse_fixed_digits(std::string_view(text).substr(12, 2), 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  if (!schema::is_real_date(*year, *month, *day) || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  return text;
}

std::vector<std::string> check_dossier(const Json& dossier, const std::string& where,
                                       const ProcedureKnown& known) {
  Errors errors;
  check_object(dossier, where, kDossier, &known, errors);
  if (!dossier.is_object()) return errors;
  check_identities(dossier, where, errors);
  check_not_before(dossier, where, "NgayTiepNhan", "NgayHenTra", errors);
  check_not_before(dossier, where, "NgayTiepNhan", "NgayTra", errors);
  return errors;
}

std::vector<std::string> check_progress(const Json& entry, const std::string& where) {
  Errors errors;
  check_object(entry, where, kProgress, nullptr, errors);
  if (entry.is_object()) {
    check_not_before(entry, where, "NgayBatDau", "NgayKetThucTheoQuyDinh", errors);
  }
  return errors;
}

}  // namespace lienthong::sandbox::dvcqg
