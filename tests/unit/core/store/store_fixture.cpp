#include "store_fixture.hpp"

#include <random>

namespace lienthong::store::testing {
namespace {

std::string unique_name() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 1'000'000);
}

void pg_exec(const std::string& conninfo, const std::string& sql) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
  PGresult* r = PQexec(c, ("SET client_min_messages = warning; " + sql).c_str());
  EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
}

}  // namespace

std::string backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

void StoreTest::SetUp() {
  if (is_pg()) {
    const char* pg = std::getenv("LIENTHONG_TEST_PG");
    if (pg == nullptr || *pg == '\0') {
      GTEST_SKIP() << "LIENTHONG_TEST_PG is not set: start a server with "
                      "scripts/pg-test-server.sh start and export its output "
                      "(scripts/test.sh does both)";
    }
    pg_admin_ = pg;
    pg_schema_ = "t_" + unique_name();
    pg_exec(pg_admin_, "CREATE SCHEMA " + pg_schema_);
    where_ = pg_admin_ + " options='-csearch_path=" + pg_schema_ + "'";
  } else {
    dir_ = std::filesystem::temp_directory_path() / ("lt-store-" + unique_name());
    std::filesystem::remove_all(dir_);
    where_ = (dir_ / "var" / "store.db").string();
  }
}

void StoreTest::TearDown() {
  if (!pg_schema_.empty()) pg_exec(pg_admin_, "DROP SCHEMA " + pg_schema_ + " CASCADE");
  if (!dir_.empty()) std::filesystem::remove_all(dir_);
}

void StoreTest::raw_exec(const std::string& sql) {
  if (is_pg()) {
    pg_exec(pg_admin_, "SET search_path TO " + pg_schema_ + "; " + sql);
    return;
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(where_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

void StoreTest::undo_step_four() {
  for (const char* table : {"evidence", "evidence_heads", "evidence_bodies", "evidence_stamps"}) {
    raw_exec(std::string("DROP TABLE ") + table);
  }
  for (const char* column : {"started_at", "far_status", "error_class"}) {
    raw_exec(std::string("ALTER TABLE attempts DROP COLUMN ") + column);
  }
  raw_exec("DELETE FROM schema_version WHERE version = 4");
}

std::unique_ptr<MessageStore> StoreTest::open() {
  return open(std::string());
}

std::unique_ptr<MessageStore> StoreTest::open(const std::string& evidence_node) {
  StoreOptions options;
  options.clock = [this] { return now(); };
  options.evidence_node = evidence_node;
  auto s = is_pg() ? open_pg_store(where_, options) : open_sqlite_store(where_, options);
  EXPECT_TRUE(s) << (s ? "" : s.error().detail);
  return s ? std::move(s.value()) : nullptr;
}

NewMessage StoreTest::message(std::string ordering_key, std::string idempotency_key,
                              std::string body) {
  NewMessage m;
  m.client = "dev";
  m.connector = "dvcqg";
  m.operation = "sync-dossier";
  m.ordering_key = std::move(ordering_key);
  m.idempotency_key = std::move(idempotency_key);
  m.body = std::move(body);
  m.headers = {{"X-Correlation-ID", "corr-1"}};
  return m;
}

Accepted StoreTest::accept(MessageStore& s, NewMessage m) {
  auto r = wait<Accepted>([&](auto done) { s.accept(std::move(m), done); });
  EXPECT_TRUE(r) << (r ? "" : r.error().detail);
  return r ? r.value() : Accepted{};
}

std::vector<ClaimedMessage> StoreTest::claim(MessageStore& s, const std::string& node, int max,
                                             std::chrono::milliseconds lease) {
  ClaimRequest request{node, lease, max, {}};
  auto r = wait<std::vector<ClaimedMessage>>([&](auto done) { s.claim(std::move(request), done); });
  EXPECT_TRUE(r) << (r ? "" : r.error().detail);
  return r ? r.value() : std::vector<ClaimedMessage>{};
}

Result<void> StoreTest::record(MessageStore& s, const Lease& lease, AttemptOutcome outcome) {
  return wait<void>([&](auto done) { s.record_attempt(lease, std::move(outcome), done); });
}

std::vector<std::string> StoreTest::ids(const std::vector<ClaimedMessage>& claimed) {
  std::vector<std::string> out;
  out.reserve(claimed.size());
  for (const auto& c : claimed) out.push_back(c.message.id);
  return out;
}

}  // namespace lienthong::store::testing
