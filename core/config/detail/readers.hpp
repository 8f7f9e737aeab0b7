#pragma once

// Readers shared by the files that parse hub.json and connectors/*.json (hub_config.cpp,
// security_config.cpp). Private to core/config.

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/config_error.hpp"
#include "core/config/hub_config.hpp"
#include "core/config/object_reader.hpp"

namespace lienthong::config::detail {

/// `p` as written in a config file, made absolute against that file's folder `base`.
std::filesystem::path resolve(const std::filesystem::path& base, const std::string& p);

/// A secret is written as {"env": "NAME"}, {"file": "path"} or, for development only,
/// {"value": "..."}; the resolved text never goes back into a log or an error message.
std::string read_secret(ObjectReader& parent, std::string_view key,
                        const std::filesystem::path& base, ConfigErrors& errors);

bool one_of(const std::string& v, std::initializer_list<std::string_view> allowed);

/// A TLS listener's object `name` of `parent`: hub.json's `listen_tls` (with its own `host` and
/// `port`) or the admin's `tls` (`with_address` false: the admin's address is used).
void read_tls_listener(ObjectReader& parent, std::string_view name, bool with_address,
                       const std::filesystem::path& base, TlsListenerConfig& out,
                       ConfigErrors& errors);
/// A connector's `tls` (egress, mutual TLS).
void read_egress_tls(ObjectReader& parent, const std::filesystem::path& base,
                     std::optional<EgressTlsConfig>& out, ConfigErrors& errors);
/// A connector's `message_security` (XML-DSig profile, keys, trust, OCSP policy).
void read_message_security(ObjectReader& parent, const std::filesystem::path& base,
                           std::optional<MessageSecurityConfig>& out, ConfigErrors& errors);

/// A connector's `signing` (kyso: the CA account, signer trust, polling of approvals).
void read_signing(ObjectReader& parent, const std::filesystem::path& base,
                  std::optional<SigningConfig>& out, ConfigErrors& errors);
/// hub.json's `time_stamp_authority`.
void read_time_stamp_authority(ObjectReader& parent, const std::filesystem::path& base,
                               TimestampAuthorityConfig& out, ConfigErrors& errors);

/// `evidence` of hub.json (evidence_config.cpp).
void read_evidence(ObjectReader& parent, const std::filesystem::path& base, EvidenceConfig& out,
                   ConfigErrors& errors);
/// `evidence` of a connector file; `can_archive`: hub.json has an archive key, or the journal
/// is off (then nothing is archived, and archive_bodies waits for the journal to be on).
void read_connector_evidence(ObjectReader& parent, bool can_archive, ConnectorEvidenceConfig& out,
                             ConfigErrors& errors);

}  // namespace lienthong::config::detail
