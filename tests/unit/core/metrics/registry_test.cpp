#include "core/metrics/registry.hpp"

#include <gtest/gtest.h>

#include <array>
#include <thread>
#include <vector>

namespace lienthong::metrics {
namespace {

TEST(Registry, GoldenText) {
  Registry r;
  auto& requests = r.counter("lienthong_requests_total", "Requests.", {"connector", "class"});
  requests.with({"dkdn", "2xx"}).inc(2);
  requests.with({"dancu", "4xx"}).inc();
  r.gauge("lienthong_depth", "Depth.").with({}).set(7);
  constexpr std::array<double, 2> kBounds{0.1, 1};
  auto& latency = r.histogram("lienthong_latency_seconds", "Latency.", {"connector"}, kBounds);
  auto& dkdn = latency.with({"dkdn"});
  dkdn.observe(0.05);
  dkdn.observe(0.1);  // le is inclusive
  dkdn.observe(0.5);
  dkdn.observe(3);
  EXPECT_EQ(r.render(),
            "# HELP lienthong_depth Depth.\n"
            "# TYPE lienthong_depth gauge\n"
            "lienthong_depth 7\n"
            "# HELP lienthong_latency_seconds Latency.\n"
            "# TYPE lienthong_latency_seconds histogram\n"
            "lienthong_latency_seconds_bucket{connector=\"dkdn\",le=\"0.1\"} 2\n"
            "lienthong_latency_seconds_bucket{connector=\"dkdn\",le=\"1\"} 3\n"
            "lienthong_latency_seconds_bucket{connector=\"dkdn\",le=\"+Inf\"} 4\n"
            "lienthong_latency_seconds_sum{connector=\"dkdn\"} 3.65\n"
            "lienthong_latency_seconds_count{connector=\"dkdn\"} 4\n"
            "# HELP lienthong_requests_total Requests.\n"
            "# TYPE lienthong_requests_total counter\n"
            "lienthong_requests_total{connector=\"dancu\",class=\"4xx\"} 1\n"
            "lienthong_requests_total{connector=\"dkdn\",class=\"2xx\"} 2\n");
}

TEST(Registry, SameNameSameFamily) {
  Registry r;
  auto& a = r.counter("lienthong_x_total", "X.", {"side"});
  auto& b = r.counter("lienthong_x_total", "X.", {"side"});
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(&a.with({"server"}), &b.with({"server"}));
  EXPECT_THROW(r.gauge("lienthong_x_total", "X."), std::logic_error);
  EXPECT_THROW(r.counter("lienthong_x_total", "X.", {"other"}), std::logic_error);
  EXPECT_THROW(a.with({"server", "extra"}), std::invalid_argument);
  EXPECT_THROW(r.counter("bad-name", "."), std::invalid_argument);
  EXPECT_THROW(r.histogram("lienthong_h", ".", {"le"}), std::invalid_argument);
}

TEST(Registry, CollectorsRunAtScrapeUntilTheirCollectionEnds) {
  Registry r;
  int calls = 0;
  {
    auto c = r.add_collector([&calls](Exposition& out) {
      ++calls;
      out.family("lienthong_computed", Type::kGauge, "Computed.");
      out.sample("lienthong_computed", {{"state", "queued"}}, 4.0);
    });
    EXPECT_EQ(r.render(),
              "# HELP lienthong_computed Computed.\n# TYPE lienthong_computed gauge\n"
              "lienthong_computed{state=\"queued\"} 4\n");
    auto moved = std::move(c);
    (void)r.render();
    EXPECT_EQ(calls, 2);
  }
  EXPECT_EQ(r.render(), "");
  EXPECT_EQ(calls, 2);
}

TEST(Registry, ACollectorThatThrowsKeepsTheScrape) {
  Registry r;
  auto bad = r.add_collector([](Exposition&) { throw std::runtime_error("store closed"); });
  auto good = r.add_collector([](Exposition& out) {
    out.family("lienthong_ok", Type::kGauge, "Ok.");
    out.sample("lienthong_ok", {}, 1.0);
  });
  EXPECT_NE(r.render().find("lienthong_ok 1\n"), std::string::npos);
}

TEST(Registry, CountsFromManyThreads) {
  Registry r;
  auto& c = r.counter("lienthong_n_total", "N.").with({});
  auto& h = r.histogram("lienthong_h_seconds", "H.", {}).with({});
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10'000; ++i) {
        c.inc();
        h.observe(0.01);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 80'000u);
  EXPECT_EQ(h.snapshot().count(), 80'000u);
  EXPECT_NEAR(h.snapshot().sum, 800.0, 1e-6);
}

TEST(Histogram, RefusesUnorderedBounds) {
  constexpr std::array<double, 2> kBad{1, 0.5};
  EXPECT_THROW(Histogram{kBad}, std::invalid_argument);
}

}  // namespace
}  // namespace lienthong::metrics
