#include "core/pipeline/async/retention_sweep.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "tests/unit/core/store/store_fixture.hpp"

namespace lienthong::pipeline {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;
using store::AttemptOutcome;
using store::MessageState;

// The sweep on a running executor, against SQLite and PostgreSQL (LIENTHONG_TEST_PG).
class RetentionSweepTest : public store::testing::StoreTest {
 protected:
  // Polls (the sweep runs on its own schedule) until `pred` holds or 10 s pass.
  template <class Pred>
  static bool eventually(Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + seconds(10);
    while (!pred()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(milliseconds(5));
    }
    return true;
  }
};

TEST_P(RetentionSweepTest, RemovesOldFinishedMessagesAndNeverUnfinishedOnes) {
  std::shared_ptr<store::MessageStore> s = open();
  auto delivered = accept(*s, message("", "k-delivered"));
  auto dead = accept(*s, message());
  auto c = claim(*s, "n");
  ASSERT_EQ(c.size(), 2u);
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::delivered("{}")));
  ASSERT_TRUE(record(*s, c[1].lease, AttemptOutcome::dead("HTTP 400")));
  auto queued = accept(*s, message());
  auto in_flight = accept(*s, message());
  auto retrying = accept(*s, message());
  c = claim(*s, "n");
  ASSERT_EQ(c.size(), 3u);
  ASSERT_TRUE(record(*s, c[2].lease, AttemptOutcome::retry("HTTP 503", now() + hours(24 * 9))));
  ASSERT_TRUE(store::wait<void>([&](auto done) { s->release(c[0].lease, "circuit_open", done); }));
  advance(hours(24 * 3));  // all of them are three days old now
  auto recent = accept(*s, message());
  c = claim(*s, "n");
  ASSERT_FALSE(c.empty());
  ASSERT_EQ(ids(c),
            (std::vector<std::string>{queued.id, in_flight.id, recent.id}));  // leases lapsed
  ASSERT_TRUE(store::wait<void>([&](auto done) { s->release(c[0].lease, "circuit_open", done); }));
  ASSERT_TRUE(record(*s, c[2].lease, AttemptOutcome::delivered("{}")));

  boost::asio::io_context ioc;
  auto sweep = std::make_shared<RetentionSweep>(
      ioc.get_executor(), s, RetentionSweepOptions{hours(48), milliseconds(1), milliseconds(20)});
  sweep->start();
  auto ran = std::async(std::launch::async, [&ioc] { ioc.run(); });
  EXPECT_TRUE(eventually([&] { return !s->get(delivered.id) && !s->get(dead.id); }));
  EXPECT_TRUE(s->attempts(delivered.id)->empty());
  EXPECT_FALSE(accept(*s, message("", "k-delivered")).duplicate);  // its key is forgotten too

  EXPECT_TRUE(s->get(recent.id));  // finished just now: kept

  // Later sweeps keep running; however old, what is unfinished is never removed.
  advance(hours(24 * 30));
  EXPECT_TRUE(eventually([&] { return !s->get(recent.id); }));
  EXPECT_EQ(s->get(queued.id)->state, MessageState::kQueued);
  EXPECT_EQ(s->get(in_flight.id)->state, MessageState::kInFlight);  // its lease long lapsed
  EXPECT_EQ(s->get(retrying.id)->state, MessageState::kRetrying);

  sweep->stop();
  EXPECT_EQ(ran.wait_for(seconds(5)), std::future_status::ready) << "the sweep did not stop";
}

TEST_P(RetentionSweepTest, StopBeforeTheFirstSweepRemovesNothing) {
  std::shared_ptr<store::MessageStore> s = open();
  auto m = accept(*s, message());
  auto c = claim(*s, "n");
  ASSERT_TRUE(record(*s, c[0].lease, AttemptOutcome::delivered("{}")));
  advance(hours(24 * 365));

  boost::asio::io_context ioc;
  auto sweep = std::make_shared<RetentionSweep>(
      ioc.get_executor(), s, RetentionSweepOptions{hours(24), hours(1), hours(1)});
  sweep->start();
  sweep->stop();
  auto ran = std::async(std::launch::async, [&ioc] { ioc.run(); });
  EXPECT_EQ(ran.wait_for(seconds(5)), std::future_status::ready) << "the sweep did not stop";
  EXPECT_TRUE(s->get(m.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionSweepTest, ::testing::Values("sqlite", "postgresql"),
                         store::testing::backend_name);

}  // namespace
}  // namespace lienthong::pipeline
