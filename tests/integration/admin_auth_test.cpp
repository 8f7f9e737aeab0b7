// Signing in to the admin listener over real HTTP (issue 13, point 1 and its security proof):
// every admin route without a session is 401, a viewer's change is 403, a change without the
// session's CSRF token (what a cross-site form post is) is 403, a planted, forged or signed-out
// session is refused, and the operator's replay is journalled with their name.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/admin/auth/admin_gate.hpp"
#include "core/admin/auth/password_hash.hpp"
#include "core/base/base64.hpp"
#include "core/http/tls.hpp"
#include "hub_fixture.hpp"
#include "queue_seed.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

class AdminAuthTest : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override { write_operators(config); }
  void write_operators(config::HubConfig& config, const std::string& certificate_sha256 = "") {
    q_ = seed_queue(config.store.path);
    config.delivery.concurrency = 0;  // the replayed message stays queued, as replayed
    operators_ = std::filesystem::temp_directory_path() /
                 ("lt-operators-" + std::to_string(::getpid()) + ".json");
    const auto hash = [](const char* password) {
      return admin::auth::hash_password(password, admin::auth::kMinIterations).value();
    };
    Json lan{{"name", "lan"}, {"role", "operator"}, {"password", hash("lan-password-1")}};
    if (!certificate_sha256.empty()) lan["certificate_sha256"] = certificate_sha256;
    const Json minh{{"name", "minh"}, {"role", "viewer"}, {"password", hash("minh-password-1")}};
    std::ofstream(operators_) << Json{{"operators", {lan, minh}}}.dump();
    config.admin.operators_file = operators_;
  }
  void TearDown() override {
    HubFixture::TearDown();
    std::filesystem::remove(operators_);
  }

  http::Response call(bhttp::verb verb, const std::string& target, const std::string& cookie = "",
                      const std::string& csrf = "", const std::string& body = "") {
    http::Request req{verb, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!cookie.empty()) req.set(bhttp::field::cookie, "lienthong_session=" + cookie);
    if (!csrf.empty()) req.set("X-CSRF-Token", csrf);
    if (!body.empty()) {
      req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
      req.prepare_payload();
    }
    return send_http(hub_->admin_endpoint().port(), std::move(req));
  }
  struct Signed {
    std::string cookie, csrf, set_cookie;
  };
  Signed sign_in(const std::string& name, const std::string& password,
                 const std::string& planted = "") {
    auto res = call(bhttp::verb::post, "/admin/session", planted, "",
                    Json{{"name", name}, {"password", password}}.dump());
    EXPECT_EQ(res.result_int(), 200) << res.body();
    const std::string set(res[bhttp::field::set_cookie]);
    return {admin::auth::cookie_value(set, admin::auth::kSessionCookie),
            body_json(res).value("csrf_token", ""), set};
  }

  SeededQueue q_;
  std::filesystem::path operators_;
};

TEST_F(AdminAuthTest, EveryAdminRouteWithoutASessionIs401ButHealthAndTheConsoleFiles) {
  for (const auto* target :
       {"/admin/queue/messages", "/admin/queue/messages/x", "/metrics", "/admin/records/payment",
        "/admin/certificates", "/admin/config", "/admin/nothing"}) {
    auto res = call(bhttp::verb::get, target);
    EXPECT_EQ(res.result_int(), 401) << target << ": " << res.body();
    EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json") << target;
  }
  for (const auto* target :
       {"/admin/queue/replay-dead?connector=dkdn", "/admin/queue/purge-dead?connector=dkdn",
        "/admin/connectors/paygov/actions/reconcile", "/admin/reload"}) {
    EXPECT_EQ(call(bhttp::verb::post, target).result_int(), 401) << target;
  }
  EXPECT_EQ(call(bhttp::verb::get, "/healthz").result_int(), 200);
  EXPECT_EQ(call(bhttp::verb::get, "/readyz").result_int(), 200);
  EXPECT_EQ(call(bhttp::verb::get, "/").result_int(), 200);
}

TEST_F(AdminAuthTest, TheViewerReadsButCannotChange) {
  auto minh = sign_in("minh", "minh-password-1");
  EXPECT_NE(minh.set_cookie.find("HttpOnly"), std::string::npos) << minh.set_cookie;
  EXPECT_NE(minh.set_cookie.find("Secure"), std::string::npos) << minh.set_cookie;
  EXPECT_NE(minh.set_cookie.find("SameSite=Strict"), std::string::npos) << minh.set_cookie;
  EXPECT_NE(minh.set_cookie.find("Max-Age="), std::string::npos) << minh.set_cookie;
  EXPECT_EQ(call(bhttp::verb::get, "/admin/queue/messages", minh.cookie).result_int(), 200);
  EXPECT_EQ(call(bhttp::verb::get, "/metrics", minh.cookie).result_int(), 200);
  auto replay = call(bhttp::verb::post, "/admin/queue/messages/" + q_.dead + "/replay", minh.cookie,
                     minh.csrf);
  EXPECT_EQ(replay.result_int(), 403) << replay.body();
  EXPECT_NE(replay.body().find("viewer"), std::string::npos) << replay.body();
  // Nothing changed: the dead letter is still dead.
  auto dead = body_json(call(bhttp::verb::get, "/admin/queue/messages?state=dead", minh.cookie));
  ASSERT_EQ(dead["messages"].size(), 1U) << dead;
  EXPECT_EQ(dead["messages"][0]["id"], q_.dead);
}

TEST_F(AdminAuthTest, TheOperatorsChangeNeedsTheCsrfTokenAndIsJournalledWithTheirName) {
  auto lan = sign_in("lan", "lan-password-1");
  const auto target = "/admin/queue/messages/" + q_.dead + "/replay";
  // A cross-site form post carries the cookie (were SameSite not to stop it) but never the
  // token, which only the console's own page reads from the sign-in answer.
  EXPECT_EQ(call(bhttp::verb::post, target, lan.cookie).result_int(), 403);
  EXPECT_EQ(call(bhttp::verb::post, target, lan.cookie, "not-the-token").result_int(), 403);
  auto done = call(bhttp::verb::post, target, lan.cookie, lan.csrf);
  ASSERT_EQ(done.result_int(), 200) << done.body();
  auto heads = hub_->store().evidence().heads();
  ASSERT_TRUE(heads && !heads->empty());
  auto entries = hub_->store().evidence().entries((*heads)[0].node, 0, 10'000);
  ASSERT_TRUE(entries);
  std::vector<std::string> actors;
  for (const auto& e : *entries) {
    auto j = Json::parse(e.entry);
    if (j.value("kind", "") == "action") actors.push_back(j.value("actor", ""));
  }
  EXPECT_EQ(actors, std::vector<std::string>{"operator:lan"});
}

TEST_F(AdminAuthTest, PlantedForgedAndSignedOutSessionsAreRefused) {
  const std::string planted = "attacker-chosen-session-value-0123456789abcd";
  auto lan = sign_in("lan", "lan-password-1", planted);
  EXPECT_NE(lan.cookie, planted);  // no fixation: the sign-in makes a new id
  EXPECT_EQ(call(bhttp::verb::get, "/admin/queue/messages", planted).result_int(), 401);
  auto forged = lan.cookie;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(call(bhttp::verb::get, "/admin/queue/messages", forged).result_int(), 401);
  EXPECT_EQ(call(bhttp::verb::get, "/admin/queue/messages", lan.cookie).result_int(), 200);
  EXPECT_EQ(call(bhttp::verb::delete_, "/admin/session", lan.cookie, lan.csrf).result_int(), 204);
  EXPECT_EQ(call(bhttp::verb::get, "/admin/queue/messages", lan.cookie).result_int(), 401);
}

TEST_F(AdminAuthTest, WrongPasswordsAreRefusedAlikeAndBasicOnlyReads) {
  auto wrong = call(bhttp::verb::post, "/admin/session", "", "",
                    R"({"name":"lan","password":"not-lans-password"})");
  auto nobody = call(bhttp::verb::post, "/admin/session", "", "",
                     R"({"name":"nobody","password":"not-lans-password"})");
  EXPECT_EQ(wrong.result_int(), 401);
  EXPECT_EQ(nobody.result_int(), 401);
  EXPECT_EQ(body_json(wrong)["detail"], body_json(nobody)["detail"]);
  // Prometheus scrapes with Basic credentials; a change never goes through with them.
  http::Request scrape{bhttp::verb::get, "/metrics", 11};
  scrape.set(bhttp::field::authorization, "Basic " + base64_encode("minh:minh-password-1"));
  EXPECT_EQ(send_http(hub_->admin_endpoint().port(), std::move(scrape)).result_int(), 200);
  http::Request change{bhttp::verb::post, "/admin/queue/replay-dead?connector=dkdn", 11};
  change.set(bhttp::field::authorization, "Basic " + base64_encode("lan:lan-password-1"));
  EXPECT_EQ(send_http(hub_->admin_endpoint().port(), std::move(change)).result_int(), 401);
}

// HTTPS on the admin listener (admin.tls): an operator's client certificate signs them in by
// itself; a certificate that is nobody's, or none, leaves the caller to sign in.
class AdminTlsTest : public AdminAuthTest {
 protected:
  void customize(config::HubConfig& config) override {
    auto leaf = security::testing::load_cert(security::testing::pki_file("hub-client.pem"));
    write_operators(config, http::certificate_sha256(leaf.get()));
    auto& tls = config.admin.tls;
    tls.enabled = true;
    tls.certificate = security::testing::pki_file("hub-server-chain.pem");
    tls.private_key = security::testing::pki_file("hub-server-key.pem");
    tls.client_ca = security::testing::pki_file("root-ca.pem");
    tls.client_certificates = "optional";
    tls.ocsp = "off";
  }
  Result<http::Response, std::string> over_tls(const std::string& target, const std::string& who) {
    http::Request req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    return send_https(hub_->admin_endpoint().port(), std::move(req), who);
  }
};

TEST_F(AdminTlsTest, AnOperatorsCertificateSignsInAndOthersMustSignIn) {
  auto session = over_tls("/admin/session", "hub-client");
  ASSERT_TRUE(session) << session.error();
  ASSERT_EQ(session->result_int(), 200) << session->body();
  EXPECT_EQ(body_json(*session)["name"], "lan");
  EXPECT_NE(std::string((*session)[bhttp::field::set_cookie]).find("Secure"), std::string::npos);
  auto read = over_tls("/admin/queue/messages", "hub-client");
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read->result_int(), 200) << read->body();
  for (const auto* who : {"provincial-client", ""}) {
    auto other = over_tls("/admin/queue/messages", who);
    ASSERT_TRUE(other) << who << ": " << other.error();
    EXPECT_EQ(other->result_int(), 401) << who;
  }
  // Plain HTTP on the TLS port gets no answer it could use.
  http::Request plain{bhttp::verb::get, "/healthz", 11};
  EXPECT_THROW(send_http(hub_->admin_endpoint().port(), std::move(plain)), std::exception);
}

}  // namespace
}  // namespace lienthong::testing
