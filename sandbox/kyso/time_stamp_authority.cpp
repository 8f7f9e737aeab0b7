#include "sandbox/kyso/time_stamp_authority.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ts.h>

#include <chrono>
#include <climits>

namespace lienthong::sandbox::kyso {
namespace {

struct TsDeleter {
  void operator()(TS_RESP_CTX* p) const { TS_RESP_CTX_free(p); }
  void operator()(TS_RESP* p) const { TS_RESP_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(ASN1_OBJECT* p) const { ASN1_OBJECT_free(p); }
};
using TsCtxPtr = std::unique_ptr<TS_RESP_CTX, TsDeleter>;
using TsRespPtr = std::unique_ptr<TS_RESP, TsDeleter>;
using BioPtr = std::unique_ptr<BIO, TsDeleter>;
using ObjectPtr = std::unique_ptr<ASN1_OBJECT, TsDeleter>;

struct SerialSource {
  std::atomic<long>* next;
};

// TS_RESP_CTX asks for each token's serial through this callback.
ASN1_INTEGER* next_serial(TS_RESP_CTX* /*ctx*/, void* data) {
  auto* source = static_cast<SerialSource*>(data);
  ASN1_INTEGER* serial = ASN1_INTEGER_new();
  if (serial != nullptr && ASN1_INTEGER_set(serial, source->next->fetch_add(1)) == 1) {
    return serial;
  }
  ASN1_INTEGER_free(serial);
  return nullptr;
}

std::string der_of(TS_RESP* response) {
  unsigned char* der = nullptr;
  const int len = response != nullptr ? i2d_TS_RESP(response, &der) : -1;
  std::string out;
  if (len > 0) out.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

long status_of(TS_RESP* response) {
  const ASN1_INTEGER* status = TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(response));
  return ASN1_INTEGER_get(status);
}

}  // namespace

TsaFiles TsaFiles::in_dev_pki(const std::filesystem::path& dir) {
  return {dir / "tsa-chain.pem", dir / "tsa-key.pem"};
}

TimeStampAuthority::TimeStampAuthority(security::SigningIdentity identity)
    : identity_(std::move(identity)),
      serial_(std::make_shared<std::atomic<long>>(
          // Unique across restarts of the sandbox: seconds since the epoch, times 1000.
          static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count()) *
          1000)) {}

Result<TimeStampAuthority, config::ConfigError> TimeStampAuthority::load(const TsaFiles& files) {
  auto identity = security::SigningIdentity::load_pem(files.key, files.certificate_chain);
  if (!identity) return std::move(identity).error();
  return TimeStampAuthority(std::move(*identity));
}

TsaReply TimeStampAuthority::respond(std::string_view der_request) const {
  ERR_clear_error();
  TsCtxPtr ctx(TS_RESP_CTX_new());
  ObjectPtr policy(OBJ_txt2obj(kPolicy, 1));
  SerialSource serials{serial_.get()};
  const bool ready = ctx && policy && der_request.size() <= static_cast<std::size_t>(INT_MAX) &&
                     TS_RESP_CTX_set_signer_cert(ctx.get(), identity_.certificate()) == 1 &&
                     TS_RESP_CTX_set_signer_key(ctx.get(), identity_.key()) == 1 &&
                     TS_RESP_CTX_set_signer_digest(ctx.get(), EVP_sha256()) == 1 &&
                     TS_RESP_CTX_set_ess_cert_id_digest(ctx.get(), EVP_sha256()) == 1 &&
                     TS_RESP_CTX_set_def_policy(ctx.get(), policy.get()) == 1 &&
                     TS_RESP_CTX_add_md(ctx.get(), EVP_sha256()) == 1 &&
                     TS_RESP_CTX_add_md(ctx.get(), EVP_sha384()) == 1 &&
                     TS_RESP_CTX_add_md(ctx.get(), EVP_sha512()) == 1 &&
                     TS_RESP_CTX_set_accuracy(ctx.get(), 1, 0, 0) == 1;
  if (!ready) {
    ERR_clear_error();
    return {-1, {}};
  }
  STACK_OF(X509)* chain = sk_X509_new_null();
  for (X509* c : security::raw(identity_.chain())) sk_X509_push(chain, c);
  TS_RESP_CTX_set_certs(ctx.get(), chain);  // copies the stack, taking its own references
  sk_X509_free(chain);
  TS_RESP_CTX_add_flags(ctx.get(), TS_ESS_CERT_ID_CHAIN | TS_TSA_NAME);
  TS_RESP_CTX_set_serial_cb(ctx.get(), next_serial, &serials);

  BioPtr in(BIO_new_mem_buf(der_request.data(), static_cast<int>(der_request.size())));
  TsRespPtr response(in ? TS_RESP_create_response(ctx.get(), in.get()) : nullptr);
  ERR_clear_error();
  if (!response) return {-1, {}};  // OpenSSL failed: no answer at all (HTTP 500)
  return {status_of(response.get()), der_of(response.get())};
}

}  // namespace lienthong::sandbox::kyso
