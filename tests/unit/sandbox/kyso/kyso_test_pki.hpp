#pragma once

// The development PKI (tests/support/test_pki.hpp) and small OpenSSL helpers for the kyso tests.

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

#include "core/security/certificates/certificates.hpp"
#include "core/security/ocsp/ocsp_ptr.hpp"
#include "core/security/openssl_ptr.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::sandbox::kyso::testing {

using security::testing::dev_pki;
using security::testing::pki_file;
using security::testing::read_file;

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
