#include "sandbox/paygov/ipn_message.hpp"

#include "sandbox/paygov/checksum.hpp"

namespace lienthong::sandbox::paygov {

nlohmann::json ipn_body(const Payment& payment, const Partner& partner, IpnMode mode) {
  const auto& init = payment.init;
  const auto settled = payment.lifecycle.settled_at().value_or(payment.lifecycle.created_at());
  const bool paid = payment.state == PaymentState::kPaid;
  nlohmann::json body = {
      {"LoaiBanTin", kIpn},
      {"MaLoi", paid ? kIpnPaid : kIpnCancelled},
      {"MaDoiTac", init.partner},
      {"MaThamChieu", init.reference},
      {"SoTien", init.amount + (mode == IpnMode::kWrongAmount ? 1000 : 0)},
      {"MaTienTe", "VND"},
      {"MaGiaoDich", payment.transaction_id},
      {"MaNganHang", "PAYMENT"},
      {"ThoiGianGD", format_timestamp(settled)},
      {"ThongTinGiaoDich", init.description},
  };
  // A wrong MaXacThuc that still looks right: a checksum made with another secret.
  const auto secret = mode == IpnMode::kBadChecksum ? partner.secret + "-spoiled" : partner.secret;
  body["MaXacThuc"] = checksum(body, kIpnChecksumOrder, secret);
  return body;
}

std::optional<IpnJob> plan_ipn(const Payment& payment, const Partner& partner,
                               const IpnOrder& order) {
  if (order.mode == IpnMode::kNever) return std::nullopt;
  if (payment.state != PaymentState::kPaid && payment.state != PaymentState::kCancelled) {
    return std::nullopt;
  }
  IpnJob job;
  job.reference = payment.init.reference;
  job.mode = order.mode;
  job.body = ipn_body(payment, partner, order.mode);
  job.ma_loi = job.body["MaLoi"].get<std::string>();
  job.delay = order.first_delay();
  job.sends = order.mode == IpnMode::kTwice ? 2 : 1;
  job.resend = order.mode == IpnMode::kNormal || order.mode == IpnMode::kLate;
  return job;
}

bool IpnAnswer::confirmed() const {
  return verified && (code == kIpnAnswerConfirmed || code == kIpnAnswerAlreadyConfirmed);
}

IpnAnswer read_ipn_answer(std::string_view body, const Partner& partner) {
  IpnAnswer answer;
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object()) {
    answer.problem = "the answer is not a JSON object";
    return answer;
  }
  for (const char* key : {"MaLoi", "MaDoiTac", "ThoiGianGD", "MaXacThuc"}) {
    if (!json.contains(key) || !json[key].is_string()) {
      answer.problem = std::string("the answer has no string ") + key;
      return answer;
    }
  }
  answer.code = json["MaLoi"].get<std::string>();
  if (json["MaDoiTac"].get<std::string>() != partner.code) {
    answer.problem = "the answer's MaDoiTac is not the partner's";
    return answer;
  }
  const auto expected = checksum(json, kIpnAnswerChecksumOrder, partner.secret);
  if (!checksum_matches(json["MaXacThuc"].get<std::string>(), expected)) {
    answer.problem = "the answer's MaXacThuc does not match";
    return answer;
  }
  answer.verified = true;
  return answer;
}

}  // namespace lienthong::sandbox::paygov
