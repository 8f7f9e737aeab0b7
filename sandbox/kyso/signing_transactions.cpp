#include "sandbox/kyso/signing_transactions.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "core/base/uuid.hpp"

namespace lienthong::sandbox::kyso {
namespace {

// Letters and digits a holder cannot misread (no 0/O, 1/I).
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

std::string tran_code() {
  std::array<unsigned char, 6> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");  // a broken system, not bad input
  }
  std::string out;
  for (unsigned char b : bytes) out += kCodeAlphabet[b % kCodeAlphabet.size()];
  return out;
}

}  // namespace

std::string_view to_string(SigningStatus status) {
  switch (status) {
    case SigningStatus::kPending:
      return "PENDING";
    case SigningStatus::kSuccess:
      return "SUCCESS";
    case SigningStatus::kRejected:
      return "REJECTED";
    case SigningStatus::kExpired:
      return "EXPIRED";
  }
  return "PENDING";
}

SigningStatus status_after(SignerBehaviour behaviour, std::chrono::milliseconds elapsed,
                           const SigningTiming& timing) {
  const bool answers = behaviour != SignerBehaviour::kIgnore && timing.approval < timing.expiry;
  if (answers && elapsed >= timing.approval) {
    return behaviour == SignerBehaviour::kReject ? SigningStatus::kRejected
                                                 : SigningStatus::kSuccess;
  }
  return elapsed >= timing.expiry ? SigningStatus::kExpired : SigningStatus::kPending;
}

SigningTransactions::SigningTransactions(SigningTiming timing, Clock clock)
    : timing_(timing), clock_(std::move(clock)) {}

std::chrono::steady_clock::time_point SigningTransactions::now() const {
  return clock_ ? clock_() : std::chrono::steady_clock::now();
}

SigningTransaction SigningTransactions::view(const Record& record,
                                             std::chrono::steady_clock::time_point now) const {
  auto out = record.transaction;
  if (record.tester_answer) {
    out.status = *record.tester_answer;
    out.tester_answered = true;
    return out;
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - record.started);
  out.status = status_after(out.behaviour, elapsed, timing_);
  return out;
}

SigningTransactions::Begun SigningTransactions::begin(const std::string& transaction_id,
                                                      SigningContent content,
                                                      SignerBehaviour behaviour) {
  const auto at = now();
  std::lock_guard lock(mutex_);
  if (const auto it = by_transaction_id_.find(transaction_id); it != by_transaction_id_.end()) {
    auto& record = records_.at(it->second);
    auto& t = record.transaction;
    ++t.sign_requests;
    const bool same = t.content == content;
    if (!same) ++t.conflicts;
    return {same ? Outcome::kReplayed : Outcome::kConflict, view(record, at)};
  }
  if (records_.size() >= kCapacity) {
    const auto oldest = records_.begin();
    by_transaction_id_.erase(oldest->second.transaction.transaction_id);
    by_tran_id_.erase(oldest->second.transaction.tran_id);
    records_.erase(oldest);
  }
  Record record;
  record.transaction.transaction_id = transaction_id;
  record.transaction.tran_id = uuid_v7();
  record.transaction.tran_code = tran_code();
  record.transaction.content = std::move(content);
  record.transaction.behaviour = behaviour;
  record.transaction.sign_requests = 1;
  record.started = at;
  const auto key = next_++;
  by_transaction_id_.emplace(transaction_id, key);
  by_tran_id_.emplace(record.transaction.tran_id, key);
  const auto& stored = records_.emplace(key, std::move(record)).first->second;
  return {Outcome::kStarted, view(stored, at)};
}

std::optional<SigningTransaction> SigningTransactions::poll(std::string_view tran_id) {
  const auto at = now();
  std::lock_guard lock(mutex_);
  const auto it = by_tran_id_.find(tran_id);
  if (it == by_tran_id_.end()) return std::nullopt;
  auto& record = records_.at(it->second);
  ++record.transaction.status_polls;
  return view(record, at);
}

SigningTransactions::Answered SigningTransactions::answer(std::string_view tran_id, bool approve) {
  const auto at = now();
  std::lock_guard lock(mutex_);
  const auto it = by_tran_id_.find(tran_id);
  if (it == by_tran_id_.end()) return {AnswerOutcome::kUnknown, std::nullopt};
  auto& record = records_.at(it->second);
  if (view(record, at).status != SigningStatus::kPending) {
    return {AnswerOutcome::kEnded, view(record, at)};
  }
  record.tester_answer = approve ? SigningStatus::kSuccess : SigningStatus::kRejected;
  return {AnswerOutcome::kAnswered, view(record, at)};
}

std::vector<SigningTransaction> SigningTransactions::list() const {
  const auto at = now();
  std::lock_guard lock(mutex_);
  std::vector<SigningTransaction> out;
  out.reserve(records_.size());
  for (const auto& [key, record] : records_) out.push_back(view(record, at));
  return out;
}

void SigningTransactions::clear() {
  std::lock_guard lock(mutex_);
  records_.clear();
  by_transaction_id_.clear();
  by_tran_id_.clear();
}

}  // namespace lienthong::sandbox::kyso
