#pragma once

#include <memory>
#include <optional>

#include "core/http/types.hpp"
#include "core/pipeline/async/message_desk.hpp"
#include "core/pipeline/async/record_desk.hpp"
#include "core/pipeline/evidence/journal.hpp"
#include "core/pipeline/ingress/authenticate.hpp"
#include "core/pipeline/ingress/inbound_ingress.hpp"
#include "core/pipeline/ingress/reply.hpp"
#include "core/pipeline/route_table.hpp"

namespace lienthong::pipeline {

/// The provincial systems' endpoint: `POST /v1/{connector}/{operation}`. Turns an HTTP
/// request into an Exchange, runs authenticate -> route -> authorize -> parse -> the route's
/// stages, and answers with the canonical JSON or an RFC 9457 problem. With
/// `Prefer: respond-async` it runs only the arrival checks, stores the message through `desk`
/// and answers 202 (always, for an operation with `respond: async`); `GET /v1/messages/{id}`
/// shows a stored message to its client (with what its connector adds: Connector::progress),
/// `GET /v1/documents/{id}` a file the hub made for it (stored_document.hpp).
/// `POST /inbound/{connector}/{operation}` goes to the inbound door (inbound_ingress.hpp).
class Ingress {
 public:
  Ingress(std::shared_ptr<const RouteTable> routes, std::shared_ptr<const ClientRegistry> clients,
          std::shared_ptr<const MessageDesk> desk = nullptr,
          std::shared_ptr<const RecordDesk> records = nullptr,
          std::shared_ptr<const Journal> journal = nullptr);

  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      http::Incoming& incoming) const;

  /// The body limit of a request to `target`: its operation's `body_limit_bytes` when it has
  /// one, else `otherwise` (limits.body_limit_bytes). For http::Server::set_body_limit.
  [[nodiscard]] std::size_t body_limit(std::string_view target, std::size_t otherwise) const;

 private:
  /// `GET /v1/documents/{id}`: a file the hub made, for the client it was made for.
  boost::asio::awaitable<Outcome> read_document(const http::Incoming& incoming,
                                                const std::string& document_id, Exchange& ex) const;
  /// `GET /v1/messages/{id}`: the stored message's status, for the client that sent it.
  boost::asio::awaitable<Outcome> read_status(const http::Incoming& incoming,
                                              const std::string& message_id, Exchange& ex) const;
  /// `POST /v1/{connector}/{operation}`: the checks, then the chain (or the store, async).
  boost::asio::awaitable<Outcome> call(const http::Incoming& incoming, Exchange& ex) const;
  /// The journal's entry of a call that changed no state (sync, or refused before it was
  /// stored); committed before the caller is answered.
  boost::asio::awaitable<void> journal_call(const Exchange& ex, const Outcome& outcome) const;

  std::shared_ptr<const RouteTable> routes_;
  std::shared_ptr<const ClientRegistry> clients_;
  std::shared_ptr<const MessageDesk> desk_;
  std::shared_ptr<const RecordDesk> records_;
  std::shared_ptr<const Journal> journal_;
  std::shared_ptr<const InboundIngress> inbound_;
};

/// `/v1/dkdn/lookup-enterprise?x` -> {"dkdn", "lookup-enterprise"}; nullopt for other paths.
std::optional<std::pair<std::string, std::string>> parse_route(std::string_view target);
/// True for a W3C traceparent header value (version 00).
bool valid_traceparent(std::string_view value);
/// True for a caller-chosen correlation id we are willing to echo and propagate.
bool valid_correlation_id(std::string_view value);

}  // namespace lienthong::pipeline
