#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sandbox/paygov/ipn_order.hpp"
#include "sandbox/paygov/partner.hpp"
#include "sandbox/paygov/payment.hpp"

namespace lienthong::sandbox::paygov {

/// One planned notification: the body to send and how (IpnSender carries it out).
struct IpnJob {
  std::string reference;
  std::string ma_loi;  ///< 00 paid, 24 cancelled
  IpnMode mode = IpnMode::kNormal;
  nlohmann::json body;
  std::chrono::milliseconds delay{0};  ///< before the first send
  int sends = 1;                       ///< 2 for "twice"
  bool resend = false;                 ///< resend while not confirmed (normal, late)
};

/// The IPN body of WIRE.md for a settled (paid or cancelled) payment, signed with the
/// partner's secret: `LoaiBanTin "IPN", MaLoi, MaDoiTac, MaThamChieu, SoTien, MaTienTe,
/// MaGiaoDich, MaNganHang, ThoiGianGD` (the payment or cancellation time), `ThongTinGiaoDich,
/// MaXacThuc`. `bad-checksum` signs with another secret, `wrong-amount` adds 1000 to SoTien
/// (and signs that).
nlohmann::json ipn_body(const Payment& payment, const Partner& partner, IpnMode mode);

/// The job for `order`, nullopt for `never` or a payment that is not paid or cancelled.
std::optional<IpnJob> plan_ipn(const Payment& payment, const Partner& partner,
                               const IpnOrder& order);

/// The partner's answer `{MaLoi, MaDoiTac, ThoiGianGD, MaXacThuc}` as the platform reads it.
struct IpnAnswer {
  std::string code;       ///< MaLoi ("" when unreadable)
  bool verified = false;  ///< the MaXacThuc over `MaLoi|MaDoiTac|ThoiGianGD|secret` matched
  std::string problem;    ///< why it is not verified, empty when it is
  /// True when the platform stops resending: verified and 00 (confirmed) or 04 (already).
  [[nodiscard]] bool confirmed() const;
};
IpnAnswer read_ipn_answer(std::string_view body, const Partner& partner);

}  // namespace lienthong::sandbox::paygov
