#include "connectors/paygov/paygov_connector.hpp"

#include "connectors/paygov/payment_record.hpp"
#include "connectors/paygov/payment_state.hpp"
#include "connectors/paygov/platform_answer.hpp"
#include "core/base/digest.hpp"
#include "core/http/client.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/record_desk.hpp"

namespace lienthong::connectors {
namespace {

namespace asio = boost::asio;
using paygov::PaymentState;

constexpr std::string_view kJson = "application/json; charset=utf-8";

pipeline::WireResponse json_answer(const nlohmann::json& body) {
  return {200, std::string(kJson), body.dump(), std::nullopt};
}

store::NewRecord new_payment(const pipeline::Exchange& ex, const paygov::PaymentData& data) {
  store::NewRecord r;
  r.kind = std::string(paygov::kPaymentKind);
  r.id = ex.id;
  r.client = ex.client;
  r.idempotency_key = ex.idempotency_key;
  r.state = std::string(paygov::to_string(PaymentState::kInitiating));
  r.data = paygov::to_json(data).dump();
  r.cause = "create";
  return r;
}

}  // namespace

Result<std::shared_ptr<const pipeline::Connector>, config::ConfigErrors> PaygovConnector::make(
    const config::ConnectorConfig& config, const pipeline::ConnectorContext& context) {
  config::ConfigErrors errors;
  const std::string file = config.file.string();
  if (!config.partner) {
    errors.push_back(
        {file, 0, "partner", "the paygov type needs {\"code\": MaDoiTac, \"secret\": {secret}}"});
  }
  if (!config.operations.contains(std::string(kRecover))) {
    errors.push_back({file, 0, "operations",
                      "the paygov type needs operation " + std::string(kRecover) +
                          " (the QUERY the hub queues for a payment no notice settled)"});
  }
  if (!config.inbound.contains(std::string(kNotice))) {
    errors.push_back({file, 0, "inbound",
                      "the paygov type needs inbound " + std::string(kNotice) +
                          " (the platform's IPN, and where payment events are pushed)"});
  }
  for (const auto& [name, op] : config.operations) {
    if (op.method != "POST" || op.request_as != "json-body" || op.response_format != "json") {
      errors.push_back({file, 0, "operations." + name,
                        "paygov calls are POST with a JSON body and a JSON answer"});
    }
  }
  auto endpoint = parse_endpoint(config);
  if (!endpoint) errors.insert(errors.end(), endpoint.error().begin(), endpoint.error().end());
  if (!errors.empty()) return errors;
  return std::shared_ptr<const pipeline::Connector>(std::make_shared<PaygovConnector>(
      config, std::move(endpoint).value(), context.client_for(config.id), context.records));
}

PaygovConnector::PaygovConnector(config::ConnectorConfig config, Endpoint endpoint,
                                 http::HttpClient* client,
                                 std::shared_ptr<const pipeline::RecordDesk> records)
    : config_(std::move(config)),
      endpoint_(std::move(endpoint)),
      client_(client),
      records_(std::move(records)),
      partner_{config_.partner ? config_.partner->code : "",
               config_.partner ? config_.partner->secret : ""} {}

asio::awaitable<Result<pipeline::WireResponse>> PaygovConnector::call(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange) const {
  auto mapped = nlohmann::json::parse(exchange.wire_request.body, nullptr, false);
  const std::string type = mapped.is_object() ? mapped.value("LoaiBanTin", "") : "";
  if (type == "INIT") co_return co_await create(operation, exchange, std::move(mapped));
  const std::string reference = mapped.is_object() ? mapped.value("MaThamChieu", "") : "";
  if (type == "QUERY" && operation.name == kRecover) {
    co_return co_await recover(operation, exchange, reference);
  }
  if (type == "QUERY") co_return co_await query(operation, exchange, reference);
  if (type == "GET_BILL") {
    const auto message = paygov::payment_request(type, partner_, reference, paygov::Clock::now());
    auto answer = co_await send(operation, exchange, message);
    if (!answer) co_return std::move(answer).error();
    co_return json_answer(*answer);
  }
  co_return Problem::make(ProblemKind::kInternal,
                          "mapping of " + config_.id + "/" + operation.name +
                              " must write LoaiBanTin INIT, QUERY or GET_BILL");
}

asio::awaitable<Result<pipeline::WireResponse>> PaygovConnector::create(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    nlohmann::json mapped) const {
  auto data = paygov::read_init(mapped);
  if (!data) co_return std::move(data).error();
  if (!records_) co_return Problem::make(ProblemKind::kUnavailable, "the store is not open");
  const auto now = paygov::Clock::now();
  data->created_day = paygov::platform_day(now);
  data->request_hash = sha256_hex(exchange.request.dump());
  // Named arguments throughout: GCC 12 destroys some temporaries of a co_await twice.
  auto record = new_payment(exchange, *data);
  auto created = co_await records_->create(std::move(record));
  if (!created) co_return std::move(created).error();
  if (!created->created) {  // the same Idempotency-Key: the first payment, never a second INIT
    const auto& first = created->record;
    const auto stored = paygov::read_payment_data(first.data);
    if (stored.request_hash != data->request_hash) {
      co_return Problem::make(ProblemKind::kConflict,
                              "this Idempotency-Key was used for another payment");
    }
    if (first.state == paygov::to_string(PaymentState::kInitiating)) {
      co_return Problem::make(ProblemKind::kConflict,
                              "the payment of this Idempotency-Key is still being created");
    }
    co_return json_answer(paygov::created_answer(first.id, first.state, stored));
  }
  const std::string& reference = exchange.id;
  const auto init_message = paygov::complete_init(std::move(mapped), partner_, reference, now);
  auto answer = co_await send(operation, exchange, init_message);
  Result<paygov::InitAnswer> init =
      answer ? paygov::read_init_answer(*answer) : Result<paygov::InitAnswer>(answer.error());
  if (!init) {
    // Nothing to pay: forget the reservation so the same Idempotency-Key may try again.
    std::vector<std::string> only{std::string(paygov::to_string(PaymentState::kInitiating))};
    std::string kind(paygov::kPaymentKind);
    auto removed = co_await records_->remove(std::move(kind), reference, std::move(only));
    if (!removed) log::warn("paygov.init_unrecorded", {{"payment_id", reference}});
    co_return std::move(init).error();
  }
  data->payment_url = init->payment_url;
  data->expires_at = init->expires_at;
  // Accepted, and in the same transaction the question the hub asks itself if no notice comes.
  auto change =
      paygov::payment_change(reference, paygov::PaymentEvent::kInitAccepted, *data, "init");
  std::optional<store::NewMessage> follow_up = follow_up_message(exchange, reference);
  auto changed = co_await records_->change(std::move(change), std::move(follow_up));
  if (!changed) co_return std::move(changed).error();
  log::info("paygov.payment_created",
            {{"payment_id", reference}, {"amount", std::to_string(data->amount)}});
  co_return json_answer(
      paygov::created_answer(reference, paygov::to_string(PaymentState::kAwaitingPayment), *data));
}

asio::awaitable<Result<nlohmann::json>> PaygovConnector::send(
    const config::OperationConfig& operation, const pipeline::Exchange& exchange,
    const nlohmann::json& message) const {
  pipeline::WireRequest wire{message.dump(), std::string(kJson), {}};
  auto request = build_request(config_, endpoint_, operation, exchange, wire);
  auto response =
      co_await client_->send(endpoint_.origin, std::move(request), timeout_for(config_, operation));
  if (!response) co_return std::move(response).error();
  co_return paygov::read_answer(response->result_int(), response->body());
}

}  // namespace lienthong::connectors
