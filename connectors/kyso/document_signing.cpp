#include "connectors/kyso/document_signing.hpp"

#include <openssl/crypto.h>

#include "core/base/base64.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/signing/cms_signature.hpp"
#include "core/security/signing/pdf_signing.hpp"
#include "core/security/signing/xades_signature.hpp"
#include "core/security/xml/xml_parse.hpp"

namespace lienthong::connectors::kyso {
namespace {

namespace signing = security::signing;
using Clock = std::chrono::system_clock;

Problem invalid(std::string pointer, std::string reason) {
  Problem p = Problem::make(ProblemKind::kInvalid, reason);
  p.errors.push_back({std::move(pointer), std::move(reason)});
  return p;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::optional<std::string> unhex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 2);
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = nibble(text[i]);
    const int lo = nibble(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

bool is_xml_type(std::string_view type) {
  return type == "application/xml" || type == "text/xml" || type.ends_with("+xml");
}

std::string sha256_raw(std::string_view bytes) {
  std::string out(32, '\0');
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), reinterpret_cast<unsigned char*>(out.data()), &n,
             EVP_sha256(), nullptr);
  return out;
}

signing::PdfSignatureFields pdf_fields(const SignRequest& r, Clock::time_point at,
                                       std::size_t reserved, const X509* signer) {
  signing::PdfSignatureFields f;
  f.signing_time = at;
  f.reason = r.reason;
  f.location = r.location;
  if (signer != nullptr) f.signer_name = security::subject_of(const_cast<X509*>(signer));
  f.reserved_bytes = reserved;
  return f;
}

Clock::time_point time_of(const SigningData& data) {
  return Clock::time_point(std::chrono::milliseconds(data.signing_time_ms));
}

/// The CMS preparation as stored (hex), checked against the digest the CA signed.
Result<signing::CmsPreparation> stored_cms(const SigningData& data) {
  auto attributes = unhex(data.signed_attributes);
  auto digest = unhex(data.digest_to_sign);
  if (!attributes || !digest) {
    return Problem::make(ProblemKind::kInternal, "the signing record's preparation is unreadable");
  }
  return signing::CmsPreparation{std::move(*attributes), std::move(*digest)};
}

}  // namespace

Result<SignRequest> read_document(const nlohmann::json& canonical) {
  SignRequest r;
  const nlohmann::json::json_pointer doc("/document");
  if (!canonical.is_object() || !canonical.contains(doc) || !canonical.at(doc).is_object()) {
    return invalid("/document", "the document to sign is missing");
  }
  const auto& d = canonical.at(doc);
  r.file_name = d.value("fileName", "");
  r.content_type = d.value("contentType", "");
  auto bytes = decode_base64(d.value("contentBase64", ""));
  if (!bytes) return invalid("/document/contentBase64", "is not base64 (RFC 4648, with padding)");
  if (bytes->empty()) return invalid("/document/contentBase64", "the document is empty");
  r.content = std::move(*bytes);
  const std::string kind = canonical.value("signature", "embedded");
  const bool pdf = r.content_type == "application/pdf";
  const bool xml = is_xml_type(r.content_type);
  if (kind == "detached") {
    r.format = Format::kCms;
  } else if (pdf) {
    r.format = Format::kPades;
  } else if (xml) {
    r.format = Format::kXades;
  } else {
    return invalid("/signature",
                   "an embedded signature is made in a PDF (application/pdf) or an XML "
                   "(application/xml); ask for \"signature\": \"detached\" for a " +
                       r.content_type + " file");
  }
  return r;
}

Result<void> read_signer(const nlohmann::json& wire, SignRequest& r) {
  if (!wire.is_object() || !wire.contains("user_id") || !wire["user_id"].is_string()) {
    return Problem::make(ProblemKind::kInternal,
                         "the sign-document request mapping must write user_id");
  }
  r.user_id = wire["user_id"].get<std::string>();
  r.serial_number = wire.value("serial_number", "");
  r.reason = wire.value("reason", "");
  r.location = wire.value("location", "");
  return {};
}

Result<void> admit_document(const SignRequest& r, std::size_t reserved) {
  if (r.format == Format::kPades) {
    // The same preparation the signing will do (without a signer yet): a PDF it cannot
    // update (not a PDF, encrypted, a structure it does not handle) is refused now.
    auto prepared = signing::prepare_pdf(r.content, pdf_fields(r, Clock::now(), reserved, nullptr));
    if (!prepared) return invalid("/document/contentBase64", prepared.error().detail);
    return {};
  }
  if (r.format == Format::kXades) {
    auto parsed = security::parse_untrusted_xml(r.content);
    if (!parsed) return invalid("/document/contentBase64", parsed.error());
  }
  return {};
}

Result<void> prepare_document(const SignRequest& r, const X509* signer,
                              const security::Certificates& chain, Clock::time_point at,
                              std::size_t reserved, SigningData& data) {
  switch (r.format) {
    case Format::kPades: {
      auto pdf = signing::prepare_pdf(r.content, pdf_fields(r, at, reserved, signer));
      if (!pdf) return std::move(pdf).error();
      auto cms = signing::prepare_cms(signer, pdf->content_sha256, {.signing_time = std::nullopt});
      if (!cms) return std::move(cms).error();
      data.content_sha256 = hex(pdf->content_sha256);
      data.signed_attributes = hex(cms->signed_attributes);
      data.digest_to_sign = hex(cms->digest_to_sign);
      return {};
    }
    case Format::kCms: {
      const auto content = sha256_raw(r.content);
      auto cms = signing::prepare_cms(signer, content, {.signing_time = at});
      if (!cms) return std::move(cms).error();
      data.content_sha256 = hex(content);
      data.signed_attributes = hex(cms->signed_attributes);
      data.digest_to_sign = hex(cms->digest_to_sign);
      return {};
    }
    case Format::kXades: {
      auto xml = signing::prepare_xades(r.content, signer, chain, {.signing_time = at});
      if (!xml) return std::move(xml).error();
      data.content_sha256 = hex(sha256_raw(r.content));
      data.digest_to_sign = hex(xml->digest_to_sign);
      return {};
    }
  }
  return Problem::make(ProblemKind::kInternal, "unknown signature format");
}

bool value_verifies(const X509* signer, const SigningData& data, std::string_view value) {
  const auto digest = unhex(data.digest_to_sign);
  return digest && signing::signature_value_matches(signer, *digest, value);
}

bool wants_timestamp(Format format) {
  return format != Format::kXades;
}

std::string timestamp_imprint(std::string_view signature_value) {
  return signing::signature_timestamp_imprint(signature_value);
}

Result<SignedFile> signed_document(const SignRequest& r, const X509* signer,
                                   const security::Certificates& chain, std::size_t reserved,
                                   const SigningData& data, std::string_view value,
                                   std::string_view token) {
  if (r.format == Format::kXades) {
    const auto digest = unhex(data.digest_to_sign).value_or(std::string());
    auto xml = signing::embed_xades(r.content, signer, chain, {.signing_time = time_of(data)},
                                    value, digest);
    if (!xml) return std::move(xml).error();
    return SignedFile{r.file_name, r.content_type, std::move(xml).value()};
  }
  auto prep = stored_cms(data);
  if (!prep) return std::move(prep).error();
  auto cms = signing::assemble_cms(*prep, signer, chain, value, token);
  if (!cms) return std::move(cms).error();
  if (r.format == Format::kCms) {
    if (hex(sha256_raw(r.content)) != data.content_sha256) {
      return Problem::make(ProblemKind::kInternal, "the document is not the one prepared");
    }
    return SignedFile{r.file_name + ".p7s", "application/pkcs7-signature", std::move(cms).value()};
  }
  auto pdf = signing::prepare_pdf(r.content, pdf_fields(r, time_of(data), reserved, signer));
  if (!pdf) return std::move(pdf).error();
  if (hex(pdf->content_sha256) != data.content_sha256) {
    return Problem::make(ProblemKind::kInternal, "the PDF prepared again is not the one signed");
  }
  auto signed_pdf = signing::embed_in_pdf(std::move(pdf).value(), *cms);
  if (!signed_pdf) return std::move(signed_pdf).error();
  return SignedFile{r.file_name, r.content_type, std::move(signed_pdf).value()};
}

}  // namespace lienthong::connectors::kyso
