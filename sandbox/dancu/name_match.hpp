#pragma once

#include <string>
#include <string_view>

namespace lienthong::sandbox::dancu {

/// A full name made comparable the way the registry compares them: surrounding whitespace
/// trimmed, inner runs collapsed to one space, and letters lower-cased — ASCII and the
/// precomposed Vietnamese letters (`NGUYỄN VĂN AN` matches `Nguyễn Văn An`). Text is compared
/// as precomposed (NFC) UTF-8; decomposed input does not match. Invalid UTF-8 is kept byte for
/// byte, so it only ever matches itself.
std::string comparable_name(std::string_view name);

/// True when both names are the same person's name by comparable_name().
bool same_name(std::string_view a, std::string_view b);

}  // namespace lienthong::sandbox::dancu
