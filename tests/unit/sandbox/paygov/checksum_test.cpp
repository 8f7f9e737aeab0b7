#include "sandbox/paygov/checksum.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <array>

#include "core/base/digest.hpp"
#include "sandbox/paygov/wire.hpp"
#include "tests/unit/sandbox/paygov/paygov_test_support.hpp"

namespace lienthong::sandbox::paygov {
namespace {

// The expected value, computed here with OpenSSL's one-shot digest over the literally written
// joined string, apart from the code under test.
std::string openssl_sha256_hex(const std::string& text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EXPECT_EQ(EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr), 1);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

TEST(PaygovChecksumTest, Sha256HexOfKnownVectors) {
  // FIPS 180-2 test vector "abc" and the empty string.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(PaygovChecksumTest, InitFieldOrderAndSecretLast) {
  const auto m = test_support::init_message("HS-0001");
  const std::string joined =
      "INIT|1.0.6|LIENTHONG|HS-0001|150000|PAY|1|1|vi-VN|VND|PAYMENT|"
      "Nộp lệ phí hồ sơ 000.00.01.H22-250701-0001|20250701093000|10.0.0.7|s3cret";
  EXPECT_EQ(m["MaXacThuc"], openssl_sha256_hex(joined));
  EXPECT_EQ(checksum(m, kInitChecksumOrder, "s3cret"), openssl_sha256_hex(joined));
}

TEST(PaygovChecksumTest, LookupReconcileIpnAndAnswerOrders) {
  EXPECT_EQ(test_support::lookup_message("QUERY", "HS-0001")["MaXacThuc"],
            openssl_sha256_hex("QUERY|1.0.6|LIENTHONG|HS-0001|20250701093000|s3cret"));
  EXPECT_EQ(test_support::lookup_message("GET_BILL", "HS-0001")["MaXacThuc"],
            openssl_sha256_hex("GET_BILL|1.0.6|LIENTHONG|HS-0001|20250701093000|s3cret"));
  EXPECT_EQ(test_support::reconcile_message("20250701")["MaXacThuc"],
            openssl_sha256_hex("DOI_SOAT|1.0.6|LIENTHONG|20250701|20250701093000|s3cret"));
  const nlohmann::json ipn = {
      {"LoaiBanTin", "IPN"},         {"MaLoi", "00"},           {"MaDoiTac", "LIENTHONG"},
      {"MaThamChieu", "HS-0001"},    {"SoTien", 150000},        {"MaTienTe", "VND"},
      {"MaGiaoDich", "PG1"},         {"MaNganHang", "PAYMENT"}, {"ThoiGianGD", "20250701093500"},
      {"ThongTinGiaoDich", "Le phi"}};
  EXPECT_EQ(checksum(ipn, kIpnChecksumOrder, "s3cret"),
            openssl_sha256_hex("IPN|00|LIENTHONG|HS-0001|150000|VND|PG1|PAYMENT|20250701093500|"
                               "Le phi|s3cret"));
  const nlohmann::json answer = {
      {"MaLoi", "04"}, {"MaDoiTac", "LIENTHONG"}, {"ThoiGianGD", "20250701093501"}};
  EXPECT_EQ(checksum(answer, kIpnAnswerChecksumOrder, "s3cret"),
            openssl_sha256_hex("04|LIENTHONG|20250701093501|s3cret"));
}

TEST(PaygovChecksumTest, AbsentFieldsAreEmptyAndNumbersDecimal) {
  const nlohmann::json m = {{"a", "x"}, {"n", 1000000}};
  const std::array<std::string_view, 3> order = {"a", "missing", "n"};
  EXPECT_EQ(checksum(m, order, "k"), openssl_sha256_hex("x||1000000|k"));
  EXPECT_EQ(checksum_text(m, "n"), "1000000");
  EXPECT_EQ(checksum_text(m, "missing"), "");
}

TEST(PaygovChecksumTest, MatchIsExactAndLowercase) {
  const auto good = sha256_hex("abc");
  EXPECT_TRUE(checksum_matches(good, good));
  std::string upper = good;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(checksum_matches(upper, good));
  EXPECT_FALSE(checksum_matches(good.substr(1), good));
  EXPECT_FALSE(checksum_matches("", good));
  EXPECT_FALSE(checksum_matches("", ""));
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
