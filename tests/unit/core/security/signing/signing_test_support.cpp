#include "tests/unit/core/security/signing/signing_test_support.hpp"

#include <gtest/gtest.h>
#include <openssl/asn1.h>
#include <openssl/rsa.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "core/base/digest.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::security::signing::test_support {

namespace fs = std::filesystem;
using security::testing::pki_file;
using security::testing::read_file;
using security::testing::write_file;

std::string add_revision(std::string pdf, const PdfObjects& objects, const std::string& trailer) {
  std::optional<std::size_t> prev;
  if (pdf.empty()) {
    pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  } else {
    prev = std::stoul(pdf.substr(pdf.rfind("startxref\n") + 10));
  }
  std::vector<std::pair<int, std::size_t>> offsets;
  for (const auto& [n, body] : objects) {
    offsets.emplace_back(n, pdf.size());
    pdf += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n";
  if (!prev) pdf += "0 1\n0000000000 65535 f\r\n";
  for (const auto& [n, offset] : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n\r\n", offset);
    pdf += std::to_string(n) + " 1\n" + entry;
  }
  pdf += "trailer\n<<" + trailer + (prev ? " /Prev " + std::to_string(*prev) : "") +
         ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string stream_object(const std::string& data) {
  return "<</Length " + std::to_string(data.size()) + ">>\nstream\n" + data + "\nendstream";
}

std::string xref_stream_pdf(const std::vector<std::string>& bodies,
                            const std::string& trailer_extra) {
  std::string pdf = "%PDF-1.7\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  offsets.push_back(pdf.size());  // the cross-reference stream itself
  std::string data;
  auto entry = [&](int type, std::size_t field2, int field3) {
    data += static_cast<char>(type);
    for (int shift = 24; shift >= 0; shift -= 8)
      data += static_cast<char>((field2 >> shift) & 0xFF);
    data += static_cast<char>((field3 >> 8) & 0xFF);
    data += static_cast<char>(field3 & 0xFF);
  };
  entry(0, 0, 65535);
  for (const std::size_t offset : offsets) entry(1, offset, 0);
  const std::size_t n = offsets.size();
  pdf += std::to_string(n) + " 0 obj\n<</Type /XRef /Size " + std::to_string(n + 1) +
         " /W [1 4 2] /Root 1 0 R" + trailer_extra + " /Length " + std::to_string(data.size()) +
         ">>\nstream\n" + data + "\nendstream\nendobj\nstartxref\n" +
         std::to_string(offsets.back()) + "\n%%EOF\n";
  return pdf;
}

std::string play_ca(EVP_PKEY* key, std::string_view digest) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new(key, nullptr),
                                                                  EVP_PKEY_CTX_free);
  std::size_t len = 0;
  EXPECT_EQ(EVP_PKEY_sign_init(ctx.get()), 1);
  if (EVP_PKEY_is_a(key, "RSA")) {
    EXPECT_EQ(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING), 1);
  }
  EXPECT_EQ(EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()), 1);
  const auto* md = reinterpret_cast<const unsigned char*>(digest.data());
  EXPECT_EQ(EVP_PKEY_sign(ctx.get(), nullptr, &len, md, digest.size()), 1);
  std::string sig(len, '\0');
  EXPECT_EQ(EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, md,
                          digest.size()),
            1);
  sig.resize(len);
  return sig;
}

std::string timestamp_token(const fs::path& dir, std::string_view imprint) {
  write_file(dir / "tsaserial", "01\n");
  write_file(dir / "tsa.cnf", "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\nserial = " +
                                  (dir / "tsaserial").string() +
                                  "\ncrypto_device = builtin\nsigner_digest = sha256\n"
                                  "default_policy = 1.3.6.1.4.1.99999.1\ndigests = sha256\n"
                                  "accuracy = secs:1\nordering = no\ntsa_name = no\n"
                                  "ess_cert_id_chain = no\ness_cert_id_alg = sha256\n");
  const Ran q = run("openssl ts -query -digest " + hex(imprint) + " -sha256 -cert -out " +
                    quoted(dir / "q.tsq"));
  EXPECT_EQ(q.status, 0) << q.output;
  const Ran r =
      run("openssl ts -reply -config " + quoted(dir / "tsa.cnf") + " -queryfile " +
          quoted(dir / "q.tsq") + " -signer " + quoted(pki_file("tsa.pem")) + " -inkey " +
          quoted(pki_file("tsa-key.pem")) + " -chain " + quoted(pki_file("intermediate-ca.pem")) +
          " -token_out -out " + quoted(dir / "token.der"));
  EXPECT_EQ(r.status, 0) << r.output;
  return read_file(dir / "token.der");
}

std::string sha256(std::string_view data) {
  unsigned char md[32];
  EXPECT_EQ(EVP_Digest(data.data(), data.size(), md, nullptr, EVP_sha256(), nullptr), 1);
  return {reinterpret_cast<const char*>(md), 32};
}

std::string hex(std::string_view bytes) {
  return hex_lower(bytes);
}

std::string der_tlv(int universal_tag, std::string_view content) {
  const int length = static_cast<int>(content.size());
  std::string out(static_cast<std::size_t>(ASN1_object_size(1, length, universal_tag)), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  ASN1_put_object(&p, 1, length, universal_tag, V_ASN1_UNIVERSAL);
  out.replace(out.size() - content.size(), content.size(), content);
  return out;
}

Ran run(const std::string& command) {
  // `; echo rc=$?` puts the exit status after the output, which run_command returns whole; the
  // subshell sends all of the command's stderr along and keeps an `exit` from skipping the echo.
  std::string output = lienthong::testing::run_command("( " + command + " ) 2>&1; echo rc=$?");
  Ran r;
  const std::size_t at = output.rfind("rc=");
  if (at == std::string::npos) {
    r.output = std::move(output);
    return r;
  }
  r.status = std::stoi(output.substr(at + 3));
  output.resize(at);
  r.output = std::move(output);
  return r;
}

bool have(const std::string& tool) {
  return run("command -v " + tool + " >/dev/null").status == 0;
}

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

}  // namespace lienthong::security::signing::test_support
