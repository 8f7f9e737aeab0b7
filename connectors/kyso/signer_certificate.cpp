#include "connectors/kyso/signer_certificate.hpp"

#include <openssl/asn1.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>

#include "core/base/base64.hpp"
#include "core/security/certificates/certificates.hpp"

namespace lienthong::connectors::kyso {
namespace {

Problem bad_answer(const std::string& what) {
  auto p = Problem::make(ProblemKind::kUpstreamError, "the CA's certificate list: " + what);
  p.upstream = Upstream{200, "user_certificates", what};
  return p;
}

std::string text(const nlohmann::json& o, const char* key) {
  return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
}

std::optional<security::X509Ptr> decode_der(const std::string& base64) {
  const auto der = decode_base64(base64);
  if (!der || der->empty()) return std::nullopt;
  auto parsed = security::parse_certificates(*der);
  if (!parsed || parsed->size() != 1) return std::nullopt;
  return std::move(parsed->front());
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  s.erase(0, std::min(s.find_first_not_of('0'), s.size() - (s.empty() ? 0 : 1)));
  return s;
}

std::string asn1_time_iso(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return {};
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

Standing standing_of_chain_error(const std::string& error) {
  if (error.starts_with("certificate revoked")) return Standing::kRevoked;
  if (error.starts_with("certificate expired")) return Standing::kExpired;
  if (error.starts_with("certificate not yet valid")) return Standing::kNotYetValid;
  if (error.starts_with("certificate revocation status unknown")) return Standing::kUnknown;
  return Standing::kUntrusted;
}

}  // namespace

Result<std::vector<SignerCertificate>> read_signer_certificates(const nlohmann::json& data) {
  if (!data.contains("user_certificates") || !data["user_certificates"].is_array()) {
    return bad_answer("no user_certificates list");
  }
  std::vector<SignerCertificate> out;
  for (const auto& entry : data["user_certificates"]) {
    if (!entry.is_object()) return bad_answer("an entry is not an object");
    SignerCertificate c;
    c.cert_id = text(entry, "cert_id");
    c.serial_number = text(entry, "serial_number");
    c.ca_status = text(entry, "cert_status");
    auto cert = decode_der(text(entry, "cert_data"));
    if (!cert) return bad_answer("cert_data is not one base64 DER certificate");
    c.certificate = std::move(*cert);
    if (entry.contains("chain_data") && entry["chain_data"].is_object()) {
      for (const char* key : {"ca_cert", "root_cert"}) {
        const auto b64 = text(entry["chain_data"], key);
        if (b64.empty()) continue;
        auto chain_cert = decode_der(b64);
        if (!chain_cert) return bad_answer(std::string("chain_data.") + key + " does not decode");
        c.chain.push_back(std::move(*chain_cert));
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::size_t> choose_certificate(const std::vector<SignerCertificate>& certs,
                                       std::string_view serial) {
  if (certs.empty()) {
    return Problem::make(ProblemKind::kUpstreamNotFound,
                         "the CA lists no certificate for the signer");
  }
  if (serial.empty()) return std::size_t{0};
  const auto wanted = lower(std::string(serial));
  for (std::size_t i = 0; i < certs.size(); ++i) {
    if (lower(certs[i].serial_number) == wanted) return i;
  }
  return Problem::make(ProblemKind::kUpstreamNotFound,
                       "the signer has no certificate with serial number " + std::string(serial));
}

std::string_view to_string(Standing standing) {
  switch (standing) {
    case Standing::kValid:
      return "valid";
    case Standing::kRevoked:
      return "revoked";
    case Standing::kExpired:
      return "expired";
    case Standing::kNotYetValid:
      return "not_yet_valid";
    case Standing::kUntrusted:
      return "untrusted";
    case Standing::kUnknown:
      return "unknown";
  }
  return "unknown";
}

boost::asio::awaitable<Verdict> check_signer(const SignerCertificate& signer,
                                             const SignerTrust& trust, std::time_t now) {
  X509* leaf = signer.certificate.get();
  const auto untrusted = security::raw(signer.chain);
  auto chained = trust.store.verify(leaf, untrusted, now);
  if (!chained) co_return Verdict{standing_of_chain_error(chained.error()), chained.error()};
  if (!trust.ocsp) co_return Verdict{Standing::kValid, {}};
  // The issuer: the chain certificate that signed the leaf (the chain verified, so it is it).
  X509* issuer = nullptr;
  for (const auto& c : signer.chain) {
    if (X509_check_issued(c.get(), leaf) == X509_V_OK) issuer = c.get();
  }
  if (issuer == nullptr) co_return Verdict{Standing::kUnknown, "the CA did not send the issuer"};
  auto outcome = co_await trust.ocsp->check(leaf, issuer);
  if (outcome && outcome->status == security::CertStatus::kRevoked) {
    co_return Verdict{Standing::kRevoked,
                      security::describe_ocsp_failure(outcome, "signer certificate")};
  }
  auto accepted = security::ocsp_verdict(outcome, trust.policy, "signer certificate");
  if (!accepted) co_return Verdict{Standing::kUnknown, accepted.error()};
  co_return Verdict{Standing::kValid, {}};
}

nlohmann::json certificate_json(const SignerCertificate& signer, const Verdict& verdict) {
  X509* cert = signer.certificate.get();
  nlohmann::json chain = nlohmann::json::array();
  for (const auto& c : signer.chain) {
    chain.push_back({{"subject", security::subject_of(c.get())},
                     {"certificate", security::der_base64(c.get())}});
  }
  nlohmann::json out{{"certId", signer.cert_id},
                     {"serialNumber", signer.serial_number},
                     {"subject", security::subject_of(cert)},
                     {"validFrom", asn1_time_iso(X509_get0_notBefore(cert))},
                     {"validTo", asn1_time_iso(X509_get0_notAfter(cert))},
                     {"caStatus", signer.ca_status},
                     {"status", std::string(to_string(verdict.standing))},
                     {"certificate", security::der_base64(cert)},
                     {"sha256", security::sha256_fingerprint(cert)},
                     {"chain", std::move(chain)}};
  if (!verdict.reason.empty()) out["reason"] = verdict.reason;
  return out;
}

}  // namespace lienthong::connectors::kyso
