#include "async_load.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "http_call.hpp"
#include "tests/integration/dvcqg_samples.hpp"

namespace lienthong::crash {

namespace bhttp = boost::beast::http;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Dossier codes {agency}-{yyMMdd}-{NNNN}: 9,999 a day over 28 days of December 2026.
std::string dossier_code(std::uint64_t n) {
  char code[64];
  std::snprintf(code, sizeof code, "000.00.01.H22-2612%02d-%04d",
                static_cast<int>(1 + n / 9999 % 28), static_cast<int>(1 + n % 9999));
  return code;
}

// Step 0 creates the dossier; steps 1.. move it through rising stages at rising times, so the
// portal would refuse any of them delivered after a later one.
constexpr int kStatuses[] = {2, 4, 5, 7, 9, 10};
constexpr int kSteps = 1 + static_cast<int>(std::size(kStatuses));

struct Step {
  std::string target;
  json body;
};

Step step_of(const std::string& code, int step) {
  if (step == 0) return {"/v1/dvcqg/sync-dossier", testing::dvcqg_dossier(code)};
  char at[32];
  std::snprintf(at, sizeof at, "2026-12-02T%02d:00:00Z", 8 + step);
  return {"/v1/dvcqg/update-progress",
          testing::dvcqg_step(code, kStatuses[step - 1], at, "Bước " + std::to_string(step))};
}

}  // namespace

AsyncLoad::AsyncLoad(LoadOptions options, std::function<std::uint16_t()> port, std::string api_key)
    : options_(options), port_(std::move(port)), api_key_(std::move(api_key)) {}

AsyncLoad::~AsyncLoad() {
  stop(0ms);
}

void AsyncLoad::start() {
  for (int t = 0; t < options_.threads; ++t) threads_.emplace_back([this, t] { run(t); });
}

void AsyncLoad::stop(std::chrono::milliseconds grace) {
  if (!stopping_) {
    stop_deadline_ms_ = now_ms() + grace.count();  // before the flag: threads read it after
    stopping_ = true;
  }
  for (auto& t : threads_) t.join();
  threads_.clear();
}

std::vector<AcceptedMessage> AsyncLoad::accepted() const {
  std::lock_guard lock(mutex_);
  return accepted_;
}

std::vector<std::string> AsyncLoad::refusals() const {
  std::lock_guard lock(mutex_);
  return refusals_;
}

void AsyncLoad::run(int thread) {
  struct Dossier {
    std::string code;
    int next_step = 0;
  };
  const int keys = std::max(1, options_.keys / options_.threads);
  std::vector<Dossier> dossiers;
  for (int k = 0; k < keys; ++k) dossiers.push_back({dossier_code(next_dossier_++)});
  const auto interval = std::chrono::duration<double>(options_.threads / options_.per_second);
  auto next_send = std::chrono::steady_clock::now();
  for (std::size_t turn = 0; !stopping_; ++turn) {
    auto& d = dossiers[turn % dossiers.size()];
    const auto step = step_of(d.code, d.next_step);
    const std::string idempotency_key =
        "crash-" + d.code + "-" + std::to_string(d.next_step) + "-t" + std::to_string(thread);
    // The same request until it is acknowledged: a restarted hub answers the stored id.
    for (;;) {
      std::this_thread::sleep_until(next_send);
      // From now when behind: a slow spell is not made up for with a burst.
      next_send = std::max(next_send, std::chrono::steady_clock::now()) +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(interval);
      if (stopping_ && now_ms() > stop_deadline_ms_) {
        ++unconfirmed_;
        return;
      }
      const auto port = port_();
      std::optional<http::Response> res;
      if (port != 0) {
        http::Request req{bhttp::verb::post, step.target, 11};
        req.set(bhttp::field::authorization, "Bearer " + api_key_);
        req.set(bhttp::field::content_type, "application/json");
        req.set("Prefer", "respond-async");
        req.set("Idempotency-Key", idempotency_key);
        req.body() = step.body.dump();
        res = try_http(port, std::move(req), 30s);
      }
      if (res && res->result_int() == 202) {
        auto body = json::parse(res->body(), nullptr, false);
        std::lock_guard lock(mutex_);
        accepted_.push_back({body.value("id", std::string()), d.code, next_seq_++});
        break;
      }
      if (res && res->result_int() < 500) {
        std::lock_guard lock(mutex_);
        refusals_.push_back(std::to_string(res->result_int()) + " " + res->body());
        break;
      }
      ++failed_sends_;
      // Nobody listening (hub down or restarting): do not spin on connection refused.
      next_send = std::max(next_send, std::chrono::steady_clock::now() + 20ms);
    }
    if (++d.next_step == kSteps) d = Dossier{dossier_code(next_dossier_++)};
  }
}

}  // namespace lienthong::crash
