#include "core/admin/auth/sessions.hpp"

#include <gtest/gtest.h>

#include <set>

namespace lienthong::admin::auth {
namespace {

using delivery::SteadyClock;
using namespace std::chrono_literals;

struct FakeClock {
  SteadyClock::time_point t = SteadyClock::time_point{} + 1000h;
  delivery::SteadyNow now() {
    return [this] { return t; };
  }
};

TEST(Sessions, OpenFindClose) {
  SessionTable table;
  auto [cookie, s] = table.open("lan", Role::kOperator);
  EXPECT_EQ(cookie.size(), 43U);  // 32 bytes, base64url without padding
  EXPECT_EQ(
      cookie.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(s.csrf_token.size(), 43U);
  EXPECT_NE(s.csrf_token, cookie);
  auto found = table.find(cookie);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "lan");
  EXPECT_EQ(found->role, Role::kOperator);
  EXPECT_EQ(role_name(found->role), "operator");
  EXPECT_TRUE(csrf_matches(*found, s.csrf_token));
  table.close(cookie);
  EXPECT_FALSE(table.find(cookie));
  EXPECT_EQ(table.size(), 0U);
}

TEST(Sessions, EverySignInGetsANewIdSoAPlantedCookieIsWorthNothing) {
  SessionTable table;
  std::set<std::string> cookies;
  std::set<std::string> tokens;
  for (int i = 0; i < 200; ++i) {
    auto [cookie, s] = table.open("lan", Role::kViewer);
    cookies.insert(cookie);
    tokens.insert(s.csrf_token);
  }
  EXPECT_EQ(cookies.size(), 200U);
  EXPECT_EQ(tokens.size(), 200U);
  EXPECT_FALSE(table.find("attacker-chosen-session-id"));
  EXPECT_FALSE(table.find(""));
}

TEST(Sessions, IdleAndAbsoluteExpiry) {
  FakeClock clock;
  SessionTable table({.idle = 30min, .absolute = 2h, .max_sessions = 10}, clock.now());
  auto [cookie, s] = table.open("lan", Role::kViewer);
  EXPECT_EQ(s.expires_at, clock.t + 30min);
  EXPECT_EQ(s.expires_in, 30min);
  clock.t += 29min;
  ASSERT_TRUE(table.find(cookie));  // use keeps it alive
  clock.t += 29min;
  ASSERT_TRUE(table.find(cookie));
  clock.t += 29min;
  auto late = table.find(cookie);
  ASSERT_TRUE(late);
  clock.t += 29min;  // 1h56m after sign-in
  late = table.find(cookie);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->expires_at, clock.t + 4min);  // the absolute limit comes first now
  EXPECT_EQ(late->expires_in, 4min);
  clock.t += 5min;
  EXPECT_FALSE(table.find(cookie));  // signed in for more than 2 h, however busy

  auto [idle_cookie, idle] = table.open("minh", Role::kViewer);
  clock.t += 30min;
  EXPECT_FALSE(table.find(idle_cookie));
  EXPECT_EQ(table.size(), 0U);
}

TEST(Sessions, ForgedAndAlteredCookiesAreUnknown) {
  SessionTable table;
  auto [cookie, s] = table.open("lan", Role::kOperator);
  std::string altered = cookie;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(table.find(altered));
  EXPECT_FALSE(table.find(cookie.substr(0, 42)));
  EXPECT_FALSE(table.find(s.csrf_token));  // the CSRF token is not a cookie
  EXPECT_TRUE(table.find(cookie));
}

TEST(Sessions, CsrfTokenMustMatchExactly) {
  SessionTable table;
  auto [cookie, s] = table.open("lan", Role::kOperator);
  auto [other_cookie, other] = table.open("minh", Role::kOperator);
  EXPECT_TRUE(csrf_matches(s, s.csrf_token));
  EXPECT_FALSE(csrf_matches(s, other.csrf_token));
  EXPECT_FALSE(csrf_matches(s, ""));
  EXPECT_FALSE(csrf_matches(s, s.csrf_token.substr(1)));
  EXPECT_FALSE(csrf_matches(s, s.csrf_token + "x"));
  Session none;
  EXPECT_FALSE(csrf_matches(none, ""));
}

TEST(Sessions, CloseAllOfOneOperatorAndEvictTheLeastRecentlyUsed) {
  FakeClock clock;
  SessionTable table({.idle = 30min, .absolute = 8h, .max_sessions = 3}, clock.now());
  auto [a, sa] = table.open("lan", Role::kOperator);
  clock.t += 1s;
  auto [b, sb] = table.open("lan", Role::kOperator);
  clock.t += 1s;
  auto [c, sc] = table.open("minh", Role::kViewer);
  clock.t += 1s;
  ASSERT_TRUE(table.find(a));  // a is now the most recently used; b the least
  auto [d, sd] = table.open("hoa", Role::kViewer);
  EXPECT_EQ(table.size(), 3U);
  EXPECT_FALSE(table.find(b));
  table.close_all_of("lan");
  EXPECT_FALSE(table.find(a));
  EXPECT_TRUE(table.find(c));
  EXPECT_TRUE(table.find(d));
}

}  // namespace
}  // namespace lienthong::admin::auth
