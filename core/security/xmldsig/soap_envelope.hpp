#pragma once

#include <libxml/tree.h>

#include <vector>

namespace lienthong::security::detail {

/// The SOAP 1.1 skeleton of a document.
struct SoapEnvelope {
  xmlNode* envelope = nullptr;       ///< null when the root is not a SOAP 1.1 Envelope
  std::vector<xmlNode*> headers;     ///< soap:Header children of the Envelope
  std::vector<xmlNode*> bodies;      ///< soap:Body children of the Envelope
  std::vector<xmlNode*> all_bodies;  ///< every soap:Body element in the document

  /// The Envelope's only Body, when there is exactly one in the whole document.
  [[nodiscard]] xmlNode* only_body() const {
    return bodies.size() == 1 && all_bodies.size() == 1 ? bodies.front() : nullptr;
  }
};

SoapEnvelope inspect_envelope(xmlDoc* doc);

}  // namespace lienthong::security::detail
