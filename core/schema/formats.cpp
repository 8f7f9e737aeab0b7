#include "core/schema/formats.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/schema/calendar.hpp"
#include "core/schema/vn_identifiers.hpp"

namespace lienthong::schema {
namespace {

constexpr std::array<std::pair<std::string_view, Format>, 9> kFormats{{
    {"date", Format::kDate},
    {"date-time", Format::kDateTime},
    {"email", Format::kEmail},
    {"vn-phone", Format::kVnPhone},
    {"vn-citizen-id", Format::kVnCitizenId},
    {"vn-old-id-card", Format::kVnOldIdCard},
    {"vn-tax-code", Format::kVnTaxCode},
    {"vn-dossier-code", Format::kVnDossierCode},
    {"vn-procedure-code", Format::kVnProcedureCode},
}};

constexpr std::string_view kNotDateShape = "must be a date yyyy-MM-dd";
constexpr std::string_view kNotRealDate = "must be a real calendar date";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool all_digits(std::string_view s) {
  return std::ranges::all_of(s, is_digit);
}

// `value` starts with two digits from 0 to `max`.
bool two_digits_upto(std::string_view value, int max) {
  auto n = parse_fixed_digits(value.substr(0, 2), 2);
  return n && *n <= max;
}

// HH:mm:ss[.fraction] at the front of `t`; returns what follows, or nullopt.
std::optional<std::string_view> skip_time(std::string_view t) {
  if (t.size() < 8 || t[2] != ':' || t[5] != ':') return std::nullopt;
  if (!two_digits_upto(t, 23) || !two_digits_upto(t.substr(3), 59) ||
      !two_digits_upto(t.substr(6), 59)) {
    return std::nullopt;
  }
  t.remove_prefix(8);
  if (!t.empty() && t[0] == '.') {
    std::size_t n = 1;
    while (n < t.size() && is_digit(t[n])) ++n;
    if (n == 1 || n > 10) return std::nullopt;
    t.remove_prefix(n);
  }
  return t;
}

bool is_offset(std::string_view t) {
  if (t == "Z" || t == "z") return true;
  return t.size() == 6 && (t[0] == '+' || t[0] == '-') && t[3] == ':' &&
         two_digits_upto(t.substr(1), 23) && two_digits_upto(t.substr(4), 59);
}

bool is_atext(char c) {
  return is_alnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

// dot-atom: atext runs joined by single dots.
bool is_local_part(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '.' || s.back() == '.') return false;
  if (s.find("..") != std::string_view::npos) return false;
  return std::ranges::all_of(s, [](char c) { return c == '.' || is_atext(c); });
}

bool is_domain_label(std::string_view label) {
  return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
         std::ranges::all_of(label, [](char c) { return c == '-' || is_alnum(c); });
}

bool is_domain(std::string_view s) {
  const auto last_dot = s.rfind('.');
  if (last_dot == std::string_view::npos) return false;
  const auto tld = s.substr(last_dot + 1);
  if (tld.size() < 2 || !std::ranges::all_of(tld, [](char c) { return is_alnum(c); }) ||
      all_digits(tld)) {
    return false;
  }
  while (true) {
    const auto dot = s.find('.');
    if (!is_domain_label(s.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    s.remove_prefix(dot + 1);
  }
}

}  // namespace

std::optional<Format> format_by_name(std::string_view name) {
  for (const auto& [n, f] : kFormats) {
    if (n == name) return f;
  }
  return std::nullopt;
}

std::string format_names() {
  std::string out;
  for (const auto& [name, f] : kFormats) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::optional<std::string> check_date(std::string_view value) {
  if (value.size() != 10 || value[4] != '-' || value[7] != '-' || !all_digits(value.substr(0, 4)) ||
      !all_digits(value.substr(5, 2)) || !all_digits(value.substr(8, 2))) {
    return std::string(kNotDateShape);
  }
  if (!parse_iso_date(value)) return std::string(kNotRealDate);
  return std::nullopt;
}

std::optional<std::string> check_date_time(std::string_view value) {
  constexpr std::string_view kShape =
      "must be a date-time yyyy-MM-ddTHH:mm:ss with Z or an offset like +07:00";
  if (value.size() < 11 || (value[10] != 'T' && value[10] != 't')) return std::string(kShape);
  if (auto why = check_date(value.substr(0, 10))) {
    return *why == kNotRealDate ? *why : std::string(kShape);
  }
  auto rest = skip_time(value.substr(11));
  if (!rest || !is_offset(*rest)) return std::string(kShape);
  return std::nullopt;
}

std::optional<std::string> check_email(std::string_view value) {
  const auto at = value.rfind('@');
  if (value.size() > 254 || at == std::string_view::npos || !is_local_part(value.substr(0, at)) ||
      !is_domain(value.substr(at + 1))) {
    return "must be an email address";
  }
  return std::nullopt;
}

std::optional<std::string> check_vn_phone(std::string_view value) {
  const bool national = value.size() == 10 && value[0] == '0' && all_digits(value);
  const bool international =
      value.size() == 12 && value.substr(0, 3) == "+84" && all_digits(value.substr(3));
  if (!national && !international) return "must be a phone number: 0 or +84 and then 9 digits";
  return std::nullopt;
}

std::optional<std::string> check_format(Format format, std::string_view value) {
  switch (format) {
    case Format::kDate:
      return check_date(value);
    case Format::kDateTime:
      return check_date_time(value);
    case Format::kEmail:
      return check_email(value);
    case Format::kVnPhone:
      return check_vn_phone(value);
    case Format::kVnCitizenId:
      return check_citizen_id(value);
    case Format::kVnOldIdCard:
      return check_old_id_card(value);
    case Format::kVnTaxCode:
      return check_tax_code(value);
    case Format::kVnDossierCode:
      return check_dossier_code(value);
    case Format::kVnProcedureCode:
      return check_procedure_code(value);
  }
  return std::nullopt;
}

}  // namespace lienthong::schema
