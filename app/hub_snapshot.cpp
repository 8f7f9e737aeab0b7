#include "app/hub_snapshot.hpp"

#include <fstream>
#include <sstream>

#include "connectors/registry.hpp"
#include "core/base/digest.hpp"
#include "core/http/client_tls.hpp"

namespace lienthong::app {

namespace {

http::ClientTlsFiles tls_files(const config::EgressTlsConfig& tls) {
  return {tls.ca, tls.client_certificate, tls.client_key, tls.pkcs12, tls.pkcs12_password};
}

void add_file(std::map<std::string, std::string>& out, const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;  // a missing file is the loader's error, located there
  std::ostringstream bytes;
  bytes << in.rdbuf();
  out[path.lexically_normal().string()] = sha256_hex(bytes.str());
}

void add_connector(std::map<std::string, std::string>& out, const config::ConnectorConfig& c) {
  add_file(out, c.file);
  std::error_code ec;
  if (!std::filesystem::is_directory(c.mappings_dir, ec)) return;
  for (std::filesystem::recursive_directory_iterator it(c.mappings_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file(ec)) add_file(out, it->path());
  }
}

}  // namespace

std::map<std::string, std::string> ConfigFiles::of_connector(
    const config::ConnectorConfig& c) const {
  // As read when this configuration was loaded (not the disk now).
  const auto file = c.file.lexically_normal().string();
  const auto dir = (c.mappings_dir.lexically_normal() / "").string();
  std::map<std::string, std::string> out;
  for (const auto& [path, sum] : sha256) {
    if (path == file || path.starts_with(dir)) out.emplace(path, sum);
  }
  return out;
}

ConfigFiles config_files(const config::HubConfig& config) {
  ConfigFiles files;
  add_file(files.sha256, config.file);
  for (const auto& c : config.connectors) add_connector(files.sha256, c);
  std::string lines;
  for (const auto& [path, sum] : files.sha256) lines += path + " " + sum + "\n";
  files.checksum = sha256_hex(lines);
  return files;
}

Result<std::shared_ptr<const HubSnapshot>, config::ConfigErrors> HubSnapshot::build(
    config::HubConfig config, const SnapshotParts& parts) {
  auto snapshot = std::make_shared<HubSnapshot>();
  snapshot->config = std::move(config);
  const auto& cfg = snapshot->config;
  snapshot->files = config_files(cfg);
  config::ConfigErrors errors;
  pipeline::ConnectorContext context{parts.client, {}, parts.records, parts.timestamps};
  for (const auto& c : cfg.connectors) {
    if (!c.tls) continue;
    auto tls = http::make_client_tls(tls_files(*c.tls));
    if (!tls) {
      errors.push_back({c.file.string(), 0, "tls", tls.error()});
      continue;
    }
    http::ClientOptions options;
    options.tls = std::move(tls).value();
    auto& own = snapshot->own_clients[c.id];
    own = std::make_unique<http::HttpClient>(parts.executor, std::move(options));
    context.own_clients.emplace(c.id, own.get());
  }
  const pipeline::StageServices services{parts.workers, parts.client, parts.executor};
  auto routes = pipeline::RouteTable::build(cfg, connectors::connector_types(), context, services);
  auto clients = pipeline::ClientRegistry::build(cfg.clients, cfg.file);
  if (!routes) errors.insert(errors.end(), routes.error().begin(), routes.error().end());
  if (!clients) errors.insert(errors.end(), clients.error().begin(), clients.error().end());
  if (!errors.empty()) return errors;
  snapshot->routes = std::make_shared<const pipeline::RouteTable>(std::move(routes).value());
  snapshot->ingress = std::make_shared<const pipeline::Ingress>(
      snapshot->routes,
      std::make_shared<const pipeline::ClientRegistry>(std::move(clients).value()), parts.desk,
      parts.records, parts.journal);
  snapshot->metrics = std::make_shared<const pipeline::IngressMetrics>(*snapshot->routes);
  return std::shared_ptr<const HubSnapshot>(std::move(snapshot));
}

}  // namespace lienthong::app
