#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"

/// The keys that encrypt archived wire bodies at rest (issue 12, point 3): one current key that
/// seals new bodies, and retired keys kept only to open bodies sealed before a rotation. Every
/// sealed body records the id of its key, so a rotation is: give the new key a new id, move the
/// old one to `retired`, restart.
///
/// A key is 32 random bytes (AES-256), written as 64 hex characters or as the base64 of the 32
/// bytes, in a file or in an environment variable; whitespace around it is allowed. No message of
/// this module ever contains key material.
namespace lienthong::evidence {

/// One AES-256 key and the id it is recorded under in sealed bodies.
struct ArchiveKey {
  std::string id;
  std::array<unsigned char, 32> bytes{};
};

struct ArchiveKeysConfig;

/// A key ring: the current key plus retired keys, looked up by id. Immutable once built.
class ArchiveKeys {
 public:
  /// Builds a ring. Errors (`kInternal`): an id that is empty, longer than 64 characters or not
  /// made of `A-Z a-z 0-9 . _ -` (ids end up in the database and in messages), or two keys with
  /// the same id (a body's id must name one key).
  static Result<ArchiveKeys> make(ArchiveKey current, std::vector<ArchiveKey> retired = {});

  ArchiveKeys(const ArchiveKeys&) = default;
  ArchiveKeys(ArchiveKeys&&) = default;
  ArchiveKeys& operator=(const ArchiveKeys&) = default;
  ArchiveKeys& operator=(ArchiveKeys&&) = default;
  /// Wipes the key bytes (OPENSSL_cleanse) so they do not linger in freed memory.
  ~ArchiveKeys();

  /// The key that seals new bodies.
  [[nodiscard]] const ArchiveKey& current() const { return keys_.front(); }
  /// The key with `id` (current or retired), or null.
  [[nodiscard]] const ArchiveKey* find(std::string_view id) const;
  /// Every key id, current first.
  [[nodiscard]] std::vector<std::string> ids() const;
  /// What the caller should log at start-up but that does not stop it: a key file that group or
  /// others may read. Empty when all is well.
  [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  friend Result<ArchiveKeys> load_archive_keys(const ArchiveKeysConfig& config);
  ArchiveKeys() = default;
  std::vector<ArchiveKey> keys_;  // [0] is the current key
  std::vector<std::string> warnings_;
};

/// Where one key comes from: exactly one of `file` and `env`.
struct ArchiveKeySource {
  std::string id;
  /// Path of a file holding the key (relative paths are taken as they are: resolve them against
  /// the config file's folder before).
  std::filesystem::path file;
  /// Name of an environment variable holding the key.
  std::string env;
};

/// The archive keys as configured.
struct ArchiveKeysConfig {
  ArchiveKeySource current;
  std::vector<ArchiveKeySource> retired;
};

/// Reads and checks every configured key. Errors (`kInternal`, naming the key id and the file or
/// variable, never the key): a source with neither or both of file and env; a file that cannot
/// be read (with the system's reason); an environment variable that is not set or empty;
/// contents that are not 64 hex characters or the base64 of 32 bytes; a bad or duplicate id (see
/// ArchiveKeys::make). A key file that group or others may read is accepted with a warning
/// (ArchiveKeys::warnings).
Result<ArchiveKeys> load_archive_keys(const ArchiveKeysConfig& config);

/// Parses one key's text (64 hex characters, or base64 of 32 bytes; surrounding whitespace
/// allowed). `origin` says where the text came from ("file var/archive.key", "environment
/// variable LT_ARCHIVE_KEY") and appears in the error, which never contains the text.
Result<ArchiveKey> parse_archive_key(std::string id, std::string_view text,
                                     std::string_view origin);

/// Creates `path` holding a new random key (RAND_bytes) as 64 hex characters and a newline, mode
/// 0600 from the moment it exists, creating missing parent folders: the development config's key
/// on a first start. Refuses (`kConflict`) when `path` already exists: overwriting a key would
/// make every body sealed with it unreadable. Other failures `kInternal` with the path and the
/// system's reason; a half-written file is removed.
Result<void> write_new_archive_key(const std::filesystem::path& path);

}  // namespace lienthong::evidence
