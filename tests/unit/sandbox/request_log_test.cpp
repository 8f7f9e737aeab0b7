#include "sandbox/request_log.hpp"

#include <gtest/gtest.h>

#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox {
namespace {

namespace bhttp = http::beast::http;
using test_support::make_request;

TEST(RequestLogTest, KeepsTheNewestUpToItsCapacity) {
  RequestLog log(3);
  for (int i = 0; i < 5; ++i) log.record(make_request(bhttp::verb::get, "/r/" + std::to_string(i)));
  const auto entries = log.to_json();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0]["target"], "/r/2");
  EXPECT_EQ(entries[2]["target"], "/r/4");  // newest last
}

TEST(RequestLogTest, DefaultCapacityIs500) {
  RequestLog log;
  for (int i = 0; i < 510; ++i) log.record(make_request(bhttp::verb::get, "/"));
  EXPECT_EQ(log.size(), 500u);
}

TEST(RequestLogTest, RecordsTheRequestAndMasksCredentials) {
  RequestLog log;
  log.record(make_request(bhttp::verb::post, "/x?y=1", "{\"a\":1}",
                          {{"authorization", "Bearer secret-token"},
                           {"Proxy-Authorization", "Basic abc"},
                           {"X-Correlation-ID", "c-1"}}));
  const auto entry = log.to_json().at(0);
  EXPECT_EQ(entry["method"], "POST");
  EXPECT_EQ(entry["target"], "/x?y=1");
  EXPECT_EQ(entry["body"], "{\"a\":1}");
  EXPECT_EQ(entry["headers"]["authorization"], "***");
  EXPECT_EQ(entry["headers"]["Proxy-Authorization"], "***");
  EXPECT_EQ(entry["headers"]["X-Correlation-ID"], "c-1");
  EXPECT_EQ(entry.dump().find("secret-token"), std::string::npos);
  EXPECT_FALSE(entry.contains("body_truncated"));
}

TEST(RequestLogTest, MasksALoginPasswordAndCountsDuplicates) {
  RequestLog log;
  log.record(make_request(bhttp::verb::post, "/login", R"({"username":"u","password":"p4ss"})"));
  const auto body = log.to_json().at(0)["body"].get<std::string>();
  EXPECT_EQ(body.find("p4ss"), std::string::npos);
  EXPECT_NE(body.find("\"username\":\"u\""), std::string::npos) << body;
  log.note_duplicate();
  log.note_duplicate();
  EXPECT_EQ(log.duplicates(), 2u);
  log.clear();
  EXPECT_EQ(log.duplicates(), 0u);
}

TEST(RequestLogTest, CutsLongBodies) {
  RequestLog log;
  log.record(
      make_request(bhttp::verb::post, "/", std::string(RequestLog::kMaxBodyBytes + 10, 'x')));
  const auto entry = log.to_json().at(0);
  EXPECT_EQ(entry["body"].get<std::string>().size(), RequestLog::kMaxBodyBytes);
  EXPECT_EQ(entry["body_truncated"], true);
}

TEST(RequestLogTest, ClearEmptiesIt) {
  RequestLog log;
  log.record(make_request(bhttp::verb::get, "/"));
  log.clear();
  EXPECT_EQ(log.size(), 0u);
  EXPECT_EQ(log.to_json(), nlohmann::json::array());
}

TEST(RequestLogTest, StampsVietnamTime) {
  // 2025-07-01T02:30:00.123Z is 09:30 in Hanoi.
  const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(1751337000123));
  EXPECT_EQ(format_vietnam_time(at), "2025-07-01T09:30:00.123+07:00");
  RequestLog log;
  log.record(make_request(bhttp::verb::get, "/"), at);
  EXPECT_EQ(log.to_json()[0]["at"], "2025-07-01T09:30:00.123+07:00");
}

}  // namespace
}  // namespace lienthong::sandbox
