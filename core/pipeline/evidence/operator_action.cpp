#include "core/pipeline/evidence/operator_action.hpp"

#include "core/base/uuid.hpp"
#include "core/log/log.hpp"

namespace lienthong::pipeline {

boost::asio::awaitable<Result<ActionReport>> run_operator_action(
    const Connector& connector, std::string connector_id, std::string action,
    const nlohmann::json& params, std::string actor, const Journal* journal) {
  auto report = co_await connector.act(action, params);
  if (journal == nullptr || !journal->on()) co_return report;
  if (!report && report.error().kind == ProblemKind::kNotFound) co_return report;  // no such
  evidence::Facts f;
  f.id = uuid_v7();
  f.kind = "action";
  f.actor = std::move(actor);
  f.connector = std::move(connector_id);
  f.operation = std::move(action);
  f.detail = "connector action";
  if (!report) {
    f.outcome = std::string(type_slug(report.error().kind));
  } else {
    f.outcome = report->clean ? "clean" : "findings";
  }
  const std::string what = f.connector + "/" + f.operation;
  auto appended = co_await journal->append(std::move(f));
  if (!appended) {
    log::error("evidence.append_failed", {{"action", what}, {"problem", appended.error().detail}});
  }
  co_return report;
}

}  // namespace lienthong::pipeline
