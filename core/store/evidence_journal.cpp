#include "core/store/evidence_journal.hpp"

#include "core/base/base64.hpp"
#include "core/evidence/entry.hpp"
#include "core/store/detail/evidence_queries.hpp"

namespace lienthong::store {
namespace {

namespace q = evidence_queries;
using detail::Param;
using detail::Rows;
using detail::text_or_null;

EvidenceRow row_of(const Rows& rows, std::size_t i) {
  return {rows.text(i, 0),  rows.int64(i, 1), rows.text(i, 2), rows.text(i, 3),
          rows.int64(i, 4), rows.text(i, 5),  rows.text(i, 6)};
}

std::string unbase64(const std::string& text) {
  return decode_base64(text).value_or(std::string());
}

}  // namespace

Result<void> EvidenceJournal::prepare(detail::Connection& writer, detail::Connection& reader) {
  const std::pair<int*, std::pair<std::string_view, detail::Connection*>> items[] = {
      {&w_.head, {postgres_ ? q::kHeadForUpdatePostgres : q::kHead, &writer}},
      {&w_.new_head, {q::kNewHead, &writer}},
      {&w_.move_head, {q::kMoveHead, &writer}},
      {&w_.insert, {q::kInsert, &writer}},
      {&w_.insert_body, {q::kInsertBody, &writer}},
      {&w_.stamp, {q::kInsertStamp, &writer}},
      {&w_.expire, {q::kRemoveExpiredBodies, &writer}},
      {&r_.heads, {q::kHeads, &reader}},
      {&r_.at_of, {q::kAtOf, &reader}},
      {&r_.entries, {q::kEntries, &reader}},
      {&r_.first_since, {q::kFirstSince, &reader}},
      {&r_.of_message, {q::kOfMessage, &reader}},
      {&r_.bodies, {q::kBodies, &reader}},
      {&r_.stamps, {q::kStamps, &reader}},
  };
  for (const auto& [slot, what] : items) {
    auto id = what.second->prepare(what.first);
    if (!id) return id.error();
    *slot = *id;
  }
  return {};
}

Result<void> EvidenceJournal::load_head(detail::Connection& writer) {
  for (int round = 0; round < 2; ++round) {
    auto r = writer.query(w_.head, {node_});
    if (!r) return r.error();
    if (!r->empty()) {
      head_ = Head{true, false, r->int64(0, 0), r->text(0, 1)};
      return {};
    }
    // The node's first entry ever: create its head row (another process may do so at once;
    // ON CONFLICT leaves one, and the second read finds it, locked).
    auto n = writer.query(w_.new_head, {node_, std::string(evidence::kGenesis)});
    if (!n) return n.error();
  }
  return detail::database_problem("evidence", "read the chain head", "no head row after insert");
}

Result<void> EvidenceJournal::append(detail::Connection& writer, const evidence::Facts& facts,
                                     TimePoint now) {
  if (!on()) return {};
  if (!head_.loaded) {
    if (auto loaded = load_head(writer); !loaded) return loaded;
  }
  evidence::ChainLink link{node_, head_.seq + 1, head_.hash, to_millis(now)};
  const auto text = evidence::entry_text(facts, link);
  const auto hash = evidence::entry_hash(text);
  auto r = writer.query(w_.insert, {node_, link.seq, facts.id, text_or_null(facts.message_id),
                                    link.at_ms, text, hash});
  if (!r) return r.error();
  for (const auto& b : facts.bodies) {
    auto body =
        writer.query(w_.insert_body, {node_, link.seq, b.role, b.key_id, base64_encode(b.nonce),
                                      base64_encode(b.ciphertext), facts.bodies_expire_at_ms});
    if (!body) return body.error();
  }
  head_.seq = link.seq;
  head_.hash = hash;
  head_.moved = true;
  return {};
}

Result<void> EvidenceJournal::before_commit(detail::Connection& writer) {
  if (!head_.moved) return {};
  auto r = writer.query(w_.move_head, {node_, head_.seq, head_.hash});
  if (!r) return r.error();
  head_ = Head{};
  return {};
}

Result<void> EvidenceJournal::record_stamp(detail::Connection& writer, const EvidenceStamp& s) {
  auto r = writer.query(w_.stamp, {s.node, s.seq, s.hash, base64_encode(s.token), s.gen_time_ms});
  if (!r) return r.error();
  return {};
}

Result<int> EvidenceJournal::remove_expired_bodies(detail::Connection& writer, TimePoint now) {
  auto r = writer.query(w_.expire, {to_millis(now)});
  if (!r) return r.error();
  return static_cast<int>(r->size());
}

Result<std::vector<EvidenceHead>> EvidenceJournal::heads(detail::Connection& reader) {
  auto r = reader.query(r_.heads, {});
  if (!r) return r.error();
  std::vector<EvidenceHead> out;
  for (std::size_t i = 0; i < r->size(); ++i) {
    EvidenceHead h{r->text(i, 0), r->int64(i, 1), r->text(i, 2), r->int64(i, 3), std::nullopt};
    if (h.seq > h.stamped_seq) {
      auto at = reader.query(r_.at_of, {h.node, h.stamped_seq + 1});
      if (!at) return at.error();
      if (!at->empty()) h.oldest_unstamped_ms = at->int64(0, 0);
    }
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::vector<EvidenceRow>> EvidenceJournal::entries(detail::Connection& reader,
                                                          const std::string& node,
                                                          std::int64_t after_seq, int limit) {
  auto r = reader.query(r_.entries, {node, after_seq, std::int64_t{limit}});
  if (!r) return r.error();
  std::vector<EvidenceRow> out;
  out.reserve(r->size());
  for (std::size_t i = 0; i < r->size(); ++i) out.push_back(row_of(*r, i));
  return out;
}

Result<std::int64_t> EvidenceJournal::first_since(detail::Connection& reader,
                                                  const std::string& node, TimePoint since) {
  auto r = reader.query(r_.first_since, {node, to_millis(since)});
  if (!r) return r.error();
  return r->empty() ? std::int64_t{0} : r->int64(0, 0);
}

Result<std::vector<EvidenceRow>> EvidenceJournal::of_message(detail::Connection& reader,
                                                             const std::string& message_id) {
  auto r = reader.query(r_.of_message, {message_id});
  if (!r) return r.error();
  std::vector<EvidenceRow> out;
  for (std::size_t i = 0; i < r->size(); ++i) out.push_back(row_of(*r, i));
  return out;
}

Result<std::vector<std::pair<std::int64_t, EvidenceBody>>> EvidenceJournal::bodies(
    detail::Connection& reader, const std::string& node, std::int64_t after_seq,
    std::int64_t to_seq) {
  auto r = reader.query(r_.bodies, {node, after_seq, to_seq});
  if (!r) return r.error();
  std::vector<std::pair<std::int64_t, EvidenceBody>> out;
  for (std::size_t i = 0; i < r->size(); ++i) {
    out.emplace_back(r->int64(i, 0),
                     EvidenceBody{r->text(i, 1), r->text(i, 2), unbase64(r->text(i, 3)),
                                  unbase64(r->text(i, 4)), r->int64(i, 5)});
  }
  return out;
}

Result<std::vector<EvidenceStamp>> EvidenceJournal::stamps(detail::Connection& reader,
                                                           const std::string& node,
                                                           std::int64_t from_seq, int limit) {
  auto r = reader.query(r_.stamps, {node, from_seq, std::int64_t{limit}});
  if (!r) return r.error();
  std::vector<EvidenceStamp> out;
  for (std::size_t i = 0; i < r->size(); ++i) {
    out.push_back({node, r->int64(i, 0), r->text(i, 1), unbase64(r->text(i, 2)), r->int64(i, 3)});
  }
  return out;
}

}  // namespace lienthong::store
