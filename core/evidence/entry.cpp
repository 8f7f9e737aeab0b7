#include "core/evidence/entry.hpp"

#include <nlohmann/json.hpp>

#include "core/base/digest.hpp"
#include "core/base/time_text.hpp"

namespace lienthong::evidence {
namespace {

void put(nlohmann::json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

}  // namespace

std::string entry_text(const Facts& facts, const ChainLink& link) {
  // nlohmann's object keeps keys sorted and dump() without indent adds no spaces: the text is
  // canonical without a canonicalisation step of our own.
  nlohmann::json j;
  j["v"] = 1;
  j["node"] = link.node;
  j["seq"] = link.seq;
  j["prev"] = link.prev;
  j["at"] = rfc3339_millis(link.at_ms);
  j["id"] = facts.id;
  j["kind"] = facts.kind;
  put(j, "message", facts.message_id);
  put(j, "actor", facts.actor);
  put(j, "connector", facts.connector);
  put(j, "operation", facts.operation);
  put(j, "request_sha256", facts.request_sha256);
  put(j, "sent_sha256", facts.sent_sha256);
  put(j, "received_sha256", facts.received_sha256);
  put(j, "outcome", facts.outcome);
  put(j, "detail", facts.detail);
  if (!facts.signatures.empty()) {
    auto& list = j["signatures"] = nlohmann::json::array();
    for (const auto& s : facts.signatures) {
      nlohmann::json one{{"role", s.role}, {"value", s.value}};
      if (!s.certificate_sha256.empty()) one["certificate_sha256"] = s.certificate_sha256;
      if (!s.subject.empty()) one["subject"] = s.subject;
      list.push_back(std::move(one));
    }
  }
  if (!facts.bodies.empty()) {
    auto& list = j["archived"] = nlohmann::json::array();
    for (const auto& b : facts.bodies) list.push_back({{"role", b.role}, {"key_id", b.key_id}});
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string entry_hash(std::string_view text) {
  return sha256_hex(text);
}

Result<ParsedEntry> parse_entry(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [](std::string why) {
    return Problem::make(ProblemKind::kInvalid, "not a journal entry: " + std::move(why));
  };
  if (!j.is_object()) return bad("not a JSON object");
  if (j.value("v", 0) != 1) return bad("unknown version");
  const auto text_of = [&](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  ParsedEntry e;
  const auto seq = j.find("seq");
  if (seq == j.end() || !seq->is_number_integer()) return bad("no seq");
  e.link.seq = seq->get<std::int64_t>();
  e.link.node = text_of("node");
  e.link.prev = text_of("prev");
  if (e.link.node.empty() || e.link.prev.size() != kGenesis.size()) return bad("no node or prev");
  e.id = text_of("id");
  e.kind = text_of("kind");
  e.message_id = text_of("message");
  e.sent_sha256 = text_of("sent_sha256");
  e.received_sha256 = text_of("received_sha256");
  return e;
}

std::string body_binding(std::string_view entry_id, std::string_view role) {
  std::string out = "lienthong-evidence/";
  out += entry_id;
  out += '/';
  out += role;
  return out;
}

}  // namespace lienthong::evidence
