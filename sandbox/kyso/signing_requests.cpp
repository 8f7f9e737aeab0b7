#include "sandbox/kyso/signing_requests.hpp"

#include <boost/beast/core/string.hpp>
#include <cctype>
#include <initializer_list>
#include <map>
#include <string_view>
#include <vector>

#include "core/base/digest.hpp"
#include "core/schema/vn_identifiers.hpp"
#include "sandbox/kyso/ca_index.hpp"
#include "sandbox/kyso/wire.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace bhttp = http::beast::http;

constexpr std::string_view kSpId = "sp_id";
constexpr std::string_view kSpPassword = "sp_password";
constexpr std::size_t kMaxSerialHex = 40;  // RFC 5280: at most 20 octets

std::size_t characters(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool is_hex(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Collects every refusal of one request into a single 400 message.
class Checks {
 public:
  void refuse(const std::string& field, std::string_view reason) {
    problems_.push_back(field + " " + std::string(reason));
  }
  [[nodiscard]] bool ok() const { return problems_.empty(); }
  [[nodiscard]] ApiError error() const {
    std::string message = "invalid request: ";
    for (std::size_t i = 0; i < problems_.size(); ++i) {
      if (i > 0) message += "; ";
      message += problems_[i];
    }
    return {400, std::move(message)};
  }

  // Refuses every key of `object` not in `known`.
  void only(const nlohmann::json& object, std::initializer_list<std::string_view> known,
            const std::string& where) {
    for (const auto& [key, value] : object.items()) {
      bool listed = false;
      for (auto k : known) listed = listed || k == key;
      if (!listed) refuse(where + key, "is not a field of this request");
    }
  }

  // A required string (non-empty unless `allow_empty`); nullopt when refused.
  std::optional<std::string> text(const nlohmann::json& object, std::string_view key,
                                  const std::string& where) {
    const auto it = object.find(key);
    const std::string field = where + std::string(key);
    if (it == object.end() || it->is_null()) {
      refuse(field, "is missing");
      return std::nullopt;
    }
    if (!it->is_string()) {
      refuse(field, "must be a string");
      return std::nullopt;
    }
    auto value = it->get<std::string>();
    if (value.empty()) {
      refuse(field, "must not be empty");
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::string> user_id(const nlohmann::json& body) {
    auto id = text(body, "user_id", "");
    if (!id) return std::nullopt;
    if (auto why = schema::check_citizen_id(*id)) {
      refuse("user_id", "must be a 12-digit personal ID number (" + *why + ")");
      return std::nullopt;
    }
    return id;
  }

  std::optional<std::string> transaction_id(const nlohmann::json& body) {
    auto id = text(body, "transaction_id", "");
    if (id && characters(*id) > kMaxTransactionIdLength) {
      refuse("transaction_id",
             "must be at most " + std::to_string(kMaxTransactionIdLength) + " characters");
      return std::nullopt;
    }
    return id;
  }

  std::optional<std::string> serial(const std::string& value) {
    const auto normalised = is_hex(value) && value.size() <= kMaxSerialHex
                                ? normalise_serial(value)
                                : std::optional<std::string>{};
    if (!normalised) refuse("serial_number", "must be the certificate's serial number in hex");
    return normalised;
  }

 private:
  std::vector<std::string> problems_;
};

std::optional<SignFile> sign_file(Checks& checks, const nlohmann::json& item,
                                  const std::string& where) {
  if (!item.is_object()) {
    checks.refuse(where.substr(0, where.size() - 1), "must be an object");
    return std::nullopt;
  }
  checks.only(item, {"data_to_be_signed", "doc_id", "file_type", "sign_type"}, where);
  SignFile file;
  bool ok = true;
  if (auto hash = checks.text(item, "data_to_be_signed", where)) {
    if (hash->size() != kDigestHexLength || !is_hex(*hash)) {
      checks.refuse(where + "data_to_be_signed", "must be 64 hex digits (a SHA-256 hash)");
      ok = false;
    }
    file.data_to_be_signed = lower(*hash);
  } else {
    ok = false;
  }
  if (auto doc_id = checks.text(item, "doc_id", where)) {
    if (characters(*doc_id) > kMaxDocIdLength) {
      checks.refuse(where + "doc_id",
                    "must be at most " + std::to_string(kMaxDocIdLength) + " characters");
      ok = false;
    }
    file.doc_id = *doc_id;
  } else {
    ok = false;
  }
  if (auto type = checks.text(item, "file_type", where)) {
    if (*type != "pdf" && *type != "xml" && *type != "p7s") {
      checks.refuse(where + "file_type", "must be \"pdf\", \"xml\" or \"p7s\"");
      ok = false;
    }
    file.file_type = *type;
  } else {
    ok = false;
  }
  if (auto type = checks.text(item, "sign_type", where)) {
    if (*type != kSignTypeHash) {
      checks.refuse(where + "sign_type", "must be \"hash\" (the CA signs hashes only)");
      ok = false;
    }
    file.sign_type = *type;
  } else {
    ok = false;
  }
  if (!ok) return std::nullopt;
  return file;
}

}  // namespace

Result<nlohmann::json, ApiError> read_json_body(const http::Request& request) {
  const auto it = request.find(bhttp::field::content_type);
  std::string_view type;
  if (it != request.end()) type = std::string_view(it->value().data(), it->value().size());
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  if (!boost::beast::iequals(type, kJsonType)) {
    return ApiError{400, "Content-Type must be application/json"};
  }
  auto body = nlohmann::json::parse(request.body(), nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return ApiError{400, "the body must be a JSON object"};
  return body;
}

bool has_sp_credentials(const nlohmann::json& body, const SpAccount& account) {
  const auto id = body.find(kSpId);
  const auto password = body.find(kSpPassword);
  if (id == body.end() || password == body.end() || !id->is_string() || !password->is_string()) {
    return false;
  }
  // Both compared, always, so the time says nothing about which one was wrong.
  const bool id_ok = equal_constant_time(id->get_ref<const std::string&>(), account.sp_id);
  const bool password_ok =
      equal_constant_time(password->get_ref<const std::string&>(), account.sp_password);
  return id_ok && password_ok;
}

Result<CertificateQuery, ApiError> read_certificate_query(const nlohmann::json& body) {
  Checks checks;
  checks.only(body, {kSpId, kSpPassword, "user_id", "serial_number", "transaction_id"}, "");
  CertificateQuery query;
  if (auto id = checks.user_id(body)) query.user_id = *id;
  if (const auto it = body.find("serial_number"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) {
      checks.refuse("serial_number", "must be a string");
    } else {
      query.serial_number = checks.serial(it->get<std::string>());
    }
  }
  if (auto id = checks.transaction_id(body)) query.transaction_id = *id;
  if (!checks.ok()) return checks.error();
  return query;
}

Result<SignOrder, ApiError> read_sign_order(const nlohmann::json& body) {
  Checks checks;
  checks.only(body,
              {kSpId, kSpPassword, "user_id", "transaction_desc", "transaction_id", "serial_number",
               "sign_files"},
              "");
  SignOrder order;
  if (auto id = checks.user_id(body)) order.content.user_id = *id;
  if (auto serial = checks.text(body, "serial_number", "")) {
    if (auto normalised = checks.serial(*serial)) order.content.serial_number = *normalised;
  }
  if (auto desc = checks.text(body, "transaction_desc", "")) {
    if (characters(*desc) > kMaxDescriptionLength) {
      checks.refuse("transaction_desc",
                    "must be at most " + std::to_string(kMaxDescriptionLength) + " characters");
    }
    order.content.transaction_desc = *desc;
  }
  if (auto id = checks.transaction_id(body)) order.transaction_id = *id;

  const auto files = body.find("sign_files");
  if (files == body.end() || files->is_null()) {
    checks.refuse("sign_files", "is missing");
  } else if (!files->is_array()) {
    checks.refuse("sign_files", "must be a list");
  } else if (files->empty() || files->size() > kMaxSignFiles) {
    checks.refuse("sign_files", "must hold 1 to " + std::to_string(kMaxSignFiles) + " files");
  } else {
    std::map<std::string, std::size_t, std::less<>> doc_ids;
    for (std::size_t i = 0; i < files->size(); ++i) {
      const std::string where = "sign_files[" + std::to_string(i) + "].";
      auto file = sign_file(checks, (*files)[i], where);
      if (!file) continue;
      if (const auto [it, fresh] = doc_ids.emplace(file->doc_id, i); !fresh) {
        checks.refuse(where + "doc_id",
                      "repeats sign_files[" + std::to_string(it->second) + "].doc_id");
      }
      order.content.files.push_back(std::move(*file));
    }
  }
  if (!checks.ok()) return checks.error();
  return order;
}

Result<void, ApiError> read_status_query(const nlohmann::json& body) {
  Checks checks;
  checks.only(body, {kSpId, kSpPassword}, "");
  if (!checks.ok()) return checks.error();
  return {};
}

}  // namespace lienthong::sandbox::kyso
