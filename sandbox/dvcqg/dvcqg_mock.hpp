#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "sandbox/dvcqg/services.hpp"
#include "sandbox/dvcqg/session_table.hpp"
#include "sandbox/mock_handler.hpp"

namespace lienthong::sandbox::dvcqg {

struct DvcqgOptions {
  std::string adapter_path = "/api/adapter";  ///< prefix of `/login` and `/integration`
  std::string username = "lienthong-dev";
  std::string password = "sandbox-dvcqg-password";
  std::vector<std::string> dstcodes = {"H22", "H56"};  ///< provinces the portal accepts
  std::chrono::seconds session_ttl{30 * 60};
  SessionTable::Clock clock;  ///< empty = steady_clock
};

/// The national public service portal (Cổng DVCQG), strictly: `POST {adapter}/login` with
/// credentials and a known `dstcode` header opens a session; `POST {adapter}/integration`
/// needs a live session of that dstcode, a `madonvi` and a known `service`. Every answer is
/// HTTP 200 `{"error_code", "message", ...}` (sandbox/dvcqg/wire.hpp lists the codes).
/// State-changing calls repeated with the same `X-Message-ID` answer the first success again
/// without applying twice.
class DvcqgMock final : public MockHandler {
 public:
  DvcqgMock(ProcedureCatalogue catalogue, DvcqgOptions options);

  http::Response handle(const http::Request& request) override;
  http::Response injected_failure(const http::Request& request) override;
  [[nodiscard]] bool uses_session(const http::Request& request) const override;
  http::Response injected_session_expiry(const http::Request& request) override;

  /// How many successful state-changing answers are remembered for de-duplication.
  static constexpr std::size_t kRememberedAnswers = 100'000;

 private:
  http::Response login(const http::Request& request);
  http::Response integration(const http::Request& request);
  [[nodiscard]] bool known_dstcode(std::string_view dstcode) const;

  DvcqgOptions options_;
  SessionTable sessions_;
  Services services_;
  std::mutex apply_mutex_;  ///< one state-changing call at a time, so a repeat is seen
  std::map<std::string, std::string, std::less<>> answered_;  ///< message id -> answer body
  std::deque<std::string> answered_order_;
};

}  // namespace lienthong::sandbox::dvcqg
