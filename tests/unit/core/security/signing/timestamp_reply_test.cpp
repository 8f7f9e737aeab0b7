// accept_timestamp_reply() against replies made by `openssl ts -reply` (the dev PKI's TSA, a
// throwaway one, a CMS signature by a certificate that is no TSA), with `openssl ts -verify` as
// the outsider that must agree.
#include "core/security/signing/timestamp_reply.hpp"

#include <gtest/gtest.h>
#include <openssl/asn1.h>

#include <filesystem>

#include "core/security/certificates/certificates.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/signing/signing_test_support.hpp"

namespace lienthong::security::signing {
namespace {

namespace fs = std::filesystem;
using namespace security::testing;
using namespace test_support;
using Clock = std::chrono::system_clock;

class TimestampReply : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fresh_temp_dir("tsa");
    // openssl ts -reply's TSA: SHA-256 only, ESS signing-certificate-v2 over the whole chain,
    // the TSA's name in the token.
    write_file(dir_ / "tsa.cnf",
               "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\nserial = " +
                   (dir_ / "serial").string() +
                   "\ndefault_policy = 1.2.3.4.1\ndigests = sha256\n"
                   "ess_cert_id_alg = sha256\nsigner_digest = sha256\n"
                   "accuracy = secs:1\ness_cert_id_chain = yes\ntsa_name = yes\n");
    write_file(dir_ / "serial", "01\n");
    auto made = make_timestamp_query(sha256("Quyết định số 123/QĐ-UBND"),
                                     std::string("\x11\x22\x33\x44\x55\x66\x77\x88", 8));
    ASSERT_TRUE(made) << made.error();
    query_ = *made;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `openssl ts -reply` to `query` signed by `signer` (a name of the dev PKI or a path prefix),
  // with `chain` in the token; empty when openssl refuses.
  std::string openssl_reply(const std::string& query_der, const fs::path& cert, const fs::path& key,
                            const std::string& chain_option) {
    write_file(dir_ / "q.tsq", query_der);
    fs::remove(dir_ / "r.tsr");
    const Ran r = run("openssl ts -reply -config " + quoted(dir_ / "tsa.cnf") + " -queryfile " +
                      quoted(dir_ / "q.tsq") + " -signer " + quoted(cert) + " -inkey " +
                      quoted(key) + " " + chain_option + " -out " + quoted(dir_ / "r.tsr"));
    if (r.status != 0 || !fs::exists(dir_ / "r.tsr")) return {};
    return read_file(dir_ / "r.tsr");
  }
  std::string dev_tsa_reply(const std::string& query_der) {
    return openssl_reply(query_der, pki_file("tsa.pem"), pki_file("tsa-key.pem"),
                         "-chain " + quoted(pki_file("intermediate-ca.pem")));
  }

  // What `openssl ts -verify` says of `reply` for `query_der`, trusting the dev root.
  bool openssl_verifies(const std::string& reply, const std::string& query_der) {
    write_file(dir_ / "v.tsr", reply);
    write_file(dir_ / "v.tsq", query_der);
    const Ran r = run("openssl ts -verify -in " + quoted(dir_ / "v.tsr") + " -queryfile " +
                      quoted(dir_ / "v.tsq") + " -CAfile " + quoted(pki_file("root-ca.pem")) +
                      " -untrusted " + quoted(pki_file("intermediate-ca.pem")));
    return r.status == 0 && r.output.find("Verification: OK") != std::string::npos;
  }

  std::string refusal(const std::string& reply, const TimestampQuery& query,
                      const TrustStore& trust, const Certificates& untrusted = {},
                      const TimestampChecks& checks = {}) {
    auto r = accept_timestamp_reply(reply, query, trust, untrusted, checks);
    return r ? std::string("(accepted)") : r.error();
  }

  fs::path dir_;
  TimestampQuery query_;
};

TEST_F(TimestampReply, AcceptsTheDevTsaAndAgreesWithOpenssl) {
  const std::string reply = dev_tsa_reply(query_.der);
  ASSERT_FALSE(reply.empty());
  const auto before = Clock::now();
  auto token = accept_timestamp_reply(reply, query_, dev_trust());
  ASSERT_TRUE(token) << token.error();
  EXPECT_LE(std::chrono::abs(token->gen_time - before), std::chrono::seconds(60));
  EXPECT_NE(subject_of(token->tsa_certificate.get()).find("CN=lienthong-dev-tsa"),
            std::string::npos);
  EXPECT_TRUE(openssl_verifies(reply, query_.der));
  // The token is exactly what openssl itself takes out of the reply.
  write_file(dir_ / "v.tsr", reply);
  ASSERT_EQ(run("openssl ts -reply -in " + quoted(dir_ / "v.tsr") + " -token_out -out " +
                quoted(dir_ / "token.der"))
                .status,
            0);
  EXPECT_EQ(token->der, read_file(dir_ / "token.der"));
}

TEST_F(TimestampReply, TheIntermediateMayComeFromTheCaller) {
  const std::string reply =
      openssl_reply(query_.der, pki_file("tsa.pem"), pki_file("tsa-key.pem"), "");
  ASSERT_FALSE(reply.empty());
  EXPECT_EQ(refusal(reply, query_, dev_trust()),
            "TSA certificate not trusted: unable to get local issuer certificate");
  Certificates untrusted;
  untrusted.push_back(load_cert(pki_file("intermediate-ca.pem")));
  EXPECT_EQ(refusal(reply, query_, dev_trust(), untrusted), "(accepted)");
}

TEST_F(TimestampReply, RefusesAReplyToAnotherImprintOrNonce) {
  const std::string reply = dev_tsa_reply(query_.der);
  ASSERT_FALSE(reply.empty());
  auto other_imprint = make_timestamp_query(sha256("another document"), query_.nonce);
  auto other_nonce = make_timestamp_query(query_.imprint, std::string(8, '\x42'));
  ASSERT_TRUE(other_imprint && other_nonce);
  EXPECT_EQ(refusal(reply, *other_imprint, dev_trust()), "timestamp token is for another imprint");
  EXPECT_FALSE(openssl_verifies(reply, other_imprint->der));
  EXPECT_EQ(refusal(reply, *other_nonce, dev_trust()), "timestamp token has another nonce");
  EXPECT_FALSE(openssl_verifies(reply, other_nonce->der));
}

TEST_F(TimestampReply, ARejectionSaysWhatTheTsaSaid) {
  // A SHA-1 query, which this TSA (digests = sha256) rejects with badAlg.
  const Ran made = run("openssl ts -query -digest " + std::string(40, 'a') + " -sha1 -cert -out " +
                       quoted(dir_ / "sha1.tsq"));
  ASSERT_EQ(made.status, 0) << made.output;
  TimestampQuery sha1_query;
  sha1_query.der = read_file(dir_ / "sha1.tsq");
  const std::string reply = dev_tsa_reply(sha1_query.der);
  ASSERT_FALSE(reply.empty());
  EXPECT_EQ(refusal(reply, sha1_query, dev_trust()),
            "TSA refused: status rejection, failure badAlg, text \"Message digest algorithm is "
            "not supported.\"");
  EXPECT_FALSE(openssl_verifies(reply, sha1_query.der));
}

TEST_F(TimestampReply, RefusesATokenSignedByACertificateThatIsNoTsa) {
  // `openssl ts -reply -signer hub-signing.pem` refuses ("invalid signer certificate purpose"),
  // so the forgery is made by hand: the dev TSA's TSTInfo, CMS-signed by hub-signing (no
  // timeStamping usage), wrapped in a granted TimeStampResp.
  ASSERT_TRUE(
      openssl_reply(query_.der, pki_file("hub-signing.pem"), pki_file("hub-signing-key.pem"), "")
          .empty())
      << "openssl now signs time stamps with any certificate: use its reply here";
  const std::string genuine = dev_tsa_reply(query_.der);
  ASSERT_FALSE(genuine.empty());
  write_file(dir_ / "g.tsr", genuine);
  ASSERT_EQ(run("openssl ts -reply -in " + quoted(dir_ / "g.tsr") + " -token_out -out " +
                quoted(dir_ / "g.tok"))
                .status,
            0);
  ASSERT_EQ(run("openssl cms -verify -noverify -binary -inform DER -in " + quoted(dir_ / "g.tok") +
                " -out " + quoted(dir_ / "tst.der"))
                .status,
            0);
  const Ran forged =
      run("openssl cms -sign -binary -nodetach -outform DER -econtent_type id-smime-ct-TSTInfo -md "
          "sha256 -in " +
          quoted(dir_ / "tst.der") + " -signer " + quoted(pki_file("hub-signing.pem")) +
          " -inkey " + quoted(pki_file("hub-signing-key.pem")) + " -certfile " +
          quoted(pki_file("intermediate-ca.pem")) + " -out " + quoted(dir_ / "forged.tok"));
  ASSERT_EQ(forged.status, 0) << forged.output;
  const std::string granted = der_tlv(V_ASN1_SEQUENCE, std::string("\x02\x01\x00", 3));
  const std::string reply = der_tlv(V_ASN1_SEQUENCE, granted + read_file(dir_ / "forged.tok"));

  EXPECT_EQ(refusal(reply, query_, dev_trust()),
            "TSA certificate is not for time-stamping: no extended key usage");
  EXPECT_FALSE(openssl_verifies(reply, query_.der));
}

TEST_F(TimestampReply, RefusesGarbageAndTampering) {
  EXPECT_EQ(refusal("", query_, dev_trust()), "timestamp reply does not decode");
  EXPECT_EQ(refusal("not a reply at all", query_, dev_trust()), "timestamp reply does not decode");
  const std::string reply = dev_tsa_reply(query_.der);
  ASSERT_FALSE(reply.empty());
  EXPECT_EQ(refusal(reply.substr(0, reply.size() - 1), query_, dev_trust()),
            "timestamp reply does not decode");
  EXPECT_EQ(refusal(reply + '\0', query_, dev_trust()), "timestamp reply does not decode");
  // The signature value is the reply's last field.
  std::string tampered = reply;
  tampered.back() = static_cast<char>(tampered.back() ^ 0x01);
  EXPECT_EQ(refusal(tampered, query_, dev_trust()), "timestamp token signature does not verify");
  EXPECT_FALSE(openssl_verifies(tampered, query_.der));
}

TEST_F(TimestampReply, RefusesATsaUnderAnUntrustedRoot) {
  // A throwaway CA and a proper TSA certificate under it (critical timeStamping usage).
  write_file(dir_ / "ext.cnf",
             "[ ca ]\nbasicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign\n"
             "[ tsa ]\nbasicConstraints = critical, CA:FALSE\n"
             "keyUsage = critical, digitalSignature\nextendedKeyUsage = critical, timeStamping\n");
  const std::string key = " -newkey rsa:2048 -nodes -keyout ";
  ASSERT_EQ(run("openssl req -x509 -subj /CN=Throwaway-Root -days 2" + key +
                quoted(dir_ / "ca.key") + " -config " + quoted(dir_ / "ext.cnf") +
                " -extensions ca -out " + quoted(dir_ / "ca.pem"))
                .status,
            0);
  ASSERT_EQ(run("openssl req -new -subj /CN=throwaway-tsa" + key + quoted(dir_ / "tsa.key") +
                " -out " + quoted(dir_ / "tsa.csr"))
                .status,
            0);
  ASSERT_EQ(run("openssl x509 -req -days 2 -in " + quoted(dir_ / "tsa.csr") + " -CA " +
                quoted(dir_ / "ca.pem") + " -CAkey " + quoted(dir_ / "ca.key") +
                " -set_serial 7 -extfile " + quoted(dir_ / "ext.cnf") + " -extensions tsa -out " +
                quoted(dir_ / "tsa.pem"))
                .status,
            0);
  const std::string reply = openssl_reply(query_.der, dir_ / "tsa.pem", dir_ / "tsa.key",
                                          "-chain " + quoted(dir_ / "ca.pem"));
  ASSERT_FALSE(reply.empty());
  EXPECT_EQ(refusal(reply, query_, dev_trust()).rfind("TSA certificate not trusted: ", 0), 0u)
      << refusal(reply, query_, dev_trust());
  EXPECT_FALSE(openssl_verifies(reply, query_.der));
  // Trusting that root instead, the same reply is fine: only trust was missing.
  auto root = load_certificates(dir_ / "ca.pem");
  ASSERT_TRUE(root);
  EXPECT_EQ(refusal(reply, query_, TrustStore::from(std::move(*root))), "(accepted)");
}

TEST_F(TimestampReply, RefusesAGenTimeFarFromNow) {
  const std::string reply = dev_tsa_reply(query_.der);
  ASSERT_FALSE(reply.empty());
  TimestampChecks later;
  later.now = Clock::now() + std::chrono::hours(1);
  const std::string past = refusal(reply, query_, dev_trust(), {}, later);
  EXPECT_EQ(past.rfind("timestamp genTime is ", 0), 0u) << past;
  EXPECT_NE(past.find(" s in the past"), std::string::npos) << past;
  TimestampChecks earlier;
  earlier.now = Clock::now() - std::chrono::hours(1);
  const std::string future = refusal(reply, query_, dev_trust(), {}, earlier);
  EXPECT_NE(future.find(" s in the future"), std::string::npos) << future;
  TimestampChecks lenient = later;
  lenient.max_clock_skew = std::chrono::hours(2);
  EXPECT_EQ(refusal(reply, query_, dev_trust(), {}, lenient), "(accepted)");
}

}  // namespace
}  // namespace lienthong::security::signing
