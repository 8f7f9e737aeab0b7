#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "connectors/paygov/payment_record.hpp"
#include "connectors/paygov/platform_time.hpp"

namespace lienthong::connectors::paygov {

/// The canonical event the provincial system receives when a payment moves without a notice to
/// map (a QUERY answered it, or it expired): the same fields the notice's mapping writes
/// (mappings/paygov/inbound/payment-notice.*), from the hub's record. `at` is the time of a
/// cancellation or an expiry; a payment's own time is its recorded `paid_at`.
nlohmann::json payment_event(PaymentEvent event, std::string_view reference,
                             const PaymentData& data, Clock::time_point at);

}  // namespace lienthong::connectors::paygov
