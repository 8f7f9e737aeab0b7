#include "core/pipeline/ingress/authenticate.hpp"

#include <gtest/gtest.h>

#include "core/base/digest.hpp"

namespace lienthong::pipeline {
namespace {

ClientRegistry registry() {
  config::ClientConfig a{"a", sha256_hex("key-a"), {}, false, {}, {}, {"dkdn/*"}};
  config::ClientConfig b{"b", sha256_hex("key-b"), {}, false, {}, {}, {"dancu/lookup-citizen"}};
  config::ClientConfig c{"c", {}, {}, false, "CN=provincial-dev", {}, {"*"}};
  auto r = ClientRegistry::build({a, b, c}, "hub.json");
  EXPECT_TRUE(r);
  return std::move(r).value();
}

TEST(Sha256Hex, MatchesKnownDigest) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ClientRegistry, FindsTheClientByKey) {
  auto r = registry();
  auto a = r.authenticate("Bearer key-a");
  ASSERT_TRUE(a);
  EXPECT_EQ((*a)->name, "a");
  auto b = r.authenticate("Bearer key-b");
  ASSERT_TRUE(b);
  EXPECT_EQ((*b)->name, "b");
}

TEST(ClientRegistry, RefusesMissingMalformedAndUnknownKeys) {
  auto r = registry();
  for (const char* h : {"", "Bearer ", "Basic a2V5LWE=", "bearer key-a", "Bearer key-c", "key-a"}) {
    auto c = r.authenticate(h);
    ASSERT_FALSE(c) << h;
    EXPECT_EQ(c.error().kind, ProblemKind::kUnauthenticated) << h;
  }
}

TEST(ClientRegistry, AVerifiedClientCertificateIdentifiesTheCaller) {
  auto r = registry();
  auto c = r.authenticate("", "CN=provincial-dev");
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)->name, "c");
  auto unknown_cert = r.authenticate("Bearer key-a", "CN=someone-else");
  ASSERT_TRUE(unknown_cert) << "an unknown certificate falls back to the API key";
  EXPECT_EQ((*unknown_cert)->name, "a");
  EXPECT_FALSE(r.authenticate("", "CN=someone-else"));
}

TEST(ClientRegistry, ACertificateClientHasNoKeyToGuess) {
  // A certificate-only client's empty digest must not match anything.
  auto r = registry();
  EXPECT_FALSE(r.authenticate("Bearer x"));
}

TEST(Client, AllowRules) {
  Client c{"x", {}, false, {}, {}, {"dkdn/*", "dancu/lookup-citizen"}};
  EXPECT_TRUE(c.allows("dkdn", "lookup-enterprise"));
  EXPECT_TRUE(c.allows("dancu", "lookup-citizen"));
  EXPECT_FALSE(c.allows("dancu", "other"));
  EXPECT_FALSE(c.allows("dvcqg", "sync-dossier"));
  Client all{"y", {}, false, {}, {}, {"*"}};
  EXPECT_TRUE(all.allows("anything", "at-all"));
}

TEST(ClientRegistry, AMissingKeyFileIsALocatedError) {
  config::ClientConfig c{"dev", {}, "/nonexistent/key", true, {}, {}, {"*"}};
  auto r = ClientRegistry::build({c}, "hub.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().at(0).to_string(),
            "hub.json:0: clients.0.api_key_file: cannot read an API key from /nonexistent/key");
}

}  // namespace
}  // namespace lienthong::pipeline
