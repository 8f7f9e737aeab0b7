#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lienthong::store {

// The evidence journal as the store keeps it (README.md "Evidence journal"; the entry format
// is core/evidence/entry.hpp).

/// One entry: its place in its node's chain, its exact text and the hash of that text.
struct EvidenceRow {
  std::string node;
  std::int64_t seq = 0;
  std::string id;
  std::string message_id;  ///< empty for entries of no message (an operator's bulk action)
  std::int64_t at_ms = 0;
  std::string entry;  ///< the text hashed
  std::string hash;   ///< as written; verification recomputes it
};

/// A body archived with an entry, sealed (raw bytes).
struct EvidenceBody {
  std::string role;
  std::string key_id;
  std::string nonce;
  std::string ciphertext;
  std::int64_t expires_at_ms = 0;
};

/// A time-stamp token over the text of entry `seq` of `node` (RFC 3161, DER).
struct EvidenceStamp {
  std::string node;
  std::int64_t seq = 0;
  std::string hash;   ///< the stamped entry's hash, as it was when stamped
  std::string token;  ///< DER TimeStampToken
  std::int64_t gen_time_ms = 0;
};

/// A node's chain: its head, and how far timestamps cover it.
struct EvidenceHead {
  std::string node;
  std::int64_t seq = 0;  ///< the last entry (0: none yet)
  std::string hash;
  std::int64_t stamped_seq = 0;  ///< the last entry a token covers (0: none)
  /// The time of the first entry no token covers yet (the journal's lag), when there is one.
  std::optional<std::int64_t> oldest_unstamped_ms;
};

}  // namespace lienthong::store
