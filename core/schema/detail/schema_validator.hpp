#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/schema/detail/schema_node.hpp"

namespace lienthong::schema::detail {

/// Appends every problem of `value` (found at `pointer`) against `node` to `errors`.
void validate(const Node& node, const nlohmann::json& value, const std::string& pointer,
              std::vector<FieldError>& errors);

}  // namespace lienthong::schema::detail
