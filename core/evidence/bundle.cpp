#include "core/evidence/bundle.hpp"

#include <cstdio>

namespace lienthong::evidence {
namespace {

std::string entry_path(const std::string& node, std::int64_t seq) {
  return node + "/entries/" + seq_name(seq) + ".json";
}

}  // namespace

std::string seq_name(std::int64_t seq) {
  char text[32];
  std::snprintf(text, sizeof text, "%06lld", static_cast<long long>(seq));
  return text;
}

ZipFiles make_bundle(const std::string& message_id, const std::vector<BundleChain>& chains,
                     const std::vector<BundleBody>& bodies,
                     const std::vector<std::pair<std::string, std::int64_t>>& message_entries,
                     const std::string& anchors_pem, const std::string& untrusted_pem) {
  ZipFiles files;
  std::string sums;
  std::string stamps;
  for (const auto& chain : chains) {
    for (std::size_t i = 0; i < chain.entries.size(); ++i) {
      const auto& e = chain.entries[i];
      files.emplace_back(entry_path(chain.node, e.seq), e.text);
      // The hash each entry must have, as the chain itself says it: the next entry's prev.
      // The last one's is the hash of what the token covers, checked by openssl ts -verify.
      const auto next = i + 1 < chain.entries.size()
                            ? parse_entry(chain.entries[i + 1].text)
                            : Result<ParsedEntry>(Problem::make(ProblemKind::kNotFound, ""));
      const std::string expected = next ? next->link.prev : e.hash;
      sums += expected + "  " + entry_path(chain.node, e.seq) + "\n";
    }
    const auto& head = chain.entries.back();
    files.emplace_back(chain.node + "/timestamp.tst", chain.token_der);
    stamps += "  openssl ts -verify -token_in -in " + chain.node + "/timestamp.tst -data " +
              entry_path(chain.node, head.seq) + " -CAfile tsa/anchors.pem" +
              (untrusted_pem.empty() ? std::string() : " -untrusted tsa/untrusted.pem") + "\n";
  }
  for (const auto& b : bodies) {
    const auto path = b.node + "/bodies/" + seq_name(b.seq) + "-" + b.role + ".bin";
    files.emplace_back(path, b.bytes);
    sums += b.expected_sha256 + "  " + path + "\n";
  }
  files.emplace_back("tsa/anchors.pem", anchors_pem);
  if (!untrusted_pem.empty()) files.emplace_back("tsa/untrusted.pem", untrusted_pem);
  files.emplace_back("SHA256SUMS", sums);
  std::string own;
  for (const auto& [node, seq] : message_entries) own += "  " + entry_path(node, seq) + "\n";
  std::string verify =
      "Evidence of message " + message_id +
      " exported by Lien Thong Hub.\n\n"
      "Each entry is one line of JSON, byte for byte as the hub hashed it (SHA-256). Each entry\n"
      "names the hash of the entry before it (\"prev\"), so the last entry of a folder commits to\n"
      "every entry before it, and a time-stamp token from the TSA covers that last entry.\n\n"
      "The message's own entries:\n" +
      own +
      "\nCheck, from this folder (only sha256sum and openssl are needed):\n\n"
      "1. Every entry and body has the hash the chain records for it (for entries: the \"prev\"\n"
      "   of the entry after it; for bodies: \"sent_sha256\" / \"received_sha256\" of its entry):\n"
      "  sha256sum -c SHA256SUMS\n\n"
      "   To see that SHA256SUMS says what the entries say, compare its line for entry N with\n"
      "   the \"prev\" value in entry N+1 (grep -o '\"prev\":\"[0-9a-f]*\"' <entry>).\n\n"
      "2. The token covers the last entry of each folder and was issued by a trusted TSA:\n" +
      stamps +
      "\n   openssl prints \"Verification: OK\"; `openssl ts -reply -token_in -in <token> -text`\n"
      "   shows the time the TSA vouches for.\n";
  files.emplace(files.begin(), "VERIFY.txt", verify);
  return files;
}

}  // namespace lienthong::evidence
