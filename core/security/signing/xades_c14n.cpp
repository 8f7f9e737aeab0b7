#include "core/security/signing/xades_c14n.hpp"

#include <libxml/c14n.h>
#include <libxml/xmlIO.h>

namespace lienthong::security::signing::detail {
namespace {

struct Selection {
  const xmlNode* include;
  const xmlNode* exclude;
};

bool within(const xmlNode* n, const xmlNode* ancestor) {
  for (; n != nullptr; n = n->parent) {
    if (n == ancestor) return true;
  }
  return false;
}

// libxml2 asks about every node; namespace nodes come as xmlNs (whose `type` shares the
// offset of xmlNode's) and, like attributes, belong where their element is.
int visible(void* user_data, xmlNodePtr node, xmlNodePtr parent) {
  const auto* s = static_cast<const Selection*>(user_data);
  const xmlNode* where =
      (node->type == XML_NAMESPACE_DECL || node->type == XML_ATTRIBUTE_NODE) ? parent : node;
  if (s->exclude != nullptr && within(where, s->exclude)) return 0;
  if (s->include != nullptr && !within(where, s->include)) return 0;
  return 1;
}

int append(void* context, const char* buffer, int len) {
  static_cast<std::string*>(context)->append(buffer, static_cast<std::size_t>(len));
  return len;
}

int close_nothing(void* /*context*/) {
  return 0;
}

}  // namespace

std::optional<std::string> exclusive_c14n(xmlDoc* doc, const xmlNode* include,
                                          const xmlNode* exclude) {
  std::string out;
  xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(append, close_nothing, &out, nullptr);
  if (buf == nullptr) return std::nullopt;
  Selection selection{include, exclude};
  const int rc = xmlC14NExecute(doc, visible, &selection, XML_C14N_EXCLUSIVE_1_0, nullptr,
                                /*with_comments=*/0, buf);
  const int closed = xmlOutputBufferClose(buf);
  if (rc < 0 || closed < 0) return std::nullopt;
  return out;
}

}  // namespace lienthong::security::signing::detail
