#pragma once

#include <string>

#include "core/security/certificates/signing_identity.hpp"
#include "sandbox/faults.hpp"

namespace lienthong::sandbox::dancu {

/// A signed answer spoiled the way `mode` says, as an attacker or a broken registry would:
/// kBadSignature puts in the SignatureValue another key (`other`) computed over the same
/// SignedInfo; kTampered changes the signed Body after signing; kWrapped moves the signed Body
/// into a Header element and puts a forged, unsigned Body (an empty collection) in its place.
/// `unsigned_xml` is the answer before signing, `signed_xml` after. kUnsigned: `unsigned_xml`.
std::string spoil_signature(FaultMode mode, const std::string& unsigned_xml,
                            const std::string& signed_xml, const security::SigningIdentity& other);

}  // namespace lienthong::sandbox::dancu
