#include "sandbox/kyso/ca_index.hpp"

#include <gtest/gtest.h>

#include "core/base/time_text.hpp"
#include "core/security/ocsp/ocsp_request.hpp"
#include "tests/unit/sandbox/kyso/kyso_test_pki.hpp"

namespace lienthong::sandbox::kyso {
namespace {

constexpr std::string_view kSubject = "/C=VN/O=Lien Thong Hub (development only)/CN=x";

std::string line(std::string_view status, std::string_view expiry, std::string_view revocation,
                 std::string_view serial) {
  return std::string(status) + "\t" + std::string(expiry) + "\t" + std::string(revocation) + "\t" +
         std::string(serial) + "\tunknown\t" + std::string(kSubject) + "\n";
}

std::time_t utc(int y, int mo, int d, int h, int mi, int s) {
  return static_cast<std::time_t>(utc_seconds(y, mo, d, h, mi, s));
}

TEST(CaIndexTest, ParsesValidRevokedAndExpiredLines) {
  const std::string text = line("V", "290225080238Z", "", "449B97") +
                           line("R", "290225080240Z", "261123080241Z,keyCompromise", "0A") +
                           line("E", "210101000000Z", "", "0b") +
                           line("R", "20500101000000Z", "20300102030405Z", "FF");
  auto entries = parse_ca_index(text);
  ASSERT_TRUE(entries) << entries.error().to_string();
  ASSERT_EQ(entries->size(), 4u);

  const auto& valid = (*entries)[0];
  EXPECT_EQ(valid.status, IndexStatus::kValid);
  EXPECT_EQ(valid.expires, utc(2029, 2, 25, 8, 2, 38));
  EXPECT_FALSE(valid.revoked_at);
  EXPECT_EQ(valid.serial, "449B97");
  EXPECT_EQ(valid.subject, kSubject);

  const auto& revoked = (*entries)[1];
  EXPECT_EQ(revoked.status, IndexStatus::kRevoked);
  EXPECT_EQ(revoked.revoked_at, utc(2026, 11, 23, 8, 2, 41));
  EXPECT_EQ(revoked.reason, 1);
  EXPECT_EQ(revoked.serial, "A");  // leading zeros dropped

  EXPECT_EQ((*entries)[2].status, IndexStatus::kExpired);
  EXPECT_EQ((*entries)[2].serial, "B");
  EXPECT_EQ((*entries)[3].expires, utc(2050, 1, 1, 0, 0, 0));  // GeneralizedTime
  EXPECT_EQ((*entries)[3].revoked_at, utc(2030, 1, 2, 3, 4, 5));
  EXPECT_FALSE((*entries)[3].reason);  // no reason given
}

TEST(CaIndexTest, ReasonWordsAsOpensslCaWritesThem) {
  EXPECT_EQ(parse_index_reason("unspecified"), 0);
  EXPECT_EQ(parse_index_reason("keycompromise"), 1);  // case-insensitive, as openssl ca
  EXPECT_EQ(parse_index_reason("CACompromise"), 2);
  EXPECT_EQ(parse_index_reason("superseded"), 4);
  EXPECT_EQ(parse_index_reason("cessationOfOperation"), 5);
  EXPECT_EQ(parse_index_reason("certificateHold"), 6);
  EXPECT_EQ(parse_index_reason("removeFromCRL"), 8);  // code 7 is unused
  EXPECT_EQ(parse_index_reason("holdInstruction"), 6);
  EXPECT_EQ(parse_index_reason("keyTime"), 1);
  EXPECT_EQ(parse_index_reason("CAkeyTime"), 2);
  EXPECT_FALSE(parse_index_reason("stolen"));
  EXPECT_FALSE(parse_index_reason(""));

  auto hold = parse_ca_index(
      line("R", "290225080240Z", "261123080241Z,holdInstruction,holdInstructionReject", "1"));
  ASSERT_TRUE(hold) << hold.error().to_string();
  EXPECT_EQ(hold->front().reason, 6);
  auto key_time =
      parse_ca_index(line("R", "290225080240Z", "261123080241Z,keyTime,20261120000000Z", "1"));
  ASSERT_TRUE(key_time);
  EXPECT_EQ(key_time->front().reason, 1);
}

TEST(CaIndexTest, TimesAreStrict) {
  EXPECT_EQ(parse_index_time("491231235959Z"), utc(2049, 12, 31, 23, 59, 59));
  EXPECT_EQ(parse_index_time("500101000000Z"), utc(1950, 1, 1, 0, 0, 0));
  EXPECT_EQ(parse_index_time("20240229120000Z"), utc(2024, 2, 29, 12, 0, 0));
  EXPECT_FALSE(parse_index_time("20230229120000Z"));  // not a leap year
  EXPECT_FALSE(parse_index_time("260431000000Z"));    // 31 April
  EXPECT_FALSE(parse_index_time("261301000000Z"));
  EXPECT_FALSE(parse_index_time("261123246000Z"));
  EXPECT_FALSE(parse_index_time("261123080241"));  // no Z
  EXPECT_FALSE(parse_index_time("2611230802Z"));
  EXPECT_FALSE(parse_index_time("26112308024aZ"));
  EXPECT_FALSE(parse_index_time(""));
}

TEST(CaIndexTest, SerialsAreNormalised) {
  EXPECT_EQ(normalise_serial("00ab"), "AB");
  EXPECT_EQ(normalise_serial("000"), "0");
  EXPECT_FALSE(normalise_serial(""));
  EXPECT_FALSE(normalise_serial("12G4"));
}

TEST(CaIndexTest, ErrorsNameTheLine) {
  struct Case {
    std::string text;
    int line;
    std::string reason_part;
  };
  const std::vector<Case> cases = {
      {line("V", "290225080238Z", "", "01") + "X\t290225080238Z\t\t02\tunknown\t/CN=y\n", 2,
       "status must be V, R or E"},
      {"V\t290225080238Z\t\t01\tunknown\n", 1, "expected 6 tab-separated fields, found 5"},
      {line("V", "29022508023Z", "", "01"), 1, "expiry"},
      {line("R", "290225080238Z", "", "01"), 1, "revocation time is missing"},
      {line("R", "290225080238Z", "261123080241Z,stolen", "01"), 1, "unknown revocation reason"},
      {line("R", "290225080238Z", "261123080241Z,keyTime", "01"), 1, "needs an argument"},
      {line("V", "290225080238Z", "261123080241Z", "01"), 1, "only allowed when the status is R"},
      {line("V", "290225080238Z", "", "0x1"), 1, "serial is not hexadecimal"},
      {"# comment\n\n" + line("V", "290225080238Z", "", "01") +
           line("V", "290225080238Z", "", "001"),
       4, "serial 1 is already listed on line 3"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_ca_index(c.text);
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error().line, c.line) << c.text;
    EXPECT_NE(parsed.error().reason.find(c.reason_part), std::string::npos)
        << parsed.error().reason;
  }
}

TEST(CaIndexTest, SkipsCommentsBlankLinesAndCarriageReturns) {
  std::string crlf = line("V", "290225080238Z", "", "01");
  crlf.insert(crlf.size() - 1, "\r");
  auto index = CaIndex::parse("# openssl ca database\n\n" + crlf);
  ASSERT_TRUE(index) << index.error().to_string();
  EXPECT_EQ(index->size(), 1u);
  EXPECT_NE(index->find("1"), nullptr);
  EXPECT_NE(index->find("0001"), nullptr);
  EXPECT_EQ(index->find("2"), nullptr);
  EXPECT_EQ(index->find("zz"), nullptr);
}

TEST(CaIndexTest, LoadsTheDevPkiIndexAndNamesTheFileOnError) {
  auto index = CaIndex::load(testing::pki_file("intermediate-index.txt"));
  ASSERT_TRUE(index) << index.error().to_string();
  EXPECT_GE(index->size(), 9u);

  auto revoked = testing::load_cert("revoked.pem");
  const auto* entry = index->find(security::serial_hex(revoked.get()));
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->status, IndexStatus::kRevoked);
  EXPECT_EQ(entry->reason, 1);  // keyCompromise
  EXPECT_NE(entry->subject.find("CN=revoked-signer"), std::string::npos);

  const auto missing = testing::dev_pki() / "no-such-index.txt";
  auto error = CaIndex::load(missing);
  ASSERT_FALSE(error);
  EXPECT_EQ(error.error().file, missing.string());

  const auto bad = std::filesystem::temp_directory_path() /
                   ("lt-kyso-bad-index-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(bad) << line("V", "290225080238Z", "", "01")
                     << "V\tnot-a-time\t\t02\tunknown\t/CN=y\n";
  auto located = CaIndex::load(bad);
  std::filesystem::remove(bad);
  ASSERT_FALSE(located);
  EXPECT_EQ(located.error().file, bad.string());
  EXPECT_EQ(located.error().line, 2);
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
