#include "core/admin/console_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace lienthong::admin {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;

class ConsoleFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("lt-console-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(dir() / "pages");
    write(dir() / "index.html", "<!doctype html><title>hub</title>");
    write(dir() / "app.js", "export const x = 1;\n");
    write(dir() / "style.css", "body{}");
    write(dir() / "pages" / "overview.js", "export {};\n");
    write(dir() / ".hidden", "not served");
    write(root_ / "secret.txt", "outside the console");
    fs::create_symlink(root_ / "secret.txt", dir() / "link.txt");
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path dir() const { return root_ / "console"; }
  static void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  static http::Response get(const ConsoleFiles& c, const std::string& target,
                            bhttp::verb verb = bhttp::verb::get, const std::string& etag = "") {
    http::Request req{verb, target, 11};
    if (!etag.empty()) req.set(bhttp::field::if_none_match, etag);
    auto res = c.handle(req);
    EXPECT_TRUE(res) << target;
    return res ? *res : http::Response{};
  }
  static void expect_secure(const http::Response& res) {
    EXPECT_EQ(res["Content-Security-Policy"], "default-src 'self'; frame-ancestors 'none'");
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  }
  fs::path root_;
};

TEST_F(ConsoleFilesTest, ServesIndexAtTheRootAndFilesUnderConsole) {
  auto console = ConsoleFiles::load(dir());
  EXPECT_EQ(console.size(), 4u);
  EXPECT_TRUE(console.problem().empty()) << console.problem();
  auto index = get(console, "/");
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_EQ(index[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(index.body(), "<!doctype html><title>hub</title>");
  expect_secure(index);
  EXPECT_EQ(index[bhttp::field::cache_control], "no-cache");
  auto js = get(console, "/console/app.js?v=2");
  EXPECT_EQ(js.result_int(), 200);
  EXPECT_EQ(js[bhttp::field::content_type], "text/javascript; charset=utf-8");
  expect_secure(js);
  EXPECT_EQ(get(console, "/console/style.css")[bhttp::field::content_type],
            "text/css; charset=utf-8");
  EXPECT_EQ(get(console, "/console/pages/overview.js").body(), "export {};\n");
  EXPECT_FALSE(console.handle(http::Request{bhttp::verb::get, "/admin/queue/messages", 11}));
  EXPECT_FALSE(console.handle(http::Request{bhttp::verb::get, "/healthz", 11}));
}

TEST_F(ConsoleFilesTest, AnUnchangedFileIsNotSentAgain) {
  auto console = ConsoleFiles::load(dir());
  auto first = get(console, "/console/app.js");
  const std::string etag(first[bhttp::field::etag]);
  ASSERT_EQ(etag.size(), 34u) << etag;
  auto again = get(console, "/console/app.js", bhttp::verb::get, etag);
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_TRUE(again.body().empty());
  expect_secure(again);
  EXPECT_EQ(get(console, "/console/app.js", bhttp::verb::get, "\"other\"").result_int(), 200);
  EXPECT_NE(std::string(get(console, "/console/style.css")[bhttp::field::etag]), etag);
}

TEST_F(ConsoleFilesTest, NothingOutsideTheFolderNorHiddenNorLinked) {
  auto console = ConsoleFiles::load(dir());
  for (const char* target :
       {"/console/../secret.txt", "/console/%2e%2e/secret.txt", "/console/link.txt",
        "/console/.hidden", "/console/", "/console/nope.js", "/console//etc/passwd",
        "/console/pages/../app.js"}) {
    auto res = get(console, target);
    EXPECT_EQ(res.result_int(), 404) << target;
    EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json") << target;
    EXPECT_EQ(res.body().find("outside the console"), std::string::npos) << target;
    expect_secure(res);
  }
}

TEST_F(ConsoleFilesTest, OnlyGetAndAMissingFolderSaysWhereItLooked) {
  auto console = ConsoleFiles::load(dir());
  auto post = get(console, "/", bhttp::verb::post);
  EXPECT_EQ(post.result_int(), 405);
  EXPECT_EQ(post[bhttp::field::allow], "GET");
  auto missing = ConsoleFiles::load(root_ / "no-such-folder");
  EXPECT_EQ(missing.size(), 0u);
  auto res = get(missing, "/");
  EXPECT_EQ(res.result_int(), 404);
  EXPECT_NE(res.body().find("no-such-folder"), std::string::npos) << res.body();
  EXPECT_NE(res.body().find("admin.console_dir"), std::string::npos) << res.body();
}

TEST(ConsoleFiles, TheRepositorysConsoleLoads) {
  auto console = ConsoleFiles::load(fs::path(LT_SOURCE_DIR) / "core/admin/console");
  EXPECT_TRUE(console.problem().empty()) << console.problem();
  auto index = console.handle(http::Request{bhttp::verb::get, "/", 11});
  ASSERT_TRUE(index);
  EXPECT_EQ(index->result_int(), 200);
  // Everything the page loads comes from the hub itself.
  EXPECT_EQ(index->body().find("http://"), std::string::npos);
  EXPECT_EQ(index->body().find("https://"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::admin
