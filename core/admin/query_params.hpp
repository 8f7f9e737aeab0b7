#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::admin {

/// The query of a request target (`a=1&b=x%20y`), decoded; a key given twice or bad
/// percent-encoding is a 400 problem.
Result<std::map<std::string, std::string, std::less<>>> parse_query(std::string_view query);

}  // namespace lienthong::admin
