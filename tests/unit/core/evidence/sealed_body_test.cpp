#include "core/evidence/sealed_body.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "core/base/digest.hpp"

namespace lienthong::evidence {
namespace {

std::string unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

ArchiveKey key_from_hex(std::string id, std::string_view key_hex) {
  ArchiveKey k;
  k.id = std::move(id);
  const std::string b = unhex(key_hex);
  std::copy(b.begin(), b.end(), k.bytes.begin());
  return k;
}

ArchiveKey counting_key(std::string id, unsigned char start = 0) {
  ArchiveKey k;
  k.id = std::move(id);
  for (std::size_t i = 0; i < k.bytes.size(); ++i)
    k.bytes[i] = static_cast<unsigned char>(start + i);
  return k;
}

ArchiveKeys ring(ArchiveKey current, std::vector<ArchiveKey> retired = {}) {
  auto r = ArchiveKeys::make(std::move(current), std::move(retired));
  EXPECT_TRUE(r);
  return std::move(r).value();
}

constexpr std::string_view kAad = "hub-1/000042/request";
const std::string kBody = R"({"citizenId":"001089012345","fullName":"Nguyễn Văn An"})";

// "The Galois/Counter Mode of Operation (GCM)", McGrew & Viega, revised 2005, Appendix B,
// Test Case 16: AES-256, 96-bit IV, 60-byte plaintext, 20-byte additional data (also confirmed
// with Python cryptography 48's AESGCM).
TEST(SealedBody, GcmSpecTestCase16) {
  const ArchiveKey key =
      key_from_hex("tc16", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  const std::string nonce = unhex("cafebabefacedbaddecaf888");
  const std::string plain = unhex(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
      "49a6b525b16aedf5aa0de657ba637b39");
  const std::string aad = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const auto sealed = detail::seal_with_nonce(key, nonce, plain, aad);
  ASSERT_TRUE(sealed) << sealed.error().detail;
  EXPECT_EQ(sealed->key_id, "tc16");
  EXPECT_EQ(sealed->nonce, nonce);
  EXPECT_EQ(hex_lower(sealed->ciphertext),
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b0"
            "8b1056828838c5f61e6393ba7a0abcc9f662"
            "76fc6ece0f4e1768cddf8853bb2d551b");  // tag
  const auto opened = open(ring(key), *sealed, aad);
  ASSERT_TRUE(opened) << opened.error().detail;
  EXPECT_EQ(*opened, plain);
}

// A body shaped like the hub's, computed with Python cryptography 48:
//   AESGCM(bytes(range(32))).encrypt(bytes.fromhex("000102030405060708090a0b"),
//                                    b'{"citizenId":"001089012345"}', b"hub-1/000042/request")
// and the empty body with empty associated data under the same key and nonce.
TEST(SealedBody, HubShapedVectorsFromPythonCryptography) {
  const ArchiveKey key = counting_key("dev");
  const std::string nonce = unhex("000102030405060708090a0b");
  const auto sealed = detail::seal_with_nonce(key, nonce, R"({"citizenId":"001089012345"})", kAad);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(hex_lower(sealed->ciphertext),
            "3c20b572b18cb87ee308f3a98bcb485db2e6bf0dc04a6d4f0c52c7f899e31d594d8b0dea840f1f8fd895"
            "beab");
  const auto empty = detail::seal_with_nonce(key, nonce, "", "");
  ASSERT_TRUE(empty);
  EXPECT_EQ(hex_lower(empty->ciphertext), "f4c2db1dc38805a37b92171c5d0a81cc");
  const auto opened = open(ring(key), *empty, "");
  ASSERT_TRUE(opened) << opened.error().detail;
  EXPECT_EQ(*opened, "");
}

TEST(SealedBody, RoundTripWithRandomNonces) {
  const ArchiveKeys keys = ring(counting_key("dev"));
  std::string binary("\x00\x01\xff\x00 pdf", 8);
  for (const std::string& body : {kBody, binary, std::string(), std::string(100000, 'x')}) {
    const auto sealed = seal(keys, body, kAad);
    ASSERT_TRUE(sealed) << sealed.error().detail;
    EXPECT_EQ(sealed->key_id, "dev");
    EXPECT_EQ(sealed->nonce.size(), 12U);
    EXPECT_EQ(sealed->ciphertext.size(), body.size() + 16);
    if (body.size() > 16) {
      EXPECT_EQ(sealed->ciphertext.find(body.substr(0, 16)), std::string::npos);
    }
    const auto opened = open(keys, *sealed, kAad);
    ASSERT_TRUE(opened) << opened.error().detail;
    EXPECT_EQ(*opened, body);
  }
  const auto a = seal(keys, kBody, kAad);
  const auto b = seal(keys, kBody, kAad);
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->nonce, b->nonce);
  EXPECT_NE(a->ciphertext, b->ciphertext);
}

TEST(SealedBody, NoncesNeverRepeatAcrossPoolRefillsOrThreads) {
  // Nonces come from a pool of 128 per thread: 1000 seals on two threads cross many refills.
  const ArchiveKeys keys = ring(counting_key("dev"));
  std::vector<std::string> nonces[2];
  auto run = [&](std::vector<std::string>& out) {
    for (int i = 0; i < 500; ++i) {
      const auto sealed = seal(keys, kBody, kAad);
      ASSERT_TRUE(sealed);
      out.push_back(sealed->nonce);
    }
  };
  std::thread other(run, std::ref(nonces[1]));
  run(nonces[0]);
  other.join();
  std::set<std::string> seen(nonces[0].begin(), nonces[0].end());
  seen.insert(nonces[1].begin(), nonces[1].end());
  EXPECT_EQ(seen.size(), 1000U);
  EXPECT_EQ(seen.count(std::string(12, '\0')), 0U);
}

void expect_authentication_failure(const ArchiveKeys& keys, const SealedBody& body,
                                   std::string_view aad) {
  const auto opened = open(keys, body, aad);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().detail, "archived body fails authentication (key id " + body.key_id +
                                       "): it was altered or the key is wrong");
}

TEST(SealedBody, AnyFlippedByteFailsAuthentication) {
  const ArchiveKeys keys = ring(counting_key("dev"));
  const auto sealed = seal(keys, kBody, kAad);
  ASSERT_TRUE(sealed);
  const std::size_t body_size = sealed->ciphertext.size() - 16;
  // First, middle and last byte of the ciphertext proper, then of the tag.
  for (const std::size_t i : {std::size_t{0}, body_size / 2, body_size - 1, body_size,
                              body_size + 8, sealed->ciphertext.size() - 1}) {
    SealedBody changed = *sealed;
    changed.ciphertext[i] = static_cast<char>(changed.ciphertext[i] ^ 0x01);
    SCOPED_TRACE(i);
    expect_authentication_failure(keys, changed, kAad);
  }
  for (std::size_t i = 0; i < 12; ++i) {
    SealedBody changed = *sealed;
    changed.nonce[i] = static_cast<char>(changed.nonce[i] ^ 0x80);
    SCOPED_TRACE(i);
    expect_authentication_failure(keys, changed, kAad);
  }
}

TEST(SealedBody, OtherAssociatedDataFailsSoBodiesCannotBeSwapped) {
  const ArchiveKeys keys = ring(counting_key("dev"));
  const auto request = seal(keys, kBody, "hub-1/000042/request");
  ASSERT_TRUE(request);
  expect_authentication_failure(keys, *request, "hub-1/000042/response");
  expect_authentication_failure(keys, *request, "hub-1/000043/request");
  expect_authentication_failure(keys, *request, "hub-2/000042/request");
  expect_authentication_failure(keys, *request, "");
}

TEST(SealedBody, WrongKeyUnderTheSameIdFailsAuthentication) {
  const auto sealed = seal(ring(counting_key("dev")), kBody, kAad);
  ASSERT_TRUE(sealed);
  expect_authentication_failure(ring(counting_key("dev", 1)), *sealed, kAad);
}

TEST(SealedBody, RotationKeepsOldBodiesOpenByTheirKeyId) {
  const ArchiveKeys before = ring(counting_key("2025-11"));
  const auto old_body = seal(before, kBody, kAad);
  ASSERT_TRUE(old_body);

  const ArchiveKeys after = ring(counting_key("2026-02", 100), {counting_key("2025-11")});
  const auto new_body = seal(after, "after rotation", kAad);
  ASSERT_TRUE(new_body);
  EXPECT_EQ(new_body->key_id, "2026-02");

  const auto old_opened = open(after, *old_body, kAad);
  ASSERT_TRUE(old_opened) << old_opened.error().detail;
  EXPECT_EQ(*old_opened, kBody);
  const auto new_opened = open(after, *new_body, kAad);
  ASSERT_TRUE(new_opened) << new_opened.error().detail;
  EXPECT_EQ(*new_opened, "after rotation");

  // The old ring does not know the new key; a ring without the retired key cannot open old ones.
  const auto unknown = open(before, *new_body, kAad);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().detail, "no archive key with id 2026-02");
  const auto dropped = open(ring(counting_key("2026-02", 100)), *old_body, kAad);
  ASSERT_FALSE(dropped);
  EXPECT_EQ(dropped.error().detail, "no archive key with id 2025-11");
}

TEST(SealedBody, TruncatedFieldsAreMalformedNotACrash) {
  const ArchiveKeys keys = ring(counting_key("dev"));
  const auto sealed = seal(keys, kBody, kAad);
  ASSERT_TRUE(sealed);
  SealedBody short_nonce = *sealed;
  short_nonce.nonce.pop_back();
  SealedBody no_tag = *sealed;
  no_tag.ciphertext.resize(15);
  for (const SealedBody& b : {short_nonce, no_tag}) {
    const auto opened = open(keys, b, kAad);
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().detail.find("archived body is malformed (key id dev)"),
              std::string::npos)
        << opened.error().detail;
  }
  // Exactly a tag and nothing else is well formed, and still must authenticate.
  SealedBody tag_only = *sealed;
  tag_only.ciphertext.resize(16);
  expect_authentication_failure(keys, tag_only, kAad);
  EXPECT_FALSE(detail::seal_with_nonce(counting_key("dev"), "short", kBody, kAad));
}

}  // namespace
}  // namespace lienthong::evidence
