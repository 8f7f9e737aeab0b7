#pragma once

#include <map>
#include <string>
#include <string_view>

#include "sandbox/dkdn/enterprise_registry.hpp"
#include "sandbox/mock_handler.hpp"

namespace lienthong::sandbox::dkdn {

inline constexpr std::string_view kLookupPath = "/DoanhNghiep/chiTietDoanhNghiep";

/// The business registry (CSDL quốc gia về đăng ký doanh nghiệp), strictly:
/// `GET /DoanhNghiep/chiTietDoanhNghiep?msdn=<code>` with `Authorization: Bearer <token>`.
/// 401 without the right token, 405 for another method, 400 `invalid_msdn` when the code
/// breaks the tax-code rules, 200 `{"GetEntCert":null}` for an unknown code and
/// 200 `{"GetEntCert":[record]}` for a known one. Errors are `{"error","message"}`.
class DkdnMock final : public MockHandler {
 public:
  DkdnMock(const EnterpriseRegistry& registry, std::string token);

  http::Response handle(const http::Request& request) override;
  http::Response injected_failure(const http::Request& request) override;

 private:
  [[nodiscard]] bool authorised(const http::Request& request) const;

  std::string token_;
  std::map<std::string, std::string, std::less<>> answers_;  ///< code -> body, built once
};

}  // namespace lienthong::sandbox::dkdn
