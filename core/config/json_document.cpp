#include "core/config/json_document.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace lienthong::config {
namespace {

// Input iterator over the text that counts the newlines it has passed, so the SAX handler
// can tell on which line the parser is.
class LineCountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  LineCountingIterator(const char* p, int* line) : p_(p), line_(line) {}
  reference operator*() const { return *p_; }
  LineCountingIterator& operator++() {
    if (*p_ == '\n') ++*line_;
    ++p_;
    return *this;
  }
  LineCountingIterator operator++(int) {
    auto copy = *this;
    ++*this;
    return copy;
  }
  bool operator==(const LineCountingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const LineCountingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_;
  int* line_;
};

// Records the line of every value by its JSON Pointer.
class LineRecorder : public nlohmann::json::json_sax_t {
 public:
  LineRecorder(const int* line, std::unordered_map<std::string, int>* lines)
      : line_(line), lines_(lines) {}

  bool null() override { return value(); }
  bool boolean(bool /*val*/) override { return value(); }
  bool number_integer(number_integer_t /*val*/) override { return value(); }
  bool number_unsigned(number_unsigned_t /*val*/) override { return value(); }
  bool number_float(number_float_t /*val*/, const string_t& /*s*/) override { return value(); }
  bool string(string_t& /*val*/) override { return value(); }
  bool binary(binary_t& /*val*/) override { return value(); }
  bool start_object(std::size_t /*elements*/) override {
    value();
    stack_.push_back({path(), true, 0, {}});
    return true;
  }
  bool key(string_t& val) override {
    auto& top = stack_.back();
    top.key = val;
    (*lines_)[top.pointer + "/" + escape_pointer_token(val)] = *line_ + 1;
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*elements*/) override {
    value();
    stack_.push_back({path(), false, 0, {}});
    return true;
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t /*pos*/, const std::string& /*tok*/,
                   const nlohmann::json::exception& /*ex*/) override {
    return false;
  }

 private:
  struct Frame {
    std::string pointer;
    bool object;
    std::size_t next_index;
    std::string key;
  };

  // Pointer of the value about to be reported; array elements are numbered here.
  std::string path() {
    if (stack_.empty()) return "";
    auto& top = stack_.back();
    if (top.object) return top.pointer + "/" + escape_pointer_token(top.key);
    return top.pointer + "/" + std::to_string(top.next_index - 1);
  }
  bool value() {
    if (!stack_.empty() && !stack_.back().object) {
      auto& top = stack_.back();
      ++top.next_index;
      lines_->emplace(path(), *line_ + 1);
    } else if (stack_.empty()) {
      lines_->emplace("", *line_ + 1);
    }
    return true;
  }

  const int* line_;
  std::unordered_map<std::string, int>* lines_;
  std::vector<Frame> stack_;
};

int line_at_byte(std::string_view text, std::size_t byte) {
  int line = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

}  // namespace

Result<JsonDocument, ConfigError> JsonDocument::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return ConfigError{path.string(), 0, "", "cannot read file"};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path.string());
}

Result<JsonDocument, ConfigError> JsonDocument::parse(std::string_view text,
                                                      std::string file_name) {
  JsonDocument doc;
  doc.file_ = std::move(file_name);
  try {
    doc.root_ = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/true,
                                      /*ignore_comments=*/true);
  } catch (const nlohmann::json::parse_error& e) {
    std::string reason = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix: the operator needs the text.
    if (auto pos = reason.find("] "); pos != std::string::npos) reason.erase(0, pos + 2);
    return ConfigError{doc.file_, line_at_byte(text, e.byte == 0 ? 0 : e.byte - 1), "",
                       "invalid JSON: " + reason};
  }
  int line = 0;
  LineRecorder recorder(&line, &doc.lines_);
  LineCountingIterator first(text.data(), &line);
  LineCountingIterator last(text.data() + text.size(), &line);
  nlohmann::json::sax_parse(first, last, &recorder, nlohmann::json::input_format_t::json,
                            /*strict=*/true, /*ignore_comments=*/true);
  return doc;
}

int JsonDocument::line_of(std::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    if (auto it = lines_.find(p); it != lines_.end()) return it->second;
    if (p.empty()) return 0;
    p.erase(p.rfind('/'));
  }
}

ConfigError JsonDocument::error_at(std::string_view pointer, std::string reason) const {
  return ConfigError{file_, line_of(pointer), dotted(pointer), std::move(reason)};
}

std::string dotted(std::string_view pointer) {
  std::string out;
  std::size_t i = 0;
  while (i < pointer.size()) {
    if (pointer[i] == '/') {
      if (!out.empty()) out += '.';
      ++i;
      continue;
    }
    if (pointer[i] == '~' && i + 1 < pointer.size()) {
      out += pointer[i + 1] == '1' ? '/' : '~';
      i += 2;
      continue;
    }
    out += pointer[i++];
  }
  return out;
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace lienthong::config
