#include "core/http/problem_response.hpp"

#include <gtest/gtest.h>

namespace lienthong::http {
namespace {

namespace bhttp = beast::http;

TEST(ProblemResponse, MinimalProblemHasTheRfc9457Members) {
  const auto response = problem_response(
      Problem::make(ProblemKind::kTooLarge, "request body exceeds 10 bytes"), {}, 11, true);
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json");
  EXPECT_TRUE(response.keep_alive());
  EXPECT_EQ(response[bhttp::field::content_length], std::to_string(response.body().size()));
  EXPECT_EQ(response.find(bhttp::field::retry_after), response.end());
  const auto body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body, (nlohmann::json{{"type", "https://lienthong.dev/problems/payload-too-large"},
                                  {"title", "Payload too large"},
                                  {"status", 413},
                                  {"detail", "request body exceeds 10 bytes"}}));
}

TEST(ProblemResponse, FullProblemCarriesContextErrorsUpstreamAndRetryAfter) {
  Problem problem = Problem::make(ProblemKind::kUnavailable, "circuit open for dkdn");
  problem.errors = {{"/maSoDN", "must be 10 or 13 digits"}, {"/ngay", "not a date"}};
  problem.upstream = Upstream{503, "E42", ""};
  problem.retry_after_seconds = 30;
  const ProblemContext context{"0190b2b4-7a3c-7cc1-8e5f-1a2b3c4d5e6f", "dkdn", "tra_cuu"};
  const auto response = problem_response(problem, context, 10, false);
  EXPECT_EQ(response.result_int(), 503);
  EXPECT_EQ(response.version(), 10U);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_EQ(response[bhttp::field::retry_after], "30");
  const auto body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body["type"], "https://lienthong.dev/problems/unavailable");
  EXPECT_EQ(body["status"], 503);
  EXPECT_EQ(body["instance"], "0190b2b4-7a3c-7cc1-8e5f-1a2b3c4d5e6f");
  EXPECT_EQ(body["connector"], "dkdn");
  EXPECT_EQ(body["operation"], "tra_cuu");
  EXPECT_EQ(body["errors"],
            (nlohmann::json::array({{{"pointer", "/maSoDN"}, {"reason", "must be 10 or 13 digits"}},
                                    {{"pointer", "/ngay"}, {"reason", "not a date"}}})));
  EXPECT_EQ(body["upstream"], (nlohmann::json{{"status", 503}, {"code", "E42"}}));
}

TEST(ProblemResponse, StatusFollowsTheKind) {
  for (const auto kind :
       {ProblemKind::kMalformed, ProblemKind::kUnauthenticated, ProblemKind::kNotFound,
        ProblemKind::kUpstreamError, ProblemKind::kUpstreamTimeout, ProblemKind::kInternal}) {
    const auto response = problem_response(Problem::make(kind, "x"), {}, 11, true);
    EXPECT_EQ(response.result_int(), static_cast<unsigned>(http_status(kind)));
    EXPECT_EQ(nlohmann::json::parse(response.body())["title"], title(kind));
  }
}

TEST(ProblemResponse, InvalidUtf8InDetailDoesNotThrow) {
  const auto response =
      problem_response(Problem::make(ProblemKind::kUpstreamError, "bad \xff byte"), {}, 11, true);
  EXPECT_TRUE(nlohmann::json::accept(response.body()));
}

TEST(JsonResponse, SetsTypeLengthAndConnection) {
  const auto response = json_response(201, {{"id", 7}}, 11, false);
  EXPECT_EQ(response.result_int(), 201);
  EXPECT_EQ(response[bhttp::field::content_type], "application/json");
  EXPECT_EQ(response.body(), R"({"id":7})");
  EXPECT_EQ(response[bhttp::field::content_length], "8");
  EXPECT_EQ(response[bhttp::field::connection], "close");
}

}  // namespace
}  // namespace lienthong::http
