#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/problem.hpp"

/// PDF objects (ISO 32000-1 §7.3), only as much as an incremental update needs: a tokenizer and
/// parser of the eight basic types plus indirect references, and a serializer that writes them
/// back. Streams are not objects here; `Parser::keyword("stream")` tells a caller one follows.
namespace lienthong::security::signing::pdf {

struct Null {
  bool operator==(const Null&) const = default;
};
/// A number as written ("12", "-0.5"): kept as text so that rewriting an object never changes a
/// real number's digits.
struct Number {
  std::string text;
  bool operator==(const Number&) const = default;
};
/// A name, decoded (no leading '/', `#xx` resolved).
struct Name {
  std::string value;
  bool operator==(const Name&) const = default;
};
/// A string's bytes, decoded; `hex` remembers the form it was written in.
struct String {
  std::string bytes;
  bool hex = false;
  bool operator==(const String&) const = default;
};
struct Reference {
  std::uint64_t number = 0;
  std::uint32_t generation = 0;
  bool operator==(const Reference&) const = default;
};

struct Object;
struct DictionaryEntry;  // a key and its value; defined after Object (std::pair would need
                         // Object complete while Object itself is being defined, which clang
                         // refuses)

struct Array {
  std::vector<Object> items;
  bool operator==(const Array&) const;
};

/// A dictionary that keeps its keys in file order, so a rewritten object reads like the original.
class Dictionary {
 public:
  [[nodiscard]] const Object* find(std::string_view key) const;
  [[nodiscard]] Object* find(std::string_view key);
  /// Replaces the value of `key` where it stands, or appends the entry.
  void set(std::string key, Object value);
  bool erase(std::string_view key);
  [[nodiscard]] const std::vector<DictionaryEntry>& entries() const { return entries_; }
  bool operator==(const Dictionary&) const;

 private:
  std::vector<DictionaryEntry> entries_;
};

struct Object {
  std::variant<Null, bool, Number, Name, String, Reference, Array, Dictionary> value;

  [[nodiscard]] const Dictionary* dictionary() const { return std::get_if<Dictionary>(&value); }
  [[nodiscard]] Dictionary* dictionary() { return std::get_if<Dictionary>(&value); }
  [[nodiscard]] const Array* array() const { return std::get_if<Array>(&value); }
  [[nodiscard]] Array* array() { return std::get_if<Array>(&value); }
  [[nodiscard]] const Reference* reference() const { return std::get_if<Reference>(&value); }
  [[nodiscard]] const String* string() const { return std::get_if<String>(&value); }
  /// The name's value, or nullopt when this is not a name.
  [[nodiscard]] std::optional<std::string_view> name() const;
  /// The value of an integer (no '.', fits 64 bits), or nullopt.
  [[nodiscard]] std::optional<std::int64_t> integer() const;

  bool operator==(const Object&) const = default;
};

struct DictionaryEntry {
  std::string key;
  Object value;
  bool operator==(const DictionaryEntry&) const = default;
};

Object make_integer(std::int64_t value);
Object make_name(std::string value);
Object make_reference(std::uint64_t number, std::uint32_t generation = 0);

/// Reads PDF tokens and objects from `text`, starting at `pos`. Errors are
/// `Problem{kInvalid}` naming the byte offset. Nesting deeper than 64 arrays/dictionaries is
/// refused, so hostile input cannot exhaust the stack.
class Parser {
 public:
  explicit Parser(std::string_view text, std::size_t pos = 0) : text_(text), pos_(pos) {}

  /// The next object; a pair of integers followed by `R` is a Reference.
  Result<Object> object();
  /// Consumes `word` when the next token is exactly that keyword (e.g. "obj", "xref", "R").
  bool keyword(std::string_view word);
  /// Consumes the next token when it is an unsigned integer that fits 64 bits.
  std::optional<std::uint64_t> unsigned_integer();
  /// Skips white space and comments.
  void skip_space();
  [[nodiscard]] std::size_t position() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }
  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }

 private:
  Result<Object> object(int depth);
  Result<Object> literal_string();
  Result<Object> hex_string();
  Result<Object> name_token();
  Result<Object> number_or_reference();
  std::string_view regular_token();
  [[nodiscard]] Problem error(std::string_view what) const;

  std::string_view text_;
  std::size_t pos_;
};

/// PDF white space (§7.2.2): NUL, TAB, LF, FF, CR, SPACE.
bool is_space(char c);
/// PDF delimiters: ( ) < > [ ] { } / %
bool is_delimiter(char c);

/// The object in PDF syntax: dictionaries as `<</Key value /Key2 value>>`, literal strings with
/// `( ) \` and non-printable bytes escaped (`\ddd`), hex strings upper-case, names with `#xx`
/// for bytes outside `!`..`~` and for delimiters and `#`.
std::string serialize(const Object& object);
void serialize(const Object& object, std::string& out);
/// A literal string `( … )` of `bytes`, escaped as serialize() does.
std::string literal_string(std::string_view bytes);

}  // namespace lienthong::security::signing::pdf
