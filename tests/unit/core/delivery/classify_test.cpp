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
};

Problem problem_of(const Case& c) {
  Problem p = Problem::make(c.kind, c.name);
  p.upstream = c.upstream;
  return p;
}

// The table of core/delivery/README.md, row by row.
TEST(ClassifyTest, TheDocumentedTable) {
  const std::vector<Case> table = {
      {"timeout", "deliver", ProblemKind::kUpstreamTimeout, std::nullopt, Verdict::kRetry},
      {"connection refused or reset", "deliver", ProblemKind::kUpstreamError, std::nullopt,
       Verdict::kRetry},
      {"no answer at all", "deliver", ProblemKind::kUpstreamError, Upstream{0, "", ""},
       Verdict::kRetry},
      {"HTTP 500", "deliver", ProblemKind::kUpstreamError, Upstream{500, "", ""}, Verdict::kRetry},
      {"HTTP 503", "deliver", ProblemKind::kUpstreamError, Upstream{503, "", ""}, Verdict::kRetry},
      {"HTTP 429", "deliver", ProblemKind::kUpstreamError, Upstream{429, "", ""}, Verdict::kRetry},
      {"HTTP 408", "deliver", ProblemKind::kUpstreamError, Upstream{408, "", ""}, Verdict::kRetry},
      {"rate limited", "deliver", ProblemKind::kRateLimited, std::nullopt, Verdict::kRetry},
      {"circuit open", "deliver", ProblemKind::kUnavailable, std::nullopt, Verdict::kRetry},
      {"session expired again after a new login", "deliver", ProblemKind::kUpstreamError,
       Upstream{200, "2", "Phiên làm việc hết hạn"}, Verdict::kRetry},
      {"SOAP server fault", "deliver", ProblemKind::kUpstreamError,
       Upstream{500, "soap:Server", ""}, Verdict::kRetry},
      {"SOAP client fault", "deliver", ProblemKind::kUpstreamError,
       Upstream{500, "soap:Client", ""}, Verdict::kDead},
      {"far side validation refusal", "deliver", ProblemKind::kInvalid, Upstream{200, "3", ""},
       Verdict::kDead},
      {"HTTP 400", "deliver", ProblemKind::kUpstreamError, Upstream{400, "", ""}, Verdict::kDead},
      {"credentials refused", "deliver", ProblemKind::kUpstreamError, Upstream{401, "", ""},
       Verdict::kDead},
      {"HTTP 404 upstream", "deliver", ProblemKind::kUpstreamNotFound, Upstream{404, "", ""},
       Verdict::kDead},
      {"broken deployment", "deliver", ProblemKind::kInternal, std::nullopt, Verdict::kDead},
      {"request mapping fails", "map-request", ProblemKind::kInvalid, std::nullopt, Verdict::kDead},
      {"answer unreadable by the mapping", "map-response", ProblemKind::kUpstreamError,
       Upstream{200, "", ""}, Verdict::kDead},
      {"signing fails", "sign", ProblemKind::kInternal, std::nullopt, Verdict::kDead},
      {"bad signature on the answer", "verify", ProblemKind::kUpstreamError, std::nullopt,
       Verdict::kDead},
  };
  for (const auto& c : table) {
    EXPECT_EQ(to_string(classify(c.stage, problem_of(c))), to_string(c.expected)) << c.name;
  }
}

}  // namespace
}  // namespace lienthong::delivery
