#include "sandbox/paygov/ipn_sender.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/strand.hpp>

#include "core/log/log.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::paygov {

namespace asio = boost::asio;
namespace bhttp = http::beast::http;

namespace {

constexpr std::size_t kKeptAnswer = 4 * 1024;

bool confirmed(const IpnAttempt& a) {
  return a.error.empty() && a.answer_verified &&
         (a.answer_code == kIpnAnswerConfirmed || a.answer_code == kIpnAnswerAlreadyConfirmed);
}

}  // namespace

IpnSender::IpnSender(asio::any_io_executor executor, IpnSenderOptions options,
                     std::shared_ptr<PaymentBook> book)
    : executor_(executor),
      options_(std::move(options)),
      book_(std::move(book)),
      client_(executor, http::ClientOptions{}) {}

void IpnSender::dispatch(IpnJob job) {
  if (stopped_) return;
  ++in_flight_;
  asio::co_spawn(asio::make_strand(executor_), run(shared_from_this(), std::move(job)),
                 asio::detached);
}

asio::awaitable<void> IpnSender::run(std::shared_ptr<IpnSender> self, IpnJob job) {
  co_await self->deliver(std::move(job));
  --self->in_flight_;
}

void IpnSender::stop() {
  stopped_ = true;
  waits_.stop();
}

asio::awaitable<IpnAttempt> IpnSender::send_once(const IpnJob& job, int attempt) {
  http::Request request{bhttp::verb::post, options_.url.target, 11};
  request.set(bhttp::field::content_type, "application/json; charset=utf-8");
  request.set(bhttp::field::authorization, "Bearer " + options_.key);
  request.body() = dump_json(job.body);
  request.prepare_payload();
  auto response = co_await client_.send(options_.url, std::move(request), options_.timeout);

  IpnAttempt out;
  out.at = now_of(options_.now);
  out.mode = std::string(mode_name(job.mode));
  out.ma_loi = job.ma_loi;
  out.attempt = attempt;
  if (!response) {
    out.error = "the call failed: " + response.error().detail;
  } else {
    out.http_status = static_cast<int>(response->result_int());
    out.answer_body = response->body().substr(0, kKeptAnswer);
    const auto answer = read_ipn_answer(response->body(), options_.partner);
    out.answer_code = answer.code;
    out.answer_verified = answer.verified;
    if (response->result() != bhttp::status::ok) {
      out.error = "HTTP " + std::to_string(out.http_status);
    } else if (!answer.verified) {
      out.error = answer.problem;
    }
  }
  log::info("sandbox.paygov_ipn", {{"reference", job.reference},
                                   {"mode", out.mode},
                                   {"attempt", std::to_string(attempt)},
                                   {"status", std::to_string(out.http_status)},
                                   {"answer", out.answer_code},
                                   {"verified", out.answer_verified ? "true" : "false"}});
  co_return out;
}

asio::awaitable<void> IpnSender::deliver(IpnJob job) {
  if (job.delay.count() > 0 && !co_await waits_.wait(job.delay)) co_return;
  int attempt = 0;
  for (int send = 0; send < job.sends && !stopped_; ++send) {
    // Like a real platform: a notice the partner did not confirm is sent again, a few times.
    for (int tries = 0; !stopped_; ++tries) {
      if (tries > 0 && !co_await waits_.wait(options_.resend_delay)) co_return;
      auto result = co_await send_once(job, ++attempt);
      const bool done = confirmed(result);
      book_->record_ipn(job.reference, std::move(result));
      if (done || !job.resend || tries >= options_.resends) break;
    }
  }
}

}  // namespace lienthong::sandbox::paygov
