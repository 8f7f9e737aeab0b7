#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "sandbox/paygov/partner.hpp"
#include "sandbox/paygov/wire.hpp"

namespace lienthong::sandbox::paygov {

/// One line of `ThongTinBienLai.PhiLePhi`.
struct FeeLine {
  std::string kind;  ///< LoaiPhiLePhi
  std::string code;  ///< MaPhiLePhi
  std::string name;  ///< TenPhiLePhi
  std::int64_t amount = 0;
};

/// `ThongTinBienLai`: what the receipt shows. Holds personal data (payer, ID number).
struct ReceiptInfo {
  std::string service;       ///< MaDichVu
  std::string portal_code;   ///< MaDVC
  std::string procedure;     ///< MaTTHC
  std::string agency;        ///< MaDonVi
  std::string dossier;       ///< MaHoSo
  std::string account;       ///< TKThuHuong
  std::string account_bank;  ///< MaNHThuHuong
  std::string payer_name;    ///< HoTenNguoiNop
  std::string payer_id;      ///< SoCMNDNguoiNop (may be empty)
  std::vector<FeeLine> fees;
};

/// A checked INIT: what the mock keeps of it.
struct InitRequest {
  std::string partner;      ///< MaDoiTac
  std::string reference;    ///< MaThamChieu
  std::int64_t amount = 0;  ///< SoTien
  std::string description;  ///< ThongTinGiaoDich
  std::string time;         ///< ThoiGianGD as sent
  std::string ip;
  std::optional<std::string> return_url;  ///< UrlTraVe
  ReceiptInfo receipt;
};

/// True for a MaThamChieu of 1–50 of `[A-Za-z0-9_-]`.
bool valid_reference(std::string_view reference);

/// Checks an INIT strictly, in the platform's order: every field present with its type and no
/// unknown one (`03`), the partner (`04`), the MaXacThuc (`01`), then the values (`03`): each
/// fixed field, MaThamChieu's form, ThongTinGiaoDich ≤ 255 characters, SoTien the sum of
/// PhiLePhi, ThoiGianGD within the window. Reuse of MaThamChieu (`02`) is the book's to say.
Result<InitRequest, WireError> check_init(const nlohmann::json& message,
                                          const CheckContext& context);

/// `ThongTinBienLai` as JSON, keyed as on the wire (the tester's view of a payment).
nlohmann::json to_json(const ReceiptInfo& receipt);

}  // namespace lienthong::sandbox::paygov
