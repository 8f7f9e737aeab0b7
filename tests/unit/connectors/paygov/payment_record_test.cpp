#include "connectors/paygov/payment_record.hpp"

#include <gtest/gtest.h>

namespace lienthong::connectors::paygov {
namespace {

using Json = nlohmann::json;

Json init(std::int64_t total, std::vector<std::int64_t> lines) {
  Json fees = Json::array();
  for (auto a : lines) fees.push_back({{"SoTien", a}});
  return {{"SoTien", total},
          {"ThongTinBienLai", {{"MaHoSo", "000.00.01.H22-261201-0001"}, {"PhiLePhi", fees}}}};
}

TEST(PaymentRecord, TheTotalMustBeTheSumOfTheFeeLines) {
  auto ok = read_init(init(100000, {75000, 25000}));
  ASSERT_TRUE(ok) << ok.error().detail;
  EXPECT_EQ(ok->amount, 100000);
  EXPECT_EQ(ok->dossier_code, "000.00.01.H22-261201-0001");
  auto off = read_init(init(99999, {75000, 25000}));
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().kind, ProblemKind::kInvalid);
  ASSERT_EQ(off.error().errors.size(), 1U);
  EXPECT_EQ(off.error().errors[0].pointer, "/amount");
  EXPECT_NE(off.error().errors[0].reason.find("100000"), std::string::npos);
  EXPECT_FALSE(read_init(init(0, {})));
  EXPECT_FALSE(read_init(Json{{"SoTien", "100000"}}));
}

TEST(PaymentRecord, DataRoundTripsWithoutPersonalData) {
  PaymentData d;
  d.dossier_code = "000.00.01.H22-261201-0001";
  d.amount = 100000;
  d.created_day = "20261206";
  d.request_hash = "abc";
  d.payment_url = "http://127.0.0.1:9104/pay/R";
  d.expires_at = "20261206142000";
  const Json j = to_json(d);
  EXPECT_EQ(payment_data(j).payment_url, d.payment_url);
  EXPECT_EQ(payment_data(j).amount, 100000);
  EXPECT_FALSE(j.contains("paidAt")) << "absent until paid";
  EXPECT_EQ(payment_data(Json("not an object")).amount, 0);
}

TEST(PaymentRecord, TheCreatedAnswerIsInThePlatformsWords) {
  PaymentData d;
  d.amount = 5;
  d.payment_url = "u";
  d.expires_at = "20261206142000";
  EXPECT_EQ(created_answer("R", "awaiting_payment", d),
            (Json{{"MaThamChieu", "R"},
                  {"UrlThanhToan", "u"},
                  {"ThoiHanThanhToan", "20261206142000"},
                  {"SoTien", 5},
                  {"TrangThai", "awaiting_payment"}}));
}

TEST(PaymentRecord, APaidNoticeChangesOnlyAnAwaitingPaymentAndCarriesTheData) {
  PaymentData data;
  data.dossier_code = "000.00.01.H22-261201-0001";
  data.amount = 150000;
  data.bank_transaction_id = "PG1";
  const auto c = payment_change("REF-1", PaymentEvent::kPaid, data, "ipn");
  EXPECT_EQ(c.kind, "payment");
  EXPECT_EQ(c.id, "REF-1");
  EXPECT_EQ(c.from_states, std::vector<std::string>{"awaiting_payment"});
  EXPECT_EQ(c.to_state, "paid");
  EXPECT_EQ(c.cause, "ipn");
  EXPECT_EQ(payment_data(nlohmann::json::parse(c.data)).bank_transaction_id, "PG1");
}

}  // namespace
}  // namespace lienthong::connectors::paygov
