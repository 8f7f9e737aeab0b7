#include "core/pipeline/connector.hpp"

namespace lienthong::pipeline {

// The defaults of a connector that receives no callback itself: the route table never hands
// it one (`receives` is false), so these only answer a wiring mistake.
boost::asio::awaitable<Answer> Connector::receive(const Route& /*route*/,
                                                  Exchange& /*exchange*/) const {
  co_return Answer{.status = 500, .body = {{"error", "this connector receives no callback"}}};
}

Answer Connector::refusal(const Route& /*route*/, const Problem& problem) const {
  return Answer{.status = http_status(problem.kind), .body = {{"error", problem.detail}}};
}

boost::asio::awaitable<Result<ActionReport>> Connector::act(
    std::string_view action, const nlohmann::json& /*params*/) const {
  co_return Problem::make(ProblemKind::kNotFound,
                          "this connector has no action " + std::string(action));
}

boost::asio::awaitable<Result<void>> Connector::admit(const config::OperationConfig& /*operation*/,
                                                      const Exchange& /*exchange*/) const {
  co_return Result<void>();
}

boost::asio::awaitable<std::optional<nlohmann::json>> Connector::progress(
    const store::MessageStatus& /*status*/) const {
  co_return std::nullopt;
}

}  // namespace lienthong::pipeline
