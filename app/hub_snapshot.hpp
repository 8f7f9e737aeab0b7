#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/config/hub_config.hpp"
#include "core/http/client.hpp"
#include "core/pipeline/async/message_desk.hpp"
#include "core/pipeline/async/record_desk.hpp"
#include "core/pipeline/evidence/journal.hpp"
#include "core/pipeline/ingress/ingress.hpp"
#include "core/pipeline/ingress/ingress_metrics.hpp"
#include "core/pipeline/route_table.hpp"
#include "core/pipeline/stages/timestamp_client.hpp"
#include "core/pipeline/worker_pool.hpp"

namespace lienthong::app {

/// The files a configuration was read from (hub.json, each connector's file, every file under
/// its mappings folder: mappings, schemas, code tables), each with its SHA-256, and one
/// checksum over them all (SHA-256 of the sorted "path sha256" lines): what a reload records.
struct ConfigFiles {
  std::map<std::string, std::string> sha256;  ///< by path
  std::string checksum;
  /// The files of one connector (its config file and its mappings), for "what changed".
  std::map<std::string, std::string> of_connector(const config::ConnectorConfig& c) const;
};
ConfigFiles config_files(const config::HubConfig& config);

/// What stays across reloads, for building a snapshot: the shared egress client, the RSA
/// workers, the store's desks, the time-stamp client and the journal.
struct SnapshotParts {
  boost::asio::any_io_executor executor;
  http::HttpClient* client = nullptr;
  pipeline::WorkerPool* workers = nullptr;
  std::shared_ptr<const pipeline::RecordDesk> records;
  std::shared_ptr<const pipeline::TimestampClient> timestamps;
  std::shared_ptr<const pipeline::MessageDesk> desk;
  std::shared_ptr<const pipeline::Journal> journal;
};

/// Everything the hub derives from one configuration, immutable once built: the config, the
/// connectors' own egress clients, the routes (with retry policies and guards), the clients,
/// the provincial ingress and its metrics. The hub holds the current one and swaps it on
/// reload; a request or an attempt keeps the one it started with alive until it ends.
/// Members are destroyed in reverse order: the routes (which point at the own clients) first.
struct HubSnapshot {
  config::HubConfig config;
  ConfigFiles files;
  std::map<std::string, std::unique_ptr<http::HttpClient>, std::less<>> own_clients;
  std::shared_ptr<const pipeline::RouteTable> routes;
  std::shared_ptr<const pipeline::Ingress> ingress;
  std::shared_ptr<const pipeline::IngressMetrics> metrics;

  /// Builds it all; every error is located (file:line: key.path: reason).
  static Result<std::shared_ptr<const HubSnapshot>, config::ConfigErrors> build(
      config::HubConfig config, const SnapshotParts& parts);
};

}  // namespace lienthong::app
