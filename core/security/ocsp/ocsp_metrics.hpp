#pragma once

#include "core/metrics/counter.hpp"

namespace lienthong::security {

/// Lookups of OCSP caches (every checker's) in `lienthong_ocsp_cache_lookups_total{result}`:
/// a `hit` is a fresh answer (before its nextUpdate) used without asking the responder.
struct OcspCacheCounters {
  metrics::Counter& hit;
  metrics::Counter& miss;
};
const OcspCacheCounters& ocsp_cache_counters();

}  // namespace lienthong::security
