#pragma once

#include <string>

namespace lienthong::security::testing {

/// A dancu lookup request as the hub's mapping would produce it (no Header, no Id).
inline constexpr const char* kLookupEnvelope =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cd="urn:dancu:congdan:1.0"><soap:Body><cd:TraCuuThongTinCongDan><cd:SoDinhDanh>001099012345</cd:SoDinhDanh><cd:HoVaTen>Nguyễn Văn A</cd:HoVaTen></cd:TraCuuThongTinCongDan></soap:Body></soap:Envelope>)";

/// The Body of kLookupEnvelope as exclusive C14N writes it (what verify_soap returns).
inline constexpr const char* kLookupBodyC14n =
    R"(<soap:Body xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" Id="Body"><cd:TraCuuThongTinCongDan xmlns:cd="urn:dancu:congdan:1.0"><cd:SoDinhDanh>001099012345</cd:SoDinhDanh><cd:HoVaTen>Nguyễn Văn A</cd:HoVaTen></cd:TraCuuThongTinCongDan></soap:Body>)";

/// Replaces the first occurrence of `from` (which must occur) with `to`.
inline std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  if (at == std::string::npos) return "<!-- replace_once: not found: " + from + " -->" + s;
  return s.replace(at, from.size(), to);
}

/// The text from the first `open` to the end of the first `close` after it.
inline std::string slice(const std::string& s, const std::string& open, const std::string& close) {
  const auto a = s.find(open);
  const auto b = a == std::string::npos ? a : s.find(close, a);
  if (b == std::string::npos) return {};
  return s.substr(a, b + close.size() - a);
}

}  // namespace lienthong::security::testing
