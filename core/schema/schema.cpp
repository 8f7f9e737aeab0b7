#include "core/schema/schema.hpp"

#include <algorithm>

#include "core/config/json_document.hpp"
#include "core/schema/detail/schema_compiler.hpp"
#include "core/schema/detail/schema_validator.hpp"

namespace lienthong::schema {
namespace {

// Next reference token of a JSON Pointer, unescaped; advances `pointer` past it.
std::string next_token(std::string_view& pointer) {
  pointer.remove_prefix(1);  // the '/'
  const auto end = pointer.find('/');
  const auto raw = pointer.substr(0, end);
  pointer.remove_prefix(end == std::string_view::npos ? pointer.size() : end);
  std::string token;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
      token += raw[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      token += raw[i];
    }
  }
  return token;
}

bool is_array_index(std::string_view token) {
  if (token == "-") return true;
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return false;
  return std::ranges::all_of(token, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

struct Schema::Impl {
  std::unique_ptr<detail::Node> root;
};

Schema::Schema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Schema::~Schema() = default;

Result<std::shared_ptr<const Schema>, config::ConfigErrors> Schema::load(
    const std::filesystem::path& file) {
  auto doc = config::JsonDocument::load(file);
  if (!doc) return config::ConfigErrors{doc.error()};
  auto root = detail::compile(*doc);
  if (!root) return std::move(root).error();
  auto impl = std::make_unique<Impl>();
  impl->root = std::move(root).value();
  return std::make_shared<const Schema>(std::move(impl));
}

std::vector<FieldError> Schema::validate(const nlohmann::json& value) const {
  std::vector<FieldError> errors;
  detail::validate(*impl_->root, value, "", errors);
  return errors;
}

bool Schema::declares(std::string_view pointer) const {
  const detail::Node* node = impl_->root.get();
  while (!pointer.empty()) {
    if (pointer.front() != '/') return false;
    const auto token = next_token(pointer);
    if (auto it = node->properties.find(token); it != node->properties.end()) {
      node = it->second.get();
    } else if (node->items && is_array_index(token)) {
      node = node->items.get();
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace lienthong::schema
