#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/base/problem.hpp"

/// The zip archive of `lienthong evidence export` (issue 12, point 4): named in-memory files
/// written as one deflated zip (libzip) that `unzip` and any auditor's tool read.
namespace lienthong::evidence {

/// Files of an archive in the order they are written: name (UTF-8, '/' between folders, e.g.
/// "entries/000001.json") → bytes (any, NUL bytes included).
using ZipFiles = std::vector<std::pair<std::string, std::string>>;

/// Writes `files` as a zip archive at `target`, every file deflated.
///
/// The archive is built in memory, written to a temporary file beside `target` (same folder, so
/// the rename cannot cross file systems), flushed to disk and renamed over `target`: a failed
/// export leaves no half file, and an existing `target` is replaced only by a complete archive.
/// The file is created mode 0600, as a bundle holds decrypted bodies (personal data).
///
/// Errors (`kInternal`, with the path and libzip's or the system's reason): no files; a name that
/// is empty, absolute, has a backslash, an empty, "." or ".." component, or appears twice (an
/// auditor's unzip must not write outside its folder or lose a file); libzip failing; the folder
/// missing or not writable; the rename failing.
Result<void> write_zip(const std::filesystem::path& target, const ZipFiles& files);

}  // namespace lienthong::evidence
