#include "core/pipeline/async/record_desk.hpp"

#include "core/store/awaitable.hpp"

namespace lienthong::pipeline {

RecordDesk::RecordDesk(std::shared_ptr<store::MessageStore> store,
                       std::shared_ptr<boost::asio::thread_pool> blocking,
                       std::function<void()> on_accepted)
    : store_(std::move(store)),
      blocking_(std::move(blocking)),
      on_accepted_(std::move(on_accepted)) {}

boost::asio::awaitable<Result<store::RecordCreated>> RecordDesk::create(
    store::NewRecord record) const {
  auto start = [store = store_,
                r = std::move(record)](store::Done<store::RecordCreated> done) mutable {
    store->create_record(std::move(r), std::move(done));
  };
  co_return co_await store::await_store<store::RecordCreated>(std::move(start));
}

boost::asio::awaitable<Result<store::ChangeOutcome>> RecordDesk::change(
    store::RecordChange change, std::optional<store::NewMessage> also_accept) const {
  auto start = [store = store_, c = std::move(change),
                m = std::move(also_accept)](store::Done<store::ChangeOutcome> done) mutable {
    store->change_record(std::move(c), std::move(m), std::move(done));
  };
  auto outcome = co_await store::await_store<store::ChangeOutcome>(std::move(start));
  if (outcome && outcome->message && !outcome->message->duplicate && on_accepted_) on_accepted_();
  co_return outcome;
}

boost::asio::awaitable<Result<bool>> RecordDesk::remove(
    std::string kind, std::string id, std::vector<std::string> only_in_states) const {
  auto start = [store = store_, k = std::move(kind), i = std::move(id),
                s = std::move(only_in_states)](store::Done<bool> done) mutable {
    store->remove_record(std::move(k), std::move(i), std::move(s), std::move(done));
  };
  co_return co_await store::await_store<bool>(std::move(start));
}

boost::asio::awaitable<Result<store::StateRecord>> RecordDesk::get(std::string kind,
                                                                   std::string id) const {
  auto read = [store = store_, k = std::move(kind), i = std::move(id)] {
    return store->get_record(k, i);
  };
  co_return co_await store::await_blocking<store::StateRecord>(*blocking_, std::move(read));
}

boost::asio::awaitable<Result<std::vector<store::StateRecord>>> RecordDesk::list(
    store::RecordFilter filter) const {
  auto read = [store = store_, f = std::move(filter)] { return store->list_records(f); };
  co_return co_await store::await_blocking<std::vector<store::StateRecord>>(*blocking_,
                                                                            std::move(read));
}

boost::asio::awaitable<Result<std::vector<store::RecordEvent>>> RecordDesk::events(
    std::string kind, std::string id) const {
  auto read = [store = store_, k = std::move(kind), i = std::move(id)] {
    return store->record_events(k, i);
  };
  co_return co_await store::await_blocking<std::vector<store::RecordEvent>>(*blocking_,
                                                                            std::move(read));
}

}  // namespace lienthong::pipeline
