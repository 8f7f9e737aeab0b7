#include "core/pipeline/ingress/document_answer.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

#include "core/base/base64.hpp"

namespace lienthong::pipeline {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// The q parameter of a media range's parameters ("; q=0.5"); 1 when absent, 0 when broken.
double quality_of(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() < 2 || std::tolower(static_cast<unsigned char>(param[0])) != 'q' ||
        param[1] != '=') {
      continue;
    }
    const std::string value(param.substr(2));
    try {
      std::size_t used = 0;
      const double q = std::stod(value, &used);
      return used == value.size() && q >= 0 && q <= 1 ? q : 0;
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 1;
}

/// A file name that is safe in a header: letters, digits, '.', '-', '_' only.
std::string header_safe(std::string_view name) {
  std::string out;
  for (char c : name) {
    const bool keep =
        std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
    out += keep ? c : '_';
  }
  return out.empty() ? std::string("document") : out;
}

}  // namespace

double accept_quality(std::string_view accept, std::string_view media_type) {
  accept = trim(accept);
  if (accept.empty()) return 1;
  const auto slash = media_type.find('/');
  const auto type = media_type.substr(0, slash);
  double best = 0;
  int best_specificity = -1;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    const auto item = trim(accept.substr(0, comma));
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    const auto semi = item.find(';');
    const auto range = trim(item.substr(0, semi));
    const auto params = semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1);
    int specificity = -1;
    if (iequals(range, media_type)) {
      specificity = 2;
    } else if (range.size() == type.size() + 2 && iequals(range.substr(0, type.size()), type) &&
               range.substr(type.size()) == "/*") {
      specificity = 1;
    } else if (range == "*/*") {
      specificity = 0;
    }
    // The most specific matching range decides (RFC 9110 §12.5.1).
    if (specificity > best_specificity) {
      best_specificity = specificity;
      best = quality_of(params);
    }
  }
  return best;
}

Result<Answer> document_answer(int status, const nlohmann::json& response,
                               std::string_view accept) {
  const auto text = [&](std::string_view key) {
    const auto it = response.is_object() ? response.find(key) : response.end();
    return it != response.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string type = text("contentType");
  const std::string content = text("contentBase64");
  if (type.empty() || content.empty()) {
    return Problem::make(ProblemKind::kInternal,
                         "a document answer's response mapping must write contentType and "
                         "contentBase64");
  }
  Answer answer{.status = status, .body = response};
  if (accept_quality(accept, "application/json") > accept_quality(accept, type)) return answer;
  auto bytes = decode_base64(content);
  if (!bytes) {
    return Problem::make(ProblemKind::kUpstreamError, "the far side's document is not base64");
  }
  answer.body = nullptr;
  answer.document_type = type;
  answer.document = std::move(*bytes);
  answer.headers.emplace_back("Content-Disposition",
                              "attachment; filename=\"" + header_safe(text("fileName")) + "\"");
  return answer;
}

}  // namespace lienthong::pipeline
