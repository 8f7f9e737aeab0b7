// The console's parts on the admin listener, over real HTTP: its files at / and /console/, the
// certificates and the running configuration it shows, and the problems bad requests get.
#include <gtest/gtest.h>

#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

class AdminConsoleTest : public HubFixture {
 protected:
  http::Response admin(bhttp::verb verb, const std::string& target) {
    return send_admin(http::Request{verb, target, 11});
  }
  void expect_problem(const http::Response& res, unsigned status, const std::string& slug,
                      const std::string& detail) {
    EXPECT_EQ(res.result_int(), status) << res.body();
    EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
    auto body = body_json(res);
    EXPECT_EQ(body["type"], "https://lienthong.dev/problems/" + slug) << res.body();
    EXPECT_NE(body["detail"].get<std::string>().find(detail), std::string::npos) << res.body();
  }
};

TEST_F(AdminConsoleTest, ServesTheConsoleWithAStrictPolicy) {
  auto index = admin(bhttp::verb::get, "/");
  ASSERT_EQ(index.result_int(), 200) << index.body();
  EXPECT_EQ(index[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(index["Content-Security-Policy"], "default-src 'self'; frame-ancestors 'none'");
  EXPECT_EQ(index["X-Content-Type-Options"], "nosniff");
  EXPECT_NE(index.body().find("console/app.js"), std::string::npos);
  auto app = admin(bhttp::verb::get, "/console/app.js");
  EXPECT_EQ(app.result_int(), 200);
  EXPECT_EQ(app[bhttp::field::content_type], "text/javascript; charset=utf-8");
  auto missing = admin(bhttp::verb::get, "/console/../../config/hub.json");
  expect_problem(missing, 404, "not-found", "the console has no file");
  EXPECT_EQ(missing["Content-Security-Policy"], "default-src 'self'; frame-ancestors 'none'");
  expect_problem(admin(bhttp::verb::delete_, "/console/app.js"), 405, "method-not-allowed",
                 "read with GET");
}

TEST_F(AdminConsoleTest, CertificatesOfTheRunningConfiguration) {
  auto res = admin(bhttp::verb::get, "/admin/certificates");
  ASSERT_EQ(res.result_int(), 200) << res.body();
  auto body = body_json(res);
  ASSERT_FALSE(body["certificates"].empty()) << body;
  bool dancu_ca = false;
  for (const auto& c : body["certificates"]) {
    EXPECT_TRUE(c["not_after"].is_string()) << c;
    EXPECT_TRUE(c["days_left"].is_number_integer()) << c;
    EXPECT_FALSE(c["subject"].get<std::string>().empty()) << c;
    dancu_ca = dancu_ca || (c.value("connector", "") == "dancu" && c["key"] == "tls.ca");
  }
  EXPECT_TRUE(dancu_ca) << body;
  EXPECT_TRUE(body["errors"].empty()) << body["errors"];
  expect_problem(admin(bhttp::verb::get, "/admin/certificates?expiring=1"), 400, "invalid-request",
                 "expiring");
  expect_problem(admin(bhttp::verb::post, "/admin/certificates"), 405, "method-not-allowed",
                 "certificates are read with GET");
}

TEST_F(AdminConsoleTest, TheRunningConfigurationWithItsSecretsMasked) {
  auto res = admin(bhttp::verb::get, "/admin/config");
  ASSERT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(res[bhttp::field::content_type], "application/json");
  for (const char* secret :
       {"sandbox-dvcqg-password", "sandbox-dkdn-token", "sandbox-paygov-secret",
        "sandbox-kyso-password", "sandbox-motcua-token"}) {
    EXPECT_EQ(res.body().find(secret), std::string::npos) << secret;
  }
  auto body = body_json(res);
  EXPECT_EQ(body["connectors"]["dvcqg"]["auth"]["password"], "***");
  EXPECT_EQ(body["admin"]["port"], 0);
  expect_problem(admin(bhttp::verb::get, "/admin/config?secrets=1"), 400, "invalid-request",
                 "secrets");
  expect_problem(admin(bhttp::verb::put, "/admin/config"), 405, "method-not-allowed",
                 "POST /admin/reload");
}

}  // namespace
}  // namespace lienthong::testing
