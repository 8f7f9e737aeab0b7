#include "core/pipeline/inbound/push_stage.hpp"

#include "core/http/client.hpp"

namespace lienthong::pipeline {

PushStage::PushStage(ProvincialTarget target, std::string source, http::HttpClient* client)
    : target_(std::move(target)), source_(std::move(source)), client_(client) {}

boost::asio::awaitable<Result<void>> PushStage::run(Exchange& exchange) const {
  if (client_ == nullptr) {
    co_return Problem::make(ProblemKind::kInternal, "no egress client for provincial pushes");
  }
  auto response = co_await client_->send(target_.origin, push_request(target_, exchange, source_),
                                         target_.timeout);
  if (!response) co_return std::move(response).error();
  auto answer = read_push_answer(target_, *response);
  if (!answer) co_return std::move(answer).error();
  exchange.response = std::move(answer).value();
  co_return Result<void>{};
}

}  // namespace lienthong::pipeline
