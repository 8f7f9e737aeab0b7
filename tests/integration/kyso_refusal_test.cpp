// Remote signing's refusals (issue 11): signers the hub must not use, CA answers it must not
// embed, documents it must not send, and a time-stamp authority that is down.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include "kyso_fixture.hpp"

namespace lienthong::testing {
namespace {

class KysoRefusalTest : public KysoTest {
 protected:
  /// Every sign request the CA received for `id` (the sandbox's request log).
  std::size_t ca_sign_posts() {
    std::size_t n = 0;
    for (const auto& e : body_json(sandbox("kyso", bhttp::verb::get, "/_sandbox/requests"))) {
      if (e.value("path", e.value("target", "")) == "/v1/signatures/sign") ++n;
    }
    return n;
  }
  void expect_refused_at_the_door(const Json& request, const std::string& says) {
    const auto res = post_json("/v1/kyso/sign-document", request);
    EXPECT_EQ(res.result_int(), 400) << res.body();
    EXPECT_EQ(std::string(res[bhttp::field::content_type]), "application/problem+json");
    EXPECT_NE(res.body().find(says), std::string::npos) << res.body();
  }
};

TEST_F(KysoRefusalTest, RevokedAndExpiredSignersAreRefusedBeforeTheCaIsAskedToSign) {
  for (const char* signer : {kRevokedSigner, kExpiredSigner}) {
    const auto id = sign(sign_request(signer, "a.pdf", "application/pdf", sample_pdf()));
    const auto done = finished(id);
    EXPECT_EQ(done.value("state", ""), "dead") << done.dump();
    const std::string reason = field(done, "deadReason");
    EXPECT_NE(reason.find(signer == kRevokedSigner ? "revoked" : "expired"), std::string::npos)
        << done.dump();
    EXPECT_NE(reason.find("nothing was sent to the CA"), std::string::npos) << done.dump();
  }
  EXPECT_EQ(ca_sign_posts(), 0u);
}

TEST_F(KysoRefusalTest, AValueThatDoesNotVerifyIsNeverEmbedded) {
  const auto id = sign(sign_request(kWrongValue, "a.pdf", "application/pdf", sample_pdf()));
  const auto done = finished(id);
  ASSERT_EQ(done.value("state", ""), "dead") << done.dump();
  EXPECT_NE(done.dump().find("does not verify against the signer's certificate"), std::string::npos)
      << done.dump();
  EXPECT_EQ(done["signing"].value("state", ""), "refused") << done.dump();
  EXPECT_EQ(get("/v1/documents/" + id).result_int(), 404);
}

TEST_F(KysoRefusalTest, ARejectionAndAnExpiryEndTheMessageWithTheCasReason) {
  const auto rejected = sign(sign_request(kRejects, "a.pdf", "application/pdf", sample_pdf()));
  const auto expired = sign(sign_request(kIgnores, "b.pdf", "application/pdf", sample_pdf()));
  const auto r = finished(rejected);
  const auto e = finished(expired);
  EXPECT_EQ(r.value("state", ""), "dead");
  EXPECT_NE(r.dump().find("the signer rejected the signature"), std::string::npos) << r.dump();
  EXPECT_EQ(r["signing"].value("state", ""), "rejected");
  EXPECT_EQ(e.value("state", ""), "dead");
  EXPECT_NE(e.dump().find("expired the request"), std::string::npos) << e.dump();
  EXPECT_EQ(e["signing"].value("state", ""), "expired");
}

TEST_F(KysoRefusalTest, DocumentsThatCannotBeSignedAreRefusedAndNothingIsQueued) {
  expect_refused_at_the_door(sign_request(kApproves, "a.pdf", "application/pdf", "not a pdf"),
                             "PDF");
  auto truncated = sample_pdf();
  truncated.resize(truncated.size() / 2);
  expect_refused_at_the_door(sign_request(kApproves, "t.pdf", "application/pdf", truncated),
                             "/document/contentBase64");
  expect_refused_at_the_door(
      sign_request(kApproves, "d.xml", "application/xml",
                   "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"),
      "DTD");
  expect_refused_at_the_door(sign_request(kApproves, "n.xml", "application/xml", "<a><b></a>"),
                             "/document/contentBase64");
  expect_refused_at_the_door(sign_request(kApproves, "x.txt", "text/plain", "hello"), "detached");
  auto bad_base64 = sign_request(kApproves, "a.pdf", "application/pdf", sample_pdf());
  bad_base64["document"]["contentBase64"] = "%%%not base64%%%";
  expect_refused_at_the_door(bad_base64, "base64");
  auto bad_signer = sign_request("12345", "a.pdf", "application/pdf", sample_pdf());
  expect_refused_at_the_door(bad_signer, "/signerId");
  // An encrypted PDF, made by qpdf.
  const auto plain = temp("plain.pdf");
  const auto encrypted = temp("encrypted.pdf");
  write_file(plain, sample_pdf());
  run_command("qpdf --encrypt user owner 256 -- " + plain.string() + " " + encrypted.string());
  const auto bytes = read_file(encrypted);
  ASSERT_FALSE(bytes.empty()) << "qpdf did not encrypt (scripts/setup.sh installs qpdf)";
  expect_refused_at_the_door(sign_request(kApproves, "e.pdf", "application/pdf", bytes),
                             "encrypted");
  std::filesystem::remove(plain);
  std::filesystem::remove(encrypted);
  EXPECT_EQ(ca_sign_posts(), 0u);
  EXPECT_TRUE(body_json(sandbox("kyso", bhttp::verb::get, "/_sandbox/kyso/transactions")).empty());
}

TEST_F(KysoRefusalTest, ADocumentOverTheOperationsLimitIs413) {
  // The operation's own limit (22 MiB of JSON), not limits.body_limit_bytes (64 KiB here).
  const auto res = post("/v1/kyso/sign-document", std::string(23 << 20, ' '),
                        {{"Content-Type", "application/json"}});
  EXPECT_EQ(res.result_int(), 413) << res.body().substr(0, 300);
  // Other operations keep the hub's limit.
  const auto other = post("/v1/kyso/get-certificate", std::string(100'000, ' '),
                          {{"Content-Type", "application/json"}});
  EXPECT_EQ(other.result_int(), 413);
}

TEST_F(KysoRefusalTest, GetCertificateShowsTheHubsOwnVerdict) {
  const auto good = post_json("/v1/kyso/get-certificate", {{"signerId", kApproves}});
  ASSERT_EQ(good.result_int(), 200) << good.body();
  const auto g = body_json(good)["certificates"];
  ASSERT_EQ(g.size(), 1u) << g.dump();
  EXPECT_EQ(g[0].value("status", ""), "valid") << g.dump();
  EXPECT_NE(g[0].value("subject", "").find("CN=Nguyen Van An"), std::string::npos);
  EXPECT_EQ(g[0]["chain"].size(), 2u);
  const auto revoked =
      body_json(post_json("/v1/kyso/get-certificate", {{"signerId", kRevokedSigner}}));
  EXPECT_EQ(revoked["certificates"][0].value("status", ""), "revoked") << revoked.dump();
  const auto expired =
      body_json(post_json("/v1/kyso/get-certificate", {{"signerId", kExpiredSigner}}));
  EXPECT_EQ(expired["certificates"][0].value("status", ""), "expired") << expired.dump();
  const auto unknown = post_json("/v1/kyso/get-certificate", {{"signerId", "079085009999"}});
  EXPECT_EQ(unknown.result_int(), 404) << unknown.body();
  const auto serial =
      post_json("/v1/kyso/get-certificate", {{"signerId", kApproves}, {"serialNumber", "abcdef"}});
  EXPECT_EQ(serial.result_int(), 404) << serial.body();
}

/// The TSA is down while a signature is approved: the message waits (retrying, the value kept),
/// never dies, and is signed once the TSA answers again.
class KysoTsaDownTest : public KysoTest {
 protected:
  void customize(config::HubConfig& config) override {
    KysoTest::customize(config);
    tsa_port_ = free_tsa_port();
    config.time_stamp_authority.url = "http://127.0.0.1:" + std::to_string(tsa_port_) + "/tsa";
    config.time_stamp_authority.timeout_ms = 1000;
  }
  static std::uint16_t free_tsa_port() {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(
        ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
  }
  std::uint16_t tsa_port_ = 0;
};

TEST_F(KysoTsaDownTest, SigningWaitsForTheTsaInsteadOfFailing) {
  const auto id = sign(sign_request(kApproves, "a.pdf", "application/pdf", sample_pdf()));
  Json s;
  for (int i = 0; i < 400; ++i) {
    s = status(id);
    if (field(s, "lastError").find("TSA") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_NE(field(s, "lastError").find("TSA unreachable"), std::string::npos) << s.dump();
  EXPECT_EQ(s.value("state", ""), "retrying") << s.dump();
  EXPECT_EQ(s["signing"].value("state", ""), "approved") << s.dump();
  // The TSA comes back (a second sandbox serving kyso on that port).
  sandbox::SandboxOptions options;
  options.ports = {{"kyso", tsa_port_}};
  options.data_dir = std::filesystem::path(LT_SOURCE_DIR) / "sandbox/data";
  options.certs_dir = security::testing::dev_pki();
  sandbox::Sandbox tsa(ioc_, options);
  ASSERT_TRUE(tsa.start());
  const auto done = finished(id);
  EXPECT_EQ(done.value("state", ""), "delivered") << done.dump();
  EXPECT_EQ(sign_requests_for(id), 1u);
  auto stop = boost::asio::co_spawn(ioc_, tsa.shutdown(std::chrono::milliseconds(200)),
                                    boost::asio::use_future);
  stop.wait();
}

}  // namespace
}  // namespace lienthong::testing
