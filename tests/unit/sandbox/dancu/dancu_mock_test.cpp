#include "sandbox/dancu/dancu_mock.hpp"

#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "sandbox/dancu/wire.hpp"
#include "sandbox/dancu/xml_names.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::dancu {
namespace {

namespace bhttp = http::beast::http;
using test_support::make_request;
using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kEnv = "http://schemas.xmlsoap.org/soap/envelope/";

enum class Style { kPrefixed, kDefaultNamespace, kOddPrefixes };

std::string envelope(const Fields& fields, Style style = Style::kPrefixed) {
  std::string inner;
  const std::string p = style == Style::kPrefixed      ? "dc:"
                        : style == Style::kOddPrefixes ? "x:"
                                                       : "";
  for (const auto& [k, v] : fields) inner += "<" + p + k + ">" + v + "</" + p + k + ">";
  switch (style) {
    case Style::kPrefixed:
      return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
             "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
             "xmlns:dc=\"urn:dancu:congdan:1.0\"><soap:Header/><soap:Body Id=\"body\">"
             "<dc:TraCuuThongTinCongDan>" +
             inner + "</dc:TraCuuThongTinCongDan></soap:Body></soap:Envelope>";
    case Style::kDefaultNamespace:
      return "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <S:Body>\n"
             "    <TraCuuThongTinCongDan xmlns=\"urn:dancu:congdan:1.0\">" +
             inner + "</TraCuuThongTinCongDan>\n  </S:Body>\n</S:Envelope>";
    case Style::kOddPrefixes:
      return "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body>"
             "<x:TraCuuThongTinCongDan xmlns:x=\"urn:dancu:congdan:1.0\">" +
             inner + "</x:TraCuuThongTinCongDan></e:Body></e:Envelope>";
  }
  return {};
}

Fields an_fields(std::string request_id) {
  return {{"MaYeuCau", std::move(request_id)},
          {"MaDVC", "1.001234"},
          {"MaTichHop", "LT-HUB"},
          {"MaCanBo", "CB0001"},
          {"SoDinhDanh", "001089012345"},
          {"HoVaTen", "Nguyễn Văn An"},
          {"NgayThangNam", "19890517"}};
}

Fields with(Fields fields, const std::string& key, std::optional<std::string> value) {
  std::erase_if(fields, [&](const auto& f) { return f.first == key; });
  if (value) fields.emplace_back(key, *value);
  return fields;
}

http::Request soap_request(std::string body, std::string action = std::string(kSoapAction),
                           std::string content_type = "text/xml; charset=utf-8") {
  return make_request(
      bhttp::verb::post, std::string(kPath), std::move(body),
      {{"Content-Type", std::move(content_type)}, {"SOAPAction", std::move(action)}});
}

// The answer, parsed; element lookups below go by namespace, never by prefix.
struct Answer {
  http::Response response;
  pugi::xml_document doc;

  explicit Answer(http::Response r) : response(std::move(r)) {
    EXPECT_TRUE(doc.load_string(response.body().c_str())) << response.body();
  }
  [[nodiscard]] pugi::xml_node body() const {
    for (auto c : doc.document_element().children()) {
      if (is_element(c, kEnv, "Body")) return c;
    }
    return {};
  }
  [[nodiscard]] pugi::xml_node collection() const {
    auto c = body().first_child();
    return is_element(c, kDancuNs, "CongdanCollection") ? c : pugi::xml_node();
  }
  [[nodiscard]] std::string fault_code() const {
    auto fault = body().first_child();
    if (!is_element(fault, kEnv, "Fault")) return {};
    const std::string qname = fault.child("faultcode").text().get();
    const auto colon = qname.find(':');
    // faultcode is a QName: resolve its prefix where it is written.
    if (lookup_namespace(fault.child("faultcode"), qname.substr(0, colon)) != kEnv) return "?";
    return qname.substr(colon + 1);
  }
  [[nodiscard]] std::string ma_loi() const {
    auto code = body().first_child().child("detail").first_child();
    return is_element(code, kDancuNs, "MaLoi") ? code.text().get() : "";
  }
  [[nodiscard]] std::string fault_string() const {
    return body().first_child().child("faultstring").text().get();
  }
};

// Child of `node` by local name within the dancu namespace.
pugi::xml_node dc(pugi::xml_node node, std::string_view local) {
  for (auto c : node.children()) {
    if (is_element(c, kDancuNs, local)) return c;
  }
  return {};
}

class DancuMockTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto registry = CitizenRegistry::load(test_support::data_dir() / "citizens.json");
    ASSERT_TRUE(registry);
    registry_ = new CitizenRegistry(std::move(registry).value());
  }
  static void TearDownTestSuite() {
    delete registry_;
    registry_ = nullptr;
  }

  std::string next_id() { return "REQ-" + std::to_string(++counter_); }
  Answer call(const http::Request& request) { return Answer(mock_.handle(request)); }
  Answer lookup(const Fields& fields, Style style = Style::kPrefixed) {
    return call(soap_request(envelope(fields, style)));
  }

  static CitizenRegistry* registry_;
  DancuMock mock_{*registry_};
  int counter_ = 0;
};
CitizenRegistry* DancuMockTest::registry_ = nullptr;

TEST_F(DancuMockTest, FoundCitizenInTheAnswerShape) {
  Answer a = lookup(an_fields(next_id()));
  ASSERT_EQ(a.response.result(), bhttp::status::ok);
  EXPECT_EQ(a.response[bhttp::field::content_type], "text/xml; charset=utf-8");

  // Prefixes deliberately differ from the request convention.
  const auto root = a.doc.document_element();
  EXPECT_STREQ(root.name(), "SOAP-ENV:Envelope");
  EXPECT_STREQ(root.attribute("xmlns:SOAP-ENV").value(), kEnv.data());
  ASSERT_TRUE(a.body());
  EXPECT_STREQ(a.body().name(), "SOAP-ENV:Body");
  EXPECT_STREQ(a.body().attribute("Id").value(), "body");
  const auto collection = a.collection();
  ASSERT_TRUE(collection);
  EXPECT_STREQ(collection.name(), "CongdanCollection");  // no prefix: default namespace
  EXPECT_STREQ(collection.attribute("xmlns").value(), "urn:dancu:congdan:1.0");

  const auto c = dc(collection, "CongDan");
  ASSERT_TRUE(c);
  EXPECT_STREQ(dc(c, "SoDinhDanh").text().get(), "001089012345");
  EXPECT_STREQ(dc(c, "SoCMND").text().get(), "012345678");
  EXPECT_STREQ(dc(dc(c, "HoVaTen"), "Ho").text().get(), "Nguyễn");
  EXPECT_STREQ(dc(dc(c, "HoVaTen"), "ChuDem").text().get(), "Văn");
  EXPECT_STREQ(dc(dc(c, "HoVaTen"), "Ten").text().get(), "An");
  EXPECT_STREQ(dc(c, "GioiTinh").text().get(), "1");
  EXPECT_STREQ(dc(dc(c, "NgayThangNamSinh"), "NgayThangNam").text().get(), "19890517");
  EXPECT_STREQ(dc(dc(c, "NgayThangNamSinh"), "Nam").text().get(), "1989");
  for (const char* address : {"NoiDangKyKhaiSinh", "QueQuan", "ThuongTru", "NoiOHienTai"}) {
    const auto node = dc(c, address);
    ASSERT_TRUE(node) << address;
    for (const char* part : {"MaTinhThanh", "MaQuanHuyen", "MaPhuongXa", "ChiTiet", "QuocGia"}) {
      EXPECT_TRUE(dc(node, part)) << address << "/" << part;
    }
  }
  EXPECT_STREQ(dc(dc(c, "ThuongTru"), "MaTinhThanh").text().get(), "01");
  EXPECT_STREQ(dc(dc(c, "VoChong"), "SoDinhDanh").text().get(), "001190023456");
  EXPECT_STREQ(dc(dc(c, "Cha"), "HoVaTen").text().get(), "Nguyễn Văn Bình");
  EXPECT_TRUE(dc(c, "Me"));
  EXPECT_FALSE(dc(c, "NguoiDaiDien"));  // none: omitted
  EXPECT_STREQ(dc(dc(c, "ChuHo"), "QuanHe").text().get(), "Chủ hộ");
  EXPECT_STREQ(dc(c, "SoSoHoKhau").text().get(), "010123456");
  for (const char* leaf : {"DanToc", "TonGiao", "QuocTich", "TinhTrangHonNhan", "NhomMau"}) {
    EXPECT_TRUE(dc(c, leaf)) << leaf;
  }
}

TEST_F(DancuMockTest, AcceptsAnyPrefixes) {
  for (auto style : {Style::kPrefixed, Style::kDefaultNamespace, Style::kOddPrefixes}) {
    Answer a = lookup(an_fields(next_id()), style);
    EXPECT_EQ(a.response.result(), bhttp::status::ok) << a.response.body();
    EXPECT_TRUE(dc(a.collection(), "CongDan"));
  }
}

TEST_F(DancuMockTest, MatchesNamesIgnoringCaseAndSpacing) {
  Answer a = lookup(with(an_fields(next_id()), "HoVaTen", "  NGUYỄN   VĂN AN "));
  EXPECT_EQ(a.response.result(), bhttp::status::ok) << a.response.body();
}

TEST_F(DancuMockTest, NotFoundIsAnEmptyCollection) {
  Answer a = lookup(with(an_fields(next_id()), "SoDinhDanh", "079200000001"));
  ASSERT_EQ(a.response.result(), bhttp::status::ok);
  ASSERT_TRUE(a.collection());
  EXPECT_FALSE(a.collection().first_child());
}

TEST_F(DancuMockTest, NameOrDateMismatchIsAFault) {
  for (const auto& fields :
       {with(an_fields(next_id()), "HoVaTen", "Nguyễn Văn Anh"),
        with(an_fields(next_id()), "NgayThangNam", "19890518"),
        with(with(an_fields(next_id()), "NgayThangNam", std::nullopt), "Nam", "1990")}) {
    Answer a = lookup(fields);
    EXPECT_EQ(a.response.result(), bhttp::status::internal_server_error);
    EXPECT_EQ(a.fault_code(), "Client");
    EXPECT_EQ(a.ma_loi(), "DC_KHONG_KHOP");
    EXPECT_EQ(a.fault_string(), "Thông tin họ tên hoặc ngày sinh không khớp với số định danh");
  }
}

TEST_F(DancuMockTest, YearOnlyLookups) {
  // By year for a full-date record; by full date for a year-only record (its year agrees).
  Answer by_year =
      lookup(with(with(an_fields(next_id()), "NgayThangNam", std::nullopt), "Nam", "1989"));
  EXPECT_EQ(by_year.response.result(), bhttp::status::ok);
  auto binh =
      with(with(an_fields(next_id()), "SoDinhDanh", "034058004321"), "HoVaTen", "Nguyễn Văn Bình");
  Answer full_date = lookup(with(binh, "NgayThangNam", "19580101"));
  ASSERT_EQ(full_date.response.result(), bhttp::status::ok) << full_date.response.body();
  const auto birth = dc(dc(full_date.collection(), "CongDan"), "NgayThangNamSinh");
  EXPECT_FALSE(dc(birth, "NgayThangNam"));
  EXPECT_STREQ(dc(birth, "Nam").text().get(), "1958");
}

TEST_F(DancuMockTest, TwoLevelRecordsHaveNoDistrict) {
  for (const auto& citizen : registry_->citizens()) {
    if (citizen.thuong_tru.ma_quan_huyen) continue;
    auto fields = with(with(with(an_fields(next_id()), "SoDinhDanh", citizen.so_dinh_danh),
                            "HoVaTen", citizen.ho_va_ten()),
                       "NgayThangNam", citizen.ngay_thang_nam);
    if (!citizen.ngay_thang_nam) fields = with(fields, "Nam", citizen.nam);
    Answer a = lookup(fields);
    ASSERT_EQ(a.response.result(), bhttp::status::ok);
    const auto address = dc(dc(a.collection(), "CongDan"), "ThuongTru");
    EXPECT_FALSE(dc(address, "MaQuanHuyen"));
    EXPECT_TRUE(dc(address, "MaPhuongXa"));
    return;
  }
  FAIL() << "no two-level record";
}

TEST_F(DancuMockTest, ReusedRequestIdIsRefused) {
  const auto id = next_id();
  EXPECT_EQ(lookup(an_fields(id)).response.result(), bhttp::status::ok);
  Answer again = lookup(an_fields(id));
  EXPECT_EQ(again.response.result(), bhttp::status::internal_server_error);
  EXPECT_EQ(again.ma_loi(), "DC_TRUNG_MA_YEU_CAU");
  // Also when the first use did not find anyone.
  const auto other = next_id();
  lookup(with(an_fields(other), "SoDinhDanh", "079200000001"));
  EXPECT_EQ(lookup(an_fields(other)).ma_loi(), "DC_TRUNG_MA_YEU_CAU");
}

TEST_F(DancuMockTest, InvalidRequestsAreClientFaults) {
  const std::vector<Fields> cases = {
      with(an_fields(next_id()), "MaCanBo", std::nullopt),
      with(an_fields(next_id()), "MaYeuCau", ""),
      with(an_fields(next_id()), "HoVaTen", std::nullopt),
      with(an_fields(next_id()), "NgayThangNam", std::nullopt),  // neither date nor year
      with(an_fields(next_id()), "Nam", "1989"),                 // both
      with(an_fields(next_id()), "NgayThangNam", "17/05/1989"),
      with(an_fields(next_id()), "NgayThangNam", "19890231"),
      with(an_fields(next_id()), "SoDinhDanh", "001489012345"),  // bad century digit
      with(an_fields(next_id()), "SoDinhDanh", "00108901234"),
      with(an_fields(next_id()), "SoCMND", "12AB"),
      with(an_fields(next_id()), "Extra", "x"),
      with(an_fields(next_id()), "MaDVC", "<a>nested</a>"),
  };
  for (const auto& fields : cases) {
    Answer a = lookup(fields);
    EXPECT_EQ(a.response.result(), bhttp::status::internal_server_error) << envelope(fields);
    EXPECT_EQ(a.fault_code(), "Client") << envelope(fields);
    EXPECT_EQ(a.ma_loi(), "DC_YEU_CAU_KHONG_HOP_LE") << envelope(fields);
  }
  // A duplicated field, and every missing field named at once.
  auto doubled = an_fields(next_id());
  doubled.emplace_back("HoVaTen", "Nguyễn Văn An");
  EXPECT_EQ(lookup(doubled).ma_loi(), "DC_YEU_CAU_KHONG_HOP_LE");
  Answer empty = lookup({});
  for (const char* name : {"MaYeuCau", "MaDVC", "MaTichHop", "MaCanBo", "SoDinhDanh", "HoVaTen"}) {
    EXPECT_NE(empty.fault_string().find(name), std::string::npos) << name;
  }
}

TEST_F(DancuMockTest, EmptyOptionalElementsCountAsAbsent) {
  Answer a = lookup(with(with(an_fields(next_id()), "SoCMND", ""), "Nam", ""));
  EXPECT_EQ(a.response.result(), bhttp::status::ok) << a.response.body();
}

TEST_F(DancuMockTest, RefusesDoctype) {
  const std::string body =
      "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
      envelope(with(an_fields(next_id()), "HoVaTen", "&xxe;")).substr(38);
  Answer a = call(soap_request(body));
  EXPECT_EQ(a.ma_loi(), "DC_YEU_CAU_KHONG_HOP_LE");
  EXPECT_NE(a.fault_string().find("DOCTYPE"), std::string::npos);
}

TEST_F(DancuMockTest, NamespacesMatterNotPrefixes) {
  // The familiar prefix bound to the wrong namespace is refused.
  auto body = envelope(an_fields(next_id()));
  body.replace(body.find("urn:dancu:congdan:1.0"), 21, "urn:other:congdan:1.0");
  EXPECT_EQ(call(soap_request(body)).ma_loi(), "DC_YEU_CAU_KHONG_HOP_LE");
  // Fields without a namespace are refused too.
  auto bare = envelope(an_fields(next_id()), Style::kDefaultNamespace);
  bare.replace(bare.find("<MaYeuCau>"), 10, "<MaYeuCau xmlns=\"\">");
  EXPECT_EQ(call(soap_request(bare)).ma_loi(), "DC_YEU_CAU_KHONG_HOP_LE");
  // An undeclared prefix is not XML a namespace-aware reader accepts.
  EXPECT_EQ(call(soap_request("<q:Envelope><q:Body/></q:Envelope>")).ma_loi(),
            "DC_YEU_CAU_KHONG_HOP_LE");
}

TEST_F(DancuMockTest, SoapVersionAndEnvelopeStructure) {
  auto soap12 = envelope(an_fields(next_id()));
  soap12.replace(soap12.find(kEnv), kEnv.size(), "http://www.w3.org/2003/05/soap-envelope");
  EXPECT_EQ(call(soap_request(soap12)).fault_code(), "VersionMismatch");
  EXPECT_EQ(call(soap_request("not xml")).ma_loi(), "DC_YEU_CAU_KHONG_HOP_LE");
  EXPECT_EQ(call(soap_request("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/"
                              "envelope/\"/>"))
                .ma_loi(),
            "DC_YEU_CAU_KHONG_HOP_LE");
}

TEST_F(DancuMockTest, RequiresTheSoapActionAndContentType) {
  const auto body = envelope(an_fields(next_id()));
  for (const std::string action :
       {"", "urn:dancu:congdan:1.0/TraCuuThongTinCongDan", "\"urn:dancu:congdan:1.0/Other\""}) {
    Answer a = call(soap_request(body, action));
    EXPECT_EQ(a.fault_code(), "Client") << action;
    EXPECT_NE(a.fault_string().find("SOAPAction"), std::string::npos);
  }
  auto no_action = make_request(bhttp::verb::post, std::string(kPath), body,
                                {{"Content-Type", "text/xml; charset=utf-8"}});
  EXPECT_EQ(call(no_action).ma_loi(), "DC_YEU_CAU_KHONG_HOP_LE");
  for (const std::string type :
       {"application/soap+xml", "application/json", "text/xml; charset=iso-8859-1", ""}) {
    EXPECT_EQ(call(soap_request(body, std::string(kSoapAction), type)).ma_loi(),
              "DC_YEU_CAU_KHONG_HOP_LE")
        << type;
  }
  EXPECT_EQ(call(soap_request(envelope(an_fields(next_id())), std::string(kSoapAction),
                              "Text/XML; Charset=\"UTF-8\""))
                .response.result(),
            bhttp::status::ok);
  EXPECT_EQ(call(soap_request(envelope(an_fields(next_id())), std::string(kSoapAction), "text/xml"))
                .response.result(),
            bhttp::status::ok);
}

TEST_F(DancuMockTest, HttpLevelErrors) {
  auto get = mock_.handle(make_request(bhttp::verb::get, std::string(kPath)));
  EXPECT_EQ(get.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(get[bhttp::field::allow], "POST");
  auto other = mock_.handle(soap_request(envelope(an_fields(next_id()))));
  EXPECT_EQ(other.result(), bhttp::status::ok);
  auto wrong_path =
      make_request(bhttp::verb::post, "/", envelope(an_fields(next_id())),
                   {{"Content-Type", "text/xml"}, {"SOAPAction", std::string(kSoapAction)}});
  EXPECT_EQ(mock_.handle(wrong_path).result(), bhttp::status::not_found);
}

TEST_F(DancuMockTest, InjectedFailureIsAServerFault) {
  Answer a(mock_.injected_failure(make_request(bhttp::verb::post, std::string(kPath))));
  EXPECT_EQ(a.response.result(), bhttp::status::internal_server_error);
  EXPECT_EQ(a.fault_code(), "Server");
  EXPECT_EQ(a.ma_loi(), "DC_LOI_HE_THONG");
}

}  // namespace
}  // namespace lienthong::sandbox::dancu
