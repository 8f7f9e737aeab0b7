#include "hub_status.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "http_call.hpp"

namespace lienthong::crash {

namespace bhttp = boost::beast::http;
using nlohmann::json;
using namespace std::chrono_literals;

std::map<std::string, json> wait_for_final_states(const std::function<std::uint16_t()>& port,
                                                  const std::string& api_key,
                                                  const std::vector<std::string>& ids,
                                                  const std::function<bool(const json&)>& final,
                                                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::map<std::string, json> last;
  std::vector<std::string> open = ids;
  while (!open.empty()) {
    std::vector<std::string> still;
    for (const auto& id : open) {
      const auto p = port();
      std::optional<http::Response> res;
      if (p != 0) {
        http::Request req{bhttp::verb::get, "/v1/messages/" + id, 11};
        req.set(bhttp::field::authorization, "Bearer " + api_key);
        res = try_http(p, std::move(req), 20s);
      }
      if (res && res->result_int() == 200) last[id] = json::parse(res->body(), nullptr, false);
      if (!last.contains(id) || !final(last[id])) still.push_back(id);
    }
    open = std::move(still);
    if (open.empty() || std::chrono::steady_clock::now() >= deadline) break;
    // Between rounds over the open ids: delivery takes its time, no need to hammer the hub.
    std::this_thread::sleep_for(200ms);
  }
  return last;
}

long vm_rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      std::istringstream fields(line.substr(6));
      long kib = -1;
      fields >> kib;
      return kib;
    }
  }
  return -1;
}

long env_or(const char* name, long fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  const long n = std::strtol(v, &end, 10);
  return end != nullptr && *end == '\0' && n > 0 ? n : fallback;
}

}  // namespace lienthong::crash
