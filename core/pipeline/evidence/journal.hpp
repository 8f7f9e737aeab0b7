#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/config/hub_config.hpp"
#include "core/evidence/archive_keys.hpp"
#include "core/evidence/facts.hpp"
#include "core/pipeline/exchange.hpp"
#include "core/store/message_store.hpp"

namespace lienthong::pipeline {

/// The hub's side of the evidence journal (README.md): decides what an exchange's entry says —
/// the hashes of its canonical request and of the bytes on the wire, its signatures, its
/// outcome — and seals the wire bodies of connectors that archive them. The store writes the
/// entries (in the transaction of the state they record); this only builds the facts, and
/// appends the entries of exchanges that change no state (sync calls). Immutable, shared.
class Journal {
 public:
  /// Off when `evidence.enabled` is false or there is no store. Errors: archive keys that do
  /// not load, located at `evidence.archive_key` of hub.json.
  static Result<std::shared_ptr<const Journal>, config::ConfigErrors> load(
      const config::HubConfig& config, std::shared_ptr<store::MessageStore> store);

  [[nodiscard]] bool on() const { return store_ != nullptr; }

  /// What the stages of an exchange with `connector` should keep of its wire (nullopt when
  /// the journal is off).
  [[nodiscard]] std::optional<WireEvidence> wire_for(std::string_view connector) const;

  /// An exchange's facts: its ids and caller, the hash of its canonical request (when
  /// `hash_request`: an async message's is the store's body hash), what its stages kept of
  /// the wire, sealed bodies when its connector archives them, and `outcome` / `detail`.
  [[nodiscard]] evidence::Facts facts(const Exchange& exchange, std::string kind,
                                      std::string outcome, std::string detail,
                                      bool hash_request) const;

  /// What the journal adds to a queued message's attempt entry (the store writes its state):
  /// what the stages kept of the wire, sealed bodies when its connector archives them.
  [[nodiscard]] evidence::Facts attempt_facts(const store::NewMessage& message,
                                              const WireEvidence& wire) const;

  /// Appends an entry of its own (a sync exchange); completes once it is committed.
  [[nodiscard]] boost::asio::awaitable<Result<void>> append(evidence::Facts facts) const;

  Journal(std::shared_ptr<store::MessageStore> store, std::optional<evidence::ArchiveKeys> keys,
          std::map<std::string, config::ConnectorEvidenceConfig, std::less<>> connectors);

 private:
  /// Copies the wire's hashes and signatures into `f`, and seals its bodies.
  void add_wire(evidence::Facts& f, const WireEvidence& wire) const;

  std::shared_ptr<store::MessageStore> store_;
  std::optional<evidence::ArchiveKeys> keys_;
  std::map<std::string, config::ConnectorEvidenceConfig, std::less<>> connectors_;
};

/// The archive keys hub.json names (`evidence.archive_key`, `retired_keys`); nullopt when none.
Result<std::optional<evidence::ArchiveKeys>, config::ConfigErrors> load_archive_keys(
    const config::HubConfig& config);

}  // namespace lienthong::pipeline
