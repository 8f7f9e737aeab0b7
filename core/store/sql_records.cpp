// SqlBackend's state records (record.hpp): the second half of the class, kept apart so that
// each file stays one concept (sql_backend.cpp: messages).
#include <algorithm>

#include "core/store/detail/record_queries.hpp"
#include "core/store/sql_backend.hpp"

namespace lienthong::store {
namespace {

using detail::Param;
using detail::Rows;
using detail::text_or_null;

StateRecord record_of(const Rows& rows, std::size_t i) {
  StateRecord r;
  r.kind = rows.text(i, 0);
  r.id = rows.text(i, 1);
  r.client = rows.text(i, 2);
  r.idempotency_key = rows.text(i, 3);
  r.state = rows.text(i, 4);
  r.data = rows.text(i, 5);
  r.created_at = from_millis(rows.int64(i, 6));
  r.updated_at = from_millis(rows.int64(i, 7));
  r.version = static_cast<int>(rows.int64(i, 8));
  return r;
}

// A record's entry: what it is, the move, and why (the record's data is not journalled: it may
// hold personal data; its owner's facts add hashes where they matter).
evidence::Facts record_facts(const std::optional<evidence::Facts>& given, const std::string& kind,
                             const std::string& id, const std::string& from, const std::string& to,
                             const std::string& cause) {
  auto f = given.value_or(evidence::Facts{});
  f.kind = "record";
  f.message_id = id;
  f.outcome = to;
  if (f.detail.empty()) {
    f.detail = kind + " " + (from.empty() ? std::string("created") : from) + " -> " + to;
    if (!cause.empty()) f.detail += " (" + cause + ")";
  }
  return f;
}

Problem no_record(std::string_view kind, std::string_view id) {
  return Problem::make(ProblemKind::kNotFound,
                       "no " + std::string(kind) + " record " + std::string(id));
}

}  // namespace

Result<void> SqlBackend::prepare_records() {
  namespace q = record_queries;
  auto* w = writer_.get();
  auto* r = reader_.get();
  const std::pair<int*, std::pair<std::string_view, detail::Connection*>> items[] = {
      {&rec_.by_key, {q::kByKey, w}},
      {&rec_.insert, {q::kInsert, w}},
      {&rec_.get_locked, {dialect_ == Dialect::kPostgres ? q::kGetForUpdatePostgres : q::kGet, w}},
      {&rec_.update, {q::kUpdate, w}},
      {&rec_.event, {q::kEvent, w}},
      {&rec_.remove_events, {q::kRemoveEvents, w}},
      {&rec_.remove, {q::kRemove, w}},
      {&rec_.get, {q::kGet, r}},
      {&rec_.list, {q::kList, r}},
      {&rec_.events, {q::kEvents, r}},
  };
  for (const auto& [slot, what] : items) {
    auto id = what.second->prepare(what.first);
    if (!id) return id.error();
    *slot = *id;
  }
  return {};
}

Result<RecordCreated> SqlBackend::create_record(const NewRecord& n, TimePoint now) {
  auto by_key = [&]() -> Result<std::optional<StateRecord>> {
    auto found = writer_->query(rec_.by_key, {n.kind, n.client, n.idempotency_key});
    if (!found) return found.error();
    if (found->empty()) return std::optional<StateRecord>();
    return std::optional<StateRecord>(record_of(*found, 0));
  };
  if (!n.idempotency_key.empty()) {
    auto first = by_key();
    if (!first) return first.error();
    if (*first) return RecordCreated{false, std::move(**first)};
  }
  const auto at = to_millis(now);
  auto inserted = writer_->query(
      rec_.insert, {n.kind, n.id, n.client, text_or_null(n.idempotency_key), n.state, n.data, at});
  if (!inserted) return inserted.error();
  if (inserted->empty()) {  // a concurrent create of the same key (another node) won
    if (!n.idempotency_key.empty()) {
      auto first = by_key();
      if (!first) return first.error();
      if (*first) return RecordCreated{false, std::move(**first)};
    }
    return Problem::make(ProblemKind::kConflict, n.kind + " record " + n.id + " exists");
  }
  auto event = writer_->query(rec_.event,
                              {n.kind, n.id, at, std::string(), n.state, n.cause, std::string()});
  if (!event) return event.error();
  auto facts = record_facts(n.evidence, n.kind, n.id, {}, n.state, n.cause);
  if (facts.actor.empty()) facts.actor = n.client;
  if (auto j = journal(std::move(facts), now); !j) return j.error();
  StateRecord r{n.kind, n.id, n.client, n.idempotency_key, n.state, n.data, now, now, 1};
  return RecordCreated{true, std::move(r)};
}

Result<ChangeOutcome> SqlBackend::change_record(const RecordChange& c,
                                                const std::optional<NewMessage>& also_accept,
                                                TimePoint now) {
  auto found = writer_->query(rec_.get_locked, {c.kind, c.id});
  if (!found) return found.error();
  if (found->empty()) return no_record(c.kind, c.id);
  ChangeOutcome out;
  out.record = record_of(*found, 0);
  const auto& from = c.from_states;
  if (std::find(from.begin(), from.end(), out.record.state) == from.end()) return out;
  // The message first: accept() refuses (idempotency conflict) before it writes anything, so a
  // refusal leaves the record untouched too; a failing statement fails the whole write.
  if (also_accept) {
    auto accepted = accept(*also_accept);
    if (!accepted) return accepted.error();
    out.message = *accepted;
  }
  const auto at = to_millis(now);
  const std::string& data = c.data.empty() ? out.record.data : c.data;
  if (auto u = writer_->query(rec_.update, {c.kind, c.id, c.to_state, data, at}); !u) {
    return u.error();
  }
  if (auto e = writer_->query(rec_.event,
                              {c.kind, c.id, at, out.record.state, c.to_state, c.cause, c.detail});
      !e) {
    return e.error();
  }
  auto facts = record_facts(c.evidence, c.kind, c.id, out.record.state, c.to_state, c.cause);
  if (auto j = journal(std::move(facts), now); !j) return j.error();
  out.applied = true;
  out.record.state = c.to_state;
  out.record.data = data;
  out.record.updated_at = now;
  out.record.version += 1;
  return out;
}

Result<bool> SqlBackend::remove_record(const std::string& kind, const std::string& id,
                                       const std::vector<std::string>& only_in_states,
                                       TimePoint now) {
  auto found = writer_->query(rec_.get_locked, {kind, id});
  if (!found) return found.error();
  if (found->empty()) return false;
  const auto state = found->text(0, 4);
  if (std::find(only_in_states.begin(), only_in_states.end(), state) == only_in_states.end()) {
    return false;
  }
  if (auto e = writer_->query(rec_.remove_events, {kind, id}); !e) return e.error();
  if (auto r = writer_->query(rec_.remove, {kind, id}); !r) return r.error();
  if (auto j = journal(record_facts({}, kind, id, state, "removed", {}), now); !j) {
    return j.error();
  }
  return true;
}

Result<StateRecord> SqlBackend::get_record(std::string_view kind, std::string_view id) {
  std::lock_guard lock(reader_mutex_);
  auto r = reader_->query(rec_.get, {std::string(kind), std::string(id)});
  if (!r) return r.error();
  if (r->empty()) return no_record(kind, id);
  return record_of(*r, 0);
}

Result<std::vector<StateRecord>> SqlBackend::list_records(const RecordFilter& f) {
  std::lock_guard lock(reader_mutex_);
  auto r = reader_->query(rec_.list, {f.kind, f.state.value_or(std::string()),
                                      f.created_from ? to_millis(*f.created_from) : std::int64_t{0},
                                      f.created_to ? to_millis(*f.created_to) : std::int64_t{0},
                                      f.before, std::int64_t{std::clamp(f.limit, 1, 10'000)}});
  if (!r) return r.error();
  std::vector<StateRecord> out;
  out.reserve(r->size());
  for (std::size_t i = 0; i < r->size(); ++i) out.push_back(record_of(*r, i));
  return out;
}

Result<std::vector<RecordEvent>> SqlBackend::record_events(std::string_view kind,
                                                           std::string_view id) {
  std::lock_guard lock(reader_mutex_);
  auto r = reader_->query(rec_.events, {std::string(kind), std::string(id)});
  if (!r) return r.error();
  std::vector<RecordEvent> out;
  out.reserve(r->size());
  for (std::size_t i = 0; i < r->size(); ++i) {
    out.push_back(
        {from_millis(r->int64(i, 0)), r->text(i, 1), r->text(i, 2), r->text(i, 3), r->text(i, 4)});
  }
  return out;
}

}  // namespace lienthong::store
