// `lienthong evidence verify|export`: the evidence journal for operators and auditors (issue 12,
// point 4). Reads the store directly, like the queue commands; the chain rules are
// core/evidence (chain_check, bundle), the tokens are checked by core/security.
#include <algorithm>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "app/commands.hpp"
#include "core/base/digest.hpp"
#include "core/config/hub_config.hpp"
#include "core/evidence/bundle.hpp"
#include "core/evidence/sealed_body.hpp"
#include "core/pipeline/evidence/journal.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/signing/timestamp_reply.hpp"

namespace lienthong::app {
namespace {

namespace ev = lienthong::evidence;

/// What checking tokens and bodies needs, from the hub's config.
struct Checkers {
  std::optional<security::TrustStore> tsa_trust;
  security::Certificates tsa_untrusted;
  std::string anchors_pem;
  std::string untrusted_pem;
  std::optional<ev::ArchiveKeys> keys;
};

std::string read_files(const std::vector<std::filesystem::path>& files) {
  std::string out;
  for (const auto& f : files) {
    auto bytes = security::read_small_file(f);
    if (bytes) out += *bytes;
  }
  return out;
}

std::optional<Checkers> load_checkers(const config::HubConfig& config) {
  Checkers c;
  const auto& tsa = config.time_stamp_authority;
  if (!tsa.trust_anchors.empty()) {
    auto anchors = security::load_certificates(tsa.trust_anchors);
    auto untrusted = security::load_certificates(tsa.intermediates);
    if (!anchors || !untrusted) {
      std::cerr << (anchors ? untrusted.error() : anchors.error()).to_string() << '\n';
      return std::nullopt;
    }
    c.tsa_trust =
        security::TrustStore::from(std::move(anchors).value(), security::shared_copies(*untrusted));
    c.tsa_untrusted = std::move(untrusted).value();
    c.anchors_pem = read_files(tsa.trust_anchors);
    c.untrusted_pem = read_files(tsa.intermediates);
  }
  auto keys = pipeline::load_archive_keys(config);
  if (!keys) {
    for (const auto& e : keys.error()) std::cerr << e.to_string() << '\n';
    return std::nullopt;
  }
  c.keys = std::move(keys).value();
  return c;
}

std::optional<store::TimePoint> parse_date(const std::string& text) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%d");
  if (in.fail() || text.size() != 10) return std::nullopt;
  return store::Clock::from_time_t(timegm(&tm));
}

ev::StoredEntry stored(const store::EvidenceRow& r) {
  return {r.node, r.seq, r.entry, r.hash};
}

std::string where(const store::EvidenceRow& r) {
  return "entry " + r.node + "/" + std::to_string(r.seq) + " (id " + r.id +
         (r.message_id.empty() ? std::string() : ", message " + r.message_id) + ")";
}

/// A body's plaintext, opened and checked against the hash its entry recorded.
Result<std::string> open_body(const ev::ArchiveKeys& keys, const ev::ParsedEntry& entry,
                              const store::EvidenceBody& body) {
  ev::SealedBody sealed{body.key_id, body.nonce, body.ciphertext};
  auto plain = ev::open(keys, sealed, ev::body_binding(entry.id, body.role));
  if (!plain) return plain.error();
  const auto& expected = body.role == "sent" ? entry.sent_sha256 : entry.received_sha256;
  if (sha256_hex(*plain) != expected) {
    return Problem::make(ProblemKind::kInvalid,
                         "archived body does not hash to the entry's " + body.role + "_sha256");
  }
  return plain;
}

struct NodeReport {
  std::int64_t entries = 0, stamps = 0, bodies = 0, unstamped = 0;
};

/// Walks one node's chain; the first thing that does not fit, in words.
std::optional<std::string> verify_node(store::EvidenceReader& s, const store::EvidenceHead& head,
                                       const Checkers& checkers,
                                       std::optional<store::TimePoint> since, NodeReport& report) {
  ev::ChainCursor cursor{head.node};
  if (since) {
    auto first = s.first_since(head.node, *since);
    if (!first) return first.error().detail;
    if (*first == 0) return std::nullopt;  // nothing written since then
    cursor.next_seq = *first;
    cursor.trust_next_prev = *first > 1;
  }
  auto stamps = s.stamps(head.node, cursor.next_seq, 10'000);
  if (!stamps) return stamps.error().detail;
  std::map<std::int64_t, const store::EvidenceStamp*> stamp_at;
  for (const auto& st : *stamps) stamp_at.emplace(st.seq, &st);
  std::int64_t after = cursor.next_seq - 1;
  std::int64_t last_stamped = 0;
  for (;;) {
    auto rows = s.entries(head.node, after, 1000);
    if (!rows) return rows.error().detail;
    if (rows->empty()) break;
    auto bodies = s.bodies(head.node, after, rows->back().seq);
    if (!bodies) return bodies.error().detail;
    std::multimap<std::int64_t, const store::EvidenceBody*> bodies_at;
    for (const auto& [seq, b] : *bodies) bodies_at.emplace(seq, &b);
    bool past_head = false;
    for (const auto& row : *rows) {
      // Entries appended while we walk belong to a later head: the chain is checked up to the
      // head read at the start, and the next run checks the rest.
      if (!since && row.seq > head.seq) {
        past_head = true;
        break;
      }
      if (auto bad = ev::check_link(cursor, stored(row))) return where(row) + ": " + *bad;
      ++report.entries;
      const auto parsed = ev::parse_entry(row.entry);
      auto [from, to] = bodies_at.equal_range(row.seq);
      for (auto it = from; it != to; ++it) {
        if (!checkers.keys) break;  // said once, below
        auto plain = open_body(*checkers.keys, *parsed, *it->second);
        if (!plain) {
          return where(row) + ": archived " + it->second->role + " body: " + plain.error().detail;
        }
        ++report.bodies;
      }
      if (const auto st = stamp_at.find(row.seq); st != stamp_at.end()) {
        if (st->second->hash != row.hash) {
          return where(row) + ": the timestamp over it was for another hash";
        }
        if (!checkers.tsa_trust)
          return "time_stamp_authority.trust_anchors is needed to check tokens";
        auto token = security::signing::accept_timestamp_token(
            st->second->token, row.entry, *checkers.tsa_trust, checkers.tsa_untrusted);
        if (!token) return where(row) + ": its timestamp token: " + token.error();
        ++report.stamps;
        last_stamped = row.seq;
      }
      after = row.seq;
    }
    if (past_head) break;
  }
  if (!since && (cursor.next_seq - 1 != head.seq || (head.seq > 0 && cursor.prev != head.hash))) {
    return "chain " + head.node + " ends at entry " + std::to_string(cursor.next_seq - 1) +
           " but its head says " + std::to_string(head.seq) + " (entries were removed)";
  }
  report.unstamped = head.seq - std::max(last_stamped, head.stamped_seq);
  return std::nullopt;
}

int verify(store::EvidenceReader& s, const config::HubConfig& config,
           const EvidenceCommand& command) {
  std::optional<store::TimePoint> since;
  if (!command.since.empty()) {
    since = parse_date(command.since);
    if (!since) {
      std::cerr << "--since must be a date YYYY-MM-DD, not " << command.since << '\n';
      return 2;
    }
  }
  auto checkers = load_checkers(config);
  if (!checkers) return 1;
  auto heads = s.heads();
  if (!heads) {
    std::cerr << heads.error().detail << '\n';
    return 1;
  }
  if (heads->empty()) std::cout << "evidence: the journal is empty\n";
  bool clean = true;
  for (const auto& head : *heads) {
    NodeReport report;
    if (auto bad = verify_node(s, head, *checkers, since, report)) {
      std::cout << "evidence: FAILED: " << *bad << '\n';
      clean = false;
      continue;
    }
    std::cout << "evidence: chain " << head.node << ": " << report.entries << " entries, "
              << report.stamps << " timestamps, " << report.bodies << " archived bodies: OK";
    if (report.unstamped > 0) std::cout << " (" << report.unstamped << " not yet stamped)";
    std::cout << '\n';
  }
  if (!checkers->keys) std::cout << "evidence: archived bodies not checked (no archive key)\n";
  return clean ? 0 : 1;
}

int export_bundle(store::EvidenceReader& s, const config::HubConfig& config,
                  const EvidenceCommand& command) {
  auto checkers = load_checkers(config);
  if (!checkers) return 1;
  auto own = s.of_message(command.message_id);
  if (!own) {
    std::cerr << own.error().detail << '\n';
    return 1;
  }
  if (own->empty()) {
    std::cerr << "no evidence of message " << command.message_id << '\n';
    return 1;
  }
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> span;  // node -> first, last seq
  std::vector<std::pair<std::string, std::int64_t>> message_entries;
  for (const auto& r : *own) {
    auto [it, fresh] = span.try_emplace(r.node, r.seq, r.seq);
    if (!fresh) it->second.second = std::max(it->second.second, r.seq);
    message_entries.emplace_back(r.node, r.seq);
  }
  std::vector<ev::BundleChain> chains;
  std::vector<ev::BundleBody> bodies;
  for (const auto& [node, range] : span) {
    auto stamps = s.stamps(node, range.second, 1);
    if (!stamps) {
      std::cerr << stamps.error().detail << '\n';
      return 1;
    }
    if (stamps->empty()) {
      std::cerr << "entry " << node << "/" << range.second << " of message " << command.message_id
                << " is not covered by a timestamp yet; the next stamp is due within "
                << config.evidence.stamp_every_s
                << " s (evidence.stamp_every_s) while the TSA answers: try again then\n";
      return 1;
    }
    const auto& stamp = stamps->front();
    ev::BundleChain chain{node, {}, stamp.token};
    auto rows = s.entries(node, range.first - 1, static_cast<int>(stamp.seq - range.first + 1));
    if (!rows) {
      std::cerr << rows.error().detail << '\n';
      return 1;
    }
    for (const auto& r : *rows) chain.entries.push_back(stored(r));
    auto sealed = s.bodies(node, range.first - 1, range.second);
    if (!sealed) {
      std::cerr << sealed.error().detail << '\n';
      return 1;
    }
    for (const auto& [seq, body] : *sealed) {
      const auto row = std::find_if(
          own->begin(), own->end(),
          [&node = node, seq = seq](const auto& r) { return r.node == node && r.seq == seq; });
      if (row == own->end()) continue;  // another message's body: not this bundle's
      if (!checkers->keys) {
        std::cerr << "message " << command.message_id
                  << " has archived bodies; evidence.archive_key is needed to export them\n";
        return 1;
      }
      const auto parsed = ev::parse_entry(row->entry);
      if (!parsed) {
        std::cerr << where(*row) << ": " << parsed.error().detail << '\n';
        return 1;
      }
      auto plain = open_body(*checkers->keys, *parsed, body);
      if (!plain) {
        std::cerr << where(*row) << ": archived " << body.role << " body: " << plain.error().detail
                  << '\n';
        return 1;
      }
      const auto& expected = body.role == "sent" ? parsed->sent_sha256 : parsed->received_sha256;
      bodies.push_back({node, seq, body.role, std::move(plain).value(), expected});
    }
    chains.push_back(std::move(chain));
  }
  const auto files = ev::make_bundle(command.message_id, chains, bodies, message_entries,
                                     checkers->anchors_pem, checkers->untrusted_pem);
  if (auto written = ev::write_zip(command.out, files); !written) {
    std::cerr << written.error().detail << '\n';
    return 1;
  }
  std::cout << "wrote " << command.out << ": " << message_entries.size() << " entries of "
            << command.message_id << ", " << bodies.size() << " bodies; see VERIFY.txt inside\n";
  return 0;
}

}  // namespace

int run_evidence(const CommandLine& cl) {
  auto config = config::load_hub_config(cl.config);
  if (!config) {
    for (const auto& e : config.error()) std::cerr << e.to_string() << '\n';
    return 1;
  }
  auto opened = store::open_hub_store(*config);
  if (!opened) {
    std::cerr << "cannot open the message store: " << opened.error().detail << '\n';
    return 1;
  }
  auto& s = (*opened)->evidence();
  return cl.evidence.verify ? verify(s, *config, cl.evidence)
                            : export_bundle(s, *config, cl.evidence);
}

}  // namespace lienthong::app
