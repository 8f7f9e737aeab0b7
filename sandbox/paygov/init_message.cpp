#include "sandbox/paygov/init_message.hpp"

#include <array>

#include "core/mapping/filters/unicode.hpp"
#include "sandbox/paygov/field_reader.hpp"

namespace lienthong::sandbox::paygov {
namespace {

constexpr std::array<std::string_view, 17> kInitFields = {
    "LoaiBanTin",        "PhienBan",         "MaDoiTac",   "MaThamChieu", "SoTien",
    "LoaiHinhThanhToan", "MaKenhThanhToan",  "MaThietBi",  "NgonNgu",     "MaTienTe",
    "MaNganHang",        "ThongTinGiaoDich", "ThoiGianGD", "Ip",          "UrlTraVe",
    "ThongTinBienLai",   "MaXacThuc"};
constexpr std::array<std::string_view, 10> kReceiptFields = {
    "MaDichVu",   "MaDVC",        "MaTTHC",        "MaDonVi",        "MaHoSo",
    "TKThuHuong", "MaNHThuHuong", "HoTenNguoiNop", "SoCMNDNguoiNop", "PhiLePhi"};
constexpr std::array<std::string_view, 4> kFeeFields = {"LoaiPhiLePhi", "MaPhiLePhi", "TenPhiLePhi",
                                                        "SoTien"};
constexpr std::size_t kMaxDescription = 255;

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::optional<FeeLine> read_fee(const nlohmann::json& item, std::size_t index,
                                std::optional<WireError>& error) {
  FieldReader r(item, "ThongTinBienLai.PhiLePhi[" + std::to_string(index) + "].");
  r.only(kFeeFields);
  FeeLine fee;
  fee.kind = r.text("LoaiPhiLePhi").value_or("");
  fee.code = r.text("MaPhiLePhi").value_or("");
  fee.name = r.text("TenPhiLePhi").value_or("");
  fee.amount = r.amount("SoTien").value_or(0);
  if (!r.ok()) {
    error = r.error();
    return std::nullopt;
  }
  return fee;
}

std::optional<ReceiptInfo> read_receipt(const nlohmann::json& block,
                                        std::optional<WireError>& error) {
  FieldReader r(block, "ThongTinBienLai.");
  r.only(kReceiptFields);
  ReceiptInfo out;
  out.service = r.text("MaDichVu").value_or("");
  out.portal_code = r.text("MaDVC").value_or("");
  out.procedure = r.text("MaTTHC").value_or("");
  out.agency = r.text("MaDonVi").value_or("");
  out.dossier = r.text("MaHoSo").value_or("");
  out.account = r.text("TKThuHuong").value_or("");
  out.account_bank = r.text("MaNHThuHuong").value_or("");
  out.payer_name = r.text("HoTenNguoiNop").value_or("");
  out.payer_id = r.text("SoCMNDNguoiNop", /*allow_empty=*/true).value_or("");
  const auto* fees = r.list("PhiLePhi");
  if (!r.ok()) {
    error = r.error();
    return std::nullopt;
  }
  for (std::size_t i = 0; i < fees->size(); ++i) {
    auto fee = read_fee((*fees)[i], i, error);
    if (!fee) return std::nullopt;
    out.fees.push_back(std::move(*fee));
  }
  return out;
}

// The value rules, once the checksum has passed.
std::optional<WireError> check_values(const nlohmann::json& message, const InitRequest& init,
                                      const CheckContext& context) {
  if (message.at("LoaiBanTin").get<std::string>() != kInit) {
    return invalid("Dữ liệu không hợp lệ: LoaiBanTin");
  }
  for (const auto& fixed : kInitFixedFields) {
    if (message.at(fixed.name).get<std::string>() != fixed.value) {
      return invalid("Dữ liệu không hợp lệ: " + std::string(fixed.name) + " phải là \"" +
                     std::string(fixed.value) + "\"");
    }
  }
  if (!valid_reference(init.reference)) {
    return invalid("Dữ liệu không hợp lệ: MaThamChieu phải gồm 1–50 ký tự [A-Za-z0-9_-]");
  }
  if (!mapping::detail::valid_utf8(init.description) ||
      code_points(init.description) > kMaxDescription) {
    return invalid("Dữ liệu không hợp lệ: ThongTinGiaoDich tối đa 255 ký tự UTF-8");
  }
  std::int64_t sum = 0;
  for (const auto& fee : init.receipt.fees) sum += fee.amount;
  if (sum != init.amount) {
    return invalid("Dữ liệu không hợp lệ: SoTien khác tổng SoTien của PhiLePhi");
  }
  return check_request_time(init.time, context);
}

}  // namespace

bool valid_reference(std::string_view reference) {
  if (reference.empty() || reference.size() > 50) return false;
  for (const char c : reference) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<InitRequest, WireError> check_init(const nlohmann::json& message,
                                          const CheckContext& context) {
  FieldReader r(message, "");
  r.only(kInitFields);
  InitRequest init;
  r.text("LoaiBanTin");
  for (const auto& fixed : kInitFixedFields) r.text(fixed.name);
  init.partner = r.text("MaDoiTac").value_or("");
  init.reference = r.text("MaThamChieu").value_or("");
  init.amount = r.amount("SoTien").value_or(0);
  init.description = r.text("ThongTinGiaoDich").value_or("");
  init.time = r.text("ThoiGianGD").value_or("");
  init.ip = r.text("Ip").value_or("");
  init.return_url = r.optional_text("UrlTraVe");
  r.text("MaXacThuc");
  const auto* block = r.object("ThongTinBienLai");
  if (!r.ok()) return *r.error();
  std::optional<WireError> error;
  auto receipt = read_receipt(*block, error);
  if (!receipt) return *error;
  init.receipt = std::move(*receipt);
  if (auto refused = check_partner_and_checksum(message, kInitChecksumOrder, context)) {
    return *refused;
  }
  if (auto refused = check_values(message, init, context)) return *refused;
  return init;
}

nlohmann::json to_json(const ReceiptInfo& receipt) {
  auto fees = nlohmann::json::array();
  for (const auto& fee : receipt.fees) {
    fees.push_back({{"LoaiPhiLePhi", fee.kind},
                    {"MaPhiLePhi", fee.code},
                    {"TenPhiLePhi", fee.name},
                    {"SoTien", fee.amount}});
  }
  return {{"MaDichVu", receipt.service},
          {"MaDVC", receipt.portal_code},
          {"MaTTHC", receipt.procedure},
          {"MaDonVi", receipt.agency},
          {"MaHoSo", receipt.dossier},
          {"TKThuHuong", receipt.account},
          {"MaNHThuHuong", receipt.account_bank},
          {"HoTenNguoiNop", receipt.payer_name},
          {"SoCMNDNguoiNop", receipt.payer_id},
          {"PhiLePhi", std::move(fees)}};
}

}  // namespace lienthong::sandbox::paygov
