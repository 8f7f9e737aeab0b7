#include "connectors/paygov/payment_record.hpp"

namespace lienthong::connectors::paygov {
namespace {

std::string text(const nlohmann::json& j, std::string_view key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

nlohmann::json to_json(const PaymentData& d) {
  nlohmann::json j = {{"dossierCode", d.dossier_code},
                      {"amount", d.amount},
                      {"createdDay", d.created_day},
                      {"requestHash", d.request_hash}};
  if (!d.payment_url.empty()) j["paymentUrl"] = d.payment_url;
  if (!d.expires_at.empty()) j["expiresAt"] = d.expires_at;
  if (!d.paid_at.empty()) j["paidAt"] = d.paid_at;
  if (!d.bank_transaction_id.empty()) j["bankTransactionId"] = d.bank_transaction_id;
  return j;
}

PaymentData payment_data(const nlohmann::json& j) {
  PaymentData d;
  if (!j.is_object()) return d;
  d.dossier_code = text(j, "dossierCode");
  if (auto it = j.find("amount"); it != j.end() && it->is_number_integer()) {
    d.amount = it->get<std::int64_t>();
  }
  d.created_day = text(j, "createdDay");
  d.request_hash = text(j, "requestHash");
  d.payment_url = text(j, "paymentUrl");
  d.expires_at = text(j, "expiresAt");
  d.paid_at = text(j, "paidAt");
  d.bank_transaction_id = text(j, "bankTransactionId");
  return d;
}

PaymentData read_payment_data(std::string_view text) {
  return payment_data(nlohmann::json::parse(text, nullptr, false));
}

Result<PaymentData> read_init(const nlohmann::json& init) {
  auto invalid = [](std::string pointer, std::string reason) {
    Problem p = Problem::make(ProblemKind::kInvalid, "the payment is not consistent");
    p.errors.push_back({std::move(pointer), std::move(reason)});
    return p;
  };
  PaymentData d;
  const auto amount = init.find("SoTien");
  if (amount == init.end() || !amount->is_number_integer() || amount->get<std::int64_t>() <= 0) {
    return invalid("/amount", "must be a whole number of VND above 0");
  }
  d.amount = amount->get<std::int64_t>();
  std::int64_t sum = 0;
  const auto receipt = init.find("ThongTinBienLai");
  if (receipt != init.end() && receipt->is_object()) {
    d.dossier_code = text(*receipt, "MaHoSo");
    if (auto lines = receipt->find("PhiLePhi"); lines != receipt->end() && lines->is_array()) {
      for (const auto& line : *lines) {
        if (auto a = line.find("SoTien"); a != line.end() && a->is_number_integer()) {
          sum += a->get<std::int64_t>();
        }
      }
    }
  }
  if (sum != d.amount) {
    return invalid("/amount", "must be the sum of fees[].amount (" + std::to_string(sum) + ")");
  }
  return d;
}

nlohmann::json created_answer(std::string_view reference, std::string_view state,
                              const PaymentData& data) {
  return {{"MaThamChieu", reference},
          {"UrlThanhToan", data.payment_url},
          {"ThoiHanThanhToan", data.expires_at},
          {"SoTien", data.amount},
          {"TrangThai", state}};
}

store::RecordChange payment_change(const std::string& reference, PaymentEvent event,
                                   const PaymentData& data, std::string_view cause) {
  const auto t = transition_for(event);
  store::RecordChange c;
  c.kind = std::string(kPaymentKind);
  c.id = reference;
  c.from_states = state_names(t.from);
  c.to_state = std::string(to_string(t.to));
  c.data = to_json(data).dump();
  c.cause = std::string(cause);
  return c;
}

}  // namespace lienthong::connectors::paygov
