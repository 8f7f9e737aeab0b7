#include "core/security/certificates/trust_store.hpp"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <limits>

#include "core/security/certificates/certificates.hpp"

namespace lienthong::security {
namespace {

struct StoreDeleter {
  void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct StoreCtxDeleter {
  void operator()(X509_STORE_CTX* c) const { X509_STORE_CTX_free(c); }
};
struct StackDeleter {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }  // borrowed entries
};

bool same_issuer(X509_CRL* crl, X509* cert) {
  return X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(cert)) == 0;
}

// True when `crl` is signed by one of `signers` whose subject is the CRL's issuer.
bool signed_by_any(X509_CRL* crl, std::span<X509* const> signers) {
  for (X509* s : signers) {
    if (X509_NAME_cmp(X509_get_subject_name(s), X509_CRL_get_issuer(crl)) != 0) continue;
    EVP_PKEY* key = X509_get0_pubkey(s);
    if (key != nullptr && X509_CRL_verify(crl, key) == 1) return true;
  }
  ERR_clear_error();
  return false;
}

// A revocation listed by the leaf's issuer is final, whatever else is wrong with the chain
// (expired, CRL out of date): report it first so the reason is the strongest one. This can only
// turn an acceptance into a refusal, so CRLs from the message itself are welcome here.
bool listed_as_revoked(X509* leaf, std::span<X509_CRL* const> crls, std::span<X509* const> signers,
                       std::optional<std::time_t> at) {
  for (X509_CRL* crl : crls) {
    if (!same_issuer(crl, leaf)) continue;
    X509_REVOKED* entry = nullptr;
    if (X509_CRL_get0_by_cert(crl, &entry, leaf) != 1 || entry == nullptr) continue;
    if (!signed_by_any(crl, signers)) continue;
    const ASN1_TIME* when = X509_REVOKED_get0_revocationDate(entry);
    const std::time_t t = at.value_or(std::time(nullptr));
    if (when != nullptr && X509_cmp_time(when, const_cast<std::time_t*>(&t)) > 0) continue;
    return true;
  }
  return false;
}

std::string describe_failure(int err, int depth) {
  if (err == X509_V_ERR_CERT_REVOKED) return "certificate revoked";
  if (depth == 0 && err == X509_V_ERR_CERT_HAS_EXPIRED) return "certificate expired";
  if (depth == 0 && err == X509_V_ERR_CERT_NOT_YET_VALID) return "certificate not yet valid";
  std::string reason = X509_verify_cert_error_string(err);
  if (depth > 0) reason += " (chain depth " + std::to_string(depth) + ")";
  switch (err) {
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_CRL_NOT_YET_VALID:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
    case X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD:
    case X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD:
    case X509_V_ERR_KEYUSAGE_NO_CRL_SIGN:
    case X509_V_ERR_DIFFERENT_CRL_SCOPE:
      return "certificate revocation status unknown: " + reason;
    default:
      return "certificate not trusted: " + reason;
  }
}

constexpr std::size_t kMemoCapacity = 64;

std::optional<std::time_t> to_time(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return timegm(&tm);
}

}  // namespace

TrustStore::TrustStore() : material_(std::make_shared<const Material>()) {}

TrustStore TrustStore::from(Certificates anchors, Certificates intermediates, Crls crls) {
  auto m = std::make_shared<Material>();
  m->anchors = std::move(anchors);
  m->intermediates = std::move(intermediates);
  m->crls = std::move(crls);
  return TrustStore(std::move(m));
}

Result<TrustStore, config::ConfigError> TrustStore::load(
    const std::vector<std::filesystem::path>& anchors,
    const std::vector<std::filesystem::path>& intermediates,
    const std::vector<std::filesystem::path>& crls) {
  auto a = load_certificates(anchors);
  if (!a) return a.error();
  auto i = load_certificates(intermediates);
  if (!i) return i.error();
  Crls c;
  for (const auto& f : crls) {
    auto list = load_crls(f);
    if (!list) return list.error();
    for (auto& x : *list) c.push_back(std::move(x));
  }
  return from(std::move(a).value(), std::move(i).value(), std::move(c));
}

Result<void, std::string> TrustStore::verify(X509* leaf, std::span<X509* const> untrusted,
                                             std::optional<std::time_t> at,
                                             std::span<X509_CRL* const> extra_crls) const {
  if (leaf == nullptr) return std::string("certificate not trusted: no certificate");
  const Material& m = *material_;
  const bool memo_allowed = m.crls.empty() && extra_crls.empty();
  std::vector<X509*> asked{leaf};
  asked.insert(asked.end(), untrusted.begin(), untrusted.end());
  const std::time_t now = at.value_or(std::time(nullptr));
  if (memo_allowed) {
    X509* issuer = nullptr;
    {
      std::lock_guard lock(m.memo.mutex);
      const auto it = m.memo.chains.find(asked);
      if (it != m.memo.chains.end() && it->second.valid_from <= now &&
          now <= it->second.valid_until) {
        issuer = it->second.issuer.get();
      }
    }
    if (issuer != nullptr) return check_revocation(leaf, issuer);
  }

  std::vector<X509*> signers = raw(m.anchors);
  for (const auto& c : m.intermediates) signers.push_back(c.get());
  signers.insert(signers.end(), untrusted.begin(), untrusted.end());
  std::vector<X509_CRL*> all_crls;
  for (const auto& c : m.crls) all_crls.push_back(c.get());
  all_crls.insert(all_crls.end(), extra_crls.begin(), extra_crls.end());
  if (listed_as_revoked(leaf, all_crls, signers, at)) return std::string("certificate revoked");
  // The leaf's own dates next: when everything is out of date at `at`, OpenSSL would report the
  // root first, but what the caller needs to hear is that this certificate is.
  const std::time_t t = at.value_or(std::time(nullptr));
  if (X509_cmp_time(X509_get0_notAfter(leaf), const_cast<std::time_t*>(&t)) < 0) {
    return std::string("certificate expired");
  }
  if (X509_cmp_time(X509_get0_notBefore(leaf), const_cast<std::time_t*>(&t)) > 0) {
    return std::string("certificate not yet valid");
  }

  std::unique_ptr<X509_STORE, StoreDeleter> store(X509_STORE_new());
  std::unique_ptr<STACK_OF(X509), StackDeleter> chain(sk_X509_new_null());
  std::unique_ptr<X509_STORE_CTX, StoreCtxDeleter> ctx(X509_STORE_CTX_new());
  if (!store || !chain || !ctx) return std::string("certificate not trusted: out of memory");
  for (const auto& c : m.anchors) X509_STORE_add_cert(store.get(), c.get());
  bool crl_for_leaf = false;
  for (const auto& c : m.crls) {
    X509_STORE_add_crl(store.get(), c.get());
    crl_for_leaf = crl_for_leaf || same_issuer(c.get(), leaf);
  }
  ERR_clear_error();  // duplicate anchors are not an error
  for (const auto& c : m.intermediates) sk_X509_push(chain.get(), c.get());
  for (X509* c : untrusted) sk_X509_push(chain.get(), c);

  if (X509_STORE_CTX_init(ctx.get(), store.get(), leaf, chain.get()) != 1) {
    ERR_clear_error();
    return std::string("certificate not trusted: cannot start verification");
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  if (at) X509_VERIFY_PARAM_set_time(param, *at);
  // CRLs are checked for the leaf when the store has one from its issuer; a configured CRL
  // that is out of date then fails closed ("revocation status unknown").
  if (crl_for_leaf) X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CRL_CHECK);

  const int ok = X509_verify_cert(ctx.get());
  ERR_clear_error();
  if (ok != 1) {
    return describe_failure(X509_STORE_CTX_get_error(ctx.get()),
                            X509_STORE_CTX_get_error_depth(ctx.get()));
  }
  STACK_OF(X509)* built = X509_STORE_CTX_get0_chain(ctx.get());
  X509* issuer = sk_X509_num(built) > 1 ? sk_X509_value(built, 1) : leaf;
  if (memo_allowed) {
    VerifiedChain entry;
    entry.issuer = share(issuer);
    entry.valid_until = std::numeric_limits<std::time_t>::max();
    bool dated = true;
    for (int i = 0; i < sk_X509_num(built); ++i) {
      X509* c = sk_X509_value(built, i);
      const auto from = to_time(X509_get0_notBefore(c));
      const auto until = to_time(X509_get0_notAfter(c));
      dated = dated && from && until;
      if (!dated) break;
      entry.valid_from = std::max(entry.valid_from, *from);
      entry.valid_until = std::min(entry.valid_until, *until);
    }
    for (X509* c : asked) entry.held.push_back(share(c));
    if (dated) {
      std::lock_guard lock(m.memo.mutex);
      if (m.memo.chains.size() >= kMemoCapacity) m.memo.chains.clear();
      m.memo.chains.insert_or_assign(asked, std::move(entry));
    }
  }
  return check_revocation(leaf, issuer);
}

Result<void, std::string> TrustStore::check_revocation(X509* leaf, X509* issuer) const {
  if (!revocation_check_) return {};
  auto status = revocation_check_(leaf, issuer);
  if (!status) {
    const auto& f = status.error();
    return std::string(f.revoked ? "certificate revoked: "
                                 : "certificate revocation status unknown: ") +
           f.reason;
  }
  return {};
}

}  // namespace lienthong::security
