#include "core/mapping/filters/filters.hpp"

namespace lienthong::mapping::detail {
namespace {

struct Spec {
  std::string_view name;
  std::size_t min_args;
  std::size_t max_args;
  FilterFn fn;
  bool text_args;  // every argument must be a quoted string
};

constexpr Spec kSpecs[] = {
    {"required", 0, 0, filter_required, false}, {"default", 1, 1, filter_default, false},
    {"trim", 0, 0, filter_trim, false},         {"upper", 0, 0, filter_upper, false},
    {"lower", 0, 0, filter_lower, false},       {"ascii", 0, 0, filter_ascii, false},
    {"join", 1, 1, filter_join, true},          {"split", 1, 1, filter_split, true},
    {"first", 0, 0, filter_first, false},       {"number", 0, 0, filter_number, false},
    {"integer", 0, 0, filter_integer, false},   {"string", 0, 0, filter_string, false},
    {"bool", 0, 0, filter_bool, false},         {"table", 1, 2, filter_table, false},
    {"date", 2, 2, filter_date, true},
};

std::string known_filters() {
  std::string out;
  for (const auto& spec : kSpecs) {
    if (!out.empty()) out += ", ";
    out += spec.name;
  }
  return out;
}

std::string arity(const Spec& spec) {
  auto count = [](std::size_t n) {
    return std::to_string(n) + (n == 1 ? " argument" : " arguments");
  };
  if (spec.min_args == spec.max_args) return count(spec.min_args);
  return std::to_string(spec.min_args) + " or " + count(spec.max_args);
}

std::optional<std::string> bind_date(Filter& f) {
  const auto& from = f.args[0].get_ref<const std::string&>();
  const auto& to = f.args[1].get_ref<const std::string&>();
  for (const auto* name : {&from, &to}) {
    if (!parse_date_format(*name)) {
      return "date: unknown format '" + *name + "' (known: " + std::string(date_format_names()) +
             ")";
    }
  }
  f.from = *parse_date_format(from);
  f.to = *parse_date_format(to);
  if (auto problem = date_conversion_problem(f.from, f.to)) return "date: " + *problem;
  return std::nullopt;
}

std::optional<std::string> bind_table(Filter& f, const CodeTables& tables) {
  if (!f.args[0].is_string()) return std::string("table: the table name must be a quoted string");
  f.table_name = f.args[0].get<std::string>();
  const auto* table = tables.table(f.table_name);
  if (table == nullptr) {
    std::string known;
    for (const auto& name : tables.names()) known += (known.empty() ? "" : ", ") + name;
    return "table: no code table '" + f.table_name +
           "' (tables: " + (known.empty() ? "none" : known) + ")";
  }
  f.table = std::make_shared<const CodeTable>(*table);
  return std::nullopt;
}

}  // namespace

Result<Filter, std::string> compile_filter(const FilterSyntax& syntax, const CodeTables& tables) {
  const Spec* spec = nullptr;
  for (const auto& candidate : kSpecs) {
    if (candidate.name == syntax.name) spec = &candidate;
  }
  if (spec == nullptr) {
    return "unknown filter '" + syntax.name + "' (known: " + known_filters() + ")";
  }
  if (syntax.args.size() < spec->min_args || syntax.args.size() > spec->max_args) {
    return "filter " + syntax.name + " takes " + arity(*spec) + ", got " +
           std::to_string(syntax.args.size());
  }
  Filter f;
  f.apply = spec->fn;
  f.name = syntax.name;
  f.args = syntax.args;
  if (spec->text_args) {
    for (const auto& arg : f.args) {
      if (!arg.is_string()) return "filter " + f.name + " takes quoted text arguments";
    }
  }
  std::optional<std::string> problem;
  if (f.name == "date") problem = bind_date(f);
  if (f.name == "table") problem = bind_table(f, tables);
  if (f.name == "split" && f.args[0].get_ref<const std::string&>().empty()) {
    problem = "split: the separator cannot be empty";
  }
  if (problem) return *problem;
  return f;
}

std::optional<std::string> scalar_text(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return value.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return value.dump();
    default:
      return std::nullopt;
  }
}

std::string_view kind_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::string:
      return "text";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::null:
      return "null";
    default:
      return "a number";
  }
}

}  // namespace lienthong::mapping::detail
