#include "sandbox/request_log.hpp"

#include <boost/beast/core/string.hpp>
#include <cstdio>
#include <ctime>

namespace lienthong::sandbox {
namespace {

bool is_credential_header(std::string_view name) {
  return boost::beast::iequals(name, "authorization") ||
         boost::beast::iequals(name, "proxy-authorization");
}

// A JSON body with a top-level `password` member (a login) shows it as `***`; other bodies as sent.
std::string masked_body(const std::string& body) {
  if (body.find("\"password\"") == std::string::npos) return body;
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("password")) return body;
  json["password"] = "***";
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string format_vietnam_time(std::chrono::system_clock::time_point at) {
  using namespace std::chrono;
  const auto local = at + hours(7);  // UTC+7, no daylight saving time
  const auto ms = duration_cast<milliseconds>(local.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+07:00",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms - static_cast<long long>(seconds) * 1000));
  return buffer;
}

RequestLog::RequestLog(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

void RequestLog::record(const http::Request& request, std::chrono::system_clock::time_point at) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& field : request) {
    std::string name(field.name_string());
    std::string value = is_credential_header(name) ? "***" : std::string(field.value());
    auto it = headers.find(name);
    if (it == headers.end()) {
      headers[name] = std::move(value);
    } else {
      *it = it->get<std::string>() + ", " + value;  // a repeated header, as a list would read
    }
  }
  const auto body = masked_body(request.body());
  nlohmann::json entry = {{"at", format_vietnam_time(at)},
                          {"method", std::string(request.method_string())},
                          {"target", std::string(request.target())},
                          {"headers", std::move(headers)},
                          {"body", body.substr(0, kMaxBodyBytes)}};
  if (body.size() > kMaxBodyBytes) entry["body_truncated"] = true;

  std::lock_guard lock(mutex_);
  entries_.push_back(std::move(entry));
  while (entries_.size() > capacity_) entries_.pop_front();
}

nlohmann::json RequestLog::to_json() const {
  auto list = nlohmann::json::array();
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_) list.push_back(entry);
  return list;
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  duplicates_ = 0;
}

void RequestLog::note_duplicate() {
  std::lock_guard lock(mutex_);
  ++duplicates_;
}

std::uint64_t RequestLog::duplicates() const {
  std::lock_guard lock(mutex_);
  return duplicates_;
}

std::size_t RequestLog::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace lienthong::sandbox
