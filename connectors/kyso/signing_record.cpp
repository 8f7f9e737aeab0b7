#include "connectors/kyso/signing_record.hpp"

namespace lienthong::connectors::kyso {

std::string_view to_string(Format format) {
  switch (format) {
    case Format::kPades:
      return "pades";
    case Format::kXades:
      return "xades";
    case Format::kCms:
      return "cms";
  }
  return "cms";
}

std::optional<Format> parse_format(std::string_view text) {
  if (text == "pades") return Format::kPades;
  if (text == "xades") return Format::kXades;
  if (text == "cms") return Format::kCms;
  return std::nullopt;
}

nlohmann::json to_json(const SigningData& d) {
  return {{"format", std::string(to_string(d.format))},
          {"serialNumber", d.serial_number},
          {"certificate", d.certificate},
          {"chain", d.chain},
          {"signingTimeMs", d.signing_time_ms},
          {"requestedAtMs", d.requested_at_ms},
          {"digestToSign", d.digest_to_sign},
          {"signedAttributes", d.signed_attributes},
          {"contentSha256", d.content_sha256},
          {"tranId", d.tran_id},
          {"tranCode", d.tran_code},
          {"signatureValue", d.signature_value},
          {"reason", d.reason},
          {"documentId", d.document_id}};
}

SigningData read_signing_data(std::string_view text) {
  SigningData d;
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return d;
  auto str = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  auto num = [&](const char* key) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<std::int64_t>()
                                                         : std::int64_t{0};
  };
  d.format = parse_format(str("format")).value_or(Format::kCms);
  d.serial_number = str("serialNumber");
  d.certificate = str("certificate");
  if (j.contains("chain") && j["chain"].is_array()) {
    for (const auto& c : j["chain"]) {
      if (c.is_string()) d.chain.push_back(c.get<std::string>());
    }
  }
  d.signing_time_ms = num("signingTimeMs");
  d.requested_at_ms = num("requestedAtMs");
  d.digest_to_sign = str("digestToSign");
  d.signed_attributes = str("signedAttributes");
  d.content_sha256 = str("contentSha256");
  d.tran_id = str("tranId");
  d.tran_code = str("tranCode");
  d.signature_value = str("signatureValue");
  d.reason = str("reason");
  d.document_id = str("documentId");
  return d;
}

}  // namespace lienthong::connectors::kyso
