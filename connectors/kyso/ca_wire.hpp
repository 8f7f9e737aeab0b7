#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::connectors::kyso {

/// The service provider's account at the CA, sent in every request body; never logged.
struct Account {
  std::string sp_id;
  std::string sp_password;
};

/// A CA request body: `fields` with the account added.
nlohmann::json ca_request(const Account& account, nlohmann::json fields);

/// The CA's envelope `{status_code, message, data}` (HTTP status = status_code): `data` when
/// status_code is 200. Otherwise a Problem in the CA's terms (upstream status = status_code,
/// code = its message): 404 → kUpstreamNotFound (no such user, certificate or transaction);
/// 400, 401, 409 → kUpstreamError refusing this very request (dead when queued); another
/// status or a body that is not the envelope → kUpstreamError (tried again when queued).
Result<nlohmann::json> read_ca_answer(unsigned http_status, std::string_view body);

/// Where a sign request's status is asked: `<sign path>/{tran_id}/status`. `tran_id` must be
/// the CA's own id as it answered it; anything but [A-Za-z0-9_-] is refused (kUpstreamError),
/// so an odd id can never change the path.
Result<std::string> status_path(std::string_view sign_path, std::string_view tran_id);

}  // namespace lienthong::connectors::kyso
