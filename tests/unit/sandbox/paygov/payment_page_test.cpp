#include "sandbox/paygov/payment_page.hpp"

#include <gtest/gtest.h>

#include "sandbox/paygov/money.hpp"
#include "tests/unit/sandbox/paygov/paygov_test_support.hpp"

namespace lienthong::sandbox::paygov {
namespace {

using namespace std::chrono_literals;

Payment payment_with(const std::string& payer, const std::string& fee_name) {
  InitRequest init;
  init.reference = "HS-7";
  init.amount = 1234567;
  init.description = "Lệ phí <b>";
  init.receipt.payer_name = payer;
  init.receipt.dossier = "000.00.01.H22-250701-0001";
  init.receipt.fees.push_back({"1", "LP", fee_name, 1234567});
  return Payment{init, PaymentLifecycle(test_support::fixed_now(), 900s)};
}

TEST(PaygovPaymentPageTest, EscapesEveryValue) {
  EXPECT_EQ(html_escape(R"(<a href="x">'&'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  const auto html = payment_page(payment_with("Nguyễn <script>alert(1)</script>", "Phí \"A\""));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("Nguyễn &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Phí &quot;A&quot;"), std::string::npos);
  EXPECT_NE(html.find("Lệ phí &lt;b&gt;"), std::string::npos);
}

TEST(PaygovPaymentPageTest, ShowsAmountFeesAndButtonsWhileAwaiting) {
  auto p = payment_with("Nguyễn Văn An", "Lệ phí");
  const auto html = payment_page(p);
  EXPECT_NE(html.find("1.234.567"), std::string::npos);
  EXPECT_NE(html.find("Nguyễn Văn An"), std::string::npos);
  EXPECT_NE(html.find(R"(<form method="post" action="/pay/HS-7/pay">)"), std::string::npos);
  EXPECT_NE(html.find(R"(<form method="post" action="/pay/HS-7/cancel">)"), std::string::npos);
  p.state = PaymentState::kPaid;
  const auto paid = payment_page(p);
  EXPECT_EQ(paid.find("<form"), std::string::npos);
  EXPECT_NE(paid.find("Đã thanh toán"), std::string::npos);
  EXPECT_NE(message_page("A & B", "<x>").find("<h1>A &amp; B</h1>\n<p>&lt;x&gt;</p>"),
            std::string::npos);
}

TEST(PaygovPaymentPageTest, FormatsAmounts) {
  EXPECT_EQ(format_vnd(0), "0");
  EXPECT_EQ(format_vnd(999), "999");
  EXPECT_EQ(format_vnd(1000), "1.000");
  EXPECT_EQ(format_vnd(150000), "150.000");
  EXPECT_EQ(format_vnd(1234567), "1.234.567");
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
