#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"
#include "core/security/signing/pdf_objects.hpp"

/// The file structure of a PDF (ISO 32000-1 §7.5): where the last cross-reference section is,
/// the trailer, and where each object lives — enough to read the catalog, the page tree and the
/// AcroForm for an incremental update. Objects inside object streams (§7.5.7, PDF 1.5+: what
/// Word and LibreOffice write) are read from their FlateDecode'd stream; other filters or
/// predictors on an object stream are refused with a clear error.
namespace lienthong::security::signing::pdf {

/// Where an object of the newest revision that lists it is.
struct XrefEntry {
  std::size_t offset = 0;
  std::uint32_t generation = 0;
  bool in_use = true;  ///< false: the newest section listing it marks it free
  bool operator==(const XrefEntry&) const = default;
};

struct PdfStructure {
  std::size_t header_offset = 0;  ///< where `%PDF-` is (within the first 1024 bytes)
  std::size_t startxref = 0;      ///< offset of the newest cross-reference section
  bool newest_is_xref_stream = false;
  /// The newest trailer; for an xref stream, its dictionary (its stream keys included).
  Dictionary trailer;
  std::uint64_t size = 0;  ///< the newest trailer's /Size
  /// Objects of the classic cross-reference tables of the /Prev chain (the newest entry wins).
  std::map<std::uint64_t, XrefEntry> table;
  /// True when a section is an xref stream or a table has /XRefStm: then objects the tables do
  /// not list are found by scanning the file for `N G obj`.
  bool uses_xref_streams = false;
  /// Uncompressed objects found by that scan (the last definition in the file wins).
  std::map<std::uint64_t, XrefEntry> scanned;
  /// Objects found inside the object streams of that scan, decompressed (the object stream
  /// latest in the file wins, and an uncompressed definition after it wins over both).
  struct CompressedObject {
    std::size_t stream_offset = 0;  ///< of the object stream's `N G obj`
    std::string text;               ///< the object's bytes in the decompressed stream
  };
  std::map<std::uint64_t, CompressedObject> compressed;
};

/// Reads the structure. Errors (`kInvalid`): no `%PDF-` header in the first 1024 bytes, no
/// `startxref`, a section that is neither a table nor an xref stream, a /Prev loop, a trailer
/// without /Root or /Size.
Result<PdfStructure> read_structure(std::string_view pdf);

struct IndirectObject {
  Reference reference;
  Object object;
  std::size_t offset = 0;  ///< of the `N G obj` header
  bool is_stream = false;  ///< the dictionary is followed by `stream`
};

/// Object `number` of the newest revision. Errors (`kInvalid`) say which object and why: not in
/// the file, freed, not where the table says, "PDF object N is compressed in an object stream;
/// not supported".
Result<IndirectObject> read_object(std::string_view pdf, const PdfStructure& structure,
                                   std::uint64_t number);

/// `object` itself, or the object a Reference points to (one level; a reference to a missing
/// object is an error, not null: a signature must not paper over a broken file).
Result<Object> resolve(std::string_view pdf, const PdfStructure& structure, const Object& object);

/// Every `N G obj` in the file outside stream data that can be skipped (a stream whose /Length
/// is a direct integer followed by `endstream`); the last definition of a number wins.
std::map<std::uint64_t, XrefEntry> scan_objects(std::string_view pdf);

}  // namespace lienthong::security::signing::pdf
