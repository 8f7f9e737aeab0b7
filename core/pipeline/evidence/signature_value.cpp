#include "core/pipeline/evidence/signature_value.hpp"

#include <cctype>

namespace lienthong::pipeline {

std::string signature_value(std::string_view xml) {
  constexpr std::string_view kName = "SignatureValue";
  for (std::size_t at = xml.find(kName); at != std::string_view::npos;
       at = xml.find(kName, at + kName.size())) {
    const char before = at > 0 ? xml[at - 1] : '\0';
    const std::size_t after = at + kName.size();
    if ((before != '<' && before != ':') || after >= xml.size()) continue;
    if (xml[after] != '>' && std::isspace(static_cast<unsigned char>(xml[after])) == 0) continue;
    if (before == ':') {  // an opening tag "<prefix:SignatureValue", not a closing one
      const auto lt = xml.rfind('<', at);
      if (lt == std::string_view::npos || xml.substr(lt + 1, 1) == "/") continue;
    }
    const auto open_end = xml.find('>', after);
    const auto close = open_end == std::string_view::npos ? open_end : xml.find('<', open_end);
    if (close == std::string_view::npos) return {};
    std::string value;
    for (char c : xml.substr(open_end + 1, close - open_end - 1)) {
      if (std::isspace(static_cast<unsigned char>(c)) == 0) value.push_back(c);
    }
    return value;
  }
  return {};
}

}  // namespace lienthong::pipeline
