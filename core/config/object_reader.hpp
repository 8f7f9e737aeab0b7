#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/json_document.hpp"

namespace lienthong::config {

/// Reads one JSON object of a config file into typed fields, collecting located errors:
/// wrong types, missing required keys, and (on finish()) every key nobody asked for.
class ObjectReader {
 public:
  ObjectReader(const JsonDocument& doc, std::string pointer, ConfigErrors& errors);

  /// False when the value at the pointer is not an object (the error is already recorded).
  [[nodiscard]] bool ok() const { return object_ != nullptr; }
  [[nodiscard]] const std::string& pointer() const { return pointer_; }
  [[nodiscard]] const JsonDocument& document() const { return *doc_; }

  bool read(std::string_view key, std::string& out, bool required = false);
  bool read(std::string_view key, bool& out, bool required = false);
  bool read(std::string_view key, int& out, bool required = false, int min = 0,
            int max = 1'000'000'000);
  bool read(std::string_view key, std::size_t& out, bool required = false);
  bool read(std::string_view key, std::uint16_t& out, bool required = false);
  bool read(std::string_view key, std::vector<std::string>& out, bool required = false);
  bool read(std::string_view key, std::map<std::string, std::string>& out, bool required = false);
  bool read(std::string_view key, std::map<std::string, std::uint16_t>& out, bool required = false);

  /// Marks `key` as known and returns its pointer if present (for nested objects), else "".
  std::string child(std::string_view key, bool required = false);
  /// Marks `key` as known without reading it.
  void allow(std::string_view key);
  /// The keys of this object, in file order is not kept: sorted.
  [[nodiscard]] std::vector<std::string> keys() const;

  /// Records an error at `key` (or at the object itself when key is empty).
  void error(std::string_view key, std::string reason);
  /// Reports every key that was not read or allowed.
  void finish();

 private:
  const nlohmann::json* find(std::string_view key, bool required);
  std::string key_pointer(std::string_view key) const;

  const JsonDocument* doc_;
  std::string pointer_;
  ConfigErrors* errors_;
  const nlohmann::json* object_ = nullptr;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace lienthong::config
