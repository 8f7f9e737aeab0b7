#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace lienthong {

/// Decodes the UTF-8 sequence at `text[i]` and advances `i` past it; nullopt (with `i`
/// unchanged) for anything RFC 3629 forbids: a stray or truncated byte, an overlong form, a
/// surrogate, a code point above U+10FFFF. `i` must be < text.size().
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& i);

}  // namespace lienthong
