#include "connectors/kyso/ca_wire.hpp"

#include <algorithm>
#include <cctype>

namespace lienthong::connectors::kyso {
namespace {

constexpr std::size_t kMaxMessage = 200;

Problem ca_problem(ProblemKind kind, int status, std::string message) {
  if (message.size() > kMaxMessage) message.resize(kMaxMessage);
  Problem p = Problem::make(kind, "the CA answered " + std::to_string(status) + ": " + message);
  p.upstream = Upstream{status, message, message};
  return p;
}

}  // namespace

nlohmann::json ca_request(const Account& account, nlohmann::json fields) {
  if (!fields.is_object()) fields = nlohmann::json::object();
  fields["sp_id"] = account.sp_id;
  fields["sp_password"] = account.sp_password;
  return fields;
}

Result<nlohmann::json> read_ca_answer(unsigned http_status, std::string_view body) {
  const auto answer = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  const bool envelope = answer.is_object() && answer.contains("status_code") &&
                        answer["status_code"].is_number_integer();
  if (!envelope) {
    auto p = Problem::make(ProblemKind::kUpstreamError,
                           "the CA's answer (HTTP " + std::to_string(http_status) +
                               ") is not its {status_code, message, data} envelope");
    p.upstream = Upstream{static_cast<int>(http_status), "", ""};
    return p;
  }
  const int code = answer["status_code"].get<int>();
  const std::string message = answer.contains("message") && answer["message"].is_string()
                                  ? answer["message"].get<std::string>()
                                  : "";
  if (code == 200 && http_status == 200) {
    if (!answer.contains("data") || !answer["data"].is_object()) {
      return ca_problem(ProblemKind::kUpstreamError, 200, "success without data");
    }
    return answer["data"];
  }
  if (code == 404) return ca_problem(ProblemKind::kUpstreamNotFound, code, message);
  return ca_problem(ProblemKind::kUpstreamError, code == 200 ? static_cast<int>(http_status) : code,
                    message);
}

Result<std::string> status_path(std::string_view sign_path, std::string_view tran_id) {
  const bool safe =
      !tran_id.empty() && tran_id.size() <= 128 &&
      std::all_of(tran_id.begin(), tran_id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
      });
  if (!safe) {
    auto p = Problem::make(ProblemKind::kUpstreamError,
                           "the CA answered a transaction id that cannot be asked about");
    p.upstream = Upstream{200, "transaction_id", "unusable transaction id"};
    return p;
  }
  std::string path(sign_path);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path + "/" + std::string(tran_id) + "/status";
}

}  // namespace lienthong::connectors::kyso
