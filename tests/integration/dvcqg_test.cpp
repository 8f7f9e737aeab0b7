// The national portal end to end: provincial JSON -> hub (session login) -> dvcqg mock -> JSON.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "cli_support.hpp"
#include "dvcqg_samples.hpp"
#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;
using DvcqgTest = HubFixture;

int count_target(const Json& log, const std::string& target) {
  int n = 0;
  for (const auto& entry : log) n += entry["target"] == target ? 1 : 0;
  return n;
}

TEST_F(DvcqgTest, ANewDossierIsCreatedAndSyncingItAgainUpdatesIt) {
  const std::string code = "000.00.01.H22-261202-0101";
  auto created = post_json("/v1/dvcqg/sync-dossier", dvcqg_dossier(code));
  ASSERT_EQ(created.result_int(), 200) << created.body();
  EXPECT_EQ(body_json(created), (Json{{"dossierCode", code},
                                      {"action", "created"},
                                      {"portalMessage", "Đồng bộ thành công 1 hồ sơ"}}));
  auto again = post_json("/v1/dvcqg/sync-dossier", dvcqg_dossier(code));
  ASSERT_EQ(again.result_int(), 200) << again.body();
  EXPECT_EQ(body_json(again)["action"], "updated");

  auto log = body_json(sandbox("dvcqg", bhttp::verb::get, "/_sandbox/requests"));
  ASSERT_GE(log.size(), 4u);  // login, create, create ("đã tồn tại"), update
  auto last = Json::parse(log.back()["body"].get<std::string>());
  EXPECT_EQ(last["isUpdating"], true);
  EXPECT_EQ(last["madonvi"], "000.00.01.H22");
  EXPECT_EQ(last["data"][0]["NgayTiepNhan"], "20261201083000");
  EXPECT_EQ(last["data"][0]["TrangThaiHoSo"], 2) << "the state word \"new\" is code 2";
  EXPECT_EQ(last["data"][0]["DinhDanhCHS"],
            Json::parse(R"([{"LoaiDinhDanh":1,"SoDinhDanh":"001089012345"}])"));
  EXPECT_EQ(log.back()["headers"]["dstcode"], "H22");
  EXPECT_EQ(log.back()["headers"]["X-Message-ID"], std::string(again["X-Message-ID"]));
}

TEST_F(DvcqgTest, ProgressInOrderIsAcceptedAndBackwardsIsRefused) {
  const std::string code = "000.00.01.H22-261202-0102";
  ASSERT_EQ(post_json("/v1/dvcqg/sync-dossier", dvcqg_dossier(code)).result_int(), 200);
  auto forward = post_json("/v1/dvcqg/update-progress",
                           dvcqg_step(code, "processing", "2026-12-02T09:00:00+07:00"));
  ASSERT_EQ(forward.result_int(), 200) << forward.body();
  EXPECT_EQ(body_json(forward),
            (Json{{"dossierCode", code}, {"status", 4}, {"state", "processing"}}));
  auto done = post_json("/v1/dvcqg/update-progress", dvcqg_step(code, 9, "2026-12-03T09:00:00Z"));
  ASSERT_EQ(done.result_int(), 200) << done.body();

  auto back = post_json("/v1/dvcqg/update-progress",
                        dvcqg_step(code, "processing", "2026-12-04T09:00:00+07:00"));
  ASSERT_EQ(back.result_int(), 400) << back.body();
  EXPECT_EQ(back[bhttp::field::content_type], "application/problem+json");
  auto problem = body_json(back);
  EXPECT_EQ(problem["connector"], "dvcqg");
  EXPECT_EQ(problem["upstream"]["code"], "6");
  EXPECT_NE(problem["upstream"]["message"].get<std::string>().find("lùi"), std::string::npos)
      << problem.dump();
}

TEST_F(DvcqgTest, LookupReturnsTheStatusAndTheSteps) {
  const std::string code = "000.00.01.H22-261202-0103";
  ASSERT_EQ(post_json("/v1/dvcqg/sync-dossier", dvcqg_dossier(code)).result_int(), 200);
  ASSERT_EQ(post_json("/v1/dvcqg/update-progress", dvcqg_step(code, 4, "2026-12-02T09:00:00+07:00"))
                .result_int(),
            200);
  auto res = post_json("/v1/dvcqg/lookup-dossier", {{"dossierCode", code}});
  ASSERT_EQ(res.result_int(), 200) << res.body();
  auto body = body_json(res);
  EXPECT_EQ(body["dossierCode"], code);
  EXPECT_EQ(body["status"], 4);
  EXPECT_EQ(body["state"], "processing");
  EXPECT_EQ(body["procedureCode"], "1.003560.000.00.00.H56");
  EXPECT_EQ(body["receivedAt"], "2026-12-01T08:30:00+07:00");
  ASSERT_EQ(body["progress"].size(), 1u);
  EXPECT_EQ(body["progress"][0]["handledAt"], "2026-12-02T09:00:00+07:00");

  auto missing =
      post_json("/v1/dvcqg/lookup-dossier", {{"dossierCode", "000.00.01.H22-261202-0999"}});
  EXPECT_EQ(missing.result_int(), 404) << missing.body();
}

TEST_F(DvcqgTest, ListProceduresReturnsTheCatalogue) {
  auto all = post_json("/v1/dvcqg/list-procedures", Json::object());
  ASSERT_EQ(all.result_int(), 200) << all.body();
  const auto procedures = body_json(all)["procedures"];
  ASSERT_GE(procedures.size(), 20u);
  EXPECT_TRUE(procedures[0]["code"].is_string());
  EXPECT_TRUE(procedures[0]["processingDays"].is_number_integer());
  auto land = post_json("/v1/dvcqg/list-procedures", {{"fieldCode", "DD"}});
  ASSERT_EQ(land.result_int(), 200);
  for (const auto& p : body_json(land)["procedures"]) EXPECT_EQ(p["fieldCode"], "DD");
}

TEST_F(DvcqgTest, AnExpiredSessionMeansOneNewLoginAndTheCallSucceeds) {
  ASSERT_EQ(post_json("/v1/dvcqg/list-procedures", Json::object()).result_int(), 200);
  auto fault = sandbox("dvcqg", bhttp::verb::post, "/_sandbox/faults",
                       R"({"mode":"session-expired","count":1})");
  ASSERT_EQ(fault.result_int(), 200) << fault.body();
  auto res = post_json("/v1/dvcqg/list-procedures", Json::object());
  EXPECT_EQ(res.result_int(), 200) << res.body();
  auto log = body_json(sandbox("dvcqg", bhttp::verb::get, "/_sandbox/requests"));
  EXPECT_EQ(count_target(log, "/api/adapter/login"), 2) << log.dump();
  EXPECT_EQ(count_target(log, "/api/adapter/integration"), 3) << "first, expired, retried";
}

TEST_F(DvcqgTest, TheShippedExamplesSucceedAndCanRunAgain) {
  for (int round = 0; round < 2; ++round) {
    for (const char* op :
         {"sync-dossier", "update-progress", "lookup-dossier", "list-procedures"}) {
      auto res = post("/v1/dvcqg/" + std::string(op),
                      slurp(std::filesystem::path(LT_SOURCE_DIR) / "mappings/dvcqg" /
                            (std::string(op) + ".example.json")));
      EXPECT_EQ(res.result_int(), 200) << "round " << round << " " << op << ": " << res.body();
    }
  }
}

TEST_F(DvcqgTest, InvalidCanonicalInputIs400WithPointers) {
  auto bad = dvcqg_dossier("000.00.01.H22-261302-0001");
  bad["status"] = "archived";
  bad["applicant"]["citizenId"] = "001489012345";
  bad["channel"] = "fax";
  auto res = post_json("/v1/dvcqg/sync-dossier", bad);
  ASSERT_EQ(res.result_int(), 400) << res.body();
  std::set<std::string> pointers;
  const auto problem = body_json(res);
  for (const auto& e : problem["errors"]) pointers.insert(e["pointer"].get<std::string>());
  EXPECT_EQ(pointers,
            (std::set<std::string>{"/dossierCode", "/status", "/applicant/citizenId", "/channel"}));
  EXPECT_EQ(res.body().find("001489012345"), std::string::npos);
  auto log = body_json(sandbox("dvcqg", bhttp::verb::get, "/_sandbox/requests"));
  EXPECT_TRUE(log.empty()) << "nothing reached the portal";
}

TEST_F(DvcqgTest, ConcurrentCallsShareOneLogin) {
  std::vector<std::thread> callers;
  std::atomic<int> ok{0};
  for (int i = 0; i < 6; ++i) {
    callers.emplace_back([&] {
      if (post_json("/v1/dvcqg/list-procedures", Json::object()).result_int() == 200) ++ok;
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(ok, 6);
  auto log = body_json(sandbox("dvcqg", bhttp::verb::get, "/_sandbox/requests"));
  EXPECT_EQ(count_target(log, "/api/adapter/login"), 1) << log.dump();
}

TEST_F(DvcqgTest, TheMockAnswersARepeatedDeliveryOnceAndCountsIt) {
  auto raw = [this](const std::string& target, const Json& body, const std::string& message_id) {
    http::Request req{bhttp::verb::post, target, 11};
    req.set("dstcode", "H22");
    req.set(bhttp::field::content_type, "application/json");
    if (!message_id.empty()) req.set("X-Message-ID", message_id);
    req.body() = body.dump();
    return send_http(sandbox_->port("dvcqg"), std::move(req));
  };
  auto login =
      body_json(raw("/api/adapter/login",
                    {{"username", "lienthong-dev"}, {"password", "sandbox-dvcqg-password"}}, ""));
  ASSERT_EQ(login["error_code"], 0) << login.dump();
  Json envelope = {{"session", login["session"]},
                   {"madonvi", "000.00.01.H22"},
                   {"service", "DongBoHoSoMC"},
                   {"isUpdating", false},
                   {"data", Json::array({{{"MaHoSo", "000.00.01.H22-261202-0201"},
                                          {"MaTTHC", "2.000477"},
                                          {"KenhThucHien", 1},
                                          {"ChuHoSo", "Lê Văn Cường"},
                                          {"LoaiDoiTuong", 1},
                                          {"NgayTiepNhan", "20261202080000"},
                                          {"TrangThaiHoSo", 2}}})}};
  auto first = body_json(raw("/api/adapter/integration", envelope, "dup-1"));
  auto second = raw("/api/adapter/integration", envelope, "dup-1");
  EXPECT_EQ(first["error_code"], 0) << first.dump();
  EXPECT_EQ(body_json(second), first) << "the first answer, not \"đã tồn tại\"";
  auto log = sandbox("dvcqg", bhttp::verb::get, "/_sandbox/requests");
  EXPECT_EQ(log["X-Sandbox-Duplicates"], "1");
}

class DvcqgShortTimeout : public HubFixture {
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) c.timeout_ms = 500;
  }
};

TEST_F(DvcqgShortTimeout, AHeldCallIsA504) {
  ASSERT_EQ(post_json("/v1/dvcqg/list-procedures", Json::object()).result_int(), 200);
  ASSERT_EQ(
      sandbox("dvcqg", bhttp::verb::post, "/_sandbox/faults", R"({"mode":"timeout","count":1})")
          .result_int(),
      200);
  auto res = post_json("/v1/dvcqg/lookup-dossier", {{"dossierCode", "000.00.01.H22-261202-0301"}});
  EXPECT_EQ(res.result_int(), 504) << res.body();
}

class DvcqgWrongPassword : public HubFixture {
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) {
      if (c.id == "dvcqg") c.session->password = "not-the-password";
    }
  }
};

TEST_F(DvcqgWrongPassword, IsA502ThatSaysTheLoginWasRefused) {
  auto res = post_json("/v1/dvcqg/list-procedures", Json::object());
  ASSERT_EQ(res.result_int(), 502) << res.body();
  auto problem = body_json(res);
  EXPECT_NE(problem["detail"].get<std::string>().find("login"), std::string::npos);
  EXPECT_EQ(problem["upstream"]["code"], "1");
  EXPECT_EQ(res.body().find("not-the-password"), std::string::npos);
}

}  // namespace
}  // namespace lienthong::testing
