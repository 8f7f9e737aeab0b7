#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>

#include "core/http/types.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::admin {

/// The durable queue for operators on the admin listener (README.md has the endpoints):
/// list, show, replay, replay-dead, purge-dead; JSON answers, RFC 9457 problems.
/// Reads block, so they run on `blocking` (a small pool); writes complete on the store's
/// writer thread. Either way the I/O thread only awaits.
class QueueApi {
 public:
  QueueApi(std::shared_ptr<store::MessageStore> store, boost::asio::any_io_executor blocking);

  /// The answer for a target under /admin/queue/, nullopt for any other target. `actor` (who
  /// asked) is journalled with a replay or purge.
  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      const http::Request& request, const std::string& actor) const;

 private:
  std::shared_ptr<store::MessageStore> store_;
  boost::asio::any_io_executor blocking_;
};

}  // namespace lienthong::admin
