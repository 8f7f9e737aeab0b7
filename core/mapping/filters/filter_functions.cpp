// Filters that keep or reshape text and lists: required, default, trim, upper, lower, ascii,
// join, split, first.
#include "core/mapping/filters/filters.hpp"
#include "core/mapping/filters/unicode.hpp"

namespace lienthong::mapping::detail {
namespace {

EvalFailure bad(std::string reason) {
  return EvalFailure{MappingError::Kind::kBadValue, {}, std::move(reason)};
}

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Applies `f` to the value's text; numbers and booleans are written out first.
template <class F>
Result<Value, EvalFailure> on_text(const Filter& filter, Value in, F f) {
  if (in.absent()) return in;
  if (in.get().is_string()) return Value::owned(f(in.get().get_ref<const std::string&>()));
  auto text = scalar_text(in.get());
  if (!text) {
    return bad(filter.name + " expects text, got " + std::string(kind_name(in.get())));
  }
  return Value::owned(f(*text));
}

bool blank(const nlohmann::json& item) {
  return item.is_null() || (item.is_string() && item.get_ref<const std::string&>().empty());
}

}  // namespace

Result<Value, EvalFailure> filter_required(const Filter& /*f*/, Value in) {
  if (in.absent()) {
    return EvalFailure{MappingError::Kind::kRequiredMissing, {}, "required value is missing"};
  }
  return in;
}

Result<Value, EvalFailure> filter_default(const Filter& f, Value in) {
  if (in.absent()) return Value::borrowed(f.args[0]);
  return in;
}

Result<Value, EvalFailure> filter_trim(const Filter& f, Value in) {
  if (!in.absent() && in.get().is_string()) {
    const auto& s = in.get().get_ref<const std::string&>();
    if (s.empty() || (!space(s.front()) && !space(s.back()))) return in;  // nothing to copy
  }
  return on_text(f, std::move(in), [](std::string_view s) { return std::string(trimmed(s)); });
}

Result<Value, EvalFailure> filter_upper(const Filter& f, Value in) {
  return on_text(f, std::move(in), [](std::string_view s) { return to_upper(s); });
}

Result<Value, EvalFailure> filter_lower(const Filter& f, Value in) {
  return on_text(f, std::move(in), [](std::string_view s) { return to_lower(s); });
}

Result<Value, EvalFailure> filter_ascii(const Filter& f, Value in) {
  return on_text(f, std::move(in), [](std::string_view s) { return to_ascii(s); });
}

Result<Value, EvalFailure> filter_join(const Filter& f, Value in) {
  if (in.absent() || in.get().is_string()) return in;
  if (!in.get().is_array()) {
    return on_text(f, std::move(in), [](std::string_view s) { return std::string(s); });
  }
  const auto& separator = f.args[0].get_ref<const std::string&>();
  std::string out;
  bool any = false;
  for (const auto& item : in.get()) {
    if (blank(item)) continue;
    auto text = scalar_text(item);
    if (!text) return bad("join cannot put " + std::string(kind_name(item)) + " into text");
    if (any) out += separator;
    out += *text;
    any = true;
  }
  return any ? Value::owned(std::move(out)) : Value();
}

Result<Value, EvalFailure> filter_split(const Filter& f, Value in) {
  if (in.absent()) return in;
  if (!in.get().is_string()) {
    return bad("split expects text, got " + std::string(kind_name(in.get())));
  }
  const std::string_view text = in.get().get_ref<const std::string&>();
  const auto& separator = f.args[0].get_ref<const std::string&>();
  auto out = nlohmann::json::array();
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto end = std::min(text.find(separator, pos), text.size());
    const auto part = trimmed(text.substr(pos, end - pos));
    if (!part.empty()) out.push_back(std::string(part));
    pos = end + separator.size();
  }
  return Value::owned(std::move(out));
}

Result<Value, EvalFailure> filter_first(const Filter& /*f*/, Value in) {
  if (in.absent() || !in.get().is_array()) return in;
  for (const auto& item : in.get()) {
    if (!blank(item)) return Value::owned(item);
  }
  return Value();
}

}  // namespace lienthong::mapping::detail
