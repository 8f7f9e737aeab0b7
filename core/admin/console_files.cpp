#include "core/admin/console_files.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "core/base/digest.hpp"
#include "core/http/problem_response.hpp"

namespace lienthong::admin {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;

// A console is a few hundred kilobytes; these bounds only stop a wrong console_dir (a home
// folder, /usr) from being read into memory.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{4} << 20;
constexpr std::size_t kMaxFiles = 500;

constexpr std::string_view kPrefix = "/console/";

void secure(http::Response& res) {
  res.set("Content-Security-Policy", ConsoleFiles::kContentSecurityPolicy);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
}

bool hidden(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part.string().starts_with('.')) return true;
  }
  return false;
}

}  // namespace

std::string_view console_content_type(const fs::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

ConsoleFiles ConsoleFiles::load(const fs::path& dir) {
  ConsoleFiles console;
  console.dir_ = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    console.problem_ = "the console's files are not at " + dir.string() + " (admin.console_dir)";
    return console;
  }
  auto it = fs::recursive_directory_iterator(dir, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto relative = it->path().lexically_relative(dir);
    if (hidden(relative)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // A link could lead anywhere; the console is plain files.
    if (!fs::is_regular_file(it->symlink_status(ec))) continue;
    if (console.files_.size() == kMaxFiles || it->file_size(ec) > kMaxFileBytes) {
      console.problem_ = "left out " + relative.string() + ": the console allows " +
                         std::to_string(kMaxFiles) + " files of at most 4 MiB";
      continue;
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      console.problem_ = "cannot read " + it->path().string();
      continue;
    }
    File f;
    f.content_type = std::string(console_content_type(it->path()));
    f.bytes = std::move(bytes).str();
    f.etag = "\"" + sha256_hex(f.bytes).substr(0, 32) + "\"";
    console.files_.emplace(relative.generic_string(), std::move(f));
  }
  if (ec) console.problem_ = "cannot list " + dir.string() + ": " + ec.message();
  return console;
}

std::optional<http::Response> ConsoleFiles::handle(const http::Request& req) const {
  const auto target = std::string_view(req.target());
  const auto path = target.substr(0, target.find('?'));
  std::string_view name;
  if (path == "/") {
    name = "index.html";
  } else if (path.starts_with(kPrefix)) {
    name = path.substr(kPrefix.size());
  } else {
    return std::nullopt;
  }
  auto problem = [&](const Problem& p) {
    auto res = http::problem_response(p, {}, req.version(), req.keep_alive());
    secure(res);
    return res;
  };
  if (req.method() != bhttp::verb::get) {
    auto res = problem(
        Problem::make(ProblemKind::kMethodNotAllowed, "the console's files are read with GET"));
    res.set(bhttp::field::allow, "GET");
    return res;
  }
  const auto it = files_.find(name);
  if (it == files_.end()) {
    return problem(Problem::make(
        ProblemKind::kNotFound,
        files_.empty() && !problem_.empty()
            ? problem_
            : "the console has no file " + std::string(name) + " (its files: /console/...)"));
  }
  const File& f = it->second;
  http::Response res;
  if (req[bhttp::field::if_none_match] == f.etag) {
    res = http::Response{bhttp::status::not_modified, req.version()};
    res.keep_alive(req.keep_alive());
  } else {
    res = http::bytes_response(200, f.content_type, f.bytes, req.version(), req.keep_alive());
  }
  res.set(bhttp::field::etag, f.etag);
  res.set(bhttp::field::cache_control, "no-cache");
  secure(res);
  return res;
}

}  // namespace lienthong::admin
