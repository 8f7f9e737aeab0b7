#include "core/schema/detail/schema_validator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <utility>

#include "core/config/json_document.hpp"
#include "core/schema/calendar.hpp"
#include "core/schema/vn_identifiers.hpp"

// Reasons say what is wrong, never what was sent: request fields carry personal data, and
// reasons travel into problem responses and logs. Schema values (enum, pattern) may be named.

namespace lienthong::schema::detail {
namespace {

using nlohmann::json;

// libstdc++'s std::regex matcher recurses per character; longer strings could exhaust the
// stack of the thread validating them, so they are refused instead of matched.
constexpr std::size_t kPatternMaxBytes = 1024;
constexpr std::size_t kMaxListedValues = 10;

std::string child(const std::string& pointer, std::string_view token) {
  return pointer + "/" + config::escape_pointer_token(token);
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::ranges::count_if(
      s, [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

bool is_integral(const json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  return std::isfinite(d) && std::trunc(d) == d;
}

bool has_type(unsigned types, const json& v) {
  if (types == 0) return true;
  switch (v.type()) {
    case json::value_t::string:
      return (types & kString) != 0;
    case json::value_t::boolean:
      return (types & kBoolean) != 0;
    case json::value_t::null:
      return (types & kNull) != 0;
    case json::value_t::object:
      return (types & kObject) != 0;
    case json::value_t::array:
      return (types & kArray) != 0;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return (types & kNumber) != 0 || ((types & kInteger) != 0 && is_integral(v));
    default:
      return false;
  }
}

// "must be a string", "must be a string or null", "must be an integer, a string or null".
std::string type_reason(unsigned types) {
  constexpr std::array<std::pair<unsigned, std::string_view>, 7> kNames{{
      {kString, "a string"},
      {kInteger, "an integer"},
      {kNumber, "a number"},
      {kBoolean, "a boolean"},
      {kObject, "an object"},
      {kArray, "an array"},
      {kNull, "null"},
  }};
  std::vector<std::string_view> names;
  for (const auto& [bit, name] : kNames) {
    if ((types & bit) != 0) names.push_back(name);
  }
  std::string out = "must be ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// "1 character", "5 characters".
std::string count_of(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string number_text(double d) {
  if (std::trunc(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return json(d).dump();
}

std::string allowed_values_reason(const std::vector<json>& values) {
  if (values.size() > kMaxListedValues) {
    return "must be one of the " + std::to_string(values.size()) + " allowed values";
  }
  std::string out = "must be one of ";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += values[i].dump();
  }
  return out;
}

// Year of a date of birth written `yyyy-MM-dd`, `yyyy` or as a number.
std::optional<int> birth_year_of(const json& v) {
  if (v.is_number_integer()) {
    const auto year = v.get<std::int64_t>();
    return year >= 1000 && year <= 9999 ? std::optional<int>(static_cast<int>(year)) : std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  if (auto date = parse_iso_date(s)) return date->year;
  return parse_fixed_digits(s, 4);
}

class Validator {
 public:
  explicit Validator(std::vector<FieldError>& errors) : errors_(errors) {}

  void node(const Node& n, const json& v, const std::string& ptr) {
    if (!has_type(n.types, v)) {
      add(ptr, type_reason(n.types));
      return;
    }
    if (n.const_value && v != *n.const_value) {
      add(ptr, "must be " + n.const_value->dump());
      return;
    }
    if (n.enum_values && std::ranges::find(*n.enum_values, v) == n.enum_values->end()) {
      add(ptr, allowed_values_reason(*n.enum_values));
      return;
    }
    if (v.is_string()) {
      check_string(n, v.get_ref<const std::string&>(), ptr);
    } else if (v.is_number()) {
      check_number(n, v.get<double>(), ptr);
    } else if (v.is_array()) {
      check_array(n, v, ptr);
    } else if (v.is_object()) {
      check_object(n, v, ptr);
    }
  }

 private:
  void add(const std::string& ptr, std::string reason) {
    errors_.push_back(FieldError{ptr, std::move(reason)});
  }

  void check_string(const Node& n, const std::string& s, const std::string& ptr) {
    const auto length = code_points(s);
    bool length_ok = true;
    if (n.min_length && length < *n.min_length) {
      add(ptr, "must be at least " + count_of(*n.min_length, "character") + " long");
      length_ok = false;
    }
    if (n.max_length && length > *n.max_length) {
      add(ptr, "must be at most " + count_of(*n.max_length, "character") + " long");
      length_ok = false;
    }
    if (n.pattern) check_pattern(n, s, length_ok, ptr);
    if (n.format) {
      if (auto why = check_format(*n.format, s)) add(ptr, std::move(*why));
    }
  }

  void check_pattern(const Node& n, const std::string& s, bool length_ok, const std::string& ptr) {
    if (s.size() > kPatternMaxBytes) {
      if (length_ok) {
        add(ptr, "is too long to check against its pattern (over " +
                     std::to_string(kPatternMaxBytes) + " bytes)");
      }
      return;
    }
    try {
      if (!std::regex_search(s, *n.pattern)) add(ptr, "must match the pattern " + n.pattern_text);
    } catch (const std::regex_error&) {
      add(ptr, "could not be checked against its pattern");
    }
  }

  void check_number(const Node& n, double d, const std::string& ptr) {
    if (n.minimum && d < *n.minimum) add(ptr, "must be at least " + number_text(*n.minimum));
    if (n.maximum && d > *n.maximum) add(ptr, "must be at most " + number_text(*n.maximum));
  }

  void check_array(const Node& n, const json& v, const std::string& ptr) {
    if (n.min_items && v.size() < *n.min_items) {
      add(ptr, "must have at least " + count_of(*n.min_items, "item"));
    }
    if (n.max_items && v.size() > *n.max_items) {
      add(ptr, "must have at most " + count_of(*n.max_items, "item"));
    }
    if (!n.items) return;
    for (std::size_t i = 0; i < v.size(); ++i) node(*n.items, v[i], child(ptr, std::to_string(i)));
  }

  void check_object(const Node& n, const json& v, const std::string& ptr) {
    for (const auto& name : n.required) {
      if (!v.contains(name)) add(child(ptr, name), "is required");
    }
    std::set<std::string, std::less<>> invalid;
    for (const auto& [key, value] : v.items()) {
      const auto it = n.properties.find(key);
      if (it == n.properties.end()) {
        if (!n.additional_properties) add(child(ptr, key), "unknown field");
        continue;
      }
      const auto before = errors_.size();
      node(*it->second, value, child(ptr, key));
      if (errors_.size() != before) invalid.insert(key);
    }
    if (n.citizen_id_matches_birth_date) {
      check_citizen_id_rule(*n.citizen_id_matches_birth_date, v, invalid, ptr);
    }
  }

  // Judged only when both fields are present and passed their own checks: one problem, one
  // error.
  void check_citizen_id_rule(const CitizenIdBirthDateRule& rule, const json& v,
                             const std::set<std::string, std::less<>>& invalid,
                             const std::string& ptr) {
    const auto id = v.find(rule.citizen_id);
    const auto dob = v.find(rule.birth_date);
    if (id == v.end() || dob == v.end() || invalid.contains(rule.citizen_id) ||
        invalid.contains(rule.birth_date) || !id->is_string()) {
      return;
    }
    const auto& id_text = id->get_ref<const std::string&>();
    const auto year = birth_year_of(*dob);
    if (check_citizen_id(id_text) || !year) return;
    if (citizen_id_facts(id_text).birth_year != *year) {
      add(child(ptr, rule.citizen_id),
          "birth year in the ID does not match the year of " + rule.birth_date);
    }
  }

  std::vector<FieldError>& errors_;
};

}  // namespace

void validate(const Node& node, const json& value, const std::string& pointer,
              std::vector<FieldError>& errors) {
  Validator(errors).node(node, value, pointer);
}

}  // namespace lienthong::schema::detail
