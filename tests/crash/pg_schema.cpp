#include "pg_schema.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <random>

namespace lienthong::crash {
namespace {

std::string exec(const std::string& server, const std::string& sql) {
  PGconn* c = PQconnectdb(server.c_str());
  std::string error;
  if (PQstatus(c) != CONNECTION_OK) {
    error = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, ("SET client_min_messages = warning; " + sql).c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  return error;
}

}  // namespace

PgSchema::PgSchema(const std::string& server) : server_(server) {
  std::random_device rd;
  name_ = "crash_" + std::to_string(::getpid()) + "_" + std::to_string(rd() % 1'000'000);
  error_ = exec(server_, "CREATE SCHEMA " + name_);
  connection_ = server_ + " options='-csearch_path=" + name_ + "'";
}

PgSchema::~PgSchema() {
  if (error_.empty()) exec(server_, "DROP SCHEMA " + name_ + " CASCADE");
}

}  // namespace lienthong::crash
