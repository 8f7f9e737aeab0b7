#pragma once

#include <string>
#include <string_view>

namespace lienthong::log {

/// Masks one personal or secret value for a log line: the first `keep` characters stay, the
/// rest become `*` (`001089012345` -> `0010********`). UTF-8 aware (counts code points).
std::string mask_value(std::string_view value, std::size_t keep = 4);

/// Last line of defence over a whole log line: masks runs of 9 or more digits (ID numbers,
/// tax codes, phone numbers) and the token after `Bearer `. UUIDs (message ids) are left whole.
std::string mask_line(std::string_view line);

}  // namespace lienthong::log
