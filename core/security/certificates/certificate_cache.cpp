#include "core/security/certificates/certificate_cache.hpp"

#include <mutex>
#include <string>
#include <unordered_map>

#include "core/security/certificates/certificates.hpp"

namespace lienthong::security::detail {
namespace {

constexpr std::size_t kCapacity = 256;  ///< distinct certificates; far more than any peer sends

struct Cache {
  std::mutex mutex;
  std::unordered_map<std::string, X509Ptr> by_der;
};

Cache& cache() {
  static Cache instance;
  return instance;
}

}  // namespace

X509Ptr certificate_from_der(std::string_view der) {
  auto& c = cache();
  {
    std::lock_guard lock(c.mutex);
    const auto it = c.by_der.find(std::string(der));
    if (it != c.by_der.end()) return share(it->second.get());
  }
  auto certs = parse_certificates(der);
  if (!certs || certs->size() != 1) return nullptr;
  X509Ptr parsed = std::move(certs->front());
  std::lock_guard lock(c.mutex);
  if (c.by_der.size() >= kCapacity) c.by_der.clear();  // a peer rotating certificates endlessly
  c.by_der.emplace(std::string(der), share(parsed.get()));
  return parsed;
}

}  // namespace lienthong::security::detail
