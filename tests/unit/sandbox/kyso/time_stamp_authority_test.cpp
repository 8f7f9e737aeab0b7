// The kyso sandbox's RFC 3161 time-stamp authority, checked by a tool the project did not
// write: `openssl ts` makes the queries, reads the replies and verifies the tokens against the
// dev PKI's root.
#include "sandbox/kyso/time_stamp_authority.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "sandbox/kyso/kyso_mock.hpp"
#include "tests/support/run_command.hpp"
#include "tests/unit/sandbox/kyso/kyso_test_pki.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace fs = std::filesystem;
namespace bhttp = http::beast::http;
using ::lienthong::testing::run_command;
using test_support::make_request;

class TimeStampAuthorityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto mock = KysoMock::load(OcspResponderFiles::in_dev_pki(testing::dev_pki()), {},
                               TsaFiles::in_dev_pki(testing::dev_pki()));
    ASSERT_TRUE(mock) << mock.error().front().to_string();
    mock_ = *mock;
    dir_ =
        fs::temp_directory_path() /
        ("lt-tsa-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "doc.txt") << "Quyết định cấp giấy phép xây dựng số 12/QĐ-UBND\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  /// `openssl ts -query` over doc.txt with `options`; the DER query.
  std::string query(const std::string& options) const {
    fs::remove(dir_ / "q.tsq");
    const auto out = run_command("openssl ts -query -data " + path("doc.txt") + " " + options +
                                 " -out " + path("q.tsq") + " 2>&1");
    EXPECT_TRUE(fs::exists(dir_ / "q.tsq")) << out;
    return testing::read_file(dir_ / "q.tsq");
  }
  http::Response post(std::string body, std::string type = "application/timestamp-query") {
    return mock_->handle(
        make_request(bhttp::verb::post, "/tsa", std::move(body), {{"Content-Type", type}}));
  }
  /// Writes the reply and returns `openssl ts -reply -text` of it.
  std::string reply_text(const std::string& der) const {
    std::ofstream(dir_ / "r.tsr", std::ios::binary) << der;
    return run_command("openssl ts -reply -in " + path("r.tsr") + " -text 2>&1");
  }
  std::string verify() const {
    const auto pki = testing::dev_pki();
    return run_command("openssl ts -verify -data " + path("doc.txt") + " -in " + path("r.tsr") +
                       " -CAfile " + (pki / "root-ca.pem").string() + " -untrusted " +
                       (pki / "intermediate-ca.pem").string() + " 2>&1");
  }

  std::shared_ptr<KysoMock> mock_;
  fs::path dir_;
};

TEST_F(TimeStampAuthorityTest, ATokenOpensslVerifies) {
  const auto res = post(query("-sha256 -cert"));
  ASSERT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(res[bhttp::field::content_type], "application/timestamp-reply");
  const auto text = reply_text(res.body());
  EXPECT_NE(text.find("Status: Granted."), std::string::npos) << text;
  EXPECT_NE(text.find(std::string("Policy OID: ") + TimeStampAuthority::kPolicy), std::string::npos)
      << text;
  EXPECT_NE(text.find("Accuracy: 0x01 seconds"), std::string::npos) << text;
  EXPECT_NE(text.find("Nonce: 0x"), std::string::npos) << text;
  EXPECT_NE(text.find("TSA: DirName:"), std::string::npos) << text;
  EXPECT_NE(text.find("CN=lienthong-dev-tsa"), std::string::npos) << text;
  const auto verified = verify();
  EXPECT_NE(verified.find("Verification: OK"), std::string::npos) << verified;
  // One byte more in the document, and the same token no longer fits it.
  std::ofstream(dir_ / "doc.txt", std::ios::app) << "x";
  EXPECT_EQ(verify().find("Verification: OK"), std::string::npos);
}

TEST_F(TimeStampAuthorityTest, SerialsAreUniqueAndSha512IsAccepted) {
  const auto a = reply_text(post(query("-sha512 -cert")).body());
  const auto b = reply_text(post(query("-sha384 -no_nonce")).body());
  EXPECT_NE(a.find("Status: Granted."), std::string::npos) << a;
  EXPECT_NE(b.find("Status: Granted."), std::string::npos) << b;
  const auto serial = [](const std::string& t) {
    const auto at = t.find("Serial number: ");
    return at == std::string::npos ? std::string() : t.substr(at, t.find('\n', at) - at);
  };
  EXPECT_FALSE(serial(a).empty()) << a;
  EXPECT_NE(serial(a), serial(b));
}

TEST_F(TimeStampAuthorityTest, WhatItCannotStampIsARejectionNotAnError) {
  auto sha1 = reply_text(post(query("-sha1")).body());
  EXPECT_NE(sha1.find("Status: Rejected"), std::string::npos) << sha1;
  EXPECT_NE(sha1.find("unrecognized or unsupported algorithm"), std::string::npos) << sha1;
  auto policy = reply_text(post(query("-sha256 -tspolicy 1.2.3.4")).body());
  EXPECT_NE(policy.find("Status: Rejected"), std::string::npos) << policy;
  const auto garbage = post("not a TimeStampReq");
  ASSERT_EQ(garbage.result_int(), 200);
  EXPECT_NE(reply_text(garbage.body()).find("Status: Rejected"), std::string::npos);
}

TEST_F(TimeStampAuthorityTest, TheHttpSideRefusesWhatIsNotAQuery) {
  EXPECT_EQ(post(query("-sha256"), "application/octet-stream").result_int(), 400);
  EXPECT_EQ(mock_->handle(make_request(bhttp::verb::get, "/tsa", "")).result_int(), 405);
  // A dev PKI made before the TSA: OCSP still answers, the TSA says what to do.
  auto without = KysoMock::load(OcspResponderFiles::in_dev_pki(testing::dev_pki()));
  ASSERT_TRUE(without);
  const auto res = (*without)->handle(make_request(
      bhttp::verb::post, "/tsa", "x", {{"Content-Type", "application/timestamp-query"}}));
  EXPECT_EQ(res.result_int(), 503);
  EXPECT_NE(res.body().find("gen-dev-pki.sh"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
