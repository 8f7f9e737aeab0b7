#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/problem.hpp"
#include "core/config/config_error.hpp"
#include "core/config/json_document.hpp"

namespace lienthong::sandbox::kyso {

/// What the holder does on the phone when the CA asks them to approve a signing.
enum class SignerBehaviour {
  kApprove,         ///< approves after the approval delay: SUCCESS with good signatures
  kReject,          ///< rejects after the approval delay: REJECTED
  kIgnore,          ///< never answers: EXPIRED once the expiry passes
  kWrongSignature,  ///< "approves", but the CA signs another hash: SUCCESS, values that fail
};

/// `approve`, `reject`, `ignore`, `wrong_signature`.
std::string_view to_string(SignerBehaviour behaviour);
std::optional<SignerBehaviour> parse_behaviour(std::string_view word);

/// One holder account of the remote-signing CA.
struct SignerAccount {
  std::string user_id;      ///< the holder's 12-digit personal ID number
  std::string full_name;    ///< personal data: never logged
  std::string certificate;  ///< base name in certs_dir: `<name>.pem` and `<name>-key.pem`
  SignerBehaviour behaviour = SignerBehaviour::kApprove;
  int line = 0;         ///< where the account starts in the data file, for later errors
  std::string pointer;  ///< JSON Pointer of the account (`/0`)
};

/// The CA's holder accounts (`sandbox/data/signers.json`): a JSON array of
/// `{user_id, full_name, certificate, behaviour}`. Checked strictly at load: IDs pass the
/// personal-ID rules, certificate names are plain base names, behaviours known, no key missing
/// or unknown, no ID or certificate used twice.
class SignerAccounts {
 public:
  static Result<SignerAccounts, config::ConfigErrors> load(const std::filesystem::path& file);
  static Result<SignerAccounts, config::ConfigErrors> parse(std::string_view text,
                                                            std::string file_name);

  [[nodiscard]] const SignerAccount* find(std::string_view user_id) const;
  /// Every account, in file order.
  [[nodiscard]] const std::vector<SignerAccount>& accounts() const { return accounts_; }
  /// The data file's name, for errors found later (e.g. a certificate that does not load).
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  static Result<SignerAccounts, config::ConfigErrors> from_document(
      const config::JsonDocument& doc);

  std::vector<SignerAccount> accounts_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::string file_;
};

}  // namespace lienthong::sandbox::kyso
