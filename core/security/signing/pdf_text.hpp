#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

/// PDF text strings and dates (ISO 32000-1 §7.9.2, §7.9.4), as the signature dictionary needs
/// them for /Name, /Reason, /Location and /M.
namespace lienthong::security::signing::pdf {

/// The bytes of a PDF text string for UTF-8 `text`: the text itself when every character is
/// printable ASCII (where PDFDocEncoding and ASCII agree), otherwise UTF-16BE with the byte order
/// mark FE FF (surrogate pairs above U+FFFF). nullopt when `text` is not valid UTF-8 (overlong
/// forms, surrogates and code points above U+10FFFF are invalid). Escaping for a literal string
/// is serialize()'s job.
std::optional<std::string> encode_text_string(std::string_view text);

/// `D:YYYYMMDDHHmmSS+00'00'` for `time` in UTC (seconds truncated).
std::string pdf_date(std::chrono::system_clock::time_point time);

}  // namespace lienthong::security::signing::pdf
