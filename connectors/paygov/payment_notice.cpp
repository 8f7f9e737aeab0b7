// PaygovConnector's side of the platform's IPN (POST /inbound/paygov/payment-notice).
#include "connectors/paygov/ipn.hpp"
#include "connectors/paygov/paygov_connector.hpp"
#include "connectors/paygov/payment_record.hpp"
#include "connectors/paygov/payment_state.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/message_desk.hpp"
#include "core/pipeline/async/record_desk.hpp"
#include "core/pipeline/route_table.hpp"

namespace lienthong::connectors {
namespace {

namespace asio = boost::asio;
using paygov::PaymentEvent;
using paygov::PaymentState;
using paygov::Verdict;
namespace code = paygov::answer_code;

std::optional<PaymentEvent> event_of(std::string_view result) {
  if (result == "00") return PaymentEvent::kPaid;
  if (result == "24") return PaymentEvent::kCancelled;
  return std::nullopt;
}

/// The canonical event the mapping wrote, completed from the record: the dossier it belongs
/// to (the order key), and for a cancellation its time under its own name.
void complete_event(nlohmann::json& event, PaymentEvent kind, const paygov::PaymentData& data) {
  event["dossierCode"] = data.dossier_code;
  if (kind == PaymentEvent::kCancelled) {
    if (event.contains("paidAt")) event["cancelledAt"] = event["paidAt"];
    event.erase("paidAt");
    event.erase("bankTransactionId");
  }
}

}  // namespace

bool PaygovConnector::receives(std::string_view inbound_operation) const {
  return inbound_operation == kNotice;
}

pipeline::Answer PaygovConnector::notice_answer(const pipeline::Exchange& exchange,
                                                std::string_view answer_code,
                                                std::string_view reason) const {
  const bool settled = answer_code == code::kConfirmed || answer_code == code::kAlready;
  const std::initializer_list<log::Field> fields = {{"message_id", exchange.id},
                                                    {"answer", std::string(answer_code)},
                                                    {"reason", std::string(reason)}};
  if (settled) {
    log::write(log::Level::kInfo, "paygov.ipn", fields);
  } else {
    log::write(log::Level::kWarn, "paygov.ipn", fields);
  }
  return pipeline::Answer{.status = 200,
                          .body = paygov::ipn_answer(answer_code, partner_.code,
                                                     paygov::Clock::now(), partner_.secret)};
}

pipeline::Answer PaygovConnector::refusal(const pipeline::Route& /*route*/,
                                          const Problem& problem) const {
  pipeline::Exchange none;
  const bool busy =
      problem.kind == ProblemKind::kUnavailable || problem.kind == ProblemKind::kInternal;
  return notice_answer(none, busy ? code::kRetryLater : code::kMalformed,
                       std::string(type_slug(problem.kind)));
}

asio::awaitable<pipeline::Answer> PaygovConnector::receive(const pipeline::Route& route,
                                                           pipeline::Exchange& ex) const {
  // 1-2. Shape, checksum, partner — before anything is read or stored.
  auto notice = paygov::read_ipn(ex.request, partner_.code, partner_.secret);
  if (!notice) co_return notice_answer(ex, notice.error().code, notice.error().reason);
  const auto event = event_of(notice->result);
  if (!event) co_return notice_answer(ex, code::kMalformed, "MaLoi is neither 00 nor 24");
  if (!records_) co_return notice_answer(ex, code::kRetryLater, "the store is not open");
  // 3. The amount against the payment the hub recorded.
  std::string kind(paygov::kPaymentKind);
  auto record = co_await records_->get(std::move(kind), notice->reference);
  if (!record) {
    if (record.error().kind == ProblemKind::kNotFound) {
      co_return notice_answer(ex, code::kUnknownReference, "no such payment");
    }
    co_return notice_answer(ex, code::kRetryLater, "store read failed");
  }
  auto data = paygov::read_payment_data(record->data);
  if (notice->amount != data.amount) {
    co_return notice_answer(ex, code::kAmount, "SoTien differs from the recorded amount");
  }
  // 4. The state.
  const auto state = paygov::parse_payment_state(record->state).value_or(PaymentState::kInitiating);
  const auto verdict = paygov::judge(state, *event);
  if (verdict == Verdict::kAlready) co_return notice_answer(ex, code::kAlready, "already recorded");
  if (verdict == Verdict::kIllegal) {
    co_return notice_answer(ex, code::kAlready,
                            "payment is " + record->state + ": the notice changes nothing");
  }
  // The canonical event through the route's arrival stages (validate, map).
  for (std::size_t i = 0; i < route.checks; ++i) {
    auto done = co_await route.stages[i]->run(ex);
    if (!done) co_return notice_answer(ex, code::kMalformed, done.error().detail);
  }
  complete_event(ex.request, *event, data);
  if (*event == PaymentEvent::kPaid) {
    data.paid_at = notice->paid_at;
    data.bank_transaction_id = notice->bank_transaction_id;
  }
  auto push = pipeline::new_message(ex, route, ex.idempotency_key);
  auto changed = co_await settle(notice->reference, *event, data, "ipn", std::move(push));
  if (!changed) co_return notice_answer(ex, code::kRetryLater, "store write failed");
  if (!changed->applied) {  // another notice, a follow-up query or another hub moved it first
    co_return notice_answer(ex, code::kAlready, "moved meanwhile to " + changed->record.state);
  }
  co_return notice_answer(ex, code::kConfirmed, "recorded");
}

}  // namespace lienthong::connectors
