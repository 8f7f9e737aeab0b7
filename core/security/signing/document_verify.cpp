#include "core/security/signing/document_verify.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <ctime>
#include <memory>
#include <set>
#include <utility>

#include "core/base/base64.hpp"
#include "core/base/time_text.hpp"
#include "core/security/certificates/certificates.hpp"
#include "core/security/signing/pdf_structure.hpp"
#include "core/security/signing/timestamp_reply.hpp"
#include "core/security/xml/xml_nodes.hpp"
#include "core/security/xml/xml_parse.hpp"
#include "core/security/xmldsig/xmldsig.hpp"

namespace lienthong::security::signing {
namespace {

using Clock = std::chrono::system_clock;

struct CmsDeleter {
  void operator()(CMS_ContentInfo* p) const { CMS_ContentInfo_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, CmsDeleter>;
using BioPtr = std::unique_ptr<BIO, CmsDeleter>;
using BnPtr = std::unique_ptr<BIGNUM, CmsDeleter>;

Problem invalid(std::string detail) {
  return Problem::make(ProblemKind::kInvalid, std::move(detail));
}

void add_problem(SignatureReport& r, const std::string& what) {
  if (!r.problem.empty()) r.problem += "; ";
  r.problem += what;
}

std::string serial_hex(const X509* cert) {
  BnPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  if (!bn) return {};
  char* hex = BN_bn2hex(bn.get());
  std::string out = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  return out;
}

std::optional<Clock::time_point> time_of(const ASN1_TIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return std::nullopt;
  return Clock::from_time_t(timegm(&tm));
}

void set_signer(SignatureReport& r, X509* signer) {
  r.signer = share(signer);
  r.signer_subject = subject_of(signer);
  r.serial = serial_hex(signer);
}

// The chain check, at the timestamp's genTime when there is one, else now.
void check_trust(SignatureReport& r, const TrustStore& trust) {
  if (!r.signer) return;
  std::optional<std::time_t> at;
  if (r.timestamp_time) at = Clock::to_time_t(*r.timestamp_time);
  const std::vector<X509*> untrusted = raw(r.chain);
  auto ok = trust.verify(r.signer.get(), untrusted, at);
  r.chain_trusted = static_cast<bool>(ok);
  if (!ok) add_problem(r, ok.error());
}

std::string attribute_der(const ASN1_TYPE* type) {
  if (type == nullptr || type->type != V_ASN1_SEQUENCE || type->value.sequence == nullptr)
    return {};
  return {reinterpret_cast<const char*>(type->value.sequence->data),
          static_cast<std::size_t>(type->value.sequence->length)};
}

Result<CmsPtr> decode_cms(std::string_view bytes) {
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return invalid("not a CMS signature");
  }
  ERR_clear_error();
  CmsPtr cms;
  if (bytes.substr(0, std::min<std::size_t>(bytes.size(), 64)).find("-----BEGIN") !=
      std::string_view::npos) {
    BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* der = nullptr;
    long len = 0;
    if (bio && PEM_read_bio(bio.get(), &name, &header, &der, &len) == 1) {
      const unsigned char* p = der;
      cms.reset(d2i_CMS_ContentInfo(nullptr, &p, len));
    }
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(der);
  } else {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    cms.reset(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(bytes.size())));
  }
  ERR_clear_error();
  if (!cms || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    return invalid("not a CMS SignedData");
  }
  return cms;
}

// One report per SignerInfo of `cms`. `detached`: the content is `content` (given even when
// empty); else the eContent inside.
std::vector<SignatureReport> check_cms(CMS_ContentInfo* cms, std::string_view content,
                                       bool detached, const TrustStore& trust,
                                       const std::string& format) {
  Certificates carried;
  if (STACK_OF(X509)* certs = CMS_get1_certs(cms)) {
    for (int i = 0; i < sk_X509_num(certs); ++i) carried.emplace_back(sk_X509_value(certs, i));
    sk_X509_free(certs);  // the references moved into `carried`
  }

  // Value and message digest of every signer, by OpenSSL; the chain is judged below.
  ERR_clear_error();
  BioPtr data(detached ? BIO_new_mem_buf(content.data(), static_cast<int>(content.size()))
                       : nullptr);
  const unsigned int flags =
      CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY | (detached ? CMS_DETACHED : 0U);
  const bool all_verify =
      (!detached || data) && CMS_verify(cms, nullptr, nullptr, data.get(), nullptr, flags) == 1;
  ERR_clear_error();

  std::vector<SignatureReport> out;
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  for (int i = 0; i < sk_CMS_SignerInfo_num(infos); ++i) {
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, i);
    SignatureReport r;
    r.format = format;
    for (const auto& c : carried) r.chain.push_back(share(c.get()));
    X509* signer = nullptr;
    for (const auto& c : carried) {
      if (CMS_SignerInfo_cert_cmp(si, c.get()) == 0) {
        signer = c.get();
        break;
      }
    }
    if (signer == nullptr) {
      add_problem(r, "signer certificate not found");
      out.push_back(std::move(r));
      continue;
    }
    set_signer(r, signer);

    const int at = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (at >= 0) {
      const ASN1_TYPE* t = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, at), 0);
      if (t != nullptr && (t->type == V_ASN1_UTCTIME || t->type == V_ASN1_GENERALIZEDTIME)) {
        r.claimed_time = time_of(t->value.utctime);
      }
    }

    r.intact = all_verify;
    if (!r.intact) {
      // Which half failed: the signature over the signed attributes, or the content's digest.
      CMS_SignerInfo_set1_signer_cert(si, signer);
      const bool value_ok = CMS_signed_get_attr_count(si) > 0 && CMS_SignerInfo_verify(si) == 1;
      ERR_clear_error();
      if (detached && !data) {
        add_problem(r, "content missing");
      } else {
        add_problem(r, value_ok ? "digest mismatch" : "signature value does not verify");
      }
    }
    r.covers_whole_document = r.intact;

    const int ts = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
    if (r.intact && ts >= 0) {
      const std::string token =
          attribute_der(X509_ATTRIBUTE_get0_type(CMS_unsigned_get_attr(si, ts), 0));
      const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(si);
      const std::string_view signature(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                                       static_cast<std::size_t>(ASN1_STRING_length(value)));
      auto accepted = accept_timestamp_token(token, signature, trust, carried);
      if (accepted) {
        r.timestamp_time = accepted->gen_time;
      } else {
        add_problem(r, "timestamp ignored: " + accepted.error());
      }
    }
    check_trust(r, trust);
    out.push_back(std::move(r));
  }
  ERR_clear_error();
  return out;
}

// ---- PDF ---------------------------------------------------------------------------------------

// D:YYYYMMDDHHmmSS with an optional Z / +HH'mm' / -HH'mm'; missing fields default as §7.9.4.
std::optional<Clock::time_point> parse_pdf_date(std::string_view s) {
  if (s.substr(0, 2) == "D:") s.remove_prefix(2);
  auto digits = [&](std::size_t pos, std::size_t n, int fallback) -> std::optional<int> {
    if (pos >= s.size()) return fallback;
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() < 4) return std::nullopt;
  const auto y = digits(0, 4, 0);
  const auto mo = digits(4, 2, 1);
  const auto d = digits(6, 2, 1);
  const auto h = digits(8, 2, 0);
  const auto mi = digits(10, 2, 0);
  const auto se = digits(12, 2, 0);
  if (!y || !mo || !d || !h || !mi || !se || *mo < 1 || *mo > 12 || *d < 1 || *d > 31) {
    return std::nullopt;
  }
  Clock::time_point t = Clock::from_time_t(utc_seconds(*y, *mo, *d, *h, *mi, *se));
  if (s.size() > 14 && (s[14] == '+' || s[14] == '-')) {
    const auto oh = digits(15, 2, 0);
    const auto om = digits(18, 2, 0);
    if (!oh || !om) return std::nullopt;
    const auto offset = std::chrono::hours(*oh) + std::chrono::minutes(*om);
    t = s[14] == '+' ? t - offset : t + offset;
  }
  return t;
}

// A PDF text string as UTF-8: UTF-16BE with a BOM converted, anything else kept as it is.
std::string text_of_pdf_string(const std::string& bytes) {
  if (bytes.size() < 2 || bytes[0] != '\xFE' || bytes[1] != '\xFF') return bytes;
  std::string out;
  auto unit = [&](std::size_t i) {
    return static_cast<unsigned>((static_cast<unsigned char>(bytes[i]) << 8U) |
                                 static_cast<unsigned char>(bytes[i + 1]));
  };
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    unsigned cp = unit(i);
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < bytes.size()) {
      const unsigned lo = unit(i + 2);
      if (lo >= 0xDC00 && lo < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10U) + (lo - 0xDC00);
        i += 2;
      }
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6U));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12U));
      out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18U));
      out += static_cast<char>(0x80 | ((cp >> 12U) & 0x3FU));
      out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
      out += static_cast<char>(0x80 | (cp & 0x3FU));
    }
  }
  return out;
}

struct PdfSignature {
  std::string field;
  pdf::Dictionary value;  // the signature dictionary (/V)
};

class FieldWalker {
 public:
  FieldWalker(std::string_view pdf, const pdf::PdfStructure& st) : pdf_(pdf), st_(st) {}

  Result<void> walk(const pdf::Object& node, const std::string& parent_name,
                    std::optional<std::string> inherited_ft, int depth) {
    constexpr int kMaxDepth = 32;
    if (depth > kMaxDepth) return invalid("PDF form fields nested too deeply");
    if (const auto* ref = node.reference()) {
      if (!seen_.insert(ref->number).second) return {};  // a loop or a shared node: once
    }
    auto resolved = pdf::resolve(pdf_, st_, node);
    if (!resolved) return std::move(resolved).error();
    const pdf::Dictionary* field = resolved->dictionary();
    if (field == nullptr) return {};
    std::string name = parent_name;
    if (const pdf::Object* t = field->find("T"); t != nullptr && t->string() != nullptr) {
      const std::string part = text_of_pdf_string(t->string()->bytes);
      name = name.empty() ? part : name + "." + part;
    }
    if (const pdf::Object* ft = field->find("FT"); ft != nullptr && ft->name()) {
      inherited_ft = std::string(*ft->name());
    }
    if (inherited_ft == "Sig") {
      if (const pdf::Object* v = field->find("V")) {
        auto value = pdf::resolve(pdf_, st_, *v);
        if (!value) return std::move(value).error();
        if (const pdf::Dictionary* dict = value->dictionary()) {
          found.push_back({name, *dict});
        }
      }
    }
    if (const pdf::Object* kids = field->find("Kids")) {
      auto array = pdf::resolve(pdf_, st_, *kids);
      if (!array) return std::move(array).error();
      if (const pdf::Array* items = array->array()) {
        for (const auto& kid : items->items) {
          if (auto ok = walk(kid, name, inherited_ft, depth + 1); !ok) return ok;
        }
      }
    }
    return {};
  }

  std::vector<PdfSignature> found;

 private:
  std::string_view pdf_;
  const pdf::PdfStructure& st_;
  std::set<std::uint64_t> seen_;
};

// The gap between the two ranges is exactly one hex string: `<`, hex digits (and white space),
// `>`.
bool gap_is_hex_string(std::string_view gap) {
  if (gap.size() < 2 || gap.front() != '<' || gap.back() != '>') return false;
  return std::all_of(gap.begin() + 1, gap.end() - 1, [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || pdf::is_space(c);
  });
}

SignatureReport check_pdf_signature(std::string_view pdf, const PdfSignature& sig,
                                    const TrustStore& trust, std::size_t& range_end) {
  SignatureReport r;
  r.format = "pades";
  r.field = sig.field;
  range_end = 0;
  std::optional<Clock::time_point> m;
  if (const pdf::Object* mo = sig.value.find("M"); mo != nullptr && mo->string() != nullptr) {
    m = parse_pdf_date(mo->string()->bytes);
  }
  const pdf::Object* br = sig.value.find("ByteRange");
  const pdf::Array* ranges = br != nullptr ? br->array() : nullptr;
  std::int64_t v[4] = {-1, -1, -1, -1};
  if (ranges != nullptr && ranges->items.size() == 4) {
    for (std::size_t i = 0; i < 4; ++i) v[i] = ranges->items[i].integer().value_or(-1);
  }
  const auto size = static_cast<std::int64_t>(pdf.size());
  if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 0 || v[0] > size || v[1] > size - v[0] ||
      v[2] < v[0] + v[1] || v[2] > size || v[3] > size - v[2]) {
    r.claimed_time = m;
    add_problem(r, "signature has no valid /ByteRange");
    return r;
  }
  const auto a = static_cast<std::size_t>(v[0]);
  const auto b = static_cast<std::size_t>(v[1]);
  const auto c = static_cast<std::size_t>(v[2]);
  const auto d = static_cast<std::size_t>(v[3]);
  range_end = c + d;
  const pdf::Object* contents = sig.value.find("Contents");
  if (contents == nullptr || contents->string() == nullptr) {
    r.claimed_time = m;
    add_problem(r, "signature has no /Contents");
    return r;
  }
  auto cms = decode_cms(contents->string()->bytes);
  if (!cms) {
    r.claimed_time = m;
    add_problem(r, "signature /Contents is not a CMS SignedData");
    return r;
  }
  std::string covered;
  covered.reserve(b + d);
  covered.append(pdf.substr(a, b));
  covered.append(pdf.substr(c, d));
  auto reports = check_cms(cms->get(), covered, true, trust, "pades");
  if (reports.empty()) {
    r.claimed_time = m;
    add_problem(r, "signature has no signer");
    return r;
  }
  SignatureReport out = std::move(reports.front());
  out.field = sig.field;
  if (m) out.claimed_time = m;
  if (reports.size() > 1) add_problem(out, "more than one signer in the CMS");
  out.covers_whole_document =
      a == 0 && c + d == pdf.size() && gap_is_hex_string(pdf.substr(b, c - b));
  return out;
}

// ---- XML ---------------------------------------------------------------------------------------

constexpr std::string_view kXadesNs = "http://uri.etsi.org/01903/v1.3.2#";

// xsd:dateTime: YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm] (no zone read as UTC).
std::optional<Clock::time_point> parse_xml_date_time(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const int y = num(0, 4);
  const int mo = num(5, 2);
  const int d = num(8, 2);
  const int h = num(11, 2);
  const int mi = num(14, 2);
  const int se = num(17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || mi < 0 || se < 0) {
    return std::nullopt;
  }
  Clock::time_point t = Clock::from_time_t(utc_seconds(y, mo, d, h, mi, se));
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i;
  }
  if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
    const int oh = num(i + 1, 2);
    const int om = num(i + 4, 2);
    if (oh < 0 || om < 0) return std::nullopt;
    const auto offset = std::chrono::hours(oh) + std::chrono::minutes(om);
    t = s[i] == '+' ? t - offset : t + offset;
  }
  return t;
}

// The carried certificate that issued none of the others (the leaf), else the first.
X509* leaf_of(const Certificates& certs) {
  for (const auto& c : certs) {
    const bool issues_another = std::any_of(certs.begin(), certs.end(), [&](const X509Ptr& o) {
      return o.get() != c.get() && X509_check_issued(c.get(), o.get()) == X509_V_OK;
    });
    if (!issues_another) return c.get();
  }
  return certs.empty() ? nullptr : certs.front().get();
}

bool is_trust_phrase(std::string_view detail) {
  return detail.starts_with("signer certificate ") &&
         !detail.starts_with("signer certificate not found");
}

}  // namespace

Result<std::vector<SignatureReport>> verify_pdf(std::string_view pdf, const TrustStore& trust) {
  auto st = pdf::read_structure(pdf);
  if (!st) return std::move(st).error();
  const pdf::Object* root = st->trailer.find("Root");
  if (root == nullptr) return invalid("PDF has no catalog");
  auto catalog = pdf::resolve(pdf, *st, *root);
  if (!catalog) return std::move(catalog).error();
  if (catalog->dictionary() == nullptr) return invalid("PDF catalog is not a dictionary");
  std::vector<SignatureReport> out;
  const pdf::Object* acroform_ref = catalog->dictionary()->find("AcroForm");
  if (acroform_ref == nullptr) return out;
  auto acroform = pdf::resolve(pdf, *st, *acroform_ref);
  if (!acroform) return std::move(acroform).error();
  const pdf::Object* fields_ref =
      acroform->dictionary() != nullptr ? acroform->dictionary()->find("Fields") : nullptr;
  if (fields_ref == nullptr) return out;
  auto fields = pdf::resolve(pdf, *st, *fields_ref);
  if (!fields) return std::move(fields).error();
  if (fields->array() == nullptr) return out;

  FieldWalker walker(pdf, *st);
  for (const auto& f : fields->array()->items) {
    if (auto ok = walker.walk(f, "", std::nullopt, 0); !ok) return std::move(ok).error();
  }
  std::vector<std::pair<std::size_t, SignatureReport>> reports;
  for (const auto& sig : walker.found) {
    std::size_t end = 0;
    SignatureReport r = check_pdf_signature(pdf, sig, trust, end);
    reports.emplace_back(end, std::move(r));
  }
  std::stable_sort(reports.begin(), reports.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  out.reserve(reports.size());
  for (auto& [end, r] : reports) out.push_back(std::move(r));
  return out;
}

Result<std::vector<SignatureReport>> verify_cms(std::string_view cms_der_or_pem,
                                                std::string_view content, const TrustStore& trust) {
  auto cms = decode_cms(cms_der_or_pem);
  if (!cms) return std::move(cms).error();
  const bool detached = CMS_is_detached(cms->get()) == 1;
  if (detached && content.empty()) return invalid("detached CMS signature without its content");
  if (!detached && !content.empty()) {
    // Attached, and content given as well: the content inside is what was signed; the caller's
    // must be the same bytes.
    ASN1_OCTET_STRING** inside = CMS_get0_content(cms->get());
    const bool same =
        inside != nullptr && *inside != nullptr &&
        std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(*inside)),
                         static_cast<std::size_t>(ASN1_STRING_length(*inside))) == content;
    auto reports = check_cms(cms->get(), {}, false, trust, "cms");
    if (!same) {
      for (auto& r : reports) {
        r.intact = false;
        r.covers_whole_document = false;
        add_problem(r, "the signed content is not the content given");
      }
    }
    return reports;
  }
  return check_cms(cms->get(), content, detached, trust, "cms");
}

Result<std::vector<SignatureReport>> verify_xml(std::string_view xml, const TrustStore& trust) {
  auto doc = parse_untrusted_xml(xml);
  if (!doc) return invalid(doc.error());
  const auto signatures = detail::find_elements(doc->get(), detail::kDsigNs, "Signature");
  if (signatures.empty()) return invalid("no ds:Signature in the XML document");

  SignatureReport r;
  r.format = "xmldsig";
  for (xmlNode* n : detail::find_elements(doc->get(), detail::kDsigNs, "X509Certificate")) {
    if (!detail::is_within(n, signatures.front())) continue;
    const auto der = decode_base64(detail::text_of(n));
    if (!der) continue;
    auto certs = parse_certificates(*der);
    if (!certs) continue;
    for (auto& c : *certs) r.chain.push_back(std::move(c));
  }

  AlgorithmPolicy policy;
  policy.allow_enveloped_transform = true;
  auto verified = verify_any(xml, trust, policy, std::nullopt);
  X509* signer = nullptr;
  if (verified) {
    for (const auto& c : r.chain) {
      if (sha256_fingerprint(c.get()) == verified->certificate_sha256) signer = c.get();
    }
    r.intact = true;
  } else if (is_trust_phrase(verified.error().detail)) {
    // Trust comes before the cryptography in verify_any: check the value again with the
    // carried self-signed certificates as the only anchors (a self-signed signer, a chain
    // with its root); without one, intactness stays unknown (false).
    signer = leaf_of(r.chain);
    Certificates anchors;
    Certificates others;
    for (const auto& c : r.chain) {
      (X509_check_issued(c.get(), c.get()) == X509_V_OK ? anchors : others)
          .push_back(share(c.get()));
    }
    if (anchors.empty()) {
      add_problem(r, "intactness not checked: the signature carries no root");
    } else {
      auto again = verify_any(xml, TrustStore::from(std::move(anchors), std::move(others)), policy);
      r.intact = static_cast<bool>(again);
      if (!again) add_problem(r, again.error().detail);
    }
  } else {
    signer = leaf_of(r.chain);
    add_problem(r, verified.error().detail);
  }
  r.covers_whole_document = r.intact;
  if (signer == nullptr) signer = leaf_of(r.chain);
  if (signer != nullptr) {
    set_signer(r, signer);
  } else {
    add_problem(r, "signer certificate not found");
  }
  if (r.intact) {
    const auto times = detail::find_elements(doc->get(), kXadesNs, "SigningTime");
    if (!times.empty() && detail::is_within(times.front(), signatures.front())) {
      r.claimed_time = parse_xml_date_time(detail::text_of(times.front()));
    }
  }
  check_trust(r, trust);
  std::vector<SignatureReport> out;
  out.push_back(std::move(r));
  return out;
}

}  // namespace lienthong::security::signing
