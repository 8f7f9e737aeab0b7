#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/admin_config.hpp"
#include "core/config/config_error.hpp"
#include "core/config/connector_limits.hpp"
#include "core/config/delivery_config.hpp"
#include "core/config/inbound_config.hpp"
#include "core/config/tls_listener_config.hpp"

namespace lienthong::config {

struct ListenerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
};

struct LimitsConfig {
  std::size_t header_limit_bytes = std::size_t{16} * 1024;
  std::size_t body_limit_bytes = std::size_t{1024} * 1024;
  int read_timeout_ms = 10'000;
  int idle_timeout_ms = 30'000;
  std::size_t max_connections = 1024;
  int shutdown_grace_ms = 10'000;
};

/// A provincial system allowed to call the hub.
struct ClientConfig {
  std::string name;
  /// SHA-256 (lowercase hex) of the API key; filled from `api_key_file` when that is used.
  std::string api_key_sha256;
  /// Development convenience: the key lives in this file (created with a random key when
  /// `create_key_if_missing`); the key itself is never stored in config.
  std::filesystem::path api_key_file;
  bool create_key_if_missing = false;
  /// Or identified by a client certificate (mTLS): its subject (RFC 2253, e.g.
  /// "CN=provincial-dev,O=...") or the SHA-256 fingerprint of the certificate (hex).
  std::string certificate_subject;
  std::string certificate_sha256;
  /// "connector/operation", "connector/*" or "*": outbound calls (`POST /v1/...`) only.
  std::vector<std::string> allow;
  /// The same forms for `POST /inbound/{connector}/{operation}` (an external system calling
  /// back): a list of its own, so that `allow: ["*"]` never lets a caller push messages into
  /// the provincial system.
  std::vector<std::string> allow_inbound;
};

struct OperationConfig {
  std::string name;
  std::string description;
  std::string method = "POST";
  std::string path;                            ///< appended to the connector's base URL
  std::string request_as = "json-body";        ///< json-body | xml-body | query
  std::string response_format = "json";        ///< json | xml
  std::map<std::string, std::string> headers;  ///< fixed headers (e.g. SOAPAction)
  int timeout_ms = 0;                          ///< 0: the connector's timeout
  int answer_status = 200;  ///< the HTTP status of a synchronous answer (201 for a creation)
  /// json | document: the canonical response is {fileName, contentType, contentBase64} and a
  /// synchronous caller gets the file itself unless it asks for JSON (document_answer.hpp).
  std::string answer_as = "json";
  /// either: synchronous unless the caller sends `Prefer: respond-async`; async: always queued
  /// and answered 202 (work that waits for a person, like kyso's remote signing).
  std::string respond = "either";
  /// The largest request body this operation takes (documents to sign); 0: limits.body_limit_bytes.
  std::size_t body_limit_bytes = 0;
  /// JSON Pointer into the canonical request whose value orders deliveries (same value: one at
  /// a time, in acceptance order); empty = no order. Checked against the schema at load.
  std::string order_key;
  // Files, found by convention in mappings/<connector>/:
  std::filesystem::path schema_file;            ///< <op>.schema.json
  std::filesystem::path request_mapping_file;   ///< <op>.request.json | <op>.request.xml
  std::filesystem::path response_mapping_file;  ///< <op>.response.json
  std::filesystem::path example_file;           ///< <op>.example.json
};

/// TLS towards an external system: whom to trust, and the hub's client certificate (mTLS).
struct EgressTlsConfig {
  std::filesystem::path ca;                  ///< PEM anchors; empty = system defaults
  std::filesystem::path client_certificate;  ///< PEM, with chain
  std::filesystem::path client_key;          ///< PEM
  std::filesystem::path pkcs12;              ///< instead of the two above
  std::string pkcs12_password;               ///< resolved secret
};

/// How the hub signs requests and verifies answers of a connector (XML-DSig profile).
struct MessageSecurityConfig {
  std::string profile;                               ///< "dancu-dsig-1"
  std::filesystem::path signing_key;                 ///< PEM
  std::filesystem::path signing_certificate;         ///< PEM, with chain
  std::filesystem::path signing_pkcs12;              ///< instead of the two above
  std::string signing_pkcs12_password;               ///< resolved secret
  std::vector<std::filesystem::path> trust_anchors;  ///< for the far side's signer certificates
  std::vector<std::filesystem::path> intermediates;
  std::string ocsp = "hard-fail";  ///< off | soft-fail | hard-fail
  std::string ocsp_url;            ///< override of the certificate's AIA responder
};

/// A login that opens a session the far side then expects in every call (`auth.type`
/// "session", the national portal's scheme): credentials, and the portal's province code
/// (`dstcode` header) and agency code (`madonvi`) that go with every call.
struct SessionAuthConfig {
  std::string login_path;  ///< appended to the base URL's path
  std::string username;    ///< resolved secret, never logged
  std::string password;    ///< resolved secret, never logged
  std::string dstcode;
  std::string madonvi;
};

/// An account at a far side that checks a shared-secret checksum on every message (the payment
/// platform's `MaDoiTac` and `MaXacThuc`): the partner code and the secret, never logged.
struct PartnerConfig {
  std::string code;
  std::string secret;  ///< resolved secret
};

/// What the hub does about its payment records besides answering (`payments`, paygov): a
/// payment with no notice is asked about through the durable queue, and each day's list is
/// reconciled.
struct PaymentsConfig {
  int query_after_s = 600;  ///< a payment still awaiting payment this long after INIT is queried
  int query_every_s = 300;  ///< then again this often, until it is settled or past its expiry
  /// Unpaid this long past its expiry (a bank's late confirmation) and the payment has expired.
  int expiry_grace_s = 60;
  /// "HH:MM" in Asia/Ho_Chi_Minh: each day at this time the day before is reconciled; empty: never.
  std::string reconcile_at;
};

/// A remote-signing CA account and how the hub signs documents with it (`signing`, kyso).
struct SigningConfig {
  std::string sp_id;        ///< the service provider account at the CA
  std::string sp_password;  ///< resolved secret, never logged
  /// Anchors and intermediates the signers' certificates must chain to (check-config loads them).
  std::vector<std::filesystem::path> trust_anchors;
  std::vector<std::filesystem::path> intermediates;
  std::string ocsp =
      "hard-fail";                ///< off | soft-fail | hard-fail: a signer's status before signing
  std::string ocsp_url;           ///< override of the certificate's AIA responder
  int poll_every_s = 3;           ///< how often a signature awaiting approval is asked about
  int approval_deadline_s = 300;  ///< no answer from the signer this long after the request: dead
  std::size_t reserved_signature_bytes = 32768;  ///< room for the CMS in a signed PDF
};

/// `evidence` of a connector: whether its wire bodies are archived with the journal's entries
/// (where the law allows it), and for how long. Hashes of every body are journalled anyway.
struct ConnectorEvidenceConfig {
  bool archive_bodies = false;
  int body_retention_days = 90;  ///< archived bodies are removed after this; their entries stay
};

struct ConnectorConfig {
  std::string id;    ///< file stem of config/connectors/<id>.json
  std::string type;  ///< connector type kName (connectors/registry.cpp)
  std::string description;
  std::string base_url;
  int timeout_ms = 10'000;
  std::string auth_type = "none";            ///< none | bearer | session
  std::string bearer_token;                  ///< resolved secret, never logged
  std::optional<SessionAuthConfig> session;  ///< when auth_type is "session"
  std::optional<PartnerConfig> partner;      ///< `partner`: code and checksum secret
  PaymentsConfig payments;                   ///< `payments` (paygov)
  std::optional<SigningConfig> signing;      ///< `signing` (kyso)
  std::map<std::string, OperationConfig> operations;
  std::map<std::string, InboundOperationConfig> inbound;  ///< callbacks it sends the hub
  std::optional<EgressTlsConfig> tls;
  std::optional<MessageSecurityConfig> message_security;
  CircuitConfig circuit;
  std::optional<RateLimitConfig> rate_limit;  ///< none: no quota
  RetryConfig delivery;                       ///< retries of its queued messages
  ConnectorEvidenceConfig evidence;           ///< `evidence`
  std::filesystem::path file;
  std::filesystem::path mappings_dir;  ///< mappings/<id>
};

struct SandboxConfig {
  bool enabled = true;
  std::string host = "127.0.0.1";
  std::map<std::string, std::uint16_t> ports;
  std::filesystem::path data_dir;
  std::string dkdn_token;
  std::string motcua_token;    ///< bearer token the provincial mock expects; empty: its default
  std::string dvcqg_username;  ///< empty: the sandbox's default
  std::string dvcqg_password;  ///< resolved secret; empty: the sandbox's default
  std::vector<std::string> dvcqg_dstcodes;
  std::string dvcqg_adapter_path;
  /// The payment platform mock; empty (0): the sandbox's default. Secret, token and IPN key are
  /// resolved secrets.
  std::string paygov_partner;
  std::string paygov_secret;
  std::string paygov_token;
  std::string paygov_ipn_url;
  std::string paygov_ipn_key;
  int paygov_expiry_s = 0;
  /// The remote-signing CA mock (kyso); empty (0): the sandbox's default. The password is a
  /// resolved secret.
  std::string kyso_sp_id;
  std::string kyso_sp_password;
  int kyso_approval_ms = 0;
  int kyso_expiry_ms = 0;
  std::filesystem::path certs_dir;  ///< the dev PKI (TLS, signing, OCSP of the mocks)
  int request_log_capacity = 0;     ///< requests each mock's log keeps; 0: the sandbox's default
};

/// The RFC 3161 time-stamp authority the hub asks for timestamps (signatures, evidence).
struct TimestampAuthorityConfig {
  std::string url;  ///< POST application/timestamp-query; empty: none configured
  std::vector<std::filesystem::path> trust_anchors;  ///< the TSA's certificate must chain to these
  std::vector<std::filesystem::path> intermediates;
  int timeout_ms = 10'000;
};

/// Where one archive key comes from (`evidence.archive_key` and `retired_keys`): a file of 64
/// hex characters (or base64 of 32 bytes), or an environment variable holding the same.
struct ArchiveKeyConfig {
  std::string id;
  std::filesystem::path file;
  std::string env;
};

/// `evidence` of hub.json: the evidence journal (core/evidence, core/store README.md).
struct EvidenceConfig {
  bool enabled = true;
  std::string node;  ///< this hub's chain in the journal; default: the host name
  /// A timestamp over the chain head once this many entries are unstamped, or after
  /// `stamp_every_s` when any are (needs `time_stamp_authority`).
  int stamp_every_entries = 1000;
  int stamp_every_s = 60;
  std::optional<ArchiveKeyConfig> archive_key;  ///< seals archived bodies (AES-256-GCM)
  std::vector<ArchiveKeyConfig> retired_keys;   ///< open bodies sealed before a rotation
};

/// The durable queue and message log (core/store).
struct StoreConfig {
  std::string type = "sqlite";  ///< sqlite | postgresql
  std::filesystem::path path;   ///< sqlite: the database file (default <var_dir>/lienthong.db)
  std::string connection;       ///< postgresql: libpq connection string (resolved secret)
  int retention_days = 30;  ///< finished messages, attempts and idempotency keys are kept so long
  int lease_ms = 30'000;    ///< how long a claimed message is a node's before another takes over
};

struct HubConfig {
  std::filesystem::path file;
  ListenerConfig listen;
  TlsListenerConfig listen_tls;
  AdminConfig admin;  ///< `admin`: listener and console files
  LimitsConfig limits;
  int threads = 2;
  std::string log_level = "info";
  std::filesystem::path var_dir;
  std::filesystem::path mappings_dir;
  std::vector<ClientConfig> clients;
  std::vector<ConnectorConfig> connectors;
  std::map<std::string, ProvincialTargetConfig> provincial_targets;  ///< by name
  SandboxConfig sandbox;
  TimestampAuthorityConfig time_stamp_authority;  ///< `time_stamp_authority`
  EvidenceConfig evidence;                        ///< `evidence`
  StoreConfig store;
  DeliveryConfig delivery;

  [[nodiscard]] const ConnectorConfig* connector(std::string_view id) const;
};

/// Loads `hub.json` and every `*.json` in its `connectors_dir`. Relative paths in a file are
/// relative to the folder holding that file. Secrets named by `{"env": NAME}` or `{"file": P}`
/// are resolved here. Every problem is reported, located; nothing is half-loaded.
Result<HubConfig, ConfigErrors> load_hub_config(const std::filesystem::path& file);

/// Like load_hub_config, but returns whatever could be read and appends the problems to
/// `errors`, so `check-config` can go on to check mappings and report everything at once.
HubConfig read_hub_config(const std::filesystem::path& file, ConfigErrors& errors);

}  // namespace lienthong::config
