#include "sandbox/paygov/field_reader.hpp"

#include <algorithm>
#include <limits>

namespace lienthong::sandbox::paygov {

WireError invalid(std::string message) {
  return WireError{std::string(error_code::kInvalid), std::move(message)};
}

FieldReader::FieldReader(const nlohmann::json& object, std::string where)
    : object_(object), where_(std::move(where)) {
  if (!object_.is_object()) {
    error_ =
        invalid(where_.empty() ? "Dữ liệu không hợp lệ: thân yêu cầu phải là đối tượng JSON"
                               : "Dữ liệu không hợp lệ: " + where_.substr(0, where_.size() - 1) +
                                     " phải là đối tượng JSON");
  }
}

void FieldReader::refuse(std::string_view key, std::string_view reason) {
  if (error_) return;
  error_ =
      invalid("Dữ liệu không hợp lệ: " + where_ + std::string(key) + " " + std::string(reason));
}

const nlohmann::json* FieldReader::find(std::string_view key) {
  if (!object_.is_object()) return nullptr;
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    refuse(key, "bị thiếu (missing)");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::text(std::string_view key, bool allow_empty) {
  const auto* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    refuse(key, "phải là chuỗi (must be a string)");
    return std::nullopt;
  }
  auto out = value->get<std::string>();
  if (out.empty() && !allow_empty) {
    refuse(key, "không được rỗng (must not be empty)");
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> FieldReader::optional_text(std::string_view key) {
  if (!object_.is_object()) return std::nullopt;
  const auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    refuse(key, "phải là chuỗi (must be a string)");
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<std::int64_t> FieldReader::amount(std::string_view key) {
  const auto* value = find(key);
  if (value == nullptr) return std::nullopt;
  // Beyond 10^15 VND no fee exists; the bound keeps sums far from overflow.
  constexpr std::int64_t kMax = 1'000'000'000'000'000;
  if (value->is_number_unsigned() || value->is_number_integer()) {
    const auto n = value->is_number_unsigned() ? static_cast<std::int64_t>(std::min<std::uint64_t>(
                                                     value->get<std::uint64_t>(), kMax + 1))
                                               : value->get<std::int64_t>();
    if (n >= 1 && n <= kMax) return n;
  }
  refuse(key, "phải là số nguyên VND dương (must be a positive integer)");
  return std::nullopt;
}

const nlohmann::json* FieldReader::object(std::string_view key) {
  const auto* value = find(key);
  if (value != nullptr && !value->is_object()) {
    refuse(key, "phải là đối tượng (must be an object)");
    return nullptr;
  }
  return value;
}

const nlohmann::json* FieldReader::list(std::string_view key) {
  const auto* value = find(key);
  if (value != nullptr && (!value->is_array() || value->empty())) {
    refuse(key, "phải là danh sách không rỗng (must be a non-empty list)");
    return nullptr;
  }
  return value;
}

void FieldReader::only(std::span<const std::string_view> known) {
  if (!object_.is_object()) return;
  for (const auto& [key, value] : object_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      refuse(key, "không được hỗ trợ (unknown field)");
    }
  }
}

}  // namespace lienthong::sandbox::paygov
