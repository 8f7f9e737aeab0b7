#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>

#include "core/http/types.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::admin {

/// The store's state records for operators (README.md): `GET /admin/records/{kind}` (newest
/// first; `?state=`, `?limit=` 1-1000, `?before=` the next page) and
/// `GET /admin/records/{kind}/{id}` (the record with its history). Payments are kind `payment`.
class RecordsApi {
 public:
  RecordsApi(std::shared_ptr<store::MessageStore> store, boost::asio::any_io_executor blocking);

  /// The answer for a target under /admin/records/, nullopt for any other target.
  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      const http::Request& request) const;

 private:
  std::shared_ptr<store::MessageStore> store_;
  boost::asio::any_io_executor blocking_;
};

}  // namespace lienthong::admin
