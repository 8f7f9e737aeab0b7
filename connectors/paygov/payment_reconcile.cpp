// PaygovConnector's operator action "reconcile": the platform's list of one day's transactions
// (DOI_SOAT) against the hub's payment record of that day. It reports and never changes a
// payment: a mismatch is an operator's question (README.md: reconciliation).
#include "connectors/paygov/paygov_connector.hpp"
#include "connectors/paygov/reconciliation.hpp"
#include "core/base/uuid.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/async/record_desk.hpp"

namespace lienthong::connectors {
namespace {

namespace asio = boost::asio;

constexpr std::string_view kReconcile = "reconcile";
constexpr int kPage = 500;

/// "yyyyMMdd" -> "yyyy-MM-dd".
std::string iso_date(std::string_view day) {
  return std::string(day.substr(0, 4)) + "-" + std::string(day.substr(4, 2)) + "-" +
         std::string(day.substr(6, 2));
}

}  // namespace

std::vector<pipeline::Connector::DailyAction> PaygovConnector::daily_actions() const {
  if (config_.payments.reconcile_at.empty()) return {};
  return {{std::string(kReconcile), config_.payments.reconcile_at}};
}

asio::awaitable<Result<pipeline::ActionReport>> PaygovConnector::act(
    std::string_view action, const nlohmann::json& params) const {
  if (action != kReconcile) {
    co_return Problem::make(ProblemKind::kNotFound,
                            "paygov has one action: reconcile {\"date\": \"YYYY-MM-DD\"}");
  }
  std::string day;
  if (params.is_object() && params.contains("date")) {
    const auto date = params["date"].is_string()
                          ? paygov::platform_date(params["date"].get<std::string>())
                          : std::nullopt;
    if (!date) {
      Problem p = Problem::make(ProblemKind::kInvalid, "the day to reconcile is not a date");
      p.errors.push_back({"/date", "must be a calendar date YYYY-MM-DD"});
      co_return p;
    }
    day = *date;
  } else {  // a schedule: the day that ended last
    day = paygov::platform_day(paygov::Clock::now() - std::chrono::hours(24));
  }
  auto report = co_await reconcile(day);
  if (!report) co_return std::move(report).error();
  co_return pipeline::ActionReport{paygov::to_json(*report), paygov::to_text(*report),
                                   report->clean()};
}

asio::awaitable<Result<paygov::Reconciliation>> PaygovConnector::reconcile(
    const std::string& day) const {
  if (!records_) co_return Problem::make(ProblemKind::kUnavailable, "the store is not open");
  // DOI_SOAT goes to the one endpoint of every platform message (WIRE.md).
  config::OperationConfig operation = config_.operations.at(std::string(kRecover));
  operation.name = std::string(kReconcile);
  pipeline::Exchange exchange;
  exchange.id = uuid_v7();
  exchange.correlation_id = exchange.id;
  exchange.client = "operator";
  exchange.connector = config_.id;
  exchange.operation = operation.name;
  const auto message = paygov::reconciliation_request(partner_, day, paygov::Clock::now());
  auto answer = co_await send(operation, exchange, message);
  if (!answer) co_return std::move(answer).error();
  auto platform = paygov::read_day_list(*answer);
  if (!platform) co_return std::move(platform).error();

  // The hub's payments created that day (Asia/Ho_Chi_Minh), page by page.
  const auto midnight = paygov::parse_platform_time(day + "000000");
  std::vector<paygov::HubEntry> hub;
  store::RecordFilter filter;
  filter.kind = std::string(paygov::kPaymentKind);
  filter.created_from = midnight;
  filter.created_to = *midnight + std::chrono::hours(24);
  filter.limit = kPage;
  for (;;) {
    auto page = co_await records_->list(filter);
    if (!page) co_return std::move(page).error();
    for (const auto& r : *page) {
      const auto data = paygov::read_payment_data(r.data);
      hub.push_back({r.id, data.amount, r.state});
    }
    if (page->size() < static_cast<std::size_t>(kPage)) break;
    filter.before = page->back().id;
  }
  auto report = paygov::reconcile(iso_date(day), *platform, hub);
  const auto fields = {
      log::Field{"date", report.date}, log::Field{"payments", std::to_string(report.lines.size())},
      log::Field{"mismatches",
                 std::to_string(report.lines.size() - report.count(paygov::Finding::kMatched))}};
  log::write(report.clean() ? log::Level::kInfo : log::Level::kWarn, "paygov.reconciled", fields);
  co_return report;
}

}  // namespace lienthong::connectors
