#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>

#include "core/config/hub_config.hpp"
#include "core/metrics/registry.hpp"
#include "core/pipeline/stages/timestamp_client.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::pipeline {

/// What the stamper has done, for metrics and the admin API.
struct StamperStats {
  std::atomic<std::uint64_t> stamps{0};
  std::atomic<std::uint64_t> failures{0};          ///< TSA unreachable, refused, unusable
  std::atomic<std::int64_t> unstamped_entries{0};  ///< of this node's chain, at the last look
  std::atomic<std::int64_t> lag_ms{0};             ///< age of its oldest unstamped entry (0: none)
};

/// Batch timestamps of the evidence journal (README.md): looks at the chain heads every second
/// and, when this node's chain has `stamp_every_entries` unstamped entries or its oldest
/// unstamped entry is `stamp_every_s` old, asks the TSA for a token over the head entry's text
/// (its hash is the imprint) — one token covers every entry before it through the chain. The
/// chain of a node that stopped is stamped by any other node once its tail is three periods
/// old. A TSA that is down delays stamping, never an exchange: the stamper backs off (up to a
/// period), counts the failure, and the lag grows where operators see it.
class EvidenceStamper : public std::enable_shared_from_this<EvidenceStamper> {
 public:
  EvidenceStamper(const boost::asio::any_io_executor& executor,
                  std::shared_ptr<store::MessageStore> store,
                  std::shared_ptr<boost::asio::thread_pool> blocking,
                  std::shared_ptr<const TimestampClient> tsa, const config::EvidenceConfig& config);

  void start();
  void stop();

 private:
  boost::asio::awaitable<void> run();
  /// One look at the heads; stamps what is due. False when a stamp failed.
  boost::asio::awaitable<bool> look();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  std::shared_ptr<store::MessageStore> store_;
  std::shared_ptr<boost::asio::thread_pool> blocking_;
  std::shared_ptr<const TimestampClient> tsa_;
  std::string node_;
  std::int64_t every_entries_;
  std::chrono::milliseconds every_;
  boost::asio::steady_timer timer_;
  bool stopping_ = false;
  std::shared_ptr<StamperStats> stats_ = std::make_shared<StamperStats>();
  /// lienthong_evidence_* on GET /metrics while the stamper runs.
  metrics::Collection metrics_;
};

/// True when a chain's unstamped tail is due for a stamp (pure; tests).
bool stamp_due(const store::EvidenceHead& head, std::int64_t now_ms, std::int64_t every_entries,
               std::int64_t every_ms, bool own_chain);

}  // namespace lienthong::pipeline
