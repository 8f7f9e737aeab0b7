#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>

namespace lienthong::security::signing::detail {

/// Exclusive XML Canonicalization 1.0 without comments (http://www.w3.org/2001/10/xml-exc-c14n#,
/// no InclusiveNamespaces) by libxml2's xmlC14NExecute, over a node set given by two elements:
/// every node within `include` (the whole document when null), minus every node within
/// `exclude` (none when null). That covers what an XML-DSig verifier digests:
/// - Reference URI="" + enveloped-signature + exc-c14n: include null, exclude the ds:Signature;
/// - Reference URI="#id" + exc-c14n: include the element with that Id;
/// - SignedInfo before signing: include ds:SignedInfo.
/// Nullopt when libxml2 fails (out of memory).
std::optional<std::string> exclusive_c14n(xmlDoc* doc, const xmlNode* include,
                                          const xmlNode* exclude = nullptr);

}  // namespace lienthong::security::signing::detail
