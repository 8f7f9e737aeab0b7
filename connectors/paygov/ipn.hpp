#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "connectors/paygov/platform_time.hpp"
#include "core/base/problem.hpp"

namespace lienthong::connectors::paygov {

/// `MaLoi` of the hub's answer to an IPN (WIRE.md). Only kConfirmed and kAlready stop the
/// platform from sending the notice again.
namespace answer_code {
inline constexpr std::string_view kConfirmed = "00";
inline constexpr std::string_view kChecksum = "01";
inline constexpr std::string_view kUnknownReference = "02";
inline constexpr std::string_view kAmount = "03";
inline constexpr std::string_view kAlready = "04";
inline constexpr std::string_view kUnknownPartner = "05";
inline constexpr std::string_view kMalformed = "06";
inline constexpr std::string_view kRetryLater = "99";
}  // namespace answer_code

/// An IPN whose checksum and partner code were checked.
struct IpnNotice {
  std::string result;  ///< MaLoi: "00" paid, "24" cancelled by the payer
  std::string reference;
  std::int64_t amount = 0;
  std::string bank_transaction_id;  ///< MaGiaoDich
  std::string paid_at;              ///< ThoiGianGD as sent (yyyyMMddHHmmss)
};

/// Why a notice is refused: the answer's code, and a reason for the log (field names and
/// codes only: never a value that could be personal data or a secret).
struct IpnRefusal {
  std::string code;
  std::string reason;
};

/// Reads a notice in the order the platform's rules ask: its shape (LoaiBanTin "IPN", every
/// field of the checksum present, SoTien a non-negative integer), then the checksum, then the
/// partner code. What it says about a payment (amount, state) is checked against the record
/// afterwards.
Result<IpnNotice, IpnRefusal> read_ipn(const nlohmann::json& body, std::string_view partner,
                                       std::string_view secret);

/// The answer to the platform: `{MaLoi, MaDoiTac, ThoiGianGD, MaXacThuc}` with its own checksum.
nlohmann::json ipn_answer(std::string_view code, std::string_view partner, Clock::time_point now,
                          std::string_view secret);

}  // namespace lienthong::connectors::paygov
