#include "core/mapping/language/syntax.hpp"

#include <charconv>

namespace lienthong::mapping::detail {
namespace {

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// A cursor over the expression text; errors say where, counting characters from 1.
class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<ExpressionSyntax, std::string> expression() {
    ExpressionSyntax out;
    skip_space();
    if (at_end()) return std::string("empty expression");
    auto source = this->source(false);
    if (!source) return std::move(source).error();
    out.source = std::move(source).value();
    while (true) {
      skip_space();
      if (at_end()) return out;
      if (s_[pos_] != '|') return fail("expected '|' before a filter");
      ++pos_;
      auto filter = this->filter();
      if (!filter) return std::move(filter).error();
      out.filters.push_back(std::move(filter).value());
    }
  }

 private:
  bool at_end() const { return pos_ >= s_.size(); }
  void skip_space() {
    while (!at_end() && space(s_[pos_])) ++pos_;
  }
  std::string fail(std::string_view what) const {
    return std::string(what) + " at character " + std::to_string(pos_ + 3);
  }

  Result<SourceSyntax, std::string> source(bool in_list) {
    skip_space();
    if (at_end()) return fail("expected a path or a literal");
    const char c = s_[pos_];
    if (c == '[') {
      if (in_list) return fail("lists cannot be nested");
      return list();
    }
    if (c == '\'' || c == '"' || c == '-' || (c >= '0' && c <= '9')) {
      auto lit = literal();
      if (!lit) return std::move(lit).error();
      SourceSyntax out;
      out.kind = SourceSyntax::Kind::kLiteral;
      out.literal = std::move(lit).value();
      out.text = out.literal.is_string() ? out.literal.get<std::string>() : out.literal.dump();
      return out;
    }
    return path(in_list);
  }

  // A path runs to the first top-level '|' (or ',' / ']' in a list), outside quotes,
  // brackets and parentheses, so XPath predicates and function calls stay whole.
  Result<SourceSyntax, std::string> path(bool in_list) {
    const std::size_t start = pos_;
    int depth = 0;
    while (!at_end()) {
      const char c = s_[pos_];
      if (c == '\'' || c == '"') {
        const auto end = s_.find(c, pos_ + 1);
        if (end == std::string_view::npos) return fail("unterminated string");
        pos_ = end + 1;
        continue;
      }
      if (depth == 0 && (c == '|' || (in_list && (c == ',' || c == ']')))) break;
      if (c == '[' || c == '(') ++depth;
      if (c == ']' || c == ')') {
        if (--depth < 0) return fail(std::string("unexpected '") + c + "'");
      }
      ++pos_;
    }
    if (depth != 0) return fail("unclosed '[' or '('");
    std::size_t end = pos_;
    while (end > start && space(s_[end - 1])) --end;
    SourceSyntax out;
    out.text = std::string(s_.substr(start, end - start));
    if (out.text.empty()) return fail("expected a path");
    return out;
  }

  Result<SourceSyntax, std::string> list() {
    ++pos_;  // '['
    SourceSyntax out;
    out.kind = SourceSyntax::Kind::kList;
    const std::size_t start = pos_ - 1;
    while (true) {
      auto item = source(true);
      if (!item) return std::move(item).error();
      out.items.push_back(std::move(item).value());
      skip_space();
      if (at_end()) return fail("unclosed '['");
      if (s_[pos_] == ']') break;
      if (s_[pos_] != ',') return fail("expected ',' or ']' in a list");
      ++pos_;
    }
    ++pos_;
    out.text = std::string(s_.substr(start, pos_ - start));
    return out;
  }

  Result<nlohmann::json, std::string> literal() {
    const char c = s_[pos_];
    if (c == '\'' || c == '"') return quoted(c);
    if (s_.substr(pos_).starts_with("true")) return keyword("true", true);
    if (s_.substr(pos_).starts_with("false")) return keyword("false", false);
    if (s_.substr(pos_).starts_with("null")) return keyword("null", nullptr);
    return number();
  }

  nlohmann::json keyword(std::string_view word, nlohmann::json value) {
    pos_ += word.size();
    return value;
  }

  // 'text' or "text"; a backslash escapes the quote or itself.
  Result<nlohmann::json, std::string> quoted(char quote) {
    std::string out;
    ++pos_;
    while (!at_end() && s_[pos_] != quote) {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size() &&
          (s_[pos_ + 1] == quote || s_[pos_ + 1] == '\\')) {
        ++pos_;
      }
      out += s_[pos_++];
    }
    if (at_end()) return fail("unterminated string");
    ++pos_;
    return nlohmann::json(std::move(out));
  }

  Result<nlohmann::json, std::string> number() {
    const std::size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    bool fraction = false;
    while (!at_end() && ((s_[pos_] >= '0' && s_[pos_] <= '9') || s_[pos_] == '.')) {
      fraction = fraction || s_[pos_] == '.';
      ++pos_;
    }
    const char* first = s_.data() + start;
    const char* last = s_.data() + pos_;
    if (!fraction) {
      std::int64_t value = 0;
      auto [ptr, ec] = std::from_chars(first, last, value);
      if (ec == std::errc() && ptr == last) return nlohmann::json(value);
    } else {
      double value = 0;
      auto [ptr, ec] = std::from_chars(first, last, value);
      if (ec == std::errc() && ptr == last) return nlohmann::json(value);
    }
    pos_ = start;
    return fail("expected a literal ('text', a number, true, false or null)");
  }

  Result<FilterSyntax, std::string> filter() {
    skip_space();
    FilterSyntax out;
    const std::size_t start = pos_;
    while (!at_end() && ident_char(s_[pos_])) ++pos_;
    out.name = std::string(s_.substr(start, pos_ - start));
    if (out.name.empty()) return fail("expected a filter name after '|'");
    skip_space();
    if (at_end() || s_[pos_] != '(') return out;
    ++pos_;
    skip_space();
    if (!at_end() && s_[pos_] == ')') {
      ++pos_;
      return out;
    }
    while (true) {
      skip_space();
      if (at_end()) return fail("unclosed '(' after filter " + out.name);
      auto arg = literal();
      if (!arg) return std::move(arg).error();
      out.args.push_back(std::move(arg).value());
      skip_space();
      if (at_end()) return fail("unclosed '(' after filter " + out.name);
      if (s_[pos_] == ')') break;
      if (s_[pos_] != ',') return fail("expected ',' or ')' in the arguments of " + out.name);
      ++pos_;
    }
    ++pos_;
    return out;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

// Position just past the `}}` that closes an expression starting at `from`, skipping quoted
// text so that `{{ '}}' }}` works; npos when unclosed.
std::size_t closing(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i + 1 < text.size(); ++i) {
    if (text[i] == '\'' || text[i] == '"') {
      const char quote = text[i];
      for (++i; i < text.size() && text[i] != quote; ++i) {
        if (text[i] == '\\') ++i;  // an escaped quote or backslash
      }
      if (i >= text.size()) return std::string_view::npos;
    } else if (text[i] == '}' && text[i + 1] == '}') {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

Result<ExpressionSyntax, std::string> parse_expression(std::string_view text) {
  return Parser(text).expression();
}

Result<std::vector<TextPiece>, std::string> split_template(std::string_view text) {
  std::vector<TextPiece> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("{{", pos);
    const auto stray = text.find("}}", pos);
    if (stray < open) {
      return std::string("'}}' without a matching '{{' (write {{ '}}' }} for literal braces)");
    }
    if (open == std::string_view::npos) {
      out.push_back({false, std::string(text.substr(pos))});
      break;
    }
    if (open > pos) out.push_back({false, std::string(text.substr(pos, open - pos))});
    const auto close = closing(text, open + 2);
    if (close == std::string_view::npos) return std::string("unclosed '{{'");
    out.push_back({true, std::string(text.substr(open + 2, close - open - 2))});
    pos = close + 2;
  }
  return out;
}

}  // namespace lienthong::mapping::detail
