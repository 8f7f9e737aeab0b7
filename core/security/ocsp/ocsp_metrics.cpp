#include "core/security/ocsp/ocsp_metrics.hpp"

#include "core/metrics/registry.hpp"

namespace lienthong::security {

const OcspCacheCounters& ocsp_cache_counters() {
  static const OcspCacheCounters counters = [] {
    auto& family = metrics::global().counter(
        "lienthong_ocsp_cache_lookups_total",
        "Lookups of the OCSP answer caches: hit (a fresh answer used without asking the "
        "responder) or miss.",
        {"result"});
    return OcspCacheCounters{family.with({"hit"}), family.with({"miss"})};
  }();
  return counters;
}

}  // namespace lienthong::security
