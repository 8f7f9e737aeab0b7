#pragma once

#include <boost/asio/ssl/context.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "core/base/problem.hpp"

namespace lienthong::sandbox {

/// A TLS server context for a mock that requires a client certificate (mutual TLS) chained to
/// `client_anchors`, as the registries behind the national data-sharing platform do: TLS 1.2+,
/// modern cipher suites, `chain` (certificate then intermediates) and `key` as PEM files.
Result<std::shared_ptr<boost::asio::ssl::context>, std::string> mtls_server_context(
    const std::filesystem::path& chain, const std::filesystem::path& key,
    const std::filesystem::path& client_anchors);

}  // namespace lienthong::sandbox
