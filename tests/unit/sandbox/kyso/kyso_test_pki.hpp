#pragma once

// The development PKI (certs/gen-dev-pki.sh) and small OpenSSL helpers for the kyso tests.

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include <atomic>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "core/security/certificates.hpp"
#include "core/security/ocsp_ptr.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::sandbox::kyso::testing {

inline std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Made once per script version and week in the temp folder, and shared with the security tests
/// (same naming; the script is idempotent and renames its result into place atomically).
inline const std::filesystem::path& dev_pki() {
  static const std::filesystem::path dir = [] {
    const std::string script = read_file(LT_SOURCE_DIR "/certs/gen-dev-pki.sh");
    const auto week = std::time(nullptr) / (7 * 24 * 3600);
    const std::filesystem::path d =
        std::filesystem::temp_directory_path() /
        ("lt-test-pki-" + std::to_string(::getuid()) + "-" +
         std::to_string(std::hash<std::string>{}(script)) + "-" + std::to_string(week));
    if (!std::filesystem::exists(d / ".complete")) {
      const std::string cmd =
          "bash '" LT_SOURCE_DIR "/certs/gen-dev-pki.sh' '" + d.string() + "' >/dev/null";
      if (const int rc = std::system(cmd.c_str()); rc != 0) {
        ADD_FAILURE() << "gen-dev-pki.sh failed with status " << rc;
      }
    }
    return d;
  }();
  return dir;
}

inline std::filesystem::path pki_file(const std::string& name) {
  return dev_pki() / name;
}

inline security::X509Ptr load_cert(const std::string& name) {
  auto certs = security::load_certificates(pki_file(name));
  if (!certs) {
    ADD_FAILURE() << certs.error().to_string();
    return nullptr;
  }
  return std::move(certs->front());
}

inline security::EvpPkeyPtr load_key(const std::string& name) {
  const std::string pem = read_file(pki_file(name));
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  security::EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return key;
}

inline std::string to_der(OCSP_REQUEST* request) {
  unsigned char* der = nullptr;
  const int len = i2d_OCSP_REQUEST(request, &der);
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len > 0 ? len : 0));
  OPENSSL_free(der);
  return out;
}

/// A copy of `cert` with another serial, re-signed by `key`: a certificate the CA never listed.
inline security::X509Ptr reissued(X509* cert, long serial, EVP_PKEY* key) {
  security::X509Ptr copy(X509_dup(cert));
  ASN1_INTEGER_set(X509_get_serialNumber(copy.get()), serial);
  X509_sign(copy.get(), key, EVP_sha256());
  return copy;
}

/// A settable clock for responder and checker.
struct FakeClock {
  std::atomic<std::time_t> now{std::time(nullptr)};
  std::function<std::time_t()> fn() {
    return [this] { return now.load(); };
  }
};

}  // namespace lienthong::sandbox::kyso::testing
