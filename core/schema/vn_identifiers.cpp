#include "core/schema/vn_identifiers.hpp"

#include <algorithm>
#include <array>

#include "core/schema/calendar.hpp"

// Reasons say what is wrong, never what was sent: identifiers are personal data and reasons
// end up in responses and logs.

namespace lienthong::schema {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper_alnum(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'Z');
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, is_digit);
}

// Non-empty groups of capital letters and digits separated by single dots, at least `min_groups`.
bool is_dotted_code(std::string_view s, std::size_t min_groups) {
  std::size_t groups = 0;
  while (true) {
    const auto dot = s.find('.');
    const auto group = s.substr(0, dot);
    if (group.empty() || !std::ranges::all_of(group, is_upper_alnum)) return false;
    ++groups;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  return groups >= min_groups;
}

// Weighted sum of the first nine digits of a tax code; the check digit is 10 - sum mod 11.
int tax_code_check_digit(std::string_view first_nine) {
  constexpr std::array<int, 9> kWeights{31, 29, 23, 19, 17, 13, 7, 5, 3};
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += kWeights[i] * (first_nine[i] - '0');
  return 10 - sum % 11;
}

std::optional<std::string> check_branch_suffix(std::string_view suffix) {
  if (suffix.size() != 4 || suffix[0] != '-' || !all_digits(suffix.substr(1))) {
    return "branch suffix must be '-' and 3 digits (001-999)";
  }
  if (suffix == "-000") return "branch suffix must be from 001 to 999";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_citizen_id(std::string_view id) {
  return check_citizen_id(id, current_year_utc7());
}

std::optional<std::string> check_citizen_id(std::string_view id, int current_year) {
  if (id.size() != 12 || !all_digits(id)) return "must be 12 digits";
  if (province_name(id.substr(0, 3)).empty()) {
    return "first 3 digits are not a province code";
  }
  if (id[3] > '3') return "4th digit (century and sex) must be 0, 1, 2 or 3";
  if (citizen_id_facts(id).birth_year > current_year) return "birth year is in the future";
  return std::nullopt;
}

CitizenIdFacts citizen_id_facts(std::string_view id) {
  const int century_sex = id[3] - '0';
  const int yy = (id[4] - '0') * 10 + (id[5] - '0');
  return CitizenIdFacts{(century_sex < 2 ? 1900 : 2000) + yy, century_sex % 2 == 1};
}

std::optional<std::string> check_old_id_card(std::string_view id) {
  if (id.size() != 9 || !all_digits(id)) return "must be 9 digits";
  return std::nullopt;
}

std::optional<std::string> check_tax_code(std::string_view code) {
  if (code.size() < 10 || !all_digits(code.substr(0, 10))) {
    return "must be 10 digits, optionally followed by a branch suffix -NNN";
  }
  if (code.size() > 10) {
    if (auto why = check_branch_suffix(code.substr(10))) return why;
  }
  const int expected = tax_code_check_digit(code.substr(0, 9));
  if (expected == 10) return "first 9 digits admit no check digit, so no such code exists";
  if (code[9] - '0' != expected) return "check digit (10th digit) does not match";
  return std::nullopt;
}

std::optional<std::string> check_dossier_code(std::string_view code) {
  const auto last_dash = code.rfind('-');
  const auto date_dash = last_dash == std::string_view::npos || last_dash == 0
                             ? std::string_view::npos
                             : code.rfind('-', last_dash - 1);
  if (date_dash == std::string_view::npos) {
    return "must look like {agency}-{yyMMdd}-{NNNN}, e.g. 000.00.01.H22-210617-0001";
  }
  if (!is_dotted_code(code.substr(0, date_dash), 2)) {
    return "agency code must be dot-separated groups of capital letters and digits, "
           "e.g. 000.00.01.H22";
  }
  const auto date = code.substr(date_dash + 1, last_dash - date_dash - 1);
  const auto yy = parse_fixed_digits(date.substr(0, std::min<std::size_t>(2, date.size())), 2);
  const auto mm = date.size() == 6 ? parse_fixed_digits(date.substr(2, 2), 2) : std::nullopt;
  const auto dd = date.size() == 6 ? parse_fixed_digits(date.substr(4, 2), 2) : std::nullopt;
  if (!yy || !mm || !dd || !is_real_date(2000 + *yy, *mm, *dd)) {
    return "date part must be a real date yyMMdd";
  }
  const auto number = code.substr(last_dash + 1);
  if (number.size() < 4 || !all_digits(number)) return "sequence number must be 4 or more digits";
  return std::nullopt;
}

std::optional<std::string> check_procedure_code(std::string_view code) {
  const bool head = code.size() >= 8 && is_digit(code[0]) && code[1] == '.' &&
                    all_digits(code.substr(2, 6)) &&
                    (code.size() == 8 || (code[8] == '.' && is_dotted_code(code.substr(9), 1)));
  if (!head) return "must look like 1.003560.000.00.00.H56 or 2.000477";
  return std::nullopt;
}

}  // namespace lienthong::schema
