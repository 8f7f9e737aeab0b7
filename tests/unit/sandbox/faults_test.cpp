#include "sandbox/faults.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace lienthong::sandbox {
namespace {

std::vector<std::string> pointers(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.pointer);
  return out;
}

TEST(FaultSettingsTest, ParsesEveryKey) {
  auto s = parse_fault_settings(R"({"error_rate":0.3,"latency_ms":200,"mode":"reset","count":4})");
  ASSERT_TRUE(s);
  EXPECT_DOUBLE_EQ(s->error_rate, 0.3);
  EXPECT_EQ(s->latency, std::chrono::milliseconds(200));
  EXPECT_EQ(s->mode, FaultMode::kReset);
  EXPECT_EQ(s->remaining, 4u);
}

TEST(FaultSettingsTest, ModeAloneFailsEveryRequest) {
  auto s = parse_fault_settings(R"({"mode":"http500"})");
  ASSERT_TRUE(s);
  EXPECT_DOUBLE_EQ(s->error_rate, 1.0);
  EXPECT_EQ(s->mode, FaultMode::kHttp500);
  EXPECT_FALSE(s->remaining);
}

TEST(FaultSettingsTest, LatencyAloneAndEmptyObjectAreValid) {
  auto latency = parse_fault_settings(R"({"latency_ms":0})");
  ASSERT_TRUE(latency);
  EXPECT_FALSE(latency->mode);
  auto empty = parse_fault_settings("{}");
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, FaultSettings{});
}

TEST(FaultSettingsTest, ReportsEveryProblemWithItsPointer) {
  auto s = parse_fault_settings(
      R"({"error_rate":1.5,"latency_ms":-1,"mode":"melt","count":0,"colour":"red"})");
  ASSERT_FALSE(s);
  auto p = pointers(s.error());
  std::sort(p.begin(), p.end());
  EXPECT_EQ(p,
            (std::vector<std::string>{"/colour", "/count", "/error_rate", "/latency_ms", "/mode"}));
}

TEST(FaultSettingsTest, RefusesWrongTypesAndFractions) {
  auto s = parse_fault_settings(R"({"error_rate":"0.3","latency_ms":2.5,"mode":1,"count":true})");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().size(), 4u);
  EXPECT_FALSE(parse_fault_settings(R"({"latency_ms":60001})"));
  EXPECT_FALSE(parse_fault_settings(R"({"count":1000001})"));
}

TEST(FaultSettingsTest, ErrorRateNeedsAMode) {
  auto s = parse_fault_settings(R"({"error_rate":0.5})");
  ASSERT_FALSE(s);
  ASSERT_EQ(s.error().size(), 1u);
  EXPECT_EQ(s.error()[0].pointer, "/error_rate");
}

TEST(FaultSettingsTest, RefusesBodiesThatAreNotObjects) {
  for (const char* body : {"", "[]", "not json", "42", "{\"mode\":"}) {
    auto s = parse_fault_settings(body);
    ASSERT_FALSE(s) << body;
    EXPECT_EQ(s.error()[0].pointer, "") << body;
  }
}

TEST(FaultSettingsTest, ShowsAsJson) {
  auto s = parse_fault_settings(R"({"mode":"timeout","count":2,"latency_ms":10})");
  ASSERT_TRUE(s);
  EXPECT_EQ(to_json(*s), nlohmann::json::parse(
                             R"({"error_rate":1.0,"latency_ms":10,"mode":"timeout","count":2})"));
  EXPECT_EQ(to_json(FaultSettings{}),
            nlohmann::json::parse(R"({"error_rate":0.0,"latency_ms":0,"mode":null,"count":null})"));
}

TEST(FaultSettingsTest, ParsesAMixOfModes) {
  auto s = parse_fault_settings(
      R"({"modes":[{"mode":"http500","error_rate":0.3},{"mode":"timeout","error_rate":0.1},)"
      R"({"mode":"reset","error_rate":0.05}],"latency_ms":3})");
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->mode);
  EXPECT_EQ(s->error_rate, 0.0);
  EXPECT_EQ(s->latency, std::chrono::milliseconds(3));
  EXPECT_EQ(s->mix, (std::vector<FaultPart>{{FaultMode::kHttp500, 0.3},
                                            {FaultMode::kTimeout, 0.1},
                                            {FaultMode::kReset, 0.05}}));
  EXPECT_EQ(to_json(*s)["modes"], nlohmann::json::parse(R"([{"mode":"http500","error_rate":0.3},
      {"mode":"timeout","error_rate":0.1},{"mode":"reset","error_rate":0.05}])"));
  EXPECT_FALSE(to_json(FaultSettings{}).contains("modes")) << "the single-mode form is unchanged";
}

TEST(FaultSettingsTest, RefusesABrokenMixNamingEachPart) {
  auto mix_errors = [](const char* body) {
    auto s = parse_fault_settings(body);
    std::vector<std::string> out;
    if (!s) {
      for (const auto& e : s.error()) out.push_back(e.pointer);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(mix_errors(R"({"modes":[]})"), V{"/modes"});
  EXPECT_EQ(mix_errors(R"({"modes":{"mode":"reset"}})"), V{"/modes"});
  EXPECT_EQ(mix_errors(R"({"modes":[{"mode":"melt","error_rate":0.1},{"mode":"reset"}, 3]})"),
            (V{"/modes/0/mode", "/modes/1", "/modes/2"}));
  EXPECT_EQ(mix_errors(R"({"modes":[{"mode":"reset","error_rate":1.5,"colour":1}]})"),
            (V{"/modes/0/colour", "/modes/0/error_rate"}));
  EXPECT_EQ(mix_errors(R"({"modes":[{"mode":"reset","error_rate":0.1},)"
                       R"({"mode":"reset","error_rate":0.2}]})"),
            V{"/modes/1/mode"});
  EXPECT_EQ(mix_errors(R"({"modes":[{"mode":"session-expired","error_rate":0.1}]})"),
            V{"/modes/0/mode"});
  EXPECT_EQ(mix_errors(R"({"modes":[{"mode":"http500","error_rate":0.7},)"
                       R"({"mode":"reset","error_rate":0.4}]})"),
            V{"/modes"});
  EXPECT_EQ(mix_errors(R"({"mode":"reset","modes":[{"mode":"http500","error_rate":0.1}]})"),
            V{"/modes"});
  EXPECT_EQ(mix_errors(R"({"error_rate":0.2,"modes":[{"mode":"http500","error_rate":0.1}]})"),
            V{"/modes"});
  EXPECT_TRUE(
      mix_errors(R"({"modes":[{"mode":"http500","error_rate":0.6},)"
                 R"({"mode":"reset","error_rate":0.3},{"mode":"timeout","error_rate":0.1}]})")
          .empty())
      << "shares adding up to 1 despite decimal rounding";
}

TEST(FaultInjectorTest, AMixFailsEachModeAtItsShare) {
  FaultInjector injector(5);
  injector.set(*parse_fault_settings(
      R"({"modes":[{"mode":"http500","error_rate":0.3},{"mode":"timeout","error_rate":0.1},)"
      R"({"mode":"reset","error_rate":0.05}]})"));
  std::map<std::optional<FaultMode>, int> seen;
  for (int i = 0; i < 4000; ++i) ++seen[injector.next().failure];
  // Binomial with n = 4000: each bound is more than 5 standard deviations from the share.
  EXPECT_NEAR(seen[FaultMode::kHttp500], 1200, 160);
  EXPECT_NEAR(seen[FaultMode::kTimeout], 400, 100);
  EXPECT_NEAR(seen[FaultMode::kReset], 200, 75);
  EXPECT_NEAR(seen[std::nullopt], 2200, 170);
  EXPECT_EQ(seen.size(), 4u);
}

TEST(FaultInjectorTest, NoSettingsNoFault) {
  FaultInjector injector(1);
  auto d = injector.next();
  EXPECT_EQ(d.latency.count(), 0);
  EXPECT_FALSE(d.failure);
}

TEST(FaultInjectorTest, CountAppliesToTheNextRequestsOnly) {
  FaultInjector injector(1);
  injector.set(*parse_fault_settings(R"({"mode":"http500","count":2,"latency_ms":5})"));
  EXPECT_EQ(injector.next().failure, FaultMode::kHttp500);
  EXPECT_EQ(injector.current().remaining, 1u);
  auto second = injector.next();
  EXPECT_EQ(second.failure, FaultMode::kHttp500);
  EXPECT_EQ(second.latency, std::chrono::milliseconds(5));
  EXPECT_EQ(injector.current(), FaultSettings{});
  EXPECT_FALSE(injector.next().failure);
}

TEST(FaultInjectorTest, RateZeroNeverFails) {
  FaultInjector injector(7);
  injector.set(*parse_fault_settings(R"({"mode":"reset","error_rate":0})"));
  for (int i = 0; i < 200; ++i) EXPECT_FALSE(injector.next().failure);
}

TEST(FaultInjectorTest, SameSeedFailsTheSameRequests) {
  auto run = [](std::uint32_t seed) {
    FaultInjector injector(seed);
    injector.set(*parse_fault_settings(R"({"mode":"http500","error_rate":0.3})"));
    std::vector<bool> hits;
    for (int i = 0; i < 1000; ++i) hits.push_back(injector.next().failure.has_value());
    return hits;
  };
  const auto a = run(42);
  EXPECT_EQ(a, run(42));
  const auto count = std::count(a.begin(), a.end(), true);
  EXPECT_GT(count, 230);  // about 30 %
  EXPECT_LT(count, 370);
}

TEST(FaultInjectorTest, SessionExpiryCountsOnlySessionCalls) {
  FaultInjector injector(1);
  injector.set(*parse_fault_settings(R"({"mode":"session-expired","count":1})"));
  EXPECT_FALSE(injector.next(/*session_call=*/false).failure) << "a login is not affected";
  EXPECT_EQ(injector.current().remaining, 1u) << "and does not count";
  EXPECT_EQ(injector.next(/*session_call=*/true).failure, FaultMode::kSessionExpired);
  EXPECT_FALSE(injector.next(/*session_call=*/true).failure);
  EXPECT_EQ(to_string(FaultMode::kSessionExpired), "session-expired");
}

TEST(FaultInjectorTest, ClearStopsFaults) {
  FaultInjector injector(1);
  injector.set(*parse_fault_settings(R"({"mode":"timeout"})"));
  injector.clear();
  EXPECT_FALSE(injector.next().failure);
}

}  // namespace
}  // namespace lienthong::sandbox
