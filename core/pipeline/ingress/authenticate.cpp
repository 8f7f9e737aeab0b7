#include "core/pipeline/ingress/authenticate.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace lienthong::pipeline {
namespace {

std::array<unsigned char, 32> digest(std::string_view text) {
  std::array<unsigned char, 32> out{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), out.data());
  return out;
}

bool from_hex(std::string_view hex, std::array<unsigned char, 32>& out) {
  if (hex.size() != 64) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < 32; ++i) {
    int hi = nibble(hex[2 * i]);
    int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return true;
}

bool rules_allow(const std::vector<std::string>& rules, std::string_view connector,
                 std::string_view operation) {
  for (const auto& rule : rules) {
    if (rule == "*") return true;
    auto slash = rule.find('/');
    if (slash == std::string::npos) continue;
    std::string_view c(rule.data(), slash);
    std::string_view o(rule.data() + slash + 1, rule.size() - slash - 1);
    if (c == connector && (o == "*" || o == operation)) return true;
  }
  return false;
}

}  // namespace

bool Client::allows(std::string_view connector, std::string_view operation) const {
  return rules_allow(allow, connector, operation);
}

bool Client::allows_inbound(std::string_view connector, std::string_view operation) const {
  return rules_allow(allow_inbound, connector, operation);
}

Result<ClientRegistry, config::ConfigErrors> ClientRegistry::build(
    const std::vector<config::ClientConfig>& clients, const std::filesystem::path& config_file) {
  ClientRegistry registry;
  config::ConfigErrors errors;
  for (std::size_t i = 0; i < clients.size(); ++i) {
    const auto& c = clients[i];
    Client client{c.name,         {}, false, c.certificate_subject, c.certificate_sha256, c.allow,
                  c.allow_inbound};
    std::transform(client.certificate_sha256.begin(), client.certificate_sha256.end(),
                   client.certificate_sha256.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::string where = "clients." + std::to_string(i);
    if (!c.certificate_subject.empty() || !c.certificate_sha256.empty()) {
      registry.clients_.push_back(std::move(client));
      continue;
    }
    client.has_key = true;
    if (!c.api_key_file.empty()) {
      std::ifstream in(c.api_key_file);
      std::string key;
      if (!std::getline(in, key) || key.empty()) {
        errors.push_back({config_file.string(), 0, where + ".api_key_file",
                          "cannot read an API key from " + c.api_key_file.string()});
        continue;
      }
      client.key_sha256 = digest(key);
    } else if (!from_hex(c.api_key_sha256, client.key_sha256)) {
      errors.push_back(
          {config_file.string(), 0, where + ".api_key_sha256", "must be 64 hex digits"});
      continue;
    }
    registry.clients_.push_back(std::move(client));
  }
  if (!errors.empty()) return errors;
  return registry;
}

Result<const Client*> ClientRegistry::authenticate(std::string_view authorization,
                                                   std::string_view peer_subject,
                                                   std::string_view peer_sha256) const {
  if (!peer_subject.empty() || !peer_sha256.empty()) {
    for (const auto& c : clients_) {
      if ((!c.certificate_sha256.empty() && c.certificate_sha256 == peer_sha256) ||
          (!c.certificate_subject.empty() && c.certificate_subject == peer_subject)) {
        return &c;
      }
    }
  }
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.empty()) {
    return Problem::make(ProblemKind::kUnauthenticated,
                         "send the client's API key as Authorization: Bearer <key>");
  }
  if (authorization.substr(0, kScheme.size()) != kScheme ||
      authorization.size() == kScheme.size()) {
    return Problem::make(ProblemKind::kUnauthenticated,
                         "the Authorization header must be Bearer <key>");
  }
  auto presented = digest(authorization.substr(kScheme.size()));
  // Compare against every client in constant time, so timing tells nothing about the keys.
  const Client* found = nullptr;
  for (const auto& c : clients_) {
    bool match = CRYPTO_memcmp(c.key_sha256.data(), presented.data(), presented.size()) == 0;
    if (match && c.has_key) found = &c;
  }
  if (found == nullptr) return Problem::make(ProblemKind::kUnauthenticated, "unknown API key");
  return found;
}

}  // namespace lienthong::pipeline
