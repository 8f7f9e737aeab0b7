// The two real lookups end to end: provincial JSON -> hub -> sandbox registry -> canonical JSON.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "hub_fixture.hpp"

namespace lienthong::testing {
namespace {

namespace bhttp = boost::beast::http;
using LookupTest = HubFixture;

std::string read_file(const std::string& rel) {
  std::ifstream in(std::filesystem::path(LT_SOURCE_DIR) / rel);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST_F(LookupTest, EnterpriseByCodeComesBackCanonical) {
  auto res = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}});
  ASSERT_EQ(res.result_int(), 200) << res.body();
  EXPECT_EQ(res[bhttp::field::content_type], "application/json");
  auto body = body_json(res);
  EXPECT_EQ(body["enterpriseCode"], "0100109106");
  EXPECT_TRUE(body["name"].is_string() && !body["name"].get<std::string>().empty());
  EXPECT_EQ(body["legalStatus"]["code"], "active");
  EXPECT_TRUE(body["firstRegisteredOn"].is_string());
  EXPECT_EQ(body["firstRegisteredOn"].get<std::string>().size(), 10u) << "ISO yyyy-MM-dd";
  EXPECT_EQ(body["firstRegisteredOn"].get<std::string>()[4], '-');
  ASSERT_TRUE(body["businessLines"].is_array());
  EXPECT_GE(body["businessLines"].size(), 2u);
  ASSERT_TRUE(body["legalRepresentatives"].is_array());
  EXPECT_GE(body["legalRepresentatives"].size(), 1u);
  EXPECT_TRUE(body["registeredAddress"]["provinceCode"].is_string());
  EXPECT_FALSE(body.contains("GetEntCert")) << "nothing of the wire format leaks through";
}

TEST_F(LookupTest, TheShippedExamplesSucceed) {
  for (const char* op : {"dkdn/lookup-enterprise", "dancu/lookup-citizen"}) {
    std::string name = std::string(op).substr(std::string(op).find('/') + 1);
    std::string dir = std::string(op).substr(0, std::string(op).find('/'));
    auto res =
        post("/v1/" + std::string(op), read_file("mappings/" + dir + "/" + name + ".example.json"));
    EXPECT_EQ(res.result_int(), 200) << op << ": " << res.body();
  }
}

TEST_F(LookupTest, CitizenByIdNameAndBirthDate) {
  auto res = post_json("/v1/dancu/lookup-citizen", {{"citizenId", "001089012345"},
                                                    {"fullName", "Nguyễn Văn An"},
                                                    {"dateOfBirth", "1989-05-17"}});
  ASSERT_EQ(res.result_int(), 200) << res.body();
  auto body = body_json(res);
  EXPECT_EQ(body["citizenId"], "001089012345");
  EXPECT_EQ(body["fullName"], "Nguyễn Văn An");
  EXPECT_EQ(body["name"]["family"], "Nguyễn");
  EXPECT_EQ(body["name"]["middle"], "Văn");
  EXPECT_EQ(body["name"]["given"], "An");
  EXPECT_EQ(body["sex"], "male");
  EXPECT_EQ(body["dateOfBirth"], "1989-05-17");
  EXPECT_EQ(body["permanentAddress"]["provinceCode"].get<std::string>().substr(0, 2), "01")
      << body.dump();
}

TEST_F(LookupTest, TheSoapRequestCarriesAUniqueRequestIdAndTheCaller) {
  auto first = post_json("/v1/dancu/lookup-citizen", {{"citizenId", "001089012345"},
                                                      {"fullName", "Nguyễn Văn An"},
                                                      {"dateOfBirth", "1989-05-17"}});
  ASSERT_EQ(first.result_int(), 200) << first.body();
  // The same lookup again: the registry refuses a reused MaYeuCau, so this proves a new one.
  auto second = post_json("/v1/dancu/lookup-citizen", {{"citizenId", "001089012345"},
                                                       {"fullName", "Nguyễn Văn An"},
                                                       {"dateOfBirth", "1989-05-17"}});
  ASSERT_EQ(second.result_int(), 200) << second.body();
  auto log = body_json(sandbox("dancu", bhttp::verb::get, "/_sandbox/requests"));
  ASSERT_GE(log.size(), 2u);
  std::string soap = log.back()["body"];
  EXPECT_NE(soap.find(std::string(second["X-Message-ID"])), std::string::npos)
      << "MaYeuCau is the message id";
  EXPECT_NE(soap.find("<dc:MaCanBo>tester</dc:MaCanBo>"), std::string::npos)
      << "without officerId the calling client is accountable";
  EXPECT_NE(soap.find("<dc:NgayThangNam>19890517</dc:NgayThangNam>"), std::string::npos);
  EXPECT_EQ(soap.find("SoCMND"), std::string::npos) << "absent optional fields are omitted";
}

TEST_F(LookupTest, IdsAreEchoedAndPropagated) {
  const std::string tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  auto res = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}},
                       {{"X-Correlation-ID", "corr-42"}, {"traceparent", tp}});
  ASSERT_EQ(res.result_int(), 200);
  EXPECT_EQ(res["X-Correlation-ID"], "corr-42");
  EXPECT_EQ(res["traceparent"], tp);
  std::string id(res["X-Message-ID"]);
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '7') << "UUIDv7";
  auto log = body_json(sandbox("dkdn", bhttp::verb::get, "/_sandbox/requests"));
  ASSERT_FALSE(log.empty());
  const auto& seen = log.back();
  EXPECT_EQ(seen["headers"]["X-Correlation-ID"], "corr-42") << seen.dump();
  EXPECT_EQ(seen["headers"]["traceparent"], tp);
  EXPECT_EQ(seen["headers"]["X-Message-ID"], id);
  EXPECT_EQ(seen["target"], "/DoanhNghiep/chiTietDoanhNghiep?msdn=0100109106");
}

TEST_F(LookupTest, KeepAliveServesManyRequestsOnFewUpstreamConnections) {
  for (int i = 0; i < 20; ++i) {
    auto res = post_json("/v1/dkdn/lookup-enterprise", {{"enterpriseCode", "0100109106"}});
    ASSERT_EQ(res.result_int(), 200);
  }
  EXPECT_LE(hub_->client().connections_opened(), 2u) << "the egress pool reuses connections";
}

}  // namespace
}  // namespace lienthong::testing
