#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/problem.hpp"
#include "sandbox/paygov/payment.hpp"
#include "sandbox/paygov/reconciliation.hpp"

namespace lienthong::sandbox::paygov {

/// Why a payment could not be settled: there is none, or its state refuses the event.
struct SettleRefusal {
  std::optional<IllegalTransition> illegal;  ///< nullopt: no such payment
};

/// Every payment the mock was asked to create, by MaThamChieu, and the reconciliation plants.
/// Thread-safe; answers copies. A reference stays used for the mock's lifetime, whatever
/// became of its payment.
class PaymentBook {
 public:
  explicit PaymentBook(std::chrono::seconds expiry);

  /// Records a new payment awaiting payment; nullopt when the reference was used before.
  std::optional<Payment> create(InitRequest init, TimePoint now);
  /// The payment as of `now` (a due expiry applied), nullopt when unknown.
  std::optional<Payment> find(std::string_view reference, TimePoint now);
  /// Pays or cancels a payment; paying gives it its MaGiaoDich.
  Result<Payment, SettleRefusal> settle(std::string_view reference, PaymentEvent event,
                                        TimePoint now);
  /// Adds an IPN delivery to the payment's record.
  void record_ipn(std::string_view reference, IpnAttempt attempt);

  /// DOI_SOAT's list for `day` (yyyyMMdd): the payments created that day (Vietnam time), in
  /// creation order, with that day's plant applied.
  std::vector<DayEntry> day_list(std::string_view day, TimePoint now);
  void plant(const std::string& day, ReconciliationPlant plant);
  std::optional<ReconciliationPlant> plant_of(std::string_view day);
  void clear_plant(std::string_view day);

 private:
  Payment& refresh(Payment& payment, TimePoint now);

  std::chrono::seconds expiry_;
  std::mutex mutex_;
  std::map<std::string, Payment, std::less<>> payments_;
  std::vector<std::string> order_;  ///< references in creation order
  std::map<std::string, ReconciliationPlant, std::less<>> plants_;
  std::uint64_t transactions_ = 0;
};

}  // namespace lienthong::sandbox::paygov
