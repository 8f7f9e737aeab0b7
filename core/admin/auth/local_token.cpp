#include "core/admin/auth/local_token.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>

#include "core/base/random_token.hpp"

namespace lienthong::admin::auth {

namespace fs = std::filesystem;

namespace {

bool is_token(const std::string& text) {
  return text.size() == 43 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

}  // namespace

Result<std::string> read_local_token(const fs::path& file) {
  std::ifstream in(file);
  if (!in) {
    return Problem::make(ProblemKind::kUnavailable,
                         "cannot read the local admin token " + file.string() +
                             " (is the hub running with this configuration, and may this user "
                             "read its var folder?)");
  }
  std::string token;
  std::getline(in, token);
  if (!is_token(token)) {
    return Problem::make(ProblemKind::kInvalid,
                         file.string() + " is not a local admin token (43 base64url characters)");
  }
  return token;
}

Result<std::string> ensure_local_token(const fs::path& file) {
  std::error_code ec;
  if (fs::exists(file, ec)) return read_local_token(file);
  fs::create_directories(file.parent_path(), ec);
  const auto token = random_token();
  // Written whole into a file of its own, then linked into place: link() refuses a name that
  // exists, so hubs starting at once on one var folder all end up with the first one's token,
  // and none ever reads a half-written file.
  const auto tmp = fs::path(file).concat(".tmp-" + std::to_string(::getpid()));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    return Problem::make(ProblemKind::kUnavailable,
                         "cannot create the local admin token " + file.string());
  }
  const std::string line = token + '\n';
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  const bool linked = written && ::link(tmp.c_str(), file.c_str()) == 0;
  const int link_error = errno;
  fs::remove(tmp, ec);
  if (!linked && written && link_error == EEXIST) return read_local_token(file);
  if (!linked) {
    return Problem::make(ProblemKind::kUnavailable,
                         "cannot write the local admin token " + file.string());
  }
  return token;
}

}  // namespace lienthong::admin::auth
