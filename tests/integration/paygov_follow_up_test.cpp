// The payment platform's other flows end to end: a notice that never comes recovered by the
// hub's queued QUERY, an unpaid payment expiring, the receipt (a real PDF, or base64 in JSON),
// the daily reconciliation with every mismatch kind planted in the sandbox's day list (admin
// API and CLI), and the payment records for operators (admin API and CLI).
#include <cstdio>

#include "cli_support.hpp"
#include "connectors/paygov/platform_time.hpp"
#include "core/base/base64.hpp"
#include "paygov_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {
namespace {

namespace fs = std::filesystem;

/// Follow-ups asked after 1 s and every second; the sandbox's payments expire after 3 s.
class PaygovFollowUpTest : public PaygovTest {
 protected:
  void customize_sandbox(sandbox::SandboxOptions& options) override {
    PaygovTest::customize_sandbox(options);
    options.paygov_expiry = std::chrono::seconds(3);
  }
  void customize(config::HubConfig& config) override {
    PaygovTest::customize(config);
    for (auto& c : config.connectors) {
      if (c.id != "paygov") continue;
      c.payments.query_after_s = 1;
      c.payments.query_every_s = 1;
      c.payments.expiry_grace_s = 0;
      c.delivery.backoff_initial_ms = 50;
    }
  }
  std::vector<store::RecordEvent> history(const std::string& id) {
    auto events = hub_->store().record_events("payment", id);
    return events ? *events : std::vector<store::RecordEvent>{};
  }
};

TEST_F(PaygovFollowUpTest, ANoticeThatNeverComesIsRecoveredByTheQueuedQuery) {
  const std::string id = created_id();
  auto pay = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + id + "/pay",
                     R"({"ipn":"never"})");
  ASSERT_LT(pay.result_int(), 300) << pay.body();
  EXPECT_EQ(state_of(id), "awaiting_payment") << "no notice came";
  ASSERT_TRUE(eventually([&] { return state_of(id) == "paid"; })) << state_of(id);
  const auto events = history(id);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[2].cause, "query");
  ASSERT_TRUE(eventually([&] { return pushes_delivered() == 1; })) << "one push, accepted";
  const auto event = pushed().at(0);
  EXPECT_EQ(event["event"], "payment-paid");
  EXPECT_EQ(event["paymentId"], id);
  EXPECT_EQ(event["dossierCode"], "000.00.01.H22-261201-0001");
  EXPECT_FALSE(event.value("bankTransactionId", "").empty()) << event;
  EXPECT_NE(event.value("paidAt", "").find("+07:00"), std::string::npos) << event;
  EXPECT_FALSE(received("QUERY").empty());
  // Its follow-up message is delivered, saying what moved the payment.
  store::ListFilter filter;
  filter.connector = "paygov";
  filter.state = store::MessageState::kDelivered;
  auto listed = hub_->store().list(filter);
  ASSERT_TRUE(listed);
  bool seen = false;
  for (const auto& m : *listed) {
    if (m.operation != "recover-payment") continue;
    auto full = hub_->store().get(m.id);
    ASSERT_TRUE(full);
    const auto result = Json::parse(full->result, nullptr, false);
    EXPECT_EQ(result["state"], "paid") << full->result;
    EXPECT_EQ(result["movedBy"], "query") << full->result;
    seen = true;
  }
  EXPECT_TRUE(seen);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(pushed().size(), 1U) << "a late notice or a second query pushes nothing more";
}

TEST_F(PaygovFollowUpTest, ANoticeBeforeTheFollowUpLeavesItNothingToAsk) {
  const std::string id = created_id();
  auto pay = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + id + "/pay", "");
  ASSERT_LT(pay.result_int(), 300) << pay.body();
  ASSERT_TRUE(eventually([&] { return state_of(id) == "paid"; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(1800));
  EXPECT_EQ(history(id).back().cause, "ipn");
  EXPECT_TRUE(received("QUERY").empty()) << "the follow-up saw the notice and asked nothing";
  EXPECT_EQ(pushed().size(), 1U);
}

TEST_F(PaygovFollowUpTest, AnUnpaidPaymentExpiresAndTheProvinceIsTold) {
  const std::string id = created_id();
  ASSERT_TRUE(eventually([&] { return state_of(id) == "expired"; }, std::chrono::seconds(15)))
      << state_of(id);
  const auto events = history(id);
  ASSERT_EQ(events.size(), 3U);
  EXPECT_TRUE(events[2].cause == "expiry" || events[2].cause == "query") << events[2].cause;
  ASSERT_TRUE(eventually([&] { return pushes_delivered() == 1; }));
  const auto event = pushed().at(0);
  EXPECT_EQ(event["event"], "payment-expired");
  EXPECT_NE(event.value("expiredAt", "").find("+07:00"), std::string::npos) << event;
  EXPECT_FALSE(event.contains("paidAt"));
  // Paying after expiry changes nothing at the hub.
  EXPECT_EQ(answer_code(notify(ipn(id, 100000).dump())), "04");
  EXPECT_EQ(state_of(id), "expired");
}

TEST_F(PaygovTest, RecoverPaymentIsTheHubsOwnAndRefusedToCallers) {
  const std::string id = created_id();
  const auto res = post_json("/v1/paygov/recover-payment", {{"paymentId", id}});
  EXPECT_EQ(res.result_int(), 403) << res.body();
  EXPECT_EQ(state_of(id), "awaiting_payment");
}

TEST_F(PaygovTest, TheReceiptIsThePlatformsPdfOrBase64InJson) {
  const std::string id = created_id();
  auto unpaid = post_json("/v1/paygov/get-receipt", {{"paymentId", id}});
  EXPECT_EQ(unpaid.result_int(), 404) << unpaid.body();  // no receipt before payment
  auto pay = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + id + "/pay", "");
  ASSERT_LT(pay.result_int(), 300) << pay.body();
  ASSERT_TRUE(eventually([&] { return state_of(id) == "paid"; }));

  const auto pdf = post_json("/v1/paygov/get-receipt", {{"paymentId", id}});
  ASSERT_EQ(pdf.result_int(), 200) << pdf.body();
  EXPECT_EQ(pdf[bhttp::field::content_type], "application/pdf");
  EXPECT_NE(std::string(pdf["Content-Disposition"]).find("bienlai-" + id + ".pdf"),
            std::string::npos);
  ASSERT_TRUE(pdf.body().starts_with("%PDF-"));
  // Debian's pdftotext reads it: the reference, the amount and the payer are in the text.
  const fs::path file = fs::temp_directory_path() / ("lt-receipt-" + id + ".pdf");
  {
    std::ofstream out(file, std::ios::binary);
    out << pdf.body();
  }
  const auto text = run_command("pdftotext " + file.string() + " - 2>&1");
  fs::remove(file);
  EXPECT_NE(text.find(id), std::string::npos) << text;
  EXPECT_NE(text.find("Tong so tien: 100.000 VND"), std::string::npos) << text;
  EXPECT_NE(text.find("Nguoi nop: Nguyen Van An"), std::string::npos) << text;

  const auto json =
      post_json("/v1/paygov/get-receipt", {{"paymentId", id}}, {{"Accept", "application/json"}});
  ASSERT_EQ(json.result_int(), 200) << json.body();
  const auto body = body_json(json);
  EXPECT_EQ(body["contentType"], "application/pdf");
  EXPECT_EQ(body["fileName"], "bienlai-" + id + ".pdf");
  EXPECT_EQ(decode_base64(body.value("contentBase64", "")).value_or(""), pdf.body());
}

/// Every mismatch kind planted in today's list; the report names each, changes nothing.
class PaygovReconcileTest : public PaygovTest {
 protected:
  void SetUp() override {
    PaygovTest::SetUp();
    paid_ = created_id();
    amount_ = created_id();
    state_ = created_id();
    lost_ = created_id();
    auto pay = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + paid_ + "/pay", "");
    ASSERT_LT(pay.result_int(), 300) << pay.body();
    ASSERT_TRUE(eventually([&] { return state_of(paid_) == "paid"; }));
    day_ = connectors::paygov::platform_day(std::chrono::system_clock::now());
    date_ = day_.substr(0, 4) + "-" + day_.substr(4, 2) + "-" + day_.substr(6, 2);
    const Json plant = {
        {"add",
         {{{"MaThamChieu", "GHOST-1"},
           {"MaGiaoDich", "BANK-GHOST"},
           {"SoTien", 5000},
           {"ThoiGianGD", day_ + "080000"},
           {"TrangThaiGD", "00"}}}},
        {"drop", {lost_}},
        {"override", {{amount_, {{"SoTien", 1}}}, {state_, {{"TrangThaiGD", "00"}}}}}};
    auto planted =
        sandbox("paygov", bhttp::verb::post, "/_sandbox/reconciliation/" + day_, plant.dump());
    ASSERT_LT(planted.result_int(), 300) << planted.body();
  }
  /// The finding of each payment of a JSON report.
  static std::map<std::string, std::string> findings(const Json& report) {
    std::map<std::string, std::string> out;
    for (const auto& l : report["lines"]) out[l["paymentId"]] = l["finding"];
    return out;
  }
  void expect_every_kind(const Json& report) {
    EXPECT_EQ(report["date"], date_);
    EXPECT_EQ(report["clean"], false);
    const auto f = findings(report);
    EXPECT_EQ(f.at(paid_), "matched") << report;
    EXPECT_EQ(f.at(amount_), "amount_differs") << report;
    EXPECT_EQ(f.at(state_), "state_differs") << report;
    EXPECT_EQ(f.at(lost_), "missing_at_platform") << report;
    EXPECT_EQ(f.at("GHOST-1"), "missing_at_hub") << report;
    EXPECT_EQ(report["counts"]["matched"], 1);
    // Nothing moved: a mismatch is the operators' question.
    EXPECT_EQ(state_of(state_), "awaiting_payment");
    EXPECT_EQ(state_of(amount_), "awaiting_payment");
  }
  http::Response admin(bhttp::verb verb, const std::string& target, const std::string& body) {
    http::Request req{verb, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    return send_admin(std::move(req));
  }
  std::string paid_, amount_, state_, lost_, day_, date_;
};

TEST_F(PaygovReconcileTest, TheAdminApiReportsEveryMismatchKind) {
  const auto res = admin(bhttp::verb::post, "/admin/connectors/paygov/actions/reconcile",
                         Json{{"date", date_}}.dump());
  ASSERT_EQ(res.result_int(), 200) << res.body();
  expect_every_kind(body_json(res));
  const auto bad = admin(bhttp::verb::post, "/admin/connectors/paygov/actions/reconcile",
                         R"({"date":"2026-02-30"})");
  EXPECT_EQ(bad.result_int(), 400) << bad.body();
  EXPECT_NE(bad.body().find("/date"), std::string::npos) << bad.body();
  const auto unknown = admin(bhttp::verb::post, "/admin/connectors/paygov/actions/nothing", "");
  EXPECT_EQ(unknown.result_int(), 404) << unknown.body();
  // The evidence journal has each run: who asked, what, how it ended (issue 12, point 1).
  auto heads = hub_->store().evidence().heads();
  ASSERT_TRUE(heads && !heads->empty());
  auto entries = hub_->store().evidence().entries((*heads)[0].node, 0, 10'000);
  ASSERT_TRUE(entries);
  std::vector<Json> actions;
  for (const auto& e : *entries) {
    auto j = Json::parse(e.entry);
    if (j["kind"] == "action" && j.value("operation", "") == "reconcile") actions.push_back(j);
  }
  ASSERT_EQ(actions.size(), 2U) << "the run with findings and the refused date; not the unknown";
  EXPECT_EQ(actions[0]["connector"], "paygov");
  EXPECT_EQ(actions[0]["outcome"], "findings");
  EXPECT_EQ(actions[1]["outcome"], "invalid-request");
  EXPECT_EQ(actions[0]["actor"], "operator:local") << actions[0];
}

TEST_F(PaygovReconcileTest, TheCliPrintsTheReportAndExitsNonZeroOnAMismatch) {
  // A copy of the shipped config pointed at this test's sandbox and store.
  const fs::path dir = fs::temp_directory_path() / ("lt-reconcile-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(fs::path(LT_SOURCE_DIR) / "config", dir / "config", fs::copy_options::recursive);
  fs::copy(fs::path(LT_SOURCE_DIR) / "mappings", dir / "mappings", fs::copy_options::recursive);
  fs::create_directories(dir / "certs");
  fs::create_directory_symlink(security::testing::dev_pki(), dir / "certs/dev");
  replace_in(dir / "config/connectors/paygov.json", "http://127.0.0.1:9104",
             "http://127.0.0.1:" + std::to_string(sandbox_->port("paygov")));
  replace_in(dir / "config/hub.json", "\"../var/lienthong.db\"",
             "\"" + store_path_.string() + "\"");
  const std::string config = " --config " + (dir / "config/hub.json").string();

  const auto text = run("paygov reconcile --date " + date_ + config);
  EXPECT_EQ(text.exit_code, 1) << text.output;
  EXPECT_NE(text.output.find("amount_differs  " + amount_), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("missing_at_hub  GHOST-1"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("missing_at_platform  " + lost_), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("state_differs  " + state_), std::string::npos) << text.output;
  const auto json = run("paygov reconcile --json --date " + date_ + config);
  EXPECT_EQ(json.exit_code, 1) << json.output;
  expect_every_kind(Json::parse(json.output, nullptr, false));
  // A day with nothing at either side is clean: exit 0.
  const auto empty = run("paygov reconcile --date 2020-01-01" + config);
  EXPECT_EQ(empty.exit_code, 0) << empty.output;
  EXPECT_NE(empty.output.find("all matched"), std::string::npos) << empty.output;
  const auto bad = run("paygov reconcile --date 2026-13-01" + config);
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("/date"), std::string::npos) << bad.output;

  // The payment records, for operators.
  const auto list = run("payments list --state paid --json" + config);
  ASSERT_EQ(list.exit_code, 0) << list.output;
  const auto listed = Json::parse(list.output, nullptr, false);
  ASSERT_TRUE(listed.is_array() && listed.size() == 1) << list.output;
  EXPECT_EQ(listed[0]["id"], paid_);
  const auto show = run("payments show " + paid_ + config);
  ASSERT_EQ(show.exit_code, 0) << show.output;
  EXPECT_NE(show.output.find("awaiting_payment  -> paid"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("by ipn"), std::string::npos) << show.output;
  EXPECT_EQ(show.output.find("001089012345"), std::string::npos) << "no ID number in a record";
  EXPECT_EQ(run("payments show no-such-payment" + config).exit_code, 1);
  fs::remove_all(dir);
}

TEST_F(PaygovReconcileTest, TheAdminApiShowsPaymentsAndTheirHistory) {
  const auto list = admin(bhttp::verb::get, "/admin/records/payment?state=awaiting_payment", "");
  ASSERT_EQ(list.result_int(), 200) << list.body();
  EXPECT_EQ(body_json(list)["records"].size(), 3U) << list.body();
  const auto one = admin(bhttp::verb::get, "/admin/records/payment/" + paid_, "");
  ASSERT_EQ(one.result_int(), 200) << one.body();
  const auto body = body_json(one);
  EXPECT_EQ(body["state"], "paid");
  ASSERT_EQ(body["history"].size(), 3U) << body;
  EXPECT_EQ(body["history"][2]["cause"], "ipn");
  EXPECT_EQ(body["history"][2]["from"], "awaiting_payment");
  EXPECT_EQ(admin(bhttp::verb::get, "/admin/records/payment/nope", "").result_int(), 404);
  EXPECT_EQ(admin(bhttp::verb::get, "/admin/records/payment?limit=0", "").result_int(), 400);
}

}  // namespace
}  // namespace lienthong::testing
