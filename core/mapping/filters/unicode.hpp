#pragma once

#include <string>
#include <string_view>

namespace lienthong::mapping::detail {

/// Removes Vietnamese diacritics (precomposed letters and combining marks U+0300–U+036F),
/// đ → d, Đ → D, and the Latin-1 accented letters. Anything else outside ASCII becomes '?',
/// so the result is always ASCII.
std::string to_ascii(std::string_view utf8);

/// Upper/lower case for ASCII, Latin-1, Latin Extended-A, Ơ/Ư and the Vietnamese block
/// (U+1EA0–U+1EF9); other characters are copied unchanged.
std::string to_upper(std::string_view utf8);
std::string to_lower(std::string_view utf8);

/// True when `text` is well-formed UTF-8.
bool valid_utf8(std::string_view text);

}  // namespace lienthong::mapping::detail
