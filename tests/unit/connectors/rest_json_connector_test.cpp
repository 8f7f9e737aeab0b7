#include "connectors/rest_json/rest_json_connector.hpp"

#include <gtest/gtest.h>

namespace lienthong::connectors {
namespace {

http::Response answer(unsigned status, std::string body) {
  http::Response r{static_cast<boost::beast::http::status>(status), 11};
  r.body() = std::move(body);
  return r;
}

TEST(ClassifyJsonAnswer, SuccessPassesTheBodyOn) {
  auto ok = classify_json_answer(answer(200, R"({"GetEntCert":null})"), "dkdn");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->body, R"({"GetEntCert":null})");
}

TEST(ClassifyJsonAnswer, NotFoundAndErrorsCarryTheUpstreamCode) {
  auto nf = classify_json_answer(answer(404, R"({"error":"not_found"})"), "dkdn");
  ASSERT_FALSE(nf);
  EXPECT_EQ(nf.error().kind, ProblemKind::kUpstreamNotFound);

  auto bad = classify_json_answer(
      answer(400, R"({"error":"invalid_msdn","message":"check digit is 7, expected 6"})"), "dkdn");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(bad.error().upstream->status, 400);
  EXPECT_EQ(bad.error().upstream->code, "invalid_msdn");
  EXPECT_EQ(bad.error().upstream->message, "check digit is 7, expected 6");

  auto creds = classify_json_answer(answer(401, "no json"), "dkdn");
  ASSERT_FALSE(creds);
  EXPECT_EQ(creds.error().detail, "dkdn answered HTTP 401: it refused the hub's credentials");
  EXPECT_TRUE(creds.error().upstream->code.empty());
}

TEST(UpstreamFromStatus, TruncatesLongMessagesOnACharacterBoundary) {
  std::string msg;
  for (int i = 0; i < 150; ++i) msg += "ạ";  // 3 bytes each
  auto up = upstream_from_status(500, nlohmann::json{{"message", msg}}.dump());
  EXPECT_LE(up.message.size(), 203u);
  EXPECT_TRUE(up.message.ends_with("..."));
  EXPECT_TRUE(nlohmann::json(up.message).dump().size() > 0);  // still valid UTF-8
}

TEST(BuildRequest, PathQueryAuthAndTraceHeaders) {
  config::ConnectorConfig c;
  c.id = "dkdn";
  c.base_url = "http://127.0.0.1:9103/api/";
  c.auth_type = "bearer";
  c.bearer_token = "tok";
  auto ep = parse_endpoint(c);
  ASSERT_TRUE(ep);
  config::OperationConfig op;
  op.method = "GET";
  op.path = "/DoanhNghiep/chiTietDoanhNghiep";
  pipeline::Exchange ex;
  ex.id = "m1";
  ex.correlation_id = "c1";
  ex.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  ex.wire_request.query = {{"msdn", "0100109106-001"}, {"q", "a b&c"}};
  auto req = build_request(c, *ep, op, ex);
  EXPECT_EQ(req.target(), "/api/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106-001&q=a%20b%26c");
  EXPECT_EQ(req.method(), boost::beast::http::verb::get);
  EXPECT_EQ(req[boost::beast::http::field::authorization], "Bearer tok");
  EXPECT_EQ(req["X-Message-ID"], "m1");
  EXPECT_EQ(req["X-Correlation-ID"], "c1");
  EXPECT_EQ(req["traceparent"], ex.traceparent);
  EXPECT_EQ(ep->origin.port, 9103);
}

TEST(ParseEndpoint, BadUrlIsALocatedError) {
  config::ConnectorConfig c;
  c.file = "config/connectors/x.json";
  c.base_url = "ftp://nowhere";
  auto ep = parse_endpoint(c);
  ASSERT_FALSE(ep);
  EXPECT_EQ(ep.error().at(0).key_path, "base_url");
}

TEST(RetryAfter, DeltaSecondsAreReadAndADateIsIgnored) {
  auto r = answer(429, "");
  EXPECT_FALSE(retry_after_seconds(r));
  r.set(boost::beast::http::field::retry_after, "120");
  EXPECT_EQ(retry_after_seconds(r), 120);
  r.set(boost::beast::http::field::retry_after, "Wed, 21 Oct 2026 07:28:00 GMT");
  EXPECT_FALSE(retry_after_seconds(r));
  r.set(boost::beast::http::field::retry_after, "-5");
  EXPECT_FALSE(retry_after_seconds(r));
}

}  // namespace
}  // namespace lienthong::connectors
