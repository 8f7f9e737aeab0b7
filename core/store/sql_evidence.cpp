// SqlBackend's evidence journal (evidence_journal.hpp): appending an entry in the open
// transaction and reading the journal back, kept apart like sql_records.cpp so that each file
// stays one concept (sql_backend.cpp: messages).
#include <algorithm>

#include "core/base/uuid.hpp"
#include "core/store/sql_backend.hpp"

namespace lienthong::store {

Result<void> SqlBackend::journal(evidence::Facts facts, TimePoint now) {
  if (!journal_.on()) return {};
  if (facts.id.empty()) facts.id = uuid_v7();
  return journal_.append(*writer_, facts, now);
}

Result<void> SqlBackend::append_evidence(const evidence::Facts& facts, TimePoint now) {
  return journal(facts, now);
}

Result<void> SqlBackend::record_stamp(const EvidenceStamp& stamp) {
  return journal_.record_stamp(*writer_, stamp);
}

Result<std::vector<EvidenceHead>> SqlBackend::heads() {
  std::lock_guard lock(reader_mutex_);
  return journal_.heads(*reader_);
}

Result<std::vector<EvidenceRow>> SqlBackend::entries(const std::string& node,
                                                     std::int64_t after_seq, int limit) {
  std::lock_guard lock(reader_mutex_);
  return journal_.entries(*reader_, node, after_seq, std::clamp(limit, 1, 10'000));
}

Result<std::int64_t> SqlBackend::first_since(const std::string& node, TimePoint since) {
  std::lock_guard lock(reader_mutex_);
  return journal_.first_since(*reader_, node, since);
}

Result<std::vector<EvidenceRow>> SqlBackend::of_message(std::string_view message_id) {
  std::lock_guard lock(reader_mutex_);
  return journal_.of_message(*reader_, std::string(message_id));
}

Result<std::vector<std::pair<std::int64_t, EvidenceBody>>> SqlBackend::bodies(
    const std::string& node, std::int64_t after_seq, std::int64_t to_seq) {
  std::lock_guard lock(reader_mutex_);
  return journal_.bodies(*reader_, node, after_seq, to_seq);
}

Result<std::vector<EvidenceStamp>> SqlBackend::stamps(const std::string& node,
                                                      std::int64_t from_seq, int limit) {
  std::lock_guard lock(reader_mutex_);
  return journal_.stamps(*reader_, node, from_seq, std::clamp(limit, 1, 10'000));
}

}  // namespace lienthong::store
