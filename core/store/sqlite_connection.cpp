#include "core/store/sqlite_connection.hpp"

#include <string>
#include <system_error>

namespace lienthong::store {

Problem SqliteConnection::problem(std::string_view what) const {
  return detail::database_problem("sqlite", what, sqlite3_errmsg(db_.get()));
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(
    const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto conn = std::unique_ptr<SqliteConnection>(new SqliteConnection());
  conn->db_.reset(raw);
  if (rc != SQLITE_OK) return conn->problem("open");
  sqlite3_busy_timeout(raw, 10'000);
  // WAL: readers never block the writer. synchronous=FULL: every COMMIT fsyncs the WAL, so a
  // committed accept survives a power cut, not only a crash of the process; NORMAL in WAL mode
  // may lose the last commits on power loss (they are only synced at checkpoints), which would
  // break the promise of a 202. Group commit is what pays for that fsync.
  for (auto pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    if (auto r = conn->exec(pragma); !r) return r.error();
  }
  return conn;
}

Result<void> SqliteConnection::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) return problem(sql);
  return {};
}

Result<int> SqliteConnection::prepare(std::string_view sql) {
  // `$1` placeholders become `?1`, which SQLite numbers the same way.
  std::string text(sql);
  for (auto& c : text) {
    if (c == '$') c = '?';
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_.get(), text.data(), static_cast<int>(text.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return problem(sql);
  statements_.emplace_back(stmt);
  return static_cast<int>(statements_.size() - 1);
}

Result<detail::Rows> SqliteConnection::query(int statement,
                                             const std::vector<detail::Param>& params) {
  sqlite3_stmt* stmt = statements_.at(static_cast<std::size_t>(statement)).get();
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  for (std::size_t i = 0; i < params.size(); ++i) {
    int n = static_cast<int>(i + 1);
    const auto& p = params[i];
    if (const auto* v = std::get_if<std::int64_t>(&p)) {
      sqlite3_bind_int64(stmt, n, *v);
    } else if (const auto* s = std::get_if<std::string>(&p)) {
      sqlite3_bind_text(stmt, n, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    } else {
      sqlite3_bind_null(stmt, n);
    }
  }
  detail::Rows out;
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      auto p = problem(sqlite3_sql(stmt));
      sqlite3_reset(stmt);
      return p;
    }
    int cols = sqlite3_column_count(stmt);
    auto& row = out.rows.emplace_back();
    row.reserve(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
        row.emplace_back();
      } else {
        const auto* t = sqlite3_column_text(stmt, c);
        row.emplace_back(std::string(reinterpret_cast<const char*>(t),
                                     static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
      }
    }
  }
  sqlite3_reset(stmt);
  return out;
}

}  // namespace lienthong::store
