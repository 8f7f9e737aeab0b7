// The baseline of bench/dancu_signing.sh: the CPU time of one RSA-2048 signature (SHA-256,
// PKCS#1 v1.5, as RSA-SHA256 in XML-DSig) and one verification with OpenSSL, in-process, with
// the key parsed once — what "signing costs what RSA costs" compares the hub against.
//
//   bench_rsa_baseline [iterations=2000]
//
// Prints: `sign_us=<µs> verify_us=<µs> total_us=<µs>` (CPU time of this process per operation).
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Ctx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::vector<unsigned char> sign(EVP_PKEY* key, const std::string& data) {
  Ctx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::vector<unsigned char> out(static_cast<std::size_t>(EVP_PKEY_get_size(key)));
  std::size_t size = out.size();
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), out.data(), &size,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    std::fprintf(stderr, "sign failed\n");
    std::exit(1);
  }
  out.resize(size);
  return out;
}

bool verify(EVP_PKEY* key, const std::string& data, const std::vector<unsigned char>& sig) {
  Ctx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  return EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
         EVP_DigestVerify(ctx.get(), sig.data(), sig.size(),
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 2000;
  if (n <= 0) {
    std::fprintf(stderr, "usage: bench_rsa_baseline [iterations]\n");
    return 2;
  }
  Key key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  if (!key) return 1;
  // About the size of a canonicalised dancu-dsig-1 SignedInfo.
  const std::string signed_info(600, 'x');
  auto sig = sign(key.get(), signed_info);
  for (int i = 0; i < 20; ++i) verify(key.get(), signed_info, sign(key.get(), signed_info));

  const double t0 = cpu_seconds();
  for (int i = 0; i < n; ++i) sig = sign(key.get(), signed_info);
  const double t1 = cpu_seconds();
  int ok = 0;
  for (int i = 0; i < n; ++i) ok += verify(key.get(), signed_info, sig) ? 1 : 0;
  const double t2 = cpu_seconds();
  if (ok != n) {
    std::fprintf(stderr, "verification failed\n");
    return 1;
  }
  const double sign_us = (t1 - t0) / n * 1e6;
  const double verify_us = (t2 - t1) / n * 1e6;
  std::printf("sign_us=%.1f verify_us=%.1f total_us=%.1f\n", sign_us, verify_us,
              sign_us + verify_us);
  return 0;
}
