#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "sandbox/dancu/citizen_registry.hpp"
#include "sandbox/mock_handler.hpp"

namespace lienthong::sandbox::dancu {

/// The population registry (CSDL quốc gia về dân cư), strictly: SOAP 1.1
/// `POST /TraCuuThongTinCongDan` with `Content-Type: text/xml; charset=utf-8` and the exact
/// `SOAPAction`. Faults (HTTP 500): an invalid request (`DC_YEU_CAU_KHONG_HOP_LE`), a reused
/// `MaYeuCau` (`DC_TRUNG_MA_YEU_CAU`), a name or birth date that does not match the ID
/// (`DC_KHONG_KHOP`). An unknown ID answers an empty `CongdanCollection`.
/// Request ids are remembered for the life of the mock. Thread-safe.
class DancuMock final : public MockHandler {
 public:
  explicit DancuMock(CitizenRegistry registry);

  http::Response handle(const http::Request& request) override;
  http::Response injected_failure(const http::Request& request) override;

 private:
  CitizenRegistry registry_;
  std::map<std::string, std::string, std::less<>> found_;  ///< ID -> answer, built once
  std::string not_found_;

  std::mutex mutex_;
  std::set<std::string, std::less<>> seen_request_ids_;
};

}  // namespace lienthong::sandbox::dancu
