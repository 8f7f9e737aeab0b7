#include "connectors/dvcqg/portal_answer.hpp"

#include <gtest/gtest.h>

namespace lienthong::connectors::dvcqg {
namespace {

using Json = nlohmann::json;

std::string portal(int code, const std::string& message) {
  return Json{{"error_code", code}, {"message", message}, {"result", nullptr}}.dump();
}

TEST(ReadAnswer, TellsTheKindsApart) {
  EXPECT_EQ(read_answer(200, R"({"error_code":0,"message":"ok","result":[]})").kind,
            AnswerKind::kOk);
  EXPECT_EQ(read_answer(200, portal(2, "x")).kind, AnswerKind::kSessionExpired);
  EXPECT_EQ(read_answer(200, portal(-1, "Session đã hết hạn")).kind, AnswerKind::kSessionExpired)
      << "recognised by its message whatever the code";
  EXPECT_EQ(read_answer(200, portal(4, "Hồ sơ X đã tồn tại trên hệ thống")).kind,
            AnswerKind::kAlreadyExists);
  EXPECT_EQ(read_answer(200, portal(3, "Dữ liệu không hợp lệ")).kind, AnswerKind::kRefused);
  EXPECT_EQ(read_answer(200, portal(6, "lùi trạng thái")).kind, AnswerKind::kRefused);
  EXPECT_EQ(read_answer(200, portal(5, "Không tìm thấy")).kind, AnswerKind::kNotFound);
  EXPECT_EQ(read_answer(200, portal(7, "Dịch vụ không được hỗ trợ")).kind, AnswerKind::kFailed);
  EXPECT_EQ(read_answer(500, portal(99, "bận")).kind, AnswerKind::kFailed);
  EXPECT_EQ(read_answer(200, "not json").kind, AnswerKind::kFailed);
  EXPECT_EQ(read_answer(200, R"({"message":"no code"})").kind, AnswerKind::kFailed);
}

TEST(ToProblem, RefusalsAre400WithThePortalsMessageOthers502) {
  auto refused = to_problem(read_answer(200, portal(6, "Tiến độ lùi")), "dvcqg");
  EXPECT_EQ(refused.kind, ProblemKind::kInvalid);
  ASSERT_TRUE(refused.upstream);
  EXPECT_EQ(refused.upstream->code, "6");
  EXPECT_EQ(refused.upstream->message, "Tiến độ lùi");
  EXPECT_EQ(refused.upstream->status, 200);
  EXPECT_NE(refused.detail.find("Tiến độ lùi"), std::string::npos);

  EXPECT_EQ(to_problem(read_answer(200, portal(5, "Không tìm thấy")), "dvcqg").kind,
            ProblemKind::kUpstreamNotFound);
  auto failed = to_problem(read_answer(500, portal(99, "bận")), "dvcqg");
  EXPECT_EQ(failed.kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(failed.upstream->status, 500);
  EXPECT_EQ(to_problem(read_answer(502, "<html>"), "dvcqg").detail, "dvcqg answered HTTP 502");
}

TEST(ReadLoginAnswer, ATokenOrA502WithTheMessage) {
  auto ok = read_login_answer(200, R"({"error_code":0,"session":"tok"})", "dvcqg");
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, "tok");
  auto refused = read_login_answer(200, portal(1, "Sai tên đăng nhập hoặc mật khẩu"), "dvcqg");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ProblemKind::kUpstreamError);
  EXPECT_EQ(refused.error().upstream->message, "Sai tên đăng nhập hoặc mật khẩu");
  EXPECT_FALSE(read_login_answer(200, R"({"error_code":0,"session":""})", "dvcqg"));
  EXPECT_FALSE(read_login_answer(500, R"({"error_code":0,"session":"t"})", "dvcqg"));
}

TEST(Envelope, AddsSessionAndAgencyToTheMappedPayload) {
  auto body = envelope(R"({"service":"TraCuuHoSo","MaHoSo":"A"})", "tok", "000.00.01.H22");
  ASSERT_TRUE(body);
  EXPECT_EQ(Json::parse(*body), Json::parse(R"({"service":"TraCuuHoSo","MaHoSo":"A",
                                                "session":"tok","madonvi":"000.00.01.H22"})"));
  EXPECT_FALSE(envelope(R"({"MaHoSo":"A"})", "t", "m")) << "no service";
  EXPECT_FALSE(envelope("[1]", "t", "m"));
}

TEST(Envelope, ACreateCanBecomeAnUpdate) {
  const std::string create = R"({"service":"DongBoHoSoMC","isUpdating":false,"data":[]})";
  EXPECT_TRUE(creates_dossiers(create));
  EXPECT_FALSE(creates_dossiers(as_update(create)));
  EXPECT_EQ(Json::parse(as_update(create))["isUpdating"], true);
  EXPECT_FALSE(creates_dossiers(R"({"service":"CapNhatTienDoHoSoMC","data":[]})"));
}

TEST(LoginBody, CarriesTheCredentials) {
  config::SessionAuthConfig auth{"/login", "u", "p", "H22", "m"};
  EXPECT_EQ(Json::parse(login_body(auth)), Json::parse(R"({"username":"u","password":"p"})"));
}

}  // namespace
}  // namespace lienthong::connectors::dvcqg
