#pragma once

#include <memory>

#include "connectors/dvcqg/session_cache.hpp"
#include "connectors/http/outgoing.hpp"
#include "core/pipeline/connector.hpp"

namespace lienthong::connectors {

/// Connector type `dvcqg`: the national public service portal. It logs in (`auth.type`
/// "session"), keeps the session for every exchange, logs in again once when the portal says
/// the session expired and retries the call once, and retries a create that the portal answers
/// "đã tồn tại" once as an update. Answers are `{"error_code","message","result"}`.
class DvcqgConnector final : public pipeline::Connector {
 public:
  static constexpr std::string_view kName = "dvcqg";

  static Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make(
      const config::ConnectorConfig& config, const pipeline::ConnectorContext& context);

  DvcqgConnector(config::ConnectorConfig config, Endpoint endpoint, http::HttpClient* client);

  [[nodiscard]] boost::asio::awaitable<Result<pipeline::WireResponse>> call(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const override;

  /// Logins made so far (tests).
  [[nodiscard]] std::uint64_t logins() const { return sessions_->logins(); }

 private:
  boost::asio::awaitable<Result<std::string>> login(const pipeline::Exchange& exchange) const;
  /// One integration call with the current session; a new login and one retry on expiry.
  boost::asio::awaitable<Result<http::Response>> send(const config::OperationConfig& operation,
                                                      const pipeline::Exchange& exchange,
                                                      const std::string& payload) const;

  config::ConnectorConfig config_;
  Endpoint endpoint_;
  http::HttpClient* client_;
  std::shared_ptr<dvcqg::SessionCache> sessions_ = std::make_shared<dvcqg::SessionCache>();
};

}  // namespace lienthong::connectors
