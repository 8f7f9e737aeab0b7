#include "core/admin/auth/admin_gate.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <chrono>

#include "core/admin/auth/password_hash.hpp"
#include "core/base/base64.hpp"
#include "core/base/digest.hpp"
#include "core/base/time_text.hpp"
#include "core/http/problem_response.hpp"
#include "core/log/log.hpp"

namespace lienthong::admin::auth {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;

// A hash no password matches, verified when the name is unknown so that a wrong name costs
// the same time as a wrong password (the name's existence does not leak by timing).
constexpr std::string_view kNobody =
    "pbkdf2-sha256$600000$bm8tc3VjaC1vcGVyYXRvcg==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

bool is_read(bhttp::verb method) {
  return method == bhttp::verb::get || method == bhttp::verb::head;
}

// "10.0.0.9:53422" or "[::1]:53422" -> the address alone: the throttle counts callers, not ports.
std::string address_of(const std::string& remote) {
  auto host = remote.substr(0, remote.rfind(':'));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return host;
}

http::Response problem(const http::Request& req, ProblemKind kind, std::string detail,
                       std::optional<int> retry_after = std::nullopt) {
  auto p = Problem::make(kind, std::move(detail));
  p.retry_after_seconds = retry_after;
  auto res = http::problem_response(p, {}, req.version(), req.keep_alive());
  // RFC 9110 asks a 401 to name a scheme; "Session" (not Basic) so that a browser never pops
  // up its own password dialog over the console's sign-in page.
  if (kind == ProblemKind::kUnauthenticated) {
    res.set(bhttp::field::www_authenticate, "Session realm=\"lienthong admin\"");
  }
  return res;
}

std::string set_cookie(std::string_view value, std::chrono::seconds max_age) {
  return std::string(kSessionCookie) + "=" + std::string(value) +
         "; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
}

nlohmann::json session_json(const Session& s) {
  const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch() + s.expires_in)
                      .count();
  return {{"name", s.name},
          {"role", std::string(role_name(s.role))},
          {"csrf_token", s.csrf_token},
          {"expires_at", rfc3339_millis(at)}};
}

http::Response signed_in(const http::Request& req, const std::string& cookie, const Session& s) {
  auto res = http::json_response(200, session_json(s), req.version(), req.keep_alive());
  res.set(bhttp::field::set_cookie,
          set_cookie(cookie, std::max(s.expires_in, std::chrono::seconds(1))));
  res.set(bhttp::field::cache_control, "no-store");
  return res;
}

// `Authorization: Bearer <token>`: the token, when the request carries one.
std::string_view bearer_token(const http::Request& req) {
  const auto it = req.find(bhttp::field::authorization);
  if (it == req.end()) return {};
  const std::string_view value(it->value().data(), it->value().size());
  return value.starts_with("Bearer ") ? value.substr(7) : std::string_view();
}

// `Authorization: Basic base64(name:password)`, when the request carries one.
std::optional<std::pair<std::string, std::string>> basic_credentials(const http::Request& req) {
  const auto it = req.find(bhttp::field::authorization);
  if (it == req.end()) return std::nullopt;
  const std::string_view value(it->value().data(), it->value().size());
  if (!value.starts_with("Basic ")) return std::nullopt;
  auto decoded = decode_base64(value.substr(6));
  if (!decoded) return std::nullopt;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return std::pair{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

}  // namespace

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto end = header.find(';');
    auto pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return {};
}

AdminGate::AdminGate(std::shared_ptr<const OperatorAccounts> accounts,
                     std::shared_ptr<SessionTable> sessions,
                     std::shared_ptr<LoginThrottle> throttle, asio::any_io_executor blocking,
                     GatedHandler inner, std::string local_token)
    : accounts_(std::move(accounts)),
      sessions_(std::move(sessions)),
      throttle_(std::move(throttle)),
      blocking_(std::move(blocking)),
      inner_(std::move(inner)),
      local_token_sha256_(local_token.empty() ? std::string() : sha256_hex(local_token)) {}

asio::awaitable<Result<const OperatorAccount*>> AdminGate::check_password(
    const std::string& address, const std::string& name, const std::string& password) const {
  if (const auto wait = throttle_->wait(address, name); wait.count() > 0) {
    auto p = Problem::make(ProblemKind::kRateLimited, "too many failed sign-ins; try again later");
    p.retry_after_seconds = static_cast<int>((wait.count() + 999) / 1000);
    co_return p;
  }
  const auto* account = accounts_->find(name);
  const std::string stored = account != nullptr && !account->password_hash.empty()
                                 ? account->password_hash
                                 : std::string(kNobody);
  const auto home = co_await asio::this_coro::executor;
  co_await asio::post(blocking_, asio::use_awaitable);
  const auto matches = verify_password(password, stored);
  co_await asio::post(home, asio::use_awaitable);
  if (matches && *matches && account != nullptr && !account->password_hash.empty()) {
    co_return account;
  }
  throttle_->failed(address, name);
  log::warn("admin.sign_in_failed", {{"from", address}, {"operator", name}});
  co_return Problem::make(ProblemKind::kUnauthenticated, "the name or the password is wrong");
}

asio::awaitable<http::Response> AdminGate::sign_in(http::Incoming& incoming) const {
  const auto& req = incoming.request;
  const auto type = req[bhttp::field::content_type];
  if (!type.starts_with("application/json")) {
    co_return problem(req, ProblemKind::kUnsupportedMediaType,
                      "sign in with a JSON body {\"name\", \"password\"}");
  }
  const auto body = nlohmann::json::parse(req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("name") || !body["name"].is_string() ||
      !body.contains("password") || !body["password"].is_string() || body.size() != 2) {
    co_return problem(req, ProblemKind::kInvalid,
                      "sign in with a JSON body {\"name\": string, \"password\": string}");
  }
  const auto name = body["name"].get<std::string>();
  const auto address = address_of(incoming.remote_address);
  const auto password = body["password"].get<std::string>();
  auto account = co_await check_password(address, name, password);
  if (!account) {
    auto res = problem(req, account.error().kind, account.error().detail,
                       account.error().retry_after_seconds);
    co_return res;
  }
  auto [cookie, session] = sessions_->open((*account)->name, (*account)->role);
  log::info("admin.signed_in", {{"operator", session.name},
                                {"role", std::string(role_name(session.role))},
                                {"from", address}});
  co_return signed_in(req, cookie, session);
}

asio::awaitable<http::Response> AdminGate::session_route(http::Incoming& incoming) const {
  const auto& req = incoming.request;
  if (req.method() == bhttp::verb::post) co_return co_await sign_in(incoming);
  const auto cookie = cookie_value(req[bhttp::field::cookie], kSessionCookie);
  auto session = sessions_->find(cookie);
  if (req.method() == bhttp::verb::get) {
    if (session) {
      auto res = http::json_response(200, session_json(*session), req.version(), req.keep_alive());
      res.set(bhttp::field::cache_control, "no-store");
      co_return res;
    }
    // An operator's client certificate (verified by the TLS listener) signs in by itself.
    if (const auto* a = accounts_->find_by_certificate(incoming.peer_certificate_sha256)) {
      auto [fresh, s] = sessions_->open(a->name, a->role);
      log::info("admin.signed_in", {{"operator", s.name}, {"by", "certificate"}});
      co_return signed_in(req, fresh, s);
    }
    co_return problem(req, ProblemKind::kUnauthenticated, "not signed in");
  }
  if (req.method() == bhttp::verb::delete_) {
    if (!session) co_return problem(req, ProblemKind::kUnauthenticated, "not signed in");
    if (!csrf_matches(*session, req["X-CSRF-Token"])) {
      co_return problem(req, ProblemKind::kForbidden,
                        "signing out needs the session's X-CSRF-Token");
    }
    sessions_->close(cookie);
    http::Response res{bhttp::status::no_content, req.version()};
    res.set(bhttp::field::set_cookie, set_cookie("", std::chrono::seconds(0)));
    res.keep_alive(req.keep_alive());
    co_return res;
  }
  co_return problem(req, ProblemKind::kMethodNotAllowed,
                    "/admin/session takes GET, POST and DELETE");
}

asio::awaitable<std::optional<http::Response>> AdminGate::handle(http::Incoming& incoming) const {
  const auto& req = incoming.request;
  const auto target = std::string_view(req.target().data(), req.target().size());
  const auto path = target.substr(0, target.find('?'));
  const bool console_file = is_read(req.method()) && (path == "/" || path.starts_with("/console/"));
  if (path == "/healthz" || path == "/readyz" || console_file) {
    const Principal nobody;  // named: gcc 12 frees a temporary in a co_await twice
    co_return co_await inner_(incoming, nobody);
  }
  if (path == "/admin/session") co_return co_await session_route(incoming);

  if (const auto token = bearer_token(req); !token.empty()) {
    // Compared as digests: equal_constant_time on the token itself would leak its length.
    if (local_token_sha256_.empty() ||
        !equal_constant_time(sha256_hex(token), local_token_sha256_)) {
      co_return problem(req, ProblemKind::kUnauthenticated,
                        "the bearer token is not this hub's local admin token");
    }
    const Principal local{"local", Role::kOperator};
    co_return co_await inner_(incoming, local);
  }
  std::optional<Principal> who;
  std::optional<Session> session;
  if (auto cookie = cookie_value(req[bhttp::field::cookie], kSessionCookie); !cookie.empty()) {
    session = sessions_->find(cookie);
    if (session) who = Principal{session->name, session->role};
  }
  if (!who && is_read(req.method())) {
    if (auto basic = basic_credentials(req)) {
      const auto address = address_of(incoming.remote_address);
      auto account = co_await check_password(address, basic->first, basic->second);
      if (!account) {
        co_return problem(req, account.error().kind, account.error().detail,
                          account.error().retry_after_seconds);
      }
      who = Principal{(*account)->name, (*account)->role};
    } else if (const auto* a = accounts_->find_by_certificate(incoming.peer_certificate_sha256)) {
      who = Principal{a->name, a->role};
    }
  }
  if (!who) {
    co_return problem(req, ProblemKind::kUnauthenticated,
                      is_read(req.method())
                          ? "sign in first (POST /admin/session), or send HTTP Basic credentials"
                          : "sign in first (POST /admin/session): changes need a session");
  }
  if (!is_read(req.method())) {
    if (!session || !csrf_matches(*session, req["X-CSRF-Token"])) {
      co_return problem(req, ProblemKind::kForbidden,
                        "a change needs the session's token in X-CSRF-Token");
    }
    if (who->role != Role::kOperator) {
      co_return problem(req, ProblemKind::kForbidden,
                        "operator " + who->name + " is a viewer: changes need the operator role");
    }
  }
  co_return co_await inner_(incoming, *who);
}

}  // namespace lienthong::admin::auth
