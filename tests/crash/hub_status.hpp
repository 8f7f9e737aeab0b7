#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lienthong::crash {

/// Polls `GET /v1/messages/{id}` of every id until each one's status satisfies `final` or
/// `timeout` passes; the last status seen per id (an id never answered has none). `port` names
/// a live hub (0: none now).
std::map<std::string, nlohmann::json> wait_for_final_states(
    const std::function<std::uint16_t()>& port, const std::string& api_key,
    const std::vector<std::string>& ids, const std::function<bool(const nlohmann::json&)>& final,
    std::chrono::milliseconds timeout);

/// Resident memory of a process (VmRSS in /proc/PID/status), in KiB; -1 when unreadable.
long vm_rss_kib(int pid);

/// An integer from the environment (longer runs), else `fallback`.
long env_or(const char* name, long fallback);

}  // namespace lienthong::crash
