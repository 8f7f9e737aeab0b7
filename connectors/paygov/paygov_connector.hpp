#pragma once

#include <memory>

#include "connectors/http/outgoing.hpp"
#include "connectors/paygov/platform_request.hpp"
#include "core/pipeline/connector.hpp"

namespace lienthong::pipeline {
class RecordDesk;
}

namespace lienthong::connectors {

/// Connector type `paygov`: the national payment platform (WIRE.md). Each operation's request
/// mapping names the platform message (`LoaiBanTin`) and writes its business fields; this type
/// adds the partner, the reference, the time and the checksum, and keeps the hub's payment
/// record (core/store state records, kind "payment"):
/// - INIT (create-payment): the reference is the exchange id; the record is created
///   `initiating` (the same client's Idempotency-Key answers the first payment, never a second
///   INIT), then `awaiting_payment` once the platform gave the payment URL; a refused or failed
///   INIT removes it, so the caller may try again.
/// - QUERY, GET_BILL: asked as they are, about the payment the mapping names.
/// The answer it hands the response mapping is the platform's, parsed (`message` decoded).
/// It receives the platform's IPN itself (`payment-notice`): checks, in this order, the
/// checksum, the partner, the amount against the record and the state; moves the payment once
/// and queues the provincial push in the same transaction; answers `{MaLoi, ..., MaXacThuc}`.
class PaygovConnector final : public pipeline::Connector {
 public:
  static constexpr std::string_view kName = "paygov";

  static Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> make(
      const config::ConnectorConfig& config, const pipeline::ConnectorContext& context);

  PaygovConnector(config::ConnectorConfig config, Endpoint endpoint, http::HttpClient* client,
                  std::shared_ptr<const pipeline::RecordDesk> records);

  [[nodiscard]] boost::asio::awaitable<Result<pipeline::WireResponse>> call(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange) const override;

  /// `payment-notice` (the IPN), answered in the platform's format (payment_notice.cpp).
  [[nodiscard]] bool receives(std::string_view inbound_operation) const override;
  [[nodiscard]] boost::asio::awaitable<pipeline::Answer> receive(
      const pipeline::Route& route, pipeline::Exchange& exchange) const override;
  [[nodiscard]] pipeline::Answer refusal(const pipeline::Route& route,
                                         const Problem& problem) const override;

 private:
  boost::asio::awaitable<Result<pipeline::WireResponse>> create(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange,
      nlohmann::json mapped) const;
  /// Sends one platform message; its answer when `error_code` is "0".
  boost::asio::awaitable<Result<nlohmann::json>> send(const config::OperationConfig& operation,
                                                      const pipeline::Exchange& exchange,
                                                      const nlohmann::json& message) const;

  config::ConnectorConfig config_;
  Endpoint endpoint_;
  http::HttpClient* client_;
  std::shared_ptr<const pipeline::RecordDesk> records_;
  /// The IPN answer with `code`, logged with `reason` (field names and codes only).
  pipeline::Answer notice_answer(const pipeline::Exchange& exchange, std::string_view code,
                                 std::string_view reason) const;

  paygov::Partner partner_;
};

}  // namespace lienthong::connectors
