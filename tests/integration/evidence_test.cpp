// Issue 12, points 1-4 end to end: exchanges through the hub journal themselves, the TSA stamps
// the chain head, `lienthong evidence verify` recomputes it all and names the first entry that
// does not fit (one row edited, one byte of a sealed body changed), and `evidence export` writes
// a bundle an auditor checks with sha256sum and openssl ts alone.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "cli_support.hpp"
#include "core/base/base64.hpp"
#include "hub_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace lienthong::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void sql(const fs::path& db, const std::string& statement) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  sqlite3_busy_timeout(h, 5000);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(h, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error != nullptr ? error : "");
  sqlite3_free(error);
  sqlite3_close(h);
}

std::string sql_text(const fs::path& db, const std::string& query) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_busy_timeout(h, 5000);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(h, query.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

class Evidence : public HubFixture {
 protected:
  void customize(config::HubConfig& config) override {
    config.evidence.node = "it-node";
    config.evidence.stamp_every_entries = 2;
    config.evidence.stamp_every_s = 1;
  }
  void SetUp() override {
    HubFixture::SetUp();
    dir_ = fs::temp_directory_path() / ("lt-evidence-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "connectors");
    // What the CLI needs of the hub's config: its store, the TSA's anchors, the archive key.
    const auto& c = hub_->config();
    json cli = {
        {"var_dir", dir_.string()},
        {"store", {{"type", "sqlite"}, {"path", store_path_.string()}}},
        {"evidence",
         {{"node", "it-node"},
          {"archive_key",
           {{"id", c.evidence.archive_key->id}, {"file", c.evidence.archive_key->file.string()}}}}},
        {"time_stamp_authority",
         {{"url", c.time_stamp_authority.url},
          {"trust_anchors", {c.time_stamp_authority.trust_anchors[0].string()}},
          {"intermediates", {c.time_stamp_authority.intermediates[0].string()}}}},
        {"sandbox", {{"enabled", false}}}};
    std::ofstream(dir_ / "hub.json") << cli.dump(2);
  }
  void TearDown() override {
    fs::remove_all(dir_);
    HubFixture::TearDown();
  }
  lienthong::testing::Run evidence(const std::string& args) {
    return run("evidence " + args + " --config " + (dir_ / "hub.json").string());
  }
  // Every entry written so far covered by a token.
  bool all_stamped(std::chrono::seconds within = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
      auto heads = hub_->store().evidence().heads();
      if (heads && !heads->empty() && (*heads)[0].seq > 0 &&
          (*heads)[0].stamped_seq == (*heads)[0].seq) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  std::string lookup() {
    auto r = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}});
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return std::string(r["X-Message-ID"]);
  }
  fs::path dir_;
};

TEST_F(Evidence, ExchangesAreJournalledStampedVerifiedAndExported) {
  const auto id = lookup();
  lookup();
  auto citizen = post_json("/v1/dancu/lookup-citizen", {{"citizenId", "001089012345"},
                                                        {"fullName", "Nguyễn Văn An"},
                                                        {"dateOfBirth", "1989-05-17"}});
  EXPECT_EQ(citizen.result_int(), 200) << citizen.body();
  ASSERT_TRUE(all_stamped()) << "the TSA stamps the head within a period";

  // The entries of the lookup: request, wire hashes, sealed bodies; dancu's signatures.
  auto entries = hub_->store().evidence().of_message(id);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1U);
  const auto entry = json::parse((*entries)[0].entry);
  EXPECT_EQ(entry["kind"], "exchange");
  EXPECT_EQ(entry["outcome"], "200");
  EXPECT_FALSE(entry.contains("client"));
  EXPECT_EQ(entry["actor"], "tester");
  EXPECT_EQ(entry["sent_sha256"].get<std::string>().size(), 64U);
  EXPECT_EQ(entry["received_sha256"].get<std::string>().size(), 64U);
  EXPECT_EQ(entry["archived"].size(), 2U) << entry;
  const auto signed_entry =
      hub_->store().evidence().of_message(std::string(citizen["X-Message-ID"]));
  ASSERT_TRUE(signed_entry && signed_entry->size() == 1U);
  const auto dancu = json::parse((*signed_entry)[0].entry);
  ASSERT_EQ(dancu["signatures"].size(), 2U) << dancu;
  EXPECT_EQ(dancu["signatures"][0]["role"], "sent");
  EXPECT_FALSE(dancu["signatures"][0]["value"].get<std::string>().empty());
  EXPECT_EQ(dancu["signatures"][1]["role"], "received");
  EXPECT_EQ(dancu.count("archived"), 0U) << "dancu keeps hashes only";
  EXPECT_EQ((*signed_entry)[0].entry.find("001089012345"), std::string::npos);

  auto verified = evidence("verify");
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("chain it-node: "), std::string::npos) << verified.output;
  EXPECT_NE(verified.output.find("archived bodies: OK"), std::string::npos) << verified.output;

  // The auditor's side: unzip, sha256sum -c, openssl ts -verify, nothing of the hub's.
  const auto zip = dir_ / "bundle.zip";
  auto exported = evidence("export " + id + " --out " + zip.string());
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  const auto out = dir_ / "unzipped";
  run_command("unzip -q -o " + zip.string() + " -d " + out.string());
  ASSERT_TRUE(fs::exists(out / "VERIFY.txt"));
  const auto sums = run_command("cd " + out.string() + " && sha256sum -c SHA256SUMS; echo rc=$?");
  EXPECT_NE(sums.find("rc=0"), std::string::npos) << sums;
  EXPECT_NE(sums.find("bodies/"), std::string::npos) << "the lookup's bodies are in it: " << sums;
  const auto verify_txt = slurp(out / "VERIFY.txt");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(verify_txt, m, std::regex("openssl ts -verify [^\n]*")))
      << verify_txt;
  const auto ts = run_command("cd " + out.string() + " && " + m.str(0) + " 2>&1");
  EXPECT_NE(ts.find("Verification: OK"), std::string::npos) << ts;
  // SHA256SUMS says what the entries say: each line's hash is the next entry's prev.
  std::ifstream list(out / "SHA256SUMS");
  std::vector<std::pair<std::string, std::string>> lines;
  for (std::string hash, path; list >> hash >> path;) lines.emplace_back(hash, path);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i + 1].second.find("/entries/") == std::string::npos) break;
    const auto next = json::parse(slurp(out / lines[i + 1].second));
    EXPECT_EQ(next["prev"], lines[i].first) << lines[i].second;
  }
  // The decrypted body is the registry's answer.
  bool found_body = false;
  for (const auto& f : fs::recursive_directory_iterator(out)) {
    if (f.path().string().ends_with("-received.bin")) {
      found_body = slurp(f.path()).find("0100109106") != std::string::npos;
    }
  }
  EXPECT_TRUE(found_body);
}

TEST_F(Evidence, VerifyNamesTheEntryThatWasEditedAndTheBodyThatWasChanged) {
  const auto id = lookup();
  lookup();
  lookup();
  ASSERT_TRUE(all_stamped());
  ASSERT_EQ(evidence("verify").exit_code, 0);
  const auto seq =
      sql_text(store_path_, "SELECT seq FROM evidence WHERE message_id = '" + id + "'");
  ASSERT_FALSE(seq.empty());

  // One row of the database edited: the outcome rewritten.
  const auto original = sql_text(store_path_, "SELECT entry FROM evidence WHERE seq = " + seq);
  sql(store_path_,
      "UPDATE evidence SET entry = replace(entry, '\"outcome\":\"200\"', "
      "'\"outcome\":\"500\"') WHERE seq = " +
          seq);
  auto edited = evidence("verify");
  EXPECT_EQ(edited.exit_code, 1) << edited.output;
  EXPECT_NE(edited.output.find("FAILED: entry it-node/" + seq + " "), std::string::npos)
      << edited.output;
  EXPECT_NE(edited.output.find(id), std::string::npos) << edited.output;
  EXPECT_NE(edited.output.find("altered"), std::string::npos) << edited.output;
  std::string quoted = original;
  for (std::size_t at = 0; (at = quoted.find('\'', at)) != std::string::npos; at += 2) {
    quoted.insert(at, "'");
  }
  sql(store_path_, "UPDATE evidence SET entry = '" + quoted + "' WHERE seq = " + seq);
  ASSERT_EQ(evidence("verify").exit_code, 0) << "restored";

  // One byte of an archived body changed.
  const auto sealed =
      sql_text(store_path_, "SELECT ciphertext FROM evidence_bodies WHERE seq = " + seq +
                                " AND role = 'received'");
  auto bytes = decode_base64(sealed);
  ASSERT_TRUE(bytes && !bytes->empty());
  (*bytes)[bytes->size() / 2] ^= 0x01;
  sql(store_path_, "UPDATE evidence_bodies SET ciphertext = '" + base64_encode(*bytes) +
                       "' WHERE seq = " + seq + " AND role = 'received'");
  auto changed = evidence("verify");
  EXPECT_EQ(changed.exit_code, 1) << changed.output;
  EXPECT_NE(changed.output.find("FAILED: entry it-node/" + seq + " "), std::string::npos)
      << changed.output;
  EXPECT_NE(changed.output.find("archived received body"), std::string::npos) << changed.output;
  EXPECT_NE(changed.output.find("fails authentication"), std::string::npos) << changed.output;
}

TEST_F(Evidence, ExportRefusesAMessageItHasNoEvidenceOf) {
  auto unknown =
      evidence("export 00000000-0000-7000-8000-000000000000 --out " + (dir_ / "x.zip").string());
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.output.find("no evidence of message"), std::string::npos) << unknown.output;
  EXPECT_FALSE(fs::exists(dir_ / "x.zip"));
}

}  // namespace
}  // namespace lienthong::testing
