#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/evidence/facts.hpp"

namespace lienthong::evidence {

/// `prev` of a chain's first entry.
inline constexpr std::string_view kGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// Where an entry sits: its hub node's chain, its number in it, the hash of the entry before.
struct ChainLink {
  std::string node;
  std::int64_t seq = 0;  ///< 1 for the first entry of a node
  std::string prev;      ///< hex SHA-256 of the previous entry's text; kGenesis for seq 1
  std::int64_t at_ms = 0;
};

/// The entry as stored and hashed: one line of JSON with sorted keys and no spaces, so that
/// `sha256sum` of a file holding exactly these bytes gives the entry's hash (an auditor checks
/// the chain with that tool alone). Absent facts are left out, not written empty.
std::string entry_text(const Facts& facts, const ChainLink& link);

/// The entry's hash: lowercase hex SHA-256 of its text.
std::string entry_hash(std::string_view text);

/// What an entry's text says about its place, read back (verification, export).
struct ParsedEntry {
  ChainLink link;
  std::string id;
  std::string message_id;
  std::string kind;
  std::string sent_sha256;
  std::string received_sha256;
};

/// Reads an entry's text; a Problem when it is not an entry of this format.
Result<ParsedEntry> parse_entry(std::string_view text);

/// The associated data that binds an archived body to its entry and role.
std::string body_binding(std::string_view entry_id, std::string_view role);

}  // namespace lienthong::evidence
