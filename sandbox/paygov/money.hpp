#pragma once

#include <cstdint>
#include <string>

namespace lienthong::sandbox::paygov {

/// An amount as Vietnamese texts write it: thousands separated by dots (150000 -> "150.000").
std::string format_vnd(std::int64_t amount);

}  // namespace lienthong::sandbox::paygov
