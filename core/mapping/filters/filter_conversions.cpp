// Filters that convert a value to another type or vocabulary: number, integer, string, bool,
// table, date. An empty text counts as absent for number, integer, bool and date: registries
// send "" for "no value".
#include <cctype>
#include <charconv>
#include <cmath>

#include "core/mapping/filters/filters.hpp"

namespace lienthong::mapping::detail {
namespace {

EvalFailure bad(std::string reason) {
  return EvalFailure{MappingError::Kind::kBadValue, {}, std::move(reason)};
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool blank_text(const Value& v) {
  return v.get().is_string() && trimmed(v.get().get_ref<const std::string&>()).empty();
}

std::optional<nlohmann::json> parse_number(std::string_view s) {
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (s.find_first_of(".eE") == std::string_view::npos) {
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec == std::errc() && ptr == last) return nlohmann::json(value);
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec == std::errc() && ptr == last && std::isfinite(value)) return nlohmann::json(value);
  return std::nullopt;
}

std::string quoted(const nlohmann::json& v) {
  return v.is_string() ? "'" + v.get<std::string>() + "'" : v.dump();
}

}  // namespace

Result<Value, EvalFailure> filter_number(const Filter& /*f*/, Value in) {
  if (in.absent() || in.get().is_number()) return in;
  if (blank_text(in)) return Value();
  if (in.get().is_string()) {
    if (auto n = parse_number(trimmed(in.get().get_ref<const std::string&>()))) {
      return Value::owned(std::move(*n));
    }
  }
  return bad(quoted(in.get()) + " is not a number");
}

Result<Value, EvalFailure> filter_integer(const Filter& f, Value in) {
  auto number = filter_number(f, std::move(in));
  if (!number || number->absent() || number->get().is_number_integer()) return number;
  const double d = number->get().get<double>();
  if (std::trunc(d) != d || std::fabs(d) > 9.0e15) {
    return bad(number->get().dump() + " is not a whole number");
  }
  return Value::owned(static_cast<std::int64_t>(d));
}

Result<Value, EvalFailure> filter_string(const Filter& /*f*/, Value in) {
  if (in.absent() || in.get().is_string()) return in;
  auto text = scalar_text(in.get());
  if (!text) return bad("cannot write " + std::string(kind_name(in.get())) + " as text");
  return Value::owned(std::move(*text));
}

Result<Value, EvalFailure> filter_bool(const Filter& /*f*/, Value in) {
  if (in.absent() || in.get().is_boolean()) return in;
  if (blank_text(in)) return Value();
  const auto& v = in.get();
  if (v.is_number() && (v == 0 || v == 1)) return Value::owned(v == 1);
  if (v.is_string()) {
    std::string s(trimmed(v.get_ref<const std::string&>()));
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "true" || s == "1") return Value::owned(true);
    if (s == "false" || s == "0") return Value::owned(false);
  }
  return bad(quoted(v) + " is not true, false, 1 or 0");
}

Result<Value, EvalFailure> filter_table(const Filter& f, Value in) {
  if (in.absent()) return in;
  auto code = scalar_text(in.get());
  if (!code) return bad("a code must be text or a number, got " + std::string(kind_name(in.get())));
  if (auto it = f.table->find(*code); it != f.table->end()) return Value::borrowed(it->second);
  if (f.args.size() > 1) return Value::borrowed(f.args[1]);
  return bad("code '" + *code + "' is not in table '" + f.table_name + "'");
}

Result<Value, EvalFailure> filter_date(const Filter& f, Value in) {
  if (in.absent()) return in;
  if (blank_text(in)) return Value();
  auto text = scalar_text(in.get());
  if (!text || in.get().is_boolean()) {
    return bad("date expects text, got " + std::string(kind_name(in.get())));
  }
  auto parsed = parse_date(*text, f.from);
  if (!parsed) return bad(std::move(parsed).error());
  return Value::owned(format_date(*parsed, f.to));
}

}  // namespace lienthong::mapping::detail
