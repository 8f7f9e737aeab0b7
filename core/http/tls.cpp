#include "core/http/tls.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>

#include <array>

#include "core/http/client_tls.hpp"

namespace lienthong::http {

std::string certificate_subject(X509* certificate) {
  if (certificate == nullptr) return {};
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) return {};
  std::string out;
  if (X509_NAME_print_ex(bio, X509_get_subject_name(certificate), 0,
                         XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size > 0 && data != nullptr) out.assign(data, static_cast<std::size_t>(size));
  }
  BIO_free(bio);
  return out;
}

std::string certificate_sha256(X509* certificate) {
  if (certificate == nullptr) return {};
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (X509_digest(certificate, EVP_sha256(), digest.data(), &size) != 1) return {};
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<std::size_t>(size) * 2U);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4U];
    out += kHex[digest[i] & 0x0FU];
  }
  return out;
}

std::shared_ptr<boost::asio::ssl::context> default_client_tls() {
  namespace ssl = boost::asio::ssl;
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  restrict_to_modern_tls(*context);
  context->set_default_verify_paths();
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

}  // namespace lienthong::http
