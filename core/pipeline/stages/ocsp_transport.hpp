#pragma once

#include <chrono>

#include "core/security/ocsp/ocsp_checker.hpp"

namespace lienthong::http {
class HttpClient;
}

namespace lienthong::pipeline {

/// The OCSP checker's transport over the hub's egress client: `POST <url>` with
/// `Content-Type: application/ocsp-request`; only a 200 answer's body counts. `client` must
/// outlive every check.
security::OcspTransport http_ocsp_transport(http::HttpClient& client,
                                            std::chrono::milliseconds timeout);

}  // namespace lienthong::pipeline
