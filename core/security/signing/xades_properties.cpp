#include "core/security/signing/xades_properties.hpp"

#include <openssl/crypto.h>

#include <cstdio>
#include <ctime>

namespace lienthong::security::signing::detail {
namespace {

constexpr unsigned char kSequence = 0x30;
constexpr unsigned char kDirectoryName = 0xA4;  // GeneralName [4], explicit: Name is a CHOICE

// One DER TLV with a definite length (short form below 128, else long form).
std::string tlv(unsigned char tag, const std::string& content) {
  std::string out(1, static_cast<char>(tag));
  const std::size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else {
    std::string len;
    for (std::size_t v = n; v != 0; v >>= 8) len.insert(len.begin(), static_cast<char>(v & 0xff));
    out += static_cast<char>(0x80 | len.size());
    out += len;
  }
  return out + content;
}

template <class T, class I2d>
std::string der(const T* object, I2d i2d) {
  unsigned char* buf = nullptr;
  const int len = object != nullptr ? i2d(object, &buf) : -1;
  std::string out;
  if (len > 0) out.assign(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
  OPENSSL_free(buf);
  return out;
}

}  // namespace

std::string xades_date_time(std::chrono::system_clock::time_point t) {
  const std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf, n);
}

std::string certificate_der(const X509* cert) {
  return der(cert, [](const X509* c, unsigned char** out) { return i2d_X509(c, out); });
}

std::optional<std::string> issuer_serial_der(const X509* cert) {
  if (cert == nullptr) return std::nullopt;
  const std::string name =
      der(X509_get_issuer_name(cert),
          [](const X509_NAME* n, unsigned char** out) { return i2d_X509_NAME(n, out); });
  const std::string serial =
      der(X509_get0_serialNumber(cert),
          [](const ASN1_INTEGER* i, unsigned char** out) { return i2d_ASN1_INTEGER(i, out); });
  if (name.empty() || serial.empty()) return std::nullopt;
  return tlv(kSequence, tlv(kSequence, tlv(kDirectoryName, name)) + serial);
}

}  // namespace lienthong::security::signing::detail
