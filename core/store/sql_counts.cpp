// The grouped counts the metrics read (counts.hpp), prepared on first use so that a hub that
// is never scraped prepares nothing.
#include "core/store/sql_backend.hpp"

namespace lienthong::store {
namespace {

// Only unfinished messages: the partial index messages_unfinished keeps this cheap however
// many delivered messages retention keeps; dead letters are counted as they happen
// (lienthong_dead_letters_total).
constexpr std::string_view kCountUnfinished =
    "SELECT connector, state, COUNT(*), MIN(accepted_at) FROM messages "
    "WHERE finished_at IS NULL GROUP BY connector, state";

// records_state (kind, state, created_at) covers it.
constexpr std::string_view kCountRecords =
    "SELECT state, COUNT(*) FROM records WHERE kind = $1 GROUP BY state";

}  // namespace

Result<std::vector<QueueCount>> SqlBackend::count_unfinished() {
  std::lock_guard lock(reader_mutex_);
  if (count_unfinished_ < 0) {
    auto id = reader_->prepare(kCountUnfinished);
    if (!id) return id.error();
    count_unfinished_ = *id;
  }
  auto r = reader_->query(count_unfinished_, {});
  if (!r) return r.error();
  std::vector<QueueCount> out;
  for (std::size_t i = 0; i < r->size(); ++i) {
    const auto state = parse_state(r->text(i, 1));
    if (!state) continue;
    out.push_back({r->text(i, 0), *state, r->int64(i, 2), from_millis(r->int64(i, 3))});
  }
  return out;
}

Result<std::vector<RecordCount>> SqlBackend::count_records(std::string_view kind) {
  std::lock_guard lock(reader_mutex_);
  if (count_records_ < 0) {
    auto id = reader_->prepare(kCountRecords);
    if (!id) return id.error();
    count_records_ = *id;
  }
  auto r = reader_->query(count_records_, {std::string(kind)});
  if (!r) return r.error();
  std::vector<RecordCount> out;
  for (std::size_t i = 0; i < r->size(); ++i) out.push_back({r->text(i, 0), r->int64(i, 1)});
  return out;
}

}  // namespace lienthong::store
