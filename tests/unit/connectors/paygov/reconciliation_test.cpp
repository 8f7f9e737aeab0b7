// The connector's reconciliation: the platform's day list against the hub's payments.
#include "connectors/paygov/reconciliation.hpp"

#include <gtest/gtest.h>

namespace lienthong::connectors::paygov {
namespace {

nlohmann::json entry(std::string ref, std::int64_t amount, std::string state) {
  return {{"MaThamChieu", std::move(ref)},
          {"MaGiaoDich", "B"},
          {"SoTien", amount},
          {"ThoiGianGD", "20261206100000"},
          {"TrangThaiGD", std::move(state)}};
}

TEST(Reconciliation, EveryKindOfMismatchIsNamedOnce) {
  const auto list = read_day_list({{"error_code", "0"},
                                   {"DanhSachGiaoDich",
                                    {entry("A", 100, "00"), entry("B", 1, "01"),
                                     entry("C", 100, "00"), entry("GHOST", 5, "00")}}});
  ASSERT_TRUE(list);
  const std::vector<HubEntry> hub = {{"A", 100, "paid"},
                                     {"B", 100, "awaiting_payment"},
                                     {"C", 100, "awaiting_payment"},
                                     {"LOST", 100, "paid"}};
  const auto r = reconcile("2026-12-06", *list, hub);
  ASSERT_EQ(r.lines.size(), 5U);
  std::map<std::string, Finding> f;
  for (const auto& l : r.lines) f[l.reference] = l.finding;
  EXPECT_EQ(f["A"], Finding::kMatched);
  EXPECT_EQ(f["B"], Finding::kAmountDiffers);  // reported before its state
  EXPECT_EQ(f["C"], Finding::kStateDiffers);
  EXPECT_EQ(f["GHOST"], Finding::kMissingAtHub);
  EXPECT_EQ(f["LOST"], Finding::kMissingAtPlatform);
  EXPECT_FALSE(r.clean());
  const auto j = to_json(r);
  EXPECT_EQ(j["counts"], (nlohmann::json{{"matched", 1},
                                         {"missing_at_hub", 1},
                                         {"missing_at_platform", 1},
                                         {"amount_differs", 1},
                                         {"state_differs", 1}}));
  const auto text = to_text(r);
  EXPECT_NE(text.find("MISMATCHES FOUND"), std::string::npos) << text;
  EXPECT_NE(text.find("state_differs  C  hub 100 VND awaiting_payment  platform 100 VND paid"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("matched  A"), std::string::npos) << "matched lines are only counted";
}

TEST(Reconciliation, AnEmptyDayIsClean) {
  const auto r = reconcile("2026-12-06", {}, {});
  EXPECT_TRUE(r.clean());
  EXPECT_NE(to_text(r).find("all matched"), std::string::npos);
}

TEST(Reconciliation, ABrokenDayListNamesTheEntry) {
  EXPECT_FALSE(read_day_list({{"error_code", "0"}}));
  auto bad = read_day_list(
      {{"DanhSachGiaoDich", {entry("A", 1, "00"), {{"MaThamChieu", "B"}, {"SoTien", "x"}}}}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("/DanhSachGiaoDich/1"), std::string::npos);
}

TEST(Reconciliation, DatesAreRealCalendarDates) {
  EXPECT_EQ(platform_date("2026-12-06"), "20261206");
  EXPECT_EQ(platform_date("2024-02-29"), "20240229");
  EXPECT_FALSE(platform_date("2026-02-29"));
  EXPECT_FALSE(platform_date("2026-13-01"));
  EXPECT_FALSE(platform_date("20261206"));
  EXPECT_FALSE(platform_date("2026-1a-01"));
}

}  // namespace
}  // namespace lienthong::connectors::paygov
