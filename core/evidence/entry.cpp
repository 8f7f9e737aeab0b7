#include "core/evidence/entry.hpp"

#include <nlohmann/json.hpp>

#include "core/base/digest.hpp"
#include "core/base/time_text.hpp"

namespace lienthong::evidence {
namespace {

/// Appends `value` as a JSON string, exactly as nlohmann's dump(-1, ' ', false, replace) writes
/// it: the usual value (ids, hashes, names) has nothing to escape and is copied as it is; any
/// other goes through nlohmann's own serializer, so the bytes (and so the hashes of the chain)
/// never depend on a second escaping routine.
void put_string(std::string& out, std::string_view value) {
  bool plain = true;
  for (const unsigned char c : value) {
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) {
    out += '"';
    out += value;
    out += '"';
  } else {
    out += nlohmann::json(std::string(value))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

/// Writes the members of one JSON object in the order they are called with, which must be the
/// sorted order of their keys (nlohmann's object is a std::map: byte order).
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  ~ObjectWriter() { out_ += '}'; }
  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;

  void key(std::string_view k) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += k;  // keys are plain ASCII literals
    out_ += "\":";
  }
  void text(std::string_view k, std::string_view value) {
    key(k);
    put_string(out_, value);
  }
  /// Left out when empty (absent facts are not written empty).
  void text_if(std::string_view k, std::string_view value) {
    if (!value.empty()) text(k, value);
  }
  void number(std::string_view k, std::int64_t value) {
    key(k);
    out_ += std::to_string(value);
  }

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace

std::string entry_text(const Facts& facts, const ChainLink& link) {
  // The text nlohmann's DOM would dump (sorted keys, no spaces), written straight into one
  // string: the members below are in byte order of their keys. chain_test holds the golden
  // bytes, and compares this against the DOM for facts with characters that need escaping.
  std::string out;
  out.reserve(512 + 160 * facts.signatures.size() + 48 * facts.bodies.size() + facts.detail.size());
  {
    ObjectWriter j(out);
    j.text_if("actor", facts.actor);
    if (!facts.bodies.empty()) {
      j.key("archived");
      out += '[';
      bool first = true;
      for (const auto& b : facts.bodies) {
        if (!first) out += ',';
        first = false;
        ObjectWriter one(out);
        one.text("key_id", b.key_id);
        one.text("role", b.role);
      }
      out += ']';
    }
    j.text("at", rfc3339_millis(link.at_ms));
    j.text_if("connector", facts.connector);
    j.text_if("detail", facts.detail);
    j.text("id", facts.id);
    j.text("kind", facts.kind);
    j.text_if("message", facts.message_id);
    j.text("node", link.node);
    j.text_if("operation", facts.operation);
    j.text_if("outcome", facts.outcome);
    j.text("prev", link.prev);
    j.text_if("received_sha256", facts.received_sha256);
    j.text_if("request_sha256", facts.request_sha256);
    j.text_if("sent_sha256", facts.sent_sha256);
    j.number("seq", link.seq);
    if (!facts.signatures.empty()) {
      j.key("signatures");
      out += '[';
      bool first = true;
      for (const auto& s : facts.signatures) {
        if (!first) out += ',';
        first = false;
        ObjectWriter one(out);
        one.text_if("certificate_sha256", s.certificate_sha256);
        one.text("role", s.role);
        one.text_if("subject", s.subject);
        one.text("value", s.value);
      }
      out += ']';
    }
    j.number("v", 1);
  }
  return out;
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
