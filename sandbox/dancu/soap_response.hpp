#pragma once

#include <string>

#include "sandbox/dancu/citizen.hpp"
#include "sandbox/dancu/soap_request.hpp"

namespace lienthong::sandbox::dancu {

/// The answer envelope: `SOAP-ENV:Envelope/SOAP-ENV:Body[@Id="body"]/CongdanCollection`, the
/// collection declaring `urn:dancu:congdan:1.0` as the default namespace, holding one `CongDan`
/// for `citizen` or nothing when it is null (not found). UTF-8 with an XML declaration.
std::string collection_envelope(const Citizen* citizen);

/// A SOAP 1.1 fault envelope: `faultcode` (`SOAP-ENV:<code>`), `faultstring`,
/// `detail/dc:MaLoi`.
std::string fault_envelope(const SoapFault& fault);

}  // namespace lienthong::sandbox::dancu
