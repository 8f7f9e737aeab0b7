// OcspChecker without a responder: transports that fail, throw, answer garbage or never answer.
// Answers from a real responder are tested in tests/unit/sandbox/kyso/ (core/ cannot link the
// sandbox).
#include "core/security/ocsp/ocsp_checker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <stdexcept>
#include <thread>

#include "core/log/log.hpp"
#include "core/security/ocsp/ocsp_policy.hpp"
#include "core/security/ocsp/ocsp_revocation_hook.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

template <class T>
T run(asio::awaitable<T> task) {
  asio::io_context ioc;
  std::optional<T> out;
  asio::co_spawn(
      ioc, [&]() -> asio::awaitable<void> { out.emplace(co_await std::move(task)); },
      asio::detached);
  ioc.run();
  return std::move(*out);
}

void quiet(std::string_view) {}

class OcspCheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log::set_sink(quiet);
    leaf_ = testing::load_cert(testing::pki_file("hub-signing.pem"));
    issuer_ = testing::load_cert(testing::pki_file("intermediate-ca.pem"));
  }
  void TearDown() override { log::set_sink(nullptr); }

  OcspChecker checker(OcspTransport transport) {
    OcspCheckerOptions options;
    options.trust_anchors.push_back(testing::load_cert(testing::pki_file("root-ca.pem")));
    return OcspChecker(std::move(options), std::move(transport));
  }
  OcspTransport answering(Result<std::string> answer) {
    return [this, answer](const std::string& url,
                          std::string der) -> asio::awaitable<Result<std::string>> {
      ++calls_;
      last_url_ = url;
      last_request_ = std::move(der);
      co_return answer;
    };
  }

  X509Ptr leaf_, issuer_;
  std::atomic<int> calls_{0};
  std::string last_url_, last_request_;
};

TEST_F(OcspCheckerTest, UnreachableResponderIsAnErrorThatIsNotCached) {
  auto c = checker(answering(Problem::make(ProblemKind::kUpstreamTimeout, "timed out after 5 s")));
  for (int i = 0; i < 2; ++i) {
    auto outcome = run(c.check(leaf_.get(), issuer_.get()));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().kind, OcspErrorKind::kUnreachable);
    EXPECT_EQ(outcome.error().detail, "timed out after 5 s");
    EXPECT_EQ(outcome.error().serial, serial_hex(leaf_.get()));
  }
  EXPECT_EQ(calls_, 2);
  EXPECT_EQ(c.cache().size(), 0u);
  EXPECT_EQ(last_url_, "http://127.0.0.1:9105/ocsp");
  EXPECT_FALSE(last_request_.empty());

  auto outcome = run(c.check(leaf_.get(), issuer_.get()));
  EXPECT_EQ(ocsp_verdict(outcome, OcspPolicy::kHardFail).error(),
            "OCSP responder unreachable: timed out after 5 s (hard-fail)");
  EXPECT_TRUE(ocsp_verdict(outcome, OcspPolicy::kSoftFail));
}

TEST_F(OcspCheckerTest, GarbageAnswerIsABadResponse) {
  auto c = checker(answering(std::string("<html>proxy error</html>")));
  auto outcome = run(c.check(leaf_.get(), issuer_.get()));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, OcspErrorKind::kBadResponse);
  EXPECT_EQ(ocsp_verdict(outcome, OcspPolicy::kHardFail).error(),
            "OCSP response invalid: not a DER OCSPResponse (hard-fail)");
  auto empty = run(checker(answering(std::string())).check(leaf_.get(), issuer_.get()));
  EXPECT_EQ(empty.error().kind, OcspErrorKind::kBadResponse);
}

TEST_F(OcspCheckerTest, NonSuccessfulStatusIsRefused) {
  OcspResponsePtr later(OCSP_response_create(OCSP_RESPONSE_STATUS_TRYLATER, nullptr));
  unsigned char* der = nullptr;
  const int len = i2d_OCSP_RESPONSE(later.get(), &der);
  std::string body(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  auto outcome = run(checker(answering(body)).check(leaf_.get(), issuer_.get()));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, OcspErrorKind::kRefused);
  EXPECT_EQ(outcome.error().detail, "responder answered trylater");
}

TEST_F(OcspCheckerTest, ThrowingTransportCountsAsUnreachable) {
  auto c = checker([](const std::string&, std::string) -> asio::awaitable<Result<std::string>> {
    throw std::runtime_error("resolver exploded");
    co_return std::string();
  });
  auto outcome = run(c.check(leaf_.get(), issuer_.get()));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, OcspErrorKind::kUnreachable);
  EXPECT_EQ(outcome.error().detail, "resolver exploded");
}

TEST_F(OcspCheckerTest, BadInputNeverReachesTheTransport) {
  auto c = checker(answering(std::string()));
  auto root = testing::load_cert(testing::pki_file("root-ca.pem"));
  EXPECT_EQ(run(c.check(leaf_.get(), root.get())).error().kind, OcspErrorKind::kBadInput);
  auto self = testing::self_signed(2048, "no-aia", 30, "digitalSignature,keyCertSign");
  EXPECT_EQ(run(c.check(self.certificate(), self.certificate())).error().kind,
            OcspErrorKind::kNoResponder);
  EXPECT_EQ(calls_, 0);
}

TEST_F(OcspCheckerTest, PrepareAndCompleteWithoutIo) {
  auto c = checker(answering(std::string()));
  auto prepared = c.prepare(leaf_.get(), issuer_.get());
  ASSERT_TRUE(std::holds_alternative<OcspRequest>(prepared));
  const auto& request = std::get<OcspRequest>(prepared);
  auto outcome = c.complete(request, issuer_.get(),
                            Problem::make(ProblemKind::kUpstreamError, "connection refused"));
  EXPECT_EQ(outcome.error().kind, OcspErrorKind::kUnreachable);
  EXPECT_FALSE(c.cached(leaf_.get(), issuer_.get()));
}

TEST_F(OcspCheckerTest, CachedHookWithoutAnswerFollowsThePolicy) {
  auto c = checker(answering(std::string()));
  auto hard = cached_ocsp_revocation_check(c, OcspPolicy::kHardFail)(leaf_.get(), issuer_.get());
  ASSERT_FALSE(hard);
  EXPECT_FALSE(hard.error().revoked);
  EXPECT_EQ(hard.error().reason,
            "OCSP status not checked: no fresh OCSP answer at hand for this certificate "
            "(hard-fail)");
  EXPECT_TRUE(cached_ocsp_revocation_check(c, OcspPolicy::kSoftFail)(leaf_.get(), issuer_.get()));
  EXPECT_EQ(calls_, 0);
}

TEST_F(OcspCheckerTest, BlockingHookRunsOnTheIoThreadAndTimesOut) {
  asio::io_context io;
  auto guard = asio::make_work_guard(io);
  std::thread io_thread([&] { io.run(); });

  auto down = checker(answering(Problem::make(ProblemKind::kUpstreamError, "connection refused")));
  auto hook = blocking_ocsp_revocation_check(down, OcspPolicy::kHardFail, io.get_executor(), 10s);
  auto refused = hook(leaf_.get(), issuer_.get());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "OCSP responder unreachable: connection refused (hard-fail)");

  // A responder that never answers in time: the hook gives up, the check finishes later.
  auto slow = checker([](const std::string&, std::string) -> asio::awaitable<Result<std::string>> {
    asio::steady_timer timer(co_await asio::this_coro::executor, 300ms);
    co_await timer.async_wait(asio::use_awaitable);
    co_return Problem::make(ProblemKind::kUpstreamTimeout, "late");
  });
  auto impatient =
      blocking_ocsp_revocation_check(slow, OcspPolicy::kHardFail, io.get_executor(), 20ms);
  auto timed_out = impatient(leaf_.get(), issuer_.get());
  ASSERT_FALSE(timed_out);
  EXPECT_EQ(timed_out.error().reason,
            "OCSP responder unreachable: no answer within 20 ms (hard-fail)");
  auto lenient =
      blocking_ocsp_revocation_check(slow, OcspPolicy::kSoftFail, io.get_executor(), 20ms);
  EXPECT_TRUE(lenient(leaf_.get(), issuer_.get()));

  guard.reset();
  io_thread.join();  // the abandoned checks still end cleanly
}

}  // namespace
}  // namespace lienthong::security
