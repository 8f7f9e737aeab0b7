#include "core/admin/auth/password_hash.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <vector>

#include "core/base/base64.hpp"
#include "core/base/digest.hpp"

namespace lienthong::admin::auth {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltSize = 16;
constexpr std::size_t kKeySize = 32;
constexpr int kMaxIterations = 10'000'000;

struct Parsed {
  int iterations = 0;
  std::string salt;
  std::string key;
};

Problem invalid(std::string detail) {
  return Problem::make(ProblemKind::kInvalid, std::move(detail));
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const auto at = text.find(sep, start);
    out.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

Result<Parsed> parse(std::string_view stored) {
  const auto parts = split(stored, '$');
  if (parts.size() != 4 || parts[0] != kScheme) {
    return invalid(
        "a password hash is pbkdf2-sha256$ITERATIONS$SALT$KEY (lienthong admin passwd "
        "writes one)");
  }
  Parsed p;
  const auto [end, ec] =
      std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), p.iterations);
  if (ec != std::errc() || end != parts[1].data() + parts[1].size() ||
      p.iterations > kMaxIterations) {
    return invalid("the password hash's iterations are not a number up to 10000000");
  }
  if (p.iterations < kMinIterations) {
    return invalid("the password hash has " + std::to_string(p.iterations) +
                   " iterations, fewer than 100000: too weak, write it again with lienthong "
                   "admin passwd");
  }
  auto salt = decode_base64(parts[2]);
  auto key = decode_base64(parts[3]);
  if (!salt || salt->size() < 8 || !key || key->size() != kKeySize) {
    return invalid("the password hash's salt or key is not base64 of the right length");
  }
  p.salt = std::move(*salt);
  p.key = std::move(*key);
  return p;
}

}  // namespace

namespace detail {

std::string pbkdf2_sha256(std::string_view password, std::string_view salt, int iterations,
                          std::size_t length) {
  std::string out(length, '\0');
  const int ok =
      PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(length), reinterpret_cast<unsigned char*>(out.data()));
  if (ok != 1) out.clear();
  return out;
}

}  // namespace detail

Result<std::string> hash_password(std::string_view password, int iterations) {
  if (iterations < kMinIterations || iterations > kMaxIterations) {
    return invalid("iterations must be from 100000 to 10000000");
  }
  std::string salt(kSaltSize, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(kSaltSize)) != 1) {
    return Problem::make(ProblemKind::kInternal, "OpenSSL RAND_bytes failed");
  }
  const auto key = detail::pbkdf2_sha256(password, salt, iterations, kKeySize);
  if (key.empty()) return Problem::make(ProblemKind::kInternal, "OpenSSL PBKDF2 failed");
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + base64_encode(salt) + "$" +
         base64_encode(key);
}

Result<bool> verify_password(std::string_view password, std::string_view stored) {
  auto p = parse(stored);
  if (!p) return p.error();
  const auto key = detail::pbkdf2_sha256(password, p->salt, p->iterations, kKeySize);
  if (key.size() != kKeySize) return Problem::make(ProblemKind::kInternal, "OpenSSL PBKDF2 failed");
  return equal_constant_time(key, p->key);
}

Result<void> check_password_hash(std::string_view stored) {
  auto p = parse(stored);
  if (!p) return p.error();
  return {};
}

}  // namespace lienthong::admin::auth
