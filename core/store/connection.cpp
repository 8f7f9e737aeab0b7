#include "core/store/detail/connection.hpp"

#include <charconv>

#include "core/log/log.hpp"

namespace lienthong::store::detail {

std::int64_t Rows::int64(std::size_t row, std::size_t col) const {
  const auto& v = rows[row][col];
  std::int64_t out = 0;
  if (v) std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}

Problem database_problem(std::string_view backend, std::string_view what, std::string_view reason) {
  // Database messages name tables, columns and constraints, not the values bound.
  log::error("store.database_error", {{"backend", std::string(backend)},
                                      {"what", std::string(what.substr(0, 80))},
                                      {"reason", std::string(reason)}});
  return Problem::make(ProblemKind::kInternal,
                       "message store: " + std::string(backend) + " failed");
}

}  // namespace lienthong::store::detail
