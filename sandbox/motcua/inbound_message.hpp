#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace lienthong::sandbox::motcua {

/// The flows the provincial mock knows, by the hub's `X-Lienthong-Inbound` header.
inline constexpr std::string_view kStatusCallbackFlow = "dvcqg/status-callback";
inline constexpr std::string_view kPaymentFlow = "paygov/payment-notice";

/// Why a pushed body is not the canonical message of `flow` (nullopt: it is). Written from the
/// domain reference, not from the hub's schema, so that the mock catches a hub that drifts:
/// a dossier status `{event:"dossier-status", source:"dvcqg", dossierCode, status 1-10, state
/// (the portal word of that same status), changedAt?, note?}` and nothing else; a payment event
/// `{event: payment-paid|payment-cancelled|payment-expired, paymentId, dossierCode, amount,
/// paidAt|cancelledAt|expiredAt, bankTransactionId? (paid)}` and nothing else.
std::optional<std::string> check_inbound_message(std::string_view flow, const nlohmann::json& body);

/// The status code of a portal state word (receiving 1 ... done 10); 0 for any other word.
int portal_state_code(std::string_view state);

}  // namespace lienthong::sandbox::motcua
