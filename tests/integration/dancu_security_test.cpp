// dancu end to end with message security: the hub signs (dancu-dsig-1), talks mutual TLS, and
// verifies the registry's signed answers (chain, validity, OCSP, anti-wrapping) before mapping.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "core/log/log.hpp"
#include "hub_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using security::testing::pki_file;

const nlohmann::json kAn = {
    {"citizenId", "001089012345"}, {"fullName", "Nguyễn Văn An"}, {"dateOfBirth", "1989-05-17"}};

// The problem's detail when `res` is the 502 that a refused answer must give, with nothing of
// the citizen's record in it.
std::string refusal(const http::Response& res) {
  EXPECT_EQ(res.result_int(), 502) << res.body();
  EXPECT_EQ(res.body().find("001089012345"), std::string::npos) << res.body();
  EXPECT_EQ(res.body().find("Nguy"), std::string::npos) << res.body();
  auto problem = body_json(res);
  EXPECT_FALSE(problem.contains("citizenId"));
  return problem.value("detail", "");
}

http::Request soap_post(std::string body) {
  http::Request req{bhttp::verb::post, "/TraCuuThongTinCongDan", 11};
  req.set(bhttp::field::content_type, "text/xml; charset=utf-8");
  req.set("SOAPAction", "\"urn:dancu:congdan:1.0/TraCuuThongTinCongDan\"");
  req.body() = std::move(body);
  return req;
}

class DancuSecurityTest : public HubFixture {
 protected:
  void arm(const std::string& mode) {
    auto set = sandbox("dancu", bhttp::verb::post, "/_sandbox/faults",
                       R"({"mode":")" + mode + R"(","count":1})");
    ASSERT_EQ(set.result_int(), 200) << set.body();
  }
};

TEST_F(DancuSecurityTest, ASignedLookupSucceedsOverMutualTls) {
  auto res = post_json("/v1/dancu/lookup-citizen", kAn);
  ASSERT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(body_json(res)["fullName"], "Nguyễn Văn An");
  auto log = body_json(sandbox("dancu", bhttp::verb::get, "/_sandbox/requests"));
  ASSERT_FALSE(log.empty());
  const std::string soap = log.back()["body"];
  EXPECT_NE(soap.find("SignatureValue"), std::string::npos) << soap;
  EXPECT_NE(soap.find("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"), std::string::npos);
  const auto& egress = hub_->client_for("dancu");
  EXPECT_EQ(egress.tls_handshakes(), 1U) << "one mutual-TLS connection, kept alive";
}

TEST_F(DancuSecurityTest, TheRegistryRefusesUnsignedRequestsAndCallersWithoutACertificate) {
  const std::string unsigned_envelope =
      "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
      "xmlns:dc=\"urn:dancu:congdan:1.0\"><soap:Body><dc:TraCuuThongTinCongDan>"
      "<dc:MaYeuCau>r-1</dc:MaYeuCau><dc:MaDVC>1.001234</dc:MaDVC><dc:MaTichHop>T</dc:MaTichHop>"
      "<dc:MaCanBo>CB1</dc:MaCanBo><dc:SoDinhDanh>001089012345</dc:SoDinhDanh>"
      "<dc:HoVaTen>Nguyễn Văn An</dc:HoVaTen><dc:NgayThangNam>19890517</dc:NgayThangNam>"
      "</dc:TraCuuThongTinCongDan></soap:Body></soap:Envelope>";
  auto refused = send_https(sandbox_->port("dancu"), soap_post(unsigned_envelope));
  ASSERT_TRUE(refused) << refused.error();
  EXPECT_EQ(refused->result_int(), 500);
  EXPECT_NE(refused->body().find("DC_CHU_KY_KHONG_HOP_LE"), std::string::npos) << refused->body();
  EXPECT_NE(refused->body().find("signature missing"), std::string::npos);
  EXPECT_EQ(refused->body().find("<CongDan>"), std::string::npos);

  auto anonymous = send_https(sandbox_->port("dancu"), soap_post(unsigned_envelope), "");
  EXPECT_FALSE(anonymous) << "mutual TLS: no client certificate, no answer";
}

struct SpoiledAnswer {
  const char* mode;
  const char* check;  // the stable phrase of core/security/xmldsig.hpp
};

class SpoiledAnswerTest : public DancuSecurityTest,
                          public ::testing::WithParamInterface<SpoiledAnswer> {};

TEST_P(SpoiledAnswerTest, IsRefusedWithTheFailedCheckAndNothingOfTheAnswer) {
  arm(GetParam().mode);
  const auto detail = refusal(post_json("/v1/dancu/lookup-citizen", kAn));
  EXPECT_EQ(detail, std::string("the answer from dancu was refused: ") + GetParam().check);
  // The next answer is sound again.
  EXPECT_EQ(post_json("/v1/dancu/lookup-citizen", kAn).result_int(), 200);
}

INSTANTIATE_TEST_SUITE_P(
    Modes, SpoiledAnswerTest,
    ::testing::Values(SpoiledAnswer{"bad-signature", "signature value does not verify"},
                      SpoiledAnswer{"tampered", "digest of the signed Body does not match"},
                      SpoiledAnswer{"unsigned", "signature missing"},
                      SpoiledAnswer{"wrapped", "signed element is not the Envelope's only Body"}),
    [](const auto& info) {
      std::string name = info.param.mode;
      std::erase(name, '-');
      return name;
    });

// A SOAP fault is an answer like any other: unsigned or forged, it is refused, and what it
// says (fault code, faultstring) does not reach the caller; signed, it is reported as before.
TEST_F(DancuSecurityTest, AnUnsignedFaultIsRefusedWithoutWhatItSays) {
  const nlohmann::json mismatch = {{"citizenId", "001089012345"},
                                   {"fullName", "Nguyễn Văn Bình"},
                                   {"dateOfBirth", "1989-05-17"}};
  arm("unsigned");
  auto forged = post_json("/v1/dancu/lookup-citizen", mismatch);
  EXPECT_EQ(refusal(forged), "the answer from dancu was refused: signature missing");
  EXPECT_EQ(forged.body().find("DC_KHONG_KHOP"), std::string::npos) << forged.body();
  EXPECT_FALSE(body_json(forged).contains("upstream"));

  auto genuine = post_json("/v1/dancu/lookup-citizen", mismatch);
  ASSERT_EQ(genuine.result_int(), 502) << genuine.body();
  EXPECT_EQ(body_json(genuine)["upstream"]["code"], "DC_KHONG_KHOP");
}

// Answers signed by certificates the hub must not believe.
struct Signer {
  const char* name;
  const char* check_prefix;
};

class SignerTest : public DancuSecurityTest, public ::testing::WithParamInterface<Signer> {
 protected:
  void customize_sandbox(sandbox::SandboxOptions& options) override {
    const std::string name = GetParam().name;
    options.dancu_signer = name == "self-signed"
                               ? security::testing::self_signed(2048, "CSDL dan cu (gia mao)")
                               : security::testing::identity(name);
  }
};

TEST_P(SignerTest, AnswerIsRefused) {
  const auto detail = refusal(post_json("/v1/dancu/lookup-citizen", kAn));
  EXPECT_TRUE(detail.starts_with(std::string("the answer from dancu was refused: ") +
                                 GetParam().check_prefix))
      << detail;
}

INSTANTIATE_TEST_SUITE_P(
    Certificates, SignerTest,
    ::testing::Values(Signer{"expired", "signer certificate expired"},
                      Signer{"revoked", "signer certificate revoked: keyCompromise"},
                      Signer{"self-signed", "signer certificate not trusted: "}),
    [](const auto& info) {
      std::string name = info.param.name;
      std::erase(name, '-');
      return name;
    });

// An OCSP responder nobody answers at (a port nothing listens on).
class UnreachableOcspTest : public DancuSecurityTest,
                            public ::testing::WithParamInterface<const char*> {
 protected:
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) {
      if (!c.message_security) continue;
      c.message_security->ocsp = GetParam();
      c.message_security->ocsp_url = "http://127.0.0.1:1/ocsp";
    }
  }
};

TEST_P(UnreachableOcspTest, HardFailRefusesSoftFailAccepts) {
  // The fixture keeps every line logged during the test (HubFixture::logged).
  auto res = post_json("/v1/dancu/lookup-citizen", kAn);
  if (std::string(GetParam()) == "hard-fail") {
    const auto detail = refusal(res);
    EXPECT_TRUE(
        detail.starts_with("the answer from dancu was refused: signer certificate "
                           "revocation status unknown: OCSP responder unreachable"))
        << detail;
    EXPECT_TRUE(detail.ends_with("(hard-fail)")) << detail;
  } else {
    EXPECT_EQ(res.result_int(), 200) << res.body();
    EXPECT_TRUE(logged("WARN ocsp.soft_fail"));
  }
}

INSTANTIATE_TEST_SUITE_P(Policies, UnreachableOcspTest, ::testing::Values("hard-fail", "soft-fail"),
                         [](const auto& info) {
                           return std::string(info.param) == "hard-fail" ? "hardfail" : "softfail";
                         });

// `openssl ocsp` against the running sandbox responder says what the hub concluded.
class OpensslCrossCheckTest : public DancuSecurityTest,
                              public ::testing::WithParamInterface<const char*> {
 protected:
  void customize_sandbox(sandbox::SandboxOptions& options) override {
    options.dancu_signer = security::testing::identity(GetParam());
  }
};

TEST_P(OpensslCrossCheckTest, SameVerdictAsTheHub) {
  if (run_command("openssl version").find("OpenSSL") == std::string::npos) {
    GTEST_SKIP() << "the openssl command line is not installed";
  }
  const std::string name = GetParam();
  const std::string url = "http://127.0.0.1:" + std::to_string(sandbox_->port("kyso")) + "/ocsp";
  // The responder's certificate chains to the root through the intermediate.
  const auto chain = std::filesystem::temp_directory_path() /
                     ("lt-ocsp-chain-" + std::to_string(::getpid()) + ".pem");
  security::testing::write_file(chain,
                                security::testing::read_file(pki_file("root-ca.pem")) +
                                    security::testing::read_file(pki_file("intermediate-ca.pem")));
  const auto out = run_command("openssl ocsp -issuer '" + pki_file("intermediate-ca.pem").string() +
                               "' -cert '" + pki_file(name + ".pem").string() + "' -url " + url +
                               " -CAfile '" + chain.string() + "'");
  std::filesystem::remove(chain);
  EXPECT_NE(out.find("Response verify OK"), std::string::npos) << out;
  const bool openssl_good = out.find(": good") != std::string::npos;
  const bool openssl_revoked = out.find(": revoked") != std::string::npos;
  ASSERT_TRUE(openssl_good != openssl_revoked) << out;

  auto res = post_json("/v1/dancu/lookup-citizen", kAn);
  if (openssl_good) {
    EXPECT_EQ(res.result_int(), 200) << res.body();
  } else {
    EXPECT_NE(refusal(res).find("signer certificate revoked"), std::string::npos);
  }
  EXPECT_EQ(openssl_good, name == "sandbox-dancu") << out;
}

INSTANTIATE_TEST_SUITE_P(Signers, OpensslCrossCheckTest,
                         ::testing::Values("sandbox-dancu", "revoked"), [](const auto& info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

}  // namespace
}  // namespace lienthong::testing
