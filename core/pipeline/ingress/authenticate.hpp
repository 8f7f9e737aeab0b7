#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/hub_config.hpp"

namespace lienthong::pipeline {

/// A provincial system known to the hub.
struct Client {
  std::string name;
  std::array<unsigned char, 32> key_sha256{};
  bool has_key = false;
  std::string certificate_subject;         ///< mTLS identity, RFC 2253
  std::string certificate_sha256;          ///< mTLS identity, lowercase hex fingerprint
  std::vector<std::string> allow;          ///< "connector/operation", "connector/*", "*"
  std::vector<std::string> allow_inbound;  ///< the same forms, for /inbound/... only

  /// May call `POST /v1/{connector}/{operation}`.
  [[nodiscard]] bool allows(std::string_view connector, std::string_view operation) const;
  /// May call `POST /inbound/{connector}/{operation}` (never implied by `allow`).
  [[nodiscard]] bool allows_inbound(std::string_view connector, std::string_view operation) const;
};

/// Who is calling: API keys are kept only as SHA-256 digests and compared in constant time.
class ClientRegistry {
 public:
  /// Reads key files named in config (they must exist by now). Errors are located.
  static Result<ClientRegistry, config::ConfigErrors> build(
      const std::vector<config::ClientConfig>& clients, const std::filesystem::path& config_file);

  /// The caller: the client named by the verified client certificate (mTLS) if one was
  /// presented and is known, else the client whose key is in `authorization` ("Bearer <key>"),
  /// else a 401 Problem.
  [[nodiscard]] Result<const Client*> authenticate(std::string_view authorization,
                                                   std::string_view peer_subject = {},
                                                   std::string_view peer_sha256 = {}) const;

 private:
  std::vector<Client> clients_;
};

}  // namespace lienthong::pipeline
