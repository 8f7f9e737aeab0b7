#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/admin/auth/login_throttle.hpp"
#include "core/admin/auth/operator_accounts.hpp"
#include "core/admin/auth/sessions.hpp"
#include "core/http/types.hpp"

namespace lienthong::admin::auth {

/// Who a request to the admin listener comes from, once the gate let it in.
struct Principal {
  std::string name;  ///< empty for the open paths (/healthz, /readyz, the console's files)
  Role role = Role::kViewer;
  /// How the journal and the logs name them: "operator:lan".
  [[nodiscard]] std::string actor() const {
    return name.empty() ? "anonymous" : "operator:" + name;
  }
};

/// The admin listener's handler behind the gate.
using GatedHandler = std::function<boost::asio::awaitable<std::optional<http::Response>>(
    http::Incoming&, const Principal&)>;

/// The cookie the gate sets (HttpOnly; Secure; SameSite=Strict).
inline constexpr std::string_view kSessionCookie = "lienthong_session";

/// Authentication and authorisation in front of the admin API (README.md of core/admin,
/// "Signing in"):
/// - open: `/healthz`, `/readyz`, and GET of the console's files (`/`, `/console/…`: no data);
/// - `POST /admin/session` {"name", "password"} signs in (a new session, its cookie and CSRF
///   token), `GET /admin/session` says who is signed in (a client certificate of an operator
///   signs in by itself), `DELETE /admin/session` signs out;
/// - everything else needs a session (or, for reads only, HTTP Basic — for Prometheus); 401
///   without. A change (any method but GET and HEAD) needs the operator role (403 for a viewer)
///   and the session's token in X-CSRF-Token (403 without).
/// - `Authorization: Bearer <local token>` (local_token.hpp) is the local operator, "local",
///   with the operator role: a header, never sent by a browser by itself, so no CSRF token.
/// Password checks (PBKDF2, about 0.3 s) run on `blocking`, never on the I/O thread.
class AdminGate {
 public:
  /// `local_token` empty: no local operator.
  AdminGate(std::shared_ptr<const OperatorAccounts> accounts,
            std::shared_ptr<SessionTable> sessions, std::shared_ptr<LoginThrottle> throttle,
            boost::asio::any_io_executor blocking, GatedHandler inner,
            std::string local_token = {});

  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      http::Incoming& incoming) const;

 private:
  boost::asio::awaitable<http::Response> sign_in(http::Incoming& incoming) const;
  boost::asio::awaitable<http::Response> session_route(http::Incoming& incoming) const;
  /// The account `name` / `password` names, after the throttle; a problem otherwise.
  boost::asio::awaitable<Result<const OperatorAccount*>> check_password(
      const std::string& address, const std::string& name, const std::string& password) const;

  std::shared_ptr<const OperatorAccounts> accounts_;
  std::shared_ptr<SessionTable> sessions_;
  std::shared_ptr<LoginThrottle> throttle_;
  boost::asio::any_io_executor blocking_;
  GatedHandler inner_;
  std::string local_token_sha256_;  ///< of the local token; empty: none
};

/// The value of cookie `name` in a Cookie header ("" when absent).
std::string cookie_value(std::string_view header, std::string_view name);

}  // namespace lienthong::admin::auth
