// Durable store benchmark (bench/README.md): accepts/s with group commit vs. a plain loop that
// commits one row per transaction with the same durability setting, in the same process, and
// the drain rate (claim + record_attempt) of a queue of queued messages.
//
//   bench_store_accept [--plain N] [--accepts N] [--concurrency C] [--drain N] [--pg CONNINFO]
//                      [--plain-only] [--plain-seconds S] [--body FILE] [--db sqlite|postgresql]
//
// SQLite (a fresh file under $TMPDIR) and PostgreSQL when --pg or LIENTHONG_TEST_PG names a
// server (a fresh schema, dropped afterwards); --db runs only one of them. --plain-only runs
// only the plain loop, for --plain-seconds when given (else --plain rows), with the body read
// from --body when given: bench/async_queue.sh uses it as the baseline of the hub's accepts.
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>

#include "core/base/digest.hpp"
#include "core/store/detail/queries.hpp"
#include "core/store/message_store.hpp"
#include "core/store/pg_connection.hpp"
#include "core/store/queued_store.hpp"
#include "core/store/sqlite_connection.hpp"

namespace {

using namespace lienthong::store;  // NOLINT(google-build-using-namespace)
using lienthong::Result;
using Seconds = std::chrono::duration<double>;

struct Args {
  int plain = 1'000;
  int accepts = 20'000;
  int concurrency = 256;
  int drain = 100'000;
  std::string pg;
  std::string db;            ///< "sqlite" or "postgresql": only that one; empty: both
  bool plain_only = false;   ///< only the plain loop (the HTTP benchmark's baseline)
  double plain_seconds = 0;  ///< > 0: the plain loop runs this long instead of --plain rows
};

// The body every sample stores (--body): set once in main, read only afterwards.
std::string& body_override() {
  static std::string body;
  return body;
}

NewMessage sample(int i) {
  NewMessage m;
  m.client = "bench";
  m.connector = "dvcqg";
  m.operation = "update-progress";
  m.ordering_key = "000.00.00.H01-250101-" + std::to_string(i % 1000);
  m.body =
      R"({"MaHoSo":"000.00.00.H01-250101-)" + std::to_string(i % 1000) +
      R"(","TrangThai":4,"NoiDungXuLy":"Chuyển phòng chuyên môn xử lý","ThoiDiemXuLy":"20260101083000"})";
  if (!body_override().empty()) m.body = body_override();
  m.headers = {{"X-Correlation-ID", "bench-" + std::to_string(i)}};
  return m;
}

/// Keeps `concurrency` calls outstanding, as that many HTTP requests would, until `total` ran.
void keep_outstanding(int total, int concurrency,
                      const std::function<void(int, std::function<void(bool)>)>& start) {
  std::mutex mutex;
  std::condition_variable cv;
  std::atomic<int> next{0};
  std::atomic<int> finished{0};
  std::atomic<int> failed{0};
  std::function<void()> launch = [&] {
    int i = next++;
    if (i >= total) return;
    start(i, [&](bool ok) {
      if (!ok) ++failed;
      launch();
      // Last touch of this frame's state: the waiter may return as soon as the lock is free.
      std::lock_guard lock(mutex);
      if (++finished == total) cv.notify_all();
    });
  };
  for (int c = 0; c < concurrency && c < total; ++c) launch();
  std::unique_lock lock(mutex);
  cv.wait(lock, [&] { return finished.load() == total; });
  if (failed > 0) std::fprintf(stderr, "bench: %d calls failed\n", failed.load());
}

/// The baseline: one INSERT per transaction, committed before the next, on the same schema and
/// settings as the store (its connection class sets WAL + synchronous=FULL, or PostgreSQL's
/// default synchronous_commit=on). Runs `n` rows, or for `seconds` when > 0; answers rows/s and
/// sets `rows` to how many it committed.
double plain_loop(lienthong::store::detail::Connection& conn, int n, double seconds, int& rows) {
  auto insert = conn.prepare(queries::kInsert);
  if (!insert) std::exit(2);
  auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&t0] { return Seconds(std::chrono::steady_clock::now() - t0).count(); };
  int i = 0;
  for (; seconds > 0 ? elapsed() < seconds : i < n; ++i) {
    auto m = sample(i);
    if (!conn.exec("BEGIN") ||
        !conn.query(*insert, {"plain-" + std::to_string(i) + "-" + std::to_string(::getpid()),
                              m.client, m.connector, m.operation, m.ordering_key, nullptr,
                              lienthong::sha256_hex(m.body), m.body, headers_to_json(m.headers),
                              std::int64_t{0}}) ||
        !conn.exec("COMMIT")) {
      std::exit(2);
    }
  }
  rows = i;
  return i / elapsed();
}

double group_commit(MessageStore& store, int n, int concurrency) {
  auto t0 = std::chrono::steady_clock::now();
  keep_outstanding(n, concurrency, [&store](int i, std::function<void(bool)> done) {
    store.accept(sample(i),
                 [done = std::move(done)](const Result<Accepted>& r) { done(r.has_value()); });
  });
  return n / Seconds(std::chrono::steady_clock::now() - t0).count();
}

/// Fills the queue with `n` messages, then drains it as a delivery loop would: claim a batch,
/// record each outcome as it "arrives", claim again. Answers messages/s of the drain alone.
double drain(MessageStore& store, int n, int concurrency) {
  group_commit(store, n, concurrency);
  std::atomic<int> recorded{0};
  std::mutex mutex;
  std::condition_variable cv;
  const auto* queued = dynamic_cast<const QueuedStore*>(&store);
  const std::size_t commits_before = queued != nullptr ? queued->commits() : 0;
  auto t0 = std::chrono::steady_clock::now();
  int claimed_total = 0;
  for (;;) {
    auto claimed = wait<std::vector<ClaimedMessage>>([&](auto done) {
      store.claim({"bench-node", std::chrono::seconds(60), 500, {}}, done);
    });
    if (!claimed || claimed->empty()) break;
    claimed_total += static_cast<int>(claimed->size());
    for (auto& c : *claimed) {
      store.record_attempt(c.lease, AttemptOutcome::delivered(R"({"error_code":0})"),
                           [&](const Result<void>& r) {
                             if (!r) std::fprintf(stderr, "bench: record failed\n");
                             std::lock_guard lock(mutex);
                             ++recorded;
                             cv.notify_all();
                           });
    }
  }
  std::unique_lock lock(mutex);
  cv.wait(lock, [&] { return recorded.load() == claimed_total; });
  double rate = claimed_total / Seconds(std::chrono::steady_clock::now() - t0).count();
  if (const auto* q = dynamic_cast<const QueuedStore*>(&store)) {
    std::printf(
        "%-10s drain: %zu commits (%.0f messages per commit)\n", "", q->commits() - commits_before,
        static_cast<double>(claimed_total) / static_cast<double>(q->commits() - commits_before));
  }
  if (claimed_total != n) std::fprintf(stderr, "bench: drained %d of %d\n", claimed_total, n);
  return rate;
}

void report_plain(const char* db, double plain, int rows) {
  std::printf("%-10s plain loop (1 row/commit, %d rows): %8.0f accepts/s\n", db, rows, plain);
}

void report(const char* db, double plain, int rows, double group, double drained, const Args& a) {
  report_plain(db, plain, rows);
  std::printf("%-10s group commit (%d accepts, %d outstanding): %8.0f accepts/s\n", db, a.accepts,
              a.concurrency, group);
  std::printf("%-10s ratio group/plain: %.1f (target >= 3)\n", db, group / plain);
  std::printf("%-10s drain of %d queued (claim 500 + record each): %8.0f messages/s\n", db, a.drain,
              drained);
}

void run_sqlite(const Args& a) {
  auto dir = std::filesystem::temp_directory_path() / ("lt-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  double plain = 0;
  int rows = 0;
  {
    auto migrated = open_sqlite_store(dir / "plain.db");  // same schema as the store
    if (!migrated) std::exit(2);
    migrated.value().reset();
    auto conn = SqliteConnection::open(dir / "plain.db");
    if (!conn) std::exit(2);
    plain = plain_loop(*conn.value(), a.plain, a.plain_seconds, rows);
  }
  if (a.plain_only) {
    std::filesystem::remove_all(dir);
    return report_plain("sqlite", plain, rows);
  }
  auto store = open_sqlite_store(dir / "group.db");
  auto drain_store = open_sqlite_store(dir / "drain.db");
  if (!store || !drain_store) std::exit(2);
  double group = group_commit(*store.value(), a.accepts, a.concurrency);
  double drained = drain(*drain_store.value(), a.drain, a.concurrency);
  store.value().reset();
  drain_store.value().reset();
  std::filesystem::remove_all(dir);
  report("sqlite", plain, rows, group, drained, a);
}

void pg_admin(const std::string& conninfo, const std::string& sql) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  PGresult* r = PQexec(c, ("SET client_min_messages = warning; " + sql).c_str());
  if (PQresultStatus(r) != PGRES_COMMAND_OK) std::exit(2);
  PQclear(r);
  PQfinish(c);
}

void run_pg(const Args& a) {
  auto schema = "bench_" + std::to_string(::getpid());
  auto with_schema = [&](const std::string& s) {
    return a.pg + " options='-csearch_path=" + s + "'";
  };
  double plain = 0;
  int rows = 0;
  double group = 0;
  double drained = 0;
  const std::vector<std::string> parts =
      a.plain_only ? std::vector<std::string>{"_plain"}
                   : std::vector<std::string>{"_plain", "_group", "_drain"};
  for (const auto& part : parts) pg_admin(a.pg, "CREATE SCHEMA " + schema + part);
  {
    auto migrated = open_pg_store(with_schema(schema + "_plain"));
    if (!migrated) std::exit(2);
    migrated.value().reset();
    auto conn = PgConnection::open(with_schema(schema + "_plain"));
    if (!conn) std::exit(2);
    plain = plain_loop(*conn.value(), a.plain, a.plain_seconds, rows);
  }
  if (!a.plain_only) {
    auto store = open_pg_store(with_schema(schema + "_group"));
    auto drain_store = open_pg_store(with_schema(schema + "_drain"));
    if (!store || !drain_store) std::exit(2);
    group = group_commit(*store.value(), a.accepts, a.concurrency);
    drained = drain(*drain_store.value(), a.drain, a.concurrency);
  }
  for (const auto& part : parts) pg_admin(a.pg, "DROP SCHEMA " + schema + part + " CASCADE");
  if (a.plain_only) return report_plain("postgresql", plain, rows);
  report("postgresql", plain, rows, group, drained, a);
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (const char* pg = std::getenv("LIENTHONG_TEST_PG")) a.pg = pg;
  for (int i = 1; i < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--plain-only") {
      a.plain_only = true;
      --i;  // a flag: no value
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "%s needs a value\n", k.c_str());
      return 2;
    }
    std::string v = argv[i + 1];
    if (k == "--plain")
      a.plain = std::stoi(v);
    else if (k == "--accepts")
      a.accepts = std::stoi(v);
    else if (k == "--concurrency")
      a.concurrency = std::stoi(v);
    else if (k == "--drain")
      a.drain = std::stoi(v);
    else if (k == "--pg")
      a.pg = v;
    else if (k == "--db" && (v == "sqlite" || v == "postgresql"))
      a.db = v;
    else if (k == "--plain-seconds")
      a.plain_seconds = std::stod(v);
    else if (k == "--body") {
      std::ifstream in(v, std::ios::binary);
      body_override().assign(std::istreambuf_iterator<char>(in), {});
      if (!in || body_override().empty()) {
        std::fprintf(stderr, "cannot read a body from %s\n", v.c_str());
        return 2;
      }
    } else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (a.db == "postgresql" && a.pg.empty()) {
    std::fprintf(stderr, "--db postgresql needs --pg or LIENTHONG_TEST_PG\n");
    return 2;
  }
  if (a.db.empty() || a.db == "sqlite") run_sqlite(a);
  if (!a.pg.empty() && (a.db.empty() || a.db == "postgresql")) run_pg(a);
  return 0;
}
