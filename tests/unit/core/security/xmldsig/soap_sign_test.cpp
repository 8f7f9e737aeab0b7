// sign_soap(): the dancu-dsig-1 shape, round trips, identities, threads.
#include <gtest/gtest.h>

#include <thread>

#include "core/base/base64.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/xml/xml_nodes.hpp"
#include "core/security/xml/xml_parse.hpp"
#include "core/security/xmldsig/xmldsig.hpp"
#include "tests/support/test_pki.hpp"
#include "tests/unit/core/security/xmldsig/soap_samples.hpp"

namespace lienthong::security {
namespace {

using namespace testing;
using detail::kDsigNs;
using detail::kSoap11Ns;

std::string sign_or_fail(const std::string& xml, const SigningIdentity& id) {
  auto s = sign_soap(xml, id);
  EXPECT_TRUE(s) << s.error().detail;
  return s ? *s : std::string();
}

std::string attr(xmlNode* n, const char* name) {
  return detail::attribute(n, name).value_or("?");
}

TEST(SignSoap, RoundTripReturnsTheCanonicalSignedBody) {
  const std::string signed_xml = sign_or_fail(kLookupEnvelope, identity("hub-signing"));
  auto verified = verify_soap(signed_xml, dev_trust());
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_EQ(verified->body_xml, kLookupBodyC14n);
  EXPECT_EQ(verified->signer.subject,
            "CN=lienthong-hub-signing,O=Lien Thong Hub (development only),C=VN");
  EXPECT_EQ(verified->signer.certificate_sha256,
            sha256_fingerprint(load_cert(pki_file("hub-signing.pem")).get()));
  // The Body stands on its own: it parses without the Envelope.
  auto body = parse_untrusted_xml(verified->body_xml);
  ASSERT_TRUE(body) << body.error();
  EXPECT_TRUE(detail::is_element(xmlDocGetRootElement(body->get()), kSoap11Ns, "Body"));
}

TEST(SignSoap, ProducesTheDancuDsig1Shape) {
  const std::string signed_xml = sign_or_fail(kLookupEnvelope, identity("hub-signing"));
  auto doc = parse_untrusted_xml(signed_xml);
  ASSERT_TRUE(doc) << doc.error();
  xmlNode* envelope = xmlDocGetRootElement(doc->get());
  const auto top = detail::child_elements(envelope);
  ASSERT_EQ(top.size(), 2u);
  ASSERT_TRUE(detail::is_element(top[0], kSoap11Ns, "Header")) << "Header created before Body";
  ASSERT_TRUE(detail::is_element(top[1], kSoap11Ns, "Body"));
  EXPECT_EQ(attr(top[1], "Id"), "Body");

  const auto header_children = detail::child_elements(top[0]);
  ASSERT_EQ(header_children.size(), 1u);
  xmlNode* sig = header_children[0];
  ASSERT_TRUE(detail::is_element(sig, kDsigNs, "Signature"));
  const auto parts = detail::child_elements(sig);
  ASSERT_EQ(parts.size(), 3u);  // SignedInfo, SignatureValue, KeyInfo
  const auto info = detail::child_elements(parts[0]);
  ASSERT_EQ(info.size(), 3u) << "exactly one Reference";
  EXPECT_EQ(attr(info[0], "Algorithm"), algorithm::kExcC14n);
  EXPECT_EQ(attr(info[1], "Algorithm"), algorithm::kRsaSha256);
  EXPECT_EQ(attr(info[2], "URI"), "#Body");
  const auto ref = detail::child_elements(info[2]);
  ASSERT_EQ(ref.size(), 3u);
  const auto transforms = detail::child_elements(ref[0]);
  ASSERT_EQ(transforms.size(), 1u);
  EXPECT_EQ(attr(transforms[0], "Algorithm"), algorithm::kExcC14n);
  EXPECT_EQ(attr(ref[1], "Algorithm"), algorithm::kSha256);
  EXPECT_FALSE(detail::text_of(ref[2]).empty()) << "DigestValue filled";
  EXPECT_FALSE(detail::text_of(parts[1]).empty()) << "SignatureValue filled";
  ASSERT_TRUE(detail::is_element(parts[2], kDsigNs, "KeyInfo"));
  const auto x509 = detail::child_elements(detail::child_elements(parts[2]).at(0));
  ASSERT_EQ(x509.size(), 2u) << "signer certificate and its intermediate";
  auto der = decode_base64(detail::text_of(x509[0]));
  ASSERT_TRUE(der);
  auto certs = parse_certificates(*der);
  ASSERT_TRUE(certs);
  EXPECT_EQ(sha256_fingerprint(certs->front().get()),
            sha256_fingerprint(load_cert(pki_file("hub-signing.pem")).get()));
}

TEST(SignSoap, KeepsAnExistingHeaderAndBodyId) {
  const std::string envelope =
      R"(<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><s:Header><MaTichHop xmlns="urn:x">HUB-1</MaTichHop></s:Header><s:Body wsu:Id="req-42"><q xmlns="urn:x">1</q></s:Body></s:Envelope>)";
  const std::string signed_xml = sign_or_fail(envelope, identity("hub-signing"));
  EXPECT_NE(signed_xml.find("<MaTichHop xmlns=\"urn:x\">HUB-1</MaTichHop><ds:Signature"),
            std::string::npos)
      << signed_xml;
  EXPECT_NE(signed_xml.find("URI=\"#req-42\""), std::string::npos);
  auto verified = verify_soap(signed_xml, dev_trust());
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_NE(verified->body_xml.find("wsu:Id=\"req-42\""), std::string::npos);
}

TEST(SignSoap, PicksAnUnusedIdForTheBody) {
  const std::string envelope =
      R"(<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><x Id="Body"/></soap:Header><soap:Body><q/></soap:Body></soap:Envelope>)";
  const std::string signed_xml = sign_or_fail(envelope, identity("hub-signing"));
  EXPECT_NE(signed_xml.find("<soap:Body Id=\"Body-1\">"), std::string::npos) << signed_xml;
  EXPECT_TRUE(verify_soap(signed_xml, dev_trust()));
}

TEST(SignSoap, SignsWithAPkcs12IdentityAndTheSandboxCertificate) {
  std::string password = read_file(pki_file("hub-signing.p12.pass"));
  while (!password.empty() && password.back() == '\n') password.pop_back();
  auto p12 = SigningIdentity::load_pkcs12(pki_file("hub-signing.p12"), password);
  ASSERT_TRUE(p12) << p12.error().to_string();
  EXPECT_TRUE(verify_soap(sign_or_fail(kLookupEnvelope, *p12), dev_trust()));
  auto dancu = verify_soap(sign_or_fail(kLookupEnvelope, identity("sandbox-dancu")), dev_trust());
  ASSERT_TRUE(dancu) << dancu.error().detail;
  EXPECT_NE(dancu->signer.subject.find("CN=sandbox-dancu"), std::string::npos);
}

TEST(SignSoap, IsDeterministic) {
  const auto id = identity("hub-signing");
  EXPECT_EQ(sign_or_fail(kLookupEnvelope, id), sign_or_fail(kLookupEnvelope, id));
}

TEST(SignSoap, RefusesWhatItCannotSignAsABug) {
  const auto id = identity("hub-signing");
  for (const std::string& bad : {
           std::string("<notsoap/>"),
           std::string("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">"
                       "<soap:Body/></soap:Envelope>"),  // SOAP 1.2
           std::string("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                       "<soap:Body/><soap:Body/></soap:Envelope>"),
           std::string("<a"),
       }) {
    auto r = sign_soap(bad, id);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind, ProblemKind::kInternal) << bad;
    EXPECT_EQ(r.error().detail.rfind("cannot sign: ", 0), 0u) << r.error().detail;
  }
  auto twice = sign_soap(sign_or_fail(kLookupEnvelope, id), id);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().detail, "cannot sign: the envelope is already signed");
}

TEST(SignSoap, SignsAndVerifiesConcurrently) {
  const auto id = identity("hub-signing");
  const auto trust = dev_trust();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const std::string xml = replace_once(kLookupEnvelope, "001099012345",
                                             "0010990" + std::to_string(10000 + t * 100 + i));
        auto s = sign_soap(xml, id);
        if (!s) continue;
        auto v = verify_soap(*s, trust);
        if (v && v->body_xml.find(std::to_string(10000 + t * 100 + i)) != std::string::npos) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 40);
}

}  // namespace
}  // namespace lienthong::security
