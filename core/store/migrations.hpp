#pragma once

#include <span>
#include <string_view>

namespace lienthong::store {

/// One numbered schema step. Steps are applied in order, each in its own transaction together
/// with the `schema_version` row that records it, when a store is opened; an applied step is
/// never changed — a change of schema is a new step.
struct Migration {
  int version;
  std::string_view sql;
};

std::span<const Migration> sqlite_migrations();
std::span<const Migration> pg_migrations();

}  // namespace lienthong::store
