#include "connectors/paygov/platform_answer.hpp"

#include <gtest/gtest.h>

namespace lienthong::connectors::paygov {
namespace {

ProblemKind kind_of(unsigned status, const std::string& body) {
  auto r = read_answer(status, body);
  EXPECT_FALSE(r) << body;
  return r ? ProblemKind::kInternal : r.error().kind;
}

TEST(PaygovAnswer, ZeroIsSuccess) {
  auto r = read_answer(
      200,
      R"({"error_code":"0","message":"{\"UrlThanhToan\":\"http://x/pay/R\",\"ThoiHanThanhToan\":\"20261206142000\"}"})");
  ASSERT_TRUE(r);
  auto init = read_init_answer(*r);
  ASSERT_TRUE(init);
  EXPECT_EQ(init->payment_url, "http://x/pay/R");
  EXPECT_EQ(init->expires_at, "20261206142000");
}

TEST(PaygovAnswer, ErrorCodesBecomeTheHubsKinds) {
  EXPECT_EQ(kind_of(200, R"({"error_code":"01","message":"Sai mã xác thực"})"),
            ProblemKind::kUpstreamError);
  EXPECT_EQ(kind_of(200, R"({"error_code":"02","message":"x"})"), ProblemKind::kUpstreamError);
  EXPECT_EQ(kind_of(200, R"({"error_code":"03","message":"x"})"), ProblemKind::kInvalid);
  EXPECT_EQ(kind_of(200, R"({"error_code":"04","message":"x"})"), ProblemKind::kUpstreamError);
  EXPECT_EQ(kind_of(200, R"({"error_code":"05","message":"x"})"), ProblemKind::kUpstreamNotFound);
  EXPECT_EQ(kind_of(200, R"({"error_code":"99","message":"x"})"), ProblemKind::kUpstreamError);
  EXPECT_EQ(kind_of(401, R"({"error_code":"401","message":"x"})"), ProblemKind::kUpstreamError);
  EXPECT_EQ(kind_of(200, "not json"), ProblemKind::kUpstreamError);
  EXPECT_EQ(kind_of(500, R"({"error_code":"0"})"), ProblemKind::kUpstreamError)
      << "an error status is not a success whatever the body says";
}

TEST(PaygovAnswer, KeepsThePlatformsCodeAndMessage) {
  auto r = read_answer(200, R"({"error_code":"03","message":"SoTien không khớp"})");
  ASSERT_FALSE(r);
  ASSERT_TRUE(r.error().upstream);
  EXPECT_EQ(r.error().upstream->code, "03");
  EXPECT_EQ(r.error().upstream->message, "SoTien không khớp");
}

TEST(PaygovAnswer, InitWithoutAPaymentUrlIsUnusable) {
  EXPECT_FALSE(read_init_answer(nlohmann::json{{"error_code", "0"}, {"message", "ok"}}));
  EXPECT_FALSE(
      read_init_answer(nlohmann::json{{"error_code", "0"}, {"message", "{\"UrlThanhToan\":1}"}}));
}

}  // namespace
}  // namespace lienthong::connectors::paygov
