#include "core/store/pg_connection.hpp"

namespace lienthong::store {

Problem PgConnection::problem(const PGresult* result, std::string_view what) const {
  // The primary message only: DETAIL lines may quote the values of a broken key.
  const char* primary =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string reason = primary != nullptr ? primary : PQerrorMessage(conn_.get());
  if (state != nullptr) reason = std::string(state) + " " + reason;
  return detail::database_problem("postgresql", what, reason);
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& connection) {
  auto conn = std::unique_ptr<PgConnection>(new PgConnection());
  conn->conn_.reset(PQconnectdb(connection.c_str()));
  if (PQstatus(conn->conn_.get()) != CONNECTION_OK) {
    // The server's text, not the connection string (it may hold a password).
    return detail::database_problem("postgresql", "connect", PQerrorMessage(conn->conn_.get()));
  }
  if (auto r = conn->exec("SET client_min_messages = warning"); !r) return r.error();
  return conn;
}

Result<void> PgConnection::ensure_connected() {
  if (PQstatus(conn_.get()) == CONNECTION_OK) return {};
  PQreset(conn_.get());
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    return detail::database_problem("postgresql", "reconnect", PQerrorMessage(conn_.get()));
  }
  for (std::size_t i = 0; i < statements_.size(); ++i) {
    if (auto r = prepare_on_server(i); !r) return r;
  }
  return {};
}

Result<void> PgConnection::exec(std::string_view sql) {
  if (auto c = ensure_connected(); !c) return c;
  ResultPtr res(PQexec(conn_.get(), std::string(sql).c_str()));
  auto status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return problem(res.get(), sql);
  return {};
}

Result<void> PgConnection::prepare_on_server(std::size_t index) {
  auto name = "s" + std::to_string(index);
  ResultPtr res(PQprepare(conn_.get(), name.c_str(), statements_[index].c_str(), 0, nullptr));
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return problem(res.get(), statements_[index]);
  return {};
}

Result<int> PgConnection::prepare(std::string_view sql) {
  statements_.emplace_back(sql);
  if (auto r = prepare_on_server(statements_.size() - 1); !r) {
    statements_.pop_back();
    return r.error();
  }
  return static_cast<int>(statements_.size() - 1);
}

Result<detail::Rows> PgConnection::query(int statement, const std::vector<detail::Param>& params) {
  if (auto c = ensure_connected(); !c) return c.error();
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const auto* v = std::get_if<std::int64_t>(&params[i])) {
      texts[i] = std::to_string(*v);
      values[i] = texts[i].c_str();
    } else if (const auto* s = std::get_if<std::string>(&params[i])) {
      values[i] = s->c_str();
    }
  }
  auto name = "s" + std::to_string(statement);
  ResultPtr res(PQexecPrepared(conn_.get(), name.c_str(), static_cast<int>(params.size()),
                               values.data(), nullptr, nullptr, 0));
  auto status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return problem(res.get(), statements_.at(static_cast<std::size_t>(statement)));
  }
  detail::Rows out;
  int n = PQntuples(res.get());
  int cols = PQnfields(res.get());
  out.rows.resize(static_cast<std::size_t>(n));
  for (int r = 0; r < n; ++r) {
    auto& row = out.rows[static_cast<std::size_t>(r)];
    row.reserve(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) {
      if (PQgetisnull(res.get(), r, c) != 0) {
        row.emplace_back();
      } else {
        row.emplace_back(std::string(PQgetvalue(res.get(), r, c),
                                     static_cast<std::size_t>(PQgetlength(res.get(), r, c))));
      }
    }
  }
  return out;
}

}  // namespace lienthong::store
