#include "core/metrics/exposition.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace lienthong::metrics {
namespace {

TEST(Exposition, WritesHelpTypeAndSamples) {
  Exposition out;
  ASSERT_TRUE(out.family("lienthong_things_total", Type::kCounter, "Things seen."));
  out.sample("lienthong_things_total", {{"connector", "dkdn"}, {"class", "2xx"}}, std::uint64_t{3});
  out.sample("lienthong_things_total", {}, std::uint64_t{0});
  EXPECT_EQ(out.text(),
            "# HELP lienthong_things_total Things seen.\n"
            "# TYPE lienthong_things_total counter\n"
            "lienthong_things_total{connector=\"dkdn\",class=\"2xx\"} 3\n"
            "lienthong_things_total 0\n");
}

TEST(Exposition, EscapesLabelValuesAndHelp) {
  Exposition out;
  out.family("lienthong_odd", Type::kGauge, "back\\slash\nnew \"line\"");
  out.sample("lienthong_odd", {{"v", "a\\b\"c\nd"}}, 1.5);
  EXPECT_EQ(out.text(),
            "# HELP lienthong_odd back\\\\slash\\nnew \"line\"\n"
            "# TYPE lienthong_odd gauge\n"
            "lienthong_odd{v=\"a\\\\b\\\"c\\nd\"} 1.5\n");
}

TEST(Exposition, FormatsSpecialValues) {
  EXPECT_EQ(format_value(0), "0");
  EXPECT_EQ(format_value(2), "2");
  EXPECT_EQ(format_value(0.005), "0.005");
  EXPECT_EQ(format_value(1e-9), "1e-09");
  EXPECT_EQ(format_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_value(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

TEST(Exposition, ASecondFamilyOfTheSameNameIsDroppedWithItsSamples) {
  Exposition out;
  out.family("lienthong_a", Type::kGauge, "A.");
  out.sample("lienthong_a", {}, 1.0);
  EXPECT_FALSE(out.family("lienthong_a", Type::kGauge, "A again."));
  out.sample("lienthong_a", {}, 2.0);
  out.family("lienthong_b", Type::kGauge, "B.");
  out.sample("lienthong_b", {}, 3.0);
  EXPECT_EQ(out.text(),
            "# HELP lienthong_a A.\n# TYPE lienthong_a gauge\nlienthong_a 1\n"
            "# HELP lienthong_b B.\n# TYPE lienthong_b gauge\nlienthong_b 3\n");
}

TEST(Exposition, Names) {
  EXPECT_TRUE(valid_metric_name("lienthong_x:y_total"));
  EXPECT_FALSE(valid_metric_name("1x"));
  EXPECT_FALSE(valid_metric_name("a-b"));
  EXPECT_FALSE(valid_metric_name(""));
  EXPECT_TRUE(valid_label_name("connector"));
  EXPECT_FALSE(valid_label_name("__reserved"));
  EXPECT_FALSE(valid_label_name("a:b"));
}

}  // namespace
}  // namespace lienthong::metrics
