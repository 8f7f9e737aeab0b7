#include "core/admin/auth/local_token.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace lienthong::admin::auth {
namespace {

namespace fs = std::filesystem;

class LocalTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lt-local-token-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(LocalTokenTest, MadeOnceOwnerOnlyAndThenReused) {
  const auto file = dir_ / "var" / std::string(kLocalTokenFile);
  auto first = ensure_local_token(file);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->size(), 43U);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto again = ensure_local_token(file);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *first);  // a second hub on the same var folder shares it
  auto read = read_local_token(file);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, *first);
  EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()),
            1);  // no temporary file left beside it
}

TEST_F(LocalTokenTest, AFileThatIsNotATokenIsAnErrorAndKept) {
  fs::create_directories(dir_);
  const auto file = dir_ / std::string(kLocalTokenFile);
  std::ofstream(file) << "hunter2\n";
  auto token = ensure_local_token(file);
  ASSERT_FALSE(token);
  EXPECT_NE(token.error().detail.find("is not a local admin token"), std::string::npos);
  std::ifstream in(file);
  std::string kept;
  std::getline(in, kept);
  EXPECT_EQ(kept, "hunter2");
  auto missing = read_local_token(dir_ / "nowhere.token");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().detail.find("is the hub running"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::admin::auth
