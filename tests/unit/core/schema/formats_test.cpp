#include "core/schema/formats.hpp"

#include <gtest/gtest.h>

namespace lienthong::schema {
namespace {

TEST(FormatsTest, NamesRoundTrip) {
  EXPECT_EQ(format_by_name("date"), Format::kDate);
  EXPECT_EQ(format_by_name("date-time"), Format::kDateTime);
  EXPECT_EQ(format_by_name("email"), Format::kEmail);
  EXPECT_EQ(format_by_name("vn-phone"), Format::kVnPhone);
  EXPECT_EQ(format_by_name("vn-citizen-id"), Format::kVnCitizenId);
  EXPECT_EQ(format_by_name("vn-old-id-card"), Format::kVnOldIdCard);
  EXPECT_EQ(format_by_name("vn-tax-code"), Format::kVnTaxCode);
  EXPECT_EQ(format_by_name("vn-dossier-code"), Format::kVnDossierCode);
  EXPECT_EQ(format_by_name("vn-procedure-code"), Format::kVnProcedureCode);
  EXPECT_EQ(format_by_name("uri"), std::nullopt);
  EXPECT_EQ(format_by_name("Date"), std::nullopt);
  EXPECT_EQ(format_names(),
            "date, date-time, email, vn-phone, vn-citizen-id, vn-old-id-card, vn-tax-code, "
            "vn-dossier-code, vn-procedure-code");
}

TEST(FormatsTest, Date) {
  EXPECT_EQ(check_date("1990-05-17"), std::nullopt);
  EXPECT_EQ(check_date("2024-02-29"), std::nullopt);
  EXPECT_EQ(check_date("2023-02-29"), "must be a real calendar date");
  EXPECT_EQ(check_date("2023-13-01"), "must be a real calendar date");
  EXPECT_EQ(check_date("2023-1-01"), "must be a date yyyy-MM-dd");
  EXPECT_EQ(check_date("17/05/1990"), "must be a date yyyy-MM-dd");
  EXPECT_EQ(check_date(""), "must be a date yyyy-MM-dd");
}

TEST(FormatsTest, DateTime) {
  constexpr const char* kShape =
      "must be a date-time yyyy-MM-ddTHH:mm:ss with Z or an offset like +07:00";
  EXPECT_EQ(check_date_time("2021-06-17T08:30:00Z"), std::nullopt);
  EXPECT_EQ(check_date_time("2021-06-17T08:30:00+07:00"), std::nullopt);
  EXPECT_EQ(check_date_time("2021-06-17T23:59:59.123-05:30"), std::nullopt);
  EXPECT_EQ(check_date_time("2021-06-17t08:30:00z"), std::nullopt);
  EXPECT_EQ(check_date_time("2021-06-17T08:30:00"), kShape);  // no offset
  EXPECT_EQ(check_date_time("2021-06-17 08:30:00Z"), kShape);
  EXPECT_EQ(check_date_time("2021-06-17T24:00:00Z"), kShape);
  EXPECT_EQ(check_date_time("2021-06-17T08:60:00Z"), kShape);
  EXPECT_EQ(check_date_time("2021-06-17T08:30Z"), kShape);
  EXPECT_EQ(check_date_time("2021-06-17T08:30:00.Z"), kShape);
  EXPECT_EQ(check_date_time("2021-06-17T08:30:00+0700"), kShape);
  EXPECT_EQ(check_date_time("2021-02-30T08:30:00Z"), "must be a real calendar date");
  EXPECT_EQ(check_date_time("2021-06-17"), kShape);
}

TEST(FormatsTest, Email) {
  EXPECT_EQ(check_email("an.nguyen@hanoi.gov.vn"), std::nullopt);
  EXPECT_EQ(check_email("a+b_c@x-y.vn"), std::nullopt);
  for (const char* bad :
       {"", "an", "@hanoi.gov.vn", "an@", "an@hanoi", "an@@hanoi.gov.vn", ".an@hanoi.vn",
        "an.@hanoi.vn", "a..n@hanoi.vn", "an@-hanoi.vn", "an@hanoi..vn", "an@hanoi.v",
        "an @hanoi.vn", "an@hanoi.123", "nguyễn@hanoi.vn"}) {
    EXPECT_EQ(check_email(bad), "must be an email address") << bad;
  }
}

TEST(FormatsTest, VnPhone) {
  constexpr const char* kReason = "must be a phone number: 0 or +84 and then 9 digits";
  EXPECT_EQ(check_vn_phone("0912345678"), std::nullopt);
  EXPECT_EQ(check_vn_phone("+84912345678"), std::nullopt);
  EXPECT_EQ(check_vn_phone("091234567"), kReason);
  EXPECT_EQ(check_vn_phone("09123456789"), kReason);
  EXPECT_EQ(check_vn_phone("1912345678"), kReason);
  EXPECT_EQ(check_vn_phone("84912345678"), kReason);
  EXPECT_EQ(check_vn_phone("+8491234567"), kReason);
  EXPECT_EQ(check_vn_phone("091 234 5678"), kReason);
  EXPECT_EQ(check_vn_phone(""), kReason);
}

TEST(FormatsTest, DispatchesToIdentifierChecks) {
  EXPECT_EQ(check_format(Format::kVnCitizenId, "001089012345"), std::nullopt);
  EXPECT_EQ(check_format(Format::kVnCitizenId, "099089012345"),
            "first 3 digits are not a province code");
  EXPECT_EQ(check_format(Format::kVnOldIdCard, "12345678"), "must be 9 digits");
  EXPECT_EQ(check_format(Format::kVnTaxCode, "0100109106"), std::nullopt);
  EXPECT_EQ(check_format(Format::kVnTaxCode, "0100109107"),
            "check digit (10th digit) does not match");
  EXPECT_EQ(check_format(Format::kVnDossierCode, "000.00.01.H22-210617-0001"), std::nullopt);
  EXPECT_EQ(check_format(Format::kVnProcedureCode, "2.000477"), std::nullopt);
  EXPECT_EQ(check_format(Format::kDate, "1990-02-30"), "must be a real calendar date");
  EXPECT_EQ(check_format(Format::kVnPhone, "+84912345678"), std::nullopt);
  EXPECT_EQ(check_format(Format::kEmail, "x@y.vn"), std::nullopt);
  EXPECT_EQ(check_format(Format::kDateTime, "2021-06-17T08:30:00Z"), std::nullopt);
}

}  // namespace
}  // namespace lienthong::schema
