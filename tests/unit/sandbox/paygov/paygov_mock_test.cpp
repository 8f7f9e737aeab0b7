#include "sandbox/paygov/paygov_mock.hpp"

#include <gtest/gtest.h>

#include "core/base/base64.hpp"
#include "core/security/certificates/certificates.hpp"
#include "sandbox/paygov/tester_controls.hpp"
#include "tests/unit/sandbox/paygov/paygov_test_support.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::paygov {
namespace {

namespace bhttp = http::beast::http;
namespace ts = test_support;
using namespace std::chrono_literals;
using Json = nlohmann::json;
using sandbox::test_support::make_request;

class PaygovMockTest : public ::testing::Test {
 protected:
  PaygovMockTest() {
    PaygovOptions options;
    options.partner = Partner{ts::kPartner, ts::kSecret};
    options.token = "tok";
    options.expiry = 900s;
    options.now = [this] { return now_; };
    auto book = std::make_shared<PaymentBook>(options.expiry);
    mock_ = std::make_shared<PaygovMock>(options, book,
                                         [this](IpnJob job) { jobs_.push_back(std::move(job)); });
    controls_ = std::make_unique<TesterControls>(mock_);
  }

  http::Response api(const Json& body, const std::string& auth = "Bearer tok") {
    auto request = make_request(
        bhttp::verb::post, "/api/thanhtoan", body.dump(),
        {{"Content-Type", "application/json; charset=utf-8"}, {"Host", "127.0.0.1:9104"}});
    if (!auth.empty()) request.set("Authorization", auth);
    return mock_->handle(request);
  }
  Json api_json(const Json& body) {
    auto r = api(body);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return Json::parse(r.body());
  }
  http::Response control(bhttp::verb method, const std::string& target, std::string body = {}) {
    auto r = controls_->handle(make_request(method, target, std::move(body)));
    EXPECT_TRUE(r) << target;
    return r ? std::move(*r) : http::Response{};
  }
  void init(const std::string& ref) {
    ASSERT_EQ(api_json(ts::init_message(ref))["error_code"], "0");
  }

  TimePoint now_ = ts::fixed_now();
  std::vector<IpnJob> jobs_;
  std::shared_ptr<PaygovMock> mock_;
  std::unique_ptr<TesterControls> controls_;
};

TEST_F(PaygovMockTest, InitAnswersThePaymentPageAsJsonText) {
  const auto body = api_json(ts::init_message("HS-0001"));
  EXPECT_EQ(body["error_code"], "0");
  ASSERT_TRUE(body["message"].is_string());
  const auto inner = Json::parse(body["message"].get<std::string>());
  EXPECT_EQ(inner["UrlThanhToan"], "http://127.0.0.1:9104/pay/HS-0001");
  EXPECT_EQ(inner["ThoiHanThanhToan"], "20250701094500");
}

TEST_F(PaygovMockTest, TokenFirstThenErrorCodes) {
  auto r = api(ts::init_message(), "");
  EXPECT_EQ(r.result_int(), 401);
  EXPECT_EQ(Json::parse(r.body())["error_code"], "401");
  EXPECT_EQ(api(ts::init_message(), "Bearer nope").result_int(), 401);
  EXPECT_EQ(api_json(Json{{"LoaiBanTin", "REFUND"}})["error_code"], "03");
  auto not_json =
      make_request(bhttp::verb::post, "/api/thanhtoan", "{",
                   {{"Content-Type", "application/json"}, {"Authorization", "Bearer tok"}});
  EXPECT_EQ(Json::parse(mock_->handle(not_json).body())["error_code"], "03");
  auto get =
      make_request(bhttp::verb::get, "/api/thanhtoan", "", {{"Authorization", "Bearer tok"}});
  EXPECT_EQ(mock_->handle(get).result_int(), 405);
  // A reference is used once, whatever became of the first payment.
  init("HS-0001");
  EXPECT_EQ(api_json(ts::init_message("HS-0001"))["error_code"], "02");
  EXPECT_EQ(api_json(ts::lookup_message("QUERY", "NOPE"))["error_code"], "05");
  EXPECT_EQ(api_json(ts::lookup_message("GET_BILL", "HS-0001"))["error_code"], "05");
  EXPECT_EQ(mock_->injected_failure(get).result_int(), 500);
}

TEST_F(PaygovMockTest, PayThroughTheTesterControlThenQueryAndBill) {
  init("HS-0001");
  auto q = api_json(ts::lookup_message("QUERY", "HS-0001"));
  EXPECT_EQ(q["TrangThaiGD"], "01");
  EXPECT_EQ(q["SoTien"], 150000);
  EXPECT_FALSE(q.contains("MaGiaoDich"));

  now_ += 30s;
  auto paid = control(bhttp::verb::post, "/_sandbox/payments/HS-0001/pay", R"({"ipn":"twice"})");
  ASSERT_EQ(paid.result_int(), 200) << paid.body();
  EXPECT_EQ(Json::parse(paid.body())["state"], "paid");
  ASSERT_EQ(jobs_.size(), 1u);
  EXPECT_EQ(jobs_[0].sends, 2);
  EXPECT_EQ(jobs_[0].body["MaLoi"], "00");
  EXPECT_EQ(jobs_[0].body["ThoiGianGD"], "20250701093030");
  EXPECT_EQ(jobs_[0].body["MaXacThuc"], checksum(jobs_[0].body, kIpnChecksumOrder, ts::kSecret));

  q = api_json(ts::lookup_message("QUERY", "HS-0001"));
  EXPECT_EQ(q["TrangThaiGD"], "00");
  EXPECT_EQ(q["ThoiGianThanhToan"], "20250701093030");
  EXPECT_EQ(q["MaGiaoDich"], jobs_[0].body["MaGiaoDich"]);
  const auto bill = api_json(ts::lookup_message("GET_BILL", "HS-0001"));
  EXPECT_EQ(bill["error_code"], "0");
  EXPECT_EQ(bill["TenFile"], "bienlai-HS-0001.pdf");
  const auto pdf = decode_base64(bill["NoiDungFile"].get<std::string>());
  ASSERT_TRUE(pdf);
  EXPECT_TRUE(pdf->starts_with("%PDF-1.4"));

  // Paying twice is refused; the record shows the state.
  EXPECT_EQ(control(bhttp::verb::post, "/_sandbox/payments/HS-0001/cancel").result_int(), 409);
  auto record = Json::parse(control(bhttp::verb::get, "/_sandbox/payments/HS-0001").body());
  EXPECT_EQ(record["TrangThaiGD"], "00");
  EXPECT_EQ(record["ThongTinBienLai"]["HoTenNguoiNop"], "Nguyễn Văn An");
  EXPECT_EQ(control(bhttp::verb::get, "/_sandbox/payments/NOPE").result_int(), 404);
  EXPECT_EQ(control(bhttp::verb::post, "/_sandbox/payments/NOPE/pay").result_int(), 404);
  EXPECT_EQ(
      control(bhttp::verb::post, "/_sandbox/payments/HS-0001/pay", R"({"ipn":"x"})").result_int(),
      400);
  EXPECT_FALSE(controls_->handle(make_request(bhttp::verb::get, "/_sandbox/requests")));
}

TEST_F(PaygovMockTest, IpnModesPlanTheNotice) {
  for (const char* ref : {"R1", "R2", "R3", "R4", "R5"}) init(ref);
  control(bhttp::verb::post, "/_sandbox/payments/R1/pay", R"({"ipn":"never"})");
  EXPECT_TRUE(jobs_.empty());
  control(bhttp::verb::post, "/_sandbox/payments/R2/pay", R"({"ipn":"wrong-amount"})");
  ASSERT_EQ(jobs_.size(), 1u);
  EXPECT_EQ(jobs_.back().body["SoTien"], 151000);
  EXPECT_EQ(jobs_.back().body["MaXacThuc"],
            checksum(jobs_.back().body, kIpnChecksumOrder, ts::kSecret));
  EXPECT_FALSE(jobs_.back().resend);
  control(bhttp::verb::post, "/_sandbox/payments/R3/pay", R"({"ipn":"bad-checksum"})");
  EXPECT_NE(jobs_.back().body["MaXacThuc"],
            checksum(jobs_.back().body, kIpnChecksumOrder, ts::kSecret));
  EXPECT_EQ(jobs_.back().body["MaXacThuc"].get<std::string>().size(), 64u);
  control(bhttp::verb::post, "/_sandbox/payments/R4/pay", R"({"ipn":"late"})");
  EXPECT_EQ(jobs_.back().delay, 2000ms);
  EXPECT_TRUE(jobs_.back().resend);
  control(bhttp::verb::post, "/_sandbox/payments/R5/cancel", R"({"delay_ms":50})");
  EXPECT_EQ(jobs_.back().body["MaLoi"], "24");
  EXPECT_EQ(jobs_.back().body["MaGiaoDich"], "");
  EXPECT_EQ(jobs_.back().delay, 50ms);
}

TEST_F(PaygovMockTest, ExpiresAfterTheConfiguredTime) {
  init("HS-9");
  now_ += 900s;
  EXPECT_EQ(api_json(ts::lookup_message("QUERY", "HS-9", "20250701094500"))["TrangThaiGD"], "03");
  const auto refused = control(bhttp::verb::post, "/_sandbox/payments/HS-9/pay");
  EXPECT_EQ(refused.result_int(), 409);
  EXPECT_NE(refused.body().find("expired"), std::string::npos);
  EXPECT_TRUE(jobs_.empty());
}

TEST_F(PaygovMockTest, PaymentPageAndItsButtons) {
  init("HS-0001");
  auto page = mock_->handle(make_request(bhttp::verb::get, "/pay/HS-0001"));
  EXPECT_EQ(page.result_int(), 200);
  EXPECT_EQ(page[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_NE(page.body().find("150.000"), std::string::npos);
  EXPECT_NE(page.body().find("action=\"/pay/HS-0001/cancel\""), std::string::npos);
  auto cancelled =
      mock_->handle(make_request(bhttp::verb::post, "/pay/HS-0001/cancel", "",
                                 {{"Content-Type", "application/x-www-form-urlencoded"}}));
  EXPECT_EQ(cancelled.result_int(), 200);
  EXPECT_NE(cancelled.body().find("Đã hủy"), std::string::npos);
  ASSERT_EQ(jobs_.size(), 1u);
  EXPECT_EQ(jobs_[0].mode, IpnMode::kNormal);
  EXPECT_EQ(jobs_[0].body["MaLoi"], "24");
  EXPECT_EQ(mock_->handle(make_request(bhttp::verb::post, "/pay/HS-0001/pay")).result_int(), 409);
  EXPECT_EQ(mock_->handle(make_request(bhttp::verb::get, "/pay/NOPE")).result_int(), 404);
  EXPECT_EQ(mock_->handle(make_request(bhttp::verb::get, "/pay/HS-0001/pay")).result_int(), 405);
  EXPECT_EQ(mock_->handle(make_request(bhttp::verb::get, "/elsewhere")).result_int(), 404);
}

TEST_F(PaygovMockTest, ReconciliationListsTheDayWithPlants) {
  init("A1");
  init("A2");
  control(bhttp::verb::post, "/_sandbox/payments/A1/pay");
  auto list = api_json(ts::reconcile_message("20250701"))["DanhSachGiaoDich"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["MaThamChieu"], "A1");
  EXPECT_EQ(list[0]["TrangThaiGD"], "00");
  EXPECT_EQ(list[1]["TrangThaiGD"], "01");
  EXPECT_EQ(list[1]["MaGiaoDich"], "");
  EXPECT_TRUE(api_json(ts::reconcile_message("20250630"))["DanhSachGiaoDich"].empty());

  auto planted = control(bhttp::verb::post, "/_sandbox/reconciliation/20250701",
                         R"({"drop":["A2"],"override":{"A1":{"SoTien":1}},
                             "add":[{"MaThamChieu":"GHOST","MaGiaoDich":"PGX","SoTien":5,
                                     "ThoiGianGD":"20250701100000","TrangThaiGD":"00"}]})");
  ASSERT_EQ(planted.result_int(), 200) << planted.body();
  list = api_json(ts::reconcile_message("20250701"))["DanhSachGiaoDich"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["SoTien"], 1);
  EXPECT_EQ(list[1]["MaThamChieu"], "GHOST");
  EXPECT_EQ(
      control(bhttp::verb::post, "/_sandbox/reconciliation/20250701", R"({"x":1})").result_int(),
      400);
  EXPECT_EQ(control(bhttp::verb::delete_, "/_sandbox/reconciliation/20250701").result_int(), 204);
  EXPECT_EQ(api_json(ts::reconcile_message("20250701"))["DanhSachGiaoDich"].size(), 2u);
  EXPECT_EQ(control(bhttp::verb::get, "/_sandbox/reconciliation/2025-07-01").result_int(), 404);
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
