#pragma once

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/problem.hpp"
#include "core/pipeline/route_table.hpp"
#include "core/store/message.hpp"

namespace lienthong::pipeline {

/// Which stage of a stored message's chain failed, and how (the delivery loop classifies it).
struct StageFailure {
  std::string stage;  ///< Stage::name()
  Problem problem;
};

/// Runs the delivery part of `route`'s chain (the stages after its arrival checks: map request,
/// sign, deliver, verify, map response) for a message accepted earlier. The exchange is
/// rebuilt from the message: its id (sent as X-Message-ID, so the receiver can de-duplicate
/// repeated attempts), client, correlation id and trace context. Answers the canonical response.
/// `wire`, when given and engaged (the journal is on), travels with the exchange and comes back
/// with what the stages kept of the wire (hashes, signatures, bodies), whatever the outcome.
boost::asio::awaitable<Result<nlohmann::json, StageFailure>> run_stored(
    const Route& route, const store::NewMessage& message,
    std::optional<WireEvidence>* wire = nullptr);

}  // namespace lienthong::pipeline
