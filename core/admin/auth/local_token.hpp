#pragma once

#include <filesystem>
#include <string>

#include "core/base/problem.hpp"

namespace lienthong::admin::auth {

/// The local operator's token: how the CLI on the hub's own machine (`lienthong reload`) acts
/// on the admin listener without a password. It lives in `<var_dir>/admin-local.token`, mode
/// 0600, so whoever can read the hub's state may use it — the same people who could edit its
/// database. Presented as `Authorization: Bearer <token>`; the gate names the caller
/// "operator:local" in the journal.
inline constexpr std::string_view kLocalTokenFile = "admin-local.token";

/// The token in `file`, made (32 random bytes, base64url, 0600) when the file is not there;
/// hubs sharing a var folder share it. A file that is there but not a token is an error, never
/// overwritten.
Result<std::string> ensure_local_token(const std::filesystem::path& file);

/// The token in `file`, for the CLI.
Result<std::string> read_local_token(const std::filesystem::path& file);

}  // namespace lienthong::admin::auth
