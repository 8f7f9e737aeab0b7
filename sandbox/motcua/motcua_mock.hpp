#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "sandbox/mock_handler.hpp"

namespace lienthong::sandbox::motcua {

inline constexpr std::string_view kDefaultPath = "/lienthong/inbound";
inline constexpr std::string_view kDefaultToken = "sandbox-motcua-token";

/// The provincial one-stop system (hệ thống một cửa) as the receiver of the hub's inbound
/// pushes, strictly: `POST /lienthong/inbound` with `Authorization: Bearer <token>`,
/// `Content-Type: application/json`, `X-Message-ID` and `X-Lienthong-Inbound` (the flow), and
/// a body that is the flow's canonical message (inbound_message.hpp). 401 without the token,
/// 404 / 405 / 415 for another path, method or media type, 400 `invalid_message` with the
/// reason. A message id seen before is answered as the first time and counted as a duplicate
/// (`X-Sandbox-Duplicates` of `GET /_sandbox/requests`), never applied twice. Answers
/// `{"code":"ok","messageId"}`; errors are `{"code","message"}`.
class MotcuaMock final : public MockHandler {
 public:
  explicit MotcuaMock(std::string token = std::string(kDefaultToken),
                      std::string path = std::string(kDefaultPath));

  http::Response handle(const http::Request& request) override;
  http::Response injected_failure(const http::Request& request) override;

 private:
  [[nodiscard]] bool authorised(const http::Request& request) const;

  std::string token_;
  std::string path_;
  std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> answered_;  ///< message id -> answer body
  std::deque<std::string> answered_order_;                    ///< oldest first, bounded
};

}  // namespace lienthong::sandbox::motcua
