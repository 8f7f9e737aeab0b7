#include "core/admin/auth/operator_accounts.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/admin/auth/password_hash.hpp"
#include "core/config/object_reader.hpp"

namespace lienthong::admin::auth {
namespace {

bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

bool is_operator_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "viewer") return Role::kViewer;
  if (text == "operator") return Role::kOperator;
  return std::nullopt;
}

Result<OperatorAccounts, config::ConfigErrors> OperatorAccounts::load(
    const std::filesystem::path& file) {
  OperatorAccounts out;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return out;
  auto doc = config::JsonDocument::load(file);
  if (!doc) return config::ConfigErrors{doc.error()};
  config::ConfigErrors errors;
  config::ObjectReader top(*doc, "", errors);
  if (!top.ok()) return errors;
  const auto list_ptr = top.child("operators", true);
  top.finish();
  if (list_ptr.empty()) return errors;
  const auto& list = doc->root().at(nlohmann::json::json_pointer(list_ptr));
  if (!list.is_array()) {
    errors.push_back(doc->error_at(list_ptr, "must be a list of {name, role, password}"));
    return errors;
  }
  std::set<std::string, std::less<>> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    config::ObjectReader r(*doc, list_ptr + "/" + std::to_string(i), errors);
    if (!r.ok()) continue;
    OperatorAccount a;
    std::string role;
    if (r.read("name", a.name, true) && !is_operator_name(a.name)) {
      r.error("name", "1-64 of a-z, 0-9, '.', '_' and '-'");
    } else if (!a.name.empty() && !names.insert(a.name).second) {
      r.error("name", "a second operator named " + a.name);
    }
    if (r.read("role", role, true)) {
      if (auto parsed = parse_role(role)) {
        a.role = *parsed;
      } else {
        r.error("role", "must be viewer or operator");
      }
    }
    if (r.read("password", a.password_hash)) {
      if (auto ok = check_password_hash(a.password_hash); !ok) {
        r.error("password", ok.error().detail);
      }
    }
    if (r.read("certificate_sha256", a.certificate_sha256) &&
        !is_sha256_hex(a.certificate_sha256)) {
      r.error("certificate_sha256",
              "64 lowercase hex digits (openssl x509 -fingerprint -sha256, "
              "without the colons)");
    }
    if (a.password_hash.empty() && a.certificate_sha256.empty()) {
      r.error("", "needs a password or a certificate_sha256 to sign in with");
    }
    r.finish();
    out.accounts.push_back(std::move(a));
  }
  if (!errors.empty()) return errors;
  return out;
}

const OperatorAccount* OperatorAccounts::find(std::string_view name) const {
  const auto it = std::find_if(accounts.begin(), accounts.end(),
                               [&](const OperatorAccount& a) { return a.name == name; });
  return it == accounts.end() ? nullptr : &*it;
}

OperatorAccount* OperatorAccounts::find(std::string_view name) {
  return const_cast<OperatorAccount*>(std::as_const(*this).find(name));
}

const OperatorAccount* OperatorAccounts::find_by_certificate(std::string_view sha256_hex) const {
  if (sha256_hex.empty()) return nullptr;
  const auto it = std::find_if(accounts.begin(), accounts.end(), [&](const OperatorAccount& a) {
    return a.certificate_sha256 == sha256_hex;
  });
  return it == accounts.end() ? nullptr : &*it;
}

std::string OperatorAccounts::to_text() const {
  auto sorted = accounts;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  nlohmann::json list = nlohmann::json::array();
  for (const auto& a : sorted) {
    nlohmann::json j = {{"name", a.name}, {"role", std::string(role_name(a.role))}};
    if (!a.password_hash.empty()) j["password"] = a.password_hash;
    if (!a.certificate_sha256.empty()) j["certificate_sha256"] = a.certificate_sha256;
    list.push_back(std::move(j));
  }
  return nlohmann::json{{"operators", std::move(list)}}.dump(2) + "\n";
}

}  // namespace lienthong::admin::auth
