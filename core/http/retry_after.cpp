#include "core/http/retry_after.hpp"

namespace lienthong::http {

std::optional<int> retry_after_seconds(const Response& response) {
  auto text = response[beast::http::field::retry_after];
  if (text.empty() || text.size() > 9) return std::nullopt;
  int seconds = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

}  // namespace lienthong::http
