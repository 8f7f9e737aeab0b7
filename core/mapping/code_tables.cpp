#include "core/mapping/code_tables.hpp"

#include <algorithm>
#include <system_error>

#include "core/config/json_document.hpp"

namespace lienthong::mapping {
namespace {

namespace fs = std::filesystem;

// Reads one table file: a flat object from code to a scalar value.
void load_table(const fs::path& file, CodeTables& tables, config::ConfigErrors& errors) {
  auto doc = config::JsonDocument::load(file);
  if (!doc) {
    errors.push_back(doc.error());
    return;
  }
  const auto& root = doc->root();
  if (!root.is_object()) {
    errors.push_back(doc->error_at("", "a code table is an object from code to value"));
    return;
  }
  std::unordered_map<std::string, nlohmann::json> entries;
  bool ok = true;
  for (const auto& [code, value] : root.items()) {
    if (value.is_object() || value.is_array() || value.is_null()) {
      errors.push_back(doc->error_at("/" + config::escape_pointer_token(code),
                                     "a code's value must be text, a number or a boolean"));
      ok = false;
      continue;
    }
    entries.emplace(code, value);
  }
  if (ok) tables.add(file.stem().string(), std::move(entries));
}

}  // namespace

Result<CodeTables, config::ConfigErrors> CodeTables::load_dir(const fs::path& dir) {
  CodeTables tables;
  config::ConfigErrors errors;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return tables;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  if (ec) return config::ConfigErrors{{dir.string(), 0, "", "cannot list: " + ec.message()}};
  std::sort(files.begin(), files.end());  // errors in a stable order
  for (const auto& file : files) load_table(file, tables, errors);
  if (!errors.empty()) return errors;
  return tables;
}

void CodeTables::add(std::string name, std::unordered_map<std::string, nlohmann::json> entries) {
  tables_[std::move(name)] = std::move(entries);
}

bool CodeTables::has(const std::string& table) const {
  return tables_.contains(table);
}

const nlohmann::json* CodeTables::find(const std::string& table, const std::string& code) const {
  const auto* entries = this->table(table);
  if (entries == nullptr) return nullptr;
  auto it = entries->find(code);
  return it == entries->end() ? nullptr : &it->second;
}

const std::unordered_map<std::string, nlohmann::json>* CodeTables::table(
    const std::string& name) const {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : &it->second;
}

std::vector<std::string> CodeTables::names() const {
  std::vector<std::string> out;
  for (const auto& [name, entries] : tables_) out.push_back(name);
  return out;
}

}  // namespace lienthong::mapping
