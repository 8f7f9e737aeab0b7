#include "sandbox/kyso/kyso_mock.hpp"

#include <gtest/gtest.h>
#include <openssl/ocsp.h>

#include "core/http/url.hpp"
#include "core/security/certificates/certificates.hpp"
#include "tests/unit/sandbox/kyso/kyso_test_pki.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace bhttp = http::beast::http;
using security::OcspBasicResponsePtr;
using security::OcspResponsePtr;
using test_support::make_request;

class KysoMockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto mock = KysoMock::load(OcspResponderFiles::in_dev_pki(testing::dev_pki()));
    ASSERT_TRUE(mock) << mock.error().front().to_string();
    mock_ = *mock;
    auto cert = testing::load_cert("revoked.pem");
    auto issuer = testing::load_cert("intermediate-ca.pem");
    security::OcspRequestPtr request(OCSP_REQUEST_new());
    OCSP_request_add0_id(request.get(), OCSP_cert_to_id(EVP_sha1(), cert.get(), issuer.get()));
    der_ = testing::to_der(request.get());
  }

  http::Response post(std::string body, std::string type = "application/ocsp-request") {
    if (type.empty()) return mock_->handle(make_request(bhttp::verb::post, "/ocsp", body));
    return mock_->handle(make_request(bhttp::verb::post, "/ocsp", std::move(body),
                                      {{"Content-Type", std::move(type)}}));
  }

  // The OCSP status (and, when successful, the first certificate's status) of a response body.
  static std::pair<int, int> statuses(const std::string& der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
    if (!response) return {-1, -1};
    const int status = OCSP_response_status(response.get());
    OcspBasicResponsePtr basic(OCSP_response_get1_basic(response.get()));
    ERR_clear_error();
    if (!basic) return {status, -1};
    return {status, OCSP_single_get0_status(OCSP_resp_get0(basic.get(), 0), nullptr, nullptr,
                                            nullptr, nullptr)};
  }

  static std::string base64(const std::string& der) {
    std::string out(4 * ((der.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(der.data()),
                                  static_cast<int>(der.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
  }

  std::shared_ptr<KysoMock> mock_;
  std::string der_;
};

TEST_F(KysoMockTest, PostAnswersAnOcspResponse) {
  const auto response = post(der_);
  EXPECT_EQ(response.result(), bhttp::status::ok);
  EXPECT_EQ(response[bhttp::field::content_type], kOcspResponseType);
  EXPECT_EQ(statuses(response.body()),
            std::make_pair(OCSP_RESPONSE_STATUS_SUCCESSFUL, V_OCSP_CERTSTATUS_REVOKED));
  // Media type parameters and case do not matter.
  EXPECT_EQ(post(der_, "Application/OCSP-Request; charset=binary").result(), bhttp::status::ok);
}

TEST_F(KysoMockTest, GetCarriesTheRequestInThePath) {
  // Percent-encoded, as RFC 6960 Appendix A.1 asks...
  const auto encoded = "/ocsp/" + http::url_encode(base64(der_));
  auto response = mock_->handle(make_request(bhttp::verb::get, encoded));
  EXPECT_EQ(response.result(), bhttp::status::ok);
  EXPECT_EQ(response[bhttp::field::content_type], kOcspResponseType);
  EXPECT_EQ(statuses(response.body()),
            std::make_pair(OCSP_RESPONSE_STATUS_SUCCESSFUL, V_OCSP_CERTSTATUS_REVOKED));
  // ...or raw, '/' and '+' included, as many clients send it.
  response = mock_->handle(make_request(bhttp::verb::get, "/ocsp/" + base64(der_)));
  EXPECT_EQ(statuses(response.body()).second, V_OCSP_CERTSTATUS_REVOKED);
}

TEST_F(KysoMockTest, UndecodableRequestsAnswerMalformedRequest) {
  for (const auto& target :
       {std::string("/ocsp/%%%"), std::string("/ocsp/not*base64"), "/ocsp/" + base64("garbage")}) {
    const auto response = mock_->handle(make_request(bhttp::verb::get, target));
    EXPECT_EQ(response.result(), bhttp::status::ok) << target;
    EXPECT_EQ(statuses(response.body()).first, OCSP_RESPONSE_STATUS_MALFORMEDREQUEST) << target;
  }
  const auto response = post("garbage");
  EXPECT_EQ(response.result(), bhttp::status::ok);
  EXPECT_EQ(statuses(response.body()).first, OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
  EXPECT_EQ(statuses(post("").body()).first, OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
}

TEST_F(KysoMockTest, WrongContentTypeIs400) {
  for (const std::string type : {"", "application/octet-stream", "application/ocsp-response"}) {
    const auto response = post(der_, type);
    EXPECT_EQ(response.result(), bhttp::status::bad_request) << type;
    EXPECT_NE(response.body().find("application/ocsp-request"), std::string::npos);
  }
  EXPECT_EQ(mock_->handle(make_request(bhttp::verb::get, "/ocsp")).result(),
            bhttp::status::bad_request);
}

TEST_F(KysoMockTest, WrongMethodIs405WithAllow) {
  auto response = mock_->handle(make_request(bhttp::verb::put, "/ocsp", der_));
  EXPECT_EQ(response.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(response[bhttp::field::allow], "POST, GET");
  response = mock_->handle(make_request(bhttp::verb::delete_, "/ocsp"));
  EXPECT_EQ(response.result(), bhttp::status::method_not_allowed);
  response = mock_->handle(make_request(bhttp::verb::post, "/ocsp/" + base64(der_), der_,
                                        {{"Content-Type", "application/ocsp-request"}}));
  EXPECT_EQ(response.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(response[bhttp::field::allow], "GET");
}

TEST_F(KysoMockTest, OtherPathsAre404) {
  for (const char* target : {"/", "/ocspx", "/OCSP", "/credentials/get_certificate"}) {
    EXPECT_EQ(mock_
                  ->handle(make_request(bhttp::verb::post, target, der_,
                                        {{"Content-Type", "application/ocsp-request"}}))
                  .result(),
              bhttp::status::not_found)
        << target;
  }
}

TEST_F(KysoMockTest, InjectedFailureIs500WithInternalError) {
  const auto response = mock_->injected_failure(make_request(bhttp::verb::post, "/ocsp", der_));
  EXPECT_EQ(response.result(), bhttp::status::internal_server_error);
  EXPECT_EQ(response[bhttp::field::content_type], kOcspResponseType);
  EXPECT_EQ(statuses(response.body()).first, OCSP_RESPONSE_STATUS_INTERNALERROR);
}

TEST_F(KysoMockTest, LoadErrorsNameTheFiles) {
  auto files = OcspResponderFiles::in_dev_pki(testing::dev_pki());
  files.index = testing::dev_pki() / "missing-index.txt";
  auto mock = KysoMock::load(files);
  ASSERT_FALSE(mock);
  ASSERT_EQ(mock.error().size(), 1u);
  EXPECT_EQ(mock.error().front().file, files.index.string());
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
