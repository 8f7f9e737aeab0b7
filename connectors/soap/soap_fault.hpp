#pragma once

#include <optional>
#include <string_view>

#include "core/base/problem.hpp"

namespace lienthong::connectors {

/// What a SOAP 1.1 answer is, read without trusting it: no DTD, no entities.
struct SoapAnswer {
  bool envelope = false;  ///< a SOAP 1.1 Envelope with a Body
  std::optional<Upstream>
      fault;  ///< the Fault in the Body, if any (code: detail code or faultcode)
};

SoapAnswer read_soap_answer(std::string_view xml, int http_status);

}  // namespace lienthong::connectors
