#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lienthong::crash {

/// A message the hub acknowledged with 202.
struct AcceptedMessage {
  std::string id;
  std::string key;      ///< the ordering key: the dossier code
  std::uint64_t seq{};  ///< acceptance order over the whole run (when the 202 arrived)
};

struct LoadOptions {
  int threads = 4;
  int keys = 32;           ///< dossiers in progress at once, split between the threads
  double per_second = 40;  ///< requests sent per second, all threads together (pacing)
};

/// Continuous async load as provincial systems send it: each dossier gets a sync-dossier, then
/// update-progress steps with rising status and time, one request at a time per dossier (so
/// acceptance order per key is step order), each with its own Idempotency-Key. A request that
/// gets no 202 (the hub died, was restarting) is sent again with the same key and body until it
/// does, as a client would: the answer is the id of the message if it was stored before.
/// A finished dossier makes way for a new one. `port()` names a live hub (0: none now).
class AsyncLoad {
 public:
  AsyncLoad(LoadOptions options, std::function<std::uint16_t()> port, std::string api_key);
  ~AsyncLoad();  ///< stop()s

  void start();
  /// No new requests; a request in progress is retried until its 202 or `grace` passes.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(60));

  [[nodiscard]] std::vector<AcceptedMessage> accepted() const;
  /// Requests that ended without a 202 (connection failed or broke, 5xx); sent again.
  [[nodiscard]] std::uint64_t failed_sends() const { return failed_sends_; }
  /// Steps abandoned at stop() without a 202: stored or not, nobody knows.
  [[nodiscard]] std::uint64_t unconfirmed() const { return unconfirmed_; }
  /// Answers that are neither 202 nor a crash symptom (400, 409, ...), with their bodies.
  [[nodiscard]] std::vector<std::string> refusals() const;

 private:
  void run(int thread);

  LoadOptions options_;
  std::function<std::uint16_t()> port_;
  std::string api_key_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> stop_deadline_ms_{0};
  std::atomic<std::uint64_t> next_seq_{0};
  std::atomic<std::uint64_t> next_dossier_{0};
  std::atomic<std::uint64_t> failed_sends_{0};
  std::atomic<std::uint64_t> unconfirmed_{0};
  mutable std::mutex mutex_;
  std::vector<AcceptedMessage> accepted_;
  std::vector<std::string> refusals_;
};

}  // namespace lienthong::crash
