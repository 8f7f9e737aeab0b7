#include "core/security/xml/xml_parse.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>

#include "core/security/xml/xml_security_init.hpp"

namespace lienthong::security {
namespace {

constexpr std::string_view kRefused = "XML refused: ";

struct ParserDeleter {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

// What the SAX hooks saw; reached through the parser context's _private pointer.
struct ParseState {
  bool dtd_seen = false;
  std::string first_error;
  int first_error_line = 0;
};

ParseState& state_of(void* ctx) {
  return *static_cast<ParseState*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

// Called when the parser meets `<!DOCTYPE`, before it reads the internal subset: stop there.
void refuse_dtd(void* ctx, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                const xmlChar* /*system_id*/) {
  state_of(ctx).dtd_seen = true;
  xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
}

void refuse_entity(void* ctx, const xmlChar* /*name*/, int /*type*/, const xmlChar* /*public_id*/,
                   const xmlChar* /*system_id*/, xmlChar* /*content*/) {
  state_of(ctx).dtd_seen = true;
  xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx));
}

void record_error(void* ctx, xmlErrorPtr error) {
  ParseState& s = state_of(ctx);
  if (error == nullptr || !s.first_error.empty() || error->level < XML_ERR_ERROR) return;
  s.first_error = error->message != nullptr ? error->message : "parse error";
  while (!s.first_error.empty() && (s.first_error.back() == '\n' || s.first_error.back() == ' ')) {
    s.first_error.pop_back();
  }
  s.first_error_line = error->line;
}

bool starts_with(std::string_view s, std::size_t at, std::string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

// Looks at the prolog only (before the root element), where a DOCTYPE can stand; text that
// merely mentions "<!DOCTYPE" inside a comment or CDATA section later on is fine.
bool prolog_has_doctype(std::string_view xml) {
  std::size_t i = starts_with(xml, 0, "\xEF\xBB\xBF") ? 3 : 0;
  while (i < xml.size()) {
    const char c = xml[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (starts_with(xml, i, "<?")) {
      const auto end = xml.find("?>", i + 2);
      if (end == std::string_view::npos) return false;
      i = end + 2;
    } else if (starts_with(xml, i, "<!--")) {
      const auto end = xml.find("-->", i + 4);
      if (end == std::string_view::npos) return false;
      i = end + 3;
    } else {
      return starts_with(xml, i, "<!DOCTYPE");
    }
  }
  return false;
}

const xmlNode* element_from(const xmlNode* n) {
  while (n != nullptr && n->type != XML_ELEMENT_NODE) n = n->next;
  return n;
}

// Deepest element nesting below and including `root`, walked without recursion.
int element_depth(const xmlNode* root) {
  int depth = 1;
  int deepest = 1;
  const xmlNode* n = root;
  while (true) {
    if (const xmlNode* child = element_from(n->children)) {
      n = child;
      deepest = std::max(deepest, ++depth);
      continue;
    }
    while (n != root && element_from(n->next) == nullptr) {
      n = n->parent;
      --depth;
    }
    if (n == root) return deepest;
    n = element_from(n->next);
  }
}

std::string refused(std::string_view reason) {
  return std::string(kRefused) + std::string(reason);
}

}  // namespace

Result<XmlDocPtr, std::string> parse_untrusted_xml(std::string_view xml, const XmlLimits& limits) {
  if (auto init = detail::ensure_xml_security(); !init) return init.error();
  if (xml.size() > limits.max_bytes) {
    return refused("larger than " + std::to_string(limits.max_bytes) + " bytes");
  }
  if (xml.empty()) return refused("empty document");
  if (prolog_has_doctype(xml)) return refused("DTD not allowed");

  std::unique_ptr<xmlParserCtxt, ParserDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt || ctxt->sax == nullptr) return refused("out of memory");
  ParseState state;
  ctxt->_private = &state;
  ctxt->sax->internalSubset = refuse_dtd;
  ctxt->sax->externalSubset = refuse_dtd;
  ctxt->sax->entityDecl = refuse_entity;
  ctxt->sax->serror = record_error;

  // Deliberately absent: XML_PARSE_NOENT (entity substitution), XML_PARSE_DTDLOAD,
  // XML_PARSE_DTDATTR, XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE and XML_PARSE_HUGE (which would
  // lift the depth and size limits).
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), nullptr,
                                  nullptr, options));
  if (state.dtd_seen) return refused("DTD not allowed");
  if (!doc || ctxt->wellFormed == 0) {
    if (state.first_error.find("Excessive depth") != std::string::npos) {
      return refused("nested deeper than " + std::to_string(limits.max_depth) + " levels");
    }
    std::string why = state.first_error.empty() ? "parse error" : state.first_error;
    if (state.first_error_line > 0) why += " (line " + std::to_string(state.first_error_line) + ")";
    return refused("not well-formed: " + why);
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) return refused("DTD not allowed");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return refused("no root element");
  if (element_depth(root) > limits.max_depth) {
    return refused("nested deeper than " + std::to_string(limits.max_depth) + " levels");
  }
  return doc;
}

}  // namespace lienthong::security
