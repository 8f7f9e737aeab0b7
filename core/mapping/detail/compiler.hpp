#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_error.hpp"
#include "core/mapping/code_tables.hpp"
#include "core/mapping/language/expression.hpp"
#include "core/mapping/mapping.hpp"

namespace lienthong::mapping::detail {

/// A place in a template: its rule (for runtime errors and source refs) and where it is in the
/// file (for load errors).
struct Site {
  std::string rule;
  int line = 0;
  std::string key_path;
};

/// Load-time state shared by the template compilers: compiles paths and expressions,
/// collects every error (so a file's problems are reported at once) and every source path.
class Compiler {
 public:
  Compiler(std::string file, SourceFormat source, const CodeTables& tables)
      : file_(std::move(file)), source_(source), tables_(tables) {}

  void fail(const Site& site, std::string reason);
  /// Compiles a path and records it as a source ref; nullopt (and an error) when invalid.
  std::optional<Path> path(std::string_view text, const Site& site);
  /// Compiles the inside of `{{ ... }}`.
  std::optional<Expression> expression(std::string_view text, const Site& site);
  /// Compiles a template string (text with `{{ ... }}`).
  std::optional<TextTemplate> text(std::string_view text, const Site& site);

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] SourceFormat source() const { return source_; }

  std::vector<std::string> prefixes;  ///< namespace prefixes the mapping declares (XML sources)
  bool has_context = false;           ///< paths resolve against the mapping's `context`
  int each_depth = 0;                 ///< > 0 while compiling inside `$each`
  config::ConfigErrors errors;
  std::vector<SourceRef> refs;

 private:
  std::optional<Source> source(const SourceSyntax& syntax, const Site& site);

  std::string file_;
  SourceFormat source_;
  const CodeTables& tables_;
};

}  // namespace lienthong::mapping::detail
