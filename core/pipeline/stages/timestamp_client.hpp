#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "core/config/hub_config.hpp"
#include "core/http/url.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/signing/timestamp_reply.hpp"

namespace lienthong::http {
class HttpClient;
}

namespace lienthong::pipeline {

/// The hub's RFC 3161 client (`time_stamp_authority` in hub.json): `POST` a TimeStampReq
/// (`application/timestamp-query`) over the egress client and accept only a token that
/// answers it and chains to the configured anchors (security/signing/timestamp_*).
/// Thread-safe; `client` must outlive it.
class TimestampClient {
 public:
  /// Loads the anchors; errors are located at `time_stamp_authority` in `config_file`.
  static Result<std::shared_ptr<const TimestampClient>, config::ConfigErrors> load(
      const config::TimestampAuthorityConfig& config, const std::filesystem::path& config_file,
      http::HttpClient& client);

  TimestampClient(http::Url origin, std::chrono::milliseconds timeout, security::TrustStore trust,
                  security::Certificates untrusted, http::HttpClient& client);

  /// A token over `imprint` (32 raw bytes of SHA-256). kUnavailable when the TSA cannot be
  /// reached, answers an HTTP error, refuses, or answers something that does not check: the
  /// work that needs the token waits and tries again; it never goes on without one.
  [[nodiscard]] boost::asio::awaitable<Result<security::signing::TimestampToken>> stamp(
      std::string imprint) const;

 private:
  http::Url origin_;
  std::chrono::milliseconds timeout_;
  security::TrustStore trust_;
  security::Certificates untrusted_;
  http::HttpClient* client_;
};

}  // namespace lienthong::pipeline
