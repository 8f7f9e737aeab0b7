// The sign and verify stages: RSA work on the worker pool, only the signed Body kept.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <thread>

#include "core/pipeline/stages/sign_stage.hpp"
#include "core/pipeline/stages/verify_stage.hpp"
#include "core/pipeline/worker_pool.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::pipeline {
namespace {

namespace asio = boost::asio;
using security::testing::identity;

constexpr const char* kRequest =
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
    "xmlns:dc=\"urn:dancu:congdan:1.0\"><soap:Body><dc:TraCuuThongTinCongDan>"
    "<dc:MaYeuCau>m-1</dc:MaYeuCau></dc:TraCuuThongTinCongDan></soap:Body></soap:Envelope>";

class StagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto trust = security::testing::dev_trust();
    trust.set_revocation_check([this](X509*, X509*) -> Result<void, security::RevocationFailure> {
      checked_on_ = std::this_thread::get_id();
      return {};
    });
    security_ = std::make_shared<const MessageSecurity>(
        MessageSecurity{"dancu", identity("hub-signing"), std::move(trust), {}, std::nullopt});
  }

  // Runs one stage on an I/O thread of its own; returns its result.
  Result<void> run(const Stage& stage, Exchange& exchange) {
    asio::io_context ioc;
    auto done = asio::co_spawn(ioc, stage.run(exchange), asio::use_future);
    std::thread io([&] {
      io_thread_ = std::this_thread::get_id();
      ioc.run();
    });
    io.join();
    return done.get();
  }

  WorkerPool workers_{1};
  std::shared_ptr<const MessageSecurity> security_;
  std::thread::id io_thread_;
  std::thread::id checked_on_;
};

TEST_F(StagesTest, SignThenVerifyKeepsOnlyTheSignedBodyAndRunsOffTheIoThread) {
  Exchange exchange;
  exchange.connector = "dancu";
  exchange.wire_request.body = kRequest;
  ASSERT_TRUE(run(SignStage(security_, &workers_), exchange));
  EXPECT_NE(exchange.wire_request.body.find("SignatureValue"), std::string::npos);

  exchange.wire_response.body = exchange.wire_request.body;  // a signed envelope to verify
  auto verified = run(VerifyStage(security_, &workers_), exchange);
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_TRUE(exchange.wire_response.body.starts_with("<soap:Body")) << exchange.wire_response.body;
  EXPECT_EQ(exchange.wire_response.body.find("Signature"), std::string::npos);
  EXPECT_NE(checked_on_, std::thread::id());
  EXPECT_NE(checked_on_, io_thread_) << "verification ran on the I/O thread";
}

TEST_F(StagesTest, ARefusedAnswerIsA502NamingTheCheckAndIsDropped) {
  Exchange exchange;
  exchange.connector = "dancu";
  exchange.wire_request.body = kRequest;
  ASSERT_TRUE(run(SignStage(security_, &workers_), exchange));
  auto tampered = exchange.wire_request.body;
  tampered.replace(tampered.find("m-1"), 3, "m-2");
  exchange.wire_response.body = tampered;
  auto refused = run(VerifyStage(security_, &workers_), exchange);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(refused.error().detail,
            "the answer from dancu was refused: digest of the signed Body does not match");
  EXPECT_TRUE(exchange.wire_response.body.empty());

  exchange.wire_response.body = kRequest;
  refused = run(VerifyStage(security_, &workers_), exchange);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().detail, "the answer from dancu was refused: signature missing");
}

TEST(WorkerPoolTest, RunsOnAWorkerAndRethrows) {
  WorkerPool pool(1);
  asio::io_context ioc;
  auto flow = [&]() -> asio::awaitable<std::thread::id> {
    auto id = co_await pool.run([] { return std::this_thread::get_id(); });
    EXPECT_THROW(co_await pool.run([]() -> int { throw std::runtime_error("boom"); }),
                 std::runtime_error);
    co_return id;
  };
  auto done = asio::co_spawn(ioc, flow(), asio::use_future);
  ioc.run();
  EXPECT_NE(done.get(), std::this_thread::get_id());
}

TEST(LoadMessageSecurity, MissingFilesAreLocatedInTheConnectorFile) {
  config::ConnectorConfig c;
  c.id = "dancu";
  c.file = "config/connectors/dancu.json";
  config::MessageSecurityConfig m;
  m.profile = "dancu-dsig-1";
  m.signing_key = "/nonexistent/key.pem";
  m.signing_certificate = "/nonexistent/cert.pem";
  m.trust_anchors = {"/nonexistent/root.pem"};
  c.message_security = m;
  auto loaded = load_message_security(c, {});
  ASSERT_FALSE(loaded);
  ASSERT_GE(loaded.error().size(), 2U);
  EXPECT_EQ(loaded.error()[0].file, "config/connectors/dancu.json");
  EXPECT_EQ(loaded.error()[0].key_path, "message_security.signing_key");
  EXPECT_NE(loaded.error()[0].reason.find("/nonexistent/key.pem"), std::string::npos);
  EXPECT_EQ(loaded.error()[1].key_path, "message_security.trust_anchors");
}

}  // namespace
}  // namespace lienthong::pipeline
