#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sandbox/paygov/wire.hpp"

namespace lienthong::sandbox::paygov {

/// Reads the fields of one JSON object of a request and keeps the first refusal, as the
/// platform's `03` answer naming the field (`ThongTinBienLai.PhiLePhi[0].SoTien`), never its
/// value: requests carry personal data.
class FieldReader {
 public:
  /// `where` prefixes field names in messages ("" at the top, "ThongTinBienLai." inside).
  FieldReader(const nlohmann::json& object, std::string where);

  /// A string field; empty text is refused unless `allow_empty`. nullopt when refused.
  std::optional<std::string> text(std::string_view key, bool allow_empty = false);
  /// An optional string field: nullopt when absent; refused when present and not a string.
  std::optional<std::string> optional_text(std::string_view key);
  /// An integer amount in VND, at least 1 (not a string, not a fraction).
  std::optional<std::int64_t> amount(std::string_view key);
  /// A nested object or list (its JSON, null when refused).
  const nlohmann::json* object(std::string_view key);
  const nlohmann::json* list(std::string_view key);
  /// Refuses every key not in `known`.
  void only(std::span<const std::string_view> known);

  /// Records a refusal of `key` (when none came first).
  void refuse(std::string_view key, std::string_view reason);

  [[nodiscard]] bool ok() const { return !error_.has_value(); }
  [[nodiscard]] const std::optional<WireError>& error() const { return error_; }

 private:
  const nlohmann::json* find(std::string_view key);

  const nlohmann::json& object_;
  std::string where_;
  std::optional<WireError> error_;
};

/// The platform's `03` refusal with `message`.
WireError invalid(std::string message);

}  // namespace lienthong::sandbox::paygov
