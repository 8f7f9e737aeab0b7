#pragma once

#include <string>

namespace lienthong::crash {

/// A schema of its own on the test server (LIENTHONG_TEST_PG), dropped at the end, so every
/// run starts from an empty store and reruns pass.
class PgSchema {
 public:
  /// Creates it; `error()` says why when that failed.
  explicit PgSchema(const std::string& server);
  ~PgSchema();
  PgSchema(const PgSchema&) = delete;
  PgSchema& operator=(const PgSchema&) = delete;

  /// The libpq connection string of the hubs: the server, with the schema as search_path.
  [[nodiscard]] const std::string& connection() const { return connection_; }
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  std::string server_;
  std::string name_;
  std::string connection_;
  std::string error_;
};

}  // namespace lienthong::crash
