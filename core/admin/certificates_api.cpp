#include "core/admin/certificates_api.hpp"

#include <chrono>

#include "core/admin/query_params.hpp"
#include "core/http/problem_response.hpp"
#include "core/store/awaitable.hpp"

namespace lienthong::admin {
namespace {

namespace bhttp = boost::beast::http;
constexpr std::string_view kPath = "/admin/certificates";

}  // namespace

CertificatesApi::CertificatesApi(const config::HubConfig& config,
                                 boost::asio::any_io_executor blocking)
    : sources_(certificate_sources(config)), blocking_(std::move(blocking)) {}

boost::asio::awaitable<std::optional<http::Response>> CertificatesApi::handle(
    const http::Request& req) const {
  const auto target = std::string_view(req.target());
  const auto q = target.find('?');
  if (target.substr(0, q) != kPath) co_return std::nullopt;
  auto problem = [&](const Problem& p) {
    return http::problem_response(p, {}, req.version(), req.keep_alive());
  };
  if (req.method() != bhttp::verb::get) {
    co_return problem(
        Problem::make(ProblemKind::kMethodNotAllowed, "certificates are read with GET"));
  }
  auto params = parse_query(q == std::string_view::npos ? "" : target.substr(q + 1));
  if (!params) co_return problem(params.error());
  if (auto p = only(*params, {})) co_return problem(*p);
  // The files are read on the blocking pool, never on the I/O thread.
  const auto read = [sources = sources_]() -> Result<nlohmann::json> {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    return certificate_report(sources, now);
  };
  auto report = co_await store::await_blocking<nlohmann::json>(blocking_, read);
  if (!report) co_return problem(report.error());
  co_return http::json_response(200, *report, req.version(), req.keep_alive());
}

}  // namespace lienthong::admin
