#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/hub_config.hpp"
#include "core/pipeline/answer.hpp"
#include "core/pipeline/exchange.hpp"
#include "core/store/message.hpp"

namespace lienthong::http {
class HttpClient;
}

namespace lienthong::pipeline {

class RecordDesk;
class TimestampClient;
struct Route;

/// What an operator action (Connector::act) found.
struct ActionReport {
  nlohmann::json json;  ///< for machines: the admin API, `--json`
  std::string text;     ///< for a person: the CLI
  bool clean = true;    ///< false: it found something an operator must look at (exit code 1)
};

/// The transport of one external system: sends a mapped request and classifies the answer
/// in that system's own terms (an HTTP status, a SOAP fault, an error_code...). Connector
/// types live in connectors/; the core knows them only through this interface.
class Connector {
 public:
  virtual ~Connector() = default;
  /// Sends `exchange.wire_request` for `operation`; a Problem when no answer came (connection,
  /// timeout, not HTTP), else the answer — with `failure` set (and `upstream` filled in) when
  /// the far side said it failed.
  [[nodiscard]] virtual boost::asio::awaitable<Result<WireResponse>> call(
      const config::OperationConfig& operation, const Exchange& exchange) const = 0;

  /// True when this connector checks requests of `operation` itself on arrival, after their
  /// schema (AdmitStage): kyso looks at the document to sign. False by default.
  [[nodiscard]] virtual bool admits(std::string_view /*operation*/) const { return false; }
  /// That check: a Problem refuses the request (the caller's 400), before an async one is
  /// stored and before anyone is called. Nothing by default.
  [[nodiscard]] virtual boost::asio::awaitable<Result<void>> admit(
      const config::OperationConfig& operation, const Exchange& exchange) const;

  /// True for an inbound operation whose callbacks this connector answers itself: the far
  /// side expects an answer in its own format whatever happens, and the callback changes a
  /// record the connector keeps (paygov's payment notice). None by default.
  [[nodiscard]] virtual bool receives(std::string_view /*inbound_operation*/) const {
    return false;
  }
  /// Decides such a callback once the door has identified the caller, checked its
  /// `allow_inbound` and parsed the body into `exchange.request`. `route` is the callback's
  /// route: its arrival stages (`stages[0, checks)`: validate, map to the canonical message)
  /// and its order key, for a push the connector stores with its record change.
  [[nodiscard]] virtual boost::asio::awaitable<Answer> receive(const Route& route,
                                                               Exchange& exchange) const;
  /// The far side's answer to such a callback that the door refused before `receive` (not
  /// JSON, wrong media type) or that `receive` could not decide.
  [[nodiscard]] virtual Answer refusal(const Route& route, const Problem& problem) const;

  /// Operators' work a connector type offers beyond its operations (paygov: "reconcile"), run
  /// from the admin API (`POST /admin/connectors/{id}/actions/{action}`), the CLI and daily
  /// schedules; never from the provincial API. `params` is the caller's JSON object ({} from a
  /// schedule: the action's default, e.g. yesterday). kNotFound for an action the type does
  /// not have (the default: none).
  [[nodiscard]] virtual boost::asio::awaitable<Result<ActionReport>> act(
      std::string_view action, const nlohmann::json& params) const;
  /// A daily run of one action, at `at` ("HH:MM", Asia/Ho_Chi_Minh).
  struct DailyAction {
    std::string action;
    std::string at;
  };
  /// The actions this connector's config schedules (none by default).
  [[nodiscard]] virtual std::vector<DailyAction> daily_actions() const { return {}; }

  /// What this connector knows about one of its queued messages beyond the queue's state,
  /// merged into `GET /v1/messages/{id}` (kyso: `"state": "awaiting_approval"` and the CA's
  /// transaction while the signer has not answered). Nothing by default.
  [[nodiscard]] virtual boost::asio::awaitable<std::optional<nlohmann::json>> progress(
      const store::MessageStatus& status) const;
};

/// What a connector factory may use.
struct ConnectorContext {
  http::HttpClient* client = nullptr;  ///< the shared egress client
  /// Egress clients of their own (TLS anchors, client certificate), by connector id.
  std::map<std::string, http::HttpClient*, std::less<>> own_clients;
  /// The store's state records, for connector types that keep some (paygov's payments); null
  /// where nothing is stored (check-config, the map command).
  std::shared_ptr<const RecordDesk> records;
  /// The hub's time-stamp authority (`time_stamp_authority`); null when none is configured.
  std::shared_ptr<const TimestampClient> timestamps;

  /// The connector's own client when it has one, else the shared one.
  [[nodiscard]] http::HttpClient* client_for(std::string_view connector) const {
    const auto it = own_clients.find(connector);
    return it == own_clients.end() ? client : it->second;
  }
};

/// A connector type: its `kName` (the config `type`) and how to build one from config.
struct ConnectorType {
  std::string_view name;
  std::function<Result<std::shared_ptr<const Connector>, config::ConfigErrors>(
      const config::ConnectorConfig&, const ConnectorContext&)>
      make;
};

}  // namespace lienthong::pipeline
