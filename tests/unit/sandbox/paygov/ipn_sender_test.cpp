#include "sandbox/paygov/ipn_sender.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <deque>

#include "core/http/server.hpp"
#include "sandbox/paygov/init_message.hpp"
#include "sandbox/responses.hpp"
#include "tests/unit/sandbox/paygov/paygov_test_support.hpp"

namespace lienthong::sandbox::paygov {
namespace {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;
namespace ts = test_support;
using namespace std::chrono_literals;
using Json = nlohmann::json;

// The hub's side of the IPN, scripted: answers the next MaLoi of `answers` (the last one
// again when they run out), signed unless `sign` is false.
class FakeHub {
 public:
  explicit FakeHub(asio::io_context& ioc)
      : server_(ioc, "fake-hub", http::ServerLimits{},
                [this](http::Incoming& in) { return serve(this, in); }) {
    auto bound = server_.listen("127.0.0.1", 0);
    EXPECT_TRUE(bound);
    port_ = bound ? bound->port() : 0;
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/inbound/paygov/payment-notice";
  }

  std::deque<std::string> answers{"00"};
  bool sign = true;
  std::vector<http::Request> received;

 private:
  static asio::awaitable<std::optional<http::Response>> serve(FakeHub* self, http::Incoming& in) {
    self->received.push_back(in.request);
    const auto code = self->answers.front();
    if (self->answers.size() > 1) self->answers.pop_front();
    Json answer = {{"MaLoi", code}, {"MaDoiTac", ts::kPartner}, {"ThoiGianGD", "20250701093100"}};
    answer["MaXacThuc"] =
        checksum(answer, kIpnAnswerChecksumOrder, self->sign ? ts::kSecret : "wrong");
    co_return json_response(in.request, bhttp::status::ok, answer);
  }

  http::Server server_;
  std::uint16_t port_ = 0;
};

class PaygovIpnSenderTest : public ::testing::Test {
 protected:
  std::shared_ptr<IpnSender> sender(const std::string& url) {
    IpnSenderOptions o;
    auto parsed = http::Url::parse(url);
    EXPECT_TRUE(parsed);
    o.url = *parsed;
    o.key = "ipn-key";
    o.partner = partner_;
    o.resends = 3;
    o.resend_delay = 10ms;
    o.timeout = 2s;
    return std::make_shared<IpnSender>(ioc_.get_executor(), o, book_);
  }
  Payment paid(const std::string& ref) {
    auto init = check_init(ts::init_message(ref), CheckContext{partner_, ts::fixed_now()});
    EXPECT_TRUE(init);
    EXPECT_TRUE(book_->create(*init, ts::fixed_now()));
    return *book_->settle(ref, PaymentEvent::kPay, ts::fixed_now() + 1s);
  }
  // Runs the io_context until the sender has nothing in flight (or 10 s pass).
  void drain(const std::shared_ptr<IpnSender>& s) {
    const auto until = std::chrono::steady_clock::now() + 10s;
    ioc_.restart();
    do {
      ioc_.run_one_for(20ms);
    } while (s->in_flight() > 0 && std::chrono::steady_clock::now() < until);
    EXPECT_EQ(s->in_flight(), 0);
  }
  std::vector<IpnAttempt> attempts(const std::string& ref) {
    return book_->find(ref, ts::fixed_now())->ipn;
  }

  asio::io_context ioc_;
  Partner partner_{ts::kPartner, ts::kSecret};
  std::shared_ptr<PaymentBook> book_ = std::make_shared<PaymentBook>(900s);
};

TEST_F(PaygovIpnSenderTest, SendsTheSignedNoticeWithTheBearerAndStopsWhenConfirmed) {
  FakeHub hub(ioc_);
  hub.answers = {"99", "00"};
  auto s = sender(hub.url());
  s->dispatch(*plan_ipn(paid("R1"), partner_, IpnOrder{}));
  drain(s);
  ASSERT_EQ(hub.received.size(), 2u);
  const auto& first = hub.received[0];
  EXPECT_EQ(first[bhttp::field::authorization], "Bearer ipn-key");
  EXPECT_EQ(first.target(), "/inbound/paygov/payment-notice");
  const auto body = Json::parse(first.body());
  EXPECT_EQ(body["LoaiBanTin"], "IPN");
  EXPECT_EQ(body["MaLoi"], "00");
  EXPECT_EQ(body["SoTien"], 150000);
  EXPECT_EQ(body["MaXacThuc"], checksum(body, kIpnChecksumOrder, ts::kSecret));
  const auto seen = attempts("R1");
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].answer_code, "99");
  EXPECT_TRUE(seen[0].answer_verified);
  EXPECT_EQ(seen[1].attempt, 2);
  EXPECT_EQ(seen[1].answer_code, "00");
  EXPECT_TRUE(seen[1].error.empty());
}

TEST_F(PaygovIpnSenderTest, ResendsAtMostThreeTimesWhileUnconfirmedOrUnverified) {
  FakeHub hub(ioc_);
  hub.answers = {"99"};
  auto s = sender(hub.url());
  s->dispatch(*plan_ipn(paid("R2"), partner_, IpnOrder{}));
  drain(s);
  EXPECT_EQ(hub.received.size(), 4u);

  FakeHub liar(ioc_);
  liar.sign = false;  // "00", but its MaXacThuc does not verify: not a confirmation
  auto s2 = sender(liar.url());
  s2->dispatch(*plan_ipn(paid("R3"), partner_, IpnOrder{}));
  drain(s2);
  EXPECT_EQ(liar.received.size(), 4u);
  const auto seen = attempts("R3");
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_FALSE(seen[0].answer_verified);
  EXPECT_NE(seen[0].error.find("MaXacThuc"), std::string::npos);
}

TEST_F(PaygovIpnSenderTest, AFailedCallIsResentAndRecorded) {
  auto s = sender("http://127.0.0.1:1/ipn");  // nothing listens on port 1
  s->dispatch(*plan_ipn(paid("R4"), partner_, IpnOrder{}));
  drain(s);
  const auto seen = attempts("R4");
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].http_status, 0);
  EXPECT_NE(seen[0].error.find("the call failed"), std::string::npos);
}

TEST_F(PaygovIpnSenderTest, TwiceBadChecksumWrongAmountAndLate) {
  FakeHub hub(ioc_);
  hub.answers = {"00", "04"};
  auto s = sender(hub.url());
  s->dispatch(*plan_ipn(paid("T1"), partner_, IpnOrder{IpnMode::kTwice, std::nullopt}));
  drain(s);
  ASSERT_EQ(hub.received.size(), 2u);
  EXPECT_EQ(hub.received[0].body(), hub.received[1].body());
  EXPECT_EQ(attempts("T1")[1].answer_code, "04");

  hub.received.clear();
  hub.answers = {"01"};
  s->dispatch(*plan_ipn(paid("T2"), partner_, IpnOrder{IpnMode::kBadChecksum, std::nullopt}));
  drain(s);
  ASSERT_EQ(hub.received.size(), 1u);  // never resent
  const auto spoiled = Json::parse(hub.received[0].body());
  EXPECT_NE(spoiled["MaXacThuc"], checksum(spoiled, kIpnChecksumOrder, ts::kSecret));

  hub.received.clear();
  hub.answers = {"03"};
  s->dispatch(*plan_ipn(paid("T3"), partner_, IpnOrder{IpnMode::kWrongAmount, std::nullopt}));
  drain(s);
  ASSERT_EQ(hub.received.size(), 1u);
  EXPECT_EQ(Json::parse(hub.received[0].body())["SoTien"], 151000);

  hub.received.clear();
  hub.answers = {"00"};
  const auto start = std::chrono::steady_clock::now();
  s->dispatch(*plan_ipn(paid("T4"), partner_, IpnOrder{IpnMode::kLate, 150ms}));
  drain(s);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
  EXPECT_EQ(hub.received.size(), 1u);
}

TEST_F(PaygovIpnSenderTest, StopCutsALateNoticeShort) {
  FakeHub hub(ioc_);
  auto s = sender(hub.url());
  s->dispatch(*plan_ipn(paid("S1"), partner_, IpnOrder{IpnMode::kLate, 60'000ms}));
  ioc_.restart();
  for (int i = 0; i < 5; ++i) ioc_.run_one_for(10ms);
  s->stop();
  const auto start = std::chrono::steady_clock::now();
  drain(s);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_TRUE(hub.received.empty());
  EXPECT_FALSE(plan_ipn(paid("S2"), partner_, IpnOrder{IpnMode::kNever, std::nullopt}));
}

}  // namespace
}  // namespace lienthong::sandbox::paygov
