#include "core/evidence/zip_writer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "tests/support/run_command.hpp"

namespace lienthong::evidence {
namespace {

namespace fs = std::filesystem;
using lienthong::testing::run_command;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class ZipWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lt-zip-writer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(dir_);
  }

  // One file of `zip` as unzip extracts it, byte for byte (through a file: run_command's pipe
  // reads text lines and would stop at a NUL byte).
  std::string extract(const fs::path& zip, const std::string& name) {
    const fs::path out = dir_ / "extracted.bin";
    fs::remove(out);
    const std::string said =
        run_command("(unzip -p '" + zip.string() + "' '" + name + "' > '" + out.string() + "')");
    EXPECT_EQ(said, "") << name;
    std::string bytes = read_file(out);
    fs::remove(out);
    return bytes;
  }

  fs::path dir_;
};

const std::string kBinary("%PDF-1.7\n\x00\x01\x02\xff\xfe\x00 end\x00", 22);

ZipFiles bundle() {
  std::string entry = R"({"seq":1,"connector":"dkdn","operation":"lookup-enterprise",)";
  for (int i = 0; i < 50; ++i) entry += R"("pad":"the same words again and again",)";
  entry += "\"end\":true}\n";
  return {{"VERIFY.txt", "sha256sum -c SHA256SUMS\nopenssl ts -verify ...\n"},
          {"entries/000001.json", entry},
          {"bodies/000001-request.bin", kBinary}};
}

TEST_F(ZipWriterTest, UnzipListsAndExtractsEveryFileByteForByte) {
  const fs::path zip = dir_ / "bundle.zip";
  const ZipFiles files = bundle();
  const auto written = write_zip(zip, files);
  ASSERT_TRUE(written) << written.error().detail;

  const std::string list = run_command("unzip -l '" + zip.string() + "'");
  for (const auto& [name, bytes] : files) {
    EXPECT_NE(list.find(std::to_string(bytes.size()) + " "), std::string::npos) << list;
    EXPECT_NE(list.find(name), std::string::npos) << list;
    EXPECT_EQ(extract(zip, name), bytes) << name;
  }
  EXPECT_NE(list.find("3 files"), std::string::npos) << list;
  // Deflated: the repetitive entry shrinks, and unzip's own check of every CRC passes.
  const std::string verbose = run_command("unzip -v '" + zip.string() + "'");
  std::size_t deflated = 0;
  for (auto at = verbose.find("Defl:"); at != std::string::npos;
       at = verbose.find("Defl:", at + 1)) {
    ++deflated;
  }
  EXPECT_EQ(deflated, files.size()) << verbose;
  EXPECT_NE(run_command("unzip -tq '" + zip.string() + "'").find("No errors detected"),
            std::string::npos);
  EXPECT_LT(fs::file_size(zip), files[1].second.size());

  struct stat st {};
  ASSERT_EQ(::stat(zip.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
  EXPECT_EQ(listing(dir_), (std::vector<std::string>{"bundle.zip"}));  // no temporary left
}

TEST_F(ZipWriterTest, ReplacesAnExistingFileWhole) {
  const fs::path zip = dir_ / "bundle.zip";
  std::ofstream(zip) << "an older export";
  ASSERT_TRUE(write_zip(zip, bundle()));
  EXPECT_EQ(extract(zip, "bodies/000001-request.bin"), kBinary);
  EXPECT_EQ(listing(dir_), (std::vector<std::string>{"bundle.zip"}));
}

TEST_F(ZipWriterTest, UnwritableTargetGivesAnErrorAndLeavesNothing) {
  // A folder that does not exist, and one whose parent is a plain file: fail before writing.
  for (const fs::path& target : {dir_ / "missing" / "bundle.zip", dir_ / "plain" / "bundle.zip"}) {
    std::ofstream(dir_ / "plain") << "x";
    const auto r = write_zip(target, bundle());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ProblemKind::kInternal);
    EXPECT_NE(r.error().detail.find("cannot write zip " + target.string()), std::string::npos)
        << r.error().detail;
    EXPECT_EQ(listing(dir_), (std::vector<std::string>{"plain"}));
  }

  // The target is a folder: the temporary file is written, the rename fails, and it is removed.
  fs::create_directories(dir_ / "is-a-folder");
  const auto onto_folder = write_zip(dir_ / "is-a-folder", bundle());
  ASSERT_FALSE(onto_folder);
  EXPECT_NE(onto_folder.error().detail.find("Is a directory"), std::string::npos)
      << onto_folder.error().detail;
  EXPECT_EQ(listing(dir_), (std::vector<std::string>{"is-a-folder", "plain"}));

  // A read-only folder (root is not held back by modes, so only as another user).
  if (::geteuid() != 0) {
    fs::create_directories(dir_ / "ro");
    fs::permissions(dir_ / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    const auto r = write_zip(dir_ / "ro" / "bundle.zip", bundle());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().detail.find("Permission denied"), std::string::npos) << r.error().detail;
    EXPECT_TRUE(fs::is_empty(dir_ / "ro"));
    fs::permissions(dir_ / "ro", fs::perms::owner_all);
  }
}

TEST_F(ZipWriterTest, RefusesNamesThatEscapeOrCollide) {
  const fs::path zip = dir_ / "bundle.zip";
  for (const std::string& name :
       {std::string("/etc/passwd"), std::string("../up.txt"), std::string("entries/../../x"),
        std::string("a//b"), std::string("a\\b"), std::string("dir/"), std::string("./x"),
        std::string()}) {
    const auto r = write_zip(zip, {{"ok.txt", "fine"}, {name, "bad"}});
    ASSERT_FALSE(r) << name;
    EXPECT_NE(r.error().detail.find("unsafe file name"), std::string::npos) << r.error().detail;
  }
  const auto twice = write_zip(zip, {{"a.txt", "1"}, {"a.txt", "2"}});
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().detail.find("given twice: a.txt"), std::string::npos);
  EXPECT_FALSE(write_zip(zip, {}));
  EXPECT_TRUE(listing(dir_).empty());
}

}  // namespace
}  // namespace lienthong::evidence
