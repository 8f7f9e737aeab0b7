#include "core/pipeline/evidence/journal.hpp"

#include <chrono>

#include "core/base/digest.hpp"
#include "core/base/uuid.hpp"
#include "core/evidence/entry.hpp"
#include "core/evidence/sealed_body.hpp"
#include "core/log/log.hpp"
#include "core/store/awaitable.hpp"

namespace lienthong::pipeline {
namespace {

evidence::ArchiveKeySource source_of(const config::ArchiveKeyConfig& k) {
  return {k.id, k.file, k.env};
}

}  // namespace

Result<std::optional<evidence::ArchiveKeys>, config::ConfigErrors> load_archive_keys(
    const config::HubConfig& config) {
  const auto& e = config.evidence;
  if (!e.archive_key) return std::optional<evidence::ArchiveKeys>();
  evidence::ArchiveKeysConfig keys;
  keys.current = source_of(*e.archive_key);
  for (const auto& k : e.retired_keys) keys.retired.push_back(source_of(k));
  auto loaded = evidence::load_archive_keys(keys);
  if (!loaded) {
    return config::ConfigErrors{
        {config.file.string(), 0, "evidence.archive_key", loaded.error().detail}};
  }
  for (const auto& w : loaded->warnings()) log::warn("evidence.archive_key", {{"problem", w}});
  return std::optional(std::move(loaded).value());
}

Result<std::shared_ptr<const Journal>, config::ConfigErrors> Journal::load(
    const config::HubConfig& config, std::shared_ptr<store::MessageStore> store) {
  auto keys = load_archive_keys(config);
  if (!keys) return std::move(keys).error();
  std::map<std::string, config::ConnectorEvidenceConfig, std::less<>> connectors;
  for (const auto& c : config.connectors) connectors.emplace(c.id, c.evidence);
  if (!config.evidence.enabled || store == nullptr || store->evidence_node().empty()) store.reset();
  return std::make_shared<const Journal>(std::move(store), std::move(keys).value(),
                                         std::move(connectors));
}

Journal::Journal(std::shared_ptr<store::MessageStore> store,
                 std::optional<evidence::ArchiveKeys> keys,
                 std::map<std::string, config::ConnectorEvidenceConfig, std::less<>> connectors)
    : store_(std::move(store)), keys_(std::move(keys)), connectors_(std::move(connectors)) {}

std::optional<WireEvidence> Journal::wire_for(std::string_view connector) const {
  if (!on()) return std::nullopt;
  WireEvidence wire;
  const auto it = connectors_.find(connector);
  wire.keep_bodies = keys_ && it != connectors_.end() && it->second.archive_bodies;
  return wire;
}

evidence::Facts Journal::facts(const Exchange& exchange, std::string kind, std::string outcome,
                               std::string detail, bool hash_request) const {
  evidence::Facts f;
  f.id = uuid_v7();
  f.kind = std::move(kind);
  f.message_id = exchange.id;
  f.actor = exchange.client;
  f.connector = exchange.connector;
  f.operation = exchange.operation;
  if (hash_request && !exchange.request.is_null()) {
    f.request_sha256 =
        sha256_hex(exchange.request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  f.outcome = std::move(outcome);
  f.detail = std::move(detail);
  if (exchange.wire_evidence) add_wire(f, *exchange.wire_evidence);
  return f;
}

evidence::Facts Journal::attempt_facts(const store::NewMessage& message,
                                       const WireEvidence& wire) const {
  evidence::Facts f;
  f.id = uuid_v7();
  f.message_id = message.id;
  f.connector = message.connector;
  f.operation = message.operation;
  add_wire(f, wire);
  return f;
}

void Journal::add_wire(evidence::Facts& f, const WireEvidence& wire) const {
  f.sent_sha256 = wire.sent_sha256;
  f.received_sha256 = wire.received_sha256;
  f.signatures = wire.signatures;
  if (!wire.keep_bodies || !keys_) return;
  const auto it = connectors_.find(f.connector);
  const int days = it == connectors_.end() ? 90 : it->second.body_retention_days;
  f.bodies_expire_at_ms = store::to_millis(store::Clock::now() + std::chrono::hours(24) * days);
  const std::pair<const char*, const std::string*> bodies[] = {{"sent", &wire.sent},
                                                               {"received", &wire.received}};
  for (const auto& [role, body] : bodies) {
    if (body->empty()) continue;
    auto sealed = evidence::seal(*keys_, *body, evidence::body_binding(f.id, role));
    if (!sealed) {  // the hashes still say what was exchanged; the body is not kept
      log::error("evidence.seal_failed", {{"id", f.message_id}, {"reason", sealed.error().detail}});
      continue;
    }
    f.bodies.push_back(
        {role, sealed->key_id, std::move(sealed->nonce), std::move(sealed->ciphertext)});
  }
}

boost::asio::awaitable<Result<void>> Journal::append(evidence::Facts facts) const {
  if (!on()) co_return Result<void>{};
  auto start = [store = store_, f = std::move(facts)](auto done) mutable {
    store->append_evidence(std::move(f), std::move(done));
  };
  co_return co_await store::await_store<void>(std::move(start));
}

}  // namespace lienthong::pipeline
