#pragma once

#include <ctime>
#include <filesystem>
#include <string>

#include "core/security/certificates/signing_identity.hpp"
#include "core/security/certificates/trust_store.hpp"
#include "core/security/openssl_ptr.hpp"

namespace lienthong::security::testing {

/// A development PKI made by certs/gen-dev-pki.sh, once per script version and week, in the
/// temp folder; shared by every test process (the script is idempotent and renames its result
/// into place atomically, so concurrent test processes are safe).
const std::filesystem::path& dev_pki();

/// certs/dev of the source tree, which the shipped config points at; made when missing (the
/// README's commands make it too).
const std::filesystem::path& repo_dev_pki();

/// Runs certs/gen-dev-pki.sh into `out_dir`; returns the shell's exit status.
int run_pki_script(const std::filesystem::path& out_dir);

/// A file of the shared PKI, e.g. pki_file("root-ca.pem").
std::filesystem::path pki_file(const std::string& name);

/// The first certificate of a PEM/DER file (fails the test when there is none).
X509Ptr load_cert(const std::filesystem::path& file);

/// The identity `<name>-key.pem` + `<name>-chain.pem` of the shared PKI.
SigningIdentity identity(const std::string& name);

/// A fresh RSA key and a self-signed certificate for it (not chained to anything), valid from
/// an hour ago for `days` days. `key_usage` is an OpenSSL keyUsage value ("" for none).
SigningIdentity self_signed(int bits, const std::string& common_name, int days = 30,
                            const std::string& key_usage = "digitalSignature");

/// Trusts the dev root, knows nothing else.
TrustStore dev_trust();

/// A file's bytes.
std::string read_file(const std::filesystem::path& file);
void write_file(const std::filesystem::path& file, const std::string& text);

/// Seconds since the epoch for a UTC calendar time.
std::time_t utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0);

/// A fresh, empty folder for one test; removed by the caller's fixture.
std::filesystem::path fresh_temp_dir(const std::string& tag);

}  // namespace lienthong::security::testing
