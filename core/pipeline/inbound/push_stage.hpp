#pragma once

#include <memory>
#include <string>

#include "core/pipeline/inbound/provincial_target.hpp"
#include "core/pipeline/stage.hpp"

namespace lienthong::http {
class HttpClient;
}

namespace lienthong::pipeline {

/// The delivery stage of an inbound route: POSTs the stored canonical message to its
/// provincial target (provincial_target.hpp) and keeps the answer as the message's result.
/// Named "deliver" like the outbound deliver stage on purpose: it is the one stage that reaches
/// a far side, so core/delivery/classify treats its failures the same way (timeouts,
/// connection errors, 5xx and 429 are retried, other refusals are dead at once).
class PushStage final : public Stage {
 public:
  PushStage(ProvincialTarget target, std::string source, http::HttpClient* client);
  [[nodiscard]] std::string_view name() const override { return "deliver"; }
  [[nodiscard]] boost::asio::awaitable<Result<void>> run(Exchange& exchange) const override;

 private:
  ProvincialTarget target_;
  std::string source_;  ///< "connector/operation", sent as X-Lienthong-Inbound
  http::HttpClient* client_;
};

}  // namespace lienthong::pipeline
