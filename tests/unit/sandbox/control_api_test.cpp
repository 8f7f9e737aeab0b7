#include "sandbox/control_api.hpp"

#include <gtest/gtest.h>

#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox {
namespace {

namespace bhttp = http::beast::http;
using test_support::make_request;

class ControlApiTest : public ::testing::Test {
 protected:
  std::optional<http::Response> call(bhttp::verb method, std::string target,
                                     std::string body = {}) {
    return handle_control(make_request(method, target, std::move(body)), log_, faults_);
  }
  RequestLog log_;
  FaultInjector faults_{1};
};

TEST_F(ControlApiTest, LeavesBusinessRequestsAlone) {
  EXPECT_FALSE(call(bhttp::verb::get, "/DoanhNghiep/chiTietDoanhNghiep?msdn=1"));
  EXPECT_FALSE(call(bhttp::verb::get, "/_sandboxx"));
  EXPECT_TRUE(is_control_target("/_sandbox"));
  EXPECT_TRUE(is_control_target("/_sandbox/requests?x=1"));
}

TEST_F(ControlApiTest, ListsAndClearsRequests) {
  log_.record(make_request(bhttp::verb::get, "/a"));
  auto listed = call(bhttp::verb::get, "/_sandbox/requests");
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->result(), bhttp::status::ok);
  EXPECT_EQ((*listed)[bhttp::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(nlohmann::json::parse(listed->body()).at(0)["target"], "/a");

  auto cleared = call(bhttp::verb::delete_, "/_sandbox/requests");
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->result(), bhttp::status::no_content);
  EXPECT_EQ(log_.size(), 0u);
}

TEST_F(ControlApiTest, SetsShowsAndClearsFaults) {
  auto set = call(bhttp::verb::post, "/_sandbox/faults", R"({"mode":"reset","count":3})");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->result(), bhttp::status::ok);
  EXPECT_EQ(faults_.current().mode, FaultMode::kReset);

  auto shown = call(bhttp::verb::get, "/_sandbox/faults");
  ASSERT_TRUE(shown);
  const auto json = nlohmann::json::parse(shown->body());
  EXPECT_EQ(json["mode"], "reset");
  EXPECT_EQ(json["count"], 3);

  auto cleared = call(bhttp::verb::delete_, "/_sandbox/faults");
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->result(), bhttp::status::no_content);
  EXPECT_EQ(faults_.current(), FaultSettings{});
}

TEST_F(ControlApiTest, InvalidFaultsAreAProblemListingEachError) {
  faults_.set(*parse_fault_settings(R"({"latency_ms":5})"));
  auto r = call(bhttp::verb::post, "/_sandbox/faults", R"({"mode":"explode","extra":1})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result(), bhttp::status::bad_request);
  EXPECT_EQ((*r)[bhttp::field::content_type], "application/problem+json");
  const auto problem = nlohmann::json::parse(r->body());
  EXPECT_EQ(problem["status"], 400);
  EXPECT_EQ(problem["errors"].size(), 2u);
  EXPECT_EQ(faults_.current().latency, std::chrono::milliseconds(5));  // unchanged
}

TEST_F(ControlApiTest, WrongMethodAndUnknownPath) {
  auto put = call(bhttp::verb::put, "/_sandbox/faults");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->result(), bhttp::status::method_not_allowed);
  EXPECT_EQ((*put)[bhttp::field::allow], "GET, POST, DELETE");
  auto post = call(bhttp::verb::post, "/_sandbox/requests");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->result(), bhttp::status::method_not_allowed);
  auto unknown = call(bhttp::verb::get, "/_sandbox/nothing");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->result(), bhttp::status::not_found);
}

}  // namespace
}  // namespace lienthong::sandbox
