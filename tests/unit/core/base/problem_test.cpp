#include "core/base/problem.hpp"

#include <gtest/gtest.h>

namespace lienthong {
namespace {

TEST(Problem, EachKindHasItsContractStatus) {
  EXPECT_EQ(http_status(ProblemKind::kMalformed), 400);
  EXPECT_EQ(http_status(ProblemKind::kInvalid), 400);
  EXPECT_EQ(http_status(ProblemKind::kUnauthenticated), 401);
  EXPECT_EQ(http_status(ProblemKind::kForbidden), 403);
  EXPECT_EQ(http_status(ProblemKind::kNotFound), 404);
  EXPECT_EQ(http_status(ProblemKind::kUpstreamNotFound), 404);
  EXPECT_EQ(http_status(ProblemKind::kConflict), 409);
  EXPECT_EQ(http_status(ProblemKind::kTooLarge), 413);
  EXPECT_EQ(http_status(ProblemKind::kUnsupportedMediaType), 415);
  EXPECT_EQ(http_status(ProblemKind::kRateLimited), 429);
  EXPECT_EQ(http_status(ProblemKind::kUpstreamError), 502);
  EXPECT_EQ(http_status(ProblemKind::kUnavailable), 503);
  EXPECT_EQ(http_status(ProblemKind::kUpstreamTimeout), 504);
  EXPECT_EQ(type_slug(ProblemKind::kUpstreamTimeout), "upstream-timeout");
}

TEST(Result, HoldsAValueOrAnError) {
  Result<int> ok = 3;
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 3);
  Result<int> bad = Problem::make(ProblemKind::kInvalid, "no");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().detail, "no");
  Result<void, std::string> v;
  EXPECT_TRUE(v);
  Result<void, std::string> e = std::string("why");
  EXPECT_EQ(e.error(), "why");
}

}  // namespace
}  // namespace lienthong
