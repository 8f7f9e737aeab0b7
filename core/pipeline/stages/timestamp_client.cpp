#include "core/pipeline/stages/timestamp_client.hpp"

#include "core/http/client.hpp"
#include "core/log/log.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/signing/timestamp_query.hpp"

namespace lienthong::pipeline {
namespace {

namespace bhttp = boost::beast::http;

Problem unavailable(std::string reason) {
  return Problem::make(ProblemKind::kUnavailable, std::move(reason));
}

}  // namespace

Result<std::shared_ptr<const TimestampClient>, config::ConfigErrors> TimestampClient::load(
    const config::TimestampAuthorityConfig& c, const std::filesystem::path& config_file,
    http::HttpClient& client) {
  config::ConfigErrors errors;
  auto locate = [&](const std::string& key, std::string reason) {
    errors.push_back({config_file.string(), 0, "time_stamp_authority." + key, std::move(reason)});
  };
  auto origin = http::Url::parse(c.url);
  if (!origin) locate("url", origin.error());
  auto anchors = security::load_certificates(c.trust_anchors);
  if (!anchors) locate("trust_anchors", anchors.error().to_string());
  auto intermediates = security::load_certificates(c.intermediates);
  if (!intermediates) locate("intermediates", intermediates.error().to_string());
  if (!errors.empty()) return errors;
  auto trust = security::TrustStore::from(std::move(anchors).value(),
                                          security::shared_copies(*intermediates));
  return std::make_shared<const TimestampClient>(
      std::move(origin).value(), std::chrono::milliseconds(c.timeout_ms), std::move(trust),
      std::move(intermediates).value(), client);
}

TimestampClient::TimestampClient(http::Url origin, std::chrono::milliseconds timeout,
                                 security::TrustStore trust, security::Certificates untrusted,
                                 http::HttpClient& client)
    : origin_(std::move(origin)),
      timeout_(timeout),
      trust_(std::move(trust)),
      untrusted_(std::move(untrusted)),
      client_(&client) {}

boost::asio::awaitable<Result<security::signing::TimestampToken>> TimestampClient::stamp(
    std::string imprint) const {
  auto query = security::signing::make_timestamp_query(imprint);
  if (!query) co_return Problem::make(ProblemKind::kInternal, query.error());
  http::Request request{bhttp::verb::post, origin_.target, 11};
  request.set(bhttp::field::content_type, "application/timestamp-query");
  request.set(bhttp::field::accept, "application/timestamp-reply");
  request.body() = query->der;
  request.prepare_payload();
  auto response = co_await client_->send(origin_, std::move(request), timeout_);
  if (!response) {
    log::warn("tsa.unreachable", {{"reason", response.error().detail}});
    co_return unavailable("TSA unreachable: " + response.error().detail);
  }
  if (response->result() != bhttp::status::ok) {
    log::warn("tsa.http_error", {{"status", std::to_string(response->result_int())}});
    co_return unavailable("TSA answered HTTP " + std::to_string(response->result_int()));
  }
  auto token =
      security::signing::accept_timestamp_reply(response->body(), *query, trust_, untrusted_);
  if (!token) {
    log::warn("tsa.reply_refused", {{"reason", token.error()}});
    co_return unavailable(token.error());
  }
  co_return std::move(token).value();
}

}  // namespace lienthong::pipeline
