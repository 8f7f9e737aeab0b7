// document_answer(): a file for a caller that takes it, its JSON for one that asks for JSON.
#include "core/pipeline/ingress/document_answer.hpp"

#include <gtest/gtest.h>

#include "core/base/base64.hpp"

namespace lienthong::pipeline {
namespace {

const nlohmann::json kReceipt = {{"fileName", "bienlai 1/x.pdf"},
                                 {"contentType", "application/pdf"},
                                 {"contentBase64", base64_encode("%PDF-1.4 body")}};

TEST(AcceptQuality, TheMostSpecificRangeDecides) {
  EXPECT_EQ(accept_quality("", "application/pdf"), 1);
  EXPECT_EQ(accept_quality("application/json", "application/pdf"), 0);
  EXPECT_EQ(accept_quality("application/json", "application/json"), 1);
  EXPECT_EQ(accept_quality("*/*;q=0.1, application/*;q=0.5", "application/pdf"), 0.5);
  EXPECT_EQ(accept_quality("application/pdf;q=0, */*", "application/pdf"), 0);
  EXPECT_EQ(accept_quality("Application/PDF ; q=0.7", "application/pdf"), 0.7);
  EXPECT_EQ(accept_quality("application/pdf;q=2", "application/pdf"), 0);  // broken q
}

TEST(DocumentAnswer, TheFileItselfUnlessJsonIsPreferred) {
  for (const char* accept :
       {"", "*/*", "application/pdf", "application/pdf, application/json;q=0.5"}) {
    auto a = document_answer(200, kReceipt, accept);
    ASSERT_TRUE(a) << accept;
    EXPECT_EQ(a->document_type, "application/pdf") << accept;
    EXPECT_EQ(a->document, "%PDF-1.4 body");
    ASSERT_EQ(a->headers.size(), 1U);
    EXPECT_EQ(a->headers[0].second, "attachment; filename=\"bienlai_1_x.pdf\"");
  }
  for (const char* accept : {"application/json", "application/json, */*;q=0.1"}) {
    auto a = document_answer(200, kReceipt, accept);
    ASSERT_TRUE(a) << accept;
    EXPECT_TRUE(a->document_type.empty()) << accept;
    EXPECT_EQ(a->body, kReceipt);
  }
}

TEST(DocumentAnswer, AMappingThatWroteNoDocumentIsTheDeploymentsFault) {
  auto a = document_answer(200, {{"fileName", "x.pdf"}}, "");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().kind, ProblemKind::kInternal);
  auto b = document_answer(200, {{"contentType", "application/pdf"}, {"contentBase64", "@@@"}}, "");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().kind, ProblemKind::kUpstreamError);
}

}  // namespace
}  // namespace lienthong::pipeline
