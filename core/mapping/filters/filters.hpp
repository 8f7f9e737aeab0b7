#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/problem.hpp"
#include "core/mapping/code_tables.hpp"
#include "core/mapping/detail/value.hpp"
#include "core/mapping/filters/dates.hpp"
#include "core/mapping/language/syntax.hpp"

namespace lienthong::mapping::detail {

using CodeTable = std::unordered_map<std::string, nlohmann::json>;

struct Filter;
/// A filter's work on one value; the failure's input_path is filled in by the caller.
using FilterFn = Result<Value, EvalFailure> (*)(const Filter& filter, Value in);

/// A filter compiled at load: its function and checked arguments.
struct Filter {
  FilterFn apply = nullptr;
  std::string name;
  std::vector<nlohmann::json> args;
  DateFormat from = DateFormat::kIso;
  DateFormat to = DateFormat::kIso;
  std::string table_name;
  /// A copy of the table: the mapping outlives the CodeTables it was loaded with.
  std::shared_ptr<const CodeTable> table;
};

/// Checks a filter's name and arguments (formats, tables) and binds its function.
Result<Filter, std::string> compile_filter(const FilterSyntax& syntax, const CodeTables& tables);

/// The value as text when it is a scalar (numbers and booleans are written out).
std::optional<std::string> scalar_text(const nlohmann::json& value);
/// "a list", "an object", "a number"... for messages.
std::string_view kind_name(const nlohmann::json& value);

// The filters themselves (filter_functions.cpp, filter_conversions.cpp).
Result<Value, EvalFailure> filter_required(const Filter& f, Value in);
Result<Value, EvalFailure> filter_default(const Filter& f, Value in);
Result<Value, EvalFailure> filter_trim(const Filter& f, Value in);
Result<Value, EvalFailure> filter_upper(const Filter& f, Value in);
Result<Value, EvalFailure> filter_lower(const Filter& f, Value in);
Result<Value, EvalFailure> filter_ascii(const Filter& f, Value in);
Result<Value, EvalFailure> filter_join(const Filter& f, Value in);
Result<Value, EvalFailure> filter_split(const Filter& f, Value in);
Result<Value, EvalFailure> filter_first(const Filter& f, Value in);
Result<Value, EvalFailure> filter_number(const Filter& f, Value in);
Result<Value, EvalFailure> filter_integer(const Filter& f, Value in);
Result<Value, EvalFailure> filter_string(const Filter& f, Value in);
Result<Value, EvalFailure> filter_bool(const Filter& f, Value in);
Result<Value, EvalFailure> filter_table(const Filter& f, Value in);
Result<Value, EvalFailure> filter_date(const Filter& f, Value in);

}  // namespace lienthong::mapping::detail
