// A hub killed at any moment loses no message it had acknowledged: a child process accepts
// messages from several threads, reports each id through a pipe only once accept() completed
// (the moment the HTTP layer would send 202), and is SIGKILLed at a random point.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <set>
#include <thread>

#include "core/store/message_store.hpp"
#include "store_fixture.hpp"

namespace lienthong::store::testing {
namespace {

[[noreturn]] void accept_until_killed(const std::string& where, bool pg, int out) {
  auto s = pg ? open_pg_store(where) : open_sqlite_store(where);
  if (!s) _exit(3);
  MessageStore& store = *s.value();
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&store, out, t] {
      for (int i = 0; i < 100'000; ++i) {
        auto m = StoreTest::message("key-" + std::to_string(t % 3));
        auto r = wait<Accepted>([&](auto done) { store.accept(std::move(m), done); });
        if (!r) _exit(4);
        std::string line = r->id + "\n";  // < PIPE_BUF: written whole
        if (::write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
      }
    });
  }
  for (auto& t : threads) t.join();
  _exit(0);
}

TEST_P(StoreTest, EveryAcknowledgedAcceptSurvivesSigkill) {
  std::mt19937 rng(std::random_device{}());
  std::set<std::string> acknowledged;
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      accept_until_killed(where(), is_pg(), fds[1]);
    }
    ::close(fds[1]);
    const std::size_t kill_after = std::uniform_int_distribution<std::size_t>(5, 300)(rng);
    FILE* in = ::fdopen(fds[0], "r");
    ASSERT_NE(in, nullptr);
    char line[128];
    std::size_t seen = 0;
    bool killed = false;
    // Blocking reads: each line is an event from the child; EOF comes when it is gone.
    while (std::fgets(line, sizeof line, in) != nullptr) {
      std::string id(line);
      if (!id.empty() && id.back() == '\n') id.pop_back();
      acknowledged.insert(id);
      if (++seen == kill_after && !killed) {
        ::kill(pid, SIGKILL);
        killed = true;
      }
    }
    std::fclose(in);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child ended by itself: status " << status;
    EXPECT_EQ(WTERMSIG(status), SIGKILL);
    ASSERT_GE(seen, kill_after);
  }
  auto s = open();
  ASSERT_TRUE(s);
  for (const auto& id : acknowledged) {
    auto st = s->get(id);
    ASSERT_TRUE(st) << "acknowledged message " << id << " was lost";
    EXPECT_EQ(st->state, MessageState::kQueued);
  }
}

}  // namespace
}  // namespace lienthong::store::testing
