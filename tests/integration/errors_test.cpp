// Every error a provincial system can meet is an RFC 9457 problem, never a crash or a 500.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <set>

#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;

class ErrorsTest : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) c.timeout_ms = 500;
  }

  // Checks the problem shape and returns its body.
  nlohmann::json expect_problem(const http::Response& res, int status, const std::string& slug) {
    EXPECT_EQ(res.result_int(), status) << res.body();
    EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
    auto p = body_json(res);
    EXPECT_EQ(p["status"], status);
    EXPECT_EQ(p["type"], "https://lienthong.dev/problems/" + slug) << p.dump();
    EXPECT_TRUE(p["title"].is_string());
    EXPECT_TRUE(p["detail"].is_string());
    EXPECT_EQ(p["instance"], std::string(res["X-Message-ID"]));
    return p;
  }
};

TEST_F(ErrorsTest, MalformedJson) {
  auto p = expect_problem(post("/v1/dkdn/lookup-enterprise", "{\"enterpriseCode\": "), 400,
                          "malformed-request");
  EXPECT_EQ(p["connector"], "dkdn");
  EXPECT_EQ(p["operation"], "lookup-enterprise");
}

TEST_F(ErrorsTest, ANumberBeyondDoubleRangeIs400NamingItsPointer) {
  auto p = expect_problem(post("/v1/dkdn/lookup-enterprise", R"({"enterpriseCode": 1e999})"), 400,
                          "invalid-request");
  ASSERT_EQ(p["errors"].size(), 1u) << p.dump();
  EXPECT_EQ(p["errors"][0]["pointer"], "/enterpriseCode");
}

TEST_F(ErrorsTest, WrongContentType) {
  expect_problem(post("/v1/dkdn/lookup-enterprise", "enterpriseCode=0100109106",
                      {{"Content-Type", "application/x-www-form-urlencoded"}}),
                 415, "unsupported-media-type");
  expect_problem(post("/v1/dkdn/lookup-enterprise", "{}", {{"Content-Type", "-"}}), 415,
                 "unsupported-media-type");
}

TEST_F(ErrorsTest, BodyOverTheLimit) {
  std::string big = R"({"enterpriseCode":")" + std::string(70 * 1024, 'x') + "\"}";
  auto res = post("/v1/dkdn/lookup-enterprise", big);
  EXPECT_EQ(res.result_int(), 413);
  EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
}

TEST_F(ErrorsTest, EveryInvalidFieldIsListedWithItsPointer) {
  auto p = expect_problem(
      post_json("/v1/dancu/lookup-citizen",
                {{"citizenId", "00108901234"}, {"dateOfBirth", "1989-02-30"}, {"nickname", "An"}}),
      400, "invalid-request");
  std::set<std::string> pointers;
  for (const auto& e : p["errors"]) {
    pointers.insert(e["pointer"].get<std::string>());
    EXPECT_FALSE(e["reason"].get<std::string>().empty());
  }
  EXPECT_EQ(pointers,
            (std::set<std::string>{"/citizenId", "/fullName", "/dateOfBirth", "/nickname"}))
      << p.dump();
}

TEST_F(ErrorsTest, TaxCodeWithAWrongCheckDigit) {
  auto p =
      expect_problem(post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109107"}}),
                     400, "invalid-request");
  ASSERT_EQ(p["errors"].size(), 1u);
  EXPECT_EQ(p["errors"][0]["pointer"], "/enterpriseCode");
  EXPECT_NE(p["errors"][0]["reason"].get<std::string>().find("check digit"), std::string::npos);
}

TEST_F(ErrorsTest, UnknownConnectorOrOperation) {
  auto p = expect_problem(post_json("/v1/nosuch/lookup", {}), 404, "not-found");
  EXPECT_EQ(p["detail"], "unknown connector nosuch");
  p = expect_problem(post_json("/v1/dkdn/nosuch", {}), 404, "not-found");
  EXPECT_EQ(p["detail"], "connector dkdn has no operation nosuch");
  expect_problem(post_json("/v2/elsewhere", {}), 404, "not-found");
}

TEST_F(ErrorsTest, MissingOrUnknownClientKey) {
  auto res = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}},
                       {{"Authorization", ""}});
  expect_problem(res, 401, "unauthenticated");
  EXPECT_EQ(res[bhttp::field::www_authenticate], "Bearer");
  expect_problem(post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}},
                           {{"Authorization", "Bearer wrong"}}),
                 401, "unauthenticated");
}

TEST_F(ErrorsTest, AClientOnlyReachesWhatItIsAllowed) {
  std::string limited = std::string("Bearer ") + kLimitedKey;
  auto ok = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}},
                      {{"Authorization", limited}});
  EXPECT_EQ(ok.result_int(), 200);
  auto p = expect_problem(post_json("/v1/dancu/lookup-citizen", {}, {{"Authorization", limited}}),
                          403, "forbidden");
  EXPECT_EQ(p["detail"], "client limited may not call dancu/lookup-citizen");
}

TEST_F(ErrorsTest, NotFoundUpstream) {
  // A valid code (check digit right) that the registry does not hold.
  auto p =
      expect_problem(post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100100008"}}),
                     404, "upstream-not-found");
  EXPECT_EQ(p["connector"], "dkdn");
  expect_problem(post_json("/v1/dancu/lookup-citizen", {{"citizenId", "079200000001"},
                                                        {"fullName", "Không Có Ai"},
                                                        {"dateOfBirth", "2000-01-01"}}),
                 404, "upstream-not-found");
}

TEST_F(ErrorsTest, UpstreamErrorCarriesWhatTheFarSideSaid) {
  auto p = expect_problem(post_json("/v1/dancu/lookup-citizen", {{"citizenId", "001089012345"},
                                                                 {"fullName", "Nguyễn Văn Bình"},
                                                                 {"dateOfBirth", "1989-05-17"}}),
                          502, "upstream-error");
  EXPECT_EQ(p["upstream"]["code"], "DC_KHONG_KHOP") << p.dump();
  EXPECT_EQ(p["upstream"]["status"], 500);

  auto set = sandbox("dkdn", bhttp::verb::post, "/_sandbox/faults", R"({"mode":"http500"})");
  ASSERT_EQ(set.result_int(), 200) << set.body();
  p = expect_problem(post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}}),
                     502, "upstream-error");
  EXPECT_EQ(p["upstream"]["status"], 500);
}

TEST_F(ErrorsTest, UpstreamTimeout) {
  auto set = sandbox("dkdn", bhttp::verb::post, "/_sandbox/faults", R"({"mode":"timeout"})");
  ASSERT_EQ(set.result_int(), 200) << set.body();
  auto started = std::chrono::steady_clock::now();
  expect_problem(post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}}), 504,
                 "upstream-timeout");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST_F(ErrorsTest, ConnectionRefusedUpstreamIs502) {
  // Stop the sandbox: the registry is gone.
  auto stopped = boost::asio::co_spawn(
      ioc_,
      [this]() -> boost::asio::awaitable<void> {
        co_await sandbox_->shutdown(std::chrono::milliseconds(100));
      },
      boost::asio::use_future);
  stopped.wait();
  auto p =
      expect_problem(post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}}),
                     502, "upstream-error");
  EXPECT_NE(p["detail"].get<std::string>().find("cannot connect"), std::string::npos) << p.dump();
}

TEST_F(ErrorsTest, WrongMethodOnAnOperation) {
  http::Request req{bhttp::verb::get, "/v1/dkdn/lookup-enterprise", 11};
  req.set(bhttp::field::authorization, std::string("Bearer ") + kKey);
  auto res = send_http(hub_port(), std::move(req));
  expect_problem(res, 405, "method-not-allowed");
  EXPECT_EQ(res[bhttp::field::allow], "POST");
}

TEST_F(ErrorsTest, TheHubKeepsServingAfterBadInput) {
  for (const char* body : {"", "null", "[]", "42", "\"x\"", "{\"enterpriseCode\": null}",
                           "{\"enterpriseCode\": 100109106}", "{\"enterpriseCode\": {}}"}) {
    auto res = post("/v1/dkdn/lookup-enterprise", body);
    EXPECT_EQ(res.result_int(), 400) << body << " -> " << res.body();
  }
  auto ok = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}});
  EXPECT_EQ(ok.result_int(), 200);
}

}  // namespace
}  // namespace lienthong::testing
