#include "core/evidence/archive_keys.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include "core/base/base64.hpp"

namespace lienthong::evidence {
namespace {

// A key file is 64 hex characters or 44 base64 ones plus whitespace; anything much larger is not
// a key file, and reading it whole would only invite a wrong path (a database, a log).
constexpr std::size_t kMaxKeyFile = 4096;
constexpr std::size_t kMaxIdLength = 64;

Problem internal(std::string detail) {
  return Problem::make(ProblemKind::kInternal, std::move(detail));
}

std::string system_reason(int err) {
  return std::generic_category().message(err);
}

// Holds decoded key text and wipes it on every way out, so the material does not linger in
// freed heap memory.
struct Wiped {
  std::string text;
  ~Wiped() { OPENSSL_cleanse(text.data(), text.size()); }
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Reads a key file without following it anywhere unexpected and notes loose permissions.
Result<std::string> read_key_file(const ArchiveKeySource& source, std::vector<std::string>& warn) {
  const std::string where = "archive key '" + source.id + "': file " + source.file.string();
  const int fd = ::open(source.file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return internal("cannot read " + where + ": " + system_reason(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return internal("cannot read " + where + ": not a regular file");
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    warn.push_back(where + " may be read by group or others (mode " + mode + "); chmod 600 it");
  }
  std::string text(kMaxKeyFile + 1, '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      OPENSSL_cleanse(text.data(), text.size());
      return internal("cannot read " + where + ": " + system_reason(err));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (got > kMaxKeyFile) {
    OPENSSL_cleanse(text.data(), text.size());
    return internal(where + " is larger than " + std::to_string(kMaxKeyFile) +
                    " bytes: not a key file");
  }
  text.resize(got);
  return text;
}

Result<ArchiveKey> load_one(const ArchiveKeySource& source, std::vector<std::string>& warn) {
  const bool has_file = !source.file.empty();
  const bool has_env = !source.env.empty();
  if (has_file == has_env) {
    return internal("archive key '" + source.id +
                    "': give exactly one of a file and an environment variable");
  }
  if (has_env) {
    const char* value = std::getenv(source.env.c_str());
    if (value == nullptr || *value == '\0') {
      return internal("archive key '" + source.id + "': environment variable " + source.env +
                      " is not set");
    }
    return parse_archive_key(source.id, value, "environment variable " + source.env);
  }
  auto text = read_key_file(source, warn);
  if (!text) return std::move(text).error();
  const Wiped wiped{std::move(*text)};
  return parse_archive_key(source.id, wiped.text, "file " + source.file.string());
}

}  // namespace

ArchiveKeys::~ArchiveKeys() {
  for (auto& k : keys_) OPENSSL_cleanse(k.bytes.data(), k.bytes.size());
}

Result<ArchiveKeys> ArchiveKeys::make(ArchiveKey current, std::vector<ArchiveKey> retired) {
  ArchiveKeys ring;
  ring.keys_.reserve(retired.size() + 1);
  ring.keys_.push_back(std::move(current));
  for (auto& k : retired) ring.keys_.push_back(std::move(k));
  for (std::size_t i = 0; i < ring.keys_.size(); ++i) {
    const std::string& id = ring.keys_[i].id;
    if (!valid_id(id)) {
      return internal("archive key id '" + id +
                      "' is not 1 to 64 characters of A-Z, a-z, 0-9, '.', '_', '-'");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (ring.keys_[j].id == id) return internal("two archive keys have the id '" + id + "'");
    }
  }
  return ring;
}

const ArchiveKey* ArchiveKeys::find(std::string_view id) const {
  for (const auto& k : keys_) {
    if (k.id == id) return &k;
  }
  return nullptr;
}

std::vector<std::string> ArchiveKeys::ids() const {
  std::vector<std::string> out;
  out.reserve(keys_.size());
  for (const auto& k : keys_) out.push_back(k.id);
  return out;
}

Result<ArchiveKey> parse_archive_key(std::string id, std::string_view text,
                                     std::string_view origin) {
  const std::string_view t = trim(text);
  ArchiveKey key;
  key.id = std::move(id);
  bool hex = t.size() == 2 * key.bytes.size();
  for (std::size_t i = 0; hex && i < key.bytes.size(); ++i) {
    const int hi = hex_value(t[2 * i]);
    const int lo = hex_value(t[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      hex = false;
    } else {
      key.bytes[i] = static_cast<unsigned char>(hi << 4 | lo);
    }
  }
  if (hex) return key;
  // Only a one-line base64 of exactly 32 bytes: whitespace inside would be a pasting accident.
  bool one_token = true;
  for (const char c : t) one_token = one_token && !is_space(c);
  if (one_token) {
    auto decoded = decode_base64(t);
    const Wiped wiped{decoded ? std::move(*decoded) : std::string()};
    if (decoded && wiped.text.size() == key.bytes.size()) {
      std::memcpy(key.bytes.data(), wiped.text.data(), key.bytes.size());
      return key;
    }
  }
  OPENSSL_cleanse(key.bytes.data(), key.bytes.size());
  // The length helps find a truncated paste; the characters themselves are never shown.
  return internal("archive key '" + key.id + "' (" + std::string(origin) +
                  "): expected 64 hex characters or the base64 of 32 bytes, found " +
                  std::to_string(t.size()) + " characters that are neither");
}

Result<ArchiveKeys> load_archive_keys(const ArchiveKeysConfig& config) {
  std::vector<std::string> warnings;
  auto current = load_one(config.current, warnings);
  if (!current) return std::move(current).error();
  std::vector<ArchiveKey> retired;
  for (const auto& source : config.retired) {
    auto key = load_one(source, warnings);
    if (!key) return std::move(key).error();
    retired.push_back(std::move(*key));
  }
  auto ring = ArchiveKeys::make(std::move(*current), std::move(retired));
  if (!ring) return ring;
  ring->warnings_ = std::move(warnings);
  return ring;
}

Result<void> write_new_archive_key(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    return internal("cannot create the folder of archive key file " + path.string() + ": " +
                    ec.message());
  }
  // O_EXCL: never replace a key that may have sealed bodies; 0600 from creation on, so the key
  // is never readable by others even for a moment.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) {
      return Problem::make(ProblemKind::kConflict,
                           "archive key file " + path.string() +
                               " already exists; not replacing it (bodies sealed with it would "
                               "become unreadable)");
    }
    return internal("cannot create archive key file " + path.string() + ": " + system_reason(err));
  }
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    ::close(fd);
    ::unlink(path.c_str());
    return internal("cannot create archive key file " + path.string() +
                    ": OpenSSL RAND_bytes failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::array<char, 65> line{};
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    line[2 * i] = kHex[bytes[i] >> 4];
    line[2 * i + 1] = kHex[bytes[i] & 0x0f];
  }
  line[64] = '\n';
  OPENSSL_cleanse(bytes.data(), bytes.size());
  std::size_t put = 0;
  int err = 0;
  while (put < line.size()) {
    const ssize_t n = ::write(fd, line.data() + put, line.size() - put);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    put += static_cast<std::size_t>(n);
  }
  OPENSSL_cleanse(line.data(), line.size());
  // The key must survive a crash right after the first bodies are sealed with it.
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(path.c_str());
    return internal("cannot write archive key file " + path.string() + ": " + system_reason(err));
  }
  return {};
}

}  // namespace lienthong::evidence
