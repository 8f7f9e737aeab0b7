// The kyso end-to-end fixture: the hub with the sandbox's remote-signing CA approving within
// 200 ms, polled every second; helpers to make documents, sign them and run Debian's verifiers.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "core/base/base64.hpp"
#include "hub_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/sample_pdf.hpp"
#include "tests/support/test_pki.hpp"

namespace lienthong::testing {

namespace bhttp = boost::beast::http;
using Json = nlohmann::json;

/// Sandbox signer accounts (sandbox/data/signers.json).
inline constexpr const char* kApproves = "079085001234";
inline constexpr const char* kRejects = "001190004321";
inline constexpr const char* kIgnores = "048200005678";
inline constexpr const char* kWrongValue = "031075009999";
inline constexpr const char* kRevokedSigner = "036088000111";
inline constexpr const char* kExpiredSigner = "040070002222";

/// A string member of `j`, or "" when absent or null (status fields are null when unset).
inline std::string field(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

inline std::string sample_xml() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<QuyetDinh xmlns=\"urn:lienthong:test\" so=\"01/QD-UBND\">\n"
         "  <!-- a comment -->\n"
         "  <NoiDung>Cấp giấy phép xây dựng</NoiDung>\n"
         "</QuyetDinh>\n";
}

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class KysoTest : public HubFixture {
 protected:
  void customize_sandbox(sandbox::SandboxOptions& options) override {
    options.kyso_approval = std::chrono::milliseconds(200);
    options.kyso_expiry = std::chrono::milliseconds(1500);
  }
  void customize(config::HubConfig& config) override {
    for (auto& c : config.connectors) {
      if (c.id != "kyso") continue;
      c.signing->poll_every_s = 1;
      c.delivery.backoff_initial_ms = 200;
      c.delivery.backoff_max_ms = 1000;
    }
  }

  static Json sign_request(const std::string& signer, const std::string& file_name,
                           const std::string& type, std::string_view bytes,
                           const std::string& signature = "") {
    Json r{
        {"signerId", signer},
        {"document",
         {{"fileName", file_name}, {"contentType", type}, {"contentBase64", base64_encode(bytes)}}},
        {"reason", "Phê duyệt"},
        {"location", "Hạ Long"}};
    if (!signature.empty()) r["signature"] = signature;
    return r;
  }
  /// Posts a sign-document request; its message id (after checking the 202).
  std::string sign(const Json& request) {
    const auto res = post_json("/v1/kyso/sign-document", request);
    EXPECT_EQ(res.result_int(), 202) << res.body();
    EXPECT_EQ(std::string(res[bhttp::field::location]).rfind("/v1/messages/", 0), 0u);
    return body_json(res).value("id", "");
  }
  http::Response get(const std::string& target, const std::string& accept = "") {
    http::Request req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::authorization, std::string("Bearer ") + kKey);
    if (!accept.empty()) req.set(bhttp::field::accept, accept);
    return send_http(hub_port(), std::move(req));
  }
  Json status(const std::string& id) { return body_json(get("/v1/messages/" + id)); }
  /// Polls the message until it is delivered or dead (or `limit` passes); its last status.
  /// `saw_awaiting` tells whether it was ever seen awaiting the signer's approval.
  Json finished(const std::string& id, bool* saw_awaiting = nullptr,
                std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    Json s;
    while (std::chrono::steady_clock::now() < until) {
      s = status(id);
      const std::string state = s.value("state", "");
      if (state == "awaiting_approval" && saw_awaiting != nullptr) {
        *saw_awaiting = true;
        EXPECT_FALSE(s["signing"].value("caTransactionId", "").empty()) << s.dump();
      }
      if (state == "delivered" || state == "dead") return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "message " << id << " did not finish: " << s.dump();
    return s;
  }
  /// The CA's signing transactions as the sandbox's testers' view lists them.
  Json ca_transactions() {
    return body_json(sandbox("kyso", bhttp::verb::get, "/_sandbox/kyso/transactions"));
  }
  std::size_t sign_requests_for(const std::string& message_id) {
    std::size_t n = 0;
    for (const auto& t : ca_transactions()) {
      if (t.value("transaction_id", "") == message_id) n += t.value("sign_requests", 0u);
    }
    return n;
  }
  /// The signed file of a delivered message, fetched as the caller would.
  std::string signed_file(const Json& delivered) {
    const std::string link = delivered["result"].value("document", "");
    EXPECT_EQ(link.rfind("/v1/documents/", 0), 0u) << delivered.dump();
    const auto res = get(link);
    EXPECT_EQ(res.result_int(), 200) << res.body().substr(0, 300);
    return res.body();
  }
  std::filesystem::path temp(const std::string& name) const {
    return std::filesystem::temp_directory_path() /
           ("lt-kyso-" + std::to_string(::getpid()) + "-" + name);
  }
};

}  // namespace lienthong::testing
