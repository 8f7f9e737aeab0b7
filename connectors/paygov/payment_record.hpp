#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "connectors/paygov/payment_state.hpp"
#include "core/base/problem.hpp"
#include "core/store/record.hpp"

namespace lienthong::connectors::paygov {

/// The kind of the hub's state records that are payments (core/store: state records).
inline constexpr std::string_view kPaymentKind = "payment";

/// What the hub keeps of a payment besides its state (the record's `data`): enough to check a
/// notice, answer a replay, push the outcome and reconcile — no payer name, no ID number.
struct PaymentData {
  std::string dossier_code;         ///< ThongTinBienLai.MaHoSo
  std::int64_t amount = 0;          ///< SoTien, VND
  std::string created_day;          ///< yyyyMMdd in Asia/Ho_Chi_Minh (the reconciliation day)
  std::string request_hash;         ///< SHA-256 of the canonical request (Idempotency-Key reuse)
  std::string payment_url;          ///< UrlThanhToan, once INIT was answered
  std::string expires_at;           ///< ThoiHanThanhToan (yyyyMMddHHmmss)
  std::string paid_at;              ///< ThoiGianGD of the paying notice (yyyyMMddHHmmss)
  std::string bank_transaction_id;  ///< MaGiaoDich
};

nlohmann::json to_json(const PaymentData& data);

/// Reads what to_json wrote; missing fields stay empty.
PaymentData payment_data(const nlohmann::json& json);
/// The same from a record's stored `data` text (not JSON: every field empty).
PaymentData read_payment_data(std::string_view text);

/// The change of payment `reference` that `event` makes (payment_state's transition), carrying
/// `data` as the record's new data and `cause` ("init", "ipn", ...) into its history.
store::RecordChange payment_change(const std::string& reference, PaymentEvent event,
                                   const PaymentData& data, std::string_view cause);

/// The amount and the dossier of a mapped INIT: the amount must be the sum of the fee lines
/// (a 400 at /amount of the canonical request otherwise, naming the sum).
Result<PaymentData> read_init(const nlohmann::json& init);

/// The connector's answer for create-payment, in the platform's words (the response mapping
/// turns it into the canonical answer): `{MaThamChieu, UrlThanhToan, ThoiHanThanhToan, SoTien,
/// TrangThai}`.
nlohmann::json created_answer(std::string_view reference, std::string_view state,
                              const PaymentData& data);

}  // namespace lienthong::connectors::paygov
