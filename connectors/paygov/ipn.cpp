#include "connectors/paygov/ipn.hpp"

#include "connectors/paygov/checksum.hpp"

namespace lienthong::connectors::paygov {
namespace {

IpnRefusal malformed(std::string reason) {
  return {std::string(answer_code::kMalformed), std::move(reason)};
}

}  // namespace

Result<IpnNotice, IpnRefusal> read_ipn(const nlohmann::json& body, std::string_view partner,
                                       std::string_view secret) {
  if (!body.is_object()) return malformed("the notice is not a JSON object");
  for (std::string_view field : {"LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "MaXacThuc"}) {
    const auto it = body.find(field);
    if (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      return malformed(std::string(field) + " missing or not a string");
    }
  }
  for (const auto field : order::kIpn) {
    const auto it = body.find(field);
    if (it == body.end()) return malformed(std::string(field) + " missing");
    if (field != "SoTien" && !it->is_string())
      return malformed(std::string(field) + " not a string");
  }
  const auto& amount = body["SoTien"];
  if (!amount.is_number_integer() || amount.get<std::int64_t>() < 0) {
    return malformed("SoTien is not a non-negative integer");
  }
  if (body["LoaiBanTin"] != "IPN") return malformed("LoaiBanTin is not IPN");
  if (!checksum_matches(body, order::kIpn, secret)) {
    return IpnRefusal{std::string(answer_code::kChecksum), "MaXacThuc does not match"};
  }
  if (body["MaDoiTac"] != partner) {
    return IpnRefusal{std::string(answer_code::kUnknownPartner), "MaDoiTac is not the hub's"};
  }
  IpnNotice notice;
  notice.result = body["MaLoi"].get<std::string>();
  notice.reference = body["MaThamChieu"].get<std::string>();
  notice.amount = amount.get<std::int64_t>();
  notice.bank_transaction_id = body["MaGiaoDich"].get<std::string>();
  notice.paid_at = body["ThoiGianGD"].get<std::string>();
  return notice;
}

nlohmann::json ipn_answer(std::string_view code, std::string_view partner, Clock::time_point now,
                          std::string_view secret) {
  nlohmann::json answer = {
      {"MaLoi", code}, {"MaDoiTac", partner}, {"ThoiGianGD", platform_time(now)}};
  answer["MaXacThuc"] = checksum(answer, order::kIpnAnswer, secret);
  return answer;
}

}  // namespace lienthong::connectors::paygov
