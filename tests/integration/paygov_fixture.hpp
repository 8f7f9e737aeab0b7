// The paygov end-to-end fixture: a hub whose provincial port the sandbox's payment mock knows
// (it sends its IPNs there), with helpers to create, notify, and read what was pushed.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <fstream>
#include <thread>

#include "connectors/paygov/checksum.hpp"
#include "connectors/paygov/platform_time.hpp"
#include "hub_fixture.hpp"

namespace lienthong::testing {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

inline Json example() {
  std::ifstream in(std::filesystem::path(LT_SOURCE_DIR) /
                   "mappings/paygov/create-payment.example.json");
  return Json::parse(in, nullptr, true, true);
}

/// A port free now, for the hub: the sandbox's payment mock must know where to send its IPNs
/// before the hub listens.
inline std::uint16_t free_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(
      ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

inline constexpr const char* kSecret = "sandbox-paygov-secret";
inline constexpr const char* kNotice = "/inbound/paygov/payment-notice";

class PaygovTest : public HubFixture {
 protected:
  void customize_sandbox(sandbox::SandboxOptions& options) override {
    hub_port_ = free_port();
    options.paygov_ipn_url =
        "http://127.0.0.1:" + std::to_string(hub_port_) + "/inbound/paygov/payment-notice";
    options.paygov_ipn_resend_delay = std::chrono::milliseconds(100);
  }
  void customize(config::HubConfig& config) override {
    config.listen.port = hub_port_;
    for (auto& [name, target] : config.provincial_targets) {
      target.delivery.backoff_initial_ms = 50;
      target.delivery.backoff_max_ms = 100;
    }
  }
  std::string created_id() {
    const auto res = create(example());
    EXPECT_EQ(res.result_int(), 201) << res.body();
    return body_json(res).value("paymentId", "");
  }
  /// A notice as the platform would sign it.
  static Json ipn(const std::string& reference, std::int64_t amount, std::string result = "00") {
    Json n = {{"LoaiBanTin", "IPN"},
              {"MaLoi", std::move(result)},
              {"MaDoiTac", "LIENTHONG"},
              {"MaThamChieu", reference},
              {"SoTien", amount},
              {"MaTienTe", "VND"},
              {"MaGiaoDich", "BANK-TEST-1"},
              {"MaNganHang", "PAYMENT"},
              {"ThoiGianGD", connectors::paygov::platform_time(std::chrono::system_clock::now())},
              {"ThongTinGiaoDich", "test"}};
    n["MaXacThuc"] = connectors::paygov::checksum(n, connectors::paygov::order::kIpn, kSecret);
    return n;
  }
  http::Response notify(const std::string& body) {
    return post(kNotice, body, {{"Authorization", std::string("Bearer ") + kPaygovIpnKey}});
  }
  /// The answer's MaLoi, after checking that the answer is the platform's format, signed.
  static std::string answer_code(const http::Response& res) {
    EXPECT_EQ(res.result_int(), 200) << res.body();
    const auto a = body_json(res);
    EXPECT_EQ(a.value("MaXacThuc", ""),
              connectors::paygov::checksum(a, connectors::paygov::order::kIpnAnswer, kSecret))
        << a;
    EXPECT_EQ(a["MaDoiTac"], "LIENTHONG");
    return a.value("MaLoi", "");
  }
  std::string state_of(const std::string& id) {
    auto r = hub_->store().get_record("payment", id);
    return r ? r->state : "(" + r.error().detail + ")";
  }
  /// Pushes of payment events the hub delivered (the provincial mock accepted them).
  std::size_t pushes_delivered() {
    store::ListFilter filter;
    filter.connector = "paygov";
    filter.state = store::MessageState::kDelivered;
    filter.limit = 1000;
    auto listed = hub_->store().list(filter);
    std::size_t n = 0;
    for (const auto& m : listed ? *listed : std::vector<store::MessageStatus>{}) {
      n += m.operation == "inbound/payment-notice" ? 1 : 0;
    }
    return n;
  }
  /// The provincial mock's payment events, oldest first.
  std::vector<Json> pushed() {
    std::vector<Json> out;
    for (const auto& e : body_json(sandbox("motcua", bhttp::verb::get, "/_sandbox/requests"))) {
      auto body = Json::parse(e.value("body", std::string()), nullptr, false);
      if (body.is_object() && body.value("event", "").starts_with("payment-")) out.push_back(body);
    }
    return out;
  }
  template <class Done>
  bool eventually(Done done, std::chrono::milliseconds within = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
  }
  std::uint16_t hub_port_ = 0;
  /// INIT messages the mock received, oldest first.
  std::vector<Json> received(const std::string& type) {
    std::vector<Json> out;
    for (const auto& e : body_json(sandbox("paygov", bhttp::verb::get, "/_sandbox/requests"))) {
      auto body = Json::parse(e.value("body", std::string()), nullptr, false);
      if (body.is_object() && body.value("LoaiBanTin", std::string()) == type) out.push_back(body);
    }
    return out;
  }
  http::Response create(const Json& body, std::map<std::string, std::string> headers = {}) {
    return post_json("/v1/paygov/create-payment", body, std::move(headers));
  }
};

}  // namespace lienthong::testing
