#include "core/security/xmldsig/xmlsec_run.hpp"

#include <xmlsec/buffer.h>
#include <xmlsec/keys.h>
#include <xmlsec/list.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/transforms.h>

#include "core/security/xml/xml_security_init.hpp"

namespace lienthong::security::detail {
namespace {

// Adds the xmlsec transform for each URI to one of the context's "enabled" lists; once a list
// is non-empty xmlsec refuses every transform missing from it.
template <class Enable>
void enable(xmlSecDSigCtx* ctx, const std::vector<std::string>& uris, Enable enable_fn) {
  for (const auto& uri : uris) {
    xmlSecTransformId id = xmlSecTransformIdListFindByHref(
        xmlSecTransformIdsGet(), reinterpret_cast<const xmlChar*>(uri.c_str()),
        xmlSecTransformUsageAny);
    if (id != xmlSecTransformIdUnknown) enable_fn(ctx, id);
  }
}

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

Result<DsigCtxPtr, std::string> make_dsig_context(EVP_PKEY* key, unsigned int uri_types) {
  if (auto init = ensure_xml_security(); !init) return init.error();
  DsigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
  if (!ctx) return std::string("cannot create an xmlsec context");
  EVP_PKEY_up_ref(key);
  xmlSecKeyDataPtr data = xmlSecOpenSSLEvpKeyAdopt(key);
  if (data == nullptr) {
    EVP_PKEY_free(key);
    return std::string("xmlsec does not support this key type");
  }
  xmlSecKeyPtr xkey = xmlSecKeyCreate();
  if (xkey == nullptr || xmlSecKeySetValue(xkey, data) < 0) {
    xmlSecKeyDataDestroy(data);
    if (xkey != nullptr) xmlSecKeyDestroy(xkey);
    return std::string("cannot create an xmlsec key");
  }
  ctx->signKey = xkey;  // owned by the context from here on
  ctx->enabledReferenceUris = uri_types;
  ctx->keyInfoReadCtx.maxRetrievalMethodLevel = 0;
  ctx->flags = XMLSEC_DSIG_FLAGS_STORE_SIGNEDINFO_REFERENCES | XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS;
  return ctx;
}

Result<std::vector<std::string>, CryptoFailure> xmlsec_verify(xmlNode* signature, EVP_PKEY* key,
                                                              const AlgorithmPolicy& policy,
                                                              unsigned int uri_types) {
  clear_xmlsec_error();
  auto ctx = make_dsig_context(key, uri_types);
  if (!ctx) return CryptoFailure{CryptoFailureKind::kProcessing, ctx.error()};
  xmlSecDSigCtx* c = ctx->get();
  enable(c,
         joined(policy.allowed(AlgorithmRole::kTransform), policy.allowed(AlgorithmRole::kDigest)),
         xmlSecDSigCtxEnableReferenceTransform);
  enable(c,
         joined(policy.allowed(AlgorithmRole::kCanonicalization),
                policy.allowed(AlgorithmRole::kSignature)),
         xmlSecDSigCtxEnableSignatureTransform);

  const int rc = xmlSecDSigCtxVerify(c, signature);

  std::vector<std::string> digested;
  bool reference_failed = false;
  const xmlSecSize n = xmlSecPtrListGetSize(&c->signedInfoReferences);
  for (xmlSecSize i = 0; i < n; ++i) {
    auto* ref =
        static_cast<xmlSecDSigReferenceCtxPtr>(xmlSecPtrListGetItem(&c->signedInfoReferences, i));
    if (ref == nullptr) continue;
    if (ref->status == xmlSecDSigStatusInvalid) reference_failed = true;
    xmlSecBufferPtr buf = xmlSecDSigReferenceCtxGetPreDigestBuffer(ref);
    if (buf != nullptr) {
      digested.emplace_back(reinterpret_cast<const char*>(xmlSecBufferGetData(buf)),
                            static_cast<std::size_t>(xmlSecBufferGetSize(buf)));
    } else {
      digested.emplace_back();
    }
  }
  if (reference_failed) return CryptoFailure{CryptoFailureKind::kDigest, {}};
  if (rc < 0) {
    std::string why = last_xmlsec_error().substr(0, 300);  // may quote the sender's text
    return CryptoFailure{CryptoFailureKind::kProcessing, why.empty() ? "xmlsec error" : why};
  }
  if (c->status != xmlSecDSigStatusSucceeded) {
    return CryptoFailure{CryptoFailureKind::kSignatureValue, {}};
  }
  return digested;
}

}  // namespace lienthong::security::detail
