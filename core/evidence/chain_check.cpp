#include "core/evidence/chain_check.hpp"

namespace lienthong::evidence {

std::optional<std::string> check_link(ChainCursor& cursor, const StoredEntry& entry) {
  const auto actual = entry_hash(entry.text);
  if (actual != entry.hash) {
    return "its text does not hash to its recorded hash (the entry was altered)";
  }
  auto parsed = parse_entry(entry.text);
  if (!parsed) return parsed.error().detail;
  const auto& link = parsed->link;
  if (link.node != cursor.node || entry.node != cursor.node) {
    return "it names node " + link.node + ", not " + cursor.node;
  }
  if (link.seq != entry.seq || entry.seq != cursor.next_seq) {
    return "it is number " + std::to_string(link.seq) + " where " +
           std::to_string(cursor.next_seq) + " was expected (an entry is missing or moved)";
  }
  if (!cursor.trust_next_prev && link.prev != cursor.prev) {
    return "it does not follow entry " + std::to_string(cursor.next_seq - 1) +
           ": its prev is not that entry's hash (an earlier entry was altered or replaced)";
  }
  cursor.trust_next_prev = false;
  cursor.prev = actual;
  cursor.next_seq = entry.seq + 1;
  return std::nullopt;
}

}  // namespace lienthong::evidence
