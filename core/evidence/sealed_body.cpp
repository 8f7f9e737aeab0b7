#include "core/evidence/sealed_body.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <memory>

namespace lienthong::evidence {
namespace {

constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}

Problem internal(std::string detail) {
  return Problem::make(ProblemKind::kInternal, std::move(detail));
}

// EVP takes int lengths; the hub's bodies are far smaller than this, so larger is a bug upstream.
bool fits_int(std::size_t n) {
  return n < static_cast<std::size_t>(INT_MAX) - kTagSize;
}

// Sets cipher, key and nonce in one place for both directions. The nonce length is set
// explicitly although 12 is GCM's default, so a future change of kNonceSize cannot slip by.
bool init(EVP_CIPHER_CTX* ctx, bool encrypt, const ArchiveKey& key, std::string_view nonce) {
  const int enc = encrypt ? 1 : 0;
  return EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr, enc) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                             nullptr) == 1 &&
         EVP_CipherInit_ex(ctx, nullptr, nullptr, key.bytes.data(), bytes(nonce), enc) == 1;
}

bool add_aad(EVP_CIPHER_CTX* ctx, std::string_view aad) {
  int unused = 0;
  return aad.empty() ||
         EVP_CipherUpdate(ctx, nullptr, &unused, bytes(aad), static_cast<int>(aad.size())) == 1;
}

}  // namespace

namespace detail {

Result<SealedBody> seal_with_nonce(const ArchiveKey& key, std::string_view nonce,
                                   std::string_view plaintext, std::string_view associated_data) {
  if (nonce.size() != kNonceSize) return internal("archive nonce must be 12 bytes");
  if (!fits_int(plaintext.size()) || !fits_int(associated_data.size())) {
    return Problem::make(ProblemKind::kTooLarge, "body too large to archive (2 GiB or more)");
  }
  const CipherCtx ctx(EVP_CIPHER_CTX_new());
  SealedBody out;
  out.key_id = key.id;
  out.nonce = std::string(nonce);
  out.ciphertext.resize(plaintext.size() + kTagSize);
  int len = 0;
  int tail = 0;
  const bool ok =
      ctx && init(ctx.get(), true, key, nonce) && add_aad(ctx.get(), associated_data) &&
      (plaintext.empty() ||
       EVP_EncryptUpdate(ctx.get(), bytes(out.ciphertext), &len, bytes(plaintext),
                         static_cast<int>(plaintext.size())) == 1) &&
      EVP_EncryptFinal_ex(ctx.get(), bytes(out.ciphertext) + len, &tail) == 1 &&
      static_cast<std::size_t>(len) + static_cast<std::size_t>(tail) == plaintext.size() &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize),
                          bytes(out.ciphertext) + plaintext.size()) == 1;
  if (!ok) return internal("archive encryption failed (OpenSSL AES-256-GCM)");
  return out;
}

}  // namespace detail

namespace {

// Random nonces, drawn from OpenSSL's DRBG 128 at a time: one RAND_bytes call costs about as
// much as sealing a small body (the bench profile showed it at a third of `seal`), and slices
// of one draw are as unpredictable and as unlikely to repeat as separate draws.
bool next_nonce(std::string& nonce) {
  constexpr std::size_t kBatch = 128 * kNonceSize;
  thread_local std::array<unsigned char, kBatch> pool{};
  thread_local std::size_t used = kBatch;
  if (used == kBatch) {
    if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1) return false;
    used = 0;
  }
  nonce.assign(reinterpret_cast<const char*>(pool.data() + used), kNonceSize);
  OPENSSL_cleanse(pool.data() + used, kNonceSize);  // a used nonce does not stay behind
  used += kNonceSize;
  return true;
}

}  // namespace

Result<SealedBody> seal(const ArchiveKeys& keys, std::string_view plaintext,
                        std::string_view associated_data) {
  std::string nonce;
  if (!next_nonce(nonce)) return internal("archive encryption failed: OpenSSL RAND_bytes failed");
  return detail::seal_with_nonce(keys.current(), nonce, plaintext, associated_data);
}

Result<std::string> open(const ArchiveKeys& keys, const SealedBody& body,
                         std::string_view associated_data) {
  const ArchiveKey* key = keys.find(body.key_id);
  if (key == nullptr) return internal("no archive key with id " + body.key_id);
  if (body.nonce.size() != kNonceSize || body.ciphertext.size() < kTagSize) {
    return internal("archived body is malformed (key id " + body.key_id + "): nonce of " +
                    std::to_string(body.nonce.size()) + " bytes, ciphertext of " +
                    std::to_string(body.ciphertext.size()) + " bytes");
  }
  if (!fits_int(body.ciphertext.size()) || !fits_int(associated_data.size())) {
    return Problem::make(ProblemKind::kTooLarge, "archived body too large to open (2 GiB or more)");
  }
  const std::size_t size = body.ciphertext.size() - kTagSize;
  // GCM_SET_TAG wants a writable buffer although it only reads it.
  std::string tag = body.ciphertext.substr(size);
  const CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || !init(ctx.get(), false, *key, body.nonce) ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize),
                          tag.data()) != 1) {
    return internal("archive decryption failed (OpenSSL AES-256-GCM)");
  }
  std::string plain(size, '\0');
  int len = 0;
  int tail = 0;
  const bool updated =
      add_aad(ctx.get(), associated_data) &&
      (size == 0 || EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, bytes(body.ciphertext),
                                      static_cast<int>(size)) == 1);
  // Final is where GCM compares the tag; nothing decrypted leaves before it has passed.
  if (!updated || EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + len, &tail) != 1) {
    // Unauthenticated plaintext may still be personal data: not left in freed memory.
    OPENSSL_cleanse(plain.data(), plain.size());
    return internal("archived body fails authentication (key id " + body.key_id +
                    "): it was altered or the key is wrong");
  }
  return plain;
}

}  // namespace lienthong::evidence
