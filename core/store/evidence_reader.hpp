#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/problem.hpp"
#include "core/store/evidence_rows.hpp"
#include "core/store/message.hpp"

namespace lienthong::store {

/// The read side of the evidence journal (README.md "Evidence journal"), for `evidence verify`
/// and `export`, the stamper and the tests. Callable from any thread; a backend serialises the
/// reads on a connection of its own, so they never wait for the writer.
class EvidenceReader {
 public:
  virtual ~EvidenceReader() = default;

  /// Every node's chain head, by node name.
  virtual Result<std::vector<EvidenceHead>> heads() = 0;
  /// Entries of `node` after `after_seq`, in chain order, at most `limit`.
  virtual Result<std::vector<EvidenceRow>> entries(const std::string& node, std::int64_t after_seq,
                                                   int limit) = 0;
  /// The first entry of `node` written at or after `since` (0: none).
  virtual Result<std::int64_t> first_since(const std::string& node, TimePoint since) = 0;
  /// Every entry about one message (or record), by node and chain order.
  virtual Result<std::vector<EvidenceRow>> of_message(std::string_view message_id) = 0;
  /// Archived bodies of the entries after_seq < seq <= to_seq of `node`.
  virtual Result<std::vector<std::pair<std::int64_t, EvidenceBody>>> bodies(
      const std::string& node, std::int64_t after_seq, std::int64_t to_seq) = 0;
  /// Tokens over heads of `node` at or after `from_seq`, oldest first, at most `limit`.
  virtual Result<std::vector<EvidenceStamp>> stamps(const std::string& node, std::int64_t from_seq,
                                                    int limit) = 0;
};

}  // namespace lienthong::store
