#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace lienthong::testing {

/// The sandbox's scenario data (sandbox/data/citizens.json, enterprises.json).
const nlohmann::json& sandbox_citizens();
const nlohmann::json& sandbox_enterprises();

/// Vietnamese letters with their diacritics removed (đ too), as callers sometimes type names.
std::string without_diacritics(const std::string& text);
/// "Ho ChuDem Ten" of a citizen record.
std::string full_name(const nlohmann::json& citizen);
/// yyyyMMdd, or "" for citizens whose record holds only the year.
std::string birth_date(const nlohmann::json& citizen);
/// yyyyMMdd -> yyyy-MM-dd.
std::string iso_date(const std::string& yyyymmdd);

/// Every value of the sandbox data that must never reach a log in clear, with what it is:
/// citizen IDs (and old ID numbers), full names with and without diacritics, dates of birth
/// (yyyyMMdd and ISO), legal representatives' ID numbers and names.
const std::map<std::string, std::string>& scenario_values();

/// Each occurrence of one of `values` in a line of `logs`, as "<what> in clear in a log
/// line: <the line, the value replaced by <what>>".
std::vector<std::string> find_leaks(std::string_view logs,
                                    const std::map<std::string, std::string>& values);

/// A test failure for each leak find_leaks() finds (the first ten in full, then a count).
void expect_no_leaks(std::string_view logs, const std::map<std::string, std::string>& values);

}  // namespace lienthong::testing
