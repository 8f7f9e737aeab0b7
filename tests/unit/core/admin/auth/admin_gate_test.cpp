#include "core/admin/auth/admin_gate.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <nlohmann/json.hpp>

#include "core/admin/auth/password_hash.hpp"
#include "core/base/base64.hpp"
#include "core/http/problem_response.hpp"

namespace lienthong::admin::auth {
namespace {

namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

constexpr std::string_view kLocal = "bG9jYWwtdG9rZW4tb2YtdGhpcy1odWItZm9yLXRlc3Q";

class AdminGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto accounts = std::make_shared<OperatorAccounts>();
    accounts->accounts.push_back(
        {"lan", Role::kOperator, hash_password("lan-pass", kMinIterations).value(), ""});
    accounts->accounts.push_back({"minh", Role::kViewer,
                                  hash_password("minh-pass", kMinIterations).value(),
                                  std::string(64, 'a')});
    sessions_ = std::make_shared<SessionTable>(
        SessionOptions{.idle = 30min, .absolute = 8h, .max_sessions = 100},
        [this] { return now_; });
    gate_ = std::make_unique<AdminGate>(
        accounts, sessions_,
        std::make_shared<LoginThrottle>(LoginThrottleOptions{}, [this] { return now_; }),
        pool_.get_executor(),
        [this](http::Incoming& in,
               const Principal& who) -> boost::asio::awaitable<std::optional<http::Response>> {
          seen_.push_back(who.actor());
          co_return http::json_response(200, {{"path", std::string(in.request.target())}},
                                        in.request.version(), true);
        },
        std::string(kLocal));
  }

  http::Response send(bhttp::verb method, const std::string& target, const std::string& body = "",
                      const std::vector<std::pair<std::string, std::string>>& headers = {},
                      const std::string& certificate = "") {
    http::Incoming in{http::Request{method, target, 11}, "10.0.0.9:50000", {}, certificate, {}, {}};
    for (const auto& [k, v] : headers) in.request.set(k, v);
    if (!body.empty()) {
      if (in.request.count(bhttp::field::content_type) == 0) {
        in.request.set(bhttp::field::content_type, "application/json");
      }
      in.request.body() = body;
      in.request.prepare_payload();
    }
    boost::asio::io_context ioc;
    auto future = boost::asio::co_spawn(ioc, gate_->handle(in), boost::asio::use_future);
    ioc.run();
    return *future.get();
  }
  // Signs in; the cookie value and the CSRF token.
  std::pair<std::string, std::string> sign_in(const std::string& name, const std::string& pass) {
    auto res = send(bhttp::verb::post, "/admin/session",
                    nlohmann::json{{"name", name}, {"password", pass}}.dump());
    EXPECT_EQ(res.result_int(), 200) << res.body();
    const std::string set_cookie(res[bhttp::field::set_cookie]);
    auto body = nlohmann::json::parse(res.body());
    return {cookie_value(set_cookie, kSessionCookie), body.value("csrf_token", "")};
  }
  static std::vector<std::pair<std::string, std::string>> with(const std::string& cookie,
                                                               const std::string& csrf = "") {
    std::vector<std::pair<std::string, std::string>> h{
        {"Cookie", "theme=dark; " + std::string(kSessionCookie) + "=" + cookie}};
    if (!csrf.empty()) h.emplace_back("X-CSRF-Token", csrf);
    return h;
  }

  delivery::SteadyClock::time_point now_ = delivery::SteadyClock::now();
  boost::asio::thread_pool pool_{1};
  std::shared_ptr<SessionTable> sessions_;
  std::unique_ptr<AdminGate> gate_;
  std::vector<std::string> seen_;
};

TEST_F(AdminGateTest, HealthReadinessAndTheConsolesFilesAreOpen) {
  EXPECT_EQ(send(bhttp::verb::get, "/healthz").result_int(), 200);
  EXPECT_EQ(send(bhttp::verb::get, "/readyz").result_int(), 200);
  EXPECT_EQ(send(bhttp::verb::get, "/").result_int(), 200);
  EXPECT_EQ(send(bhttp::verb::get, "/console/app.js").result_int(), 200);
  EXPECT_EQ(seen_, (std::vector<std::string>(4, "anonymous")));
}

TEST_F(AdminGateTest, EveryOtherRouteWithoutASessionIs401) {
  for (const auto& target :
       {"/admin/queue/messages", "/metrics", "/admin/records/payment", "/admin/config", "/nope"}) {
    auto res = send(bhttp::verb::get, target);
    EXPECT_EQ(res.result_int(), 401) << target;
    EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
    EXPECT_EQ(res[bhttp::field::www_authenticate], "Session realm=\"lienthong admin\"");
  }
  EXPECT_EQ(send(bhttp::verb::post, "/admin/queue/replay-dead?connector=dvcqg").result_int(), 401);
  EXPECT_EQ(send(bhttp::verb::post, "/console/app.js").result_int(), 401);
  EXPECT_TRUE(seen_.empty());
}

TEST_F(AdminGateTest, SignInSetsAStrictCookieAndTheSessionNamesTheOperator) {
  auto res = send(bhttp::verb::post, "/admin/session", R"({"name":"lan","password":"lan-pass"})");
  ASSERT_EQ(res.result_int(), 200) << res.body();
  const std::string set_cookie(res[bhttp::field::set_cookie]);
  EXPECT_TRUE(set_cookie.starts_with(std::string(kSessionCookie) + "=")) << set_cookie;
  for (const auto* attribute :
       {"; Path=/", "; HttpOnly", "; Secure", "; SameSite=Strict", "; Max-Age=1800"}) {
    EXPECT_NE(set_cookie.find(attribute), std::string::npos) << attribute << " in " << set_cookie;
  }
  EXPECT_EQ(res[bhttp::field::cache_control], "no-store");
  auto body = nlohmann::json::parse(res.body());
  EXPECT_EQ(body["name"], "lan");
  EXPECT_EQ(body["role"], "operator");
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 43U);
  EXPECT_EQ(body.value("password", ""), "");

  const auto cookie = cookie_value(set_cookie, kSessionCookie);
  auto me = send(bhttp::verb::get, "/admin/session", "", with(cookie));
  EXPECT_EQ(me.result_int(), 200);
  EXPECT_EQ(nlohmann::json::parse(me.body())["csrf_token"], body["csrf_token"]);
  EXPECT_EQ(send(bhttp::verb::get, "/admin/queue/messages", "", with(cookie)).result_int(), 200);
  EXPECT_EQ(seen_, std::vector<std::string>{"operator:lan"});
}

TEST_F(AdminGateTest, WrongPasswordsAndUnknownNamesLookTheSame) {
  auto wrong = send(bhttp::verb::post, "/admin/session", R"({"name":"lan","password":"nope"})");
  auto unknown = send(bhttp::verb::post, "/admin/session", R"({"name":"hoa","password":"nope"})");
  EXPECT_EQ(wrong.result_int(), 401);
  EXPECT_EQ(unknown.result_int(), 401);
  EXPECT_EQ(nlohmann::json::parse(wrong.body())["detail"],
            nlohmann::json::parse(unknown.body())["detail"]);
  EXPECT_EQ(wrong.count(bhttp::field::set_cookie), 0U);
}

TEST_F(AdminGateTest, BadSignInBodiesAreProblems) {
  auto res = send(bhttp::verb::post, "/admin/session", "name=lan&password=x",
                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(res.result_int(), 415);
  EXPECT_EQ(send(bhttp::verb::post, "/admin/session", "{\"name\":").result_int(), 400);
  EXPECT_EQ(send(bhttp::verb::post, "/admin/session", R"({"name":"lan"})").result_int(), 400);
  EXPECT_EQ(send(bhttp::verb::post, "/admin/session", R"({"name":1,"password":"x"})").result_int(),
            400);
  EXPECT_EQ(
      send(bhttp::verb::post, "/admin/session", R"({"name":"lan","password":"lan-pass","x":1})")
          .result_int(),
      400);
  EXPECT_EQ(send(bhttp::verb::put, "/admin/session").result_int(), 405);
}

TEST_F(AdminGateTest, ChangesNeedTheCsrfTokenAndTheOperatorRole) {
  auto [lan, lan_csrf] = sign_in("lan", "lan-pass");
  auto [minh, minh_csrf] = sign_in("minh", "minh-pass");
  const std::string replay = "/admin/queue/messages/m1/replay";
  EXPECT_EQ(send(bhttp::verb::post, replay, "", with(lan)).result_int(), 403);  // no token
  EXPECT_EQ(send(bhttp::verb::post, replay, "", with(lan, minh_csrf)).result_int(), 403);
  EXPECT_EQ(send(bhttp::verb::post, replay, "", with(lan, lan_csrf)).result_int(), 200);
  auto viewer = send(bhttp::verb::post, replay, "", with(minh, minh_csrf));
  EXPECT_EQ(viewer.result_int(), 403);
  EXPECT_NE(viewer.body().find("viewer"), std::string::npos) << viewer.body();
  EXPECT_EQ(send(bhttp::verb::get, "/admin/queue/messages", "", with(minh)).result_int(), 200);
  EXPECT_EQ(seen_, (std::vector<std::string>{"operator:lan", "operator:minh"}));
}

TEST_F(AdminGateTest, ForgedFixedAndExpiredSessionsAreRefused) {
  // Fixation: the cookie a browser brings to the sign-in is not the one it leaves with.
  auto res = send(bhttp::verb::post, "/admin/session", R"({"name":"lan","password":"lan-pass"})",
                  with("attacker-planted-value"));
  ASSERT_EQ(res.result_int(), 200);
  const auto cookie = cookie_value(std::string(res[bhttp::field::set_cookie]), kSessionCookie);
  EXPECT_NE(cookie, "attacker-planted-value");
  EXPECT_EQ(send(bhttp::verb::get, "/admin/queue/messages", "", with("attacker-planted-value"))
                .result_int(),
            401);
  std::string forged = cookie;
  forged[0] = forged[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(send(bhttp::verb::get, "/admin/queue/messages", "", with(forged)).result_int(), 401);
  EXPECT_EQ(send(bhttp::verb::get, "/admin/queue/messages", "", with(cookie)).result_int(), 200);
  now_ += 31min;  // idle past the limit
  EXPECT_EQ(send(bhttp::verb::get, "/admin/queue/messages", "", with(cookie)).result_int(), 401);
}

TEST_F(AdminGateTest, SignOutEndsTheSession) {
  auto [cookie, csrf] = sign_in("lan", "lan-pass");
  EXPECT_EQ(send(bhttp::verb::delete_, "/admin/session", "", with(cookie)).result_int(), 403);
  auto out = send(bhttp::verb::delete_, "/admin/session", "", with(cookie, csrf));
  EXPECT_EQ(out.result_int(), 204);
  EXPECT_NE(std::string(out[bhttp::field::set_cookie]).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(send(bhttp::verb::get, "/admin/session", "", with(cookie)).result_int(), 401);
}

TEST_F(AdminGateTest, BasicCredentialsReadButNeverChange) {
  const auto basic = "Basic " + base64_encode("minh:minh-pass");
  EXPECT_EQ(send(bhttp::verb::get, "/metrics", "", {{"Authorization", basic}}).result_int(), 200);
  EXPECT_EQ(send(bhttp::verb::get, "/metrics", "",
                 {{"Authorization", "Basic " + base64_encode("minh:wrong")}})
                .result_int(),
            401);
  const auto lan = "Basic " + base64_encode("lan:lan-pass");
  EXPECT_EQ(
      send(bhttp::verb::post, "/admin/queue/replay-dead?connector=x", "", {{"Authorization", lan}})
          .result_int(),
      401);
  EXPECT_EQ(seen_, std::vector<std::string>{"operator:minh"});
}

// The CLI on the hub's machine: the local token is the operator "local", for reads and changes
// (a header no browser adds by itself, so no CSRF token); any other bearer token is refused.
TEST_F(AdminGateTest, TheLocalTokenIsTheLocalOperator) {
  const auto bearer = "Bearer " + std::string(kLocal);
  EXPECT_EQ(send(bhttp::verb::get, "/metrics", "", {{"Authorization", bearer}}).result_int(), 200);
  EXPECT_EQ(
      send(bhttp::verb::post, "/admin/reload", "{}", {{"Authorization", bearer}}).result_int(),
      200);
  EXPECT_EQ(seen_, (std::vector<std::string>(2, "operator:local")));
  for (const auto& wrong : {std::string(kLocal).substr(1), std::string(kLocal) + "x",
                            std::string(43, 'A'), std::string()}) {
    auto res =
        send(bhttp::verb::post, "/admin/reload", "{}", {{"Authorization", "Bearer " + wrong}});
    EXPECT_EQ(res.result_int(), 401) << wrong;
  }
  EXPECT_EQ(seen_.size(), 2U);
}

TEST_F(AdminGateTest, AnOperatorsClientCertificateSignsIn) {
  auto res = send(bhttp::verb::get, "/admin/session", "", {}, std::string(64, 'a'));
  ASSERT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(nlohmann::json::parse(res.body())["name"], "minh");
  EXPECT_EQ(res.count(bhttp::field::set_cookie), 1U);
  EXPECT_EQ(send(bhttp::verb::get, "/admin/session", "", {}, std::string(64, 'b')).result_int(),
            401);
}

TEST_F(AdminGateTest, GuessingIsThrottledWithRetryAfter) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(send(bhttp::verb::post, "/admin/session", R"({"name":"lan","password":"guess"})")
                  .result_int(),
              401);
  }
  auto limited =
      send(bhttp::verb::post, "/admin/session", R"({"name":"lan","password":"lan-pass"})");
  EXPECT_EQ(limited.result_int(), 429);
  EXPECT_EQ(limited[bhttp::field::retry_after], "60");
  now_ += 61s;
  EXPECT_EQ(send(bhttp::verb::post, "/admin/session", R"({"name":"lan","password":"lan-pass"})")
                .result_int(),
            200);
}

TEST(CookieValue, FindsTheNamedCookieOnly) {
  EXPECT_EQ(cookie_value("a=1; lienthong_session=xyz; b=2", "lienthong_session"), "xyz");
  EXPECT_EQ(cookie_value("lienthong_session_old=1", "lienthong_session"), "");
  EXPECT_EQ(cookie_value("", "lienthong_session"), "");
  EXPECT_EQ(cookie_value("lienthong_session=", "lienthong_session"), "");
}

}  // namespace
}  // namespace lienthong::admin::auth
