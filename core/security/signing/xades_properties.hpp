#pragma once

#include <openssl/x509.h>

#include <chrono>
#include <optional>
#include <string>

namespace lienthong::security::signing::detail {

/// xsd:dateTime in UTC, whole seconds ("2024-05-01T08:30:00Z"): XAdES SigningTime.
std::string xades_date_time(std::chrono::system_clock::time_point t);

/// The certificate's DER encoding; empty when OpenSSL cannot encode it.
std::string certificate_der(const X509* cert);

/// DER IssuerSerial of RFC 5035 (SEQUENCE { issuer GeneralNames { directoryName }, serialNumber
/// INTEGER }): the content of XAdES 1.4.1+ IssuerSerialV2, base64 on the wire. Nullopt when
/// OpenSSL cannot encode the issuer name or serial.
std::optional<std::string> issuer_serial_der(const X509* cert);

}  // namespace lienthong::security::signing::detail
