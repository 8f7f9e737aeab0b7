#include "core/security/ocsp/ocsp_policy.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "core/log/log.hpp"
#include "core/security/ocsp/ocsp_revocation_hook.hpp"

namespace lienthong::security {
namespace {

std::vector<std::string> g_lines;
void capture(std::string_view line) {
  g_lines.emplace_back(line);
}

OcspOutcome revoked(std::optional<int> reason) {
  OcspAnswer a;
  a.status = CertStatus::kRevoked;
  a.serial = "449B";
  a.revoked_at = 1'790'000'000;  // 2026-09-21T14:13:20Z
  a.reason = reason;
  return a;
}

OcspOutcome status(CertStatus s) {
  OcspAnswer a;
  a.status = s;
  a.serial = "449B";
  return a;
}

OcspOutcome error(OcspErrorKind kind, std::string detail) {
  return OcspError{kind, std::move(detail), "449B"};
}

class OcspPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_lines.clear();
    log::set_sink(capture);
  }
  void TearDown() override { log::set_sink(nullptr); }
};

TEST_F(OcspPolicyTest, ParsesPolicyNames) {
  EXPECT_EQ(parse_ocsp_policy("hard-fail"), OcspPolicy::kHardFail);
  EXPECT_EQ(parse_ocsp_policy("soft-fail"), OcspPolicy::kSoftFail);
  EXPECT_FALSE(parse_ocsp_policy("Hard-Fail"));
  EXPECT_FALSE(parse_ocsp_policy(""));
  EXPECT_EQ(to_string(OcspPolicy::kSoftFail), "soft-fail");
}

TEST_F(OcspPolicyTest, GoodIsAcceptedRevokedIsRefusedUnderBothPolicies) {
  for (auto policy : {OcspPolicy::kHardFail, OcspPolicy::kSoftFail}) {
    EXPECT_TRUE(ocsp_verdict(status(CertStatus::kGood), policy));
    auto refused = ocsp_verdict(revoked(1), policy, "signer certificate");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(),
              "signer certificate revoked (keyCompromise) at 2026-09-21T14:13:20Z");
  }
  EXPECT_EQ(ocsp_verdict(revoked(std::nullopt), OcspPolicy::kSoftFail).error(),
            "certificate revoked at 2026-09-21T14:13:20Z");
  EXPECT_EQ(ocsp_verdict(revoked(6), OcspPolicy::kSoftFail).error(),
            "certificate revoked (certificateHold) at 2026-09-21T14:13:20Z");
  EXPECT_TRUE(g_lines.empty());
}

TEST_F(OcspPolicyTest, HardFailRefusesWithPreciseReasons) {
  const std::vector<std::pair<OcspOutcome, std::string>> cases = {
      {status(CertStatus::kUnknown),
       "certificate status unknown to the OCSP responder (hard-fail)"},
      {error(OcspErrorKind::kUnreachable, "connection refused by 127.0.0.1:9105"),
       "OCSP responder unreachable: connection refused by 127.0.0.1:9105 (hard-fail)"},
      {error(OcspErrorKind::kBadResponse, "nonce does not match the request"),
       "OCSP response invalid: nonce does not match the request (hard-fail)"},
      {error(OcspErrorKind::kRefused, "responder answered trylater"),
       "OCSP responder refused: responder answered trylater (hard-fail)"},
      {error(OcspErrorKind::kNoResponder, "no URL"),
       "no OCSP responder for the certificate: no URL (hard-fail)"},
      {error(OcspErrorKind::kNotChecked, "no answer"),
       "OCSP status not checked: no answer (hard-fail)"},
      {error(OcspErrorKind::kBadInput, "bad issuer"),
       "cannot check certificate with OCSP: bad issuer (hard-fail)"},
  };
  for (const auto& [outcome, reason] : cases) {
    auto verdict = ocsp_verdict(outcome, OcspPolicy::kHardFail);
    ASSERT_FALSE(verdict) << reason;
    EXPECT_EQ(verdict.error(), reason);
  }
  EXPECT_TRUE(g_lines.empty());
}

TEST_F(OcspPolicyTest, SoftFailAcceptsAndWarnsWithTheSerialOnly) {
  EXPECT_TRUE(ocsp_verdict(error(OcspErrorKind::kUnreachable, "timed out"), OcspPolicy::kSoftFail,
                           "signer certificate"));
  EXPECT_TRUE(ocsp_verdict(status(CertStatus::kUnknown), OcspPolicy::kSoftFail));
  ASSERT_EQ(g_lines.size(), 2u);
  EXPECT_NE(g_lines[0].find("WARN"), std::string::npos) << g_lines[0];
  EXPECT_NE(g_lines[0].find("ocsp.soft_fail"), std::string::npos);
  EXPECT_NE(g_lines[0].find("449B"), std::string::npos);
  EXPECT_NE(g_lines[0].find("OCSP responder unreachable: timed out"), std::string::npos);
}

TEST_F(OcspPolicyTest, TrustStoreHookTerms) {
  auto r = to_revocation_result(revoked(1), OcspPolicy::kSoftFail);
  ASSERT_FALSE(r);
  EXPECT_TRUE(r.error().revoked);
  EXPECT_EQ(r.error().reason, "keyCompromise at 2026-09-21T14:13:20Z");
  auto u =
      to_revocation_result(error(OcspErrorKind::kUnreachable, "HTTP 503"), OcspPolicy::kHardFail);
  ASSERT_FALSE(u);
  EXPECT_FALSE(u.error().revoked);
  EXPECT_EQ(u.error().reason, "OCSP responder unreachable: HTTP 503 (hard-fail)");
  EXPECT_TRUE(
      to_revocation_result(error(OcspErrorKind::kUnreachable, "HTTP 503"), OcspPolicy::kSoftFail));
  EXPECT_TRUE(to_revocation_result(status(CertStatus::kGood), OcspPolicy::kHardFail));
}

TEST_F(OcspPolicyTest, ReasonNamesAndTimes) {
  EXPECT_EQ(crl_reason_name(0), "unspecified");
  EXPECT_EQ(crl_reason_name(2), "cACompromise");
  EXPECT_EQ(crl_reason_name(8), "removeFromCRL");
  EXPECT_EQ(crl_reason_name(10), "aACompromise");
  EXPECT_EQ(crl_reason_name(7), "reason 7");
  EXPECT_EQ(crl_reason_name(-1), "reason -1");
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace lienthong::security
