#include "sandbox/dancu/signed_dancu_mock.hpp"

#include <gtest/gtest.h>

#include "core/security/xmldsig/xmldsig.hpp"
#include "sandbox/dancu/wire.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::dancu {
namespace {

namespace bhttp = http::beast::http;
using security::testing::dev_trust;
using security::testing::identity;
using test_support::make_request;

std::string lookup(const std::string& request_id) {
  return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
         "xmlns:dc=\"urn:dancu:congdan:1.0\"><soap:Body><dc:TraCuuThongTinCongDan>"
         "<dc:MaYeuCau>" +
         request_id +
         "</dc:MaYeuCau><dc:MaDVC>1.001234</dc:MaDVC><dc:MaTichHop>LT-HUB</dc:MaTichHop>"
         "<dc:MaCanBo>CB0001</dc:MaCanBo><dc:SoDinhDanh>001089012345</dc:SoDinhDanh>"
         "<dc:HoVaTen>Nguyễn Văn An</dc:HoVaTen><dc:NgayThangNam>19890517</dc:NgayThangNam>"
         "</dc:TraCuuThongTinCongDan></soap:Body></soap:Envelope>";
}

http::Request soap(std::string body) {
  return make_request(
      bhttp::verb::post, std::string(kPath), std::move(body),
      {{"Content-Type", "text/xml; charset=utf-8"}, {"SOAPAction", std::string(kSoapAction)}});
}

std::string signed_by(const std::string& who, const std::string& envelope) {
  auto out = security::sign_soap(envelope, identity(who));
  EXPECT_TRUE(out) << out.error().detail;
  return out ? *out : std::string();
}

class SignedDancuMockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto registry = CitizenRegistry::load(test_support::data_dir() / "citizens.json");
    ASSERT_TRUE(registry);
    auto trust = security::TrustStore::load({security::testing::pki_file("root-ca.pem")},
                                            {security::testing::pki_file("intermediate-ca.pem")},
                                            {security::testing::pki_file("crl.pem")});
    ASSERT_TRUE(trust);
    mock_ = std::make_unique<SignedDancuMock>(
        std::make_shared<DancuMock>(std::move(registry).value()),
        DancuSecurity{identity("sandbox-dancu"), std::move(*trust), identity("sandbox-server")});
  }

  // The answer's signature as the hub checks it: an error phrase, or "" when it verifies.
  static std::string verdict(const http::Response& response) {
    auto verified = security::verify_soap(response.body(), dev_trust());
    return verified ? "" : verified.error().detail;
  }

  std::unique_ptr<SignedDancuMock> mock_;
};

TEST_F(SignedDancuMockTest, AnswersASignedRequestWithASignedRecord) {
  auto response = mock_->handle(soap(signed_by("hub-signing", lookup("r-1"))));
  EXPECT_EQ(response.result_int(), 200) << response.body();
  EXPECT_EQ(verdict(response), "");
  auto verified = security::verify_soap(response.body(), dev_trust());
  ASSERT_TRUE(verified);
  EXPECT_NE(verified->body_xml.find("<SoDinhDanh>001089012345</SoDinhDanh>"), std::string::npos);
  EXPECT_NE(verified->signer.subject.find("sandbox-dancu"), std::string::npos)
      << verified->signer.subject;
}

TEST_F(SignedDancuMockTest, RefusesUnsignedRevokedAndAlteredRequestsWithASignedFault) {
  const std::string tampered = [] {
    auto text = signed_by("hub-signing", lookup("r-3"));
    text.replace(text.find("Nguyễn Văn An"), std::string("Nguyễn Văn An").size(), "Trần Văn An");
    return text;
  }();
  for (const auto& [body, reason] :
       {std::pair{lookup("r-2"), "signature missing"},
        std::pair{tampered, "digest of the signed Body does not match"},
        std::pair{signed_by("revoked", lookup("r-4")), "signer certificate revoked"}}) {
    auto response = mock_->handle(soap(body));
    EXPECT_EQ(response.result_int(), 500);
    EXPECT_NE(response.body().find(std::string(kBadSignature)), std::string::npos);
    EXPECT_NE(response.body().find(reason), std::string::npos) << response.body();
    EXPECT_EQ(response.body().find("<CongDan>"), std::string::npos);
    EXPECT_EQ(verdict(response), "") << "faults are signed too";
  }
}

TEST_F(SignedDancuMockTest, SignatureFaultsSpoilOnlyTheSignature) {
  const std::vector<std::pair<FaultMode, std::string>> cases = {
      {FaultMode::kBadSignature, "signature value does not verify"},
      {FaultMode::kTampered, "digest of the signed Body does not match"},
      {FaultMode::kUnsigned, "signature missing"},
      {FaultMode::kWrapped, "signed element is not the Envelope's only Body"},
  };
  int n = 10;
  for (const auto& [mode, reason] : cases) {
    auto response = mock_->injected_signature_fault(
        soap(signed_by("hub-signing", lookup("r-" + std::to_string(n++)))), mode);
    EXPECT_EQ(response.result_int(), 200) << to_string(mode);
    EXPECT_EQ(verdict(response), reason) << to_string(mode) << "\n" << response.body();
  }
}

TEST_F(SignedDancuMockTest, PathAndMethodErrorsStayPlainHttp) {
  EXPECT_EQ(mock_->handle(make_request(bhttp::verb::post, "/other")).result_int(), 404);
  EXPECT_EQ(mock_->handle(make_request(bhttp::verb::get, std::string(kPath))).result_int(), 405);
}

}  // namespace
}  // namespace lienthong::sandbox::dancu
