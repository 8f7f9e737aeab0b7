#include "core/pipeline/ingress/inbound_ingress.hpp"

#include <gtest/gtest.h>

#include "core/pipeline/inbound/inbound_routes.hpp"
#include "core/pipeline/ingress/authenticate.hpp"

namespace lienthong::pipeline {
namespace {

TEST(ParseInboundRoute, AcceptsConnectorAndOperation) {
  auto r = parse_inbound_route("/inbound/dvcqg/status-callback?x=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, "dvcqg");
  EXPECT_EQ(r->second, "status-callback");
}

TEST(ParseInboundRoute, RefusesOtherShapes) {
  for (const char* t :
       {"/inbound", "/inbound/", "/inbound/dvcqg", "/inbound/dvcqg/", "/inbound/dvcqg/a/b",
        "/v1/dvcqg/status-callback", "/inbound/DVCQG/x", "/inbound/../x", "/inboundx/dvcqg/y"}) {
    EXPECT_FALSE(parse_inbound_route(t)) << t;
  }
}

TEST(InboundOperationName, CannotCollideWithAnOutboundOperation) {
  // Outbound names cannot hold "/" (config::is_route_name), so "inbound/<op>" is never one.
  EXPECT_EQ(inbound_operation_name("status-callback"), "inbound/status-callback");
  EXPECT_FALSE(config::is_route_name(inbound_operation_name("status-callback")));
}

TEST(InboundRights, AreWrittenApartFromOutboundOnes) {
  Client everything{"all", {}, false, {}, {}, {"*"}, {}};
  EXPECT_TRUE(everything.allows("dvcqg", "sync-dossier"));
  EXPECT_FALSE(everything.allows_inbound("dvcqg", "status-callback"));
  Client portal{"portal", {}, false, {}, {}, {}, {"dvcqg/status-callback"}};
  EXPECT_TRUE(portal.allows_inbound("dvcqg", "status-callback"));
  EXPECT_FALSE(portal.allows_inbound("dvcqg", "other"));
  EXPECT_FALSE(portal.allows("dvcqg", "status-callback"));
  Client wildcard{"w", {}, false, {}, {}, {}, {"dvcqg/*"}};
  EXPECT_TRUE(wildcard.allows_inbound("dvcqg", "anything"));
  EXPECT_FALSE(wildcard.allows_inbound("paygov", "ipn"));
}

}  // namespace
}  // namespace lienthong::pipeline
