#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/mapping/code_tables.hpp"

namespace lienthong::mapping {

/// What a mapping reads.
enum class SourceFormat { kJson, kXml };
/// What a mapping writes.
enum class OutputFormat { kJson, kXml };

/// A failure while evaluating a mapping on one message. Names the mapping file, the rule
/// (where in the template, as a JSON Pointer or XML path), and the input path it read.
struct MappingError {
  enum class Kind {
    kRequiredMissing,  ///< a `required` value was absent
    kBadValue,         ///< a filter could not convert the value (date, number, code table...)
    kBadSource,        ///< the source document itself does not parse
    kNotFound,         ///< the source lacks the mapping's `not_found_unless` path: the far
                       ///< side answered "no such record" (apply/apply_text return this)
  };
  Kind kind = Kind::kBadValue;
  std::string file;
  std::string rule;
  std::string input_path;
  std::string reason;
  /// "file: rule <rule>: input <path>: reason", for logs and the `map` command.
  [[nodiscard]] std::string to_string() const;
};

/// The result of applying a mapping: JSON for JSON templates, text for XML templates.
struct Output {
  OutputFormat format = OutputFormat::kJson;
  nlohmann::json json;  ///< when format == kJson
  std::string text;     ///< when format == kXml (serialized, with XML declaration)
};

/// A source path a mapping reads, for `check-config` (does the canonical schema declare it?).
struct SourceRef {
  std::string path;  ///< JSON Pointer or XPath, as written (`$root/a` is reported as `/a`)
  std::string rule;  ///< where in the template (`context` / `not_found_unless` for those keys)
  int line = 0;
  bool relative = false;  ///< inside a repeated block (relative to the item), or relative to
                          ///< the mapping's `context`
};

/// A compiled, immutable mapping. Loaded once at start-up; applying it is thread-safe.
class Mapping {
 public:
  /// Loads a `.json` (JSON template) or `.xml` (XML template) mapping file. `source` says what
  /// it will read. All problems in the file are reported at once, located by line.
  static Result<std::shared_ptr<const Mapping>, config::ConfigErrors> load(
      const std::filesystem::path& file, SourceFormat source, const CodeTables& tables);
  /// Compiles mapping text as if read from `file_name`, whose extension (`.json`, `.xml`)
  /// says which kind of template it is. For tests and tools.
  static Result<std::shared_ptr<const Mapping>, config::ConfigErrors> parse(
      std::string_view text, const std::string& file_name, SourceFormat source,
      const CodeTables& tables);

  /// Applies the mapping to a parsed JSON source.
  [[nodiscard]] Result<Output, MappingError> apply(const nlohmann::json& source) const;
  /// Parses `source_text` (JSON or XML, as declared at load) and applies the mapping. XML is
  /// parsed without DTDs or entity expansion, with bounded size and depth.
  [[nodiscard]] Result<Output, MappingError> apply_text(std::string_view source_text) const;

  [[nodiscard]] SourceFormat source_format() const;
  [[nodiscard]] OutputFormat output_format() const;
  [[nodiscard]] const std::string& file() const;
  [[nodiscard]] const std::vector<SourceRef>& source_refs() const;

  /// True when the source lacks what the mapping declares as the record's presence test
  /// (`"not_found_unless"`): the far side answered "no such record".
  [[nodiscard]] bool signals_not_found(const nlohmann::json& source) const;
  [[nodiscard]] bool signals_not_found_text(std::string_view source_text) const;

  ~Mapping();
  struct Impl;
  explicit Mapping(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lienthong::mapping
