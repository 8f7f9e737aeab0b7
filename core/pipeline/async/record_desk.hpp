#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/store/message_store.hpp"

namespace lienthong::pipeline {

/// The state records of the store (payments, ...) for coroutines: writes through the store's
/// writer thread, reads on the small blocking pool, never on an I/O thread. Connectors that
/// keep records get it through their `ConnectorContext`; the state rules stay theirs (the store
/// only compares and sets).
class RecordDesk {
 public:
  /// `on_accepted` runs after a change committed a message with it (it wakes the delivery loop).
  RecordDesk(std::shared_ptr<store::MessageStore> store,
             std::shared_ptr<boost::asio::thread_pool> blocking, std::function<void()> on_accepted);

  [[nodiscard]] boost::asio::awaitable<Result<store::RecordCreated>> create(
      store::NewRecord record) const;
  /// Applies `change` only from one of its `from_states`, and stores `also_accept` in the same
  /// transaction when it applies.
  [[nodiscard]] boost::asio::awaitable<Result<store::ChangeOutcome>> change(
      store::RecordChange change, std::optional<store::NewMessage> also_accept) const;
  /// Removes a record that is still in one of `only_in_states`; answers whether it did.
  [[nodiscard]] boost::asio::awaitable<Result<bool>> remove(
      std::string kind, std::string id, std::vector<std::string> only_in_states) const;
  [[nodiscard]] boost::asio::awaitable<Result<store::StateRecord>> get(std::string kind,
                                                                       std::string id) const;
  [[nodiscard]] boost::asio::awaitable<Result<std::vector<store::StateRecord>>> list(
      store::RecordFilter filter) const;
  [[nodiscard]] boost::asio::awaitable<Result<std::vector<store::RecordEvent>>> events(
      std::string kind, std::string id) const;

 private:
  std::shared_ptr<store::MessageStore> store_;
  std::shared_ptr<boost::asio::thread_pool> blocking_;
  std::function<void()> on_accepted_;
};

}  // namespace lienthong::pipeline
