#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace lienthong::delivery {

/// An age as operators write it for queue clean-up: a positive whole number and a unit,
/// `d` (days), `h`, `m` or `s` — `7d`, `12h`, `30m`. Anything else gives none.
std::optional<std::chrono::milliseconds> parse_age(std::string_view text);

}  // namespace lienthong::delivery
