#include "sandbox/kyso/signer_accounts.hpp"

#include <set>

#include "core/config/object_reader.hpp"
#include "core/schema/vn_identifiers.hpp"

namespace lienthong::sandbox::kyso {
namespace {

using config::ObjectReader;

constexpr std::size_t kMaxNameLength = 100;

bool plain_base_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && name.front() != '-' &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
}

SignerAccount account(ObjectReader& r) {
  SignerAccount a;
  if (r.read("user_id", a.user_id, /*required=*/true)) {
    if (auto why = schema::check_citizen_id(a.user_id)) r.error("user_id", *why);
  }
  if (r.read("full_name", a.full_name, /*required=*/true) &&
      (a.full_name.empty() || a.full_name.size() > kMaxNameLength)) {
    r.error("full_name", "must be 1 to " + std::to_string(kMaxNameLength) + " bytes");
  }
  if (r.read("certificate", a.certificate, /*required=*/true) && !plain_base_name(a.certificate)) {
    r.error("certificate",
            "must be a base name in certs_dir (lowercase letters, digits and '-', e.g. "
            "\"signer-an\" for signer-an.pem and signer-an-key.pem)");
  }
  std::string behaviour;
  if (r.read("behaviour", behaviour, /*required=*/true)) {
    if (auto parsed = parse_behaviour(behaviour)) {
      a.behaviour = *parsed;
    } else {
      r.error("behaviour", "must be approve, reject, ignore or wrong_signature");
    }
  }
  return a;
}

}  // namespace

std::string_view to_string(SignerBehaviour behaviour) {
  switch (behaviour) {
    case SignerBehaviour::kApprove:
      return "approve";
    case SignerBehaviour::kReject:
      return "reject";
    case SignerBehaviour::kIgnore:
      return "ignore";
    case SignerBehaviour::kWrongSignature:
      return "wrong_signature";
  }
  return "approve";
}

std::optional<SignerBehaviour> parse_behaviour(std::string_view word) {
  for (auto b : {SignerBehaviour::kApprove, SignerBehaviour::kReject, SignerBehaviour::kIgnore,
                 SignerBehaviour::kWrongSignature}) {
    if (to_string(b) == word) return b;
  }
  return std::nullopt;
}

Result<SignerAccounts, config::ConfigErrors> SignerAccounts::load(
    const std::filesystem::path& file) {
  auto doc = config::JsonDocument::load(file);
  if (!doc) return config::ConfigErrors{doc.error()};
  return from_document(*doc);
}

Result<SignerAccounts, config::ConfigErrors> SignerAccounts::parse(std::string_view text,
                                                                   std::string file_name) {
  auto doc = config::JsonDocument::parse(text, std::move(file_name));
  if (!doc) return config::ConfigErrors{doc.error()};
  return from_document(*doc);
}

Result<SignerAccounts, config::ConfigErrors> SignerAccounts::from_document(
    const config::JsonDocument& doc) {
  if (!doc.root().is_array() || doc.root().empty()) {
    return config::ConfigErrors{doc.error_at("", "must be a non-empty list of accounts")};
  }
  config::ConfigErrors errors;
  SignerAccounts out;
  out.file_ = doc.file();
  std::set<std::string, std::less<>> certificates;
  for (std::size_t i = 0; i < doc.root().size(); ++i) {
    const auto pointer = "/" + std::to_string(i);
    ObjectReader reader(doc, pointer, errors);
    if (!reader.ok()) continue;
    auto a = account(reader);
    reader.finish();
    a.line = doc.line_of(pointer);
    a.pointer = pointer;
    if (!a.user_id.empty() && out.index_.contains(a.user_id)) {
      errors.push_back(doc.error_at(pointer + "/user_id", "duplicate user_id"));
    }
    if (!a.certificate.empty() && !certificates.insert(a.certificate).second) {
      errors.push_back(
          doc.error_at(pointer + "/certificate", "another account has this certificate"));
    }
    out.index_.emplace(a.user_id, out.accounts_.size());
    out.accounts_.push_back(std::move(a));
  }
  if (!errors.empty()) return errors;
  return out;
}

const SignerAccount* SignerAccounts::find(std::string_view user_id) const {
  const auto it = index_.find(user_id);
  return it == index_.end() ? nullptr : &accounts_[it->second];
}

}  // namespace lienthong::sandbox::kyso
