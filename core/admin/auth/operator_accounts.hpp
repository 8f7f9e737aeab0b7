#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/admin/auth/sessions.hpp"
#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"

namespace lienthong::admin::auth {

/// One operator who may sign in to the admin listener: with a password (its hash) or with a
/// client certificate over TLS (its SHA-256 fingerprint), or both.
struct OperatorAccount {
  std::string name;
  Role role = Role::kViewer;
  std::string password_hash;       ///< pbkdf2-sha256$… (password_hash.hpp); empty: none
  std::string certificate_sha256;  ///< lowercase hex of the DER; empty: none
};

/// The operators file (`admin.operators_file` of hub.json, default `operators.json` beside it):
///
///     {"operators": [{"name": "lan", "role": "operator",
///                     "password": "pbkdf2-sha256$600000$…$…",
///                     "certificate_sha256": "ab12…"}]}
///
/// Written by `lienthong admin passwd NAME`; read whole at start (and on reload).
struct OperatorAccounts {
  std::vector<OperatorAccount> accounts;

  /// A missing file is no operators (nobody can sign in until one is added), not an error.
  static Result<OperatorAccounts, config::ConfigErrors> load(const std::filesystem::path& file);
  [[nodiscard]] const OperatorAccount* find(std::string_view name) const;
  OperatorAccount* find(std::string_view name);
  [[nodiscard]] const OperatorAccount* find_by_certificate(std::string_view sha256_hex) const;
  /// The file's text: two-space JSON, accounts sorted by name.
  [[nodiscard]] std::string to_text() const;
};

/// 1-64 of a-z, 0-9, '.', '_' and '-': a name that is safe in a log line and a file.
bool is_operator_name(std::string_view name);
std::optional<Role> parse_role(std::string_view text);

}  // namespace lienthong::admin::auth
