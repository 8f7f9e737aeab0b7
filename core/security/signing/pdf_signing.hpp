#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/base/problem.hpp"

/// PAdES (ETSI EN 319 142-1) signing of a PDF in two pure steps around a remote signature:
/// prepare_pdf() appends an incremental update with an empty signature and says what to sign;
/// embed_in_pdf() puts the CMS (cms_signature.hpp, built over `content_sha256`) into it.
namespace lienthong::security::signing {

/// What the signature dictionary says besides the signature itself. Text is UTF-8.
struct PdfSignatureFields {
  std::chrono::system_clock::time_point signing_time;  ///< /M (UTC, whole seconds)
  std::string reason;                                  ///< /Reason, omitted when empty
  std::string location;                                ///< /Location, omitted when empty
  std::string signer_name;                             ///< /Name, omitted when empty
  /// Bytes reserved for the DER CMS in /Contents (the hex string is twice as long). 32 KiB
  /// holds a 4096-bit signature, a chain of a few certificates and a timestamp token.
  std::size_t reserved_bytes = 32768;
};

/// A PDF with a signature placeholder, to be stored while the signer approves.
struct PreparedPdf {
  /// The original bytes, unchanged, followed by the incremental update: a signature dictionary
  /// whose /Contents is `<00…>`, a signature field that is its own widget (invisible, on the
  /// first page), the rewritten page (or its /Annots array), the catalog (or its AcroForm),
  /// a classic cross-reference section and a trailer with /Prev.
  std::string bytes;
  std::size_t contents_offset = 0;  ///< of the '<' of /Contents
  std::size_t contents_length = 0;  ///< of the hex string including '<' and '>'
  /// Raw SHA-256 of the two /ByteRange ranges (everything but the /Contents hex string): the
  /// `content_sha256` to hand to prepare_cms().
  std::string content_sha256;
};

/// Appends the update. Deterministic: the same inputs give the same bytes. Refused with
/// `kInvalid` and a detail meant for the user: not a PDF (no `%PDF-` in the first 1024 bytes,
/// no startxref, cross-reference or trailer; truncated, i.e. no %%EOF after the last
/// startxref); encrypted (/Encrypt in the trailer); broken structure (an object not where the
/// table says, no catalog, no page); unsupported structure (catalog, page tree, AcroForm or
/// /Annots only inside an object stream; a field text that is not UTF-8; a reservation outside
/// 1 byte … 1 MiB; a file of 10 GB or more, whose offsets do not fit /ByteRange's fields).
Result<PreparedPdf> prepare_pdf(std::string_view pdf, const PdfSignatureFields& fields);

/// Writes `cms_der` as upper-case hex into the placeholder, padded with '0' (the DER carries its
/// own length, so readers ignore the padding). Refused (`kInvalid`): a CMS
/// larger than the reservation (the detail says how many bytes to reserve), a `prepared` that
/// does not look like prepare_pdf()'s output (placeholder not where it says, already filled,
/// bytes changed since), a CMS that is not a SignedData or whose message-digest is not
/// `content_sha256` (the CMS of another document).
Result<std::string> embed_in_pdf(PreparedPdf prepared, std::string_view cms_der);

}  // namespace lienthong::security::signing
