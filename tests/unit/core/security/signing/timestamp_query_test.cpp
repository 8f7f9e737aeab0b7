// make_timestamp_query(): what `openssl ts -query -text` reads in the request.
#include "core/security/signing/timestamp_query.hpp"

#include <gtest/gtest.h>
#include <openssl/ts.h>

#include <filesystem>

#include "tests/support/run_command.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security::signing {
namespace {

namespace fs = std::filesystem;
using namespace security::testing;
using lienthong::testing::run_command;

const std::string kImprint(32, '\x5a');
const std::string kNonce("\x01\x02\x03\x04\x05\x06\x07\x08", 8);

TEST(TimestampQuery, OpensslReadsTheRequestItMeans) {
  auto query = make_timestamp_query(kImprint, kNonce);
  ASSERT_TRUE(query) << query.error();
  EXPECT_EQ(query->imprint, kImprint);
  EXPECT_EQ(query->nonce, kNonce);
  const fs::path dir = fresh_temp_dir("tsq");
  write_file(dir / "q.tsq", query->der);
  const std::string text =
      run_command("openssl ts -query -in '" + (dir / "q.tsq").string() + "' -text");
  fs::remove_all(dir);
  EXPECT_NE(text.find("Version: 1"), std::string::npos) << text;
  EXPECT_NE(text.find("Hash Algorithm: sha256"), std::string::npos) << text;
  EXPECT_NE(text.find("5a 5a 5a 5a"), std::string::npos) << text;
  EXPECT_NE(text.find("Policy OID: unspecified"), std::string::npos) << text;
  EXPECT_NE(text.find("Nonce: 0x0102030405060708"), std::string::npos) << text;
  EXPECT_NE(text.find("Certificate required: yes"), std::string::npos) << text;
  EXPECT_NE(text.find("Extensions:\n"), std::string::npos) << text;
}

TEST(TimestampQuery, PicksEightRandomNonceBytesWhenGivenNone) {
  auto a = make_timestamp_query(kImprint);
  auto b = make_timestamp_query(kImprint);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->nonce.size(), 8u);
  EXPECT_NE(a->nonce, b->nonce);
  EXPECT_NE(a->der, b->der);
  // The nonce in the DER is the one reported.
  const auto* p = reinterpret_cast<const unsigned char*>(a->der.data());
  std::unique_ptr<TS_REQ, decltype(&TS_REQ_free)> req(
      d2i_TS_REQ(nullptr, &p, static_cast<long>(a->der.size())), TS_REQ_free);
  ASSERT_TRUE(req);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(
      ASN1_INTEGER_to_BN(TS_REQ_get_nonce(req.get()), nullptr), BN_free);
  std::string bytes(8, '\0');
  BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()), 8);
  EXPECT_EQ(bytes, a->nonce);
}

TEST(TimestampQuery, RefusesAnImprintThatIsNotSha256AndAnOversizedNonce) {
  auto sha1 = make_timestamp_query(std::string(20, 'x'));
  ASSERT_FALSE(sha1);
  EXPECT_EQ(sha1.error(), "imprint must be 32 bytes of SHA-256, got 20");
  auto nonce = make_timestamp_query(kImprint, std::string(33, 'n'));
  ASSERT_FALSE(nonce);
  EXPECT_EQ(nonce.error(), "nonce longer than 32 bytes");
}

}  // namespace
}  // namespace lienthong::security::signing
