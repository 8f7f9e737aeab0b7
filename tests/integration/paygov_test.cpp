// The payment platform end to end through real HTTP: create-payment (INIT with its checksum,
// the hub's payment record, Idempotency-Key), every field of a bad request refused at its
// pointer with nothing sent, query-payment (QUERY) following the sandbox mock's state, and the
// IPN: paid once, pushed once to the provincial mock, every bad notice refused in the
// platform's format with nothing changed, concurrent notices applied once.
#include "paygov_fixture.hpp"

namespace lienthong::testing {
namespace {

TEST_F(PaygovTest, CreatePaymentAnswers201WithThePaymentPage) {
  const auto res = create(example());
  ASSERT_EQ(res.result_int(), 201) << res.body();
  const auto body = body_json(res);
  const std::string id = body.value("paymentId", "");
  EXPECT_EQ(id, std::string(res["X-Message-ID"])) << "the reference is the exchange's id";
  EXPECT_EQ(body["state"], "awaiting_payment");
  EXPECT_EQ(body["amount"], 100000);
  EXPECT_NE(body.value("paymentUrl", "").find("/pay/" + id), std::string::npos) << body;
  EXPECT_NE(body.value("expiresAt", "").find("+07:00"), std::string::npos) << body;

  const auto inits = received("INIT");
  ASSERT_EQ(inits.size(), 1U);
  EXPECT_EQ(inits[0]["MaThamChieu"], id);
  EXPECT_EQ(inits[0]["SoTien"], 100000);
  EXPECT_EQ(inits[0]["ThongTinBienLai"]["PhiLePhi"].size(), 2U);
  EXPECT_EQ(inits[0]["ThongTinBienLai"]["PhiLePhi"][0]["LoaiPhiLePhi"], "2");

  auto record = hub_->store().get_record("payment", id);
  ASSERT_TRUE(record) << record.error().detail;
  EXPECT_EQ(record->state, "awaiting_payment");
  EXPECT_EQ(record->client, "tester");
  EXPECT_EQ(record->data.find("001089012345"), std::string::npos) << "no ID number in the record";
}

TEST_F(PaygovTest, TheSameIdempotencyKeyReturnsTheSamePaymentAndNoSecondInit) {
  const std::map<std::string, std::string> key{{"Idempotency-Key", "pay-once-1"}};
  const auto first = create(example(), key);
  ASSERT_EQ(first.result_int(), 201) << first.body();
  const auto again = create(example(), key);
  ASSERT_EQ(again.result_int(), 201) << again.body();
  EXPECT_EQ(body_json(again)["paymentId"], body_json(first)["paymentId"]);
  EXPECT_EQ(body_json(again)["paymentUrl"], body_json(first)["paymentUrl"]);
  EXPECT_EQ(received("INIT").size(), 1U);

  Json other = example();
  other["description"] = "another payment";
  const auto reused = create(other, key);
  EXPECT_EQ(reused.result_int(), 409) << reused.body();
  EXPECT_EQ(received("INIT").size(), 1U);

  const auto fresh = create(example());  // no key: a new payment
  ASSERT_EQ(fresh.result_int(), 201) << fresh.body();
  EXPECT_NE(body_json(fresh)["paymentId"], body_json(first)["paymentId"]);
  EXPECT_EQ(received("INIT").size(), 2U);
}

TEST_F(PaygovTest, EveryBadFieldIsA400AtItsPointerAndNothingIsSent) {
  struct Case {
    std::string pointer;
    Json value;  // null: remove the field
  };
  const std::vector<Case> cases = {
      {"/dossierCode", "H22-1"},
      {"/dossierCode", nullptr},
      {"/procedureCode", "not a code"},
      {"/agencyCode", "h22"},
      {"/payer/name", ""},
      {"/payer/idNumber", "12345"},
      {"/payer", nullptr},
      {"/fees", Json::array()},
      {"/fees/0/type", "tax"},
      {"/fees/0/code", ""},
      {"/fees/0/name", nullptr},
      {"/fees/0/amount", 0},
      {"/fees/1/amount", "25000"},
      {"/amount", 99999},
      {"/amount", -5},
      {"/description", std::string(256, 'x')},
      {"/returnUrl", "javascript:alert(1)"},
      {"/unknown", 1},
  };
  for (const auto& c : cases) {
    Json body = example();
    const Json::json_pointer at(c.pointer);
    if (c.value.is_null()) {
      body.at(at.parent_pointer()).erase(at.back());
    } else {
      body[at] = c.value;
    }
    const auto res = create(body);
    ASSERT_EQ(res.result_int(), 400) << c.pointer << ": " << res.body();
    const auto problem = body_json(res);
    bool named = false;
    for (const auto& e : problem["errors"]) named = named || e.value("pointer", "") == c.pointer;
    EXPECT_TRUE(named) << c.pointer << ": " << problem;
  }
  EXPECT_TRUE(received("INIT").empty());
}

TEST_F(PaygovTest, AnInitThePlatformRefusesLeavesNoPaymentAndMayBeRetried) {
  const std::map<std::string, std::string> key{{"Idempotency-Key", "pay-retry-1"}};
  auto fault =
      sandbox("paygov", bhttp::verb::post, "/_sandbox/faults", R"({"mode":"http500","count":1})");
  ASSERT_LT(fault.result_int(), 300) << fault.body();
  const auto failed = create(example(), key);
  EXPECT_GE(failed.result_int(), 500) << failed.body();
  const auto retried = create(example(), key);
  ASSERT_EQ(retried.result_int(), 201) << retried.body();
  auto record = hub_->store().get_record("payment", body_json(retried).value("paymentId", ""));
  ASSERT_TRUE(record);
  EXPECT_EQ(record->state, "awaiting_payment");
}

TEST_F(PaygovTest, QueryPaymentFollowsThePlatform) {
  const auto created = create(example());
  ASSERT_EQ(created.result_int(), 201) << created.body();
  const std::string id = body_json(created)["paymentId"];
  auto query = post_json("/v1/paygov/query-payment", {{"paymentId", id}});
  ASSERT_EQ(query.result_int(), 200) << query.body();
  EXPECT_EQ(body_json(query)["state"], "awaiting_payment");
  EXPECT_EQ(body_json(query)["amount"], 100000);

  auto paid = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + id + "/pay",
                      R"({"ipn":"never"})");
  ASSERT_LT(paid.result_int(), 300) << paid.body();
  query = post_json("/v1/paygov/query-payment", {{"paymentId", id}});
  ASSERT_EQ(query.result_int(), 200) << query.body();
  const auto body = body_json(query);
  EXPECT_EQ(body["state"], "paid");
  EXPECT_FALSE(body.value("bankTransactionId", "").empty()) << body;
  EXPECT_NE(body.value("paidAt", "").find("+07:00"), std::string::npos) << body;

  const auto unknown = post_json("/v1/paygov/query-payment", {{"paymentId", "no-such-payment"}});
  EXPECT_EQ(unknown.result_int(), 404) << unknown.body();
  for (const auto& q : received("QUERY")) {
    EXPECT_EQ(q["MaDoiTac"], "LIENTHONG");
    EXPECT_EQ(q.value("MaXacThuc", "").size(), 64U);
  }
}

TEST_F(PaygovTest, PaidInTheSandboxIsPaidOnceAndPushedToTheProvince) {
  const std::string id = created_id();
  auto pay = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + id + "/pay", "");
  ASSERT_LT(pay.result_int(), 300) << pay.body();
  ASSERT_TRUE(eventually([&] { return state_of(id) == "paid"; })) << state_of(id);
  ASSERT_TRUE(eventually([&] { return pushed().size() == 1; })) << pushed().size();
  ASSERT_TRUE(eventually([&] { return pushes_delivered() == 1; })) << "the province refused it";
  const auto event = pushed()[0];
  EXPECT_EQ(event["event"], "payment-paid");
  EXPECT_EQ(event["paymentId"], id);
  EXPECT_EQ(event["dossierCode"], "000.00.01.H22-261201-0001");
  EXPECT_EQ(event["amount"], 100000);
  EXPECT_FALSE(event.value("bankTransactionId", "").empty()) << event;
  EXPECT_NE(event.value("paidAt", "").find("+07:00"), std::string::npos) << event;
  auto events = hub_->store().record_events("payment", id);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 3U);  // created, INIT answered, IPN
  EXPECT_EQ((*events)[2].cause, "ipn");
  EXPECT_EQ((*events)[2].to_state, "paid");
}

TEST_F(PaygovTest, TheMockSendingItsIpnTwiceStillPaysAndPushesOnce) {
  const std::string id = created_id();
  auto pay = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + id + "/pay",
                     R"({"ipn":"twice"})");
  ASSERT_LT(pay.result_int(), 300) << pay.body();
  ASSERT_TRUE(eventually([&] { return pushed().size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(pushed().size(), 1U);
  EXPECT_EQ(state_of(id), "paid");
}

TEST_F(PaygovTest, EveryBadNoticeIsRefusedInThePlatformsFormatAndChangesNothing) {
  const std::string id = created_id();
  Json bad_checksum = ipn(id, 100000);
  bad_checksum["MaXacThuc"] = std::string(64, '0');
  EXPECT_EQ(answer_code(notify(bad_checksum.dump())), "01");
  EXPECT_EQ(answer_code(notify(ipn("no-such-payment", 100000).dump())), "02");
  EXPECT_EQ(answer_code(notify(ipn(id, 99000).dump())), "03");
  Json other_partner = ipn(id, 100000);
  other_partner["MaDoiTac"] = "OTHER";
  other_partner["MaXacThuc"] =
      connectors::paygov::checksum(other_partner, connectors::paygov::order::kIpn, kSecret);
  EXPECT_EQ(answer_code(notify(other_partner.dump())), "05");
  EXPECT_EQ(answer_code(notify("this is not JSON")), "06");
  Json missing = ipn(id, 100000);
  missing.erase("MaGiaoDich");
  EXPECT_EQ(answer_code(notify(missing.dump())), "06");
  EXPECT_EQ(answer_code(notify(ipn(id, 100000, "77").dump())), "06") << "an unknown MaLoi";
  EXPECT_EQ(state_of(id), "awaiting_payment");
  EXPECT_TRUE(logged("paygov.ipn"));
  EXPECT_FALSE(logged(kSecret));
  // The mock's own faults: a notice with a wrong checksum or amount is refused the same way.
  auto wrong = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + id + "/pay",
                       R"({"ipn":"wrong-amount"})");
  ASSERT_LT(wrong.result_int(), 300) << wrong.body();
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  EXPECT_EQ(state_of(id), "awaiting_payment");
  EXPECT_TRUE(pushed().empty());
  // ... and the good one still pays afterwards.
  EXPECT_EQ(answer_code(notify(ipn(id, 100000).dump())), "00");
  EXPECT_EQ(state_of(id), "paid");
}

TEST_F(PaygovTest, FiveConcurrentNoticesPayOnceAndPushOnce) {
  const std::string id = created_id();
  const std::string body = ipn(id, 100000).dump();
  std::vector<std::string> codes(5);
  std::vector<std::thread> threads;
  for (int i = 0; i < 5; ++i) {
    threads.emplace_back([&, i] { codes[i] = answer_code(notify(body)); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "00"), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "04"), 4);
  EXPECT_EQ(state_of(id), "paid");
  ASSERT_TRUE(eventually([&] { return pushed().size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(pushed().size(), 1U);
  EXPECT_EQ(answer_code(notify(body)), "04") << "a repeated notice: already confirmed";
}

TEST_F(PaygovTest, ACancelledPaymentIsPushedAsCancelledAndCannotBePaidAfter) {
  const std::string id = created_id();
  auto cancel = sandbox("paygov", bhttp::verb::post, "/_sandbox/payments/" + id + "/cancel", "");
  ASSERT_LT(cancel.result_int(), 300) << cancel.body();
  ASSERT_TRUE(eventually([&] { return state_of(id) == "cancelled"; })) << state_of(id);
  ASSERT_TRUE(eventually([&] { return pushed().size() == 1; }));
  EXPECT_EQ(pushed()[0]["event"], "payment-cancelled");
  EXPECT_FALSE(pushed()[0].contains("bankTransactionId"));
  ASSERT_TRUE(eventually([&] { return pushes_delivered() == 1; })) << "the province refused it";
  EXPECT_EQ(answer_code(notify(ipn(id, 100000).dump())), "04");
  EXPECT_EQ(state_of(id), "cancelled");
}

TEST_F(PaygovTest, OnlyThePlatformsClientMayNotify) {
  const std::string id = created_id();
  const auto res = post(kNotice, ipn(id, 100000).dump(),
                        {{"Authorization", std::string("Bearer ") + kLimitedKey}});
  EXPECT_EQ(res.result_int(), 403) << res.body();
  EXPECT_EQ(state_of(id), "awaiting_payment");
}

}  // namespace
}  // namespace lienthong::testing

namespace lienthong::testing {
namespace {

TEST_F(PaygovTest, ANoticeTooLargeIsAnsweredInThePlatformsFormatNeverA413) {
  const std::string id = created_id();
  Json big = ipn(id, 100000);
  big["ThongTinGiaoDich"] = std::string(2 * 1024 * 1024, 'x');  // beyond limits.body_limit_bytes
  const auto res = notify(big.dump());
  EXPECT_EQ(answer_code(res), "06");
  EXPECT_TRUE(logged("too-large")) << "the refusal is logged with its reason";
  EXPECT_EQ(state_of(id), "awaiting_payment");
  // The provincial API still answers its own RFC 9457 problem.
  const auto v1 = post(
      "/v1/paygov/query-payment", big.dump(),
      {{"Authorization", std::string("Bearer ") + kKey}, {"Content-Type", "application/json"}});
  EXPECT_EQ(v1.result_int(), 413) << v1.body();
  EXPECT_EQ(std::string(v1[bhttp::field::content_type]), "application/problem+json");
}

}  // namespace
}  // namespace lienthong::testing
