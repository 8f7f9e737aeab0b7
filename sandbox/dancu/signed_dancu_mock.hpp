#pragma once

#include <memory>

#include "core/security/certificates/signing_identity.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "sandbox/dancu/dancu_mock.hpp"
#include "sandbox/mock_handler.hpp"

namespace lienthong::sandbox::dancu {

/// The registry's message security (profile dancu-dsig-1, both ways).
struct DancuSecurity {
  security::SigningIdentity identity;  ///< signs every answer (sandbox-dancu in the dev PKI)
  security::TrustStore trust;          ///< whom callers' signatures must chain to (+ CRL)
  security::SigningIdentity other;     ///< a key the registry does not own (bad-signature)
};

/// The dancu mock with XML-DSig: a request must carry a valid dancu-dsig-1 signature by a
/// trusted, unrevoked certificate, else a SOAP `Client` fault `DC_CHU_KY_KHONG_HOP_LE`
/// (HTTP 500) naming the failed check; only the signed Body reaches DancuMock. Every SOAP
/// answer, faults included, is signed. Path and method errors stay plain HTTP (404, 405).
class SignedDancuMock final : public MockHandler {
 public:
  SignedDancuMock(std::shared_ptr<DancuMock> inner, DancuSecurity security);

  http::Response handle(const http::Request& request) override;
  http::Response injected_failure(const http::Request& request) override;
  http::Response injected_signature_fault(const http::Request& request, FaultMode mode) override;

 private:
  http::Response answer(const http::Request& request, std::optional<FaultMode> mode);
  http::Response signed_answer(http::Response response, std::optional<FaultMode> mode) const;

  std::shared_ptr<DancuMock> inner_;
  DancuSecurity security_;
};

}  // namespace lienthong::sandbox::dancu
