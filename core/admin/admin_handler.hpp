#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "core/http/types.hpp"

namespace lienthong::admin {

/// The operators' listener: `/healthz` (the process answers), `/readyz` (routes loaded and the
/// provincial listener accepting). More (metrics, queues, console) joins here.
class AdminHandler {
 public:
  explicit AdminHandler(std::shared_ptr<const std::atomic<bool>> ready);
  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      http::Incoming& incoming) const;

 private:
  std::shared_ptr<const std::atomic<bool>> ready_;
};

}  // namespace lienthong::admin
