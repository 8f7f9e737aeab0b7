#include "core/security/signing/pdf_objects.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace lienthong::security::signing::pdf {

namespace {

constexpr int kMaxDepth = 64;
constexpr char kHexDigits[] = "0123456789ABCDEF";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_regular(char c) {
  return !is_space(c) && !is_delimiter(c);
}

// A number token per §7.3.3: optional sign, digits with at most one '.', at least one digit.
bool is_number(std::string_view t) {
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  bool digit = false;
  bool dot = false;
  for (; i < t.size(); ++i) {
    if (t[i] >= '0' && t[i] <= '9') {
      digit = true;
    } else if (t[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

std::optional<std::uint64_t> parse_unsigned(std::string_view t) {
  if (t.empty() || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

}  // namespace

bool is_space(char c) {
  return c == '\0' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

bool is_delimiter(char c) {
  return c != '\0' && std::strchr("()<>[]{}/%", c) != nullptr;
}

// ---------------------------------------------------------------------------------------------
// Objects

bool Array::operator==(const Array& other) const {
  return items == other.items;
}

bool Dictionary::operator==(const Dictionary& other) const {
  return entries_ == other.entries_;
}

const Object* Dictionary::find(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

Object* Dictionary::find(std::string_view key) {
  for (auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

void Dictionary::set(std::string key, Object value) {
  if (Object* existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  entries_.push_back(DictionaryEntry{std::move(key), std::move(value)});
}

bool Dictionary::erase(std::string_view key) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const DictionaryEntry& entry) { return entry.key == key; });
  if (it == entries_.end()) return false;
  entries_.erase(it);
  return true;
}

std::optional<std::string_view> Object::name() const {
  if (const auto* n = std::get_if<Name>(&value)) return std::string_view(n->value);
  return std::nullopt;
}

std::optional<std::int64_t> Object::integer() const {
  const auto* n = std::get_if<Number>(&value);
  if (n == nullptr || n->text.find('.') != std::string::npos) return std::nullopt;
  std::string_view t = n->text;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return v;
}

Object make_integer(std::int64_t value) {
  return Object{Number{std::to_string(value)}};
}
Object make_name(std::string value) {
  return Object{Name{std::move(value)}};
}
Object make_reference(std::uint64_t number, std::uint32_t generation) {
  return Object{Reference{number, generation}};
}

// ---------------------------------------------------------------------------------------------
// Parser

Problem Parser::error(std::string_view what) const {
  return Problem::make(ProblemKind::kInvalid, "PDF syntax error at byte " + std::to_string(pos_) +
                                                  ": " + std::string(what));
}

void Parser::skip_space() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (is_space(c)) {
      ++pos_;
    } else if (c == '%') {
      while (pos_ < text_.size() && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
    } else {
      break;
    }
  }
}

std::string_view Parser::regular_token() {
  const std::size_t start = pos_;
  while (pos_ < text_.size() && is_regular(text_[pos_])) ++pos_;
  return text_.substr(start, pos_ - start);
}

bool Parser::keyword(std::string_view word) {
  skip_space();
  const std::size_t start = pos_;
  if (regular_token() == word) return true;
  pos_ = start;
  return false;
}

std::optional<std::uint64_t> Parser::unsigned_integer() {
  skip_space();
  const std::size_t start = pos_;
  if (auto v = parse_unsigned(regular_token())) return v;
  pos_ = start;
  return std::nullopt;
}

Result<Object> Parser::object() {
  return object(0);
}

Result<Object> Parser::object(int depth) {
  if (depth > kMaxDepth) return error("objects nested too deeply");
  skip_space();
  if (pos_ >= text_.size()) return error("unexpected end of data");
  const char c = text_[pos_];
  switch (c) {
    case '/':
      return name_token();
    case '(':
      return literal_string();
    case '[': {
      ++pos_;
      Array array;
      for (;;) {
        skip_space();
        if (pos_ >= text_.size()) return error("unterminated array");
        if (text_[pos_] == ']') {
          ++pos_;
          return Object{std::move(array)};
        }
        auto item = object(depth + 1);
        if (!item) return item;
        array.items.push_back(std::move(*item));
      }
    }
    case '<': {
      if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '<') return hex_string();
      pos_ += 2;
      Dictionary dict;
      for (;;) {
        skip_space();
        if (pos_ + 1 < text_.size() && text_[pos_] == '>' && text_[pos_ + 1] == '>') {
          pos_ += 2;
          return Object{std::move(dict)};
        }
        if (pos_ >= text_.size()) return error("unterminated dictionary");
        if (text_[pos_] != '/') return error("dictionary key is not a name");
        auto key = name_token();
        if (!key) return key;
        auto value = object(depth + 1);
        if (!value) return value;
        dict.set(std::string(*key->name()), std::move(*value));
      }
    }
    default:
      break;
  }
  if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) return number_or_reference();
  if (!is_regular(c)) return error(std::string("unexpected '") + c + "'");
  const std::string_view word = regular_token();
  if (word == "true") return Object{true};
  if (word == "false") return Object{false};
  if (word == "null") return Object{Null{}};
  pos_ -= word.size();
  return error("unexpected keyword '" + std::string(word.substr(0, 32)) + "'");
}

Result<Object> Parser::name_token() {
  ++pos_;  // '/'
  std::string name;
  while (pos_ < text_.size() && is_regular(text_[pos_])) {
    const char c = text_[pos_];
    if (c == '#' && pos_ + 2 < text_.size() && hex_value(text_[pos_ + 1]) >= 0 &&
        hex_value(text_[pos_ + 2]) >= 0) {
      name += static_cast<char>(hex_value(text_[pos_ + 1]) * 16 + hex_value(text_[pos_ + 2]));
      pos_ += 3;
    } else {
      name += c;
      ++pos_;
    }
  }
  return make_name(std::move(name));
}

Result<Object> Parser::literal_string() {
  ++pos_;  // '('
  std::string bytes;
  int nesting = 0;
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (c == '(') {
      ++nesting;
      bytes += c;
    } else if (c == ')') {
      if (nesting == 0) return Object{String{std::move(bytes), false}};
      --nesting;
      bytes += c;
    } else if (c == '\r') {
      // §7.3.4.2: an unescaped end-of-line in a literal string is one LF whatever its form.
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      bytes += '\n';
    } else if (c == '\\') {
      if (pos_ >= text_.size()) break;
      const char e = text_[pos_++];
      switch (e) {
        case 'n':
          bytes += '\n';
          break;
        case 'r':
          bytes += '\r';
          break;
        case 't':
          bytes += '\t';
          break;
        case 'b':
          bytes += '\b';
          break;
        case 'f':
          bytes += '\f';
          break;
        case '\r':  // a line continuation: backslash + EOL is nothing
          if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
          break;
        case '\n':
          break;
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            for (int i = 0;
                 i < 2 && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7'; ++i) {
              v = v * 8 + (text_[pos_++] - '0');
            }
            bytes += static_cast<char>(v & 0xFF);
          } else {
            bytes += e;  // \( \) \\ and, per the spec, any other escaped character itself
          }
      }
    } else {
      bytes += c;
    }
  }
  return error("unterminated string");
}

Result<Object> Parser::hex_string() {
  ++pos_;  // '<'
  std::string bytes;
  int high = -1;
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (c == '>') {
      if (high >= 0) bytes += static_cast<char>(high * 16);  // odd count: a final 0 is implied
      return Object{String{std::move(bytes), true}};
    }
    if (is_space(c)) continue;
    const int v = hex_value(c);
    if (v < 0) return error("bad character in hex string");
    if (high < 0) {
      high = v;
    } else {
      bytes += static_cast<char>(high * 16 + v);
      high = -1;
    }
  }
  return error("unterminated hex string");
}

Result<Object> Parser::number_or_reference() {
  const std::size_t start = pos_;
  const std::string_view token = regular_token();
  if (!is_number(token)) {
    pos_ = start;
    return error("bad number '" + std::string(token.substr(0, 32)) + "'");
  }
  if (auto number = parse_unsigned(token)) {
    // "N G R": look ahead two tokens, and step back when it is not a reference.
    const std::size_t after_first = pos_;
    if (auto generation = unsigned_integer(); generation && *generation <= 65535 && keyword("R")) {
      return make_reference(*number, static_cast<std::uint32_t>(*generation));
    }
    pos_ = after_first;
  }
  return Object{Number{std::string(token)}};
}

// ---------------------------------------------------------------------------------------------
// Serializer

std::string literal_string(std::string_view bytes) {
  std::string out = "(";
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '(':
        out += "\\(";
        break;
      case ')':
        out += "\\)";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c >= 0x20 && c <= 0x7E) {
          out += ch;
        } else {  // three octal digits, so a following digit is never read as part of it
          out += '\\';
          out += static_cast<char>('0' + ((c >> 6) & 7));
          out += static_cast<char>('0' + ((c >> 3) & 7));
          out += static_cast<char>('0' + (c & 7));
        }
    }
  }
  out += ')';
  return out;
}

namespace {

void serialize_name(std::string_view name, std::string& out) {
  out += '/';
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x21 || c > 0x7E || c == '#' || is_delimiter(ch)) {
      out += '#';
      out += kHexDigits[c >> 4];
      out += kHexDigits[c & 0xF];
    } else {
      out += ch;
    }
  }
}

struct Writer {
  std::string& out;
  void operator()(const Null&) const { out += "null"; }
  void operator()(bool b) const { out += b ? "true" : "false"; }
  void operator()(const Number& n) const { out += n.text; }
  void operator()(const Name& n) const { serialize_name(n.value, out); }
  void operator()(const String& s) const {
    if (s.hex) {
      out += '<';
      for (const char ch : s.bytes) {
        const auto c = static_cast<unsigned char>(ch);
        out += kHexDigits[c >> 4];
        out += kHexDigits[c & 0xF];
      }
      out += '>';
    } else {
      out += literal_string(s.bytes);
    }
  }
  void operator()(const Reference& r) const {
    out += std::to_string(r.number) + ' ' + std::to_string(r.generation) + " R";
  }
  void operator()(const Array& a) const {
    out += '[';
    for (std::size_t i = 0; i < a.items.size(); ++i) {
      if (i > 0) out += ' ';
      serialize(a.items[i], out);
    }
    out += ']';
  }
  void operator()(const Dictionary& d) const {
    out += "<<";
    bool first = true;
    for (const auto& [key, value] : d.entries()) {
      if (!first) out += ' ';
      first = false;
      serialize_name(key, out);
      out += ' ';
      serialize(value, out);
    }
    out += ">>";
  }
};

}  // namespace

void serialize(const Object& object, std::string& out) {
  std::visit(Writer{out}, object.value);
}

std::string serialize(const Object& object) {
  std::string out;
  serialize(object, out);
  return out;
}

}  // namespace lienthong::security::signing::pdf
