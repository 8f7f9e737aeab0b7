#include "core/evidence/zip_writer.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <memory>
#include <set>
#include <string_view>
#include <system_error>

namespace lienthong::evidence {
namespace {

struct SourceDeleter {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceDeleter>;

Problem failure(const std::filesystem::path& target, std::string_view reason) {
  return Problem::make(ProblemKind::kInternal,
                       "cannot write zip " + target.string() + ": " + std::string(reason));
}

std::string system_reason(int err) {
  return std::generic_category().message(err);
}

// Names an auditor's unzip turns into paths: nothing that escapes its folder or collides.
bool safe_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) {
    return false;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

// The archive's bytes, built by libzip in a memory source (libzip's own in-memory example).
Result<std::string> build(const std::filesystem::path& target, const ZipFiles& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* raw = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (raw == nullptr) {
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return failure(target, reason);
  }
  zip_t* archive = zip_open_from_source(raw, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(raw);
    const std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return failure(target, reason);
  }
  zip_error_fini(&error);
  // One more reference, so the buffer outlives zip_close() and its bytes can be read back.
  zip_source_keep(raw);
  const SourcePtr source(raw);

  auto abandon = [&](const std::string& reason) {
    zip_discard(archive);
    return failure(target, reason);
  };
  for (const auto& [name, bytes] : files) {
    zip_source_t* file = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (file == nullptr) return abandon(zip_strerror(archive));
    const zip_int64_t index = zip_file_add(archive, name.c_str(), file, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(file);
      return abandon(name + ": " + zip_strerror(archive));
    }
    if (zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 0) !=
        0) {
      return abandon(name + ": " + zip_strerror(archive));
    }
  }
  if (zip_close(archive) != 0) return abandon(zip_strerror(archive));

  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(source.get(), &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0 ||
      zip_source_open(source.get()) != 0) {
    return failure(target, zip_error_strerror(zip_source_error(source.get())));
  }
  std::string out(st.size, '\0');
  const zip_int64_t got = zip_source_read(source.get(), out.data(), st.size);
  zip_source_close(source.get());
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
    return failure(target, "reading the archive back from memory failed");
  }
  return out;
}

// Writes `bytes` to a new temporary file in `folder`, flushed; its path on success.
Result<std::filesystem::path> write_temporary(const std::filesystem::path& target,
                                              const std::string& bytes) {
  const std::filesystem::path folder =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  // Hidden and suffixed, so a crash's leftover is never mistaken for a finished bundle.
  std::string name = (folder / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);  // mode 0600
  if (fd < 0) return failure(target, system_reason(errno));
  std::size_t put = 0;
  int err = 0;
  while (put < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + put, bytes.size() - put);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : EIO;
      break;
    }
    put += static_cast<std::size_t>(n);
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(name.c_str());
    return failure(target, system_reason(err));
  }
  return std::filesystem::path(name);
}

}  // namespace

Result<void> write_zip(const std::filesystem::path& target, const ZipFiles& files) {
  if (files.empty()) return failure(target, "no files to put in it");
  if (!target.has_filename()) return failure(target, "the path names no file");
  std::set<std::string_view> seen;
  for (const auto& [name, bytes] : files) {
    if (!safe_name(name)) return failure(target, "unsafe file name in the archive: " + name);
    if (!seen.insert(name).second) return failure(target, "file name given twice: " + name);
  }
  auto bytes = build(target, files);
  if (!bytes) return std::move(bytes).error();
  auto temporary = write_temporary(target, *bytes);
  if (!temporary) return std::move(temporary).error();
  if (::rename(temporary->c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(temporary->c_str());
    return failure(target, system_reason(err));
  }
  return {};
}

}  // namespace lienthong::evidence
