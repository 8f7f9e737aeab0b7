#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/http/types.hpp"

namespace lienthong::admin {

/// The operators' console: plain HTML, CSS and ES modules (core/admin/console/, README.md),
/// read once when the hub starts and served from memory at `/` (index.html) and
/// `/console/<path>`. Only files found at load are ever served, so no target can reach outside
/// the folder. Every answer carries a strict Content-Security-Policy (nothing but the hub
/// itself, no framing) and `nosniff`; files carry a strong ETag and are revalidated each time
/// (`no-cache`), so a new console is seen at once after an upgrade.
class ConsoleFiles {
 public:
  /// Every regular file under `dir` (symbolic links and dot-files are left out). A missing or
  /// unreadable folder gives a console that answers 404 saying where it looked (problem()).
  static ConsoleFiles load(const std::filesystem::path& dir);

  /// The answer for `/` and `/console/...`, nullopt for any other target.
  [[nodiscard]] std::optional<http::Response> handle(const http::Request& request) const;

  /// The number of files loaded.
  [[nodiscard]] std::size_t size() const { return files_.size(); }
  /// Why nothing (or not everything) was loaded; empty when all went well.
  [[nodiscard]] const std::string& problem() const { return problem_; }

  /// The header every console answer carries.
  static constexpr std::string_view kContentSecurityPolicy =
      "default-src 'self'; frame-ancestors 'none'";

 private:
  struct File {
    std::string content_type;
    std::string etag;  ///< quoted, from the content's SHA-256
    std::string bytes;
  };
  std::map<std::string, File, std::less<>> files_;  ///< by path below the folder ("app.js")
  std::filesystem::path dir_;
  std::string problem_;
};

/// The Content-Type of a console file, from its extension.
std::string_view console_content_type(const std::filesystem::path& file);

}  // namespace lienthong::admin
