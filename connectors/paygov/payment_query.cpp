// PaygovConnector's side of QUERY: what the platform's answer about a payment changes, and the
// follow-up the hub queues for itself when a payment's notice may never come (README.md: lost
// notices). A QUERY answer moves a payment exactly as a notice would — once, by compare and set,
// with the push in the same transaction — so a notice and a follow-up racing each other (or two
// hubs) still make one `paid` and one push.
#include "connectors/paygov/paygov_connector.hpp"
#include "connectors/paygov/payment_event.hpp"
#include "connectors/paygov/payment_follow_up.hpp"
#include "core/base/uuid.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/message_desk.hpp"
#include "core/pipeline/async/record_desk.hpp"
#include "core/pipeline/inbound/inbound_routes.hpp"

namespace lienthong::connectors {
namespace {

namespace asio = boost::asio;
using paygov::FollowUp;
using paygov::PaymentState;

constexpr std::string_view kJson = "application/json; charset=utf-8";

std::string text_of(const nlohmann::json& j, std::string_view key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The recorded payment `data`, with what a paying QUERY answer adds to it.
paygov::PaymentData with_payment(paygov::PaymentData data, const nlohmann::json& answer) {
  if (data.paid_at.empty()) data.paid_at = text_of(answer, "ThoiGianThanhToan");
  if (data.bank_transaction_id.empty()) data.bank_transaction_id = text_of(answer, "MaGiaoDich");
  return data;
}

/// What recover-payment answers: where the payment is, and what moved it there.
pipeline::WireResponse recovered(const std::string& reference, std::string_view state,
                                 std::string_view moved_by) {
  const nlohmann::json body = {
      {"MaThamChieu", reference}, {"TrangThai", state}, {"NguyenNhan", moved_by}};
  return {200, std::string(kJson), body.dump(), std::nullopt};
}

/// An exchange the hub starts because of `cause` (a follow-up, a push): a new id, the same
/// client, correlation and trace, so an operator follows one payment through all of them.
pipeline::Exchange caused_by(const pipeline::Exchange& cause, nlohmann::json request) {
  pipeline::Exchange ex;
  ex.id = uuid_v7();
  ex.client = cause.client;
  ex.correlation_id = cause.correlation_id;
  ex.traceparent = cause.traceparent;
  ex.request = std::move(request);
  return ex;
}

}  // namespace

store::NewMessage PaygovConnector::follow_up_message(const pipeline::Exchange& exchange,
                                                     const std::string& reference) const {
  const auto ask = caused_by(exchange, {{"paymentId", reference}});
  auto m = pipeline::new_message(ask, config_.id, std::string(kRecover), "", "");
  m.ready_at = store::Clock::now() + std::chrono::seconds(config_.payments.query_after_s);
  return m;
}

store::NewMessage PaygovConnector::event_message(const pipeline::Exchange& exchange,
                                                 const std::string& reference,
                                                 paygov::PaymentEvent event,
                                                 const paygov::PaymentData& data) const {
  const auto push =
      caused_by(exchange, paygov::payment_event(event, reference, data, paygov::Clock::now()));
  const auto& notice = config_.inbound.at(std::string(kNotice));
  return pipeline::new_message(push, config_.id, pipeline::inbound_operation_name(kNotice),
                               notice.order_key, "");
}

asio::awaitable<Result<store::ChangeOutcome>> PaygovConnector::settle(
    const std::string& reference, paygov::PaymentEvent event, paygov::PaymentData data,
    std::string cause, store::NewMessage push) const {
  const std::string push_id = push.id;
  auto change = paygov::payment_change(reference, event, data, cause);
  std::optional<store::NewMessage> message = std::move(push);
  auto changed = co_await records_->change(std::move(change), std::move(message));
  if (changed && changed->applied) {
    log::info("paygov.payment_" + std::string(paygov::to_string(paygov::transition_for(event).to)),
              {{"payment_id", reference}, {"cause", cause}, {"message_id", push_id}});
  }
  co_return changed;
}

paygov::FollowUp PaygovConnector::next_step(const store::StateRecord& record,
                                            const paygov::PaymentData& data,
                                            const nlohmann::json& answer) const {
  const auto state = paygov::parse_payment_state(record.state).value_or(PaymentState::kInitiating);
  return paygov::follow_up(state, text_of(answer, "TrangThaiGD"), data.expires_at,
                           paygov::Clock::now(),
                           std::chrono::seconds(config_.payments.query_every_s),
                           std::chrono::seconds(config_.payments.expiry_grace_s));
}

asio::awaitable<Result<store::ChangeOutcome>> PaygovConnector::move_by(
    const pipeline::Exchange& exchange, const std::string& reference, const paygov::FollowUp& step,
    const paygov::PaymentData& data, const nlohmann::json& answer) const {
  const auto moved = with_payment(data, answer);
  auto push = event_message(exchange, reference, step.event, moved);
  co_return co_await settle(reference, step.event, moved, step.cause, std::move(push));
}

asio::awaitable<Result<pipeline::WireResponse>> PaygovConnector::query(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    const std::string& reference) const {
  const auto message = paygov::payment_request("QUERY", partner_, reference, paygov::Clock::now());
  auto answer = co_await send(operation, exchange, message);
  if (!answer) co_return std::move(answer).error();
  // The platform's word settles a payment the hub still holds as awaiting: moved once here.
  // (Only the queued follow-up lets time expire a payment: a caller's question never does.)
  if (!records_) co_return pipeline::WireResponse{200, std::string(kJson), answer->dump(), {}};
  std::string kind(paygov::kPaymentKind);
  auto record = co_await records_->get(std::move(kind), reference);
  if (record) {
    const auto data = paygov::read_payment_data(record->data);
    const auto step = next_step(*record, data, *answer);
    if (step.kind == FollowUp::Kind::kMove && step.cause == "query") {
      auto moved = co_await move_by(exchange, reference, step, data, *answer);
      if (!moved) log::warn("paygov.query_unrecorded", {{"payment_id", reference}});
    }
  }
  co_return pipeline::WireResponse{200, std::string(kJson), answer->dump(), {}};
}

asio::awaitable<Result<pipeline::WireResponse>> PaygovConnector::recover(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    const std::string& reference) const {
  if (!exchange.queued) {
    co_return Problem::make(
        ProblemKind::kForbidden,
        std::string(kRecover) + " is queued by the hub itself; ask with query-payment");
  }
  if (!records_) co_return Problem::make(ProblemKind::kUnavailable, "the store is not open");
  std::string kind(paygov::kPaymentKind);
  auto record = co_await records_->get(std::move(kind), reference);
  if (!record) co_return std::move(record).error();
  if (record->state != paygov::to_string(PaymentState::kAwaitingPayment)) {
    co_return recovered(reference, record->state, "notice");  // the notice came: nothing to ask
  }
  const auto message = paygov::payment_request("QUERY", partner_, reference, paygov::Clock::now());
  auto answer = co_await send(operation, exchange, message);
  if (!answer) co_return std::move(answer).error();
  const auto data = paygov::read_payment_data(record->data);
  const auto step = next_step(*record, data, *answer);
  if (step.kind == FollowUp::Kind::kAskAgain) {
    // A failure in the platform's own terms (it is up): the queue asks again, never the circuit.
    Problem p = Problem::make(ProblemKind::kUpstreamError,
                              "the payment is still awaiting payment at the platform");
    p.upstream = Upstream{200, "01", "awaiting payment"};
    p.retry_after_seconds = static_cast<int>(step.ask_again_in.count());
    co_return p;
  }
  if (step.kind == FollowUp::Kind::kSettled) {
    const std::string platform_state = text_of(*answer, "TrangThaiGD");
    log::warn("paygov.follow_up_unsettled",
              {{"payment_id", reference}, {"platform_state", platform_state}});
    co_return recovered(reference, record->state, "platform state " + platform_state);
  }
  auto moved = co_await move_by(exchange, reference, step, data, *answer);
  if (!moved) co_return std::move(moved).error();
  co_return recovered(reference, moved->record.state, moved->applied ? step.cause : "notice");
}

}  // namespace lienthong::connectors
