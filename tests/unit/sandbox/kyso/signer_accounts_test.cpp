#include "sandbox/kyso/signer_accounts.hpp"

#include <gtest/gtest.h>

#include "core/schema/vn_identifiers.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::kyso {
namespace {

std::vector<std::string> errors_of(std::string_view text) {
  auto accounts = SignerAccounts::parse(text, "signers.json");
  std::vector<std::string> out;
  if (accounts) return out;
  for (const auto& e : accounts.error()) out.push_back(e.to_string());
  return out;
}

bool any_contains(const std::vector<std::string>& lines, std::string_view part) {
  for (const auto& l : lines) {
    if (l.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(SignerAccountsTest, TheDataFileHoldsTheSixAccounts) {
  auto accounts = SignerAccounts::load(test_support::data_dir() / "signers.json");
  ASSERT_TRUE(accounts) << accounts.error().front().to_string();
  ASSERT_EQ(accounts->accounts().size(), 6u);
  const std::vector<std::tuple<std::string, std::string, std::string, SignerBehaviour>> expected = {
      {"079085001234", "Nguyễn Văn An", "signer-an", SignerBehaviour::kApprove},
      {"001190004321", "Trần Thị Bình", "signer-binh", SignerBehaviour::kReject},
      {"048200005678", "Lê Văn Cường", "signer-cuong", SignerBehaviour::kIgnore},
      {"031075009999", "Phạm Thị Dung", "signer-dung", SignerBehaviour::kWrongSignature}};
  for (const auto& [id, name, cert, behaviour] : expected) {
    const auto* a = accounts->find(id);
    ASSERT_NE(a, nullptr) << id;
    EXPECT_EQ(a->full_name, name);
    EXPECT_EQ(a->certificate, cert);
    EXPECT_EQ(a->behaviour, behaviour);
  }
  ASSERT_NE(accounts->find("036088000111"), nullptr);
  EXPECT_EQ(accounts->find("036088000111")->certificate, "revoked");
  ASSERT_NE(accounts->find("040070002222"), nullptr);
  EXPECT_EQ(accounts->find("040070002222")->certificate, "expired");
  EXPECT_EQ(accounts->find("001089012345"), nullptr);
  for (const auto& a : accounts->accounts()) {
    EXPECT_FALSE(schema::check_citizen_id(a.user_id)) << a.user_id;
    EXPECT_GT(a.line, 0);
  }
}

TEST(SignerAccountsTest, BehavioursRoundTrip) {
  for (auto b : {SignerBehaviour::kApprove, SignerBehaviour::kReject, SignerBehaviour::kIgnore,
                 SignerBehaviour::kWrongSignature}) {
    EXPECT_EQ(parse_behaviour(to_string(b)), b);
  }
  EXPECT_FALSE(parse_behaviour("Approve"));
  EXPECT_FALSE(parse_behaviour(""));
}

TEST(SignerAccountsTest, RefusesBrokenRecordsWithFileLineAndKey) {
  const auto errors = errors_of(R"([
  {"user_id": "079085001234", "full_name": "A", "certificate": "signer-an", "behaviour": "approve"},
  {"user_id": "999085001234", "full_name": "B", "certificate": "../etc/passwd", "behaviour": "maybe",
   "phone": "0900"},
  {"user_id": "079085001234", "full_name": "", "certificate": "signer-an"}
])");
  EXPECT_TRUE(any_contains(errors, "signers.json:3: 1.user_id: first 3 digits are not a province"))
      << ::testing::PrintToString(errors);
  EXPECT_TRUE(any_contains(errors, "signers.json:3: 1.certificate: must be a base name"));
  EXPECT_TRUE(any_contains(errors, "1.behaviour: must be approve, reject, ignore or"));
  EXPECT_TRUE(any_contains(errors, "1.phone"));
  EXPECT_TRUE(any_contains(errors, "signers.json:5: 2.user_id: duplicate user_id"));
  EXPECT_TRUE(any_contains(errors, "2.certificate: another account has this certificate"));
  EXPECT_TRUE(any_contains(errors, "2.full_name: must be 1 to 100 bytes"));
  EXPECT_TRUE(any_contains(errors, "2.behaviour"));  // missing
}

TEST(SignerAccountsTest, RefusesWhatIsNotAListOfAccounts) {
  EXPECT_TRUE(any_contains(errors_of("{}"), "must be a non-empty list of accounts"));
  EXPECT_TRUE(any_contains(errors_of("[]"), "must be a non-empty list of accounts"));
  EXPECT_FALSE(errors_of("[1]").empty());
  EXPECT_FALSE(errors_of("[{").empty());
  EXPECT_TRUE(any_contains(errors_of(R"([{"user_id": 79085001234, "full_name": "A",
    "certificate": "a", "behaviour": "ignore"}])"),
                           "user_id"));
  auto missing = SignerAccounts::load("/nonexistent/signers.json");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().front().file.find("signers.json"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
