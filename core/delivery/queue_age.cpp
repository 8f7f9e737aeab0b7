#include "core/delivery/queue_age.hpp"

#include <charconv>

namespace lienthong::delivery {

std::optional<std::chrono::milliseconds> parse_age(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  std::int64_t n = 0;
  const auto* first = text.data();
  const auto* last = text.data() + text.size() - 1;
  auto [end, ec] = std::from_chars(first, last, n);
  // At most ten years: keeps the arithmetic far from overflow.
  if (ec != std::errc() || end != last || n <= 0 || n > 10LL * 366 * 24 * 3600) {
    return std::nullopt;
  }
  std::int64_t unit_ms = 0;
  switch (text.back()) {
    case 'd':
      unit_ms = 24LL * 3600 * 1000;
      break;
    case 'h':
      unit_ms = 3600LL * 1000;
      break;
    case 'm':
      unit_ms = 60LL * 1000;
      break;
    case 's':
      unit_ms = 1000;
      break;
    default:
      return std::nullopt;
  }
  if (n * unit_ms > 10LL * 366 * 24 * 3600 * 1000) return std::nullopt;
  return std::chrono::milliseconds(n * unit_ms);
}

}  // namespace lienthong::delivery
