#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/evidence/entry.hpp"

namespace lienthong::evidence {

/// One entry as read back from the store.
struct StoredEntry {
  std::string node;
  std::int64_t seq = 0;
  std::string text;  ///< what was hashed
  std::string hash;  ///< the hash column as written
};

/// Where a walk along one node's chain is: the entry it expects next.
struct ChainCursor {
  std::string node;
  std::int64_t next_seq = 1;
  std::string prev = std::string(kGenesis);  ///< the hash the next entry must name
  /// Starting mid-chain (`--since`): the first entry's `prev` is taken as given.
  bool trust_next_prev = false;
};

/// Checks that `entry` is the next link after `cursor` and moves the cursor on: its text
/// hashes to its hash column, it is an entry of this format, and its node, seq and prev are the
/// ones expected. The reason, in words an operator can act on, when it does not fit.
std::optional<std::string> check_link(ChainCursor& cursor, const StoredEntry& entry);

}  // namespace lienthong::evidence
