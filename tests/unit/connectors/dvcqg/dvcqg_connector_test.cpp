#include "connectors/dvcqg/dvcqg_connector.hpp"

#include <gtest/gtest.h>

#include "core/http/client.hpp"
#include "sandbox/sandbox.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::connectors {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using Json = nlohmann::json;
using sandbox::test_support::run_until_done;

// Runs `a` to completion (or a deadline); for results that have no default value.
template <class T>
std::optional<T> run(asio::io_context& ioc, asio::awaitable<T> a) {
  auto wrapped = [](asio::awaitable<T> inner) -> asio::awaitable<std::optional<T>> {
    co_return co_await std::move(inner);
  };
  auto done = run_until_done(ioc, wrapped(std::move(a)));
  if (!done || !*done) return std::nullopt;
  return std::move(**done);
}

constexpr const char* kCode = "000.00.01.H22-261201-0007";

std::string sync_payload(bool updating) {
  Json dossier = {{"MaHoSo", kCode},   {"MaTTHC", "2.000477"},
                  {"KenhThucHien", 1}, {"ChuHoSo", "Nguyễn Văn An"},
                  {"LoaiDoiTuong", 1}, {"NgayTiepNhan", "20261201083000"},
                  {"TrangThaiHoSo", 2}};
  return Json{{"service", "DongBoHoSoMC"}, {"isUpdating", updating}, {"data", {dossier}}}.dump();
}

// The connector against the sandbox's dvcqg mock, over real HTTP on a free port.
class DvcqgConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox::SandboxOptions options;
    options.ports = {{"dvcqg", 0}};
    options.data_dir = sandbox::test_support::data_dir();
    sandbox_ = std::make_unique<sandbox::Sandbox>(ioc_, options);
    auto started = sandbox_->start();
    ASSERT_TRUE(started) << started.error().detail;
    client_ = std::make_unique<http::HttpClient>(ioc_.get_executor(), http::ClientOptions{});
    config_.id = "dvcqg";
    config_.type = "dvcqg";
    config_.base_url = "http://127.0.0.1:" + std::to_string(sandbox_->port("dvcqg"));
    config_.timeout_ms = 5000;
    config_.auth_type = "session";
    config_.session = config::SessionAuthConfig{"/api/adapter/login", "lienthong-dev",
                                                "sandbox-dvcqg-password", "H22", "000.00.01.H22"};
    operation_.name = "op";
    operation_.path = "/api/adapter/integration";
    config_.operations["op"] = operation_;
  }
  void TearDown() override {
    auto stop = [](sandbox::Sandbox* s) -> asio::awaitable<bool> {
      co_await s->shutdown(std::chrono::milliseconds(100));
      co_return true;
    };
    if (sandbox_) run_until_done(ioc_, stop(sandbox_.get()));
  }

  std::shared_ptr<const DvcqgConnector> make() {
    auto made = DvcqgConnector::make(config_, pipeline::ConnectorContext{client_.get()});
    EXPECT_TRUE(made);
    return std::dynamic_pointer_cast<const DvcqgConnector>(std::move(made).value());
  }

  Result<pipeline::WireResponse> call(const DvcqgConnector& connector, const std::string& body) {
    pipeline::Exchange exchange;
    exchange.id = "msg-" + std::to_string(++sent_);
    exchange.correlation_id = exchange.id;
    exchange.wire_request.body = body;
    exchange.wire_request.content_type = "application/json";
    auto result = run(ioc_, connector.call(operation_, exchange));
    EXPECT_TRUE(result.has_value()) << "no answer in time";
    return result ? std::move(*result) : Problem::make(ProblemKind::kInternal, "timed out");
  }

  // A control request to the mock.
  http::Response control(bhttp::verb verb, const std::string& target,
                         const std::string& body = {}) {
    http::Request request{verb, target, 11};
    request.set(bhttp::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    auto origin = *http::Url::parse(config_.base_url);
    auto response = run(ioc_, client_->send(origin, std::move(request), std::chrono::seconds(5)));
    EXPECT_TRUE(response && *response);
    return std::move(**response);
  }

  int logins_seen() {
    int n = 0;
    for (const auto& entry : Json::parse(control(bhttp::verb::get, "/_sandbox/requests").body())) {
      n += entry["target"] == "/api/adapter/login" ? 1 : 0;
    }
    return n;
  }

  asio::io_context ioc_;
  std::unique_ptr<sandbox::Sandbox> sandbox_;
  std::unique_ptr<http::HttpClient> client_;
  config::ConnectorConfig config_;
  config::OperationConfig operation_;
  int sent_ = 0;
};

TEST_F(DvcqgConnectorTest, LogsInOnceForManyCalls) {
  auto connector = make();
  for (int i = 0; i < 3; ++i) {
    auto answer = call(*connector, R"({"service":"LayDanhSachTTHC"})");
    ASSERT_TRUE(answer) << answer.error().detail;
    EXPECT_GE(Json::parse(answer->body)["result"].size(), 20u);
  }
  EXPECT_EQ(connector->logins(), 1u);
  EXPECT_EQ(logins_seen(), 1);
  auto log = Json::parse(control(bhttp::verb::get, "/_sandbox/requests").body());
  EXPECT_EQ(log.at(0)["headers"]["dstcode"], "H22");
  EXPECT_EQ(log.at(0)["body"].get<std::string>().find("sandbox-dvcqg-password"), std::string::npos);
}

TEST_F(DvcqgConnectorTest, AnExpiredSessionMeansOneNewLoginAndOneRetry) {
  auto connector = make();
  ASSERT_TRUE(call(*connector, R"({"service":"LayDanhSachTTHC"})"));
  control(bhttp::verb::post, "/_sandbox/faults", R"({"mode":"session-expired","count":1})");
  auto answer = call(*connector, R"({"service":"LayDanhSachTTHC"})");
  ASSERT_TRUE(answer) << answer.error().detail;
  EXPECT_EQ(connector->logins(), 2u);
  EXPECT_EQ(logins_seen(), 2);
}

TEST_F(DvcqgConnectorTest, ASessionThatStaysExpiredIsA502NotALoop) {
  auto connector = make();
  control(bhttp::verb::post, "/_sandbox/faults", R"({"mode":"session-expired","count":5})");
  auto answer = call(*connector, R"({"service":"LayDanhSachTTHC"})");
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(connector->logins(), 2u) << "logged in again once, not more";
}

TEST_F(DvcqgConnectorTest, WrongCredentialsAreA502WithThePortalsMessage) {
  config_.session->password = "wrong";
  auto connector = make();
  auto answer = call(*connector, R"({"service":"LayDanhSachTTHC"})");
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().kind, ProblemKind::kUpstreamError);
  ASSERT_TRUE(answer.error().upstream);
  EXPECT_EQ(answer.error().upstream->code, "1");
  EXPECT_EQ(answer.error().detail.find("wrong"), std::string::npos) << "no secret in messages";
}

TEST_F(DvcqgConnectorTest, ACreateOfAnExistingDossierBecomesAnUpdate) {
  auto connector = make();
  auto created = call(*connector, sync_payload(false));
  ASSERT_TRUE(created) << created.error().detail;
  auto again = call(*connector, sync_payload(false));
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_NE(Json::parse(again->body)["message"].get<std::string>().find("Cập nhật"),
            std::string::npos);
  auto log = Json::parse(control(bhttp::verb::get, "/_sandbox/requests").body());
  EXPECT_EQ(Json::parse(log.back()["body"].get<std::string>())["isUpdating"], true);
}

TEST_F(DvcqgConnectorTest, RefusalsAre400ClassAndUnknownRecords404) {
  auto connector = make();
  auto missing =
      call(*connector, R"({"service":"TraCuuHoSo","MaHoSo":"000.00.01.H22-261201-0099"})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ProblemKind::kUpstreamNotFound);
  auto invalid = call(*connector, R"({"service":"TraCuuHoSo","MaHoSo":"nope"})");
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error().kind, ProblemKind::kInvalid);
  EXPECT_EQ(invalid.error().upstream->code, "3");
}

TEST_F(DvcqgConnectorTest, ConfigWithoutASessionLoginIsRefused) {
  config_.session.reset();
  auto made = DvcqgConnector::make(config_, pipeline::ConnectorContext{client_.get()});
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().front().key_path, "auth");
}

}  // namespace
}  // namespace lienthong::connectors
