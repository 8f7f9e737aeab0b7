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

nlohmann::json mapped(const std::string& file, const nlohmann::json& input) {
  auto m = load("paygov", file, SourceFormat::kJson);
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

}  // namespace
}  // namespace lienthong::mapping
