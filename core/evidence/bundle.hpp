#pragma once

#include <string>
#include <vector>

#include "core/evidence/chain_check.hpp"
#include "core/evidence/zip_writer.hpp"

namespace lienthong::evidence {

/// One node's part of a message's evidence: its entries from the message's first up to the
/// first stamped head at or after its last (contiguous, oldest first), and the token over that
/// head.
struct BundleChain {
  std::string node;
  std::vector<StoredEntry> entries;
  std::string token_der;  ///< RFC 3161 TimeStampToken over the last entry's text
};

/// A decrypted body of one of the message's entries, with the hash its entry recorded.
struct BundleBody {
  std::string node;
  std::int64_t seq = 0;
  std::string role;
  std::string bytes;
  std::string expected_sha256;
};

/// The files of `lienthong evidence export` (pure; the command writes them with write_zip):
///   VERIFY.txt                            what to run, with sha256sum and openssl alone
///   SHA256SUMS                            each entry's hash as the next entry (or the token)
///                                         names it, and each body's as its entry names it
///   <node>/entries/<seq>.json             the entries, byte for byte as hashed
///   <node>/bodies/<seq>-<role>.bin        the message's archived bodies, decrypted
///   <node>/timestamp.tst                  the token over the last entry
///   tsa/anchors.pem, tsa/untrusted.pem    what the TSA's certificate chains to
/// `message_entries` are the (node, seq) of the message's own entries, listed in VERIFY.txt.
ZipFiles make_bundle(const std::string& message_id, const std::vector<BundleChain>& chains,
                     const std::vector<BundleBody>& bodies,
                     const std::vector<std::pair<std::string, std::int64_t>>& message_entries,
                     const std::string& anchors_pem, const std::string& untrusted_pem);

/// "000042": entry numbers padded so that a listing sorts in chain order.
std::string seq_name(std::int64_t seq);

}  // namespace lienthong::evidence
