#include "core/delivery/classify.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace lienthong::delivery {
namespace {

struct Case {
  std::string name;
  std::string stage;
  ProblemKind kind;
  std::optional<Upstream> upstream;
  Verdict expected;
  bool outage;  ///< counts_as_outage (only the deliver stage's problems reach the breaker)
};

Problem problem_of(const Case& c) {
  Problem p = Problem::make(c.kind, c.name);
  p.upstream = c.upstream;
  return p;
}

// The table of core/delivery/README.md, row by row: the retry verdict and whether the failure
// feeds the circuit breaker, decided by one reading of the answer.
TEST(ClassifyTest, TheDocumentedTable) {
  const std::vector<Case> table = {
      {"timeout", "deliver", ProblemKind::kUpstreamTimeout, std::nullopt, Verdict::kRetry, true},
      {"connection refused or reset", "deliver", ProblemKind::kUpstreamError, std::nullopt,
       Verdict::kRetry, true},
      {"no answer at all", "deliver", ProblemKind::kUpstreamError, Upstream{0, "", ""},
       Verdict::kRetry, true},
      {"HTTP 500", "deliver", ProblemKind::kUpstreamError, Upstream{500, "", ""}, Verdict::kRetry,
       true},
      {"HTTP 503", "deliver", ProblemKind::kUpstreamError, Upstream{503, "", ""}, Verdict::kRetry,
       true},
      {"HTTP 429", "deliver", ProblemKind::kUpstreamError, Upstream{429, "", ""}, Verdict::kRetry,
       false},
      {"HTTP 408", "deliver", ProblemKind::kUpstreamError, Upstream{408, "", ""}, Verdict::kRetry,
       false},
      {"rate limited", "deliver", ProblemKind::kRateLimited, std::nullopt, Verdict::kRetry, false},
      {"circuit open", "deliver", ProblemKind::kUnavailable, std::nullopt, Verdict::kRetry, false},
      {"session expired again after a new login", "deliver", ProblemKind::kUpstreamError,
       Upstream{200, "2", "Phiên làm việc hết hạn"}, Verdict::kRetry, false},
      {"SOAP server fault", "deliver", ProblemKind::kUpstreamError,
       Upstream{500, "soap:Server", ""}, Verdict::kRetry, true},
      {"SOAP business fault as HTTP 500 (dancu DC_KHONG_KHOP)", "deliver",
       ProblemKind::kUpstreamError, Upstream{500, "soap:Client", "DC_KHONG_KHOP"}, Verdict::kDead,
       false},
      {"SOAP 1.2 sender fault", "deliver", ProblemKind::kUpstreamError,
       Upstream{500, "env:Sender", ""}, Verdict::kDead, false},
      {"dvcqg failure as HTTP 500", "deliver", ProblemKind::kUpstreamError,
       Upstream{500, "99", "Lỗi hệ thống"}, Verdict::kRetry, true},
      {"dvcqg refusal as HTTP 500", "deliver", ProblemKind::kInvalid, Upstream{500, "3", ""},
       Verdict::kDead, false},
      {"SOAP client fault", "deliver", ProblemKind::kUpstreamError,
       Upstream{500, "soap:Client", ""}, Verdict::kDead, false},
      {"far side validation refusal", "deliver", ProblemKind::kInvalid, Upstream{200, "3", ""},
       Verdict::kDead, false},
      {"HTTP 400", "deliver", ProblemKind::kUpstreamError, Upstream{400, "", ""}, Verdict::kDead,
       false},
      {"credentials refused", "deliver", ProblemKind::kUpstreamError, Upstream{401, "", ""},
       Verdict::kDead, false},
      {"HTTP 404 upstream", "deliver", ProblemKind::kUpstreamNotFound, Upstream{404, "", ""},
       Verdict::kDead, false},
      {"broken deployment", "deliver", ProblemKind::kInternal, std::nullopt, Verdict::kDead, false},
      {"request mapping fails", "map-request", ProblemKind::kInvalid, std::nullopt, Verdict::kDead,
       false},
      {"answer unreadable by the mapping", "map-response", ProblemKind::kUpstreamError,
       Upstream{200, "", ""}, Verdict::kDead, false},
      {"signing fails", "sign", ProblemKind::kInternal, std::nullopt, Verdict::kDead, false},
      {"bad signature on the answer", "verify", ProblemKind::kUpstreamError, std::nullopt,
       Verdict::kDead, false},
  };
  for (const auto& c : table) {
    EXPECT_EQ(to_string(classify(c.stage, problem_of(c))), to_string(c.expected)) << c.name;
    if (c.stage == "deliver") {
      EXPECT_EQ(counts_as_outage(problem_of(c)), c.outage) << c.name;
    }
  }
}

TEST(ErrorClassTest, OneFixedWordPerKindOfFailure) {
  auto p = [](ProblemKind kind, int status = -1, std::string code = {}) {
    auto problem = Problem::make(kind, "free text the far side wrote: 001089012345");
    if (status >= 0) problem.upstream = Upstream{status, std::move(code), "its words"};
    return problem;
  };
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamTimeout)), "timeout");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamError, 0)), "unreachable");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamError)), "unreachable");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamError, 503)), "upstream_5xx");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamError, 500, "soap:Client")), "refused");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamError, 422)), "refused");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamError, 429)), "rate_limited");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamError, 200)), "waiting");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kRateLimited)), "rate_limited");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUnavailable)), "circuit_open");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUnavailable, 0)), "unreachable");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kUpstreamNotFound, 404)), "not_found");
  EXPECT_EQ(error_class("deliver", p(ProblemKind::kInvalid, 400)), "refused");
  EXPECT_EQ(error_class("verify", p(ProblemKind::kUpstreamError)), "signature");
  EXPECT_EQ(error_class("map-request", p(ProblemKind::kInternal)), "mapping");
  EXPECT_EQ(error_class("map-response", p(ProblemKind::kUpstreamError, 200)), "mapping");
  EXPECT_EQ(error_class("validate", p(ProblemKind::kInvalid)), "invalid");
  EXPECT_EQ(error_class("sign", p(ProblemKind::kInternal)), "internal");
}

}  // namespace
}  // namespace lienthong::delivery
