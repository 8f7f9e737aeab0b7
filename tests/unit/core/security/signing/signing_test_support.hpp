#pragma once

// Helpers shared by the tests of core/security/signing: a PDF builder, the remote CA's part
// (signing digest_to_sign with a dev-PKI key), an RFC 3161 token from the dev PKI's TSA, and
// small byte, command and file helpers.

#include <openssl/evp.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lienthong::security::signing::test_support {

// ---- Sample PDFs ------------------------------------------------------------------------------

using PdfObjects = std::vector<std::pair<int, std::string>>;

/// Appends a revision to `pdf` (a new file when empty): the objects, a classic cross-reference
/// section and a trailer of `trailer` (the dictionary's inside), with /Prev when there was one.
std::string add_revision(std::string pdf, const PdfObjects& objects, const std::string& trailer);

/// A stream object's body: `<</Length n>> stream ... endstream`.
std::string stream_object(const std::string& data);

/// A PDF of `bodies` as objects 1..n, uncompressed, indexed by a cross-reference stream (object
/// n+1, /W [1 4 2], /Root 1 0 R); `trailer_extra` goes into its dictionary after /Root.
std::string xref_stream_pdf(const std::vector<std::string>& bodies,
                            const std::string& trailer_extra = "");

// ---- The CA, the TSA --------------------------------------------------------------------------

/// What the remote CA does after approval: the key's signature over `digest` as a SHA-256
/// digest (RSA PKCS#1 v1.5, or ECDSA).
std::string play_ca(EVP_PKEY* key, std::string_view digest);

/// An RFC 3161 token over `imprint` from the dev PKI's TSA, made by `openssl ts` in `dir`.
std::string timestamp_token(const std::filesystem::path& dir, std::string_view imprint);

// ---- Bytes --------------------------------------------------------------------------------------

std::string sha256(std::string_view data);
std::string hex(std::string_view bytes);  // lower case

/// One DER TLV of a constructed universal type (V_ASN1_SEQUENCE, V_ASN1_SET), encoded by OpenSSL.
std::string der_tlv(int universal_tag, std::string_view content);

// ---- Commands, files ----------------------------------------------------------------------------

struct Ran {
  int status = -1;     // the shell's exit status
  std::string output;  // stdout and stderr
};

/// Runs `command` through tests/support/run_command, with its exit status.
Ran run(const std::string& command);

/// Whether `tool` is on the PATH.
bool have(const std::string& tool);

/// `path` in single quotes, for a shell command.
std::string quoted(const std::filesystem::path& path);

}  // namespace lienthong::security::signing::test_support
