#include "sandbox/paygov/payment_book.hpp"

#include <cstdio>

namespace lienthong::sandbox::paygov {

PaymentBook::PaymentBook(std::chrono::seconds expiry) : expiry_(expiry) {}

Payment& PaymentBook::refresh(Payment& payment, TimePoint now) {
  payment.state = payment.lifecycle.state_at(now);
  return payment;
}

std::optional<Payment> PaymentBook::create(InitRequest init, TimePoint now) {
  const std::lock_guard lock(mutex_);
  if (payments_.contains(init.reference)) return std::nullopt;
  auto reference = init.reference;
  Payment payment{std::move(init), PaymentLifecycle(now, expiry_)};
  order_.push_back(reference);
  return payments_.emplace(std::move(reference), std::move(payment)).first->second;
}

std::optional<Payment> PaymentBook::find(std::string_view reference, TimePoint now) {
  const std::lock_guard lock(mutex_);
  const auto it = payments_.find(reference);
  if (it == payments_.end()) return std::nullopt;
  return refresh(it->second, now);
}

Result<Payment, SettleRefusal> PaymentBook::settle(std::string_view reference, PaymentEvent event,
                                                   TimePoint now) {
  const std::lock_guard lock(mutex_);
  const auto it = payments_.find(reference);
  if (it == payments_.end()) return SettleRefusal{};
  auto& payment = it->second;
  auto next = payment.lifecycle.apply(event, now);
  refresh(payment, now);
  if (!next) return SettleRefusal{next.error()};
  if (*next == PaymentState::kPaid) {
    // A bank transaction id: the day, the time and a running number (unique per mock).
    char serial[16];
    std::snprintf(serial, sizeof serial, "%06llu",
                  static_cast<unsigned long long>(++transactions_ % 1'000'000));
    payment.transaction_id = "PG" + format_timestamp(now) + serial;
  }
  return payment;
}

void PaymentBook::record_ipn(std::string_view reference, IpnAttempt attempt) {
  const std::lock_guard lock(mutex_);
  const auto it = payments_.find(reference);
  if (it != payments_.end()) it->second.ipn.push_back(std::move(attempt));
}

std::vector<DayEntry> PaymentBook::day_list(std::string_view day, TimePoint now) {
  const std::lock_guard lock(mutex_);
  std::vector<DayEntry> list;
  for (const auto& reference : order_) {
    auto& payment = refresh(payments_.at(reference), now);
    if (format_day(payment.lifecycle.created_at()) != day) continue;
    const bool paid = payment.state == PaymentState::kPaid;
    list.push_back(
        DayEntry{payment.init.reference, payment.transaction_id, payment.init.amount,
                 paid ? format_timestamp(*payment.lifecycle.settled_at()) : payment.init.time,
                 std::string(state_code(payment.state))});
  }
  const auto plant = plants_.find(day);
  return plant == plants_.end() ? list : apply_plant(std::move(list), plant->second);
}

void PaymentBook::plant(const std::string& day, ReconciliationPlant plant) {
  const std::lock_guard lock(mutex_);
  plants_[day] = std::move(plant);
}

std::optional<ReconciliationPlant> PaymentBook::plant_of(std::string_view day) {
  const std::lock_guard lock(mutex_);
  const auto it = plants_.find(day);
  if (it == plants_.end()) return std::nullopt;
  return it->second;
}

void PaymentBook::clear_plant(std::string_view day) {
  const std::lock_guard lock(mutex_);
  if (const auto it = plants_.find(day); it != plants_.end()) plants_.erase(it);
}

}  // namespace lienthong::sandbox::paygov
