#include "sandbox/kyso/kyso_mock.hpp"

#include <openssl/ocsp.h>

#include <boost/beast/core/string.hpp>
#include <optional>

#include "core/base/base64.hpp"
#include "core/security/certificates/certificates.hpp"
#include "sandbox/responses.hpp"

namespace lienthong::sandbox::kyso {
namespace {

namespace bhttp = http::beast::http;

http::Response text(const http::Request& request, bhttp::status status, std::string message) {
  return make_response(request, status, "text/plain; charset=utf-8", std::move(message) + "\n");
}

http::Response not_allowed(const http::Request& request, std::string_view allow) {
  auto response = text(request, bhttp::status::method_not_allowed,
                       "method not allowed; use " + std::string(allow));
  response.set(bhttp::field::allow, allow);
  return response;
}

http::Response ocsp(const http::Request& request, bhttp::status status, const OcspReply& reply) {
  return make_response(request, status, kOcspResponseType, reply.der);
}

// Percent-decoding of a path segment: unlike a query, '+' stays '+' (it is a base64 digit).
std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int value = 0;
    for (char c : s.substr(i + 1, 2)) {
      value *= 16;
      if (c >= '0' && c <= '9') {
        value += c - '0';
      } else if (c >= 'a' && c <= 'f') {
        value += c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        value += c - 'A' + 10;
      } else {
        return std::nullopt;
      }
    }
    out += static_cast<char>(value);
    i += 2;
  }
  return out;
}

bool has_content_type(const http::Request& request, std::string_view wanted) {
  const auto it = request.find(bhttp::field::content_type);
  if (it == request.end()) return false;
  std::string_view type = it->value();
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  return boost::beast::iequals(type, wanted);
}

std::string_view path_of(const http::Request& request) {
  const std::string_view target = request.target();
  return target.substr(0, target.find('?'));
}

}  // namespace

KysoMock::KysoMock(OcspResponder responder, std::optional<TimeStampAuthority> tsa,
                   std::shared_ptr<RemoteSigningApi> signing)
    : responder_(std::move(responder)), tsa_(std::move(tsa)), signing_(std::move(signing)) {}

Result<std::shared_ptr<KysoMock>, config::ConfigErrors> KysoMock::load(
    const OcspResponderFiles& files, OcspResponderOptions options,
    const std::optional<TsaFiles>& tsa_files, std::shared_ptr<RemoteSigningApi> signing) {
  auto responder = OcspResponder::load(files, std::move(options));
  if (!responder) return std::move(responder).error();
  std::optional<TimeStampAuthority> tsa;
  if (tsa_files) {
    auto loaded = TimeStampAuthority::load(*tsa_files);
    if (!loaded) return config::ConfigErrors{loaded.error()};
    tsa = std::move(*loaded);
  }
  return std::make_shared<KysoMock>(std::move(*responder), std::move(tsa), std::move(signing));
}

http::Response KysoMock::time_stamp(const http::Request& request) const {
  if (request.method() != bhttp::verb::post) return not_allowed(request, "POST");
  if (!tsa_) {
    return text(request, bhttp::status::service_unavailable,
                "this dev PKI has no TSA certificate (tsa.pem): remove certs/dev and run "
                "certs/gen-dev-pki.sh");
  }
  if (!has_content_type(request, kTsaQueryType)) {
    return text(request, bhttp::status::bad_request,
                "Content-Type must be " + std::string(kTsaQueryType));
  }
  const auto reply = tsa_->respond(request.body());
  if (reply.der.empty()) {
    return text(request, bhttp::status::internal_server_error, "the TSA could not sign");
  }
  return make_response(request, bhttp::status::ok, kTsaReplyType, reply.der);
}

http::Response KysoMock::handle(const http::Request& request) {
  const std::string_view path = path_of(request);
  const std::string prefix = std::string(kOcspPath) + "/";
  if (path == kTsaPath) return time_stamp(request);
  if (RemoteSigningApi::owns(path)) {
    return signing_ ? signing_->handle(request) : RemoteSigningApi::unavailable(request);
  }

  if (path == kOcspPath || path == prefix) {
    if (request.method() == bhttp::verb::get) {
      return text(request, bhttp::status::bad_request,
                  "GET needs the request in the path: /ocsp/{url-encoded base64 DER}");
    }
    if (request.method() != bhttp::verb::post) return not_allowed(request, "POST, GET");
    if (!has_content_type(request, kOcspRequestType)) {
      return text(request, bhttp::status::bad_request,
                  "Content-Type must be " + std::string(kOcspRequestType));
    }
    return ocsp(request, bhttp::status::ok, responder_.respond(request.body()));
  }

  if (path.starts_with(prefix)) {
    if (request.method() != bhttp::verb::get) return not_allowed(request, "GET");
    // Base64 may contain '/', so everything after the prefix is the request.
    const auto decoded = percent_decode(path.substr(prefix.size()));
    const auto der = decoded ? decode_base64(*decoded) : std::nullopt;
    if (!der) {
      return ocsp(request, bhttp::status::ok,
                  OcspResponder::status_only(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST));
    }
    return ocsp(request, bhttp::status::ok, responder_.respond(*der));
  }

  return text(request, bhttp::status::not_found,
              "no such resource; the OCSP responder is at " + std::string(kOcspPath) +
                  ", the time-stamp authority at " + std::string(kTsaPath) +
                  ", the remote-signing API under /v1/");
}

http::Response KysoMock::injected_signature_fault(const http::Request& request, FaultMode mode) {
  if (signing_ && RemoteSigningApi::owns(path_of(request))) return signing_->handle(request, mode);
  return handle(request);
}

http::Response KysoMock::injected_failure(const http::Request& request) {
  if (RemoteSigningApi::owns(path_of(request))) return RemoteSigningApi::injected_failure(request);
  return ocsp(request, bhttp::status::internal_server_error,
              OcspResponder::status_only(OCSP_RESPONSE_STATUS_INTERNALERROR));
}

}  // namespace lienthong::sandbox::kyso
