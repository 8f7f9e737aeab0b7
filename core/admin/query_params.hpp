#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::admin {

/// The query of a request target (`a=1&b=x%20y`), decoded; a key given twice or bad
/// percent-encoding is a 400 problem.
Result<std::map<std::string, std::string, std::less<>>> parse_query(std::string_view query);

/// A 400 (invalid-request) saying `detail`.
Problem bad(std::string detail);

/// `?limit=` (1-1000) into `limit` when given; a 400 naming the value otherwise.
std::optional<Problem> read_limit(const std::map<std::string, std::string, std::less<>>& params,
                                  int& limit);

/// Refuses query parameters the endpoint does not take (a typo must not widen a purge).
std::optional<Problem> only(const std::map<std::string, std::string, std::less<>>& params,
                            std::initializer_list<std::string_view> known);

}  // namespace lienthong::admin
