#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/store/message_store.hpp"

namespace lienthong::store::testing {

/// Runs the same tests against each database: "sqlite" (a file in a fresh temp folder) and
/// "postgresql" (a fresh schema in the server named by LIENTHONG_TEST_PG; skipped when unset).
class StoreTest : public ::testing::TestWithParam<std::string> {
 public:
  static NewMessage message(std::string ordering_key = {}, std::string idempotency_key = {},
                            std::string body = R"({"MaHoSo":"000.00.00.H01-250101-0001"})");

 protected:
  void SetUp() override;
  void TearDown() override;

  /// A store on this test's database (a "node"); several may be open at once.
  std::unique_ptr<MessageStore> open();
  /// The same with the evidence journal on, as hub node `evidence_node`.
  std::unique_ptr<MessageStore> open(const std::string& evidence_node);
  /// What open() passes to the database (file path or connection string).
  [[nodiscard]] const std::string& where() const { return where_; }
  [[nodiscard]] bool is_pg() const { return GetParam() == "postgresql"; }
  /// Runs SQL on this test's database behind the store's back.
  void raw_exec(const std::string& sql);
  /// Takes schema step 4 (the evidence journal, the attempts' timeline) out again, so a test can
  /// make a database of an older step.
  void undo_step_four();

  TimePoint now() const { return from_millis(now_ms_.load()); }
  void advance(std::chrono::milliseconds d) { now_ms_ += d.count(); }

  static Accepted accept(MessageStore& s, NewMessage m);
  static std::vector<ClaimedMessage> claim(
      MessageStore& s, const std::string& node, int max = 10,
      std::chrono::milliseconds lease = std::chrono::seconds(30));
  static Result<void> record(MessageStore& s, const Lease& lease, AttemptOutcome outcome);
  static std::vector<std::string> ids(const std::vector<ClaimedMessage>& claimed);

  std::atomic<std::int64_t> now_ms_{1'780'000'000'000};
  std::filesystem::path dir_;
  std::string where_;
  std::string pg_admin_;
  std::string pg_schema_;
};

std::string backend_name(const ::testing::TestParamInfo<std::string>& info);

}  // namespace lienthong::store::testing
