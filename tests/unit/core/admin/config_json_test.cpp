#include "core/admin/config_json.hpp"

#include <gtest/gtest.h>

namespace lienthong::admin {
namespace {

namespace fs = std::filesystem;

// Every field hub_config.hpp marks as a resolved secret, set, plus the clients' key hashes.
config::HubConfig with_every_secret() {
  config::HubConfig hub;
  hub.file = "/etc/lienthong/hub.json";
  config::ClientConfig client;
  client.name = "motcua";
  client.api_key_sha256 = "SECRET-client-hash";
  hub.clients.push_back(client);
  hub.store.type = "postgresql";
  hub.store.connection = "host=db password=SECRET-pg";
  config::ProvincialTargetConfig target;
  target.url = "https://motcua.example/inbound";
  target.auth_type = "bearer";
  target.auth_header = "Authorization";
  target.auth_value = "Bearer SECRET-webhook";
  hub.provincial_targets["motcua"] = target;
  auto& s = hub.sandbox;
  s.dkdn_token = "SECRET-s1";
  s.motcua_token = "SECRET-s2";
  s.dvcqg_password = "SECRET-s3";
  s.paygov_secret = "SECRET-s4";
  s.paygov_token = "SECRET-s5";
  s.paygov_ipn_key = "SECRET-s6";
  s.kyso_sp_password = "SECRET-s7";
  config::ConnectorConfig c;
  c.id = "all";
  c.type = "rest-json";
  c.auth_type = "bearer";
  c.bearer_token = "SECRET-c1";
  c.session = config::SessionAuthConfig{"/login", "SECRET-c2", "SECRET-c3", "H22", "000"};
  c.partner = config::PartnerConfig{"LIENTHONG", "SECRET-c4"};
  config::SigningConfig signing;
  signing.sp_id = "sp";
  signing.sp_password = "SECRET-c5";
  c.signing = signing;
  config::EgressTlsConfig tls;
  tls.pkcs12 = "/etc/lienthong/hub.p12";
  tls.pkcs12_password = "SECRET-c6";
  c.tls = tls;
  config::MessageSecurityConfig m;
  m.profile = "dancu-dsig-1";
  m.signing_pkcs12 = "/etc/lienthong/sign.p12";
  m.signing_pkcs12_password = "SECRET-c7";
  c.message_security = m;
  hub.connectors.push_back(c);
  return hub;
}

TEST(ConfigJson, EverySecretIsMasked) {
  const auto j = config_json(with_every_secret());
  const auto text = j.dump();
  EXPECT_EQ(text.find("SECRET-"), std::string::npos) << j.dump(2);
  EXPECT_EQ(j["store"]["connection"], "***");
  EXPECT_EQ(j["clients"][0]["api_key_sha256"], "***");
  EXPECT_EQ(j["provincial_targets"]["motcua"]["auth"]["value"], "***");
  EXPECT_EQ(j["sandbox"]["paygov_secret"], "***");
  const auto& c = j["connectors"]["all"];
  EXPECT_EQ(c["auth"]["token"], "***");
  EXPECT_EQ(c["auth"]["password"], "***");
  EXPECT_EQ(c["partner"]["secret"], "***");
  EXPECT_EQ(c["signing"]["sp_password"], "***");
  EXPECT_EQ(c["tls"]["pkcs12_password"], "***");
  EXPECT_EQ(c["message_security"]["signing_pkcs12_password"], "***");
  // What is not secret stays readable.
  EXPECT_EQ(c["partner"]["code"], "LIENTHONG");
  EXPECT_EQ(c["tls"]["pkcs12"], "/etc/lienthong/hub.p12");
  EXPECT_EQ(j["provincial_targets"]["motcua"]["url"], "https://motcua.example/inbound");
}

TEST(ConfigJson, TheShippedConfigShowsNoSecretButItsShape) {
  auto hub = config::load_hub_config(fs::path(LT_SOURCE_DIR) / "config/hub.json");
  ASSERT_TRUE(hub) << hub.error().front().to_string();
  const auto j = config_json(*hub);
  const auto text = j.dump();
  for (const char* secret : {"sandbox-dvcqg-password", "sandbox-dkdn-token", "sandbox-motcua-token",
                             "sandbox-paygov-secret", "sandbox-paygov-token",
                             "sandbox-paygov-ipn-key", "sandbox-kyso-password",
                             "69bb5bd27edf5e73d7f15a89e443df0bf40096731e7193b85c02f66b2ca4276b"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(j["admin"]["port"], 8081);
  EXPECT_EQ(j["connectors"]["dvcqg"]["auth"]["password"], "***");
  EXPECT_EQ(j["connectors"]["dvcqg"]["auth"]["dstcode"], "H22");
  EXPECT_TRUE(j["connectors"]["dkdn"]["operations"].contains("lookup-enterprise"));
  EXPECT_EQ(j["sandbox"]["dvcqg_password"], "***");
  EXPECT_EQ(j["clients"][0]["name"], "dev");
}

TEST(ConfigJson, AnUnsetSecretStaysEmpty) {
  config::HubConfig hub;
  const auto j = config_json(hub);
  EXPECT_EQ(j["store"]["connection"], "");
  EXPECT_EQ(j["sandbox"]["paygov_secret"], "");
}

}  // namespace
}  // namespace lienthong::admin
