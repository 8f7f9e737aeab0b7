#pragma once

// Helpers of the remote-signing tests: the API on the shared dev PKI with a settable clock,
// JSON calls, sign bodies and signature checks against the holder's certificate.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/base/base64.hpp"
#include "core/base/digest.hpp"
#include "sandbox/kyso/remote_signing_api.hpp"
#include "tests/unit/sandbox/kyso/kyso_test_pki.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::kyso::testing {

inline constexpr const char* kAn = "079085001234";     // approve, signer-an
inline constexpr const char* kBinh = "001190004321";   // reject, signer-binh
inline constexpr const char* kCuong = "048200005678";  // ignore, signer-cuong
inline constexpr const char* kDung = "031075009999";   // wrong_signature, signer-dung
inline constexpr const char* kRevoked = "036088000111";
inline constexpr const char* kExpired = "040070002222";

/// An answer: HTTP status and the JSON envelope.
struct Answer {
  int http = 0;
  nlohmann::json body;
};

inline Answer answer_of(const http::Response& response) {
  return {static_cast<int>(response.result_int()),
          nlohmann::json::parse(response.body(), nullptr, false)};
}

inline SignerAccounts signer_accounts() {
  auto accounts = SignerAccounts::load(test_support::data_dir() / "signers.json");
  if (!accounts) {
    ADD_FAILURE() << accounts.error().front().to_string();
    return *SignerAccounts::parse(
        R"([{"user_id":"079085001234","full_name":"x","certificate":"signer-an",
             "behaviour":"approve"}])",
        "fallback.json");
  }
  return std::move(accounts).value();
}

/// The CA of sandbox/data/signers.json on the shared dev PKI, on a clock the test moves.
struct ApiRig {
  std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now();
  std::shared_ptr<RemoteSigningApi> api;

  explicit ApiRig(SigningTiming timing = {}, bool fake_clock = true) {
    auto accounts = signer_accounts();
    auto keys = SignerKeyring::load(accounts, dev_pki());
    if (!keys) {
      ADD_FAILURE() << keys.error().front().to_string();
      return;
    }
    RemoteSigningOptions options;
    options.timing = timing;
    if (fake_clock) options.clock = [this] { return now; };
    api = std::make_shared<RemoteSigningApi>(std::move(accounts), std::move(keys).value(),
                                             std::move(options));
  }

  void advance(std::chrono::milliseconds by) { now += by; }

  Answer call(const std::string& target, const nlohmann::json& body,
              std::optional<FaultMode> fault = std::nullopt,
              const std::string& type = "application/json") const {
    auto request = test_support::make_request(http::beast::http::verb::post, target, body.dump(),
                                              {{"Content-Type", type}});
    return answer_of(api->handle(request, fault));
  }
};

inline nlohmann::json credentials() {
  return {{"sp_id", "lienthong-dev"}, {"sp_password", "sandbox-kyso-password"}};
}

/// The serial (lowercase hex) of a dev PKI certificate, as get_certificate reports it.
inline std::string serial_of(const std::string& cert_name) {
  auto cert = load_cert(cert_name + ".pem");
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr);
  char* hex = BN_bn2hex(bn);
  std::string out = hex;
  OPENSSL_free(hex);
  BN_free(bn);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline nlohmann::json sign_file(const std::string& data, const std::string& doc_id,
                                const std::string& file_type = "pdf") {
  return {{"data_to_be_signed", sha256_hex(data)},
          {"doc_id", doc_id},
          {"file_type", file_type},
          {"sign_type", "hash"}};
}

/// A sign body for `user_id` with their certificate `cert_name`, one file holding `data`.
inline nlohmann::json sign_body(const std::string& user_id, const std::string& cert_name,
                                const std::string& transaction_id,
                                const std::string& data = "hồ sơ 000.00.01.H22-261201-0001") {
  auto body = credentials();
  body["user_id"] = user_id;
  body["serial_number"] = serial_of(cert_name);
  body["transaction_id"] = transaction_id;
  body["transaction_desc"] = "Ký quyết định cấp giấy phép";
  body["sign_files"] = nlohmann::json::array({sign_file(data, "doc-1")});
  return body;
}

inline std::string status_path(const std::string& tran_id) {
  return "/v1/signatures/sign/" + tran_id + "/status";
}

/// True when `signature_b64` verifies as an RSA PKCS#1 v1.5 SHA-256 signature of `data` by
/// the certificate `cert_name`'s key (EVP_DigestVerify over the data itself).
inline bool verifies(const std::string& cert_name, const std::string& data,
                     const std::string& signature_b64) {
  auto cert = load_cert(cert_name + ".pem");
  const auto signature = decode_base64(signature_b64);
  if (!cert || !signature) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, X509_get0_pubkey(cert.get())) ==
          1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature->data()),
                       signature->size(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  ERR_clear_error();
  return ok;
}

}  // namespace lienthong::sandbox::kyso::testing
