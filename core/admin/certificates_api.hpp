#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <optional>
#include <vector>

#include "core/admin/certificate_report.hpp"
#include "core/http/types.hpp"

namespace lienthong::admin {

/// `GET /admin/certificates`: every certificate the running configuration names, with its
/// subject, issuer and expiry (certificate_report.hpp). The files are read at each request, on
/// `blocking`, so a renewed certificate shows the day it is put in place.
class CertificatesApi {
 public:
  CertificatesApi(const config::HubConfig& config, boost::asio::any_io_executor blocking);

  /// The answer for `/admin/certificates`, nullopt for any other target.
  [[nodiscard]] boost::asio::awaitable<std::optional<http::Response>> handle(
      const http::Request& request) const;

 private:
  std::vector<CertificateSource> sources_;
  boost::asio::any_io_executor blocking_;
};

}  // namespace lienthong::admin
