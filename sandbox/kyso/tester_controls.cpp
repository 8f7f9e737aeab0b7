#include "sandbox/kyso/tester_controls.hpp"

#include "core/log/log.hpp"
#include "sandbox/kyso/wire.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace bhttp = http::beast::http;

http::Response method_not_allowed(const http::Request& request, std::string_view allow) {
  auto response = problem_response(request, ProblemKind::kMethodNotAllowed,
                                   "allowed methods: " + std::string(allow));
  response.set(bhttp::field::allow, allow);
  return response;
}

http::Response unavailable(const http::Request& request) {
  return problem_response(request, ProblemKind::kUnavailable,
                          "remote signing is unavailable: this dev PKI has no signer "
                          "certificates (remove certs/dev and run certs/gen-dev-pki.sh)");
}

// Who gave the final answer: the tester, the holder (on schedule), nobody yet / never.
nlohmann::json answered_by(const SigningTransaction& transaction) {
  if (transaction.tester_answered) return "tester";
  if (transaction.status == SigningStatus::kSuccess ||
      transaction.status == SigningStatus::kRejected) {
    return "holder";
  }
  return nullptr;
}

}  // namespace

nlohmann::json to_json(const SigningTransaction& transaction) {
  auto doc_ids = nlohmann::json::array();
  for (const auto& file : transaction.content.files) doc_ids.push_back(file.doc_id);
  return {{"transaction_id", transaction.transaction_id},
          {"tran_id", transaction.tran_id},
          {"tran_code", transaction.tran_code},
          {"user_id", transaction.content.user_id},
          {"sign_requests", transaction.sign_requests},
          {"conflicts", transaction.conflicts},
          {"status_polls", transaction.status_polls},
          {"approvals", transaction.approvals},
          {"status", to_string(transaction.status)},
          {"answered_by", answered_by(transaction)},
          {"doc_ids", std::move(doc_ids)}};
}

TesterControls::TesterControls(std::shared_ptr<SigningTransactions> transactions)
    : transactions_(std::move(transactions)) {}

std::optional<http::Response> TesterControls::handle(const http::Request& request) const {
  const std::string_view target = request.target();
  const auto path = target.substr(0, target.find('?'));
  if (path == kTransactionsControlPath) return transactions_route(request);
  if (path.starts_with(kSignControlPrefix)) {
    return answer_route(request, path.substr(kSignControlPrefix.size()));
  }
  return std::nullopt;
}

http::Response TesterControls::transactions_route(const http::Request& request) const {
  if (!transactions_) return unavailable(request);
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
    default:
      return method_not_allowed(request, "GET, DELETE");
  }
}

http::Response TesterControls::answer_route(const http::Request& request,
                                            std::string_view rest) const {
  // rest = "{tran_id}/approve" or "{tran_id}/reject"
  const auto slash = rest.find('/');
  const auto tran_id = rest.substr(0, slash);
  const auto action = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  if (tran_id.empty() || (action != kApproveAction && action != kRejectAction)) {
    return problem_response(request, ProblemKind::kNotFound,
                            "use POST /_sandbox/sign/{tran_id}/approve or /reject");
  }
  if (request.method() != bhttp::verb::post) return method_not_allowed(request, "POST");
  if (!transactions_) return unavailable(request);
  const auto answered = transactions_->answer(tran_id, action == kApproveAction);
  switch (answered.outcome) {
    case SigningTransactions::AnswerOutcome::kUnknown:
      return problem_response(request, ProblemKind::kNotFound,
                              "no signing transaction with tran_id " + std::string(tran_id));
    case SigningTransactions::AnswerOutcome::kEnded:
      return problem_response(request, ProblemKind::kConflict,
                              "the transaction has already ended: " +
                                  std::string(to_string(answered.transaction->status)));
    case SigningTransactions::AnswerOutcome::kAnswered:
      break;
  }
  // The CA's own id and the answer only: no user_id, name or caller's id in the log.
  log::info("sandbox.kyso_tester_answered",
            {{"tran_id", answered.transaction->tran_id},
             {"status", std::string(to_string(answered.transaction->status))}});
  return json_response(request, bhttp::status::ok, to_json(*answered.transaction));
}

}  // namespace lienthong::sandbox::kyso
