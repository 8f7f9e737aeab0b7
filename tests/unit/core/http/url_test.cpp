#include "core/http/url.hpp"

#include <gtest/gtest.h>

namespace lienthong::http {
namespace {

struct GoodCase {
  std::string_view text;
  std::string_view scheme;
  std::string_view host;
  std::uint16_t port;
  std::string_view target;
  std::string_view origin;
};

TEST(UrlParse, AcceptsHttpAndHttpsForms) {
  const GoodCase cases[] = {
      {"http://example.org", "http", "example.org", 80, "/", "http://example.org:80"},
      {"https://example.org", "https", "example.org", 443, "/", "https://example.org:443"},
      {"http://127.0.0.1:9103/api/v1?a=1", "http", "127.0.0.1", 9103, "/api/v1?a=1",
       "http://127.0.0.1:9103"},
      {"HTTPS://Dich-Vu.GOV.vn:8443/x/", "https", "dich-vu.gov.vn", 8443, "/x/",
       "https://dich-vu.gov.vn:8443"},
      {"http://[::1]:8080/p", "http", "::1", 8080, "/p", "http://[::1]:8080"},
      {"https://[::1]", "https", "::1", 443, "/", "https://[::1]:443"},
      {"http://host?q=1", "http", "host", 80, "/?q=1", "http://host:80"},
      {"http://host/path#fragment", "http", "host", 80, "/path", "http://host:80"},
      {"http://host:65535", "http", "host", 65535, "/", "http://host:65535"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto url = Url::parse(c.text);
    ASSERT_TRUE(url.has_value()) << url.error();
    EXPECT_EQ(url->scheme, c.scheme);
    EXPECT_EQ(url->host, c.host);
    EXPECT_EQ(url->port, c.port);
    EXPECT_EQ(url->target, c.target);
    EXPECT_EQ(url->origin(), c.origin);
    EXPECT_EQ(url->tls(), c.scheme == "https");
  }
}

TEST(UrlParse, RejectsWithAReason) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "empty"},
      {"example.org/path", "must start with http:// or https://"},
      {"ftp://example.org", "scheme \"ftp\" is not supported"},
      {"http://", "host is missing"},
      {"http://:80/", "host is missing"},
      {"http://host:/", "port is empty"},
      {"http://host:abc/", "is not a number"},
      {"http://host:0/", "out of range"},
      {"http://host:65536/", "out of range"},
      {"http://host:123456/", "not a number"},
      {"http://user:pw@host/", "user information"},
      {"http://[::1/", "closing ']'"},
      {"http://[not-v6]/", "not a valid IPv6 address"},
      {"http://[::1]x/", "unexpected text"},
      {"http://ho st/", "space or control"},
      {"http://ho%st/", "invalid character '%'"},
  };
  for (const auto& [text, reason] : cases) {
    SCOPED_TRACE(text);
    auto url = Url::parse(text);
    ASSERT_FALSE(url.has_value());
    EXPECT_NE(url.error().find(reason), std::string::npos) << url.error();
  }
}

TEST(UrlParse, HostHeaderAndAuthority) {
  EXPECT_EQ(Url::parse("http://h/")->host_header(), "h");
  EXPECT_EQ(Url::parse("http://h:8080/")->host_header(), "h:8080");
  EXPECT_EQ(Url::parse("https://h:443/")->host_header(), "h");
  EXPECT_EQ(Url::parse("https://h:80/")->host_header(), "h:80");
  EXPECT_EQ(Url::parse("http://[::1]:81/")->host_header(), "[::1]:81");
  EXPECT_EQ(Url::parse("http://127.0.0.1:9103")->authority(), "127.0.0.1:9103");
  EXPECT_EQ(Url::parse("http://[::1]")->authority(), "[::1]:80");
}

TEST(UrlEncode, KeepsUnreservedAndEscapesTheRest) {
  EXPECT_EQ(url_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(url_encode("a b&c=d/e?"), "a%20b%26c%3Dd%2Fe%3F");
  EXPECT_EQ(url_encode("Hà Nội"), "H%C3%A0%20N%E1%BB%99i");
  EXPECT_EQ(url_encode(""), "");
  EXPECT_EQ(url_encode(std::string_view("\0\xff", 2)), "%00%FF");
}

TEST(UrlDecode, DecodesEscapesAndPlus) {
  bool ok = false;
  EXPECT_EQ(url_decode("H%C3%A0+N%e1%bb%99i", &ok), "Hà Nội");
  EXPECT_TRUE(ok);
  EXPECT_EQ(url_decode("plain", &ok), "plain");
  EXPECT_TRUE(ok);
  EXPECT_EQ(url_decode("", &ok), "");
  EXPECT_TRUE(ok);
  EXPECT_EQ(url_decode(url_encode("a+b c/ñ"), &ok), "a+b c/ñ");
  EXPECT_TRUE(ok);
}

TEST(UrlDecode, FlagsBadEscapes) {
  for (const std::string_view bad : {"%", "%2", "abc%", "%zz", "%2g", "a%G1b"}) {
    SCOPED_TRACE(bad);
    bool ok = true;
    EXPECT_EQ(url_decode(bad, &ok), "");
    EXPECT_FALSE(ok);
  }
  EXPECT_EQ(url_decode("%41"), "A");  // ok may be omitted
}

}  // namespace
}  // namespace lienthong::http
