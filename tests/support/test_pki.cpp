#include "tests/support/test_pki.hpp"

#include <gtest/gtest.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "core/base/time_text.hpp"
#include "core/security/certificates/certificates.hpp"

namespace lienthong::security::testing {

namespace fs = std::filesystem;

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

int run_pki_script(const fs::path& out_dir) {
  // Output goes to OUT_DIR.log beside the folder, so a failure can be shown and a deliberate
  // refusal does not clutter the test output.
  const std::string cmd = "bash '" LT_SOURCE_DIR "/certs/gen-dev-pki.sh' '" + out_dir.string() +
                          "' >'" + out_dir.string() + ".log' 2>&1";
  return std::system(cmd.c_str());
}

const fs::path& dev_pki() {
  static const fs::path dir = [] {
    const std::string script = read_file(LT_SOURCE_DIR "/certs/gen-dev-pki.sh");
    const auto week = std::time(nullptr) / (std::time_t{7} * 24 * 3600);
    fs::path d = fs::temp_directory_path() /
                 ("lt-test-pki-" + std::to_string(::getuid()) + "-" +
                  std::to_string(std::hash<std::string>{}(script)) + "-" + std::to_string(week));
    if (!fs::exists(d / ".complete")) {
      const int rc = run_pki_script(d);
      if (rc != 0) {
        ADD_FAILURE() << "gen-dev-pki.sh failed with status " << rc << ":\n"
                      << read_file(d.string() + ".log");
      }
    }
    return d;
  }();
  return dir;
}

const fs::path& repo_dev_pki() {
  static const fs::path dir = [] {
    fs::path d = fs::path(LT_SOURCE_DIR) / "certs/dev";
    if (!fs::exists(d / ".complete")) {
      // The log goes to the temp folder: nothing but certs/dev itself lands in the tree.
      const fs::path log = fs::temp_directory_path() / "lt-repo-dev-pki.log";
      const std::string cmd = "bash '" LT_SOURCE_DIR "/certs/gen-dev-pki.sh' '" + d.string() +
                              "' >'" + log.string() + "' 2>&1";
      if (const int rc = std::system(cmd.c_str()); rc != 0) {
        ADD_FAILURE() << "gen-dev-pki.sh failed with status " << rc << ":\n" << read_file(log);
      }
    }
    return d;
  }();
  return dir;
}

fs::path pki_file(const std::string& name) {
  return dev_pki() / name;
}

X509Ptr load_cert(const fs::path& file) {
  auto certs = load_certificates(file);
  if (!certs) {
    ADD_FAILURE() << certs.error().to_string();
    return nullptr;
  }
  return std::move(certs->front());
}

SigningIdentity identity(const std::string& name) {
  auto id = SigningIdentity::load_pem(pki_file(name + "-key.pem"), pki_file(name + "-chain.pem"));
  if (!id) throw std::runtime_error(id.error().to_string());
  return std::move(*id);
}

SigningIdentity self_signed(int bits, const std::string& common_name, int days,
                            const std::string& key_usage) {
  EvpPkeyPtr key(EVP_RSA_gen(static_cast<unsigned int>(bits)));
  X509Ptr cert(X509_new());
  if (!key || !cert) throw std::runtime_error("OpenSSL allocation failed");
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 4242);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 24 * 3600);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  if (!key_usage.empty()) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_key_usage, key_usage.c_str());
    X509_add_ext(cert.get(), ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(cert.get(), key.get(), EVP_sha256());
  auto id = SigningIdentity::from(std::move(key), std::move(cert));
  if (!id) throw std::runtime_error(id.error());
  return std::move(*id);
}

TrustStore dev_trust() {
  auto t = TrustStore::load({pki_file("root-ca.pem")});
  if (!t) throw std::runtime_error(t.error().to_string());
  return std::move(*t);
}

std::time_t utc(int year, int month, int day, int hour, int minute, int second) {
  return static_cast<std::time_t>(utc_seconds(year, month, day, hour, minute, second));
}

fs::path fresh_temp_dir(const std::string& tag) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path d =
      fs::temp_directory_path() / ("lt-security-" + tag + "-" + std::to_string(::getpid()) + "-" +
                                   (info != nullptr ? info->name() : "x"));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace lienthong::security::testing
