// `lienthong reload [--config FILE] [--force]`: POST /admin/reload to the hub running on this
// machine, as the local operator (the token the hub wrote in <var_dir>/admin-local.token).
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "core/admin/auth/local_token.hpp"
#include "core/config/hub_config.hpp"

namespace lienthong::app {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

Result<bhttp::response<bhttp::string_body>, std::string> post_reload(const std::string& host,
                                                                     std::uint16_t port,
                                                                     const std::string& token,
                                                                     bool force) {
  asio::io_context ioc;
  asio::ip::tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  boost::system::error_code ec;
  const auto found = resolver.resolve(host, std::to_string(port), ec);
  if (ec) return "cannot resolve " + host + ": " + ec.message();
  // A reload compiles every mapping: give it time, but not forever.
  stream.expires_after(std::chrono::seconds(120));
  stream.connect(found, ec);
  if (ec) {
    return "cannot reach the hub's admin listener at " + host + ":" + std::to_string(port) +
           " (is `lienthong serve` running with this config?): " + ec.message();
  }
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/admin/reload", 11};
  req.set(bhttp::field::host, host);
  req.set(bhttp::field::authorization, "Bearer " + token);
  req.set(bhttp::field::content_type, "application/json");
  req.body() = force ? R"({"force":true})" : "{}";
  req.prepare_payload();
  bhttp::write(stream, req, ec);
  if (ec) return "sending the reload failed: " + ec.message();
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res, ec);
  if (ec) return "reading the hub's answer failed: " + ec.message();
  return res;
}

}  // namespace

int run_reload(const CommandLine& cl) {
  auto config = config::load_hub_config(cl.config);
  if (!config) {
    // The hub would refuse it too; say so here, where the file is.
    for (const auto& e : config.error()) std::cerr << e.to_string() << '\n';
    std::cerr << "reload not asked: " << cl.config << " does not load\n";
    return 1;
  }
  if (config->admin.tls.enabled) {
    // Over TLS the CLI would have to trust the admin listener's certificate; SIGHUP needs none.
    std::cerr << "admin.tls is on and lienthong reload speaks plain HTTP: reload with SIGHUP "
                 "instead (systemctl reload lienthong, or kill -HUP <pid>)\n";
    return 1;
  }
  const auto token_file = config->var_dir / std::string(admin::auth::kLocalTokenFile);
  auto token = admin::auth::read_local_token(token_file);
  if (!token) {
    std::cerr << "cannot read the local operator's token (" << token_file.string()
              << "): " << token.error().detail << '\n';
    return 1;
  }
  auto res = post_reload(config->admin.host, config->admin.port, *token, cl.force);
  if (!res) {
    std::cerr << res.error() << '\n';
    return 1;
  }
  const auto body = nlohmann::json::parse(res->body(), nullptr, false);
  if (res->result_int() == 200 && body.is_object()) {
    std::cout << body.value("summary", "reloaded") << '\n';
    return 0;
  }
  if (body.is_object() && body.contains("errors") && body["errors"].is_array()) {
    for (const auto& e : body["errors"]) {
      std::cout << e.value("pointer", "") << ": " << e.value("reason", "") << '\n';
    }
    std::cerr << body.value("detail", "reload refused") << '\n';
    return 1;
  }
  std::cerr << "the hub answered HTTP " << res->result_int() << ": " << res->body() << '\n';
  return 1;
}

}  // namespace lienthong::app
