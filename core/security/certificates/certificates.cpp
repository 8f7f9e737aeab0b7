#include "core/security/certificates/certificates.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <cstdint>
#include <fstream>

#include "core/base/base64.hpp"

namespace lienthong::security {
namespace {

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

BioPtr memory_bio(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

bool looks_like_pem(std::string_view bytes) {
  return bytes.find("-----BEGIN ") != std::string_view::npos;
}

// Reads every PEM object of one kind; `read` is PEM_read_bio_X509 or PEM_read_bio_X509_CRL.
template <class Ptr, class Read>
std::vector<Ptr> read_pem_all(std::string_view bytes, Read read) {
  std::vector<Ptr> out;
  BioPtr bio = memory_bio(bytes);
  while (bio) {
    auto* obj = read(bio.get(), nullptr, nullptr, nullptr);
    if (obj == nullptr) break;
    out.emplace_back(obj);
  }
  ERR_clear_error();  // the loop always ends on a "no start line" error
  return out;
}

config::ConfigError file_error(const std::filesystem::path& file, std::string reason) {
  return config::ConfigError{file.string(), 0, "", std::move(reason)};
}

}  // namespace

Result<std::string, config::ConfigError> read_small_file(const std::filesystem::path& file,
                                                         std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return file_error(file, "cannot read the file");
  std::string data;
  std::array<char, 8192> buf{};
  while (in.read(buf.data(), buf.size()) || in.gcount() > 0) {
    data.append(buf.data(), static_cast<std::size_t>(in.gcount()));
    if (data.size() > max_bytes) {
      return file_error(file, "file larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  return data;
}

Result<Certificates, std::string> parse_certificates(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return std::string("too large");
  Certificates certs;
  if (looks_like_pem(bytes)) {
    certs = read_pem_all<X509Ptr>(bytes, PEM_read_bio_X509);
  } else {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    X509* cert = d2i_X509(nullptr, &p, static_cast<long>(bytes.size()));
    ERR_clear_error();
    if (cert != nullptr) certs.emplace_back(cert);
  }
  if (certs.empty()) return std::string("no certificate found (expected PEM or DER)");
  return certs;
}

Result<Crls, std::string> parse_crls(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return std::string("too large");
  Crls crls;
  if (looks_like_pem(bytes)) {
    crls = read_pem_all<X509CrlPtr>(bytes, PEM_read_bio_X509_CRL);
  } else {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(bytes.size()));
    ERR_clear_error();
    if (crl != nullptr) crls.emplace_back(crl);
  }
  if (crls.empty()) return std::string("no CRL found (expected PEM or DER)");
  return crls;
}

Result<Certificates, config::ConfigError> load_certificates(
    const std::vector<std::filesystem::path>& files) {
  Certificates out;
  for (const auto& f : files) {
    auto certs = load_certificates(f);
    if (!certs) return certs.error();
    for (auto& x : *certs) out.push_back(std::move(x));
  }
  return out;
}

Certificates shared_copies(const Certificates& certs) {
  Certificates out;
  out.reserve(certs.size());
  for (const auto& c : certs) out.push_back(share(c.get()));
  return out;
}

Result<Certificates, config::ConfigError> load_certificates(const std::filesystem::path& file) {
  auto bytes = read_small_file(file);
  if (!bytes) return bytes.error();
  auto certs = parse_certificates(*bytes);
  if (!certs) return file_error(file, certs.error());
  return std::move(*certs);
}

Result<Crls, config::ConfigError> load_crls(const std::filesystem::path& file) {
  auto bytes = read_small_file(file);
  if (!bytes) return bytes.error();
  auto crls = parse_crls(*bytes);
  if (!crls) return file_error(file, crls.error());
  return std::move(*crls);
}

namespace {

std::string rfc2253(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || name == nullptr) return {};
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

}  // namespace

std::string subject_of(const X509* cert) {
  return cert == nullptr ? std::string() : rfc2253(X509_get_subject_name(cert));
}

std::string issuer_of(const X509* cert) {
  return cert == nullptr ? std::string() : rfc2253(X509_get_issuer_name(cert));
}

std::string sha256_fingerprint(const X509* cert) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (cert == nullptr || X509_digest(cert, EVP_sha256(), md.data(), &len) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0x0F];
  }
  return out;
}

std::string der_base64(const X509* cert) {
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert, &der);
  if (len <= 0) return {};
  std::string out = base64_encode(
      std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len)));
  OPENSSL_free(der);
  return out;
}

}  // namespace lienthong::security
