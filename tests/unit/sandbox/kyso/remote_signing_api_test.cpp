#include "sandbox/kyso/remote_signing_api.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "core/security/certificates/certificates.hpp"
#include "sandbox/kyso/wire.hpp"
#include "tests/unit/sandbox/kyso/remote_signing_test_support.hpp"

namespace lienthong::sandbox::kyso {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::Answer;
using testing::credentials;
using testing::serial_of;
using testing::sign_body;
using testing::status_path;

constexpr const char* kGetCertificate = "/v1/credentials/get_certificate";
constexpr const char* kSign = "/v1/signatures/sign";

class RemoteSigningApiTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(rig_.api); }

  Answer certificate_of(const std::string& user_id) {
    auto body = credentials();
    body["user_id"] = user_id;
    body["transaction_id"] = "cert-1";
    return rig_.call(kGetCertificate, body);
  }

  // Signs and returns the CA's tran_id ("" when refused).
  std::string start(const json& body) {
    const auto answer = rig_.call(kSign, body);
    EXPECT_EQ(answer.http, 200) << answer.body.dump();
    if (answer.http != 200) return {};
    return answer.body["data"]["transaction_id"].get<std::string>();
  }

  Answer poll(const std::string& tran_id, std::optional<FaultMode> fault = std::nullopt) {
    return rig_.call(status_path(tran_id), credentials(), fault);
  }

  // The 400 message of a sign body changed by `edit`.
  std::string refusal(const std::function<void(json&)>& edit) {
    auto body = sign_body(testing::kAn, "signer-an", "tx-refused");
    edit(body);
    const auto answer = rig_.call(kSign, body);
    EXPECT_EQ(answer.http, 400) << answer.body.dump();
    EXPECT_EQ(answer.body["status_code"], 400);
    EXPECT_TRUE(answer.body["data"].is_null());
    return answer.body.value("message", "");
  }

  testing::ApiRig rig_{{5s, 180s}};
};

TEST_F(RemoteSigningApiTest, GetCertificateReportsTheHoldersCertificateAndChain) {
  const auto answer = certificate_of(testing::kAn);
  ASSERT_EQ(answer.http, 200) << answer.body.dump();
  EXPECT_EQ(answer.body["status_code"], 200);
  EXPECT_EQ(answer.body["message"], "success");
  const auto& list = answer.body["data"]["user_certificates"];
  ASSERT_EQ(list.size(), 1u);
  const auto& c = list[0];
  EXPECT_EQ(c["cert_status"], "VALID");
  EXPECT_EQ(c["serial_number"], serial_of("signer-an"));
  EXPECT_EQ(c["cert_subject"], "CN=Nguyen Van An,O=Lien Thong Hub (development only),C=VN");
  const std::regex iso(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  EXPECT_TRUE(std::regex_match(c["cert_valid_from"].get<std::string>(), iso));
  EXPECT_TRUE(std::regex_match(c["cert_valid_to"].get<std::string>(), iso));
  EXPECT_TRUE(std::regex_match(c["cert_id"].get<std::string>(),
                               std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                          "[0-9a-f]{12}")));

  // The DER decodes to the holder's certificate; the chain is the dev intermediate and root.
  auto same_cert = [](const json& b64, const std::string& name) {
    const auto text = b64.get<std::string>();
    EXPECT_EQ(text.find('\n'), std::string::npos);
    const auto der = decode_base64(text);
    if (!der) return false;
    auto parsed = security::parse_certificates(*der);
    if (!parsed || parsed->size() != 1) return false;
    auto expected = testing::load_cert(name);
    return X509_cmp(parsed->front().get(), expected.get()) == 0;
  };
  EXPECT_TRUE(same_cert(c["cert_data"], "signer-an.pem"));
  EXPECT_TRUE(same_cert(c["chain_data"]["ca_cert"], "intermediate-ca.pem"));
  EXPECT_TRUE(same_cert(c["chain_data"]["root_cert"], "root-ca.pem"));

  // validity as the certificate says
  auto cert = testing::load_cert("signer-an.pem");
  std::tm tm{};
  ASSERT_EQ(ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &tm), 1);
  char expected[32];
  std::strftime(expected, sizeof expected, "%Y-%m-%dT%H:%M:%SZ", &tm);
  EXPECT_EQ(c["cert_valid_to"], expected);
}

TEST_F(RemoteSigningApiTest, GetCertificateTellsRevokedAndExpired) {
  auto revoked = certificate_of(testing::kRevoked);
  ASSERT_EQ(revoked.http, 200);
  EXPECT_EQ(revoked.body["data"]["user_certificates"][0]["cert_status"], "REVOKED");
  EXPECT_EQ(revoked.body["data"]["user_certificates"][0]["serial_number"], serial_of("revoked"));
  auto expired = certificate_of(testing::kExpired);
  ASSERT_EQ(expired.http, 200);
  EXPECT_EQ(expired.body["data"]["user_certificates"][0]["cert_status"], "EXPIRED");
  EXPECT_EQ(expired.body["data"]["user_certificates"][0]["cert_valid_to"], "2021-01-01T00:00:00Z");
}

TEST_F(RemoteSigningApiTest, GetCertificateBySerialAndItsRefusals) {
  auto body = credentials();
  body["user_id"] = testing::kAn;
  body["transaction_id"] = "cert-2";
  body["serial_number"] = serial_of("signer-an");
  EXPECT_EQ(rig_.call(kGetCertificate, body).http, 200);
  // Any hex spelling of the same serial.
  auto upper = serial_of("signer-an");
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  body["serial_number"] = "00" + upper;
  EXPECT_EQ(rig_.call(kGetCertificate, body).http, 200);
  body["serial_number"] = nullptr;  // null: not given
  EXPECT_EQ(rig_.call(kGetCertificate, body).http, 200);

  body["serial_number"] = serial_of("signer-binh");  // a real serial, another holder's
  auto other = rig_.call(kGetCertificate, body);
  EXPECT_EQ(other.http, 404);
  EXPECT_EQ(other.body["status_code"], 404);
  EXPECT_EQ(other.body["message"], "unknown certificate");

  body["serial_number"] = "not-hex";
  auto bad_serial = rig_.call(kGetCertificate, body);
  EXPECT_EQ(bad_serial.http, 400);
  EXPECT_NE(bad_serial.body["message"].get<std::string>().find("serial_number"), std::string::npos);

  auto unknown = certificate_of("001089012345");  // a valid ID, no account
  EXPECT_EQ(unknown.http, 404);
  EXPECT_EQ(unknown.body["message"], "unknown user");

  auto malformed = certificate_of("12345");
  EXPECT_EQ(malformed.http, 400);
  EXPECT_NE(malformed.body["message"].get<std::string>().find("user_id"), std::string::npos);
  EXPECT_EQ(malformed.body["message"].get<std::string>().find("12345"), std::string::npos)
      << "messages never repeat values";

  auto no_transaction = credentials();
  no_transaction["user_id"] = testing::kAn;
  auto missing = rig_.call(kGetCertificate, no_transaction);
  EXPECT_EQ(missing.http, 400);
  EXPECT_NE(missing.body["message"].get<std::string>().find("transaction_id is missing"),
            std::string::npos);
  no_transaction["transaction_id"] = "c";
  no_transaction["userId"] = testing::kAn;
  auto unknown_field = rig_.call(kGetCertificate, no_transaction);
  EXPECT_EQ(unknown_field.http, 400);
  EXPECT_NE(unknown_field.body["message"].get<std::string>().find("userId"), std::string::npos);
}

TEST_F(RemoteSigningApiTest, WrongSpCredentialsAre401OnEveryPath) {
  const auto tran_id = start(sign_body(testing::kAn, "signer-an", "tx-401"));
  for (const auto& path : std::vector<std::string>{kGetCertificate, kSign, status_path(tran_id)}) {
    auto body = sign_body(testing::kAn, "signer-an", "tx-401");
    for (auto edit : std::vector<std::function<void(json&)>>{
             [](json& b) { b["sp_password"] = "wrong"; },
             [](json& b) { b["sp_id"] = "someone-else"; },
             [](json& b) { b.erase("sp_id"); },
             [](json& b) { b.erase("sp_password"); },
             [](json& b) { b["sp_password"] = 42; },
         }) {
      auto changed = body;
      edit(changed);
      const auto answer = rig_.call(path, changed);
      EXPECT_EQ(answer.http, 401) << path << " " << changed.dump();
      EXPECT_EQ(answer.body["status_code"], 401);
      EXPECT_EQ(answer.body["message"], "invalid sp credentials");
    }
  }
  // Nothing was counted for the refused requests.
  EXPECT_EQ(rig_.api->transactions()->list()[0].sign_requests, 1u);
  EXPECT_EQ(rig_.api->transactions()->list()[0].status_polls, 0u);
}

TEST_F(RemoteSigningApiTest, SignAnswersTheCasTransactionIdAndCode) {
  const auto answer = rig_.call(kSign, sign_body(testing::kAn, "signer-an", "tx-1"));
  ASSERT_EQ(answer.http, 200) << answer.body.dump();
  EXPECT_EQ(answer.body["status_code"], 200);
  EXPECT_EQ(answer.body["message"], "success");
  const auto tran_id = answer.body["data"]["transaction_id"].get<std::string>();
  EXPECT_TRUE(std::regex_match(
      tran_id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")));
  EXPECT_NE(tran_id, "tx-1");
  EXPECT_TRUE(std::regex_match(answer.body["data"]["tran_code"].get<std::string>(),
                               std::regex("[A-Z2-9]{6}")));
}

TEST_F(RemoteSigningApiTest, SignRefusesBrokenFieldsNamingThem) {
  auto contains = [](const std::string& message, const std::string& part) {
    return message.find(part) != std::string::npos;
  };
  EXPECT_TRUE(contains(
      refusal([](json& b) { b["sign_files"][0]["data_to_be_signed"] = std::string(63, 'a'); }),
      "sign_files[0].data_to_be_signed must be 64 hex digits"));
  EXPECT_TRUE(contains(
      refusal([](json& b) { b["sign_files"][0]["data_to_be_signed"] = std::string(64, 'g'); }),
      "sign_files[0].data_to_be_signed"));
  EXPECT_TRUE(contains(refusal([](json& b) { b["sign_files"][0]["sign_type"] = "file"; }),
                       "sign_files[0].sign_type must be \"hash\""));
  for (const char* type : {"docx", "PDF", "", "zip"}) {
    EXPECT_TRUE(contains(refusal([&](json& b) { b["sign_files"][0]["file_type"] = type; }),
                         "sign_files[0].file_type"))
        << type;
  }
  EXPECT_TRUE(contains(refusal([](json& b) { b["sign_files"] = json::array(); }),
                       "sign_files must hold 1 to 10 files"));
  EXPECT_TRUE(contains(refusal([](json& b) {
                         b["sign_files"] = json::array();
                         for (int i = 0; i < 11; ++i) {
                           b["sign_files"].push_back(testing::sign_file(
                               "d" + std::to_string(i), "doc-" + std::to_string(i)));
                         }
                       }),
                       "sign_files must hold 1 to 10 files"));
  EXPECT_TRUE(contains(refusal([](json& b) {
                         b["sign_files"].push_back(testing::sign_file("other", "doc-1", "xml"));
                       }),
                       "sign_files[1].doc_id repeats sign_files[0].doc_id"));
  EXPECT_TRUE(contains(refusal([](json& b) { b["sign_files"][0]["doc_id"] = ""; }),
                       "sign_files[0].doc_id must not be empty"));
  EXPECT_TRUE(contains(refusal([](json& b) { b["sign_files"][0].erase("doc_id"); }),
                       "sign_files[0].doc_id is missing"));
  EXPECT_TRUE(contains(refusal([](json& b) { b["sign_files"][0]["extra"] = 1; }),
                       "sign_files[0].extra is not a field"));
  EXPECT_TRUE(contains(refusal([](json& b) { b["sign_files"][0] = "doc"; }),
                       "sign_files[0] must be an object"));
  EXPECT_TRUE(
      contains(refusal([](json& b) { b["sign_files"] = "doc"; }), "sign_files must be a list"));
  EXPECT_TRUE(contains(refusal([](json& b) { b.erase("sign_files"); }), "sign_files is missing"));
  EXPECT_TRUE(contains(refusal([](json& b) { b["transaction_id"] = ""; }),
                       "transaction_id must not be empty"));
  EXPECT_TRUE(contains(refusal([](json& b) { b["transaction_id"] = std::string(65, 'x'); }),
                       "transaction_id must be at most 64 characters"));
  EXPECT_TRUE(
      contains(refusal([](json& b) { b.erase("transaction_id"); }), "transaction_id is missing"));
  EXPECT_TRUE(contains(refusal([](json& b) { b.erase("transaction_desc"); }),
                       "transaction_desc is missing"));
  EXPECT_TRUE(
      contains(refusal([](json& b) { b.erase("serial_number"); }), "serial_number is missing"));
  EXPECT_TRUE(contains(refusal([](json& b) { b.erase("user_id"); }), "user_id is missing"));
  EXPECT_TRUE(
      contains(refusal([](json& b) { b["user_id"] = 79085001234; }), "user_id must be a string"));
  EXPECT_TRUE(contains(refusal([](json& b) { b["fileType"] = "pdf"; }), "fileType"));
  // Several at once: every one named.
  const auto both = refusal([](json& b) {
    b["sign_files"][0]["sign_type"] = "file";
    b.erase("transaction_desc");
  });
  EXPECT_TRUE(contains(both, "sign_type") && contains(both, "transaction_desc")) << both;
  // 64 hex digits in upper case are a SHA-256 too, and 64 characters are a transaction_id.
  auto body = sign_body(testing::kAn, "signer-an", std::string(64, 'x'));
  auto hash = body["sign_files"][0]["data_to_be_signed"].get<std::string>();
  for (char& ch : hash) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  body["sign_files"][0]["data_to_be_signed"] = hash;
  EXPECT_EQ(rig_.call(kSign, body).http, 200);
  EXPECT_TRUE(rig_.api->transactions()->list().size() == 1u) << "refused requests leave nothing";
}

TEST_F(RemoteSigningApiTest, SignRefusesUnknownUsersForeignCertificatesAndBadCertificates) {
  auto unknown = rig_.call(kSign, sign_body("001089012345", "signer-an", "tx-u"));
  EXPECT_EQ(unknown.http, 404);
  EXPECT_EQ(unknown.body["message"], "unknown user");
  auto foreign = rig_.call(kSign, sign_body(testing::kAn, "signer-binh", "tx-f"));
  EXPECT_EQ(foreign.http, 404);
  EXPECT_EQ(foreign.body["message"], "unknown certificate");
  auto revoked = rig_.call(kSign, sign_body(testing::kRevoked, "revoked", "tx-r"));
  EXPECT_EQ(revoked.http, 400);
  EXPECT_EQ(revoked.body["status_code"], 400);
  EXPECT_EQ(revoked.body["message"], "certificate revoked");
  auto expired = rig_.call(kSign, sign_body(testing::kExpired, "expired", "tx-e"));
  EXPECT_EQ(expired.http, 400);
  EXPECT_EQ(expired.body["message"], "certificate expired");
  EXPECT_TRUE(rig_.api->transactions()->list().empty());
}

TEST_F(RemoteSigningApiTest, ARetryAnswersTheSameTransactionAndAsksThePhoneOnce) {
  const auto body = sign_body(testing::kAn, "signer-an", "tx-retry");
  const auto first = rig_.call(kSign, body);
  ASSERT_EQ(first.http, 200);
  rig_.advance(3s);
  const auto second = rig_.call(kSign, body);
  ASSERT_EQ(second.http, 200);
  EXPECT_EQ(second.body["data"], first.body["data"]);
  const auto tran_id = first.body["data"]["transaction_id"].get<std::string>();
  EXPECT_EQ(poll(tran_id).body["message"], "PENDING");
  rig_.advance(2s);  // 5 s after the first request: approved, though the retry was 2 s ago
  EXPECT_EQ(poll(tran_id).body["message"], "SUCCESS");

  auto changed = body;
  changed["transaction_desc"] = "another document";
  const auto conflict = rig_.call(kSign, changed);
  EXPECT_EQ(conflict.http, 409);
  EXPECT_EQ(conflict.body["status_code"], 409);

  const auto list = rig_.api->transactions()->list();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].transaction_id, "tx-retry");
  EXPECT_EQ(list[0].tran_id, tran_id);
  EXPECT_EQ(list[0].sign_requests, 3u);
  EXPECT_EQ(list[0].conflicts, 1u);
  EXPECT_EQ(list[0].status_polls, 2u);
  EXPECT_EQ(list[0].approvals, 1);
}

TEST_F(RemoteSigningApiTest, ApproveSignsTheHashWithTheHoldersKey) {
  const std::string data = "<HoSo>000.00.01.H22-261201-0001</HoSo>";
  auto body = sign_body(testing::kAn, "signer-an", "tx-approve", data);
  body["sign_files"].push_back(testing::sign_file("second document", "doc-2", "xml"));
  const auto tran_id = start(body);
  const auto pending = poll(tran_id);
  ASSERT_EQ(pending.http, 200);
  EXPECT_EQ(pending.body["message"], "PENDING");
  EXPECT_EQ(pending.body["data"]["status"], "PENDING");
  EXPECT_EQ(pending.body["data"]["transaction_id"], tran_id);
  EXPECT_FALSE(pending.body["data"].contains("signatures"));

  rig_.advance(5s);
  const auto done = poll(tran_id);
  ASSERT_EQ(done.http, 200);
  EXPECT_EQ(done.body["status_code"], 200);
  EXPECT_EQ(done.body["message"], "SUCCESS");
  EXPECT_EQ(done.body["data"]["status"], "SUCCESS");
  const auto& signatures = done.body["data"]["signatures"];
  ASSERT_EQ(signatures.size(), 2u);
  EXPECT_EQ(signatures[0]["doc_id"], "doc-1");
  EXPECT_EQ(signatures[1]["doc_id"], "doc-2");
  EXPECT_TRUE(signatures[0]["timestamp_signature"].is_null());
  EXPECT_TRUE(testing::verifies("signer-an", data, signatures[0]["signature_value"]));
  EXPECT_TRUE(testing::verifies("signer-an", "second document", signatures[1]["signature_value"]));
  EXPECT_FALSE(testing::verifies("signer-an", "other data", signatures[0]["signature_value"]));
  EXPECT_FALSE(testing::verifies("signer-binh", data, signatures[0]["signature_value"]));
  // Final: still SUCCESS, with the same values, long after.
  rig_.advance(1h);
  EXPECT_EQ(poll(tran_id).body["data"]["signatures"], signatures);
}

TEST_F(RemoteSigningApiTest, RejectAndIgnoreAndWrongSignature) {
  const auto rejected = start(sign_body(testing::kBinh, "signer-binh", "tx-binh"));
  const auto ignored = start(sign_body(testing::kCuong, "signer-cuong", "tx-cuong"));
  const std::string data = "văn bản";
  const auto wrong = start(sign_body(testing::kDung, "signer-dung", "tx-dung", data));
  rig_.advance(4999ms);
  for (const auto& id : {rejected, ignored, wrong}) EXPECT_EQ(poll(id).body["message"], "PENDING");
  rig_.advance(1ms);
  const auto binh = poll(rejected);
  EXPECT_EQ(binh.http, 200);
  EXPECT_EQ(binh.body["message"], "REJECTED");
  EXPECT_FALSE(binh.body["data"].contains("signatures"));
  EXPECT_EQ(poll(ignored).body["message"], "PENDING");

  const auto dung = poll(wrong);
  ASSERT_EQ(dung.body["message"], "SUCCESS");
  const auto value = dung.body["data"]["signatures"][0]["signature_value"].get<std::string>();
  EXPECT_FALSE(testing::verifies("signer-dung", data, value)) << "signs another hash";
  EXPECT_EQ(decode_base64(value)->size(), 256u) << "yet a well-formed RSA-2048 signature";

  rig_.advance(174'999ms);  // 179.999 s after the requests
  EXPECT_EQ(poll(ignored).body["message"], "PENDING");
  rig_.advance(1ms);
  const auto cuong = poll(ignored);
  EXPECT_EQ(cuong.http, 200);
  EXPECT_EQ(cuong.body["message"], "EXPIRED");
  EXPECT_EQ(cuong.body["data"]["status"], "EXPIRED");
  EXPECT_FALSE(cuong.body["data"].contains("signatures"));
  EXPECT_EQ(poll(rejected).body["message"], "REJECTED");  // final
}

TEST_F(RemoteSigningApiTest, StatusRefusals) {
  const auto unknown = poll("0194d3c2-0000-7000-8000-000000000000");
  EXPECT_EQ(unknown.http, 404);
  EXPECT_EQ(unknown.body["status_code"], 404);
  EXPECT_EQ(unknown.body["message"], "unknown transaction");
  const auto tran_id = start(sign_body(testing::kAn, "signer-an", "tx-s"));
  auto body = credentials();
  body["tran_id"] = tran_id;
  const auto extra = rig_.call(status_path(tran_id), body);
  EXPECT_EQ(extra.http, 400);
  EXPECT_NE(extra.body["message"].get<std::string>().find("tran_id"), std::string::npos);
  // Paths that are not the status path.
  for (const auto& path :
       std::vector<std::string>{"/v1/signatures/sign//status", "/v1/signatures/sign/a/b/status",
                                "/v1/signatures/sign/" + tran_id, "/v1/signatures/status"}) {
    const auto answer = rig_.call(path, credentials());
    EXPECT_EQ(answer.http, 404) << path;
    EXPECT_EQ(answer.body["status_code"], 404) << path;
  }
}

TEST_F(RemoteSigningApiTest, TransportRefusals) {
  // Wrong media type, not JSON, not an object.
  auto wrong_type =
      rig_.call(kSign, sign_body(testing::kAn, "signer-an", "t"), std::nullopt, "text/plain");
  EXPECT_EQ(wrong_type.http, 400);
  EXPECT_EQ(wrong_type.body["message"], "Content-Type must be application/json");
  EXPECT_EQ(rig_.call(kSign, sign_body(testing::kAn, "signer-an", "t"), std::nullopt,
                      "application/json; charset=utf-8")
                .http,
            200);
  auto raw = [&](std::string body, http::beast::http::verb verb = http::beast::http::verb::post) {
    return testing::answer_of(rig_.api->handle(test_support::make_request(
        verb, kSign, std::move(body), {{"Content-Type", "application/json"}})));
  };
  EXPECT_EQ(raw("{").http, 400);
  EXPECT_EQ(raw("[1]").body["message"], "the body must be a JSON object");
  const auto get = raw("", http::beast::http::verb::get);
  EXPECT_EQ(get.http, 405);
  EXPECT_EQ(get.body["status_code"], 405);
  auto unknown = rig_.call("/v1/signatures", credentials());
  EXPECT_EQ(unknown.http, 404);
  const auto failure = testing::answer_of(RemoteSigningApi::injected_failure(
      test_support::make_request(http::beast::http::verb::post, kSign)));
  EXPECT_EQ(failure.http, 500);
  EXPECT_EQ(failure.body["status_code"], 500);
}

TEST_F(RemoteSigningApiTest, SignatureFaultsSpoilOnlyThatAnswer) {
  const std::string data = "dossier";
  const auto tran_id = start(sign_body(testing::kAn, "signer-an", "tx-fault", data));
  EXPECT_EQ(poll(tran_id, FaultMode::kBadSignature).body["message"], "PENDING");
  rig_.advance(5s);
  auto value = [&](std::optional<FaultMode> fault) {
    return poll(tran_id, fault).body["data"]["signatures"][0]["signature_value"].get<std::string>();
  };
  const auto bad = value(FaultMode::kBadSignature);
  EXPECT_FALSE(testing::verifies("signer-an", data, bad));
  EXPECT_EQ(decode_base64(bad)->size(), 256u);
  EXPECT_FALSE(testing::verifies("signer-an", data, value(FaultMode::kTampered)));
  EXPECT_EQ(value(FaultMode::kUnsigned), "");
  EXPECT_TRUE(testing::verifies("signer-an", data, value(FaultMode::kWrapped)));
  EXPECT_TRUE(testing::verifies("signer-an", data, value(std::nullopt)));
}

TEST(RemoteSigningApiRealTimeTest, ApprovesAfterTheDelay) {
  testing::ApiRig rig({100ms, 10s}, /*fake_clock=*/false);
  ASSERT_TRUE(rig.api);
  const std::string data = "real time";
  const auto started = std::chrono::steady_clock::now();
  const auto answer = rig.call(kSign, sign_body(testing::kAn, "signer-an", "tx-rt", data));
  ASSERT_EQ(answer.http, 200);
  const auto tran_id = answer.body["data"]["transaction_id"].get<std::string>();
  EXPECT_EQ(rig.call(status_path(tran_id), credentials()).body["message"], "PENDING");
  Answer last;
  const auto deadline = started + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    last = rig.call(status_path(tran_id), credentials());
    if (last.body["message"] != "PENDING") break;
    std::this_thread::sleep_for(10ms);  // polling with a deadline, as the hub does
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, 100ms);
  ASSERT_EQ(last.body["message"], "SUCCESS");
  EXPECT_TRUE(
      testing::verifies("signer-an", data, last.body["data"]["signatures"][0]["signature_value"]));
}

}  // namespace
}  // namespace lienthong::sandbox::kyso
