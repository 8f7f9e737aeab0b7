// The journal's entry format and chain rules against vectors built by hand, outside the hub
// (Python's json.dumps(sort_keys=True, separators=(',', ':')) and hashlib.sha256).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/time_text.hpp"
#include "core/evidence/bundle.hpp"
#include "core/evidence/chain_check.hpp"

namespace lienthong::evidence {
namespace {

constexpr std::int64_t kAt1 = 1796638530123;  // 2026-12-07T10:15:30.123Z
constexpr const char* kText1 =
    R"({"actor":"tester","archived":[{"key_id":"k1","role":"sent"}],"at":"2026-12-07T10:15:30.123Z","connector":"dkdn","id":"e-1","kind":"exchange","message":"m-1","node":"hub-a","operation":"lookup-enterprise","outcome":"200","prev":"0000000000000000000000000000000000000000000000000000000000000000","received_sha256":"cc","request_sha256":"aa","sent_sha256":"bb","seq":1,"signatures":[{"certificate_sha256":"dd","role":"sent","subject":"CN=Hub","value":"c2ln"}],"v":1})";
constexpr const char* kHash1 = "4f345ab8d950ece361626c6f265c5c9750b8221a96c303296a2008bcd7d82702";
constexpr const char* kText2 =
    R"({"actor":"cli:op","at":"2026-12-07T10:15:31.000Z","detail":"replay","id":"e-2","kind":"action","message":"m-1","node":"hub-a","outcome":"queued","prev":"4f345ab8d950ece361626c6f265c5c9750b8221a96c303296a2008bcd7d82702","seq":2,"v":1})";
constexpr const char* kHash2 = "52353d8c327ea9f6bba92e0a2001013fc0d89b6a77d7de6941fe9c843591924a";

Facts first_facts() {
  Facts f;
  f.id = "e-1";
  f.kind = "exchange";
  f.message_id = "m-1";
  f.actor = "tester";
  f.connector = "dkdn";
  f.operation = "lookup-enterprise";
  f.request_sha256 = "aa";
  f.sent_sha256 = "bb";
  f.received_sha256 = "cc";
  f.outcome = "200";
  f.signatures.push_back({"sent", "c2ln", "dd", "CN=Hub"});
  f.bodies.push_back({"sent", "k1", "nonce", "sealed"});  // roles and key ids only in the text
  return f;
}

TEST(EntryFormat, IsCanonicalJsonWithSortedKeysAndHashesLikeSha256sum) {
  const auto text = entry_text(first_facts(), {"hub-a", 1, std::string(kGenesis), kAt1});
  EXPECT_EQ(text, kText1);
  EXPECT_EQ(entry_hash(text), kHash1);
  Facts second;
  second.id = "e-2";
  second.kind = "action";
  second.message_id = "m-1";
  second.actor = "cli:op";
  second.detail = "replay";
  second.outcome = "queued";
  EXPECT_EQ(entry_text(second, {"hub-a", 2, kHash1, kAt1 + 877}), kText2);
  EXPECT_EQ(entry_hash(kText2), kHash2);
}

// The entry text as the journal first wrote it, through nlohmann's DOM: entries written then
// must keep hashing to what their chain recorded, so the direct writer must give the same bytes.
std::string dom_entry_text(const Facts& facts, const ChainLink& link) {
  nlohmann::json j;
  auto put = [&j](const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
  };
  j["v"] = 1;
  j["node"] = link.node;
  j["seq"] = link.seq;
  j["prev"] = link.prev;
  j["at"] = rfc3339_millis(link.at_ms);
  j["id"] = facts.id;
  j["kind"] = facts.kind;
  put("message", facts.message_id);
  put("actor", facts.actor);
  put("connector", facts.connector);
  put("operation", facts.operation);
  put("request_sha256", facts.request_sha256);
  put("sent_sha256", facts.sent_sha256);
  put("received_sha256", facts.received_sha256);
  put("outcome", facts.outcome);
  put("detail", facts.detail);
  if (!facts.signatures.empty()) {
    auto& list = j["signatures"] = nlohmann::json::array();
    for (const auto& s : facts.signatures) {
      nlohmann::json one{{"role", s.role}, {"value", s.value}};
      if (!s.certificate_sha256.empty()) one["certificate_sha256"] = s.certificate_sha256;
      if (!s.subject.empty()) one["subject"] = s.subject;
      list.push_back(std::move(one));
    }
  }
  if (!facts.bodies.empty()) {
    auto& list = j["archived"] = nlohmann::json::array();
    for (const auto& b : facts.bodies) list.push_back({{"role", b.role}, {"key_id", b.key_id}});
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(EntryFormat, WritesTheBytesTheJsonDomWrote) {
  const ChainLink link{"hub-\"b\"", 42, std::string(kGenesis), kAt1};
  EXPECT_EQ(entry_text(first_facts(), link), dom_entry_text(first_facts(), link));
  // Characters that need escaping, UTF-8, invalid UTF-8, empty fields that stay or go.
  const std::string odd[] = {"",
                             "plain",
                             "quote \" and back\\slash",
                             "tab\tnew\nline\r\b\f",
                             std::string("nul\0 and \x01\x1f\x7f", 12),
                             "Vi\xe1\xbb\x87t Nam /slash",
                             "bad \xff\xfe utf-8 \xe1\xbb",
                             "CN=H\xc3\xb9ng,O=S\xe1\xbb\x9f"};
  for (const auto& s : odd) {
    Facts f;
    f.id = s;
    f.kind = s;
    f.message_id = s;
    f.actor = s;
    f.connector = s;
    f.operation = s;
    f.request_sha256 = s;
    f.sent_sha256 = s;
    f.received_sha256 = s;
    f.outcome = s;
    f.detail = s;
    f.signatures.push_back({s, s, s, s});
    f.signatures.push_back({"received", "", "", s});
    f.bodies.push_back({s, s, "n", "c"});
    f.bodies.push_back({"received", "k2", "n", "c"});
    const ChainLink l{s.empty() ? "n" : s, -7, s, 0};
    EXPECT_EQ(entry_text(f, l), dom_entry_text(f, l)) << s;
    EXPECT_EQ(entry_text(Facts{}, l), dom_entry_text(Facts{}, l)) << s;
  }
}

TEST(EntryFormat, ReadsBackItsPlace) {
  auto e = parse_entry(kText1);
  ASSERT_TRUE(e) << e.error().detail;
  EXPECT_EQ(e->link.node, "hub-a");
  EXPECT_EQ(e->link.seq, 1);
  EXPECT_EQ(e->id, "e-1");
  EXPECT_EQ(e->message_id, "m-1");
  EXPECT_EQ(e->sent_sha256, "bb");
  EXPECT_FALSE(parse_entry("[]"));
  EXPECT_FALSE(parse_entry(R"({"v":2,"seq":1})"));
  EXPECT_FALSE(parse_entry("not json"));
}

TEST(ChainCheck, AcceptsTheHandBuiltChain) {
  ChainCursor cursor{"hub-a"};
  EXPECT_EQ(check_link(cursor, {"hub-a", 1, kText1, kHash1}), std::nullopt);
  EXPECT_EQ(check_link(cursor, {"hub-a", 2, kText2, kHash2}), std::nullopt);
  EXPECT_EQ(cursor.next_seq, 3);
  EXPECT_EQ(cursor.prev, kHash2);
}

TEST(ChainCheck, NamesWhatDoesNotFit) {
  {  // one character of the first entry changed: its hash no longer matches
    std::string altered = kText1;
    altered.replace(altered.find("\"200\""), 5, "\"500\"");
    ChainCursor cursor{"hub-a"};
    auto why = check_link(cursor, {"hub-a", 1, altered, kHash1});
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("altered"), std::string::npos) << *why;
  }
  {  // the altered entry with its hash recomputed: the next entry no longer follows it
    std::string altered = kText1;
    altered.replace(altered.find("\"200\""), 5, "\"500\"");
    ChainCursor cursor{"hub-a"};
    EXPECT_EQ(check_link(cursor, {"hub-a", 1, altered, entry_hash(altered)}), std::nullopt);
    auto why = check_link(cursor, {"hub-a", 2, kText2, kHash2});
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("does not follow entry 1"), std::string::npos) << *why;
  }
  {  // entry 1 missing
    ChainCursor cursor{"hub-a"};
    auto why = check_link(cursor, {"hub-a", 2, kText2, kHash2});
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("where 1 was expected"), std::string::npos) << *why;
  }
  {  // another node's entry in this chain
    ChainCursor cursor{"hub-b"};
    auto why = check_link(cursor, {"hub-b", 1, kText1, kHash1});
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("names node hub-a"), std::string::npos) << *why;
  }
  {  // --since: the first entry's prev is taken as given
    ChainCursor cursor{"hub-a", 2, "", true};
    EXPECT_EQ(check_link(cursor, {"hub-a", 2, kText2, kHash2}), std::nullopt);
  }
}

TEST(Bundle, ListsEachHashAsTheChainRecordsIt) {
  BundleChain chain{"hub-a", {{"hub-a", 1, kText1, kHash1}, {"hub-a", 2, kText2, kHash2}}, "tok"};
  BundleBody body{"hub-a", 1, "sent", "body bytes", "bb"};
  auto files = make_bundle("m-1", {chain}, {body}, {{"hub-a", 1}, {"hub-a", 2}}, "ANCHORS", "");
  std::map<std::string, std::string> by_name(files.begin(), files.end());
  EXPECT_EQ(by_name.at("hub-a/entries/000001.json"), kText1);
  EXPECT_EQ(by_name.at("hub-a/entries/000002.json"), kText2);
  EXPECT_EQ(by_name.at("hub-a/timestamp.tst"), "tok");
  EXPECT_EQ(by_name.at("hub-a/bodies/000001-sent.bin"), "body bytes");
  EXPECT_EQ(by_name.at("tsa/anchors.pem"), "ANCHORS");
  EXPECT_EQ(by_name.count("tsa/untrusted.pem"), 0U);
  EXPECT_EQ(by_name.at("SHA256SUMS"), std::string(kHash1) + "  hub-a/entries/000001.json\n" +
                                          kHash2 + "  hub-a/entries/000002.json\n" +
                                          "bb  hub-a/bodies/000001-sent.bin\n");
  const auto& verify = by_name.at("VERIFY.txt");
  EXPECT_NE(verify.find("sha256sum -c SHA256SUMS"), std::string::npos) << verify;
  EXPECT_NE(verify.find("openssl ts -verify -token_in -in hub-a/timestamp.tst -data "
                        "hub-a/entries/000002.json -CAfile tsa/anchors.pem"),
            std::string::npos)
      << verify;
}

}  // namespace
}  // namespace lienthong::evidence
