#pragma once

#include <boost/asio/awaitable.hpp>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/pipeline/exchange.hpp"

namespace lienthong::pipeline {

/// One step of an operation's chain (validate, map request, sign, deliver, verify, map
/// response). Built once per operation at load time, immutable and shared; per-exchange state
/// lives in the Exchange. A failed stage ends the chain with its Problem.
class Stage {
 public:
  virtual ~Stage() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual boost::asio::awaitable<Result<void>> run(Exchange& exchange) const = 0;
};

}  // namespace lienthong::pipeline
