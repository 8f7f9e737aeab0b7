#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/problem.hpp"

namespace lienthong::store::detail {

/// A statement parameter: NULL, an integer or text.
using Param = std::variant<std::nullptr_t, std::int64_t, std::string>;

/// An optional text column: the empty string is stored as NULL.
inline Param text_or_null(const std::string& s) {
  return s.empty() ? Param(nullptr) : Param(s);
}

/// What a query answered, read in full (the store's queries return few, small rows).
struct Rows {
  std::vector<std::vector<std::optional<std::string>>> rows;

  [[nodiscard]] bool empty() const { return rows.empty(); }
  [[nodiscard]] std::size_t size() const { return rows.size(); }
  [[nodiscard]] std::string text(std::size_t row, std::size_t col) const {
    return rows[row][col].value_or(std::string());
  }
  [[nodiscard]] bool is_null(std::size_t row, std::size_t col) const {
    return !rows[row][col].has_value();
  }
  [[nodiscard]] std::int64_t int64(std::size_t row, std::size_t col) const;
  [[nodiscard]] std::optional<std::int64_t> opt_int64(std::size_t row, std::size_t col) const {
    return is_null(row, col) ? std::nullopt : std::optional(int64(row, col));
  }
};

/// One connection to one database, used by one thread at a time. Statements are written with
/// PostgreSQL's `$1` placeholders (SQLite reads them as `?1`), prepared once and kept.
class Connection {
 public:
  virtual ~Connection() = default;
  /// Runs SQL without parameters (may hold several statements).
  virtual Result<void> exec(std::string_view sql) = 0;
  /// Prepares a statement; answers its handle for query().
  virtual Result<int> prepare(std::string_view sql) = 0;
  /// Runs a prepared statement. Every failure answers kInternal (the store's refusals are
  /// decided by its queries, never by a failing statement).
  virtual Result<Rows> query(int statement, const std::vector<Param>& params) = 0;
};

/// The failure of a database call, logged under `what` (never with values), as a kInternal
/// Problem.
Problem database_problem(std::string_view backend, std::string_view what, std::string_view reason);

}  // namespace lienthong::store::detail
