#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/http/types.hpp"

namespace lienthong::admin {

/// `POST /admin/reload` (optional body `{"force": true}`): the hub loads its whole
/// configuration again (app::Hub::reload). 200 with what changed and the files' checksum, or a
/// 422 problem whose `errors` list every reason as `{pointer: "file:line: key.path", reason}`
/// (nothing changed then). The gate lets only operators ask (every change needs the role).
class ReloadApi {
 public:
  struct Outcome {
    bool applied = false;
    nlohmann::json answer;           ///< the 200 body when applied
    std::vector<FieldError> errors;  ///< why not
  };
  using Reload = std::function<boost::asio::awaitable<Outcome>(std::string actor, bool force)>;

  explicit ReloadApi(Reload reload) : reload_(std::move(reload)) {}

  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      const http::Request& req, const std::string& actor) const;

 private:
  Reload reload_;
};

}  // namespace lienthong::admin
