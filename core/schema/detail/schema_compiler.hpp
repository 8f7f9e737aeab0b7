#pragma once

#include <memory>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/config/json_document.hpp"
#include "core/schema/detail/schema_node.hpp"

namespace lienthong::schema::detail {

/// Compiles the schema in `doc` into a tree, or returns every problem found, each located.
Result<std::unique_ptr<Node>, config::ConfigErrors> compile(const config::JsonDocument& doc);

}  // namespace lienthong::schema::detail
