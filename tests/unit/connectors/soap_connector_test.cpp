#include "connectors/soap/soap_connector.hpp"

#include <gtest/gtest.h>

#include "connectors/soap/soap_fault.hpp"

namespace lienthong::connectors {
namespace {

constexpr const char* kFault = R"(<?xml version="1.0"?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault>
<faultcode>S:Client</faultcode><faultstring>Thông tin không khớp</faultstring>
<detail><x:MaLoi xmlns:x="urn:dancu:congdan:1.0">DC_KHONG_KHOP</x:MaLoi></detail>
</S:Fault></S:Body></S:Envelope>)";

constexpr const char* kOk =
    R"(<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">
<SOAP-ENV:Body Id="body"><CongdanCollection xmlns="urn:dancu:congdan:1.0"/></SOAP-ENV:Body></SOAP-ENV:Envelope>)";

http::Response answer(unsigned status, std::string body) {
  http::Response r{static_cast<boost::beast::http::status>(status), 11};
  r.body() = std::move(body);
  return r;
}

TEST(SoapAnswer, ReadsAFaultWithItsDetailCode) {
  auto a = read_soap_answer(kFault, 500);
  EXPECT_TRUE(a.envelope);
  ASSERT_TRUE(a.fault);
  EXPECT_EQ(a.fault->status, 500);
  EXPECT_EQ(a.fault->code, "DC_KHONG_KHOP");
  EXPECT_EQ(a.fault->message, "Thông tin không khớp");
}

TEST(SoapAnswer, RefusesDtdsAndNonSoap) {
  EXPECT_FALSE(read_soap_answer("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", 200).envelope);
  EXPECT_FALSE(read_soap_answer("<Envelope><Body/></Envelope>", 200).envelope)
      << "an Envelope outside the SOAP 1.1 namespace is not SOAP";
  EXPECT_FALSE(read_soap_answer("not xml", 200).envelope);
}

TEST(ClassifySoapAnswer, OkFaultAndGarbage) {
  auto ok = classify_soap_answer(answer(200, kOk), "dancu");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200u);

  auto fault = classify_soap_answer(answer(500, kFault), "dancu");
  ASSERT_FALSE(fault);
  EXPECT_EQ(fault.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(fault.error().upstream->code, "DC_KHONG_KHOP");

  auto garbage = classify_soap_answer(answer(200, "{}"), "dancu");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().detail, "the answer from dancu is not a SOAP 1.1 envelope");

  auto bare500 = classify_soap_answer(answer(503, "busy"), "dancu");
  ASSERT_FALSE(bare500);
  EXPECT_EQ(bare500.error().upstream->status, 503);
}

}  // namespace
}  // namespace lienthong::connectors
