#pragma once

#include <string>
#include <string_view>

namespace lienthong::pipeline {

/// The text of the first XML-DSig `SignatureValue` element of `xml` (any prefix), whitespace
/// removed; empty when there is none. For the journal only, on a document the sign or verify
/// stage has just handled: a plain scan, because parsing the envelope again would double the
/// cost of journalling a signed exchange, and nothing is decided on what it finds.
std::string signature_value(std::string_view xml);

}  // namespace lienthong::pipeline
