#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "core/http/types.hpp"

namespace lienthong::crash {

/// One blocking HTTP/1.1 exchange on a new loopback connection; nullopt when the connection
/// fails or breaks (a hub killed mid-request) or `timeout` passes. Never throws: in a crash
/// test a dead peer is an expected outcome, not an error.
std::optional<http::Response> try_http(std::uint16_t port, http::Request request,
                                       std::chrono::milliseconds timeout);

}  // namespace lienthong::crash
