#include "core/base/random_token.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "core/base/base64.hpp"

namespace lienthong {

std::string random_token() {
  std::string raw(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");  // no safe way on: a programming error
  }
  auto out = base64_encode(raw);
  OPENSSL_cleanse(raw.data(), raw.size());
  std::replace(out.begin(), out.end(), '+', '-');
  std::replace(out.begin(), out.end(), '/', '_');
  out.erase(out.find_last_not_of('=') + 1);
  return out;
}

}  // namespace lienthong
