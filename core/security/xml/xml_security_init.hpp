#pragma once

#include <string>

#include "core/base/problem.hpp"

namespace lienthong::security::detail {

/// Initialises libxml2, xmlsec and its OpenSSL back end once per process (thread-safe) and sets
/// the process-wide safety knobs: no external entity or DTD loading, no xmlsec I/O callbacks
/// (so no file, http or ftp reference can ever be fetched), quiet error callbacks. Later calls
/// return the outcome of the first.
Result<void, std::string> ensure_xml_security();

/// The first xmlsec error reported on this thread since clear_xmlsec_error(), for diagnostics.
/// xmlsec errors name functions and nodes, never key material.
std::string last_xmlsec_error();
void clear_xmlsec_error();

}  // namespace lienthong::security::detail
