#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/config/hub_config.hpp"
#include "core/delivery/connector_guard.hpp"
#include "core/delivery/retry_policy.hpp"
#include "core/mapping/mapping.hpp"
#include "core/pipeline/connector.hpp"
#include "core/pipeline/stage.hpp"
#include "core/pipeline/stages/message_security.hpp"
#include "core/schema/schema.hpp"

namespace lienthong::pipeline {

/// One operation of one connector, compiled: its schema, mappings and chain of stages.
struct Route {
  std::string connector;
  config::OperationConfig operation;
  std::shared_ptr<const schema::Schema> schema;
  std::shared_ptr<const mapping::Mapping> request_mapping;
  std::shared_ptr<const mapping::Mapping> response_mapping;
  /// Outbound: validate -> map request [-> sign] -> deliver [-> verify] -> map response.
  /// Inbound (inbound_routes.hpp): validate -> map inbound -> push to the provincial target.
  std::vector<std::shared_ptr<const Stage>> stages;
  /// stages[0, checks) check a request on arrival (an async one is stored after them); the
  /// rest deliver it (run_stored.hpp).
  std::size_t checks = 0;
  /// Inbound: the connector that answers this callback itself (`Connector::receives`); null
  /// when the hub stores the canonical message and answers 202.
  std::shared_ptr<const Connector> receiver;
};

/// Every route of the hub, built once from config. Building checks everything that can be
/// checked without calling anyone: files exist and compile, request mappings read only fields
/// the schema declares, each example request passes its schema, keys and certificates of
/// `message_security` load. A connector with `message_security` gets the sign and verify
/// stages, running on `services.workers`.
class RouteTable {
 public:
  static Result<RouteTable, config::ConfigErrors> build(const config::HubConfig& config,
                                                        std::span<const ConnectorType> types,
                                                        const ConnectorContext& context,
                                                        const StageServices& services = {});

  /// An outbound route, or an inbound one by its stored operation name ("inbound/<op>"):
  /// the delivery loop finds both by the (connector, operation) of a stored message.
  [[nodiscard]] const Route* find(std::string_view connector, std::string_view operation) const;
  /// The route of `POST /inbound/{connector}/{operation}`.
  [[nodiscard]] const Route* find_inbound(std::string_view connector,
                                          std::string_view operation) const;
  [[nodiscard]] bool has_connector(std::string_view connector) const;
  /// Each connector by id (its operator actions and schedules: Connector::act).
  [[nodiscard]] const std::map<std::string, std::shared_ptr<const Connector>, std::less<>>&
  connectors() const {
    return connectors_;
  }
  [[nodiscard]] const std::map<std::string, Route, std::less<>>& routes() const { return routes_; }
  /// Each connector's guard (shared by its operations' deliver stages), by connector id: the
  /// delivery loop pauses the queue of a connector whose guard refuses calls.
  [[nodiscard]] const std::map<std::string, std::shared_ptr<delivery::ConnectorGuard>, std::less<>>&
  guards() const {
    return guards_;
  }
  /// How a queued message of (connector, operation) is retried: an inbound route's target's
  /// policy ("inbound/<op>"), else its connector's, else the default. Part of the table so a
  /// reload changes retry policies with the routes.
  [[nodiscard]] const delivery::RetryPolicy& retry_policy(std::string_view connector,
                                                          std::string_view operation) const;

 private:
  /// By "connector/operation"; inbound ones by "connector/inbound/operation", which no outbound
  /// operation can collide with (an operation's name holds no "/").
  std::map<std::string, Route, std::less<>> routes_;
  std::map<std::string, std::shared_ptr<delivery::ConnectorGuard>, std::less<>> guards_;
  std::map<std::string, std::shared_ptr<const Connector>, std::less<>> connectors_;
  /// By connector id, and by "connector/inbound/op" for an inbound route's target.
  std::map<std::string, delivery::RetryPolicy, std::less<>> policies_;
  delivery::RetryPolicy default_policy_;
};

}  // namespace lienthong::pipeline
