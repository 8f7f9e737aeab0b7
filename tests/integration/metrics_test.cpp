// GET /metrics on the admin listener after real traffic through the hub and the in-process
// sandbox: the series that the traffic moved, `promtool check metrics` on the scraped text,
// and no scenario value, dossier code, message id or key anywhere in it.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "dvcqg_samples.hpp"
#include "paygov_fixture.hpp"
#include "scenario_values.hpp"
#include "tests/support/run_command.hpp"

namespace lienthong::testing {
namespace {

using Samples = std::map<std::string, double>;

// "name{labels}" -> value, for every sample line of an exposition.
Samples parse_samples(const std::string& text) {
  Samples out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.rfind(' ');
    if (space == std::string::npos) continue;
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

double value_of(const Samples& s, const std::string& series) {
  const auto it = s.find(series);
  return it == s.end() ? 0 : it->second;
}

// The sum of every series of `name` whose labels include all of `labels` ("k=\"v\"" each).
double sum_of(const Samples& s, const std::string& name, const std::vector<std::string>& labels) {
  double total = 0;
  for (const auto& [series, value] : s) {
    if (!series.starts_with(name + "{") && series != name) continue;
    bool all = true;
    for (const auto& l : labels) all = all && series.find(l) != std::string::npos;
    if (all) total += value;
  }
  return total;
}

bool promtool_installed() {
  return run_command("command -v promtool >/dev/null 2>&1 && echo yes").find("yes") !=
         std::string::npos;
}

class MetricsTest : public PaygovTest {
 protected:
  void customize(config::HubConfig& config) override {
    PaygovTest::customize(config);
    for (auto& c : config.connectors) {
      c.delivery.backoff_initial_ms = 100;
      c.delivery.backoff_max_ms = 100;
    }
  }

  http::Response get_admin(const std::string& target) {
    http::Request req{bhttp::verb::get, target, 11};
    return send_admin(std::move(req));
  }

  std::string scrape() {
    auto res = get_admin("/metrics");
    EXPECT_EQ(res.result_int(), 200) << res.body();
    EXPECT_EQ(std::string(res[bhttp::field::content_type]),
              "text/plain; version=0.0.4; charset=utf-8");
    return res.body();
  }

  std::string post_async(const std::string& target, const Json& body) {
    auto res = post_json(target, body, {{"Prefer", "respond-async"}});
    EXPECT_EQ(res.result_int(), 202) << res.body();
    const auto id = body_json(res).value("id", std::string());
    message_ids_.push_back(id);
    return id;
  }

  std::string state(const std::string& id) {
    http::Request req{bhttp::verb::get, "/v1/messages/" + id, 11};
    req.set(bhttp::field::authorization, std::string("Bearer ") + kKey);
    const auto res = send_http(hub_port(), std::move(req));
    return res.result_int() == 200 ? body_json(res).value("state", std::string()) : "";
  }

  void remember(const http::Response& res) { message_ids_.emplace_back(res["X-Message-ID"]); }

  std::vector<std::string> message_ids_;
};

TEST_F(MetricsTest, TrafficMovesTheSeriesAndTheScrapeIsValidAndHoldsNoPersonalData) {
  const auto before = parse_samples(scrape());

  // Sync lookups (dkdn, and dancu over mutual TLS with signed SOAP), a 4xx, an unknown route.
  auto dkdn = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}});
  ASSERT_EQ(dkdn.result_int(), 200) << dkdn.body();
  remember(dkdn);
  auto dancu = post_json("/v1/dancu/lookup-citizen", {{"citizenId", "001089012345"},
                                                      {"fullName", "Nguyễn Văn An"},
                                                      {"dateOfBirth", "1989-05-17"}});
  ASSERT_EQ(dancu.result_int(), 200) << dancu.body();
  remember(dancu);
  auto invalid = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "not a code"}});
  ASSERT_EQ(invalid.result_int(), 400) << invalid.body();
  remember(invalid);
  ASSERT_EQ(post_json("/v1/nosuch/thing", Json::object()).result_int(), 404);

  // dvcqg: a dossier delivered through the queue, and a step the portal refuses (dead letter).
  const std::string code = "000.00.01.H22-261203-0901";
  const std::string poison_code = "000.00.01.H22-261203-0902";
  const auto delivered = post_async("/v1/dvcqg/sync-dossier", dvcqg_dossier(code));
  ASSERT_EQ(post_json("/v1/dvcqg/sync-dossier", dvcqg_dossier(poison_code)).result_int(), 200);
  ASSERT_EQ(
      post_json("/v1/dvcqg/update-progress", dvcqg_step(poison_code, 9, "2026-12-03T09:00:00Z"))
          .result_int(),
      200);
  const auto dead = post_async("/v1/dvcqg/update-progress",
                               dvcqg_step(poison_code, "processing", "2026-12-04T09:00:00Z"));
  ASSERT_TRUE(eventually([&] { return state(delivered) == "delivered"; })) << state(delivered);
  ASSERT_TRUE(eventually([&] { return state(dead) == "dead"; })) << state(dead);

  // paygov: a payment, paid at the sandbox (its IPN comes back through /inbound/).
  const std::string payment = created_id();
  message_ids_.push_back(payment);
  auto pay = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + payment + "/pay", "");
  ASSERT_LT(pay.result_int(), 300) << pay.body();
  ASSERT_TRUE(eventually([&] { return state_of(payment) == "paid"; })) << state_of(payment);

  const auto text = scrape();
  const auto after = parse_samples(text);
  const auto moved = [&](const std::string& series) {
    return value_of(after, series) - value_of(before, series);
  };

  // Requests by door, connector, operation and status class; their latency.
  const std::string requests = "lienthong_ingress_requests_total";
  EXPECT_EQ(
      moved(requests +
            R"({door="provincial",connector="dkdn",operation="lookup-enterprise",class="2xx"})"),
      1);
  EXPECT_EQ(
      moved(requests +
            R"({door="provincial",connector="dkdn",operation="lookup-enterprise",class="4xx"})"),
      1);
  EXPECT_EQ(
      moved(requests +
            R"({door="provincial",connector="dancu",operation="lookup-citizen",class="2xx"})"),
      1);
  EXPECT_EQ(moved(requests +
                  R"({door="provincial",connector="dvcqg",operation="sync-dossier",class="2xx"})"),
            2)
      << "one sync call, one async accept";
  EXPECT_EQ(
      moved(requests + R"({door="provincial",connector="none",operation="none",class="4xx"})"), 1);
  EXPECT_GE(moved(requests +
                  R"({door="inbound",connector="paygov",operation="payment-notice",class="2xx"})"),
            1)
      << "the IPN";
  EXPECT_EQ(
      moved(
          R"(lienthong_ingress_request_duration_seconds_count{door="provincial",connector="dkdn",operation="lookup-enterprise"})"),
      2);
  EXPECT_EQ(
      moved(
          R"(lienthong_ingress_request_duration_seconds_bucket{door="provincial",connector="dkdn",operation="lookup-enterprise",le="+Inf"})"),
      2);

  // The far sides' latency, by outcome.
  EXPECT_EQ(
      moved(R"(lienthong_upstream_request_duration_seconds_count{connector="dkdn",outcome="ok"})"),
      1);
  EXPECT_EQ(
      moved(R"(lienthong_upstream_request_duration_seconds_count{connector="dancu",outcome="ok"})"),
      1);
  EXPECT_GE(
      moved(
          R"(lienthong_upstream_request_duration_seconds_count{connector="paygov",outcome="ok"})"),
      1);

  // Delivery attempts and dead letters.
  EXPECT_EQ(moved(R"(lienthong_delivery_attempts_total{connector="dvcqg",outcome="delivered"})"),
            1);
  EXPECT_EQ(moved(R"(lienthong_delivery_attempts_total{connector="dvcqg",outcome="dead"})"), 1);
  EXPECT_EQ(sum_of(after, "lienthong_dead_letters_total", {R"(connector="dvcqg")"}) -
                sum_of(before, "lienthong_dead_letters_total", {R"(connector="dvcqg")"}),
            1);
  EXPECT_GE(moved(R"(lienthong_delivery_attempts_total{connector="paygov",outcome="delivered"})"),
            1)
      << "the payment's push to the province";

  // Computed at scrape time: the queue, payments, circuits, the store.
  for (const char* s : {"queued", "in_flight", "retrying"}) {
    EXPECT_TRUE(after.contains(
        std::string(R"(lienthong_queue_messages{connector="dvcqg",state=")") + s + "\"}"))
        << s;
  }
  EXPECT_TRUE(after.contains(R"(lienthong_queue_oldest_age_seconds{connector="dvcqg"})"));
  EXPECT_EQ(value_of(after, R"(lienthong_payments{state="paid"})"), 1);
  EXPECT_EQ(value_of(after, R"(lienthong_circuit_state{connector="dkdn"})"), 0);
  EXPECT_EQ(value_of(after, "lienthong_store_up"), 1);
  EXPECT_TRUE(
      after.contains(R"(lienthong_guard_refusals_total{connector="dkdn",reason="rate_limited"})"));

  // TLS (dancu is mutual TLS) and OCSP (dancu's signer certificate is checked).
  EXPECT_GE(sum_of(after, "lienthong_tls_handshakes_total", {R"(side="client")"}) -
                sum_of(before, "lienthong_tls_handshakes_total", {R"(side="client")"}),
            1);
  EXPECT_TRUE(after.contains(
      R"(lienthong_tls_handshakes_total{side="client",endpoint="egress",result="failed"})"));
  EXPECT_TRUE(after.contains(R"(lienthong_ocsp_cache_lookups_total{result="hit"})"));

  // Never a personal datum, a dossier code, a message id or a key in the scrape.
  auto secrets = scenario_values();
  for (const auto& e : sandbox_enterprises()) {
    secrets[e["MaSoDoanhNghiep"].get<std::string>()] = "enterprise code";
  }
  secrets[code] = "dossier code";
  secrets[poison_code] = "dossier code";
  secrets["000.00.01.H22-261201-0001"] = "dossier code (paygov example)";
  for (const auto& id : message_ids_) {
    if (!id.empty()) secrets[id] = "message id";
  }
  for (const char* key : {kKey, kLimitedKey, kPortalKey, kPaygovIpnKey})
    secrets[key] = "client key";
  for (const auto& leak : find_leaks(text, secrets)) ADD_FAILURE() << leak;

  if (!promtool_installed()) {
    GTEST_SKIP() << "promtool is not installed (Debian package prometheus; scripts/setup.sh "
                    "installs it): the exposition was not checked by promtool";
  }
  const auto file = std::filesystem::temp_directory_path() /
                    ("lienthong-metrics-" + std::to_string(hub_port()) + ".txt");
  {
    std::ofstream out(file, std::ios::binary);
    out << text;
  }
  const auto verdict =
      run_command("(promtool check metrics < " + file.string() + ") 2>&1; echo exit=$?");
  std::filesystem::remove(file);
  EXPECT_EQ(verdict, "exit=0\n") << "promtool check metrics:\n" << verdict;
}

TEST_F(MetricsTest, OnlyGetAndThe404NamesTheEndpoint) {
  http::Request post{bhttp::verb::post, "/metrics", 11};
  const auto res = send_admin(std::move(post));
  EXPECT_EQ(res.result_int(), 405);
  EXPECT_EQ(std::string(res[bhttp::field::allow]), "GET");
  const auto other = get_admin("/nothing");
  EXPECT_EQ(other.result_int(), 404);
  EXPECT_NE(other.body().find("/metrics"), std::string::npos) << other.body();
}

}  // namespace
}  // namespace lienthong::testing
