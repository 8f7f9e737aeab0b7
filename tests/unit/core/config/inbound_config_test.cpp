// provincial_targets in hub.json, inbound operations in connector files, and their cross-check.
#include "core/config/inbound_config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "core/config/hub_config.hpp"
#include "tests/unit/core/config/config_dir_test.hpp"

namespace lienthong::config {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTarget = R"({
      "url": "http://127.0.0.1:9106/lienthong/inbound",
      "auth": {"type": "bearer", "token": {"value": "t-1"}}
    })";

class InboundConfigTest : public ConfigDirTest {
 protected:
  // hub.json with `targets` as its provincial_targets, and a connector file whose `inbound` is
  // `inbound` (both JSON text; empty: left out).
  Result<HubConfig, ConfigErrors> load(const std::string& targets, const std::string& inbound) {
    write("hub.json", "{\n  \"clients\": []" +
                          (targets.empty() ? "" : ",\n  \"provincial_targets\": " + targets) +
                          "\n}\n");
    write("connectors/portal.json",
          "{\n  \"type\": \"dvcqg\",\n  \"base_url\": \"http://127.0.0.1:1\",\n"
          "  \"operations\": {\"lookup\": {\"path\": \"/x\"}}" +
              (inbound.empty() ? "" : ",\n  \"inbound\": " + inbound) + "\n}\n");
    return load_hub_config(dir_ / "hub.json");
  }
  static std::vector<std::string> errors(const Result<HubConfig, ConfigErrors>& r) {
    return errors_of(r);
  }
  static bool has(const std::vector<std::string>& all, const std::string& text) {
    for (const auto& e : all) {
      if (e.find(text) != std::string::npos) return true;
    }
    return false;
  }
};

TEST_F(InboundConfigTest, ReadsTargetsAndInboundOperations) {
  auto cfg = load(R"({"motcua": {
      "url": "https://motcua.example.vn/api/hook",
      "auth": {"type": "header", "name": "X-Api-Key", "value": {"value": "k-9"}},
      "timeout_ms": 1500,
      "delivery": {"max_attempts": 3, "backoff_initial_ms": 100, "backoff_max_ms": 200}}})",
                  R"({"status-callback": {"description": "d", "target": "motcua",
                      "order_key": "/dossierCode"}})");
  ASSERT_TRUE(cfg) << errors(cfg).front();
  const auto& t = cfg->provincial_targets.at("motcua");
  EXPECT_EQ(t.url, "https://motcua.example.vn/api/hook");
  EXPECT_EQ(t.auth_type, "header");
  EXPECT_EQ(t.auth_header, "X-Api-Key");
  EXPECT_EQ(t.auth_value, "k-9");
  EXPECT_EQ(t.timeout_ms, 1500);
  EXPECT_EQ(t.delivery.max_attempts, 3);
  EXPECT_EQ(t.delivery.backoff_max_ms, 200);
  const auto& op = cfg->connector("portal")->inbound.at("status-callback");
  EXPECT_EQ(op.target, "motcua");
  EXPECT_EQ(op.order_key, "/dossierCode");
  EXPECT_EQ(op.schema_file.parent_path().filename(), "inbound");
  EXPECT_EQ(op.schema_file.filename(), "status-callback.schema.json");
  EXPECT_EQ(op.mapping_file.filename(), "status-callback.mapping.json");
  EXPECT_EQ(op.canonical_schema_file.filename(), "status-callback.canonical.schema.json");
  EXPECT_EQ(op.example_file.filename(), "status-callback.example.json");
}

TEST_F(InboundConfigTest, ABearerTokenIsSentAsAnAuthorizationHeader) {
  auto cfg = load(std::string(R"({"motcua": )") + kTarget + "}", "");
  ASSERT_TRUE(cfg) << errors(cfg).front();
  const auto& t = cfg->provincial_targets.at("motcua");
  EXPECT_EQ(t.auth_header, "Authorization");
  EXPECT_EQ(t.auth_value, "Bearer t-1");
  EXPECT_EQ(t.delivery.max_attempts, 8) << "the connectors' default policy";
}

TEST_F(InboundConfigTest, AnUnknownTargetIsALocatedError) {
  auto cfg = load(std::string(R"({"motcua": )") + kTarget + "}",
                  "{\n    \"status-callback\": {\n      \"target\": \"elsewhere\"\n    }\n  }");
  auto all = errors(cfg);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_NE(all[0].find("portal.json:7: inbound.status-callback.target: no provincial target "
                        "elsewhere in hub.json provincial_targets (configured: motcua)"),
            std::string::npos)
      << all[0];
}

TEST_F(InboundConfigTest, WithoutAnyTargetTheErrorSaysSo) {
  auto all = errors(load("", R"({"status-callback": {"target": "motcua"}})"));
  EXPECT_TRUE(has(all,
                  "inbound.status-callback.target: no provincial target motcua in hub.json "
                  "provincial_targets (none configured)"));
}

TEST_F(InboundConfigTest, TargetProblemsAreEachLocated) {
  ::unsetenv("LT_TEST_UNSET_TOKEN");
  auto all = errors(load(R"({
    "a": {"url": "ftp://x/y", "auth": {"type": "bearer", "token": {"value": "t"}}},
    "b": {"url": "http://x/y"},
    "c": {"url": "http://x/y", "auth": {"type": "basic"}},
    "d": {"url": "http://x/y", "auth": {"type": "header", "name": "Bad Name", "value": {"value": "v"}}},
    "e": {"url": "http://x/y", "auth": {"type": "bearer", "token": {"value": "t"}}, "retries": 3},
    "f": {"url": "http://x/y", "auth": {"type": "bearer", "token": {"env": "LT_TEST_UNSET_TOKEN"}}},
    "g": {"url": "http://x/y", "auth": {"type": "bearer", "token": {"value": "t"}},
          "delivery": {"max_attempts": 0}},
    "Bad": {"url": "http://x/y"}
  })",
                         ""));
  EXPECT_TRUE(has(all, "provincial_targets.a.url: must be an http:// or https:// URL"));
  EXPECT_TRUE(has(all, "provincial_targets.b.auth"));
  EXPECT_TRUE(has(all, "provincial_targets.c.auth.type: must be bearer or header"));
  EXPECT_TRUE(has(all, "provincial_targets.d.auth.name: must be a header name"));
  EXPECT_TRUE(has(all, "provincial_targets.e.retries"));
  EXPECT_TRUE(has(all,
                  "provincial_targets.f.auth.token.env: environment variable "
                  "LT_TEST_UNSET_TOKEN is not set"));
  EXPECT_TRUE(has(all, "provincial_targets.g.delivery.max_attempts"));
  EXPECT_TRUE(has(all, "provincial_targets.Bad: a target's name"));
  for (const auto& e : all) EXPECT_NE(e.find("hub.json:"), std::string::npos) << e;
}

TEST_F(InboundConfigTest, InboundOperationProblemsAreLocated) {
  auto all = errors(load(std::string(R"({"motcua": )") + kTarget + "}", R"({
    "no-target": {"description": "x"},
    "bad-key": {"target": "motcua", "order_key": "dossierCode"},
    "extra": {"target": "motcua", "path": "/x"},
    "Bad/Name": {"target": "motcua"}
  })"));
  EXPECT_TRUE(has(all, "inbound.no-target.target"));
  EXPECT_TRUE(has(all, "inbound.bad-key.order_key: must be a JSON Pointer"));
  EXPECT_TRUE(has(all, "inbound.extra.path"));
  EXPECT_TRUE(has(all, "an operation's name is 1-64 of a-z, 0-9, - and _"));
}

TEST_F(InboundConfigTest, AnOutboundOperationNameMayNotHoldASlash) {
  std::ofstream(dir_ / "hub.json") << "{\"clients\": []}";
  std::ofstream(dir_ / "connectors/portal.json")
      << R"({"type": "dvcqg", "base_url": "http://127.0.0.1:1",
            "operations": {"inbound/x": {"path": "/x"}}})";
  auto all = errors(load_hub_config(dir_ / "hub.json"));
  EXPECT_TRUE(has(all, "an operation's name is 1-64 of a-z, 0-9, - and _")) << all.size();
}

TEST(InboundConfig, TheShippedConfigPushesDvcqgStatusCallbacksToMotcua) {
  auto cfg = load_hub_config(fs::path(LT_SOURCE_DIR) / "config/hub.json");
  ASSERT_TRUE(cfg) << cfg.error().front().to_string();
  const auto& target = cfg->provincial_targets.at("motcua");
  EXPECT_EQ(target.url, "http://127.0.0.1:9106/lienthong/inbound");
  EXPECT_EQ(cfg->sandbox.ports.at("motcua"), 9106);
  EXPECT_EQ("Bearer " + cfg->sandbox.motcua_token, target.auth_value);
  const auto& op = cfg->connector("dvcqg")->inbound.at("status-callback");
  EXPECT_EQ(op.target, "motcua");
  EXPECT_EQ(op.order_key, "/dossierCode");
  EXPECT_EQ(cfg->clients.at(0).allow_inbound, std::vector<std::string>{"*"});
}

}  // namespace
}  // namespace lienthong::config
