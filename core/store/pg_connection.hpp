#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <vector>

#include "core/store/detail/connection.hpp"

namespace lienthong::store {

/// One PostgreSQL connection (RAII over PGconn*). Statements are prepared on the server once;
/// after the connection breaks, the next exec()/query() reconnects and prepares them again.
class PgConnection final : public detail::Connection {
 public:
  static Result<std::unique_ptr<PgConnection>> open(const std::string& connection);

  Result<void> exec(std::string_view sql) override;
  Result<int> prepare(std::string_view sql) override;
  Result<detail::Rows> query(int statement, const std::vector<detail::Param>& params) override;

 private:
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  struct Clear {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  using ResultPtr = std::unique_ptr<PGresult, Clear>;

  Result<void> ensure_connected();
  Result<void> prepare_on_server(std::size_t index);
  Problem problem(const PGresult* result, std::string_view what) const;

  std::unique_ptr<PGconn, Finish> conn_;
  std::vector<std::string> statements_;
};

}  // namespace lienthong::store
