#include "core/pipeline/evidence/stamper.hpp"

#include <gtest/gtest.h>

#include "core/pipeline/evidence/signature_value.hpp"

namespace lienthong::pipeline {
namespace {

store::EvidenceHead head(std::int64_t seq, std::int64_t stamped, std::int64_t oldest_ms) {
  return {"n", seq, "h", stamped, seq > stamped ? std::optional(oldest_ms) : std::nullopt};
}

TEST(StampDue, AfterNEntriesOrTSecondsOfItsOwnChain) {
  constexpr std::int64_t kNow = 1'000'000;
  EXPECT_FALSE(stamp_due(head(5, 5, 0), kNow, 3, 60'000, true)) << "all stamped";
  EXPECT_FALSE(stamp_due(head(5, 3, kNow - 1'000), kNow, 3, 60'000, true)) << "2 of 3, 1 s old";
  EXPECT_TRUE(stamp_due(head(6, 3, kNow - 1'000), kNow, 3, 60'000, true)) << "3 entries";
  EXPECT_TRUE(stamp_due(head(4, 3, kNow - 60'000), kNow, 3, 60'000, true)) << "a period old";
}

TEST(StampDue, AnotherNodesChainOnlyWhenItsTailIsThreePeriodsOld) {
  constexpr std::int64_t kNow = 1'000'000;
  EXPECT_FALSE(stamp_due(head(100, 3, kNow - 60'000), kNow, 3, 60'000, false));
  EXPECT_TRUE(stamp_due(head(4, 3, kNow - 180'000), kNow, 3, 60'000, false));
}

TEST(SignatureValue, TheFirstSignatureValueWithAnyPrefixWithoutWhitespace) {
  EXPECT_EQ(signature_value(R"(<ds:Signature><ds:SignedInfo/><ds:SignatureValue Id="v">
    QUJD
    REVG</ds:SignatureValue></ds:Signature>)"),
            "QUJDREVG");
  EXPECT_EQ(signature_value("<Signature><SignatureValue>eHk=</SignatureValue></Signature>"),
            "eHk=");
  EXPECT_EQ(signature_value("<a>SignatureValue</a><b:NotSignatureValue>x</b:NotSignatureValue>"),
            "");
  EXPECT_EQ(signature_value("<x:SignatureValue>unterminated"), "");
  EXPECT_EQ(signature_value(""), "");
}

}  // namespace
}  // namespace lienthong::pipeline
