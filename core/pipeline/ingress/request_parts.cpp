#include "core/pipeline/ingress/request_parts.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "core/base/uuid.hpp"
#include "core/config/inbound_config.hpp"
#include "core/log/log.hpp"
#include "core/pipeline/ingress/ingress.hpp"

namespace lienthong::pipeline {

std::string new_traceparent() {
  std::array<unsigned char, 24> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) return {};
  random[0] |= 1;   // never the all-zero trace id W3C forbids
  random[16] |= 1;  // nor the all-zero parent id
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "00-";
  for (std::size_t i = 0; i < random.size(); ++i) {
    if (i == 16) out += '-';
    out += kHex[random[i] >> 4];
    out += kHex[random[i] & 0xf];
  }
  out += "-01";
  return out;
}

std::string_view trace_id(std::string_view traceparent) {
  return traceparent.size() == 55 ? traceparent.substr(3, 32) : std::string_view();
}

Exchange begin_exchange(const http::Request& req) {
  Exchange ex;
  ex.id = uuid_v7();
  auto cid = req["X-Correlation-ID"];
  ex.correlation_id = valid_correlation_id(cid) ? std::string(cid) : ex.id;
  // A call without trace context starts a trace here, so every exchange can be followed by one
  // id through the hub's log lines, the far side and the message's status.
  const auto tp = req["traceparent"];
  ex.traceparent = valid_traceparent(tp) ? std::string(tp) : new_traceparent();
  return ex;
}

void stamp(http::Response& res, const Exchange& ex) {
  res.set("X-Message-ID", ex.id);
  res.set("X-Correlation-ID", ex.correlation_id);
  if (!ex.traceparent.empty()) res.set("traceparent", ex.traceparent);
}

void log_exchange(const Exchange& ex, int status, std::string_view problem) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  ex.started)
                .count();
  log::info("exchange", {{"id", ex.id},
                         {"correlation_id", ex.correlation_id},
                         {"trace_id", std::string(trace_id(ex.traceparent))},
                         {"client", ex.client},
                         {"connector", ex.connector},
                         {"operation", ex.operation},
                         {"status", std::to_string(status)},
                         {"problem", std::string(problem)},
                         {"ms", std::to_string(ms)}});
}

Result<const Client*> identify_caller(const http::Incoming& incoming, const ClientRegistry& clients,
                                      Exchange& exchange) {
  if (incoming.peer_certificate_problem) return *incoming.peer_certificate_problem;
  auto client =
      clients.authenticate(incoming.request[boost::beast::http::field::authorization],
                           incoming.peer_certificate_subject, incoming.peer_certificate_sha256);
  if (!client) return std::move(client).error();
  exchange.client = (*client)->name;
  return *client;
}

bool is_json_media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  auto media = content_type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  return media.size() == kJson.size() &&
         std::equal(media.begin(), media.end(), kJson.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

namespace {

// nlohmann reports a number beyond double range (`1e999`) as out_of_range 406 without saying
// where it is; this SAX (the DOM builder plus a path stack) knows the JSON Pointer of the value
// being read when the parser gives up. Hand-written because the library has no such hook.
class PointedDomSax : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
  using Base = nlohmann::detail::json_sax_dom_parser<nlohmann::json>;
  struct Frame {
    bool array = false;
    std::size_t count = 0;  ///< elements completed (arrays)
    std::string key;        ///< the member being read (objects)
  };

 public:
  explicit PointedDomSax(nlohmann::json& root) : Base(root, true) {}

  bool null() { return done(Base::null()); }
  bool boolean(bool v) { return done(Base::boolean(v)); }
  bool number_integer(number_integer_t v) { return done(Base::number_integer(v)); }
  bool number_unsigned(number_unsigned_t v) { return done(Base::number_unsigned(v)); }
  bool number_float(number_float_t v, const string_t& s) { return done(Base::number_float(v, s)); }
  bool string(string_t& v) { return done(Base::string(v)); }
  bool binary(binary_t& v) { return done(Base::binary(v)); }
  bool start_object(std::size_t n) {
    frames_.push_back({});
    return Base::start_object(n);
  }
  bool key(string_t& k) {
    frames_.back().key = k;
    return Base::key(k);
  }
  bool end_object() {
    frames_.pop_back();
    return done(Base::end_object());
  }
  bool start_array(std::size_t n) {
    frames_.push_back({.array = true});
    return Base::start_array(n);
  }
  bool end_array() {
    frames_.pop_back();
    return done(Base::end_array());
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& ex) {
    nlohmann::json::json_pointer at;
    for (const auto& f : frames_) at = f.array ? at / f.count : at / f.key;
    pointer_ = at.to_string();
    return Base::parse_error(position, token, ex);
  }

  [[nodiscard]] const std::string& pointer() const { return pointer_; }

 private:
  bool done(bool ok) {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().count;
    return ok;
  }
  std::vector<Frame> frames_;
  std::string pointer_;
};

}  // namespace

Result<nlohmann::json> parse_json_body(const std::string& body) {
  nlohmann::json root;
  PointedDomSax sax(root);
  try {
    nlohmann::json::sax_parse(body, &sax);
    return root;
  } catch (const nlohmann::json::parse_error& e) {
    return Problem::make(ProblemKind::kMalformed, "the body is not valid JSON (error at byte " +
                                                      std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::out_of_range&) {
    // A number no double holds: the text is JSON, the value is not one the hub can carry.
    Problem p = Problem::make(ProblemKind::kInvalid, "a number is out of range");
    p.errors.push_back({sax.pointer(), "number out of range (beyond ±1.8e308)"});
    return p;
  }
}

std::optional<std::pair<std::string, std::string>> split_route(std::string_view target,
                                                               std::string_view prefix) {
  auto path = target.substr(0, target.find('?'));
  if (!path.starts_with(prefix)) return std::nullopt;
  path.remove_prefix(prefix.size());
  auto slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto connector = path.substr(0, slash);
  auto operation = path.substr(slash + 1);
  if (!config::is_route_name(connector) || !config::is_route_name(operation)) return std::nullopt;
  return std::make_pair(std::string(connector), std::string(operation));
}

}  // namespace lienthong::pipeline
