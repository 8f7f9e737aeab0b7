#include "core/pipeline/evidence/stamper.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log/log.hpp"
#include "core/store/awaitable.hpp"

namespace lienthong::pipeline {
namespace {

namespace asio = boost::asio;

std::string unhex(const std::string& hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace

bool stamp_due(const store::EvidenceHead& head, std::int64_t now_ms, std::int64_t every_entries,
               std::int64_t every_ms, bool own_chain) {
  if (head.seq <= head.stamped_seq) return false;
  const auto age = head.oldest_unstamped_ms ? now_ms - *head.oldest_unstamped_ms : 0;
  if (!own_chain) return age >= 3 * every_ms;  // a node that stopped: its tail still gets stamped
  return head.seq - head.stamped_seq >= every_entries || age >= every_ms;
}

EvidenceStamper::EvidenceStamper(const asio::any_io_executor& executor,
                                 std::shared_ptr<store::MessageStore> store,
                                 std::shared_ptr<asio::thread_pool> blocking,
                                 std::shared_ptr<const TimestampClient> tsa,
                                 const config::EvidenceConfig& config)
    : strand_(asio::make_strand(executor)),
      store_(std::move(store)),
      blocking_(std::move(blocking)),
      tsa_(std::move(tsa)),
      node_(store_ ? store_->evidence_node() : std::string()),
      every_entries_(config.stamp_every_entries),
      every_(std::chrono::seconds(config.stamp_every_s)),
      timer_(strand_) {}

void EvidenceStamper::start() {
  if (!store_ || node_.empty() || !tsa_) return;
  metrics_ = metrics::global().add_collector([stats = stats_](metrics::Exposition& out) {
    using metrics::Type;
    if (out.family("lienthong_evidence_unstamped_entries", Type::kGauge,
                   "Entries of this node's evidence chain no timestamp covers yet")) {
      out.sample("lienthong_evidence_unstamped_entries", {},
                 static_cast<double>(stats->unstamped_entries.load()));
    }
    if (out.family("lienthong_evidence_stamp_lag_seconds", Type::kGauge,
                   "Age of the oldest entry of this node's chain no timestamp covers (0: none)")) {
      out.sample("lienthong_evidence_stamp_lag_seconds", {},
                 static_cast<double>(stats->lag_ms.load()) / 1000.0);
    }
    if (out.family("lienthong_evidence_stamps_total", Type::kCounter,
                   "Time-stamp tokens over chain heads kept")) {
      out.sample("lienthong_evidence_stamps_total", {}, stats->stamps.load());
    }
    if (out.family("lienthong_evidence_tsa_failures_total", Type::kCounter,
                   "Stamps the time-stamp authority did not give (down, refused, unusable)")) {
      out.sample("lienthong_evidence_tsa_failures_total", {}, stats->failures.load());
    }
  });
  asio::co_spawn(
      strand_, [self = shared_from_this()] { return self->run(); }, asio::detached);
}

void EvidenceStamper::stop() {
  asio::post(strand_, [self = shared_from_this()] {
    self->stopping_ = true;
    self->timer_.cancel();
    self->metrics_.reset();
  });
}

asio::awaitable<void> EvidenceStamper::run() {
  const std::chrono::milliseconds poll =
      std::min<std::chrono::milliseconds>(every_, std::chrono::seconds(1));
  std::chrono::milliseconds backoff{0};
  while (!stopping_) {
    timer_.expires_after(std::max(poll, backoff));
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopping_) break;
    const bool ok = co_await look();
    backoff =
        ok ? std::chrono::milliseconds(0)
           : std::min<std::chrono::milliseconds>(
                 every_, std::max<std::chrono::milliseconds>(backoff * 2, std::chrono::seconds(2)));
  }
}

asio::awaitable<bool> EvidenceStamper::look() {
  auto read = [store = store_] { return store->evidence().heads(); };
  auto heads =
      co_await store::await_blocking<std::vector<store::EvidenceHead>>(*blocking_, std::move(read));
  if (!heads) {
    log::warn("evidence.heads_unreadable", {{"problem", heads.error().detail}});
    co_return false;
  }
  const auto now_ms = store::to_millis(store::Clock::now());
  bool ok = true;
  for (const auto& head : *heads) {
    const bool own = head.node == node_;
    if (own) {
      stats_->unstamped_entries = head.seq - head.stamped_seq;
      stats_->lag_ms = head.oldest_unstamped_ms ? now_ms - *head.oldest_unstamped_ms : 0;
    }
    if (!stamp_due(head, now_ms, every_entries_, every_.count(), own)) continue;
    auto token = co_await tsa_->stamp(unhex(head.hash));
    if (!token) {
      ++stats_->failures;
      log::warn("evidence.stamp_failed", {{"node", head.node},
                                          {"seq", std::to_string(head.seq)},
                                          {"problem", token.error().detail}});
      ok = false;
      break;  // the TSA is down for every chain; look again after the back-off
    }
    store::EvidenceStamp stamp{head.node, head.seq, head.hash, std::move(token->der),
                               store::to_millis(token->gen_time)};
    auto start = [store = store_, s = std::move(stamp)](auto done) mutable {
      store->record_stamp(std::move(s), std::move(done));
    };
    auto recorded = co_await store::await_store<void>(std::move(start));
    if (!recorded) {
      log::warn("evidence.stamp_not_recorded", {{"problem", recorded.error().detail}});
      ok = false;
      continue;
    }
    ++stats_->stamps;
    if (own) {
      stats_->unstamped_entries = 0;
      stats_->lag_ms = 0;
    }
    log::info("evidence.stamped", {{"node", head.node}, {"seq", std::to_string(head.seq)}});
  }
  co_return ok;
}

}  // namespace lienthong::pipeline
