#include "core/security/xml/xml_parse.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/security/xmldsig/xmldsig.hpp"

namespace lienthong::security {
namespace {

using Clock = std::chrono::steady_clock;

std::string billion_laughs() {
  std::string dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  std::string prev = "lol";
  for (int i = 1; i <= 9; ++i) {
    const std::string name = "lol" + std::to_string(i);
    dtd += "<!ENTITY " + name + " \"";
    for (int j = 0; j < 10; ++j) dtd += "&" + prev + ";";
    dtd += "\">\n";
    prev = name;
  }
  return dtd + "]>\n<lolz>&lol9;</lolz>";
}

std::string nested(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "<a>";
  for (int i = 0; i < depth; ++i) s += "</a>";
  return s;
}

// Refused, with `reason` after "XML refused: ", in under a second.
void expect_refused(const std::string& xml, const std::string& reason,
                    const XmlLimits& limits = {}) {
  const auto start = Clock::now();
  auto doc = parse_untrusted_xml(xml, limits);
  const auto took = Clock::now() - start;
  ASSERT_FALSE(doc) << "accepted; expected " << reason;
  EXPECT_EQ(doc.error().rfind("XML refused: " + reason, 0), 0u) << doc.error();
  EXPECT_LT(took, std::chrono::seconds(1)) << reason;
}

TEST(ParseUntrustedXml, AcceptsAnOrdinaryDocument) {
  auto doc = parse_untrusted_xml(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- hi --><a xmlns=\"urn:x\"><b>Nguyễn</b></a>");
  ASSERT_TRUE(doc) << doc.error();
  EXPECT_STREQ(reinterpret_cast<const char*>(xmlDocGetRootElement(doc->get())->name), "a");
}

TEST(ParseUntrustedXml, RefusesBillionLaughs) {
  expect_refused(billion_laughs(), "DTD not allowed");
}

TEST(ParseUntrustedXml, RefusesExternalEntity) {
  expect_refused(
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "
      "\"file:///etc/passwd\">]><r>&xxe;</r>",
      "DTD not allowed");
}

TEST(ParseUntrustedXml, RefusesExternalDtd) {
  expect_refused("<!DOCTYPE r SYSTEM \"http://127.0.0.1:1/x.dtd\"><r/>", "DTD not allowed");
}

TEST(ParseUntrustedXml, RefusesParameterEntities) {
  expect_refused(
      "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p.dtd\"> %p; "
      "<!ENTITY % q \"<!ENTITY r 'x'>\"> %q;]><r>&r;</r>",
      "DTD not allowed");
}

TEST(ParseUntrustedXml, RefusesDoctypeAfterCommentsAndProcessingInstructions) {
  expect_refused("<?xml version=\"1.0\"?>\n<!-- c --><?pi x?>\n<!DOCTYPE r []><r/>",
                 "DTD not allowed");
}

TEST(ParseUntrustedXml, RefusesDoctypeTheByteScanCannotSee) {
  // UTF-16: the prolog scan sees no "<!DOCTYPE" bytes; the parser's DOCTYPE hook still stops it.
  const std::string utf8 = billion_laughs();
  std::string utf16 = "\xFF\xFE";
  for (char c : utf8) {
    utf16 += c;
    utf16 += '\0';
  }
  expect_refused(utf16, "DTD not allowed");
}

TEST(ParseUntrustedXml, TextMentioningDoctypeIsNotADoctype) {
  auto doc = parse_untrusted_xml("<r><![CDATA[<!DOCTYPE x>]]><!-- <!DOCTYPE y> --></r>");
  EXPECT_TRUE(doc) << doc.error();
}

TEST(ParseUntrustedXml, RefusesDeepNesting) {
  expect_refused(nested(10'000), "nested deeper than 256 levels");
}

TEST(ParseUntrustedXml, DepthLimitIsExact) {
  XmlLimits limits;
  limits.max_depth = 10;
  EXPECT_TRUE(parse_untrusted_xml(nested(10), limits));
  expect_refused(nested(11), "nested deeper than 10 levels", limits);
  EXPECT_TRUE(parse_untrusted_xml(nested(256)));
  expect_refused(nested(257), "nested deeper than 256 levels");
}

TEST(ParseUntrustedXml, RefusesOversizedDocuments) {
  std::string big = "<r>";
  big.append(std::size_t{9} << 20, 'x');
  big += "</r>";
  expect_refused(big, "larger than 8388608 bytes");
  XmlLimits limits;
  limits.max_bytes = 100;
  expect_refused("<r>" + std::string(100, 'x') + "</r>", "larger than 100 bytes", limits);
}

TEST(ParseUntrustedXml, ReportsWhereADocumentIsBroken) {
  expect_refused("<r>\n<a>\n</r>", "not well-formed: ");
  auto doc = parse_untrusted_xml("<r>\n<a>\n</r>");
  ASSERT_FALSE(doc);
  EXPECT_NE(doc.error().find("(line 3)"), std::string::npos) << doc.error();
  expect_refused("", "empty document");
  expect_refused("<r>&undeclared;</r>", "not well-formed: ");
}

TEST(ParseUntrustedXml, DoesNotProcessXInclude) {
  auto doc = parse_untrusted_xml(
      "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
      "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></r>");
  ASSERT_TRUE(doc) << doc.error();
  xmlChar* text = xmlNodeGetContent(xmlDocGetRootElement(doc->get()));
  EXPECT_STREQ(reinterpret_cast<const char*>(text), "");
  xmlFree(text);
}

TEST(ParseUntrustedXml, TheVerifierRefusesHostileXmlTheSameWay) {
  auto r = verify_soap(billion_laughs(), TrustStore());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(r.error().detail, "XML refused: DTD not allowed");
  auto any = verify_any(nested(10'000), TrustStore(), AlgorithmPolicy::dancu_dsig_1());
  ASSERT_FALSE(any);
  EXPECT_EQ(any.error().detail, "XML refused: nested deeper than 256 levels");
}

}  // namespace
}  // namespace lienthong::security
