#pragma once

#include <functional>
#include <memory>

#include "core/pipeline/route_table.hpp"

namespace lienthong::pipeline {

/// The routes in force now. The hub's come from its current configuration, which a reload
/// swaps (app/hub.hpp); a user takes them once per unit of work (a delivery attempt, a scrape,
/// an action) and keeps the pointer for as long as that work runs, so work in flight finishes
/// on the routes it started with. A fixed table (tests, one-shot tools) converts implicitly.
class LiveRoutes {
 public:
  using Source = std::function<std::shared_ptr<const RouteTable>()>;

  // NOLINTNEXTLINE(google-explicit-constructor): a fixed table is the common case in tests
  LiveRoutes(std::shared_ptr<const RouteTable> fixed)
      : source_([fixed = std::move(fixed)] { return fixed; }) {}
  explicit LiveRoutes(Source source) : source_(std::move(source)) {}

  /// The current table; never null for the hub's.
  [[nodiscard]] std::shared_ptr<const RouteTable> now() const { return source_(); }

 private:
  Source source_;
};

}  // namespace lienthong::pipeline
