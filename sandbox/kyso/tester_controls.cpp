#include "sandbox/kyso/tester_controls.hpp"

#include "sandbox/kyso/wire.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::kyso {

namespace bhttp = http::beast::http;

nlohmann::json to_json(const SigningTransaction& transaction) {
  auto doc_ids = nlohmann::json::array();
  for (const auto& file : transaction.content.files) doc_ids.push_back(file.doc_id);
  return {{"transaction_id", transaction.transaction_id}, {"tran_id", transaction.tran_id},
          {"tran_code", transaction.tran_code},           {"user_id", transaction.content.user_id},
          {"sign_requests", transaction.sign_requests},   {"conflicts", transaction.conflicts},
          {"status_polls", transaction.status_polls},     {"approvals", transaction.approvals},
          {"status", to_string(transaction.status)},      {"doc_ids", std::move(doc_ids)}};
}

TesterControls::TesterControls(std::shared_ptr<SigningTransactions> transactions)
    : transactions_(std::move(transactions)) {}

std::optional<http::Response> TesterControls::handle(const http::Request& request) const {
  const std::string_view target = request.target();
  if (target.substr(0, target.find('?')) != kTransactionsControlPath) return std::nullopt;
  if (!transactions_) {
    return problem_response(request, ProblemKind::kUnavailable,
                            "remote signing is unavailable: this dev PKI has no signer "
                            "certificates (remove certs/dev and run certs/gen-dev-pki.sh)");
  }
  switch (request.method()) {
    case bhttp::verb::get: {
      auto list = nlohmann::json::array();
      for (const auto& t : transactions_->list()) list.push_back(to_json(t));
      return json_response(request, bhttp::status::ok, list);
    }
    case bhttp::verb::delete_: {
      transactions_->clear();
      http::Response response{bhttp::status::no_content, request.version()};
      response.keep_alive(request.keep_alive());
      return response;
    }
    default: {
      auto response =
          problem_response(request, ProblemKind::kMethodNotAllowed, "allowed methods: GET, DELETE");
      response.set(bhttp::field::allow, "GET, DELETE");
      return response;
    }
  }
}

}  // namespace lienthong::sandbox::kyso
