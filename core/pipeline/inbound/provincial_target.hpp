#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/problem.hpp"
#include "core/config/inbound_config.hpp"
#include "core/http/types.hpp"
#include "core/http/url.hpp"
#include "core/pipeline/exchange.hpp"

namespace lienthong::pipeline {

/// A provincial webhook, checked once: where to POST, with which credential, how long to wait.
struct ProvincialTarget {
  std::string name;
  http::Url origin;  ///< scheme, host, port (target "/")
  std::string path;  ///< path and query of the URL
  std::string auth_header;
  std::string auth_value;  ///< secret, never logged
  std::chrono::milliseconds timeout{10'000};
};

/// The target of `config`, or a located error when its URL does not parse.
Result<ProvincialTarget, config::ConfigErrors> compile_target(
    const config::ProvincialTargetConfig& config);

/// The push of one stored inbound message (pure): POST of the canonical JSON with the
/// target's credential, the stable message id as `X-Message-ID` and `Idempotency-Key` (the
/// receiver de-duplicates repeated attempts by it), the correlation headers, and
/// `X-Lienthong-Inbound: connector/operation` so one webhook can tell flows apart.
http::Request push_request(const ProvincialTarget& target, const Exchange& exchange,
                           std::string_view source);

/// What a provincial system's answer means (pure): 2xx is delivered (the answer, for the
/// message's result: `{target, status}` plus its JSON body if it sent one); any other status
/// is a kUpstreamError carrying it, and `Retry-After`, for core/delivery to classify.
Result<nlohmann::json> read_push_answer(const ProvincialTarget& target,
                                        const http::Response& response);

}  // namespace lienthong::pipeline
