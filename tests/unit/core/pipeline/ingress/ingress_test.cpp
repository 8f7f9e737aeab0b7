#include "core/pipeline/ingress/ingress.hpp"

#include <gtest/gtest.h>

#include "core/pipeline/ingress/request_parts.hpp"

namespace lienthong::pipeline {
namespace {

TEST(ParseRoute, AcceptsConnectorAndOperation) {
  auto r = parse_route("/v1/dkdn/lookup-enterprise?debug=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, "dkdn");
  EXPECT_EQ(r->second, "lookup-enterprise");
}

TEST(ParseRoute, RefusesOtherShapes) {
  for (const char* t : {"/", "/v1", "/v1/", "/v1/dkdn", "/v1/dkdn/", "/v2/dkdn/x", "/v1/dkdn/a/b",
                        "/v1/DKDN/x", "/v1/dk dn/x", "/v1/../x", "/v1/dkdn/%2e%2e"}) {
    EXPECT_FALSE(parse_route(t)) << t;
  }
}

TEST(Traceparent, FollowsW3CFormat) {
  EXPECT_TRUE(valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  EXPECT_FALSE(valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"));
  EXPECT_FALSE(valid_traceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));
  EXPECT_FALSE(valid_traceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
  EXPECT_FALSE(valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));
}

TEST(Traceparent, ACallWithoutOneStartsATrace) {
  const auto a = new_traceparent();
  const auto b = new_traceparent();
  EXPECT_TRUE(valid_traceparent(a)) << a;
  EXPECT_TRUE(valid_traceparent(b)) << b;
  EXPECT_NE(trace_id(a), trace_id(b));
  EXPECT_EQ(trace_id(a), a.substr(3, 32));
  EXPECT_EQ(trace_id("junk"), "");
  http::Request req{boost::beast::http::verb::post, "/v1/dkdn/lookup-enterprise", 11};
  EXPECT_TRUE(valid_traceparent(begin_exchange(req).traceparent));
  req.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  EXPECT_EQ(begin_exchange(req).traceparent,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
}

TEST(CorrelationId, IsShortAndPrintable) {
  EXPECT_TRUE(valid_correlation_id("abc-123_x.y:z"));
  EXPECT_FALSE(valid_correlation_id(""));
  EXPECT_FALSE(valid_correlation_id(std::string(129, 'a')));
  EXPECT_FALSE(valid_correlation_id("a b"));
  EXPECT_FALSE(valid_correlation_id("a\r\nSet-Cookie: x"));
}

}  // namespace
}  // namespace lienthong::pipeline
