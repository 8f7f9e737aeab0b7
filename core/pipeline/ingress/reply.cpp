#include "core/pipeline/ingress/reply.hpp"

#include "core/http/problem_response.hpp"
#include "core/pipeline/ingress/request_parts.hpp"

namespace lienthong::pipeline {

namespace bhttp = boost::beast::http;

http::Response reply(const Outcome& outcome, const Exchange& ex, const http::Request& req,
                     const ExitOptions& options) {
  if (!outcome) {
    const Problem& p = outcome.error();
    http::ProblemContext ctx{ex.id, ex.connector, ex.operation};
    auto res = http::problem_response(p, ctx, req.version(), req.keep_alive());
    stamp(res, ex);
    if (p.kind == ProblemKind::kUnauthenticated) res.set(bhttp::field::www_authenticate, "Bearer");
    if (p.kind == ProblemKind::kMethodNotAllowed) res.set(bhttp::field::allow, options.allow);
    if (options.close_on_problem) res.keep_alive(false);
    log_exchange(ex, http_status(p.kind), type_slug(p.kind));
    return res;
  }
  const Answer& answer = *outcome;
  auto res = answer.document_type.empty()
                 ? http::json_response(answer.status, answer.body, req.version(), req.keep_alive())
                 : http::bytes_response(answer.status, answer.document_type, answer.document,
                                        req.version(), req.keep_alive());
  for (const auto& [name, value] : answer.headers) res.set(name, value);
  stamp(res, ex);
  log_exchange(ex, answer.status, "");
  return res;
}

}  // namespace lienthong::pipeline
