#include "core/admin/query_params.hpp"

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

}  // namespace lienthong::admin
