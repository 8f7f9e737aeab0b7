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

}  // namespace lienthong::pipeline
