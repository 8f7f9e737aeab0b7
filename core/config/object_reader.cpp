#include "core/config/object_reader.hpp"

#include <limits>

namespace lienthong::config {

ObjectReader::ObjectReader(const JsonDocument& doc, std::string pointer, ConfigErrors& errors)
    : doc_(&doc), pointer_(std::move(pointer)), errors_(&errors) {
  const nlohmann::json* value = &doc.root();
  if (!pointer_.empty()) {
    auto ptr = nlohmann::json::json_pointer(pointer_);
    value = doc.root().contains(ptr) ? &doc.root().at(ptr) : nullptr;
  }
  if (value == nullptr || !value->is_object()) {
    errors.push_back(doc.error_at(pointer_, "must be an object"));
    return;
  }
  object_ = value;
}

std::string ObjectReader::key_pointer(std::string_view key) const {
  return pointer_ + "/" + escape_pointer_token(key);
}

const nlohmann::json* ObjectReader::find(std::string_view key, bool required) {
  if (object_ == nullptr) return nullptr;
  seen_.emplace(key);
  auto it = object_->find(std::string(key));
  if (it == object_->end()) {
    if (required) error(key, "is required");
    return nullptr;
  }
  return &*it;
}

void ObjectReader::error(std::string_view key, std::string reason) {
  errors_->push_back(doc_->error_at(key.empty() ? pointer_ : key_pointer(key), std::move(reason)));
}

bool ObjectReader::read(std::string_view key, std::string& out, bool required) {
  const auto* v = find(key, required);
  if (v == nullptr) return false;
  if (!v->is_string()) {
    error(key, "must be a string");
    return false;
  }
  out = v->get<std::string>();
  return true;
}

bool ObjectReader::read(std::string_view key, bool& out, bool required) {
  const auto* v = find(key, required);
  if (v == nullptr) return false;
  if (!v->is_boolean()) {
    error(key, "must be true or false");
    return false;
  }
  out = v->get<bool>();
  return true;
}

bool ObjectReader::read(std::string_view key, int& out, bool required, int min, int max) {
  const auto* v = find(key, required);
  if (v == nullptr) return false;
  if (!v->is_number_integer() || v->get<std::int64_t>() < min || v->get<std::int64_t>() > max) {
    error(key, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return false;
  }
  out = v->get<int>();
  return true;
}

bool ObjectReader::read(std::string_view key, std::size_t& out, bool required) {
  const auto* v = find(key, required);
  if (v == nullptr) return false;
  if (!v->is_number_unsigned()) {
    error(key, "must be a non-negative integer");
    return false;
  }
  out = v->get<std::size_t>();
  return true;
}

bool ObjectReader::read(std::string_view key, std::uint16_t& out, bool required) {
  int value = 0;
  if (!read(key, value, required, 0, std::numeric_limits<std::uint16_t>::max())) return false;
  out = static_cast<std::uint16_t>(value);
  return true;
}

bool ObjectReader::read(std::string_view key, std::vector<std::string>& out, bool required) {
  const auto* v = find(key, required);
  if (v == nullptr) return false;
  if (!v->is_array()) {
    error(key, "must be a list of strings");
    return false;
  }
  out.clear();
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) {
      errors_->push_back(
          doc_->error_at(key_pointer(key) + "/" + std::to_string(i), "must be a string"));
      continue;
    }
    out.push_back((*v)[i].get<std::string>());
  }
  return true;
}

bool ObjectReader::read(std::string_view key, std::map<std::string, std::string>& out,
                        bool required) {
  const auto* v = find(key, required);
  if (v == nullptr) return false;
  if (!v->is_object()) {
    error(key, "must be an object of strings");
    return false;
  }
  for (const auto& [k, item] : v->items()) {
    if (!item.is_string()) {
      errors_->push_back(
          doc_->error_at(key_pointer(key) + "/" + escape_pointer_token(k), "must be a string"));
      continue;
    }
    out[k] = item.get<std::string>();
  }
  return true;
}

bool ObjectReader::read(std::string_view key, std::map<std::string, std::uint16_t>& out,
                        bool required) {
  const auto* v = find(key, required);
  if (v == nullptr) return false;
  if (!v->is_object()) {
    error(key, "must be an object of port numbers");
    return false;
  }
  for (const auto& [k, item] : v->items()) {
    if (!item.is_number_unsigned() || item.get<std::uint64_t>() > 65535) {
      errors_->push_back(doc_->error_at(key_pointer(key) + "/" + escape_pointer_token(k),
                                        "must be a port number from 0 to 65535"));
      continue;
    }
    out[k] = item.get<std::uint16_t>();
  }
  return true;
}

std::string ObjectReader::child(std::string_view key, bool required) {
  return find(key, required) != nullptr ? key_pointer(key) : std::string();
}

void ObjectReader::allow(std::string_view key) {
  seen_.emplace(key);
}

std::vector<std::string> ObjectReader::keys() const {
  std::vector<std::string> out;
  if (object_ == nullptr) return out;
  for (const auto& [k, v] : object_->items()) out.push_back(k);
  return out;
}

void ObjectReader::finish() {
  if (object_ == nullptr) return;
  for (const auto& [k, v] : object_->items()) {
    if (!seen_.contains(k)) error(k, "unknown key");
  }
}

}  // namespace lienthong::config
