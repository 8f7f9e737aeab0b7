// The hub's OCSP client (core/security/ocsp_checker) against the sandbox CA's responder, with a
// fake transport that hands the request to the responder's pure handler: no sockets. Lives here
// because core/ must not depend on sandbox/; unit_sandbox links both.
#include <gtest/gtest.h>
#include <openssl/ocsp.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <mutex>
#include <thread>

#include "core/log/log.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/ocsp/ocsp_checker.hpp"
#include "core/security/ocsp/ocsp_policy.hpp"
#include "core/security/ocsp/ocsp_revocation_hook.hpp"
#include "sandbox/kyso/kyso_mock.hpp"
#include "tests/unit/sandbox/kyso/kyso_test_pki.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;
using security::CertStatus;
using security::OcspChecker;
using security::OcspErrorKind;
using security::OcspOutcome;
using security::OcspPolicy;
using security::X509Ptr;

constexpr std::string_view kAiaUrl = "http://127.0.0.1:9105/ocsp";

// Runs one awaitable to completion on a private io_context.
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

std::vector<std::string>& log_lines() {
  static std::vector<std::string> lines;
  return lines;
}
std::mutex log_mutex;

class OcspCheckerResponderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    use_responder("ocsp-responder");
    leaf_ = testing::load_cert("hub-signing.pem");
    revoked_ = testing::load_cert("revoked.pem");
    issuer_ = testing::load_cert("intermediate-ca.pem");
    checker_.emplace(make_checker());
  }
  void TearDown() override { log::set_sink(nullptr); }

  // The responder signs with `<name>.pem` / `<name>-key.pem` of the dev PKI.
  void use_responder(const std::string& name) {
    auto files = OcspResponderFiles::in_dev_pki(testing::dev_pki());
    files.responder_cert = testing::pki_file(name + ".pem");
    files.responder_key = testing::pki_file(name + "-key.pem");
    OcspResponderOptions options;
    options.clock = responder_clock_.fn();
    auto mock = KysoMock::load(files, options);
    ASSERT_TRUE(mock) << mock.error().front().to_string();
    mock_ = *mock;
  }

  OcspChecker make_checker(security::OcspCheckerOptions options = {}) {
    if (options.trust_anchors.empty())
      options.trust_anchors.push_back(testing::load_cert("root-ca.pem"));
    options.clock = checker_clock_.fn();
    return OcspChecker(std::move(options), transport());
  }

  // Hands the request to the mock as an HTTP POST would; anything but 200 is a failure.
  security::OcspTransport transport() {
    return [this](const std::string& url, std::string der) -> asio::awaitable<Result<std::string>> {
      ++calls_;
      last_url_ = url;
      auto request = test_support::make_request(bhttp::verb::post, "/ocsp", std::move(der),
                                                {{"Content-Type", "application/ocsp-request"}});
      if (!replay_.empty()) co_return replay_;
      auto response = fail_ ? mock_->injected_failure(request) : mock_->handle(request);
      if (response.result() != bhttp::status::ok) {
        co_return Problem::make(ProblemKind::kUpstreamError,
                                "HTTP " + std::to_string(response.result_int()));
      }
      last_body_ = response.body();
      co_return std::move(response.body());
    };
  }

  OcspOutcome check(X509* cert) { return run(checker_->check(cert, issuer_.get())); }

  testing::FakeClock responder_clock_;
  testing::FakeClock checker_clock_;
  std::shared_ptr<KysoMock> mock_;
  std::optional<OcspChecker> checker_;
  X509Ptr leaf_, revoked_, issuer_;
  std::atomic<int> calls_{0};
  std::string last_url_, last_body_, replay_;
  bool fail_ = false;
};

TEST_F(OcspCheckerResponderTest, GoodRevokedAndUnknown) {
  auto good = check(leaf_.get());
  ASSERT_TRUE(good) << good.error().detail;
  EXPECT_EQ(good->status, CertStatus::kGood);
  EXPECT_EQ(good->serial, security::serial_hex(leaf_.get()));
  EXPECT_EQ(good->this_update, responder_clock_.now.load());
  EXPECT_EQ(good->next_update, responder_clock_.now.load() + 3600);
  EXPECT_FALSE(good->from_cache);
  EXPECT_EQ(last_url_, kAiaUrl);  // from the certificate's AIA

  auto revoked = check(revoked_.get());
  ASSERT_TRUE(revoked) << revoked.error().detail;
  EXPECT_EQ(revoked->status, CertStatus::kRevoked);
  EXPECT_EQ(revoked->reason, OCSP_REVOKED_STATUS_KEYCOMPROMISE);
  ASSERT_TRUE(revoked->revoked_at);
  const auto verdict = security::ocsp_verdict(revoked, OcspPolicy::kSoftFail, "signer certificate");
  ASSERT_FALSE(verdict);  // revoked is refused under either policy
  EXPECT_EQ(verdict.error(), "signer certificate revoked (keyCompromise) at " +
                                 security::format_utc(*revoked->revoked_at));

  auto key = testing::load_key("intermediate-ca-key.pem");
  X509Ptr never_issued = testing::reissued(leaf_.get(), 0x7777, key.get());
  auto unknown = check(never_issued.get());
  ASSERT_TRUE(unknown) << unknown.error().detail;
  EXPECT_EQ(unknown->status, CertStatus::kUnknown);
  EXPECT_EQ(security::ocsp_verdict(unknown, OcspPolicy::kHardFail).error(),
            "certificate status unknown to the OCSP responder (hard-fail)");
  EXPECT_TRUE(security::ocsp_verdict(unknown, OcspPolicy::kSoftFail));
}

TEST_F(OcspCheckerResponderTest, CachesUntilNextUpdate) {
  ASSERT_TRUE(check(leaf_.get()));
  EXPECT_EQ(calls_, 1);
  checker_clock_.now += 3599;
  auto again = check(leaf_.get());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->from_cache);
  EXPECT_EQ(calls_, 1);  // no new call within nextUpdate
  EXPECT_TRUE(checker_->cached(leaf_.get(), issuer_.get()));

  ASSERT_TRUE(check(revoked_.get()));  // another certificate is another entry
  EXPECT_EQ(calls_, 2);
  EXPECT_EQ(checker_->cache().size(), 2u);

  checker_clock_.now += 2;  // past nextUpdate
  responder_clock_.now = checker_clock_.now.load();
  auto fresh = check(leaf_.get());
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(fresh->from_cache);
  EXPECT_EQ(calls_, 3);  // exactly one new call
}

TEST_F(OcspCheckerResponderTest, ErrorsAreNotCachedAndPolicyDecides) {
  fail_ = true;  // the sandbox's http500 fault
  std::lock_guard lock(log_mutex);
  log_lines().clear();
  log::set_sink([](std::string_view line) { log_lines().emplace_back(line); });

  auto outcome = check(leaf_.get());
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, OcspErrorKind::kUnreachable);
  EXPECT_EQ(check(leaf_.get()).error().kind, OcspErrorKind::kUnreachable);
  EXPECT_EQ(calls_, 2);  // the failure was not cached
  EXPECT_EQ(checker_->cache().size(), 0u);

  const auto hard = security::ocsp_verdict(outcome, OcspPolicy::kHardFail);
  ASSERT_FALSE(hard);
  EXPECT_EQ(hard.error(), "OCSP responder unreachable: HTTP 500 (hard-fail)");
  log_lines().clear();
  EXPECT_TRUE(security::ocsp_verdict(outcome, OcspPolicy::kSoftFail));
  ASSERT_EQ(log_lines().size(), 1u);
  const std::string& line = log_lines().front();
  EXPECT_NE(line.find("ocsp.soft_fail"), std::string::npos);
  EXPECT_NE(line.find(security::serial_hex(leaf_.get())), std::string::npos) << line;
  EXPECT_EQ(line.find("CN="), std::string::npos) << line;  // no subject in the log

  fail_ = false;
  EXPECT_TRUE(check(leaf_.get()));
  EXPECT_EQ(calls_, 3);
}

TEST_F(OcspCheckerResponderTest, ReplayedAnswerIsRefusedByTheNonce) {
  ASSERT_TRUE(check(leaf_.get()));
  checker_->cache().clear();
  replay_ = last_body_;  // the same (signed, fresh) answer to a request with another nonce
  auto replayed = check(leaf_.get());
  ASSERT_FALSE(replayed);
  EXPECT_EQ(replayed.error().kind, OcspErrorKind::kBadResponse);
  EXPECT_NE(replayed.error().detail.find("nonce"), std::string::npos);

  // Without a nonce in our request the same answer is acceptable (RFC 5019 pre-produced).
  security::OcspCheckerOptions options;
  options.send_nonce = false;
  checker_.emplace(make_checker(std::move(options)));
  replay_.clear();
  auto first = check(leaf_.get());
  ASSERT_TRUE(first) << first.error().detail;
}

TEST_F(OcspCheckerResponderTest, StaleOrFutureAnswersAreRefused) {
  responder_clock_.now = checker_clock_.now - 2 * 3600;  // nextUpdate an hour ago
  auto stale = check(leaf_.get());
  ASSERT_FALSE(stale);
  EXPECT_NE(stale.error().detail.find("stale answer: nextUpdate"), std::string::npos)
      << stale.error().detail;

  responder_clock_.now = checker_clock_.now + 3600;
  auto future = check(leaf_.get());
  ASSERT_FALSE(future);
  EXPECT_NE(future.error().detail.find("is in the future"), std::string::npos);

  responder_clock_.now = checker_clock_.now + 200;  // within the 300 s skew
  EXPECT_TRUE(check(leaf_.get()));
}

TEST_F(OcspCheckerResponderTest, TamperedAnswerIsRefused) {
  ASSERT_TRUE(check(leaf_.get()));
  checker_->cache().clear();
  std::string tampered = last_body_;
  // The answer ends with the responder certificate; flip a bit inside the signature before it.
  X509Ptr responder = testing::load_cert("ocsp-responder.pem");
  const int cert_len = i2d_X509(responder.get(), nullptr);
  tampered[tampered.size() - static_cast<std::size_t>(cert_len) - 20] ^= 0x01;
  replay_ = tampered;
  auto outcome = check(leaf_.get());
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, OcspErrorKind::kBadResponse);

  replay_ = "not DER";
  EXPECT_EQ(check(leaf_.get()).error().detail, "not a DER OCSPResponse");
  replay_ = OcspResponder::status_only(OCSP_RESPONSE_STATUS_TRYLATER).der;
  auto later = check(leaf_.get());
  EXPECT_EQ(later.error().kind, OcspErrorKind::kRefused);
  EXPECT_EQ(later.error().detail, "responder answered trylater");
}

TEST_F(OcspCheckerResponderTest, SignerWithoutOcspSigningIsRefused) {
  use_responder("hub-signing");  // issued by the CA but not an OCSP responder
  auto outcome = check(leaf_.get());
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().kind, OcspErrorKind::kBadResponse);
  EXPECT_NE(outcome.error().detail.find("signature not trusted"), std::string::npos);
}

TEST_F(OcspCheckerResponderTest, AnswerSignedByTheIssuerItselfIsAccepted) {
  use_responder("intermediate-ca");
  auto outcome = check(revoked_.get());
  ASSERT_TRUE(outcome) << outcome.error().detail;
  EXPECT_EQ(outcome->status, CertStatus::kRevoked);
}

TEST_F(OcspCheckerResponderTest, NoTrustAnchorNoTrust) {
  security::OcspCheckerOptions options;
  options.trust_anchors.push_back(testing::load_cert("hub-client.pem"));  // not a root
  checker_.emplace(make_checker(std::move(options)));
  auto outcome = check(leaf_.get());
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().detail.find("signature not trusted"), std::string::npos);
}

TEST_F(OcspCheckerResponderTest, OverrideUrlWins) {
  security::OcspCheckerOptions options;
  options.responder_url = "http://ocsp.example.test/";
  checker_.emplace(make_checker(std::move(options)));
  ASSERT_TRUE(check(leaf_.get()));
  EXPECT_EQ(last_url_, "http://ocsp.example.test/");
}

TEST_F(OcspCheckerResponderTest, TrustStoreHooks) {
  auto store = security::TrustStore::load({testing::pki_file("root-ca.pem")},
                                          {testing::pki_file("intermediate-ca.pem")});
  ASSERT_TRUE(store) << store.error().to_string();

  // Cache-only: nothing checked yet refuses under hard-fail; after the async check it answers.
  store->set_revocation_check(
      security::cached_ocsp_revocation_check(*checker_, OcspPolicy::kHardFail));
  auto unchecked = store->verify(leaf_.get());
  ASSERT_FALSE(unchecked);
  EXPECT_EQ(
      unchecked.error().rfind("certificate revocation status unknown: OCSP status not checked", 0),
      0u)
      << unchecked.error();
  ASSERT_TRUE(check(leaf_.get()));
  ASSERT_TRUE(check(revoked_.get()));
  EXPECT_TRUE(store->verify(leaf_.get()));
  auto revoked = store->verify(revoked_.get());
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().rfind("certificate revoked: keyCompromise at ", 0), 0u)
      << revoked.error();

  // Blocking: the check runs on an I/O thread while this (worker) thread waits.
  checker_.emplace(make_checker());
  asio::io_context io;
  auto guard = asio::make_work_guard(io);
  std::thread io_thread([&] { io.run(); });
  store->set_revocation_check(security::blocking_ocsp_revocation_check(
      *checker_, OcspPolicy::kHardFail, io.get_executor(), std::chrono::seconds(10)));
  EXPECT_TRUE(store->verify(leaf_.get()));
  auto blocked = store->verify(revoked_.get());
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().rfind("certificate revoked: keyCompromise at ", 0), 0u);
  EXPECT_EQ(calls_, 4);
  fail_ = true;
  checker_->cache().clear();
  auto down = store->verify(leaf_.get());
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error(),
            "certificate revocation status unknown: OCSP responder unreachable: HTTP 500 "
            "(hard-fail)");
  store->set_revocation_check(security::blocking_ocsp_revocation_check(
      *checker_, OcspPolicy::kSoftFail, io.get_executor(), std::chrono::seconds(10)));
  EXPECT_TRUE(store->verify(leaf_.get()));
  guard.reset();
  io_thread.join();
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
