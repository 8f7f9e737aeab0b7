#pragma once

#include <optional>
#include <string_view>

#include "sandbox/dancu/citizen.hpp"

namespace lienthong::sandbox::dancu {

/// `yyyyMMdd` naming a real day from 1900 on.
bool is_compact_date(std::string_view text);

/// `yyyy` from 1900 to the current year.
bool is_birth_year(std::string_view text);

/// Whether a caller's birth date (`yyyyMMdd`) or birth year agrees with the record. When the
/// registry knows only the year, a full date agrees if its year does.
bool birth_matches(const Citizen& citizen, std::optional<std::string_view> date,
                   std::optional<std::string_view> year);

}  // namespace lienthong::sandbox::dancu
