#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/problem.hpp"
#include "core/evidence/facts.hpp"

namespace lienthong::pipeline {

/// A request as it goes to the external system, after mapping (and later, signing).
struct WireRequest {
  std::string body;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> query;
};

/// The external system's answer, before verification and mapping.
struct WireResponse {
  unsigned status = 0;
  std::string content_type;
  std::string body;
  /// Set when the far side answered that it failed (a SOAP fault, an error status...), in the
  /// connector's terms. It ends the chain only after the answer's signature, if the connector
  /// has one, was verified: an unsigned or forged failure must not reach the caller either.
  std::optional<Problem> failure;
};

/// What the evidence journal keeps of an exchange's wire (core/pipeline/evidence/): filled by the
/// deliver, sign and verify stages when the journal is on, before anything rewrites the bytes
/// (the verify stage replaces the answer by its verified body).
struct WireEvidence {
  bool keep_bodies = false;  ///< the connector archives its bodies (`evidence.archive_bodies`)
  std::string sent_sha256;
  std::string received_sha256;
  std::string sent;      ///< only when keep_bodies
  std::string received;  ///< only when keep_bodies
  unsigned far_status = 0;
  std::vector<evidence::SignatureFact> signatures;
};

/// One exchange between a provincial system and an external system. Lives in the coroutine
/// frame of the request that made it; stages read and fill it in order.
struct Exchange {
  std::string id;               ///< UUIDv7, also X-Message-ID
  std::string correlation_id;   ///< X-Correlation-ID from the caller, or the message id
  std::string traceparent;      ///< W3C trace context from the caller, if valid
  std::string client;           ///< authenticated client name
  std::string idempotency_key;  ///< the caller's Idempotency-Key (checked), empty when none
  std::string connector;
  std::string operation;
  /// Rebuilt from a stored message by the delivery loop (run_stored), not a caller's request.
  bool queued = false;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  nlohmann::json request;  ///< canonical request (validated)
  WireRequest wire_request;
  WireResponse wire_response;
  nlohmann::json response;  ///< canonical response
  /// Engaged when the evidence journal is on (the ingress or the delivery loop decides).
  std::optional<WireEvidence> wire_evidence;
};

}  // namespace lienthong::pipeline
