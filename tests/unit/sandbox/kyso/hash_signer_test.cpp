#include "sandbox/kyso/hash_signer.hpp"

#include <gtest/gtest.h>

#include "core/base/base64.hpp"
#include "core/base/digest.hpp"
#include "tests/support/run_command.hpp"
#include "tests/unit/sandbox/kyso/remote_signing_test_support.hpp"

namespace lienthong::sandbox::kyso {
namespace {

TEST(HashSignerTest, DigestFromHexTakesExactly64HexDigits) {
  const auto hex = sha256_hex("abc");
  const auto bytes = digest_from_hex(hex);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->size(), 32u);
  EXPECT_EQ(static_cast<unsigned char>((*bytes)[0]), 0xba);
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(digest_from_hex(upper), bytes);
  EXPECT_FALSE(digest_from_hex(hex.substr(1)));
  EXPECT_FALSE(digest_from_hex(hex + "00"));
  EXPECT_FALSE(digest_from_hex(std::string(64, 'g')));
  EXPECT_FALSE(digest_from_hex(""));
}

TEST(HashSignerTest, TheSignatureVerifiesOverTheOriginalData) {
  auto key = testing::load_key("signer-an-key.pem");
  ASSERT_TRUE(key);
  const std::string data = "Quyết định số 12/QĐ-UBND";
  const auto signature = sign_sha256_digest(key.get(), *digest_from_hex(sha256_hex(data)));
  ASSERT_TRUE(signature);
  EXPECT_EQ(signature->size(), 256u);
  EXPECT_TRUE(testing::verifies("signer-an", data, base64_encode(*signature)));
  EXPECT_FALSE(testing::verifies("signer-an", data + ".", base64_encode(*signature)));
  EXPECT_FALSE(sign_sha256_digest(key.get(), "short"));
  EXPECT_FALSE(sign_sha256_digest(nullptr, std::string(32, 'x')));
}

TEST(HashSignerTest, OpensslPkeyutlVerifiesTheSignature) {
  auto key = testing::load_key("signer-an-key.pem");
  ASSERT_TRUE(key);
  const std::string data = "hồ sơ cần ký";
  const auto digest = *digest_from_hex(sha256_hex(data));
  const auto signature = sign_sha256_digest(key.get(), digest);
  ASSERT_TRUE(signature);
  const auto dir = security::testing::fresh_temp_dir("kyso-pkeyutl");
  security::testing::write_file(dir / "hash.bin", digest);
  security::testing::write_file(dir / "sig.bin", *signature);
  const std::string command = "openssl pkeyutl -verify -certin -inkey '" +
                              testing::pki_file("signer-an.pem").string() +
                              "' -pkeyopt digest:sha256 -in '" + (dir / "hash.bin").string() +
                              "' -sigfile '" + (dir / "sig.bin").string() + "'";
  const auto out = lienthong::testing::run_command(command);
  EXPECT_NE(out.find("Signature Verified Successfully"), std::string::npos) << out;
  // Another holder's certificate does not verify it.
  const auto other = lienthong::testing::run_command(
      "openssl pkeyutl -verify -certin -inkey '" + testing::pki_file("signer-binh.pem").string() +
      "' -pkeyopt digest:sha256 -in '" + (dir / "hash.bin").string() + "' -sigfile '" +
      (dir / "sig.bin").string() + "'");
  EXPECT_EQ(other.find("Signature Verified Successfully"), std::string::npos) << other;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
