#pragma once

#include <memory>

#include "connectors/http/outgoing.hpp"
#include "connectors/paygov/payment_follow_up.hpp"
#include "connectors/paygov/payment_record.hpp"
#include "connectors/paygov/platform_request.hpp"
#include "connectors/paygov/reconciliation.hpp"
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
/// - QUERY: asked about the payment the mapping names; an answer that settles a payment still
///   awaiting payment moves it once, as the notice would have, with the same push
///   (payment_query.cpp). `recover-payment` is the same QUERY, queued by the hub itself.
/// - GET_BILL: asked as it is.
/// The answer it hands the response mapping is the platform's, parsed (`message` decoded).
/// It receives the platform's IPN itself (`payment-notice`): checks, in this order, the
/// checksum, the partner, the amount against the record and the state; moves the payment once
/// and queues the provincial push in the same transaction; answers `{MaLoi, ..., MaXacThuc}`.
class PaygovConnector final : public pipeline::Connector {
 public:
  static constexpr std::string_view kName = "paygov";
  /// The inbound operation of the platform's IPN.
  static constexpr std::string_view kNotice = "payment-notice";
  /// The operation the hub queues for itself when INIT is accepted (`payments.query_after_s`
  /// later): QUERY of a payment no notice settled yet, asked again until it is (payment_query.cpp).
  static constexpr std::string_view kRecover = "recover-payment";

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

  /// "reconcile" `{"date": "YYYY-MM-DD"}` (default: yesterday): the report of reconcile()
  /// (payment_reconcile.cpp); scheduled daily at `payments.reconcile_at`.
  [[nodiscard]] boost::asio::awaitable<Result<pipeline::ActionReport>> act(
      std::string_view action, const nlohmann::json& params) const override;
  [[nodiscard]] std::vector<DailyAction> daily_actions() const override;
  /// The platform's list of `day` (yyyyMMdd) against the hub's payments created that day.
  [[nodiscard]] boost::asio::awaitable<Result<paygov::Reconciliation>> reconcile(
      const std::string& day) const;

 private:
  boost::asio::awaitable<Result<pipeline::WireResponse>> create(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange,
      nlohmann::json mapped) const;
  /// QUERY about `reference`, and what its answer changes (payment_query.cpp).
  boost::asio::awaitable<Result<pipeline::WireResponse>> query(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange,
      const std::string& reference) const;
  /// The queued follow-up of a payment (kRecover): asks only while no notice settled it.
  boost::asio::awaitable<Result<pipeline::WireResponse>> recover(
      const config::OperationConfig& operation, const pipeline::Exchange& exchange,
      const std::string& reference) const;
  /// Moves payment `reference` by `event` from its awaiting state, and in the same transaction
  /// queues `push` (the canonical event) for the provincial system. `applied` is false when
  /// another notice, query or hub moved it first: then nothing is queued.
  boost::asio::awaitable<Result<store::ChangeOutcome>> settle(const std::string& reference,
                                                              paygov::PaymentEvent event,
                                                              paygov::PaymentData data,
                                                              std::string cause,
                                                              store::NewMessage push) const;
  /// The push of the canonical event of a payment moved without a notice (payment_event).
  store::NewMessage event_message(const pipeline::Exchange& exchange, const std::string& reference,
                                  paygov::PaymentEvent event,
                                  const paygov::PaymentData& data) const;
  /// What a QUERY `answer` means for the payment `record` holds (payment_follow_up).
  paygov::FollowUp next_step(const store::StateRecord& record, const paygov::PaymentData& data,
                             const nlohmann::json& answer) const;
  /// settle()s the move `step` says, with the canonical event as its push.
  boost::asio::awaitable<Result<store::ChangeOutcome>> move_by(const pipeline::Exchange& exchange,
                                                               const std::string& reference,
                                                               const paygov::FollowUp& step,
                                                               const paygov::PaymentData& data,
                                                               const nlohmann::json& answer) const;
  /// The follow-up QUERY of a payment just created, first tried `payments.query_after_s` later.
  store::NewMessage follow_up_message(const pipeline::Exchange& exchange,
                                      const std::string& reference) const;
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
