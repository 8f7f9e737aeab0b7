#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::security {

/// Bounds for XML from outside the hub.
struct XmlLimits {
  std::size_t max_bytes = std::size_t{8} << 20;  // 8 MiB
  int max_depth = 256;  ///< element nesting; libxml2 itself stops at 256 without XML_PARSE_HUGE
};

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

/// Parses XML from an untrusted source with libxml2, hostile-input safe: no network, no DTD
/// loading, no entity substitution, no XInclude, no XML_PARSE_HUGE, and any DOCTYPE at all is
/// refused (so billion-laughs, external entities and parameter entities never get a chance).
/// Errors read "XML refused: <reason>", e.g. "XML refused: DTD not allowed",
/// "XML refused: larger than 8388608 bytes", "XML refused: nested deeper than 256 levels",
/// "XML refused: not well-formed: <parser message> (line N)".
Result<XmlDocPtr, std::string> parse_untrusted_xml(std::string_view xml,
                                                   const XmlLimits& limits = {});

}  // namespace lienthong::security
