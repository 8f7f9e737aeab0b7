#include "core/admin/query_params.hpp"

#include <charconv>

#include "core/http/url.hpp"

namespace lienthong::admin {

Result<std::map<std::string, std::string, std::less<>>> parse_query(std::string_view query) {
  std::map<std::string, std::string, std::less<>> out;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    bool key_ok = true;
    bool value_ok = true;
    auto key = http::url_decode(pair.substr(0, eq), &key_ok);
    auto value = eq == std::string_view::npos ? std::string()
                                              : http::url_decode(pair.substr(eq + 1), &value_ok);
    if (!key_ok || !value_ok) {
      return Problem::make(ProblemKind::kMalformed, "bad percent-encoding in the query");
    }
    if (!out.emplace(key, std::move(value)).second) {
      return Problem::make(ProblemKind::kMalformed, "query parameter " + key + " given twice");
    }
  }
  return out;
}

std::optional<Problem> read_limit(const std::map<std::string, std::string, std::less<>>& params,
                                  int& limit) {
  const auto it = params.find("limit");
  if (it == params.end()) return std::nullopt;
  const auto& v = it->second;
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < 1 || n > 1000) {
    return bad("limit must be a number from 1 to 1000, not " + v);
  }
  limit = n;
  return std::nullopt;
}

Problem bad(std::string detail) {
  return Problem::make(ProblemKind::kInvalid, std::move(detail));
}

std::optional<Problem> only(const std::map<std::string, std::string, std::less<>>& params,
                            std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : params) {
    bool ok = false;
    for (auto k : known) ok = ok || key == k;
    if (!ok) return bad("unknown query parameter " + key);
  }
  return std::nullopt;
}

}  // namespace lienthong::admin
