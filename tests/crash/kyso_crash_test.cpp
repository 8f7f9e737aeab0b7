// Issue 11's crash proof (remote signing): the hub is SIGKILLed while signatures await the
// signer's approval at the CA, and restarted. The CA is the sandbox's, in a `lienthong sandbox`
// process of its own, so its transactions (and their approval clocks) survive every kill.
// Afterwards every accepted document ends signed (its file fetchable and accepted by pdfsig,
// xmlsec1 or openssl cms) or dead with the expected reason, and the CA holds exactly one
// transaction per message id, none with a conflicting second request (409): the hub never asked
// twice to sign something else for the same message. `sign_requests` > 1 is allowed and
// counted: a hub killed after the CA took the request but before the record moved sends the SAME
// request again, which the CA answers with the same transaction (idempotent by transaction_id,
// sandbox/kyso/README.md) and does not ask the phone again (`approvals` stays 1).
// CI: 6 kills; LIENTHONG_CRASH_KILLS for more.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "core/base/base64.hpp"
#include "core/base/digest.hpp"
#include "core/config/hub_config.hpp"
#include "core/store/message_store.hpp"
#include "http_call.hpp"
#include "tests/integration/child_process.hpp"
#include "tests/integration/cli_support.hpp"
#include "tests/integration/kyso_fixture.hpp"  // the sandbox's signers, sample documents
#include "tests/support/test_pki.hpp"

namespace lienthong::crash {
namespace {

namespace fs = std::filesystem;
namespace bhttp = boost::beast::http;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kKey = "crash-kyso-key";
constexpr auto kStartTimeout = 60s;
constexpr int kApprovalMs = 1'500;  // many signatures are awaiting approval at each kill
constexpr int kExpiryMs = 120'000;

json read_commented(const fs::path& file) {
  return json::parse(testing::slurp(file), nullptr, /*allow_exceptions=*/true,
                     /*ignore_comments=*/true);
}

void write_json(const fs::path& file, const json& value) {
  std::ofstream(file, std::ios::trunc) << value.dump(2) << '\n';
}

/// Stdout and stderr of a shell command.
std::string shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf{};
  while (auto n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  ::pclose(pipe);
  return out;
}

/// The run's processes: `lienthong sandbox` with only the kyso mock (CA, OCSP, TSA) on the dev
/// PKI, and `lienthong serve --no-sandbox` with only the kyso connector, both on free ports, in
/// a temp folder of their own. The crash rig (crash_rig.hpp) knows dvcqg and paygov only; the
/// signing pieces (certificates, TSA, OCSP URL) are this test's.
class KysoRig {
 public:
  explicit KysoRig(const std::string& name) {
    std::random_device rd;
    dir_ = fs::temp_directory_path() /
           ("lt-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 100000));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "config/connectors");
    fs::create_directories(dir_ / "var");
    fs::create_directories(dir_ / "files");
    write_config();
  }
  ~KysoRig() {
    hub_.reset();  // SIGTERM and wait
    sandbox_.reset();
    fs::remove_all(dir_);
  }
  KysoRig(const KysoRig&) = delete;
  KysoRig& operator=(const KysoRig&) = delete;

  std::string start_sandbox() {
    sandbox_ = std::make_unique<testing::ChildProcess>(
        std::vector<std::string>{LT_BINARY, "sandbox", "--config",
                                 (dir_ / "config/hub.json").string()},
        dir_ / "sandbox");
    auto port =
        sandbox_->wait_for_stdout(std::regex(R"(  kyso http://127\.0\.0\.1:(\d+))"), kStartTimeout);
    if (!port) return "the sandbox did not start:\n" + sandbox_->out() + sandbox_->err();
    kyso_port_ = static_cast<std::uint16_t>(std::stoi((*port)[1]));
    write_config();
    return "";
  }
  std::string start_hub() {
    hub_port_ = 0;
    hub_ = std::make_unique<testing::ChildProcess>(
        std::vector<std::string>{LT_BINARY, "serve", "--no-sandbox", "--config",
                                 (dir_ / "config/hub.json").string()},
        dir_ / ("hub-run" + std::to_string(++runs_)));
    auto port = hub_->wait_for_stdout(std::regex(R"(provincial API  http://127\.0\.0\.1:(\d+))"),
                                      kStartTimeout);
    if (!port) return "the hub did not start:\n" + hub_->out() + hub_->err();
    hub_port_ = static_cast<std::uint16_t>(std::stoi((*port)[1]));
    return "";
  }
  bool kill_hub() {
    hub_port_ = 0;
    return hub_ && hub_->kill_now();
  }
  int stop_hub() {
    hub_port_ = 0;
    return hub_ ? hub_->stop() : -1;
  }
  [[nodiscard]] std::uint16_t hub_port() const { return hub_port_; }
  [[nodiscard]] std::uint16_t kyso_port() const { return kyso_port_; }
  [[nodiscard]] fs::path sqlite_file() const { return dir_ / "var/lienthong.db"; }
  [[nodiscard]] fs::path file(const std::string& name) const { return dir_ / "files" / name; }
  [[nodiscard]] std::string hub_logs(std::size_t bytes = 6'000) const {
    std::string all;
    for (int run = 1; run <= runs_; ++run) {
      const auto name = "hub-run" + std::to_string(run) + ".err";
      auto text = testing::read_text(dir_ / name);
      if (!text.empty()) all += "--- " + name + "\n" + text;
    }
    return all.size() > bytes ? all.substr(all.size() - bytes) : all;
  }

 private:
  // Both processes read hub.json; written again once the sandbox's port is known (the TSA, the
  // CA and its OCSP responder are all the kyso mock).
  void write_config() const {
    const fs::path src(LT_SOURCE_DIR);
    const auto& pki = security::testing::dev_pki();
    const std::string kyso = "http://127.0.0.1:" + std::to_string(kyso_port_ == 0 ? 9 : kyso_port_);
    auto hub = read_commented(src / "config/hub.json");
    hub["listen"] = {{"host", "127.0.0.1"}, {"port", 0}};
    hub["admin"] = {{"host", "127.0.0.1"}, {"port", 0}};
    hub["log_level"] = "info";
    hub["var_dir"] = (dir_ / "var").string();
    hub["mappings_dir"] = (src / "mappings").string();
    hub["connectors_dir"] = "connectors";
    hub["clients"] = json::array(
        {{{"name", "crash"}, {"api_key_sha256", lienthong::sha256_hex(kKey)}, {"allow", {"*"}}}});
    hub["store"] = {{"type", "sqlite"},
                    {"path", sqlite_file().string()},
                    {"lease_ms", 2'000}};  // a killed hub's claims lapse soon
    hub["delivery"] = {{"concurrency", 16}};
    hub["evidence"]["archive_key"]["file"] = (pki / "evidence-archive.key").string();
    hub["time_stamp_authority"] = {{"url", kyso + "/tsa"},
                                   {"trust_anchors", {(pki / "root-ca.pem").string()}},
                                   {"intermediates", {(pki / "intermediate-ca.pem").string()}},
                                   {"timeout_ms", 5'000}};
    auto& sandbox = hub["sandbox"];
    sandbox["ports"] = {{"kyso", 0}};
    sandbox["certs_dir"] = pki.string();
    sandbox["data_dir"] = (src / "sandbox/data").string();
    sandbox["kyso_approval_ms"] = kApprovalMs;
    sandbox["kyso_expiry_ms"] = kExpiryMs;
    write_json(dir_ / "config/hub.json", hub);

    auto connector = read_commented(src / "config/connectors/kyso.json");
    connector["base_url"] = kyso;
    connector["timeout_ms"] = 5'000;
    auto& signing = connector["signing"];
    signing["trust_anchors"] = {(pki / "root-ca.pem").string()};
    signing["intermediates"] = {(pki / "intermediate-ca.pem").string()};
    signing["ocsp_url"] = kyso + "/ocsp";
    signing["poll_every_s"] = 1;
    connector["delivery"]["backoff_initial_ms"] = 100;
    connector["delivery"]["backoff_max_ms"] = 1'000;
    write_json(dir_ / "config/connectors/kyso.json", connector);
  }

  fs::path dir_;
  std::unique_ptr<testing::ChildProcess> sandbox_;
  std::unique_ptr<testing::ChildProcess> hub_;
  std::atomic<std::uint16_t> hub_port_{0};
  std::uint16_t kyso_port_ = 0;
  int runs_ = 0;
};

/// One document to sign and how it must end.
enum class Outcome { kSigned, kRejected, kBadValue };
struct Document {
  std::string signer;
  std::string file_name;
  std::string content_type;
  std::string bytes;
  std::string signature;  // "detached" or ""
  Outcome outcome = Outcome::kSigned;
  std::string format;  // of a signed one: pades, xades, cms
  std::string id;      // the message id, once accepted
};

std::vector<Document> documents() {
  std::vector<Document> docs;
  for (int i = 0; i < 20; ++i) {
    docs.push_back({testing::kApproves, "quyet-dinh-" + std::to_string(i) + ".pdf",
                    "application/pdf", testing::sample_pdf(static_cast<std::size_t>(64 * i)), "",
                    Outcome::kSigned, "pades", ""});
  }
  for (int i = 0; i < 3; ++i) {
    auto xml = testing::sample_xml();
    xml.insert(xml.find("</QuyetDinh>"), "  <So>" + std::to_string(i) + "</So>\n");
    docs.push_back({testing::kApproves, "giay-phep-" + std::to_string(i) + ".xml",
                    "application/xml", xml, "", Outcome::kSigned, "xades", ""});
  }
  for (int i = 0; i < 3; ++i) {
    docs.push_back({testing::kApproves, "bien-ban-" + std::to_string(i) + ".txt", "text/plain",
                    "Biên bản họp số " + std::to_string(i) + "\n", "detached", Outcome::kSigned,
                    "cms", ""});
  }
  for (int i = 0; i < 2; ++i) {
    docs.push_back({testing::kRejects, "tu-choi-" + std::to_string(i) + ".pdf", "application/pdf",
                    testing::sample_pdf(static_cast<std::size_t>(3000 + 64 * i)), "",
                    Outcome::kRejected, "", ""});
  }
  docs.push_back({testing::kWrongValue, "sai-chu-ky.pdf", "application/pdf",
                  testing::sample_pdf(5000), "", Outcome::kBadValue, "", ""});
  std::mt19937 rng(20261211);
  std::shuffle(docs.begin(), docs.end(), rng);  // refusals and formats spread over the kills
  return docs;
}

http::Request request(bhttp::verb verb, const std::string& target, const json& body = nullptr) {
  http::Request req{verb, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::authorization, std::string("Bearer ") + kKey);
  if (!body.is_null()) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body.dump();
  }
  req.prepare_payload();
  return req;
}

json sign_request(const Document& d) {
  json r{{"signerId", d.signer},
         {"document",
          {{"fileName", d.file_name},
           {"contentType", d.content_type},
           {"contentBase64", base64_encode(d.bytes)}}},
         {"reason", "Phê duyệt"},
         {"location", "Hạ Long"}};
  if (!d.signature.empty()) r["signature"] = d.signature;
  return r;
}

/// The CA transaction a message status names ("" when none).
std::string ca_transaction(const json& status) {
  if (!status.is_object() || !status.contains("signing") || !status["signing"].is_object())
    return "";
  return status["signing"].value("caTransactionId", "");
}

bool finished(const json& status) {
  const std::string state = status.value("state", "");
  return state == "delivered" || state == "dead";
}

TEST(KysoCrash, HubKilledWhileSignaturesAwaitApprovalSignsEachDocumentOnceAtTheCa) {
  const char* env = std::getenv("LIENTHONG_CRASH_KILLS");
  const int kills = env != nullptr ? std::max(1, std::atoi(env)) : 6;
  const auto began = std::chrono::steady_clock::now();
  KysoRig rig("crash-kyso");
  ASSERT_EQ(rig.start_sandbox(), "");
  ASSERT_EQ(rig.start_hub(), "") << rig.hub_logs();

  auto docs = documents();
  std::map<std::string, json> last;  // message id -> its last status
  auto status = [&](const std::string& id) -> std::optional<json> {
    auto res = try_http(rig.hub_port(), request(bhttp::verb::get, "/v1/messages/" + id), 10s);
    if (!res || res->result_int() != 200) return std::nullopt;
    auto j = json::parse(res->body(), nullptr, false);
    if (!j.is_object()) return std::nullopt;
    last[id] = j;
    return j;
  };
  // Submitted documents (ids) in the state awaiting_approval now, by GET /v1/messages/{id}.
  auto awaiting_now = [&] {
    int n = 0;
    for (const auto& d : docs) {
      if (d.id.empty() || (last.contains(d.id) && finished(last[d.id]))) continue;
      const auto s = status(d.id);
      if (s && s->value("state", "") == "awaiting_approval") {
        EXPECT_FALSE(ca_transaction(*s).empty()) << s->dump();
        ++n;
      }
    }
    return n;
  };
  auto submit = [&](Document& d) {
    auto res = try_http(rig.hub_port(),
                        request(bhttp::verb::post, "/v1/kyso/sign-document", sign_request(d)), 30s);
    ASSERT_TRUE(res && res->result_int() == 202) << (res ? res->body() : "no answer");
    d.id = json::parse(res->body()).value("id", "");
    ASSERT_FALSE(d.id.empty()) << res->body();
  };

  // A batch of documents per kill: each kill meets signatures awaiting approval (checked just
  // before it) and others just submitted (being prepared or sent to the CA); a random pause
  // before the check moves the kill over those steps.
  const std::size_t batches = static_cast<std::size_t>(kills) + 1;
  const std::size_t per_batch = (docs.size() + batches - 1) / batches;
  std::mt19937 rng(20261212);
  std::uniform_int_distribution<int> pause(0, 900);
  std::vector<int> awaiting_at_kill;
  int done_kills = 0;
  std::size_t next = 0;
  for (int k = 0; k < kills; ++k) {
    for (std::size_t i = 0; i < per_batch && next < docs.size(); ++i) {
      ASSERT_NO_FATAL_FAILURE(submit(docs[next++]));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(pause(rng)));
    int awaiting = 0;
    const auto until = std::chrono::steady_clock::now() + 10s;
    while ((awaiting = awaiting_now()) == 0 && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(50ms);
    }
    awaiting_at_kill.push_back(awaiting);
    if (rig.kill_hub()) ++done_kills;
    ASSERT_EQ(rig.start_hub(), "") << rig.hub_logs();
  }
  while (next < docs.size()) ASSERT_NO_FATAL_FAILURE(submit(docs[next++]));

  // Every message ends: delivered or dead.
  const auto until = std::chrono::steady_clock::now() + 45s;
  for (;;) {
    std::size_t open = 0;
    for (const auto& d : docs) {
      if (last.contains(d.id) && finished(last[d.id])) continue;
      const auto s = status(d.id);
      if (!s || !finished(*s)) ++open;
    }
    if (open == 0 || std::chrono::steady_clock::now() > until) break;
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(done_kills, kills);
  for (int a : awaiting_at_kill) EXPECT_GT(a, 0) << "a kill met no signature awaiting approval";

  // Each one as its signer made it end; the signed files are fetched and checked by the tools.
  const auto& pki = security::testing::dev_pki();
  std::map<std::string, int> signed_by_format;
  for (const auto& d : docs) {
    SCOPED_TRACE(d.file_name + " " + d.id);
    const json s = last[d.id];
    ASSERT_TRUE(s.is_object()) << "no status of the message";
    const json signing = s.contains("signing") ? s["signing"] : json::object();
    if (d.outcome != Outcome::kSigned) {
      EXPECT_EQ(s.value("state", ""), "dead") << s.dump();
      const std::string reason = testing::field(s, "deadReason");
      if (d.outcome == Outcome::kRejected) {
        EXPECT_NE(reason.find("the signer rejected the signature"), std::string::npos) << s.dump();
        EXPECT_EQ(signing.value("state", ""), "rejected") << s.dump();
      } else {
        EXPECT_NE(reason.find("does not verify"), std::string::npos) << s.dump();
        EXPECT_EQ(signing.value("state", ""), "refused") << s.dump();
      }
      auto doc = try_http(rig.hub_port(), request(bhttp::verb::get, "/v1/documents/" + d.id), 10s);
      EXPECT_TRUE(doc && doc->result_int() == 404) << "a document for a signature that ended";
      continue;
    }
    ASSERT_EQ(s.value("state", ""), "delivered") << s.dump() << rig.hub_logs();
    const auto& result = s["result"];
    EXPECT_EQ(result.value("format", ""), d.format) << s.dump();
    EXPECT_EQ(result.value("caTransactionId", ""), ca_transaction(s)) << s.dump();
    const std::string link = result.value("document", "");
    auto res = try_http(rig.hub_port(), request(bhttp::verb::get, link), 10s);
    ASSERT_TRUE(res && res->result_int() == 200) << link;
    const auto signed_file = rig.file(d.id + "-" + d.file_name + (d.format == "cms" ? ".p7s" : ""));
    testing::write_file(signed_file, res->body());
    if (d.format == "pades") {
      EXPECT_EQ(res->body().substr(0, d.bytes.size()), d.bytes) << "not an incremental update";
      const auto out = shell("pdfsig " + signed_file.string());
      EXPECT_NE(out.find("Signature Validation: Signature is Valid."), std::string::npos) << out;
      EXPECT_NE(out.find("Total document signed"), std::string::npos) << out;
    } else if (d.format == "xades") {
      const auto out = shell(
          "xmlsec1 --verify --enabled-reference-uris empty,same-doc "
          "--id-attr:Id http://uri.etsi.org/01903/v1.3.2#:SignedProperties --trusted-pem " +
          (pki / "root-ca.pem").string() + " --untrusted-pem " +
          (pki / "intermediate-ca.pem").string() + " " + signed_file.string());
      EXPECT_NE(out.find("OK"), std::string::npos) << out;
      EXPECT_EQ(out.find("FAIL"), std::string::npos) << out;
    } else {
      const auto content = rig.file(d.id + "-" + d.file_name);
      testing::write_file(content, d.bytes);
      const auto out = shell("openssl cms -verify -binary -inform DER -in " + signed_file.string() +
                             " -CAfile " + (pki / "root-ca.pem").string() +
                             " -purpose any -out /dev/null -content " + content.string());
      EXPECT_NE(out.find("Verification successful"), std::string::npos) << out;
    }
    ++signed_by_format[d.format];
  }
  EXPECT_EQ(rig.stop_hub(), 0);

  // The CA's side: one transaction per message id, never a second request with other content.
  auto res =
      try_http(rig.kyso_port(), request(bhttp::verb::get, "/_sandbox/kyso/transactions"), 30s);
  ASSERT_TRUE(res && res->result_int() == 200);
  const auto transactions = json::parse(res->body(), nullptr, false);
  ASSERT_TRUE(transactions.is_array()) << res->body();
  std::map<std::string, std::vector<json>> by_message;
  for (const auto& t : transactions) by_message[t.value("transaction_id", "")].push_back(t);
  EXPECT_EQ(transactions.size(), docs.size()) << "CA transactions for messages nobody sent";
  std::size_t sign_requests = 0;
  std::size_t resent = 0;
  for (const auto& d : docs) {
    SCOPED_TRACE(d.file_name + " " + d.id);
    const auto& ts = by_message[d.id];
    ASSERT_EQ(ts.size(), 1U) << "not exactly one CA transaction for the message";
    const auto& t = ts.front();
    EXPECT_EQ(t.value("conflicts", -1), 0) << t.dump() << ": asked to sign something else";
    EXPECT_EQ(t.value("approvals", -1), 1) << t.dump();
    EXPECT_GE(t.value("sign_requests", 0), 1) << t.dump();
    EXPECT_EQ(t.value("user_id", ""), d.signer) << t.dump();
    EXPECT_EQ(t.value("doc_ids", json()), json::array({d.id})) << t.dump();
    EXPECT_EQ(t.value("tran_id", ""), ca_transaction(last[d.id])) << t.dump();
    const auto n = t.value("sign_requests", std::size_t{0});
    sign_requests += n;
    if (n > 1) ++resent;
  }

  // The hub's record of each signature: asked once (one move to awaiting_approval), and ended
  // as its message did.
  config::StoreConfig store;
  store.path = rig.sqlite_file();
  auto opened = store::open_store(store);
  ASSERT_TRUE(opened) << opened.error().detail;
  for (const auto& d : docs) {
    SCOPED_TRACE(d.file_name + " " + d.id);
    auto record = (*opened)->get_record("signature", d.id);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->state, d.outcome == Outcome::kSigned     ? "signed"
                             : d.outcome == Outcome::kRejected ? "rejected"
                                                               : "refused");
    auto events = (*opened)->record_events("signature", d.id);
    ASSERT_TRUE(events);
    EXPECT_EQ(std::count_if(events->begin(), events->end(),
                            [](const auto& e) { return e.to_state == "awaiting_approval"; }),
              1);
  }

  std::string awaiting;
  for (int a : awaiting_at_kill) awaiting += (awaiting.empty() ? "" : ",") + std::to_string(a);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  std::cout << "[ kyso crash ] " << done_kills << " kills (awaiting approval at each: " << awaiting
            << "), " << docs.size() << " documents: " << signed_by_format["pades"] << " PAdES, "
            << signed_by_format["xades"] << " XAdES, " << signed_by_format["cms"]
            << " CMS signed and verified, "
            << std::count_if(docs.begin(), docs.end(),
                             [](const auto& d) { return d.outcome != Outcome::kSigned; })
            << " dead with their reason; " << transactions.size() << " CA transactions (one per"
            << " message, no conflicts), " << sign_requests << " sign requests (" << resent
            << " of the messages asked again after a kill: the same request, the same "
               "transaction), "
            << seconds << " s\n";
}

}  // namespace
}  // namespace lienthong::crash
