#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/http/types.hpp"
#include "core/pipeline/async/message_desk.hpp"
#include "core/pipeline/ingress/authenticate.hpp"
#include "core/pipeline/ingress/reply.hpp"
#include "core/pipeline/route_table.hpp"

namespace lienthong::pipeline {

/// The external systems' door: `POST /inbound/{connector}/{operation}` (a callback such as the
/// portal's dossier status). Authenticates the caller (the same client registry: API key or
/// client certificate), checks its `allow_inbound`, parses and checks the callback (the inbound
/// route's arrival stages: validate, map to the canonical message), stores the canonical
/// message through `desk` (ordering key, Idempotency-Key) and answers 202 with
/// `Location: /v1/messages/{id}` once the commit is durable. The delivery loop then pushes it
/// to the provincial target. Every failure is an RFC 9457 problem; nothing is stored for one.
/// A route whose connector receives the callback itself (`Route::receiver`: paygov's payment
/// notice) is handed to it once the caller is known and allowed; its refusals are answered in
/// the far side's format (`Connector::refusal`), through the same exit.
class InboundIngress {
 public:
  InboundIngress(std::shared_ptr<const RouteTable> routes,
                 std::shared_ptr<const ClientRegistry> clients,
                 std::shared_ptr<const MessageDesk> desk);

  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      http::Incoming& incoming) const;

 private:
  /// The checks, then the store: the 202 answer, or the problem refusing the callback.
  /// `receiver` is set once the callback is known to be its connector's to answer.
  boost::asio::awaitable<Outcome> accept(const http::Incoming& incoming, Exchange& ex,
                                         const Route*& receiver) const;

  std::shared_ptr<const RouteTable> routes_;
  std::shared_ptr<const ClientRegistry> clients_;
  std::shared_ptr<const MessageDesk> desk_;
};

/// `/inbound/dvcqg/status-callback?x` -> {"dvcqg", "status-callback"}; nullopt for other paths.
std::optional<std::pair<std::string, std::string>> parse_inbound_route(std::string_view target);

}  // namespace lienthong::pipeline
