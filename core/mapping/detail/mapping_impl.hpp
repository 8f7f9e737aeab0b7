#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/mapping/mapping.hpp"
#include "core/mapping/sources/source_document.hpp"
#include "core/mapping/templates/json_template.hpp"
#include "core/mapping/templates/xml_template.hpp"

namespace lienthong::mapping {

/// Everything a mapping compiles to; immutable after load.
struct Mapping::Impl {
  std::string file;
  SourceFormat source = SourceFormat::kJson;
  OutputFormat output = OutputFormat::kJson;
  std::vector<SourceRef> refs;
  detail::Namespaces namespaces;
  std::optional<detail::Path> context;
  std::optional<detail::Path> not_found_unless;
  std::optional<detail::JsonNode> json_template;
  std::optional<detail::XmlNode> xml_template;
};

}  // namespace lienthong::mapping
