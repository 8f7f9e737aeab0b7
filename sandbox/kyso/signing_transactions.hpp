#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandbox/kyso/signer_accounts.hpp"

namespace lienthong::sandbox::kyso {

/// Where a signing transaction stands (`status` of the status answer).
enum class SigningStatus { kPending, kSuccess, kRejected, kExpired };
/// `PENDING`, `SUCCESS`, `REJECTED`, `EXPIRED`.
std::string_view to_string(SigningStatus status);

/// How long the holder takes to answer on the phone, and when an unanswered request lapses.
/// Both count from the first sign request of the transaction.
struct SigningTiming {
  std::chrono::milliseconds approval{5'000};
  std::chrono::milliseconds expiry{180'000};
};

/// The status `elapsed` after the first request: a holder who answers does so at `approval`
/// (if that comes before `expiry`), and that answer is final; otherwise EXPIRED at `expiry`.
SigningStatus status_after(SignerBehaviour behaviour, std::chrono::milliseconds elapsed,
                           const SigningTiming& timing);

/// One file to sign: the hash, normalised to lowercase hex.
struct SignFile {
  std::string data_to_be_signed;
  std::string doc_id;
  std::string file_type;
  std::string sign_type;

  bool operator==(const SignFile&) const = default;
};

/// What a sign request asks, normalised: two requests with equal content are the same request
/// (a retry), two with different content under one transaction_id a conflict.
struct SigningContent {
  std::string user_id;
  std::string serial_number;  ///< normalised (upper-case hex, no leading zeros)
  std::string transaction_desc;
  std::vector<SignFile> files;

  bool operator==(const SigningContent&) const = default;
};

/// A transaction as it stands.
struct SigningTransaction {
  std::string transaction_id;  ///< the caller's
  std::string tran_id;         ///< the CA's
  std::string tran_code;       ///< shown on the holder's phone
  SigningContent content;
  SignerBehaviour behaviour = SignerBehaviour::kApprove;
  SigningStatus status = SigningStatus::kPending;
  std::uint64_t sign_requests = 0;  ///< sign requests that reached it (first, retries, conflicts)
  std::uint64_t conflicts = 0;      ///< of those, the ones with different content (409)
  std::uint64_t status_polls = 0;
  int approvals = 1;  ///< times the holder's phone was asked: once per transaction
  /// A tester answered in the holder's place (`POST /_sandbox/sign/{tran_id}/approve|reject`):
  /// the status is that answer from then on, whatever the behaviour; an approval signs with the
  /// holder's key correctly, even for a `wrong_signature` holder.
  bool tester_answered = false;
};

/// The CA's signing transactions, in memory for the mock's lifetime (the oldest fall off past
/// kCapacity), keyed by the caller's transaction_id (idempotency) and by the CA's tran_id
/// (status polls). Status is worked out lazily from the clock. Thread-safe.
class SigningTransactions {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  static constexpr std::size_t kCapacity = 100'000;

  explicit SigningTransactions(SigningTiming timing, Clock clock = {});

  enum class Outcome {
    kStarted,   ///< a new transaction: the holder's phone is asked
    kReplayed,  ///< the same request again: the same transaction, nothing asked
    kConflict,  ///< the transaction_id carried other content before
  };
  struct Begun {
    Outcome outcome = Outcome::kStarted;
    SigningTransaction transaction;
  };
  /// Starts the transaction `transaction_id`, or finds it again; counts the request either way.
  Begun begin(const std::string& transaction_id, SigningContent content, SignerBehaviour behaviour);

  /// A status poll of `tran_id` (counted); nullopt when the CA has no such transaction.
  std::optional<SigningTransaction> poll(std::string_view tran_id);

  enum class AnswerOutcome {
    kAnswered,  ///< it was PENDING: it is now SUCCESS or REJECTED, final
    kUnknown,   ///< the CA has no such tran_id
    kEnded,     ///< it had already ended (SUCCESS, REJECTED or EXPIRED): nothing changed
  };
  struct Answered {
    AnswerOutcome outcome = AnswerOutcome::kAnswered;
    std::optional<SigningTransaction> transaction;  ///< as it stands now (none when unknown)
  };
  /// The tester answers on the holder's phone now: `approve` true → SUCCESS, false → REJECTED,
  /// whatever the holder's behaviour and the approval delay; only a PENDING transaction. Not a
  /// status poll (not counted).
  Answered answer(std::string_view tran_id, bool approve);

  /// Every transaction, oldest first, without counting anything (the testers' view).
  [[nodiscard]] std::vector<SigningTransaction> list() const;
  void clear();

 private:
  struct Record {
    SigningTransaction transaction;
    std::chrono::steady_clock::time_point started;
    std::optional<SigningStatus> tester_answer;  ///< set by answer(): overrides the schedule
  };
  [[nodiscard]] std::chrono::steady_clock::time_point now() const;
  [[nodiscard]] SigningTransaction view(const Record& record,
                                        std::chrono::steady_clock::time_point now) const;

  SigningTiming timing_;
  Clock clock_;
  mutable std::mutex mutex_;
  std::uint64_t next_ = 0;
  std::map<std::uint64_t, Record> records_;  ///< by creation order
  std::map<std::string, std::uint64_t, std::less<>> by_transaction_id_;
  std::map<std::string, std::uint64_t, std::less<>> by_tran_id_;
};

}  // namespace lienthong::sandbox::kyso
