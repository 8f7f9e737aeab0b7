// Golden values: `printf '%s' '<fields joined by |>|<secret>' | sha256sum`, the field orders
// copied from ../shared/domain/EXTERNAL-SYSTEMS.md (paygov), computed outside the hub.
#include "connectors/paygov/checksum.hpp"

#include <gtest/gtest.h>

#include "connectors/paygov/ipn.hpp"
#include "connectors/paygov/platform_request.hpp"

namespace lienthong::connectors::paygov {
namespace {

using Json = nlohmann::json;
using namespace std::chrono;

const Partner kPartner{"LIENTHONG", "s3cret"};
// 2026-12-06 14:05:09 in Asia/Ho_Chi_Minh.
const Clock::time_point kAt = sys_days(year(2026) / 12 / 6) + hours(7) + minutes(5) + seconds(9);

TEST(PaygovChecksum, InitCoversItsFourteenFieldsInTheReferenceOrder) {
  Json mapped = {{"SoTien", 150000},
                 {"ThongTinGiaoDich", "Le phi ho so"},
                 {"Ip", "10.0.0.7"},
                 {"ThongTinBienLai", {{"MaHoSo", "not covered"}}}};
  const Json init = complete_init(mapped, kPartner, "REF-1", kAt);
  EXPECT_EQ(init["MaXacThuc"], "398efed9155f6487b5617e4ca8f9e69c70af29137214317c6bc6b7efe4216d2b");
  EXPECT_EQ(init["ThoiGianGD"], "20261206140509");
  EXPECT_EQ(init["PhienBan"], "1.0.6");
  EXPECT_EQ(init["MaNganHang"], "PAYMENT");
}

TEST(PaygovChecksum, FixedFieldsAreThePlatformsWhateverTheMappingWrote) {
  Json mapped = {{"SoTien", 150000},  {"ThongTinGiaoDich", "Le phi ho so"},
                 {"Ip", "10.0.0.7"},  {"MaTienTe", "USD"},
                 {"PhienBan", "2.0"}, {"LoaiBanTin", "QUERY"}};
  const Json init = complete_init(mapped, kPartner, "REF-1", kAt);
  EXPECT_EQ(init["MaTienTe"], "VND");
  EXPECT_EQ(init["MaXacThuc"], "398efed9155f6487b5617e4ca8f9e69c70af29137214317c6bc6b7efe4216d2b");
}

TEST(PaygovChecksum, QueryAndGetBillShareTheirOrder) {
  const Json query = payment_request("QUERY", kPartner, "REF-1", kAt);
  EXPECT_EQ(query["MaXacThuc"], "b189d4c6110c5605dd817762f59736c3b402e097b2ca97fd2be9a17815727567");
  const Json bill = payment_request("GET_BILL", kPartner, "REF-1", kAt);
  EXPECT_NE(bill["MaXacThuc"], query["MaXacThuc"]) << "the message type is covered";
  EXPECT_EQ(bill["MaXacThuc"], checksum(bill, order::kQuery, "s3cret"));
}

TEST(PaygovChecksum, ReconciliationRequest) {
  const auto at = sys_days(year(2026) / 12 / 6) + hours(16) + minutes(59) + seconds(59);
  const Json m = reconciliation_request(kPartner, "20261206", at);
  EXPECT_EQ(m["MaXacThuc"], "fb3f1bd6e3d34fbbcf860998c2408ae3456dff491c614766798dae492a52e303");
}

Json ipn() {
  return {{"LoaiBanTin", "IPN"},
          {"MaLoi", "00"},
          {"MaDoiTac", "LIENTHONG"},
          {"MaThamChieu", "REF-1"},
          {"SoTien", 150000},
          {"MaTienTe", "VND"},
          {"MaGiaoDich", "BANK-77"},
          {"MaNganHang", "PAYMENT"},
          {"ThoiGianGD", "20261206141000"},
          {"ThongTinGiaoDich", "Le phi ho so"},
          {"MaXacThuc", "55fd86c891f8bc3c5cd90581e1e08818734be34c2536954bb54bc2a2927942f9"}};
}

TEST(PaygovChecksum, IpnChecksumIsVerifiedInAnyLetterCase) {
  Json notice = ipn();
  EXPECT_TRUE(checksum_matches(notice, order::kIpn, "s3cret"));
  notice["MaXacThuc"] = "55FD86C891F8BC3C5CD90581E1E08818734BE34C2536954BB54BC2A2927942F9";
  EXPECT_TRUE(checksum_matches(notice, order::kIpn, "s3cret"));
  EXPECT_FALSE(checksum_matches(notice, order::kIpn, "other"));
  notice["SoTien"] = 150001;
  EXPECT_FALSE(checksum_matches(notice, order::kIpn, "s3cret"));
}

TEST(PaygovChecksum, IpnAnswerCarriesItsOwnChecksum) {
  const Json answer = ipn_answer("04", "LIENTHONG", kAt + seconds(292), "s3cret");
  EXPECT_EQ(answer["ThoiGianGD"], "20261206141001");
  EXPECT_EQ(answer["MaXacThuc"],
            "b64ecf3ba456f8b11d66a1461d93dd45c90ad0511e60c7a594447bc8fe52d3f1");
}

TEST(PaygovChecksum, FieldTextReadsNumbersInDecimalAndAbsenceAsEmpty) {
  const Json m = {{"a", 150000}, {"b", "x"}, {"c", nullptr}};
  EXPECT_EQ(field_text(m, "a"), "150000");
  EXPECT_EQ(field_text(m, "b"), "x");
  EXPECT_EQ(field_text(m, "c"), "");
  EXPECT_EQ(field_text(m, "missing"), "");
  EXPECT_EQ(field_text(Json::array(), "a"), "");
}

TEST(PaygovIpn, ReadsAGoodNotice) {
  auto notice = read_ipn(ipn(), "LIENTHONG", "s3cret");
  ASSERT_TRUE(notice) << notice.error().reason;
  EXPECT_EQ(notice->reference, "REF-1");
  EXPECT_EQ(notice->amount, 150000);
  EXPECT_EQ(notice->bank_transaction_id, "BANK-77");
  EXPECT_EQ(notice->result, "00");
}

TEST(PaygovIpn, RefusesInTheRulesOrder) {
  auto code = [](const Json& body) {
    auto r = read_ipn(body, "LIENTHONG", "s3cret");
    return r ? std::string("ok") : r.error().code;
  };
  EXPECT_EQ(code(Json::array()), "06");
  EXPECT_EQ(code(Json("text")), "06");
  Json missing = ipn();
  missing.erase("MaGiaoDich");
  EXPECT_EQ(code(missing), "06");
  Json negative = ipn();
  negative["SoTien"] = -1;
  EXPECT_EQ(code(negative), "06");
  Json text_amount = ipn();
  text_amount["SoTien"] = "150000";
  EXPECT_EQ(code(text_amount), "06");
  Json bad = ipn();
  bad["MaXacThuc"] = std::string(64, '0');
  EXPECT_EQ(code(bad), "01");
  // A checksum that is right for another partner: the checksum holds, the partner does not.
  Json other = ipn();
  other["MaDoiTac"] = "OTHER";
  other["MaXacThuc"] = checksum(other, order::kIpn, "s3cret");
  EXPECT_EQ(code(other), "05");
  // A wrong checksum from another partner is a checksum refusal first.
  other["MaXacThuc"] = std::string(64, 'a');
  EXPECT_EQ(code(other), "01");
}

TEST(PaygovIpn, RefusalReasonsNameFieldsNeverValues) {
  Json bad = ipn();
  bad["MaXacThuc"] = std::string(64, '0');
  auto r = read_ipn(bad, "LIENTHONG", "s3cret");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason.find("REF-1"), std::string::npos);
  EXPECT_EQ(r.error().reason.find("s3cret"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::connectors::paygov
