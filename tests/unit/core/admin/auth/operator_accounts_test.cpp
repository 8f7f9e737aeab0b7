#include "core/admin/auth/operator_accounts.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace lienthong::admin::auth {
namespace {

namespace fs = std::filesystem;

// hashlib.pbkdf2_hmac('sha256', b'correct horse', b'0123456789abcdef', 100000, 32)
constexpr std::string_view kHash =
    "pbkdf2-sha256$100000$MDEyMzQ1Njc4OWFiY2RlZg==$WYEVV1ul0qBt7iGnOFpq5RmH0aOFvmOKTlUAgn9mWYM=";
constexpr std::string_view kFingerprint =
    "4f2c3b7e5a1d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09";

class OperatorAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = fs::temp_directory_path() /
            ("lt-operators-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
  }
  void TearDown() override { fs::remove(file_); }
  Result<OperatorAccounts, config::ConfigErrors> load(const std::string& text) {
    std::ofstream(file_) << text;
    return OperatorAccounts::load(file_);
  }
  std::string errors(const Result<OperatorAccounts, config::ConfigErrors>& r) {
    std::string out;
    if (!r) {
      for (const auto& e : r.error()) out += e.to_string() + "\n";
    }
    return out;
  }
  fs::path file_;
};

TEST_F(OperatorAccountsTest, AMissingFileIsNobody) {
  auto accounts = OperatorAccounts::load(file_);
  ASSERT_TRUE(accounts);
  EXPECT_TRUE(accounts->accounts.empty());
  EXPECT_EQ(accounts->find("lan"), nullptr);
}

TEST_F(OperatorAccountsTest, ReadsPasswordAndCertificateOperators) {
  auto accounts = load(std::string(R"({"operators": [
    {"name": "lan", "role": "operator", "password": ")") +
                       std::string(kHash) + R"("},
    {"name": "minh.nv", "role": "viewer", "certificate_sha256": ")" +
                       std::string(kFingerprint) + R"("}]})");
  ASSERT_TRUE(accounts) << errors(accounts);
  const auto* lan = accounts->find("lan");
  ASSERT_NE(lan, nullptr);
  EXPECT_EQ(lan->role, Role::kOperator);
  EXPECT_EQ(lan->password_hash, kHash);
  const auto* minh = accounts->find_by_certificate(kFingerprint);
  ASSERT_NE(minh, nullptr);
  EXPECT_EQ(minh->name, "minh.nv");
  EXPECT_EQ(minh->role, Role::kViewer);
  EXPECT_EQ(accounts->find_by_certificate(""), nullptr);
  // What to_text writes reads back the same.
  std::ofstream(file_) << accounts->to_text();
  auto again = OperatorAccounts::load(file_);
  ASSERT_TRUE(again) << errors(again);
  EXPECT_EQ(again->to_text(), accounts->to_text());
}

TEST_F(OperatorAccountsTest, EveryMistakeIsLocated) {
  auto accounts = load(R"({"operators": [
    {"name": "Lan!", "role": "admin", "password": "hunter2"},
    {"name": "minh", "role": "viewer"},
    {"name": "minh", "role": "viewer", "certificate_sha256": "AB:CD", "colour": "red"}
  ], "extra": 1})");
  ASSERT_FALSE(accounts);
  const std::string f = file_.string();
  EXPECT_EQ(errors(accounts),
            f + ":5: extra: unknown key\n" +                                        //
                f + ":2: operators.0.name: 1-64 of a-z, 0-9, '.', '_' and '-'\n" +  //
                f + ":2: operators.0.role: must be viewer or operator\n" +          //
                f +
                ":2: operators.0.password: a password hash is pbkdf2-sha256$ITERATIONS$SALT$KEY "
                "(lienthong admin passwd writes one)\n" +
                f + ":3: operators.1: needs a password or a certificate_sha256 to sign in with\n" +
                f + ":4: operators.2.name: a second operator named minh\n" + f +
                ":4: operators.2.certificate_sha256: 64 lowercase hex digits (openssl x509 "
                "-fingerprint -sha256, without the colons)\n" +
                f + ":4: operators.2.colour: unknown key\n")
      << errors(accounts);
}

TEST_F(OperatorAccountsTest, NotJsonOrNotAListIsAnError) {
  EXPECT_FALSE(load("{\"operators\": "));
  auto not_list = load(R"({"operators": {"name": "lan"}})");
  ASSERT_FALSE(not_list);
  EXPECT_NE(errors(not_list).find("must be a list of {name, role, password}"), std::string::npos);
  EXPECT_FALSE(load(R"({})"));  // the key is required: an empty file is a mistake
}

TEST(OperatorNames, AreSafeInLogsAndFiles) {
  EXPECT_TRUE(is_operator_name("lan"));
  EXPECT_TRUE(is_operator_name("nguyen.van-a_2"));
  EXPECT_FALSE(is_operator_name(""));
  EXPECT_FALSE(is_operator_name("Lan"));
  EXPECT_FALSE(is_operator_name("lan nguyen"));
  EXPECT_FALSE(is_operator_name("lân"));
  EXPECT_FALSE(is_operator_name(std::string(65, 'a')));
  EXPECT_EQ(parse_role("viewer"), Role::kViewer);
  EXPECT_EQ(parse_role("operator"), Role::kOperator);
  EXPECT_EQ(parse_role("admin"), std::nullopt);
}

}  // namespace
}  // namespace lienthong::admin::auth
