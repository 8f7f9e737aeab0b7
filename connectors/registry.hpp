#pragma once

#include <span>

#include "core/pipeline/connector.hpp"

namespace lienthong::connectors {

/// Every connector type the hub knows, listed explicitly in registry.cpp.
std::span<const pipeline::ConnectorType> connector_types();

}  // namespace lienthong::connectors
