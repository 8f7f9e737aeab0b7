#pragma once

#include "core/http/client.hpp"
#include "core/security/ocsp_checker.hpp"

namespace lienthong::app {

/// The OCSP checker's transport over the hub's egress client: `POST <url>` with
/// `Content-Type: application/ocsp-request`, 5 s timeout; anything but 200 is a failure.
/// `client` must outlive every check.
security::OcspTransport ocsp_transport(http::HttpClient& client);

}  // namespace lienthong::app
