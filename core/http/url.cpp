#include "core/http/url.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <charconv>

namespace lienthong::http {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

// Host characters of a registered name or IPv4 address (RFC 3986 reg-name without
// percent-encoding, which no host we talk to needs).
bool is_host_char(unsigned char c) {
  return is_unreserved(c) || c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' ||
         c == ')' || c == '*' || c == '+' || c == ',' || c == ';' || c == '=';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::uint16_t default_port(std::string_view scheme) {
  return scheme == "https" ? 443 : 80;
}

// Splits "host[:port]" (host may be "[v6]") into url.host and url.port.
std::string parse_authority(std::string_view authority, Url& url) {
  if (authority.find('@') != std::string_view::npos) {
    return "user information (\"user@\") is not supported in a URL";
  }
  std::string_view host;
  std::string_view rest;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return "IPv6 address is missing its closing ']'";
    host = authority.substr(1, close - 1);
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address_v6(std::string(host), ec);
    if (ec) return "\"" + std::string(host) + "\" is not a valid IPv6 address";
    (void)address;
    rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return "unexpected text after the IPv6 address";
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view{} : authority.substr(colon);
    for (const char c : host) {
      if (!is_host_char(static_cast<unsigned char>(c))) {
        return "host contains an invalid character '" + std::string(1, c) + "'";
      }
    }
  }
  if (host.empty()) return "host is missing";
  url.host = lowered(host);
  url.port = default_port(url.scheme);
  if (rest.empty()) return {};
  const auto digits = rest.substr(1);
  if (digits.empty()) return "port is empty after ':'";
  unsigned value = 0;
  const auto* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (ec != std::errc{} || ptr != end || digits.size() > 5) {
    return "port \"" + std::string(digits) + "\" is not a number";
  }
  if (value == 0 || value > 65535) return "port " + std::string(digits) + " is out of range";
  url.port = static_cast<std::uint16_t>(value);
  return {};
}

}  // namespace

Result<Url, std::string> Url::parse(std::string_view text) {
  if (text.empty()) return std::string("URL is empty");
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return std::string("URL contains a space or control character");
  }
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) {
    return std::string("URL must start with http:// or https://");
  }
  Url url;
  url.scheme = lowered(text.substr(0, sep));
  if (url.scheme != "http" && url.scheme != "https") {
    return "scheme \"" + url.scheme + "\" is not supported (use http or https)";
  }
  auto rest = text.substr(sep + 3);
  if (const auto hash = rest.find('#'); hash != std::string_view::npos) {
    rest = rest.substr(0, hash);  // a fragment never goes on the wire
  }
  const auto path_start = rest.find_first_of("/?");
  const auto authority = rest.substr(0, path_start);
  if (auto error = parse_authority(authority, url); !error.empty()) return error;
  if (path_start == std::string_view::npos) {
    url.target = "/";
  } else if (rest[path_start] == '?') {
    url.target = "/" + std::string(rest.substr(path_start));
  } else {
    url.target = std::string(rest.substr(path_start));
  }
  return url;
}

std::string Url::origin() const {
  return scheme + "://" + authority();
}

std::string Url::authority() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::host_header() const {
  const bool v6 = host.find(':') != std::string::npos;
  std::string out = v6 ? "[" + host + "]" : host;
  if (port != default_port(scheme)) out += ":" + std::to_string(port);
  return out;
}

std::string url_encode(std::string_view text) {
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (is_unreserved(u)) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4U];
      out += kHex[u & 0x0FU];
    }
  }
  return out;
}

std::string url_decode(std::string_view text, bool* ok) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      const int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int lo = hi >= 0 ? hex_value(text[i + 2]) : -1;
      if (lo < 0) {
        if (ok != nullptr) *ok = false;
        return {};
      }
      out += static_cast<char>((hi << 4) | lo);
      i += 2;
    }
  }
  if (ok != nullptr) *ok = true;
  return out;
}

}  // namespace lienthong::http
