#include "sandbox/dkdn/dkdn_mock.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::dkdn {
namespace {

namespace bhttp = http::beast::http;
using test_support::make_request;

class DkdnMockTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto registry = EnterpriseRegistry::load(test_support::data_dir() / "enterprises.json");
    ASSERT_TRUE(registry);
    mock_ = new DkdnMock(*registry, "tok-123");
  }
  static void TearDownTestSuite() {
    delete mock_;
    mock_ = nullptr;
  }

  static http::Response get(std::string target, std::string auth = "Bearer tok-123") {
    if (auth.empty()) return mock_->handle(make_request(bhttp::verb::get, target));
    return mock_->handle(
        make_request(bhttp::verb::get, target, {}, {{"Authorization", std::move(auth)}}));
  }
  static http::Response lookup(const std::string& code) {
    return get(std::string(kLookupPath) + "?msdn=" + code);
  }
  static nlohmann::json json(const http::Response& r) { return nlohmann::json::parse(r.body()); }

  static DkdnMock* mock_;
};
DkdnMock* DkdnMockTest::mock_ = nullptr;

TEST_F(DkdnMockTest, RefusesMissingOrWrongToken) {
  for (const std::string auth :
       {"", "Bearer wrong", "Basic tok-123", "Bearer", "Bearer tok-1234"}) {
    SCOPED_TRACE(auth);
    auto r = get(std::string(kLookupPath) + "?msdn=0100109106", auth);
    EXPECT_EQ(r.result(), bhttp::status::unauthorized);
    EXPECT_EQ(json(r)["error"], "unauthorized");
    EXPECT_TRUE(json(r)["message"].is_string());
    EXPECT_EQ(r[bhttp::field::www_authenticate], "Bearer");
  }
  EXPECT_EQ(get(std::string(kLookupPath) + "?msdn=0100109106", "bearer tok-123").result(),
            bhttp::status::ok);  // the scheme is case-insensitive
}

TEST_F(DkdnMockTest, OnlyGetOnTheLookupPath) {
  auto post =
      mock_->handle(make_request(bhttp::verb::post, std::string(kLookupPath) + "?msdn=0100109106",
                                 "{}", {{"Authorization", "Bearer tok-123"}}));
  EXPECT_EQ(post.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(post[bhttp::field::allow], "GET");
  EXPECT_EQ(get("/DoanhNghiep/other?msdn=0100109106").result(), bhttp::status::not_found);
  EXPECT_EQ(get("/").result(), bhttp::status::not_found);
}

TEST_F(DkdnMockTest, InvalidMsdnIs400) {
  for (const std::string target : {"", "?msdn=", "?code=0100109106", "?msdn=0100109107",
                                   "?msdn=01001091", "?msdn=0100109106-1", "?msdn=0100109106-000",
                                   "?msdn=abc", "?msdn=0100109106&msdn=0100109106", "?msdn=%zz"}) {
    SCOPED_TRACE(target);
    auto r = get(std::string(kLookupPath) + target);
    EXPECT_EQ(r.result(), bhttp::status::bad_request);
    EXPECT_EQ(json(r)["error"], "invalid_msdn");
    EXPECT_FALSE(json(r)["message"].get<std::string>().empty());
  }
}

TEST_F(DkdnMockTest, UnknownCodeIsNull) {
  auto r = lookup("0100100008");
  EXPECT_EQ(r.result(), bhttp::status::ok);
  EXPECT_EQ(r[bhttp::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(json(r), nlohmann::json::parse(R"({"GetEntCert":null})"));
  EXPECT_EQ(json(lookup("0100109106-009")), nlohmann::json::parse(R"({"GetEntCert":null})"));
}

std::set<std::string> keys(const nlohmann::json& object) {
  std::set<std::string> out;
  for (const auto& [k, v] : object.items()) out.insert(k);
  return out;
}

TEST_F(DkdnMockTest, KnownCodeHasTheWireShape) {
  auto r = lookup("0100109106");
  ASSERT_EQ(r.result(), bhttp::status::ok);
  const auto body = json(r);
  ASSERT_EQ(body["GetEntCert"].size(), 1u);
  const auto& e = body["GetEntCert"][0];
  EXPECT_EQ(keys(e), (std::set<std::string>{
                         "MaNoiBo", "MaSoDoanhNghiep", "SoGCNDKKD", "MaLoaiHinhDN", "LoaiHinhDN",
                         "TenTiengViet", "TenNuocNgoai", "TenVietTat", "NgayDangKyLanDau",
                         "NgayDangKyThayDoi", "SoLanDangKyThayDoi", "TinhTrangPhapLy",
                         "DaiDienPhapLuat", "DiaChiTruSo", "NganhNgheKinhDoanh"}));
  EXPECT_EQ(e["MaSoDoanhNghiep"], "0100109106");
  EXPECT_TRUE(e["SoLanDangKyThayDoi"].is_number_integer());
  EXPECT_EQ(e["NgayDangKyLanDau"].get<std::string>().size(), 10u);  // dd/MM/yyyy
  EXPECT_EQ(e["NgayDangKyLanDau"].get<std::string>()[2], '/');
  EXPECT_EQ(keys(e["TinhTrangPhapLy"][0]),
            (std::set<std::string>{"TinhTrangPhapLy", "MaTinhTrangPhapLy", "NgayBatDauTamNgung",
                                   "NgayKetThucTamNgung", "LyDoTamNgung"}));
  EXPECT_EQ(e["TinhTrangPhapLy"][0]["MaTinhTrangPhapLy"], "01");
  EXPECT_EQ(e["TinhTrangPhapLy"][0]["TinhTrangPhapLy"], "Đang hoạt động");
  EXPECT_EQ(keys(e["DaiDienPhapLuat"][0]),
            (std::set<std::string>{"HoTen", "ChucDanh", "LoaiGiayTo", "SoGiayTo"}));
  EXPECT_EQ(keys(e["DiaChiTruSo"][0]["DiaChi"][0]),
            (std::set<std::string>{"MaTinhThanh", "TenTinhThanh", "MaQuanHuyen", "TenQuanHuyen",
                                   "MaPhuongXa", "TenPhuongXa", "SoNhaDuong"}));
  ASSERT_GE(e["NganhNgheKinhDoanh"].size(), 2u);
  EXPECT_EQ(keys(e["NganhNgheKinhDoanh"][0]),
            (std::set<std::string>{"MaNganh", "TenNganh", "LaNganhChinh"}));
  EXPECT_TRUE(e["NganhNgheKinhDoanh"][0]["LaNganhChinh"].is_boolean());
}

TEST_F(DkdnMockTest, BranchHasItsOwnRecord) {
  auto r = lookup("0100109106-001");
  ASSERT_EQ(r.result(), bhttp::status::ok);
  const auto body = json(r);
  const auto& e = body["GetEntCert"][0];
  EXPECT_EQ(e["MaSoDoanhNghiep"], "0100109106-001");
  EXPECT_EQ(e["MaLoaiHinhDN"], "10");
  // Percent-encoding of the dash reads the same.
  EXPECT_EQ(json(lookup("0100109106%2D001"))["GetEntCert"][0]["MaSoDoanhNghiep"], "0100109106-001");
}

TEST_F(DkdnMockTest, SuspendedAndDissolved) {
  const auto suspended = json(lookup("0108129506"))["GetEntCert"][0]["TinhTrangPhapLy"][0];
  EXPECT_EQ(suspended["MaTinhTrangPhapLy"], "02");
  EXPECT_EQ(suspended["NgayBatDauTamNgung"], "01/07/2024");
  EXPECT_EQ(suspended["NgayKetThucTamNgung"], "30/06/2025");
  EXPECT_TRUE(suspended["LyDoTamNgung"].is_string());
  const auto dissolved = json(lookup("0315774208"))["GetEntCert"][0]["TinhTrangPhapLy"][0];
  EXPECT_EQ(dissolved["MaTinhTrangPhapLy"], "03");
  EXPECT_TRUE(dissolved["NgayBatDauTamNgung"].is_null());
}

TEST_F(DkdnMockTest, InjectedFailureIsAJsonError) {
  auto r = mock_->injected_failure(make_request(bhttp::verb::get, "/"));
  EXPECT_EQ(r.result(), bhttp::status::internal_server_error);
  EXPECT_EQ(json(r)["error"], "internal_error");
}

}  // namespace
}  // namespace lienthong::sandbox::dkdn
