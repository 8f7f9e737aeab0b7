#include "sandbox/paygov/init_message.hpp"

#include <gtest/gtest.h>

#include "sandbox/paygov/lookup_message.hpp"
#include "tests/unit/sandbox/paygov/paygov_test_support.hpp"

namespace lienthong::sandbox::paygov {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
namespace ts = test_support;

class PaygovInitMessageTest : public ::testing::Test {
 protected:
  Result<InitRequest, WireError> check(const Json& m) {
    return check_init(m, CheckContext{partner_, ts::fixed_now(), 15min});
  }
  std::string code_of(const Json& m) {
    auto r = check(m);
    return r ? std::string("ok") : r.error().code;
  }
  // `m` changed by `edit`, then signed again (so only the edited rule can refuse it).
  Json resigned(Json m, const std::function<void(Json&)>& edit) {
    edit(m);
    return ts::sign(std::move(m), kInitChecksumOrder);
  }

  Partner partner_{ts::kPartner, ts::kSecret};
};

TEST_F(PaygovInitMessageTest, AcceptsAValidInit) {
  auto r = check(ts::init_message("HS-0001"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->reference, "HS-0001");
  EXPECT_EQ(r->amount, 150000);
  EXPECT_EQ(r->receipt.payer_name, "Nguyễn Văn An");
  ASSERT_EQ(r->receipt.fees.size(), 2u);
  EXPECT_EQ(r->receipt.fees[1].amount, 50000);
  EXPECT_FALSE(r->return_url);
}

TEST_F(PaygovInitMessageTest, MissingOrMistypedFieldsAre03) {
  for (const char* field : {"PhienBan", "MaThamChieu", "SoTien", "ThoiGianGD", "Ip", "MaXacThuc",
                            "ThongTinBienLai", "ThongTinGiaoDich"}) {
    auto m = ts::init_message();
    m.erase(field);
    auto r = check(m);
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().code, "03") << field;
    EXPECT_NE(r.error().message.find(field), std::string::npos) << r.error().message;
  }
  EXPECT_EQ(code_of(resigned(ts::init_message(), [](Json& m) { m["SoTien"] = "150000"; })), "03");
  EXPECT_EQ(code_of(resigned(ts::init_message(), [](Json& m) { m["SoTien"] = 150000.5; })), "03");
  EXPECT_EQ(code_of(resigned(ts::init_message(), [](Json& m) { m["extra"] = "x"; })), "03");
  auto nested = ts::init_message();
  nested["ThongTinBienLai"].erase("HoTenNguoiNop");
  auto r = check(nested);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "03");
  EXPECT_NE(r.error().message.find("ThongTinBienLai.HoTenNguoiNop"), std::string::npos);
  nested = ts::init_message();
  nested["ThongTinBienLai"]["PhiLePhi"][1].erase("SoTien");
  r = check(nested);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("PhiLePhi[1].SoTien"), std::string::npos);
  EXPECT_EQ(code_of(Json::array()), "03");
}

TEST_F(PaygovInitMessageTest, UnknownPartnerIs04BeforeTheChecksum) {
  auto m = ts::init_message();
  m["MaDoiTac"] = "OTHER";
  EXPECT_EQ(code_of(m), "04");
}

TEST_F(PaygovInitMessageTest, AnyChangeUnderTheChecksumIs01) {
  for (const char* field : {"MaThamChieu", "ThongTinGiaoDich", "ThoiGianGD", "Ip", "NgonNgu"}) {
    auto m = ts::init_message();
    m[field] = m[field].get<std::string>() + "x";
    EXPECT_EQ(code_of(m), "01") << field;
  }
  auto amount = ts::init_message();
  amount["SoTien"] = 150001;
  EXPECT_EQ(code_of(amount), "01");
  auto upper = ts::init_message();
  auto mac = upper["MaXacThuc"].get<std::string>();
  for (auto& c : mac) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  upper["MaXacThuc"] = mac;
  EXPECT_EQ(code_of(upper), "01");
  auto other_secret = ts::init_message();
  other_secret["MaXacThuc"] = checksum(other_secret, kInitChecksumOrder, "not-the-secret");
  EXPECT_EQ(code_of(other_secret), "01");
}

TEST_F(PaygovInitMessageTest, EveryFixedFieldIsChecked) {
  for (const auto& fixed : kInitFixedFields) {
    const auto m = resigned(ts::init_message(), [&](Json& j) { j[fixed.name] = "2"; });
    auto r = check(m);
    ASSERT_FALSE(r) << fixed.name;
    EXPECT_EQ(r.error().code, "03");
    EXPECT_NE(r.error().message.find(fixed.name), std::string::npos);
  }
}

TEST_F(PaygovInitMessageTest, ValueRulesAre03) {
  // SoTien must be the sum of the fee lines.
  EXPECT_EQ(code_of(resigned(ts::init_message(), [](Json& m) { m["SoTien"] = 150001; })), "03");
  EXPECT_EQ(code_of(resigned(ts::init_message(),
                             [](Json& m) { m["ThongTinBienLai"]["PhiLePhi"][0]["SoTien"] = 0; })),
            "03");
  EXPECT_EQ(code_of(resigned(ts::init_message(),
                             [](Json& m) { m["ThongTinBienLai"]["PhiLePhi"] = Json::array(); })),
            "03");
  // The reference's form.
  EXPECT_EQ(code_of(ts::init_message("bad ref")), "03");
  EXPECT_EQ(code_of(ts::init_message(std::string(51, 'a'))), "03");
  EXPECT_EQ(code_of(ts::init_message(std::string(50, 'a'))), "ok");
  // ThongTinGiaoDich: 255 characters (code points), not bytes.
  EXPECT_EQ(code_of(resigned(ts::init_message(),
                             [](Json& m) {
                               std::string s;
                               for (int i = 0; i < 255; ++i) s += "ệ";
                               m["ThongTinGiaoDich"] = s;
                             })),
            "ok");
  EXPECT_EQ(code_of(resigned(ts::init_message(),
                             [](Json& m) { m["ThongTinGiaoDich"] = std::string(256, 'a'); })),
            "03");
  // ThoiGianGD: a real instant within 15 minutes of now.
  EXPECT_EQ(code_of(ts::init_message("A1", "20250701094500")), "ok");
  EXPECT_EQ(code_of(ts::init_message("A1", "20250701094501")), "03");
  EXPECT_EQ(code_of(ts::init_message("A1", "20250701091459")), "03");
  EXPECT_EQ(code_of(ts::init_message("A1", "20250231093000")), "03");
  // UrlTraVe is optional but a string.
  EXPECT_EQ(code_of(resigned(ts::init_message(), [](Json& m) { m["UrlTraVe"] = "https://x"; })),
            "ok");
  EXPECT_EQ(code_of(resigned(ts::init_message(), [](Json& m) { m["UrlTraVe"] = 5; })), "03");
}

TEST_F(PaygovInitMessageTest, RefusalsNeverQuotePersonalData) {
  auto m = resigned(ts::init_message(), [](Json& j) { j["ThongTinBienLai"]["HoTenNguoiNop"] = 7; });
  auto r = check(m);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.find("Nguy"), std::string::npos);
  EXPECT_EQ(r.error().message.find("001089012345"), std::string::npos);
}

TEST_F(PaygovInitMessageTest, LookupAndReconcileChecks) {
  const CheckContext context{partner_, ts::fixed_now(), 15min};
  auto q = check_lookup(ts::lookup_message("QUERY", "HS-0001"), context);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->type, "QUERY");
  EXPECT_EQ(q->reference, "HS-0001");
  auto tampered = ts::lookup_message("GET_BILL", "HS-0001");
  tampered["MaThamChieu"] = "HS-0002";
  EXPECT_EQ(check_lookup(tampered, context).error().code, "01");
  auto late = ts::lookup_message("QUERY", "HS-0001", "20250701100000");
  EXPECT_EQ(check_lookup(late, context).error().code, "03");
  auto stranger = ts::lookup_message("QUERY", "HS-0001");
  stranger["MaDoiTac"] = "X";
  EXPECT_EQ(check_lookup(stranger, context).error().code, "04");
  auto missing = ts::lookup_message("QUERY", "HS-0001");
  missing.erase("PhienBan");
  EXPECT_EQ(check_lookup(missing, context).error().code, "03");

  auto d = check_reconcile(ts::reconcile_message("20250701"), context);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->day, "20250701");
  EXPECT_EQ(check_reconcile(ts::reconcile_message("20250732"), context).error().code, "03");
  auto bad_mac = ts::reconcile_message("20250701");
  bad_mac["NgayDoiSoat"] = "20250630";
  EXPECT_EQ(check_reconcile(bad_mac, context).error().code, "01");
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
