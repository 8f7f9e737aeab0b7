#include "delivery_check.hpp"

#include <algorithm>
#include <map>

namespace lienthong::crash {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxProblems = 20;

void add(std::vector<std::string>& problems, std::string what) {
  if (problems.size() < kMaxProblems) problems.push_back(std::move(what));
}

std::string header(const json& headers, std::string_view name) {
  for (const auto& [k, v] : headers.items()) {
    if (std::equal(k.begin(), k.end(), name.begin(), name.end(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return v.is_string() ? v.get<std::string>() : "";
    }
  }
  return "";
}

// Accepted ids per key, in acceptance order.
std::map<std::string, std::vector<std::string>> by_key(const std::vector<AcceptedMessage>& all) {
  auto sorted = all;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.seq < b.seq; });
  std::map<std::string, std::vector<std::string>> keys;
  for (const auto& m : sorted) keys[m.key].push_back(m.id);
  return keys;
}

std::string join(const std::vector<std::string>& ids, std::size_t max = 8) {
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < max; ++i) out += (i ? " " : "") + ids[i];
  return ids.size() > max ? out + " …" : out;
}

}  // namespace

std::vector<LoggedDelivery> deliveries_in(const json& requests) {
  std::vector<LoggedDelivery> out;
  for (const auto& e : requests) {
    const auto body = json::parse(e.value("body", std::string()), nullptr, false);
    if (!body.is_object()) continue;
    const auto service = body.value("service", std::string());
    if (service != "DongBoHoSoMC" && service != "CapNhatTienDoHoSoMC") continue;
    std::string key;
    if (body.contains("data") && body["data"].is_array() && !body["data"].empty()) {
      key = body["data"][0].value("MaHoSo", std::string());
    }
    out.push_back({header(e.value("headers", json::object()), "X-Message-ID"), key});
  }
  return out;
}

DeliveryReport check_exact_order(const std::vector<AcceptedMessage>& accepted,
                                 const std::vector<LoggedDelivery>& log) {
  DeliveryReport report;
  report.accepted = accepted.size();
  std::map<std::string, std::string> key_of;
  for (const auto& m : accepted) key_of[m.id] = m.key;
  std::map<std::string, std::vector<std::string>> arrived;  // per key, repeats merged
  std::set<std::string> seen;
  for (const auto& d : log) {
    auto it = key_of.find(d.id);
    if (it == key_of.end()) {
      ++report.unknown;
      continue;
    }
    if (d.key != it->second) {
      add(report.problems, d.id + " was accepted for " + it->second + " but sent for " + d.key);
    }
    if (!seen.insert(d.id).second) ++report.repeats;
    auto& ids = arrived[it->second];
    if (ids.empty() || ids.back() != d.id) ids.push_back(d.id);
  }
  report.delivered = seen.size();
  for (const auto& [key, expected] : by_key(accepted)) {
    std::vector<std::string> lost;
    for (const auto& id : expected) {
      if (!seen.contains(id)) lost.push_back(id);
    }
    if (!lost.empty()) {
      add(report.problems, key + ": " + std::to_string(lost.size()) +
                               " acknowledged message(s) never reached the portal: " + join(lost));
      continue;
    }
    const auto& got = arrived[key];
    if (got != expected) {
      add(report.problems, key + ": arrived as [" + join(got, 20) + "] but was accepted as [" +
                               join(expected, 20) + "]");
    }
  }
  return report;
}

std::vector<std::string> check_first_arrival_order(const std::vector<AcceptedMessage>& accepted,
                                                   const std::set<std::string>& delivered,
                                                   const std::vector<LoggedDelivery>& log) {
  std::vector<std::string> problems;
  std::map<std::string, std::vector<std::string>> first;  // per key, first arrivals
  std::set<std::string> seen;
  for (const auto& d : log) {
    if (delivered.contains(d.id) && seen.insert(d.id).second) first[d.key].push_back(d.id);
  }
  for (const auto& [key, ids] : by_key(accepted)) {
    std::vector<std::string> expected;
    for (const auto& id : ids) {
      if (!delivered.contains(id)) continue;
      if (!seen.contains(id))
        add(problems, key + ": delivered " + id + " never reached the portal");
      expected.push_back(id);
    }
    std::erase_if(expected, [&](const std::string& id) { return !seen.contains(id); });
    if (first[key] != expected) {
      add(problems, key + ": first arrivals [" + join(first[key], 20) + "] but accepted as [" +
                        join(expected, 20) + "]");
    }
  }
  return problems;
}

}  // namespace lienthong::crash
