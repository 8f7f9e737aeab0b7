#pragma once

#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/evidence/archive_keys.hpp"

/// Archived wire bodies encrypted at rest (issue 12, point 3): AES-256-GCM (OpenSSL EVP) with the
/// ring's current key, a fresh random 96-bit nonce per body, and associated data that binds the
/// body to its journal entry, so a body copied into another entry's row fails to open. Pure: no
/// I/O; the caller stores the three fields as they are.
namespace lienthong::evidence {

/// One sealed body, as stored. All fields are raw bytes.
struct SealedBody {
  std::string key_id;      ///< id of the ArchiveKey that sealed it (survives a rotation)
  std::string nonce;       ///< 12 random bytes (RAND_bytes)
  std::string ciphertext;  ///< ciphertext || 16-byte GCM tag
  bool operator==(const SealedBody&) const = default;
};

/// Encrypts `plaintext` with the ring's current key. `associated_data` is authenticated but not
/// stored: pass what names the body's place, e.g. "<node>/<seq>/<role>", and the same again to
/// open(). Random 96-bit nonces keep one key safe for 2^32 bodies (NIST SP 800-38D §8.3):
/// rotate long before. Errors (`kInternal`): the random generator or the cipher fails; a body of
/// 2 GiB or more (`kTooLarge`).
Result<SealedBody> seal(const ArchiveKeys& keys, std::string_view plaintext,
                        std::string_view associated_data);

/// Decrypts a sealed body with the key its `key_id` names, after checking its tag over the
/// ciphertext, nonce and `associated_data`. Errors (`kInternal`, each its own `detail`):
/// "no archive key with id X" (the key was dropped from the ring); "archived body fails
/// authentication (key id X): it was altered or the key is wrong" (any changed byte, or other
/// associated data); a nonce that is not 12 bytes or a ciphertext shorter than a tag
/// ("archived body is malformed ...").
Result<std::string> open(const ArchiveKeys& keys, const SealedBody& body,
                         std::string_view associated_data);

namespace detail {

/// seal() with a given nonce (12 bytes), for known-answer tests only: a nonce must never be
/// used twice with one key, which only random nonces ensure.
Result<SealedBody> seal_with_nonce(const ArchiveKey& key, std::string_view nonce,
                                   std::string_view plaintext, std::string_view associated_data);

}  // namespace detail
}  // namespace lienthong::evidence
