// The kyso connector's pure parts: the CA's envelope, the status path, the document's format,
// the signing record, the choice of certificate.
#include <gtest/gtest.h>

#include "connectors/kyso/ca_wire.hpp"
#include "connectors/kyso/document_signing.hpp"
#include "connectors/kyso/signer_certificate.hpp"
#include "connectors/kyso/signing_record.hpp"
#include "core/base/base64.hpp"

namespace lienthong::connectors::kyso {
namespace {

TEST(KysoCaWire, TheEnvelopeGivesDataOrTheCasRefusal) {
  const auto ok = read_ca_answer(200, R"({"status_code":200,"message":"success","data":{"a":1}})");
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)["a"], 1);
  const auto missing =
      read_ca_answer(404, R"({"status_code":404,"message":"unknown user","data":null})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ProblemKind::kUpstreamNotFound);
  const auto refused =
      read_ca_answer(400, R"({"status_code":400,"message":"certificate revoked","data":null})");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ProblemKind::kUpstreamError);
  ASSERT_TRUE(refused.error().upstream);
  EXPECT_EQ(refused.error().upstream->status, 400);
  EXPECT_EQ(refused.error().upstream->code, "certificate revoked");
  const auto garbage = read_ca_answer(502, "<html>bad gateway</html>");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().upstream->status, 502);
  EXPECT_FALSE(read_ca_answer(200, R"({"status_code":200,"message":"success"})"));
}

TEST(KysoCaWire, TheAccountGoesIntoEveryRequest) {
  const auto r = ca_request({"sp", "secret"}, {{"user_id", "1"}});
  EXPECT_EQ(r, (nlohmann::json{{"user_id", "1"}, {"sp_id", "sp"}, {"sp_password", "secret"}}));
}

TEST(KysoCaWire, TheStatusPathTakesOnlyPlainTransactionIds) {
  EXPECT_EQ(status_path("/v1/signatures/sign", "0193-ab_C").value(),
            "/v1/signatures/sign/0193-ab_C/status");
  EXPECT_EQ(status_path("/v1/signatures/sign/", "x").value(), "/v1/signatures/sign/x/status");
  for (const char* bad : {"", "../admin", "a/b", "a?b", "a b"}) {
    EXPECT_FALSE(status_path("/v1/signatures/sign", bad)) << bad;
  }
}

nlohmann::json canonical(const std::string& type, const std::string& bytes,
                         const std::string& signature = "") {
  nlohmann::json r{
      {"signerId", "079085001234"},
      {"document",
       {{"fileName", "f"}, {"contentType", type}, {"contentBase64", base64_encode(bytes)}}}};
  if (!signature.empty()) r["signature"] = signature;
  return r;
}

TEST(KysoDocument, TheFormatFollowsTheTypeAndTheCallersChoice) {
  EXPECT_EQ(read_document(canonical("application/pdf", "%PDF-")).value().format, Format::kPades);
  EXPECT_EQ(read_document(canonical("application/xml", "<a/>")).value().format, Format::kXades);
  EXPECT_EQ(read_document(canonical("text/xml", "<a/>")).value().format, Format::kXades);
  EXPECT_EQ(read_document(canonical("application/pdf", "%PDF-", "detached")).value().format,
            Format::kCms);
  EXPECT_EQ(read_document(canonical("text/plain", "x", "detached")).value().format, Format::kCms);
  const auto embedded_text = read_document(canonical("text/plain", "x"));
  ASSERT_FALSE(embedded_text);
  EXPECT_EQ(embedded_text.error().errors.at(0).pointer, "/signature");
  auto bad = canonical("application/pdf", "x");
  bad["document"]["contentBase64"] = "***";
  EXPECT_EQ(read_document(bad).error().errors.at(0).pointer, "/document/contentBase64");
  EXPECT_FALSE(read_document(nlohmann::json::object()));
  EXPECT_EQ(read_document(canonical("application/pdf", "%PDF-")).value().content, "%PDF-");
}

TEST(KysoDocument, TheArrivalCheckRefusesWhatCannotBeSigned) {
  auto not_pdf = read_document(canonical("application/pdf", "hello")).value();
  EXPECT_FALSE(admit_document(not_pdf, 32768));
  auto dtd = read_document(canonical("application/xml", "<!DOCTYPE a><a/>")).value();
  EXPECT_FALSE(admit_document(dtd, 32768));
  auto xml = read_document(canonical("application/xml", "<a>x</a>")).value();
  EXPECT_TRUE(admit_document(xml, 32768));
  auto any = read_document(canonical("image/png", "\x89PNG", "detached")).value();
  EXPECT_TRUE(admit_document(any, 32768));
}

TEST(KysoSigningRecord, ItsDataRoundTrips) {
  SigningData d;
  d.format = Format::kXades;
  d.serial_number = "4a";
  d.certificate = "MII=";
  d.chain = {"A=", "B="};
  d.signing_time_ms = 1'700'000'000'000;
  d.requested_at_ms = 1'700'000'000'500;
  d.digest_to_sign = "00ff";
  d.signed_attributes = "31";
  d.content_sha256 = "ab";
  d.tran_id = "t";
  d.tran_code = "C";
  d.signature_value = "c2ln";
  d.reason = "r";
  d.document_id = "m";
  const auto back = read_signing_data(to_json(d).dump());
  EXPECT_EQ(to_json(back), to_json(d));
  EXPECT_EQ(read_signing_data("not json").format, Format::kCms);
  EXPECT_FALSE(parse_format("pdf"));
}

TEST(KysoSignerCertificate, TheSerialIsComparedAsHex) {
  std::vector<SignerCertificate> certs(2);
  certs[0].serial_number = "4aBC";
  certs[1].serial_number = "0f01";
  EXPECT_EQ(choose_certificate(certs, "").value(), 0u);
  EXPECT_EQ(choose_certificate(certs, "4abc").value(), 0u);
  EXPECT_EQ(choose_certificate(certs, "F01").value(), 1u);
  EXPECT_EQ(choose_certificate(certs, "99").error().kind, ProblemKind::kUpstreamNotFound);
  EXPECT_EQ(choose_certificate({}, "").error().kind, ProblemKind::kUpstreamNotFound);
  EXPECT_FALSE(read_signer_certificates(nlohmann::json::object()));
  EXPECT_FALSE(
      read_signer_certificates({{"user_certificates", {{{"cert_data", "bm90IGEgY2VydA=="}}}}}));
}

}  // namespace
}  // namespace lienthong::connectors::kyso
