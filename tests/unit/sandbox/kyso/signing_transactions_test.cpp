#include "sandbox/kyso/signing_transactions.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace lienthong::sandbox::kyso {
namespace {

using namespace std::chrono_literals;
using Outcome = SigningTransactions::Outcome;

SigningContent content(std::string doc = "doc-1") {
  return {"079085001234",
          "4A",
          "Ký quyết định",
          {{std::string(64, 'a'), std::move(doc), "pdf", "hash"}}};
}

TEST(SigningStatusTest, AnswersAtTheApprovalDelayOrExpires) {
  const SigningTiming t{5s, 180s};
  EXPECT_EQ(status_after(SignerBehaviour::kApprove, 4999ms, t), SigningStatus::kPending);
  EXPECT_EQ(status_after(SignerBehaviour::kApprove, 5s, t), SigningStatus::kSuccess);
  EXPECT_EQ(status_after(SignerBehaviour::kApprove, 999s, t), SigningStatus::kSuccess);  // final
  EXPECT_EQ(status_after(SignerBehaviour::kWrongSignature, 5s, t), SigningStatus::kSuccess);
  EXPECT_EQ(status_after(SignerBehaviour::kReject, 5s, t), SigningStatus::kRejected);
  EXPECT_EQ(status_after(SignerBehaviour::kReject, 999s, t), SigningStatus::kRejected);
  EXPECT_EQ(status_after(SignerBehaviour::kIgnore, 179'999ms, t), SigningStatus::kPending);
  EXPECT_EQ(status_after(SignerBehaviour::kIgnore, 180s, t), SigningStatus::kExpired);
  // A holder slower than the expiry never gets to answer.
  const SigningTiming slow{200s, 180s};
  EXPECT_EQ(status_after(SignerBehaviour::kApprove, 179s, slow), SigningStatus::kPending);
  EXPECT_EQ(status_after(SignerBehaviour::kApprove, 200s, slow), SigningStatus::kExpired);
  EXPECT_EQ(to_string(SigningStatus::kPending), "PENDING");
  EXPECT_EQ(to_string(SigningStatus::kSuccess), "SUCCESS");
  EXPECT_EQ(to_string(SigningStatus::kRejected), "REJECTED");
  EXPECT_EQ(to_string(SigningStatus::kExpired), "EXPIRED");
}

class SigningTransactionsTest : public ::testing::Test {
 protected:
  std::chrono::steady_clock::time_point now_ = std::chrono::steady_clock::now();
  SigningTransactions book_{{5s, 180s}, [this] { return now_; }};
};

TEST_F(SigningTransactionsTest, ARetryIsTheSameTransactionTimedFromTheFirstRequest) {
  const auto first = book_.begin("tx-1", content(), SignerBehaviour::kApprove);
  EXPECT_EQ(first.outcome, Outcome::kStarted);
  EXPECT_FALSE(first.transaction.tran_id.empty());
  EXPECT_EQ(first.transaction.tran_code.size(), 6u);
  EXPECT_EQ(first.transaction.status, SigningStatus::kPending);
  now_ += 3s;
  const auto again = book_.begin("tx-1", content(), SignerBehaviour::kApprove);
  EXPECT_EQ(again.outcome, Outcome::kReplayed);
  EXPECT_EQ(again.transaction.tran_id, first.transaction.tran_id);
  EXPECT_EQ(again.transaction.tran_code, first.transaction.tran_code);
  now_ += 2s;  // 5 s after the first request, 2 s after the retry
  const auto polled = book_.poll(first.transaction.tran_id);
  ASSERT_TRUE(polled);
  EXPECT_EQ(polled->status, SigningStatus::kSuccess);
  const auto list = book_.list();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].sign_requests, 2u);
  EXPECT_EQ(list[0].status_polls, 1u);
  EXPECT_EQ(list[0].conflicts, 0u);
  EXPECT_EQ(list[0].approvals, 1);
}

TEST_F(SigningTransactionsTest, OtherContentUnderTheSameIdIsAConflict) {
  const auto first = book_.begin("tx-1", content("doc-1"), SignerBehaviour::kApprove);
  const auto other = book_.begin("tx-1", content("doc-2"), SignerBehaviour::kApprove);
  EXPECT_EQ(other.outcome, Outcome::kConflict);
  EXPECT_EQ(other.transaction.tran_id, first.transaction.tran_id);
  const auto list = book_.list();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].sign_requests, 2u);
  EXPECT_EQ(list[0].conflicts, 1u);
  EXPECT_EQ(list[0].content.files[0].doc_id, "doc-1");  // the first content stays
}

TEST_F(SigningTransactionsTest, IdsAreUniqueAndUnknownTranIdsAreNotFound) {
  std::set<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    ids.insert(book_.begin("tx-" + std::to_string(i), content(), SignerBehaviour::kIgnore)
                   .transaction.tran_id);
  }
  EXPECT_EQ(ids.size(), 50u);
  EXPECT_FALSE(book_.poll("no-such-id"));
  EXPECT_EQ(book_.list().size(), 50u);
  EXPECT_EQ(book_.list().front().transaction_id, "tx-0");  // oldest first
  book_.clear();
  EXPECT_TRUE(book_.list().empty());
  EXPECT_FALSE(book_.poll(*ids.begin()));
}

TEST_F(SigningTransactionsTest, ConcurrentRetriesStartOneTransaction) {
  std::vector<std::thread> threads;
  std::atomic<int> started{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 50; ++j) {
        const auto begun = book_.begin("tx-shared", content(), SignerBehaviour::kApprove);
        if (begun.outcome == Outcome::kStarted) ++started;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(started.load(), 1);
  ASSERT_EQ(book_.list().size(), 1u);
  EXPECT_EQ(book_.list()[0].sign_requests, 400u);
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
