#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "core/store/detail/connection.hpp"

namespace lienthong::store {

/// One SQLite connection (RAII over sqlite3* and its prepared statements).
class SqliteConnection final : public detail::Connection {
 public:
  /// Opens (creating it and its folder) with the store's settings: WAL, synchronous=FULL,
  /// a busy timeout.
  static Result<std::unique_ptr<SqliteConnection>> open(const std::filesystem::path& path);

  Result<void> exec(std::string_view sql) override;
  Result<int> prepare(std::string_view sql) override;
  Result<detail::Rows> query(int statement, const std::vector<detail::Param>& params) override;

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  Problem problem(std::string_view what) const;

  std::unique_ptr<sqlite3, Close> db_;
  std::vector<std::unique_ptr<sqlite3_stmt, Finalize>> statements_;  // after db_: freed first
};

}  // namespace lienthong::store
