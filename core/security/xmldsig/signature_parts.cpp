#include "core/security/xmldsig/signature_parts.hpp"

#include "core/security/xml/xml_nodes.hpp"

namespace lienthong::security::detail {
namespace {

std::string malformed(std::string_view what) {
  return "signature malformed: " + std::string(what);
}

// The one child `local` of `parent` in the DSig namespace, or an error naming it.
Result<xmlNode*, std::string> only_child(const std::vector<xmlNode*>& children,
                                         std::string_view local) {
  xmlNode* found = nullptr;
  for (xmlNode* c : children) {
    if (!is_element(c, kDsigNs, local)) continue;
    if (found != nullptr) return malformed("more than one " + std::string(local));
    found = c;
  }
  if (found == nullptr) return malformed("no " + std::string(local));
  return found;
}

// The Algorithm attribute; empty when missing (which read_* turns into an error).
std::string algorithm_of(xmlNode* n) {
  return attribute(n, "Algorithm").value_or("");
}

std::string no_algorithm(xmlNode* n) {
  return malformed(std::string(view(n->name)) + " without Algorithm");
}

Result<ReferenceParts, std::string> read_reference(xmlNode* ref) {
  ReferenceParts out;
  out.node = ref;
  out.uri = attribute(ref, "URI");
  const auto children = child_elements(ref);
  // Transforms?, DigestMethod, DigestValue — in this order and nothing else.
  std::size_t i = 0;
  if (i < children.size() && is_element(children[i], kDsigNs, "Transforms")) {
    for (xmlNode* t : child_elements(children[i])) {
      if (!is_element(t, kDsigNs, "Transform"))
        return malformed("unexpected element in Transforms");
      out.transforms.push_back(algorithm_of(t));
      if (out.transforms.back().empty()) return no_algorithm(t);
    }
    if (out.transforms.empty()) return malformed("empty Transforms");
    ++i;
  }
  if (i >= children.size() || !is_element(children[i], kDsigNs, "DigestMethod")) {
    return malformed("Reference without DigestMethod");
  }
  out.digest_method = algorithm_of(children[i]);
  if (out.digest_method.empty()) return no_algorithm(children[i]);
  ++i;
  if (i >= children.size() || !is_element(children[i], kDsigNs, "DigestValue")) {
    return malformed("Reference without DigestValue");
  }
  if (++i != children.size()) return malformed("unexpected element in Reference");
  return out;
}

}  // namespace

Result<SignatureParts, std::string> read_signature(xmlNode* signature) {
  SignatureParts out;
  out.signature = signature;
  const auto top = child_elements(signature);
  // SignedInfo, SignatureValue, KeyInfo?, Object*
  if (top.size() < 2 || !is_element(top[0], kDsigNs, "SignedInfo")) {
    return malformed("SignedInfo must come first");
  }
  if (!is_element(top[1], kDsigNs, "SignatureValue")) {
    return malformed("SignatureValue must follow SignedInfo");
  }
  out.signed_info = top[0];
  for (std::size_t i = 2; i < top.size(); ++i) {
    if (is_element(top[i], kDsigNs, "KeyInfo") && i == 2) {
      out.key_info = top[i];
    } else if (!is_element(top[i], kDsigNs, "Object")) {
      return malformed("unexpected element in Signature");
    }
  }

  const auto info = child_elements(out.signed_info);
  if (info.size() < 3 || !is_element(info[0], kDsigNs, "CanonicalizationMethod") ||
      !is_element(info[1], kDsigNs, "SignatureMethod")) {
    return malformed("SignedInfo must hold CanonicalizationMethod, SignatureMethod, Reference");
  }
  out.c14n_method = algorithm_of(info[0]);
  if (out.c14n_method.empty()) return no_algorithm(info[0]);
  out.signature_method = algorithm_of(info[1]);
  if (out.signature_method.empty()) return no_algorithm(info[1]);
  for (std::size_t i = 2; i < info.size(); ++i) {
    if (!is_element(info[i], kDsigNs, "Reference")) {
      return malformed("unexpected element in SignedInfo");
    }
    auto ref = read_reference(info[i]);
    if (!ref) return ref.error();
    out.references.push_back(std::move(*ref));
  }
  if (auto sv = only_child(top, "SignatureValue"); !sv) return sv.error();
  return out;
}

Result<void, std::string> check_algorithms(const SignatureParts& parts,
                                           const AlgorithmPolicy& policy) {
  // Cryptographic strength first (so a SHA-1 signature is refused for SHA-1, whatever its
  // canonicalization), then how the signed data was prepared.
  if (auto r = policy.check(AlgorithmRole::kSignature, parts.signature_method); !r) return r;
  for (const auto& ref : parts.references) {
    if (auto r = policy.check(AlgorithmRole::kDigest, ref.digest_method); !r) return r;
  }
  if (auto r = policy.check(AlgorithmRole::kCanonicalization, parts.c14n_method); !r) return r;
  for (const auto& ref : parts.references) {
    for (const auto& t : ref.transforms) {
      if (auto r = policy.check(AlgorithmRole::kTransform, t); !r) return r;
    }
  }
  return {};
}

}  // namespace lienthong::security::detail
