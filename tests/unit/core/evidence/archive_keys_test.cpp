#include "core/evidence/archive_keys.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace lienthong::evidence {
namespace {

namespace fs = std::filesystem;

// 32 bytes 00 01 … 1f, as hex and as base64.
constexpr const char* kHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr const char* kBase64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

std::array<unsigned char, 32> counting_bytes() {
  std::array<unsigned char, 32> b{};
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<unsigned char>(i);
  return b;
}

class ArchiveKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lt-archive-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text, mode_t mode = 0600) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    ::chmod(p.c_str(), mode);
    return p;
  }

  static Result<ArchiveKeys> load_file(const fs::path& p) {
    return load_archive_keys({.current = {.id = "k1", .file = p, .env = {}}, .retired = {}});
  }

  fs::path dir_;
};

TEST_F(ArchiveKeysTest, ReadsHexAndBase64WithSurroundingWhitespace) {
  for (const std::string& text :
       {std::string(kHex), std::string(kBase64), "\n  " + std::string(kHex) + "\r\n",
        std::string(kBase64) + "\n",
        // upper-case hex is the same key
        std::string("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")}) {
    const auto keys = load_file(write("key", text));
    ASSERT_TRUE(keys) << keys.error().detail;
    EXPECT_EQ(keys->current().id, "k1");
    EXPECT_EQ(keys->current().bytes, counting_bytes());
    EXPECT_TRUE(keys->warnings().empty());
  }
}

TEST_F(ArchiveKeysTest, ReadsFromTheEnvironment) {
  ::setenv("LT_TEST_ARCHIVE_KEY", kBase64, 1);
  const auto keys = load_archive_keys(
      {.current = {.id = "env-1", .file = {}, .env = "LT_TEST_ARCHIVE_KEY"}, .retired = {}});
  ::unsetenv("LT_TEST_ARCHIVE_KEY");
  ASSERT_TRUE(keys) << keys.error().detail;
  EXPECT_EQ(keys->current().bytes, counting_bytes());
}

TEST_F(ArchiveKeysTest, CurrentAndRetiredKeysByIdCurrentFirst) {
  ::setenv("LT_TEST_OLD_KEY", kHex, 1);
  const auto keys = load_archive_keys(
      {.current = {.id = "2026-02", .file = write("new", std::string(64, 'a')), .env = {}},
       .retired = {{.id = "2025-11", .file = {}, .env = "LT_TEST_OLD_KEY"}}});
  ::unsetenv("LT_TEST_OLD_KEY");
  ASSERT_TRUE(keys) << keys.error().detail;
  EXPECT_EQ(keys->current().id, "2026-02");
  EXPECT_EQ(keys->ids(), (std::vector<std::string>{"2026-02", "2025-11"}));
  ASSERT_NE(keys->find("2025-11"), nullptr);
  EXPECT_EQ(keys->find("2025-11")->bytes, counting_bytes());
  EXPECT_EQ(keys->find("2026-02")->bytes[0], 0xaa);
  EXPECT_EQ(keys->find("2024-01"), nullptr);
}

// The one rule every parse error keeps: the message says where and why, never the key.
void expect_clean_error(const Result<ArchiveKeys>& keys, const std::string& where,
                        const std::string& secret) {
  ASSERT_FALSE(keys);
  const std::string& d = keys.error().detail;
  EXPECT_EQ(keys.error().kind, ProblemKind::kInternal);
  EXPECT_NE(d.find(where), std::string::npos) << d;
  if (!secret.empty()) {
    // Not the whole key, nor any 8-character piece of it.
    for (std::size_t i = 0; i + 8 <= secret.size(); ++i) {
      EXPECT_EQ(d.find(secret.substr(i, 8)), std::string::npos) << d;
    }
  }
}

TEST_F(ArchiveKeysTest, ParseErrorsNameTheFileButNeverTheKey) {
  const std::string short_hex = std::string(kHex).substr(0, 62);
  const std::string long_hex = std::string(kHex) + "20";
  const std::string junk = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1eZZ";
  const std::string short_b64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==";  // 31 bytes
  const std::string two_keys = std::string(kHex) + "\n" + kHex + "\n";
  for (const auto& [name, text] :
       std::vector<std::pair<std::string, std::string>>{{"short", short_hex},
                                                        {"long", long_hex},
                                                        {"junk", junk},
                                                        {"short-b64", short_b64},
                                                        {"two", two_keys},
                                                        {"empty", "  \n"}}) {
    const fs::path p = write(name, text);
    const auto keys = load_file(p);
    expect_clean_error(keys, p.string(), text.size() >= 8 ? text.substr(0, 60) : "");
    if (!keys) {
      EXPECT_NE(keys.error().detail.find("expected 64 hex characters or the base64 of 32 bytes"),
                std::string::npos)
          << keys.error().detail;
      EXPECT_NE(keys.error().detail.find("'k1'"), std::string::npos);
    }
  }
}

TEST_F(ArchiveKeysTest, MissingFileAndUnsetVariable) {
  const fs::path missing = dir_ / "nope.key";
  const auto from_file = load_file(missing);
  expect_clean_error(from_file, missing.string(), "");
  EXPECT_NE(from_file.error().detail.find("No such file"), std::string::npos)
      << from_file.error().detail;

  ::unsetenv("LT_TEST_UNSET_ARCHIVE_KEY");
  const auto from_env = load_archive_keys(
      {.current = {.id = "k1", .file = {}, .env = "LT_TEST_UNSET_ARCHIVE_KEY"}, .retired = {}});
  expect_clean_error(from_env, "environment variable LT_TEST_UNSET_ARCHIVE_KEY is not set", "");

  ::setenv("LT_TEST_BAD_ARCHIVE_KEY", "hunter2-hunter2-hunter2", 1);
  const auto bad_env = load_archive_keys(
      {.current = {.id = "k1", .file = {}, .env = "LT_TEST_BAD_ARCHIVE_KEY"}, .retired = {}});
  ::unsetenv("LT_TEST_BAD_ARCHIVE_KEY");
  expect_clean_error(bad_env, "environment variable LT_TEST_BAD_ARCHIVE_KEY",
                     "hunter2-hunter2-hunter2");

  // A retired key's error stops the load too and names that key.
  const auto retired =
      load_archive_keys({.current = {.id = "k1", .file = write("ok", kHex), .env = {}},
                         .retired = {{.id = "old", .file = missing, .env = {}}}});
  expect_clean_error(retired, "archive key 'old'", "");
}

TEST_F(ArchiveKeysTest, SourceAndIdMistakes) {
  const fs::path p = write("key", kHex);
  expect_clean_error(
      load_archive_keys({.current = {.id = "k1", .file = p, .env = "X"}, .retired = {}}),
      "exactly one of a file and an environment variable", "");
  expect_clean_error(
      load_archive_keys({.current = {.id = "k1", .file = {}, .env = {}}, .retired = {}}),
      "exactly one of a file and an environment variable", "");
  expect_clean_error(load_archive_keys({.current = {.id = "k1", .file = p, .env = {}},
                                        .retired = {{.id = "k1", .file = p, .env = {}}}}),
                     "two archive keys have the id 'k1'", "");
  expect_clean_error(
      load_archive_keys({.current = {.id = "a/b", .file = p, .env = {}}, .retired = {}}),
      "archive key id 'a/b'", "");
  expect_clean_error(
      load_archive_keys({.current = {.id = "k1", .file = dir_, .env = {}}, .retired = {}}),
      "not a regular file", "");
  expect_clean_error(load_file(write("huge", std::string(5000, 'a'))), "not a key file", "");
}

TEST_F(ArchiveKeysTest, LooseFileModeIsAWarningNotAnError) {
  const fs::path p = write("key", kHex, 0644);
  const auto keys = load_file(p);
  ASSERT_TRUE(keys) << keys.error().detail;
  ASSERT_EQ(keys->warnings().size(), 1U);
  const std::string& w = keys->warnings()[0];
  EXPECT_NE(w.find(p.string()), std::string::npos) << w;
  EXPECT_NE(w.find("0644"), std::string::npos) << w;
  EXPECT_EQ(w.find(std::string(kHex).substr(0, 8)), std::string::npos) << w;
}

TEST_F(ArchiveKeysTest, WritesANewKeyFileMode0600AndNeverReplacesOne) {
  const fs::path p = dir_ / "var" / "archive.key";
  ASSERT_TRUE(write_new_archive_key(p));
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
  std::ifstream in(p);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str().size(), 65U);
  EXPECT_EQ(text.str().back(), '\n');
  const auto first = load_file(p);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_TRUE(first->warnings().empty());

  const auto again = write_new_archive_key(p);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ProblemKind::kConflict);
  EXPECT_NE(again.error().detail.find(p.string()), std::string::npos);
  const auto still = load_file(p);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->current().bytes, first->current().bytes);

  // Two new keys differ (RAND_bytes, not a constant).
  const fs::path q = dir_ / "other.key";
  ASSERT_TRUE(write_new_archive_key(q));
  EXPECT_NE(load_file(q)->current().bytes, first->current().bytes);
}

TEST_F(ArchiveKeysTest, NewKeyFileInAFolderThatCannotBeMade) {
  const fs::path file = write("plain-file", "x");
  const auto r = write_new_archive_key(file / "archive.key");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find((file / "archive.key").string()), std::string::npos)
      << r.error().detail;
}

}  // namespace
}  // namespace lienthong::evidence
