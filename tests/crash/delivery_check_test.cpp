// The crash and soak verdicts must be able to fail: each check against a log that breaks it.
#include "delivery_check.hpp"

#include <gtest/gtest.h>

namespace lienthong::crash {
namespace {

using nlohmann::json;

const std::vector<AcceptedMessage> kAccepted = {
    {"a1", "K1", 0}, {"b1", "K2", 1}, {"a2", "K1", 2}, {"a3", "K1", 3}, {"b2", "K2", 4}};

std::vector<LoggedDelivery> log_of(std::initializer_list<const char*> ids) {
  std::vector<LoggedDelivery> out;
  for (const char* id : ids) {
    out.push_back({id, id[0] == 'a' ? "K1" : id[0] == 'b' ? "K2" : "K3"});
  }
  return out;
}

TEST(DeliveryCheck, ReadsTheWritesOfTheMockLog) {
  auto entry = [](const char* id, const json& body) {
    return json{{"headers", {{"x-message-id", id}}}, {"body", body.dump()}};
  };
  const json requests = json::array(
      {entry("", {{"username", "u"}, {"password", "***"}}),
       entry("m1", {{"service", "DongBoHoSoMC"}, {"data", json::array({json{{"MaHoSo", "K1"}}})}}),
       entry("m2", {{"service", "TraCuuHoSo"}, {"MaHoSo", "K1"}}),
       entry("m3", {{"service", "CapNhatTienDoHoSoMC"},
                    {"data", json::array({json{{"MaHoSo", "K2"}}})}})});
  const auto got = deliveries_in(requests);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, "m1");
  EXPECT_EQ(got[0].key, "K1");
  EXPECT_EQ(got[1].id, "m3");
  EXPECT_EQ(got[1].key, "K2");
}

TEST(DeliveryCheck, InOrderWithRepeatsStraightAfterPasses) {
  const auto r = check_exact_order(kAccepted, log_of({"a1", "b1", "a1", "a2", "b2", "a3", "a3"}));
  EXPECT_TRUE(r.problems.empty()) << r.problems.front();
  EXPECT_EQ(r.delivered, 5u);
  EXPECT_EQ(r.repeats, 2u);
  EXPECT_EQ(r.unknown, 0u);
}

TEST(DeliveryCheck, ALostMessageFails) {
  const auto r = check_exact_order(kAccepted, log_of({"a1", "b1", "a3", "b2"}));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("never reached"), std::string::npos) << r.problems[0];
  EXPECT_NE(r.problems[0].find("a2"), std::string::npos) << r.problems[0];
}

TEST(DeliveryCheck, AnOrderViolationFails) {
  const auto r = check_exact_order(kAccepted, log_of({"a1", "a3", "b1", "a2", "b2"}));
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("K1: arrived as [a1 a3 a2]"), std::string::npos) << r.problems[0];
}

TEST(DeliveryCheck, ARepeatAfterTheNextMessageOfItsKeyFails) {
  const auto r = check_exact_order(kAccepted, log_of({"a1", "a2", "a1", "b1", "a3", "b2"}));
  ASSERT_EQ(r.problems.size(), 1u) << "a1 again after a2 is a delivery out of order";
}

TEST(DeliveryCheck, UnknownIdsAreCountedNotMatched) {
  const auto r = check_exact_order(kAccepted, log_of({"a1", "c9", "b1", "a2", "a3", "b2"}));
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.unknown, 1u);
}

TEST(DeliveryCheck, FirstArrivalsOfDeliveredOnesMustFollowAcceptance) {
  const std::set<std::string> delivered = {"a1", "a3", "b1", "b2"};  // a2 dead
  // Failed attempts (a2 twice, b1 before its delivery) and a repeat do not matter.
  EXPECT_TRUE(check_first_arrival_order(kAccepted, delivered,
                                        log_of({"a1", "a2", "b1", "a2", "b1", "a3", "a1", "b2"}))
                  .empty());
  const auto wrong =
      check_first_arrival_order(kAccepted, delivered, log_of({"a3", "a1", "b1", "b2"}));
  ASSERT_EQ(wrong.size(), 1u);
  EXPECT_NE(wrong[0].find("K1"), std::string::npos) << wrong[0];
  const auto lost = check_first_arrival_order(kAccepted, delivered, log_of({"a1", "a3", "b1"}));
  ASSERT_FALSE(lost.empty());
  EXPECT_NE(lost[0].find("b2 never reached"), std::string::npos) << lost[0];
}

}  // namespace
}  // namespace lienthong::crash
