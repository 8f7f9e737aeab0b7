#include "core/config/hub_config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "tests/unit/core/config/config_dir_test.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

class HubConfigTest : public ConfigDirTest {};

TEST_F(HubConfigTest, TheShippedDefaultConfigLoads) {
  auto cfg = load_hub_config(fs::path(LT_SOURCE_DIR) / "config/hub.json");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->listen.port, 8080);
  EXPECT_EQ(cfg->admin.port, 8081);
  ASSERT_NE(cfg->connector("dkdn"), nullptr);
  ASSERT_NE(cfg->connector("dancu"), nullptr);
  const auto& op = cfg->connector("dkdn")->operations.at("lookup-enterprise");
  EXPECT_EQ(op.request_as, "query");
  EXPECT_EQ(op.schema_file.filename(), "lookup-enterprise.schema.json");
  EXPECT_EQ(
      cfg->connector("dancu")->operations.at("lookup-citizen").request_mapping_file.filename(),
      "lookup-citizen.request.xml");
  EXPECT_TRUE(cfg->sandbox.enabled);
  EXPECT_EQ(cfg->sandbox.ports.at("dkdn"), 9103);
  EXPECT_EQ(cfg->sandbox.ports.at("paygov"), 9104);
  ASSERT_NE(cfg->connector("paygov"), nullptr);
  ASSERT_EQ(cfg->clients.size(), 2u);
  EXPECT_TRUE(cfg->clients[0].create_key_if_missing);
  EXPECT_EQ(cfg->clients[1].name, "paygov-platform");
}

TEST_F(HubConfigTest, UnknownKeysAndWrongTypesAreLocated) {
  write("hub.json",
        "{\n"
        "  \"listen\": {\"host\": \"127.0.0.1\", \"prot\": 1},\n"
        "  \"threads\": \"two\",\n"
        "  \"clients\": []\n"
        "}\n");
  auto cfg = load_hub_config(dir_ / "hub.json");
  auto errors = errors_of(cfg);
  std::string f = (dir_ / "hub.json").string();
  EXPECT_EQ(errors, (std::vector<std::string>{
                        f + ":2: listen.prot: unknown key",
                        f + ":3: threads: must be an integer from 1 to 256",
                    }));
}

TEST_F(HubConfigTest, ConnectorErrorsNameTheirFile) {
  write("hub.json", "{}");
  write("connectors/x.json",
        "{\n"
        "  \"type\": \"rest-json\",\n"
        "  \"base_url\": \"http://127.0.0.1:1\",\n"
        "  \"operations\": {\n"
        "    \"op\": {\"path\": \"no-slash\", \"method\": \"DELETE\", \"extra\": 1}\n"
        "  }\n"
        "}\n");
  auto errors = errors_of(load_hub_config(dir_ / "hub.json"));
  std::string f = (dir_ / "connectors/x.json").string();
  EXPECT_EQ(errors, (std::vector<std::string>{
                        f + ":5: operations.op.extra: unknown key",
                        f + ":5: operations.op.method: must be GET, POST or PUT",
                        f + ":5: operations.op.path: must start with /",
                    }));
}

TEST_F(HubConfigTest, PaymentsAndDocumentAnswersAreReadAndChecked) {
  write("hub.json", "{}");
  const std::string connector =
      "{\n"
      "  \"type\": \"paygov\",\n"
      "  \"base_url\": \"http://127.0.0.1:1\",\n"
      "  \"payments\": {\"query_after_s\": 5, \"query_every_s\": 7, \"expiry_grace_s\": 0,\n"
      "               \"reconcile_at\": \"01:30\"},\n"
      "  \"operations\": {\"r\": {\"path\": \"/x\", \"answer_as\": \"document\"}}\n"
      "}\n";
  write("connectors/p.json", connector);
  auto ok = load_hub_config(dir_ / "hub.json");
  ASSERT_TRUE(ok) << errors_of(ok).front();
  const auto& c = *ok->connector("p");
  EXPECT_EQ(c.payments.query_after_s, 5);
  EXPECT_EQ(c.payments.query_every_s, 7);
  EXPECT_EQ(c.payments.expiry_grace_s, 0);
  EXPECT_EQ(c.payments.reconcile_at, "01:30");
  EXPECT_EQ(c.operations.at("r").answer_as, "document");

  write("connectors/p.json",
        "{\n"
        "  \"type\": \"paygov\",\n"
        "  \"base_url\": \"http://127.0.0.1:1\",\n"
        "  \"payments\": {\"query_after_s\": 0, \"reconcile_at\": \"24:00\", \"x\": 1},\n"
        "  \"operations\": {\"r\": {\"path\": \"/x\", \"answer_as\": \"pdf\"}}\n"
        "}\n");
  auto errors = errors_of(load_hub_config(dir_ / "hub.json"));
  const std::string f = (dir_ / "connectors/p.json").string();
  auto has = [&](const std::string& text) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const auto& e) { return e.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has(f + ":4: payments.query_after_s")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(has(f + ":4: payments.reconcile_at: must be a time of day HH:MM"))
      << ::testing::PrintToString(errors);
  EXPECT_TRUE(has(f + ":4: payments.x: unknown key")) << ::testing::PrintToString(errors);
  EXPECT_TRUE(has("operations.r.answer_as: must be json or document"))
      << ::testing::PrintToString(errors);
}

TEST_F(HubConfigTest, SecretsComeFromTheEnvironmentOrAFile) {
  write("hub.json", "{}");
  write("token.txt", "file-token\n");
  write(
      "connectors/a.json",
      R"({"type":"rest-json","base_url":"http://h","auth":{"type":"bearer","token":{"file":"../token.txt"}},
            "operations":{"op":{"path":"/x"}}})");
  ::setenv("LT_TEST_TOKEN", "env-token", 1);
  write(
      "connectors/b.json",
      R"({"type":"rest-json","base_url":"http://h","auth":{"type":"bearer","token":{"env":"LT_TEST_TOKEN"}},
            "operations":{"op":{"path":"/x"}}})");
  auto cfg = load_hub_config(dir_ / "hub.json");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  EXPECT_EQ(cfg->connector("a")->bearer_token, "file-token");
  EXPECT_EQ(cfg->connector("b")->bearer_token, "env-token");
}

TEST_F(HubConfigTest, AMissingSecretIsAnErrorThatDoesNotPrintIt) {
  write("hub.json", "{}");
  ::unsetenv("LT_TEST_MISSING");
  write("connectors/a.json",
        "{\"type\":\"rest-json\",\"base_url\":\"http://h\",\n"
        "\"auth\":{\"type\":\"bearer\",\"token\":{\"env\":\"LT_TEST_MISSING\"}},\n"
        "\"operations\":{\"op\":{\"path\":\"/x\"}}}");
  auto errors = errors_of(load_hub_config(dir_ / "hub.json"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("auth.token.env: environment variable LT_TEST_MISSING is not set"),
            std::string::npos)
      << errors[0];
}

TEST_F(HubConfigTest, ClientsNeedExactlyOneKeySource) {
  write("hub.json",
        "{\"clients\": [\n"
        "  {\"name\": \"a\", \"allow\": [\"*\"]},\n"
        "  {\"name\": \"b\", \"allow\": [\"*\"], \"api_key_sha256\": \"xyz\"}\n"
        "]}");
  auto errors = errors_of(load_hub_config(dir_ / "hub.json"));
  std::string f = (dir_ / "hub.json").string();
  EXPECT_EQ(errors,
            (std::vector<std::string>{
                f + ":2: clients.0: give exactly one of api_key_sha256, api_key_file, "
                    "certificate_subject, certificate_sha256",
                f + ":3: clients.1.api_key_sha256: must be 64 hex digits (sha256sum of the key)",
            }));
}

TEST_F(HubConfigTest, ListenTlsIsReadWithPathsRelativeToTheFileAndCheckedValues) {
  write("hub.json",
        "{\"listen_tls\": {\"port\": 0, \"certificate\": \"pki/server.pem\",\n"
        "  \"private_key\": \"pki/server-key.pem\", \"client_ca\": \"pki/ca.pem\",\n"
        "  \"client_certificates\": \"required\", \"ocsp\": \"hard-fail\",\n"
        "  \"ocsp_url\": \"http://127.0.0.1:9105/ocsp\"}}");
  auto cfg = load_hub_config(dir_ / "hub.json");
  ASSERT_TRUE(cfg) << errors_of(cfg).front();
  const auto& tls = cfg->listen_tls;
  EXPECT_TRUE(tls.enabled);
  EXPECT_EQ(tls.port, 0);
  EXPECT_EQ(tls.certificate, dir_ / "pki/server.pem");
  EXPECT_EQ(tls.client_ca, dir_ / "pki/ca.pem");
  EXPECT_EQ(tls.client_certificates, "required");
  EXPECT_EQ(tls.ocsp, "hard-fail");
  EXPECT_EQ(tls.ocsp_url, "http://127.0.0.1:9105/ocsp");

  write("hub.json",
        "{\"listen_tls\": {\"certificate\": \"c.pem\", \"private_key\": \"k.pem\",\n"
        "  \"ocsp\": \"maybe\"}}");
  const std::string f = (dir_ / "hub.json").string();
  EXPECT_EQ(errors_of(load_hub_config(dir_ / "hub.json")),
            (std::vector<std::string>{
                f + ":1: listen_tls.client_ca: is required when client certificates are asked for",
                f + ":2: listen_tls.ocsp: must be off, soft-fail or hard-fail",
            }));
}

}  // namespace
}  // namespace lienthong::config

namespace lienthong::config {
namespace {

class SessionAuthConfigTest : public ConfigDirTest {
 protected:
  void SetUp() override {
    ConfigDirTest::SetUp();
    write("hub.json", "{}");
  }
  Result<HubConfig, ConfigErrors> load(const std::string& connector) {
    write("connectors/p.json", connector);
    return load_hub_config(dir_ / "hub.json");
  }
};

TEST_F(SessionAuthConfigTest, ASessionLoginIsReadWithItsSecretsAndOrderKeys) {
  ::setenv("LT_TEST_DVCQG_PASSWORD", "pw-from-env", 1);
  auto cfg = load(R"({"type":"dvcqg","base_url":"http://h",
    "auth":{"type":"session","login_path":"/api/adapter/login","username":{"value":"u"},
            "password":{"env":"LT_TEST_DVCQG_PASSWORD"},"dstcode":"H22","madonvi":"000.00.01.H22"},
    "operations":{"sync":{"path":"/api/adapter/integration","order_key":"/dossierCode"}}})");
  ASSERT_TRUE(cfg) << cfg.error().front().to_string();
  const auto* c = cfg->connector("p");
  ASSERT_TRUE(c->session);
  EXPECT_EQ(c->auth_type, "session");
  EXPECT_EQ(c->session->login_path, "/api/adapter/login");
  EXPECT_EQ(c->session->username, "u");
  EXPECT_EQ(c->session->password, "pw-from-env");
  EXPECT_EQ(c->session->dstcode, "H22");
  EXPECT_EQ(c->session->madonvi, "000.00.01.H22");
  EXPECT_EQ(c->operations.at("sync").order_key, "/dossierCode");
}

TEST_F(SessionAuthConfigTest, MistakesAreLocatedAndUnknownKeysRefused) {
  auto cfg = load(R"({"type":"dvcqg","base_url":"http://h",
    "auth":{"type":"session","login_path":"login","username":{"value":"u"},
            "dstcode":"","madonvi":"m","realm":"x"},
    "operations":{"sync":{"path":"/i","order_key":"dossierCode"}}})");
  ASSERT_FALSE(cfg);
  std::string all;
  for (const auto& e : cfg.error()) all += e.to_string() + "\n";
  EXPECT_NE(all.find(":2: auth.login_path: must start with /"), std::string::npos) << all;
  EXPECT_NE(all.find("auth.password"), std::string::npos) << all;
  EXPECT_NE(all.find("auth.dstcode: must not be empty"), std::string::npos) << all;
  EXPECT_NE(all.find("auth.realm"), std::string::npos) << all;
  EXPECT_NE(all.find("operations.sync.order_key: must be a JSON Pointer"), std::string::npos)
      << all;
}

TEST_F(SessionAuthConfigTest, TheSandboxKnowsTheDvcqgAccount) {
  std::ofstream(dir_ / "hub.json")
      << R"({"sandbox":{"dvcqg_username":"u","dvcqg_password":{"value":"p"},
                        "dvcqg_dstcodes":["H01"],"dvcqg_adapter_path":"/a",
                        "request_log_capacity":20000}})";
  auto cfg = load(R"({"type":"rest-json","base_url":"http://h","operations":{"x":{"path":"/x"}}})");
  ASSERT_TRUE(cfg) << cfg.error().front().to_string();
  EXPECT_EQ(cfg->sandbox.dvcqg_username, "u");
  EXPECT_EQ(cfg->sandbox.dvcqg_password, "p");
  EXPECT_EQ(cfg->sandbox.dvcqg_dstcodes, std::vector<std::string>{"H01"});
  EXPECT_EQ(cfg->sandbox.dvcqg_adapter_path, "/a");
  EXPECT_EQ(cfg->sandbox.request_log_capacity, 20000);

  std::ofstream(dir_ / "hub.json", std::ios::trunc) << R"({"sandbox":{"request_log_capacity":0}})";
  auto bad = load(R"({"type":"rest-json","base_url":"http://h","operations":{"x":{"path":"/x"}}})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().front().to_string().find("request_log_capacity"), std::string::npos)
      << bad.error().front().to_string();
}

}  // namespace
}  // namespace lienthong::config
