#include "sandbox/dvcqg/dvcqg_mock.hpp"

#include <gtest/gtest.h>

#include "sandbox/dvcqg/wire.hpp"
#include "tests/unit/sandbox/test_support.hpp"

namespace lienthong::sandbox::dvcqg {
namespace {

namespace bhttp = http::beast::http;
using test_support::make_request;
using Json = nlohmann::json;

constexpr const char* kCode = "000.00.01.H22-261201-0001";

Json dossier(const std::string& code = kCode, int status = 2) {
  return {{"MaHoSo", code},
          {"MaTTHC", "1.003560.000.00.00.H56"},
          {"TenTTHC", "Cấp giấy phép xây dựng"},
          {"KenhThucHien", 2},
          {"ChuHoSo", "Nguyễn Văn An"},
          {"LoaiDoiTuong", 1},
          {"NgayTiepNhan", "20261201083000"},
          {"NgayHenTra", "20261215170000"},
          {"TrangThaiHoSo", status},
          {"DinhDanhCHS", Json::array({{{"LoaiDinhDanh", 1}, {"SoDinhDanh", "001089012345"}}})},
          {"DanhSachLePhi", Json::array({{{"TenPhiLePhi", "Lệ phí"}, {"Gia", 75000}}})}};
}

Json step(int status, const std::string& at, const std::string& code = kCode) {
  return {{"MaHoSo", code},
          {"NguoiXuLy", "Trần Thị Bình"},
          {"ThoiDiemXuLy", at},
          {"NoiDungXuLy", "Xử lý"},
          {"TrangThai", status}};
}

class DvcqgMockTest : public ::testing::Test {
 protected:
  DvcqgMockTest() : mock_(load(), options()) {}

  static ProcedureCatalogue load() {
    auto catalogue = ProcedureCatalogue::load(test_support::data_dir() / "procedures.json");
    EXPECT_TRUE(catalogue) << (catalogue ? "" : catalogue.error().front().to_string());
    return std::move(catalogue).value();
  }
  DvcqgOptions options() {
    DvcqgOptions o;
    o.clock = [this] { return now_; };
    return o;
  }

  Json post(const std::string& path, const Json& body, const std::string& dstcode = "H22",
            const std::string& message_id = {}) {
    auto request = make_request(bhttp::verb::post, "/api/adapter" + path, body.dump(),
                                {{"dstcode", dstcode}, {"Content-Type", "application/json"}});
    if (!message_id.empty()) request.set("X-Message-ID", message_id);
    last_ = mock_.handle(request);
    EXPECT_EQ(last_.result_int(), 200) << last_.body();
    return Json::parse(last_.body());
  }
  std::string login() {
    auto answer =
        post("/login", {{"username", "lienthong-dev"}, {"password", "sandbox-dvcqg-password"}});
    EXPECT_EQ(answer["error_code"], 0) << answer.dump();
    return answer.value("session", "");
  }
  Json call(const std::string& service, Json payload, const std::string& message_id = {}) {
    if (session_.empty()) session_ = login();
    payload["session"] = session_;
    payload["madonvi"] = "000.00.01.H22";
    payload["service"] = service;
    return post("/integration", payload, "H22", message_id);
  }
  Json sync(const Json& item, bool updating, const std::string& message_id = {}) {
    return call("DongBoHoSoMC", {{"isUpdating", updating}, {"data", Json::array({item})}},
                message_id);
  }

  std::chrono::steady_clock::time_point now_{std::chrono::hours(1)};
  DvcqgMock mock_;
  std::string session_;
  http::Response last_;
};

TEST_F(DvcqgMockTest, LoginNeedsTheRightCredentialsAndAKnownDstcode) {
  EXPECT_FALSE(login().empty());
  auto wrong = post("/login", {{"username", "lienthong-dev"}, {"password", "nope"}});
  EXPECT_EQ(wrong["error_code"], kLoginRefused);
  EXPECT_FALSE(wrong.contains("session"));
  auto province = post(
      "/login", {{"username", "lienthong-dev"}, {"password", "sandbox-dvcqg-password"}}, "H99");
  EXPECT_EQ(province["error_code"], kLoginRefused);
  EXPECT_NE(province["message"].get<std::string>().find("dstcode"), std::string::npos);
}

TEST_F(DvcqgMockTest, OtherPathsAndMethodsAreRefused) {
  EXPECT_EQ(mock_.handle(make_request(bhttp::verb::post, "/login", "{}")).result_int(), 404);
  auto get = mock_.handle(make_request(bhttp::verb::get, "/api/adapter/login"));
  EXPECT_EQ(get.result_int(), 405);
  EXPECT_EQ(get[bhttp::field::allow], "POST");
}

TEST_F(DvcqgMockTest, AnUnknownOrTimedOutSessionIsExpired) {
  session_ = "made-up";
  auto answer = call("LayDanhSachTTHC", Json::object());
  EXPECT_EQ(answer["error_code"], kSessionExpired);
  EXPECT_NE(answer["message"].get<std::string>().find("hết hạn"), std::string::npos);

  session_ = login();
  EXPECT_EQ(call("LayDanhSachTTHC", Json::object())["error_code"], 0);
  now_ += std::chrono::minutes(29);
  EXPECT_EQ(call("LayDanhSachTTHC", Json::object())["error_code"], 0);
  now_ += std::chrono::minutes(2);
  EXPECT_EQ(call("LayDanhSachTTHC", Json::object())["error_code"], kSessionExpired);
}

TEST_F(DvcqgMockTest, ASessionBelongsToItsProvince) {
  session_ = login();
  auto other =
      post("/integration",
           {{"session", session_}, {"madonvi", "x.y"}, {"service", "LayDanhSachTTHC"}}, "H56");
  EXPECT_EQ(other["error_code"], kSessionExpired);
}

TEST_F(DvcqgMockTest, TheInjectedExpiryEndsTheSession) {
  session_ = login();
  EXPECT_TRUE(mock_.uses_session(make_request(bhttp::verb::post, "/api/adapter/integration")));
  EXPECT_FALSE(mock_.uses_session(make_request(bhttp::verb::post, "/api/adapter/login")));
  Json body = {{"session", session_}, {"madonvi", "x.y"}, {"service", "LayDanhSachTTHC"}};
  auto expired = mock_.injected_session_expiry(make_request(
      bhttp::verb::post, "/api/adapter/integration", body.dump(), {{"dstcode", "H22"}}));
  EXPECT_EQ(Json::parse(expired.body())["error_code"], kSessionExpired);
  EXPECT_EQ(call("LayDanhSachTTHC", Json::object())["error_code"], kSessionExpired);
}

TEST_F(DvcqgMockTest, CreateThenCreateAgainSaysItExistsThenUpdateWorks) {
  EXPECT_EQ(sync(dossier(), false)["error_code"], 0) << last_.body();
  auto again = sync(dossier(), false);
  EXPECT_EQ(again["error_code"], kAlreadyExists);
  EXPECT_NE(again["message"].get<std::string>().find("đã tồn tại"), std::string::npos);
  EXPECT_EQ(sync(dossier(kCode, 4), true)["error_code"], 0);
  auto found = call("TraCuuHoSo", {{"MaHoSo", kCode}});
  EXPECT_EQ(found["result"]["TrangThaiHoSo"], 4);
}

TEST_F(DvcqgMockTest, UpdatingAnUnknownDossierFails) {
  EXPECT_EQ(sync(dossier(), true)["error_code"], kNotFound);
}

TEST_F(DvcqgMockTest, EveryBrokenFieldIsNamedWithoutItsValue) {
  auto bad = dossier("000.00.01.H22-261301-0001");  // month 13
  bad["MaTTHC"] = "9.99";
  bad["KenhThucHien"] = 4;
  bad["LoaiDoiTuong"] = 0;
  bad["TrangThaiHoSo"] = 11;
  bad["NgayTiepNhan"] = "20260230120000";
  bad["DinhDanhCHS"][0]["SoDinhDanh"] = "001489012345";
  bad["Extra"] = 1;
  auto answer = sync(bad, false);
  ASSERT_EQ(answer["error_code"], kInvalidData);
  const auto message = answer["message"].get<std::string>();
  for (const char* field : {"data[0].MaHoSo", "data[0].MaTTHC", "data[0].KenhThucHien",
                            "data[0].LoaiDoiTuong", "data[0].TrangThaiHoSo", "data[0].NgayTiepNhan",
                            "data[0].DinhDanhCHS[0].SoDinhDanh", "data[0].Extra"}) {
    EXPECT_NE(message.find(field), std::string::npos) << field << " in " << message;
  }
  EXPECT_EQ(message.find("001489012345"), std::string::npos) << "no personal data";
}

TEST_F(DvcqgMockTest, OldIdCardsHaveNineDigitsAndProceduresMustBeInTheCatalogue) {
  auto item = dossier();
  item["DinhDanhCHS"] = Json::array({{{"LoaiDinhDanh", 2}, {"SoDinhDanh", "0123456789"}}});
  EXPECT_EQ(sync(item, false)["error_code"], kInvalidData);
  item["DinhDanhCHS"][0]["SoDinhDanh"] = "012345678";
  item["MaTTHC"] = "2.999999";
  EXPECT_EQ(sync(item, false)["error_code"], kInvalidData);
  item["MaTTHC"] = "2.000477";
  EXPECT_EQ(sync(item, false)["error_code"], 0) << last_.body();
}

TEST_F(DvcqgMockTest, ProgressMovesForwardOnly) {
  ASSERT_EQ(sync(dossier(), false)["error_code"], 0);
  auto progress = [&](int status, const std::string& at) {
    return call("CapNhatTienDoHoSoMC", {{"data", Json::array({step(status, at)})}});
  };
  EXPECT_EQ(progress(4, "20261202090000")["error_code"], 0);
  EXPECT_EQ(progress(5, "20261203090000")["error_code"], 0) << "same stage: allowed";
  EXPECT_EQ(progress(4, "20261204090000")["error_code"], 0) << "back to processing: allowed";
  auto back = progress(2, "20261205090000");
  EXPECT_EQ(back["error_code"], kOutOfOrder);
  EXPECT_NE(back["message"].get<std::string>().find("lùi"), std::string::npos);
  EXPECT_EQ(progress(9, "20261201090000")["error_code"], kOutOfOrder) << "earlier than the last";
  EXPECT_EQ(progress(10, "20261206090000")["error_code"], 0);
  EXPECT_EQ(call("TraCuuHoSo", {{"MaHoSo", kCode}})["result"]["TrangThaiHoSo"], 10);
}

TEST_F(DvcqgMockTest, ProgressOfAnUnknownDossierFails) {
  auto answer = call("CapNhatTienDoHoSoMC", {{"data", Json::array({step(4, "20261202090000")})}});
  EXPECT_EQ(answer["error_code"], kNotFound);
}

TEST_F(DvcqgMockTest, ARepeatedDeliveryIsAnsweredOnceAndNotAppliedTwice) {
  ASSERT_EQ(sync(dossier(), false, "msg-1")["error_code"], 0);
  EXPECT_EQ(last_.find(kDuplicateHeader), last_.end());
  auto again = sync(dossier(), false, "msg-1");
  EXPECT_EQ(again["error_code"], 0) << "the first answer, not \"đã tồn tại\"";
  EXPECT_NE(last_.find(kDuplicateHeader), last_.end());
  // A refusal is not remembered: the same message id may succeed later.
  EXPECT_EQ(sync(dossier(), false, "msg-2")["error_code"], kAlreadyExists);
  EXPECT_EQ(sync(dossier(), true, "msg-2")["error_code"], 0);
}

TEST_F(DvcqgMockTest, ProceduresComeFromTheCatalogue) {
  auto all = call("LayDanhSachTTHC", Json::object());
  ASSERT_EQ(all["error_code"], 0);
  EXPECT_GE(all["result"].size(), 20u);
  auto land = call("LayDanhSachTTHC", {{"MaLinhVuc", "DD"}});
  EXPECT_EQ(land["result"].size(), 3u);
  auto one = call("LayThuTuc", {{"MaTTHC", "2.000477"}});
  EXPECT_EQ(one["result"]["MaLinhVuc"], "DD");
  EXPECT_EQ(call("LayThuTuc", {{"MaTTHC", "2.999999"}})["error_code"], kNotFound);
  EXPECT_EQ(call("LayThuTuc", Json::object())["error_code"], kInvalidData);
}

TEST_F(DvcqgMockTest, UnknownServicesAndMissingAgencyAreRefused) {
  EXPECT_EQ(call("XoaHoSo", Json::object())["error_code"], kUnknownService);
  session_ = login();
  auto answer =
      post("/integration", {{"session", session_}, {"service", "LayDanhSachTTHC"}}, "H22");
  EXPECT_EQ(answer["error_code"], kInvalidData);
}

TEST_F(DvcqgMockTest, LookupOfAnUnknownDossierIsNotFound) {
  EXPECT_EQ(call("TraCuuHoSo", {{"MaHoSo", "000.00.01.H22-261201-0099"}})["error_code"], kNotFound);
  EXPECT_EQ(call("TraCuuHoSo", {{"MaHoSo", "bad"}})["error_code"], kInvalidData);
}

TEST(ProcedureCatalogueTest, ABrokenFileIsLocated) {
  auto bad = ProcedureCatalogue::parse(R"([
  {"MaTTHC": "2.000477", "TenTTHC": "A", "MaLinhVuc": "DD", "TenLinhVuc": "Đất đai",
   "CapThucHien": "Cấp Tỉnh", "ThoiHanGiaiQuyet": 10, "LePhi": 0},
  {"MaTTHC": "x", "TenTTHC": "B", "MaLinhVuc": "DD", "TenLinhVuc": "Đất đai",
   "CapThucHien": "Cấp Thôn", "ThoiHanGiaiQuyet": 10, "LePhi": 0, "Extra": 1}
])",
                                       "procedures.json");
  ASSERT_FALSE(bad);
  std::string all;
  for (const auto& e : bad.error()) all += e.to_string() + "\n";
  EXPECT_NE(all.find("procedures.json:4: 1.MaTTHC"), std::string::npos) << all;
  EXPECT_NE(all.find("1.CapThucHien"), std::string::npos) << all;
  EXPECT_NE(all.find("1.Extra"), std::string::npos) << all;
}

TEST(StatusStageTest, StagesOrderTheStatuses) {
  EXPECT_LT(status_stage(1), status_stage(2));
  EXPECT_EQ(status_stage(2), status_stage(3));
  EXPECT_EQ(status_stage(4), status_stage(6));
  EXPECT_LT(status_stage(6), status_stage(9));
  EXPECT_LT(status_stage(9), status_stage(10));
}

}  // namespace
}  // namespace lienthong::sandbox::dvcqg
