#include "core/pipeline/inbound/provincial_target.hpp"

#include <gtest/gtest.h>

#include "core/delivery/classify.hpp"

namespace lienthong::pipeline {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

config::ProvincialTargetConfig target_config(std::string url = "http://127.0.0.1:9106/x/inbound") {
  config::ProvincialTargetConfig c;
  c.name = "motcua";
  c.url = std::move(url);
  c.auth_type = "bearer";
  c.auth_header = "Authorization";
  c.auth_value = "Bearer secret-token";
  c.timeout_ms = 2500;
  c.file = "hub.json";
  c.line = 7;
  return c;
}

ProvincialTarget target() {
  auto t = compile_target(target_config());
  EXPECT_TRUE(t);
  return *t;
}

http::Response answer(unsigned status, std::string body = {}) {
  http::Response r{static_cast<bhttp::status>(status), 11};
  r.body() = std::move(body);
  return r;
}

TEST(ProvincialTarget, CompilesItsUrl) {
  auto t = target();
  EXPECT_EQ(t.origin.host, "127.0.0.1");
  EXPECT_EQ(t.origin.port, 9106);
  EXPECT_EQ(t.path, "/x/inbound");
  EXPECT_EQ(t.timeout, std::chrono::milliseconds(2500));
}

TEST(ProvincialTarget, ABadUrlIsALocatedConfigError) {
  auto t = compile_target(target_config("http://"));
  ASSERT_FALSE(t);
  ASSERT_EQ(t.error().size(), 1u);
  EXPECT_EQ(t.error()[0].file, "hub.json");
  EXPECT_EQ(t.error()[0].line, 7);
  EXPECT_EQ(t.error()[0].key_path, "provincial_targets.motcua.url");
}

TEST(ProvincialTarget, ThePushCarriesTheMessageItsIdsAndTheCredential) {
  Exchange ex;
  ex.id = "0193-abc";
  ex.correlation_id = "corr-1";
  ex.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  ex.request = {{"dossierCode", "000.00.01.H22-261201-0001"}, {"status", 4}};
  auto req = push_request(target(), ex, "dvcqg/status-callback");
  EXPECT_EQ(req.method(), bhttp::verb::post);
  EXPECT_EQ(req.target(), "/x/inbound");
  EXPECT_EQ(req[bhttp::field::authorization], "Bearer secret-token");
  EXPECT_EQ(req[bhttp::field::content_type], "application/json");
  EXPECT_EQ(req["X-Message-ID"], "0193-abc");
  EXPECT_EQ(req["Idempotency-Key"], "0193-abc") << "stable across attempts";
  EXPECT_EQ(req["X-Correlation-ID"], "corr-1");
  EXPECT_EQ(req["traceparent"], ex.traceparent);
  EXPECT_EQ(req["X-Lienthong-Inbound"], "dvcqg/status-callback");
  EXPECT_EQ(Json::parse(req.body()), ex.request);
}

TEST(ProvincialTarget, ANamedHeaderCarriesTheSecretOfTypeHeader) {
  auto c = target_config();
  c.auth_type = "header";
  c.auth_header = "X-Api-Key";
  c.auth_value = "k-1";
  auto t = compile_target(c);
  ASSERT_TRUE(t);
  Exchange ex;
  ex.id = "m";
  auto req = push_request(*t, ex, "dvcqg/status-callback");
  EXPECT_EQ(req["X-Api-Key"], "k-1");
  EXPECT_EQ(req.find(bhttp::field::authorization), req.end());
}

TEST(ProvincialTarget, A2xxIsDeliveredWithTheAnswerAsResult) {
  auto ok = read_push_answer(target(), answer(200, R"({"code":"ok"})"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, (Json{{"target", "motcua"}, {"status", 200}, {"answer", {{"code", "ok"}}}}));
  auto empty = read_push_answer(target(), answer(204));
  ASSERT_TRUE(empty);
  EXPECT_FALSE(empty->contains("answer"));
}

// What the delivery loop makes of each answer: core/delivery/classify, as for connectors.
delivery::Verdict verdict_of(unsigned status, std::string body = {}) {
  auto r = answer(status, std::move(body));
  auto failed = read_push_answer(target(), r);
  EXPECT_FALSE(failed);
  if (failed) return delivery::Verdict::kRetry;
  return delivery::classify("deliver", failed.error());
}

TEST(ProvincialTarget, ServerErrorsAndTooManyRequestsAreRetriedOtherRefusalsAreDead) {
  EXPECT_EQ(verdict_of(500), delivery::Verdict::kRetry);
  EXPECT_EQ(verdict_of(503), delivery::Verdict::kRetry);
  EXPECT_EQ(verdict_of(429), delivery::Verdict::kRetry);
  EXPECT_EQ(verdict_of(408), delivery::Verdict::kRetry);
  EXPECT_EQ(verdict_of(400), delivery::Verdict::kDead);
  EXPECT_EQ(verdict_of(401), delivery::Verdict::kDead);
  EXPECT_EQ(verdict_of(404), delivery::Verdict::kDead);
  EXPECT_EQ(verdict_of(422), delivery::Verdict::kDead);
}

TEST(ProvincialTarget, AFailureKeepsTheTargetsWordsAndRetryAfter) {
  auto r = answer(429, R"({"code":"slow_down","message":"too many pushes"})");
  r.set(bhttp::field::retry_after, "7");
  auto failed = read_push_answer(target(), r);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, ProblemKind::kUpstreamError);
  ASSERT_TRUE(failed.error().upstream);
  EXPECT_EQ(failed.error().upstream->status, 429);
  EXPECT_EQ(failed.error().upstream->code, "slow_down");
  EXPECT_EQ(failed.error().upstream->message, "too many pushes");
  EXPECT_EQ(failed.error().retry_after_seconds, 7);
  auto refused = read_push_answer(target(), answer(401));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().detail.find("refused the hub's credentials"), std::string::npos);
  EXPECT_EQ(refused.error().detail.find("secret-token"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::pipeline
