#include "sandbox/paygov/partner.hpp"

#include "sandbox/paygov/checksum.hpp"
#include "sandbox/paygov/field_reader.hpp"

namespace lienthong::sandbox::paygov {

std::optional<WireError> check_partner_and_checksum(const nlohmann::json& message,
                                                    std::span<const std::string_view> order,
                                                    const CheckContext& context) {
  if (checksum_text(message, "MaDoiTac") != context.partner.code) {
    return WireError{std::string(error_code::kUnknownPartner),
                     "Mã đối tác không tồn tại (unknown MaDoiTac)"};
  }
  const auto expected = checksum(message, order, context.partner.secret);
  if (!checksum_matches(checksum_text(message, "MaXacThuc"), expected)) {
    return WireError{std::string(error_code::kChecksum),
                     "Sai mã xác thực (MaXacThuc does not match)"};
  }
  return std::nullopt;
}

std::optional<WireError> check_request_time(std::string_view time, const CheckContext& context) {
  const auto at = parse_timestamp(time);
  if (!at)
    return invalid("Dữ liệu không hợp lệ: ThoiGianGD phải là thời điểm yyyyMMddHHmmss có thật");
  if (!within(*at, context.now, context.time_window)) {
    return invalid("Dữ liệu không hợp lệ: ThoiGianGD lệch quá xa thời gian hệ thống");
  }
  return std::nullopt;
}

}  // namespace lienthong::sandbox::paygov
