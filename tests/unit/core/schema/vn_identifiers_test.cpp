#include "core/schema/vn_identifiers.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace lienthong::schema {
namespace {

struct Case {
  std::string value;
  std::optional<std::string> reason;  // nullopt: valid
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << '"' << c.value << '"';
}

// ---- personal ID --------------------------------------------------------------------------

constexpr int kThisYear = 2025;  // fixed, so "future year" cases do not drift

class CitizenIdTest : public ::testing::TestWithParam<Case> {};

TEST_P(CitizenIdTest, Check) {
  EXPECT_EQ(check_citizen_id(GetParam().value, kThisYear), GetParam().reason);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CitizenIdTest,
    ::testing::Values(Case{"001089012345", std::nullopt},  // Hà Nội, male, 1989
                      Case{"079189000001", std::nullopt},  // Hồ Chí Minh, female, 1989
                      Case{"096203000001", std::nullopt},  // Cà Mau, male, 2003
                      Case{"002300999999", std::nullopt},  // Hà Giang, female, 2000
                      Case{"001225000001", std::nullopt},  // born this year: allowed
                      Case{"001226000001", "birth year is in the future"},
                      Case{"001399000001", "birth year is in the future"},
                      Case{"001099000001", std::nullopt},  // 1999: the 1900s are never future
                      Case{"000089012345", "first 3 digits are not a province code"},
                      Case{"099089012345", "first 3 digits are not a province code"},
                      Case{"003089012345",
                           "first 3 digits are not a province code"},  // a gap in the list
                      Case{"097089012345", "first 3 digits are not a province code"},
                      Case{"001489012345", "4th digit (century and sex) must be 0, 1, 2 or 3"},
                      Case{"001989012345", "4th digit (century and sex) must be 0, 1, 2 or 3"},
                      Case{"00108901234", "must be 12 digits"},
                      Case{"0010890123456", "must be 12 digits"},
                      Case{"00108901234a", "must be 12 digits"},
                      Case{" 01089012345", "must be 12 digits"}, Case{"", "must be 12 digits"}));

TEST(CitizenIdRulesTest, TodayOverloadRefusesTheFarFuture) {
  EXPECT_EQ(check_citizen_id("001089012345"), std::nullopt);
  EXPECT_EQ(check_citizen_id("001299000001"), "birth year is in the future");
}

TEST(CitizenIdRulesTest, FactsGiveBirthYearAndSex) {
  const auto male_1900s = citizen_id_facts("001089012345");
  EXPECT_EQ(male_1900s.birth_year, 1989);
  EXPECT_FALSE(male_1900s.female);
  const auto female_1900s = citizen_id_facts("079101000001");
  EXPECT_EQ(female_1900s.birth_year, 1901);
  EXPECT_TRUE(female_1900s.female);
  const auto male_2000s = citizen_id_facts("096200000001");
  EXPECT_EQ(male_2000s.birth_year, 2000);
  EXPECT_FALSE(male_2000s.female);
  const auto female_2000s = citizen_id_facts("048315000001");
  EXPECT_EQ(female_2000s.birth_year, 2015);
  EXPECT_TRUE(female_2000s.female);
}

// ---- provinces ----------------------------------------------------------------------------

TEST(ProvinceTest, NamesKnownCodes) {
  EXPECT_EQ(province_name("001"), "Hà Nội");
  EXPECT_EQ(province_name("046"), "Thừa Thiên Huế");
  EXPECT_EQ(province_name("077"), "Bà Rịa - Vũng Tàu");
  EXPECT_EQ(province_name("079"), "Hồ Chí Minh");
  EXPECT_EQ(province_name("096"), "Cà Mau");
}

TEST(ProvinceTest, RefusesUnknownCodes) {
  for (const char* code : {"000", "003", "099", "097", "1", "0010", "", "abc"}) {
    EXPECT_EQ(province_name(code), "") << code;
  }
}

TEST(ProvinceTest, ExactlySixtyThreeProvinces) {
  std::vector<std::string> known;
  for (int i = 0; i < 1000; ++i) {
    std::string code = std::to_string(i);
    code.insert(0, 3 - code.size(), '0');
    if (!province_name(code).empty()) known.push_back(code);
  }
  EXPECT_EQ(known.size(), 63U);
  EXPECT_EQ(known.front(), "001");
  EXPECT_EQ(known.back(), "096");
}

// ---- old ID card --------------------------------------------------------------------------

TEST(OldIdCardTest, NineDigitsExactly) {
  EXPECT_EQ(check_old_id_card("012345678"), std::nullopt);
  EXPECT_EQ(check_old_id_card("01234567"), "must be 9 digits");
  EXPECT_EQ(check_old_id_card("0123456789"), "must be 9 digits");
  EXPECT_EQ(check_old_id_card("01234567x"), "must be 9 digits");
  EXPECT_EQ(check_old_id_card(""), "must be 9 digits");
}

// ---- tax code -----------------------------------------------------------------------------

class TaxCodeTest : public ::testing::TestWithParam<Case> {};

TEST_P(TaxCodeTest, Check) {
  EXPECT_EQ(check_tax_code(GetParam().value), GetParam().reason);
}

constexpr const char* kShape = "must be 10 digits, optionally followed by a branch suffix -NNN";
constexpr const char* kBranch = "branch suffix must be '-' and 3 digits (001-999)";
constexpr const char* kCheck = "check digit (10th digit) does not match";
constexpr const char* kTen = "first 9 digits admit no check digit, so no such code exists";

INSTANTIATE_TEST_SUITE_P(
    Table, TaxCodeTest,
    ::testing::Values(Case{"0100109106", std::nullopt},  // sum 114, 114 mod 11 = 4, 10-4 = 6
                      Case{"0301234562", std::nullopt},
                      Case{"0100000010", std::nullopt},  // sum mod 11 = 10: check digit 0
                      Case{"0100109106-001", std::nullopt}, Case{"0100109106-999", std::nullopt},
                      Case{"0100109107", kCheck}, Case{"0100109100", kCheck},
                      Case{"0301234563", kCheck},
                      Case{"0100000050", kTen},  // 29 + 3*5 = 44 = 0 mod 11
                      Case{"0100000055", kTen}, Case{"0000000000", kTen},
                      Case{"0100109106-000", "branch suffix must be from 001 to 999"},
                      Case{"0100109106-1000", kBranch}, Case{"0100109106-01", kBranch},
                      Case{"0100109106-", kBranch}, Case{"0100109106_001", kBranch},
                      Case{"0100109106-00a", kBranch}, Case{"010010910", kShape},
                      Case{"01001091x6", kShape}, Case{"", kShape}));

// ---- dossier code -------------------------------------------------------------------------

class DossierCodeTest : public ::testing::TestWithParam<Case> {};

TEST_P(DossierCodeTest, Check) {
  EXPECT_EQ(check_dossier_code(GetParam().value), GetParam().reason);
}

constexpr const char* kDossierShape =
    "must look like {agency}-{yyMMdd}-{NNNN}, e.g. 000.00.01.H22-210617-0001";
constexpr const char* kAgency =
    "agency code must be dot-separated groups of capital letters and digits, e.g. 000.00.01.H22";
constexpr const char* kDate = "date part must be a real date yyMMdd";
constexpr const char* kNumber = "sequence number must be 4 or more digits";

INSTANTIATE_TEST_SUITE_P(
    Table, DossierCodeTest,
    ::testing::Values(
        Case{"000.00.01.H22-210617-0001", std::nullopt}, Case{"H56.14-210617-0001", std::nullopt},
        Case{"G01.22-200229-123456", std::nullopt},  // 2020 is a leap year
        Case{"000.00.01.H22-210230-0001", kDate}, Case{"000.00.01.H22-210229-0001", kDate},
        Case{"000.00.01.H22-211317-0001", kDate}, Case{"000.00.01.H22-210600-0001", kDate},
        Case{"000.00.01.H22-2106170-0001", kDate}, Case{"000.00.01.H22-21061-0001", kDate},
        Case{"000.00.01.H22-2106a7-0001", kDate}, Case{"000.00.01.H22-210617-001", kNumber},
        Case{"000.00.01.H22-210617-00a1", kNumber}, Case{"000.00.01.H22-210617-", kNumber},
        Case{"H22-210617-0001", kAgency},  // one group only
        Case{"000..01.H22-210617-0001", kAgency}, Case{".H56.14-210617-0001", kAgency},
        Case{"h56.14-210617-0001", kAgency}, Case{"-210617-0001", kAgency},
        Case{"000.00.01.H22-2106170001", kDossierShape}, Case{"000.00.01.H22", kDossierShape},
        Case{"", kDossierShape}));

// ---- procedure code -----------------------------------------------------------------------

class ProcedureCodeTest : public ::testing::TestWithParam<Case> {};

TEST_P(ProcedureCodeTest, Check) {
  EXPECT_EQ(check_procedure_code(GetParam().value), GetParam().reason);
}

constexpr const char* kProcedure = "must look like 1.003560.000.00.00.H56 or 2.000477";

INSTANTIATE_TEST_SUITE_P(
    Table, ProcedureCodeTest,
    ::testing::Values(Case{"1.003560.000.00.00.H56", std::nullopt}, Case{"2.000477", std::nullopt},
                      Case{"2.000477.H56", std::nullopt}, Case{"2.00047", kProcedure},
                      Case{"2.0004771", kProcedure}, Case{"2.000477.", kProcedure},
                      Case{"2.000477..H56", kProcedure}, Case{"2.000477.h56", kProcedure},
                      Case{"12.000477", kProcedure}, Case{"a.000477", kProcedure},
                      Case{"2-000477", kProcedure}, Case{"", kProcedure}));

}  // namespace
}  // namespace lienthong::schema
