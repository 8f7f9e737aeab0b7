#include "core/config/hub_config.hpp"
#include "core/store/message_store.hpp"
#include "core/store/pg_connection.hpp"
#include "core/store/queued_store.hpp"
#include "core/store/sql_backend.hpp"
#include "core/store/sqlite_connection.hpp"

namespace lienthong::store {

Result<std::unique_ptr<MessageStore>> open_sqlite_store(const std::filesystem::path& path,
                                                        StoreOptions options) {
  auto writer = SqliteConnection::open(path);
  if (!writer) return writer.error();
  auto reader = SqliteConnection::open(path);
  if (!reader) return reader.error();
  auto backend = SqlBackend::open(Dialect::kSqlite, std::move(writer.value()),
                                  std::move(reader.value()), options.evidence_node);
  if (!backend) return backend.error();
  return std::unique_ptr<MessageStore>(
      std::make_unique<QueuedStore>(std::move(backend.value()), std::move(options)));
}

Result<std::unique_ptr<MessageStore>> open_pg_store(const std::string& connection,
                                                    StoreOptions options) {
  auto writer = PgConnection::open(connection);
  if (!writer) return writer.error();
  auto reader = PgConnection::open(connection);
  if (!reader) return reader.error();
  auto backend = SqlBackend::open(Dialect::kPostgres, std::move(writer.value()),
                                  std::move(reader.value()), options.evidence_node);
  if (!backend) return backend.error();
  return std::unique_ptr<MessageStore>(
      std::make_unique<QueuedStore>(std::move(backend.value()), std::move(options)));
}

Result<std::unique_ptr<MessageStore>> open_store(const config::StoreConfig& config,
                                                 StoreOptions options) {
  if (config.type == "postgresql") return open_pg_store(config.connection, std::move(options));
  return open_sqlite_store(config.path, std::move(options));
}

Result<std::unique_ptr<MessageStore>> open_hub_store(const config::HubConfig& config,
                                                     StoreOptions options) {
  if (config.evidence.enabled) options.evidence_node = config.evidence.node;
  return open_store(config.store, std::move(options));
}

}  // namespace lienthong::store
