// Issue 10's crash proof: the hub is SIGKILLed at random moments while the platform's notices
// (IPNs) arrive, and restarted. Afterwards every payment whose notice got a success answer
// ("00" confirmed, or "04" already confirmed) is paid at the hub, and the province received
// exactly one push per payment id (redeliveries only as the same X-Message-ID).
// CI: 10 kills; LIENTHONG_CRASH_KILLS for more.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "connectors/paygov/checksum.hpp"
#include "connectors/paygov/platform_time.hpp"
#include "core/config/hub_config.hpp"
#include "core/store/message_store.hpp"
#include "crash_rig.hpp"
#include "http_call.hpp"

namespace lienthong::crash {
namespace {

namespace bhttp = boost::beast::http;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kSecret = "sandbox-paygov-secret";
constexpr int kPayments = 60;

json example(int n) {
  std::ifstream in(std::filesystem::path(LT_SOURCE_DIR) /
                   "mappings/paygov/create-payment.example.json");
  auto body = json::parse(in, nullptr, true, true);
  char code[64];
  std::snprintf(code, sizeof code, "000.00.01.H22-261201-%04d", n + 1);
  body["dossierCode"] = code;
  return body;
}

json notice(const std::string& reference) {
  json n = {{"LoaiBanTin", "IPN"},
            {"MaLoi", "00"},
            {"MaDoiTac", "LIENTHONG"},
            {"MaThamChieu", reference},
            {"SoTien", 100000},
            {"MaTienTe", "VND"},
            {"MaGiaoDich", "BANK-" + reference.substr(reference.size() - 8)},
            {"MaNganHang", "PAYMENT"},
            {"ThoiGianGD", connectors::paygov::platform_time(std::chrono::system_clock::now())},
            {"ThongTinGiaoDich", "crash"}};
  n["MaXacThuc"] = connectors::paygov::checksum(n, connectors::paygov::order::kIpn, kSecret);
  return n;
}

http::Request post(const std::string& target, const std::string& key, const json& body) {
  http::Request req{bhttp::verb::post, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::authorization, "Bearer " + key);
  req.set(bhttp::field::content_type, "application/json");
  req.body() = body.dump();
  req.prepare_payload();
  return req;
}

TEST(HubCrash, SqliteHubKilledWhileNoticesArrivePaysAndPushesEachPaymentOnce) {
  const char* env = std::getenv("LIENTHONG_CRASH_KILLS");
  const int kills = env != nullptr ? std::max(1, std::atoi(env)) : 10;
  RigOptions options;
  options.paygov = true;
  CrashRig rig("crash-paygov", options);
  ASSERT_EQ(rig.start_sandbox(), "");
  ASSERT_EQ(rig.start_hub(0), "") << rig.hub_logs();

  std::vector<std::string> payments;
  for (int i = 0; i < kPayments; ++i) {
    auto res = try_http(rig.hub_port(0),
                        post("/v1/paygov/create-payment", CrashRig::kKey, example(i)), 30s);
    ASSERT_TRUE(res && res->result_int() == 201) << (res ? res->body() : "no answer");
    payments.push_back(json::parse(res->body())["paymentId"]);
  }

  // Two senders walk the payments released so far, each notice sent again and again (the
  // platform resends until it gets a success answer); the killer SIGKILLs and restarts the hub
  // meanwhile, releasing more payments after each kill, so first notices meet every kill.
  std::mutex mutex;
  std::set<std::string> confirmed;  // got "00" or "04"
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  const int per_kill = std::max(1, kPayments / (kills + 1));
  std::atomic<int> released{per_kill};
  auto sender = [&](int offset) {
    for (std::size_t i = static_cast<std::size_t>(offset); !stop; i += 2) {
      const auto& id = payments[i % static_cast<std::size_t>(released.load())];
      const auto port = rig.hub_port(0);
      if (port == 0) {
        std::this_thread::sleep_for(20ms);
        continue;
      }
      auto res = try_http(
          port, post("/inbound/paygov/payment-notice", CrashRig::kPaygovKey, notice(id)), 5s);
      if (!res || res->result_int() != 200) continue;
      const auto code = json::parse(res->body(), nullptr, false).value("MaLoi", "");
      if (code == "00" || code == "04") {
        ++answered;
        const std::lock_guard lock(mutex);
        confirmed.insert(id);
      }
    }
  };
  std::thread a(sender, 0);
  std::thread b(sender, 1);
  std::mt19937 rng(20261207);
  std::uniform_int_distribution<int> pause(80, 400);
  int done_kills = 0;
  for (int k = 0; k < kills; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause(rng)));
    if (rig.kill_hub(0)) ++done_kills;
    released = std::min(kPayments, released + per_kill);
    const auto started = rig.start_hub(0);
    if (!started.empty()) {
      stop = true;
      a.join();
      b.join();
      FAIL() << started << rig.hub_logs();
    }
  }
  released = kPayments;
  std::this_thread::sleep_for(500ms);
  stop = true;
  a.join();
  b.join();
  EXPECT_EQ(done_kills, kills);
  ASSERT_GT(confirmed.size(), 0U);

  // Every push the hub owes is delivered: wait until the province saw each confirmed payment.
  auto pushes_by_payment = [&] {
    std::map<std::string, std::set<std::string>> ids;  // paymentId -> X-Message-IDs
    auto log = rig.mock_log("motcua");
    if (!log) return ids;
    for (const auto& r : log->requests) {
      const auto body = json::parse(r.value("body", std::string()), nullptr, false);
      if (!body.is_object() || body.value("event", "") != "payment-paid") continue;
      std::string message_id;
      for (const auto& [name, value] : r["headers"].items()) {
        if (boost::beast::iequals(name, "X-Message-ID")) message_id = value.get<std::string>();
      }
      ids[body.value("paymentId", "")].insert(message_id);
    }
    return ids;
  };
  const auto until = std::chrono::steady_clock::now() + 60s;
  auto pushed = pushes_by_payment();
  while (pushed.size() < confirmed.size() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(200ms);
    pushed = pushes_by_payment();
  }
  EXPECT_EQ(rig.stop_hub(0), 0);

  for (const auto& id : confirmed) {
    ASSERT_TRUE(pushed.contains(id)) << id << " was confirmed but never pushed\n" << rig.hub_logs();
    EXPECT_EQ(pushed[id].size(), 1U) << id << " was pushed as several messages";
  }
  for (const auto& [id, messages] : pushed) {
    EXPECT_TRUE(confirmed.contains(id) ||
                std::find(payments.begin(), payments.end(), id) != payments.end())
        << "a push for a payment nobody created: " << id;
  }
  // The hub's record: every confirmed payment is paid, once (one IPN change in its history).
  config::StoreConfig store;
  store.path = rig.sqlite_file();
  auto opened = store::open_store(store);
  ASSERT_TRUE(opened) << opened.error().detail;
  for (const auto& id : confirmed) {
    auto record = (*opened)->get_record("payment", id);
    ASSERT_TRUE(record) << id;
    EXPECT_EQ(record->state, "paid") << id;
    auto events = (*opened)->record_events("payment", id);
    ASSERT_TRUE(events);
    EXPECT_EQ(std::count_if(events->begin(), events->end(),
                            [](const auto& e) { return e.to_state == "paid"; }),
              1)
        << id;
  }
  std::cout << "[ paygov crash ] " << done_kills << " kills, " << answered.load()
            << " success answers, " << confirmed.size() << " of " << payments.size()
            << " payments confirmed, each paid and pushed once\n";
}

}  // namespace
}  // namespace lienthong::crash
