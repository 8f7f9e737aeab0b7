#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/schema/formats.hpp"

namespace lienthong::schema::detail {

/// JSON types a node accepts, one bit each; a node with no bit set accepts any type.
enum TypeBit : unsigned {
  kString = 1U << 0U,
  kInteger = 1U << 1U,
  kNumber = 1U << 2U,
  kBoolean = 1U << 3U,
  kObject = 1U << 4U,
  kArray = 1U << 5U,
  kNull = 1U << 6U,
};

/// `x-citizenIdMatchesBirthDate`: the birth year in one property's personal ID must be the
/// year of another property's date of birth.
struct CitizenIdBirthDateRule {
  std::string citizen_id;
  std::string birth_date;
};

/// One compiled (sub)schema. Built once at load; read-only afterwards, so it may be shared
/// between threads.
struct Node {
  unsigned types = 0;
  std::optional<std::vector<nlohmann::json>> enum_values;
  std::optional<nlohmann::json> const_value;

  std::optional<std::size_t> min_length;  ///< in Unicode code points
  std::optional<std::size_t> max_length;
  std::optional<std::regex> pattern;
  std::string pattern_text;
  std::optional<Format> format;

  std::optional<double> minimum;
  std::optional<double> maximum;

  std::unique_ptr<Node> items;
  std::optional<std::size_t> min_items;
  std::optional<std::size_t> max_items;

  std::vector<std::string> required;
  std::map<std::string, std::unique_ptr<Node>, std::less<>> properties;
  bool additional_properties = false;  ///< canonical requests refuse fields nobody declared
  std::optional<CitizenIdBirthDateRule> citizen_id_matches_birth_date;
};

}  // namespace lienthong::schema::detail
