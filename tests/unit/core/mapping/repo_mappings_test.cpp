// The mappings shipped in mappings/ compile with this language and map their examples.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/mapping/mapping.hpp"

namespace lienthong::mapping {
namespace {

namespace fs = std::filesystem;

const fs::path kMappings = fs::path(LT_SOURCE_DIR) / "mappings";

std::shared_ptr<const Mapping> load(const std::string& connector, const std::string& file,
                                    SourceFormat source) {
  auto tables = CodeTables::load_dir(kMappings / connector / "tables");
  EXPECT_TRUE(tables);
  if (!tables) return nullptr;
  auto loaded = Mapping::load(kMappings / connector / file, source, *tables);
  if (!loaded) {
    for (const auto& e : loaded.error()) ADD_FAILURE() << e.to_string();
    return nullptr;
  }
  return *loaded;
}

nlohmann::json example(const std::string& connector, const std::string& file) {
  std::ifstream in(kMappings / connector / file);
  std::ostringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false, true);
  json["_hub"] = {{"messageId", "m-1"}, {"client", "c-1"}, {"correlationId", "x"}};
  return json;
}

TEST(RepoMappingsTest, DkdnLoadsAndMapsItsExample) {
  auto request = load("dkdn", "lookup-enterprise.request.json", SourceFormat::kJson);
  ASSERT_NE(request, nullptr);
  auto out = request->apply(example("dkdn", "lookup-enterprise.example.json"));
  ASSERT_TRUE(out) << out.error().to_string();
  EXPECT_TRUE(out->json.contains("msdn"));
  EXPECT_NE(load("dkdn", "lookup-enterprise.response.json", SourceFormat::kJson), nullptr);
}

TEST(RepoMappingsTest, DancuLoadsAndMapsItsExample) {
  auto request = load("dancu", "lookup-citizen.request.xml", SourceFormat::kJson);
  ASSERT_NE(request, nullptr);
  auto out = request->apply(example("dancu", "lookup-citizen.example.json"));
  ASSERT_TRUE(out) << out.error().to_string();
  EXPECT_NE(out->text.find("<dc:MaYeuCau>m-1</dc:MaYeuCau>"), std::string::npos) << out->text;
  EXPECT_NE(load("dancu", "lookup-citizen.response.json", SourceFormat::kXml), nullptr);
}

nlohmann::json mapped(const std::string& file, const nlohmann::json& input,
                      const std::string& connector = "paygov") {
  auto m = load(connector, file, SourceFormat::kJson);
  if (!m) return nullptr;
  auto out = m->apply(input);
  if (!out) {
    ADD_FAILURE() << file << ": " << out.error().to_string();
    return nullptr;
  }
  return out->json;
}

// Every paygov mapping, golden: the platform's words in, the canonical ones out (WIRE.md).
TEST(RepoMappingsTest, PaygovQueryReceiptAndFollowUpMappings) {
  const nlohmann::json ask = {{"paymentId", "REF-1"}};
  EXPECT_EQ(mapped("query-payment.request.json", ask),
            (nlohmann::json{{"LoaiBanTin", "QUERY"}, {"MaThamChieu", "REF-1"}}));
  EXPECT_EQ(mapped("recover-payment.request.json", ask),
            (nlohmann::json{{"LoaiBanTin", "QUERY"}, {"MaThamChieu", "REF-1"}}));
  EXPECT_EQ(mapped("get-receipt.request.json", ask),
            (nlohmann::json{{"LoaiBanTin", "GET_BILL"}, {"MaThamChieu", "REF-1"}}));
  EXPECT_EQ(mapped("query-payment.response.json", {{"error_code", "0"},
                                                   {"MaThamChieu", "REF-1"},
                                                   {"SoTien", 100000},
                                                   {"TrangThaiGD", "00"},
                                                   {"MaGiaoDich", "BANK-1"},
                                                   {"ThoiGianThanhToan", "20261206141000"}}),
            (nlohmann::json{{"paymentId", "REF-1"},
                            {"state", "paid"},
                            {"amount", 100000},
                            {"paidAt", "2026-12-06T14:10:00+07:00"},
                            {"bankTransactionId", "BANK-1"}}));
  EXPECT_EQ(mapped("query-payment.response.json",
                   {{"MaThamChieu", "REF-1"}, {"SoTien", 5}, {"TrangThaiGD", "01"}})["state"],
            "awaiting_payment");
  EXPECT_EQ(mapped("recover-payment.response.json",
                   {{"MaThamChieu", "REF-1"}, {"TrangThai", "paid"}, {"NguyenNhan", "query"}}),
            (nlohmann::json{{"paymentId", "REF-1"}, {"state", "paid"}, {"movedBy", "query"}}));
  EXPECT_EQ(mapped("get-receipt.response.json",
                   {{"TenFile", "bienlai-REF-1.pdf"}, {"NoiDungFile", "JVBERi0="}}),
            (nlohmann::json{{"fileName", "bienlai-REF-1.pdf"},
                            {"contentType", "application/pdf"},
                            {"contentBase64", "JVBERi0="}}));
}

TEST(RepoMappingsTest, PaygovNoticeMapsToTheCanonicalEvent) {
  EXPECT_EQ(mapped("inbound/payment-notice.mapping.json", {{"LoaiBanTin", "IPN"},
                                                           {"MaLoi", "00"},
                                                           {"MaThamChieu", "REF-1"},
                                                           {"SoTien", 100000},
                                                           {"MaGiaoDich", "BANK-1"},
                                                           {"ThoiGianGD", "20261206141000"}}),
            (nlohmann::json{{"event", "payment-paid"},
                            {"paymentId", "REF-1"},
                            {"amount", 100000},
                            {"paidAt", "2026-12-06T14:10:00+07:00"},
                            {"bankTransactionId", "BANK-1"}}));
}

// Every kyso mapping, golden: the canonical request to the CA's words (the document itself is
// read by the connector, never mapped) and the connector's reports to the canonical answers.
TEST(RepoMappingsTest, KysoMappings) {
  EXPECT_EQ(mapped("get-certificate.request.json", {{"signerId", "079085001234"}}, "kyso"),
            (nlohmann::json{{"user_id", "079085001234"}}));
  EXPECT_EQ(mapped("get-certificate.request.json",
                   {{"signerId", "079085001234"}, {"serialNumber", "4a1f"}}, "kyso"),
            (nlohmann::json{{"user_id", "079085001234"}, {"serial_number", "4a1f"}}));
  const nlohmann::json sign = {
      {"signerId", "079085001234"},
      {"document",
       {{"fileName", "a.pdf"}, {"contentType", "application/pdf"}, {"contentBase64", "JVBERi0="}}},
      {"reason", "Phê duyệt"}};
  EXPECT_EQ(mapped("sign-document.request.json", sign, "kyso"),
            (nlohmann::json{{"user_id", "079085001234"}, {"reason", "Phê duyệt"}}));
  const nlohmann::json report = {{"document_id", "m-1"}, {"document", "/v1/documents/m-1"},
                                 {"file_name", "a.pdf"}, {"content_type", "application/pdf"},
                                 {"format", "pades"},    {"serial_number", "4a1f"},
                                 {"tran_id", "t-1"},     {"message_id", "m-1"},
                                 {"signing_time_ms", 1}};
  EXPECT_EQ(mapped("sign-document.response.json", report, "kyso"),
            (nlohmann::json{{"documentId", "m-1"},
                            {"document", "/v1/documents/m-1"},
                            {"fileName", "a.pdf"},
                            {"contentType", "application/pdf"},
                            {"format", "pades"},
                            {"serialNumber", "4a1f"},
                            {"caTransactionId", "t-1"}}));
  const nlohmann::json certs = {{"certificates",
                                 {{{"certId", "c"},
                                   {"serialNumber", "4a1f"},
                                   {"subject", "CN=A"},
                                   {"validFrom", "2026-01-01T00:00:00Z"},
                                   {"validTo", "2028-01-01T00:00:00Z"},
                                   {"caStatus", "VALID"},
                                   {"status", "revoked"},
                                   {"reason", "certificate revoked"},
                                   {"certificate", "MII="},
                                   {"sha256", "ab"},
                                   {"chain", {{{"subject", "CN=I"}, {"certificate", "MIJ="}}}}}}}};
  EXPECT_EQ(mapped("get-certificate.response.json", certs, "kyso"),
            (nlohmann::json{{"certificates",
                             {{{"serialNumber", "4a1f"},
                               {"subject", "CN=A"},
                               {"validFrom", "2026-01-01T00:00:00Z"},
                               {"validTo", "2028-01-01T00:00:00Z"},
                               {"status", "revoked"},
                               {"statusReason", "certificate revoked"},
                               {"caStatus", "VALID"},
                               {"sha256", "ab"},
                               {"certificate", "MII="},
                               {"chain", {{{"subject", "CN=I"}, {"certificate", "MIJ="}}}}}}}}));
}

}  // namespace
}  // namespace lienthong::mapping
