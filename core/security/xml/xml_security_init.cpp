#include "core/security/xml/xml_security_init.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/io.h>
#include <xmlsec/xmlsec.h>

#include <mutex>

namespace lienthong::security::detail {
namespace {

thread_local std::string t_first_error;

void record_xmlsec_error(const char* /*file*/, int /*line*/, const char* func,
                         const char* error_object, const char* error_subject, int reason,
                         const char* msg) {
  if (!t_first_error.empty()) return;
  const char* text = xmlSecErrorsGetMsg(0);
  for (xmlSecSize i = 0; xmlSecErrorsGetCode(i) != 0; ++i) {
    if (xmlSecErrorsGetCode(i) == reason) {
      text = xmlSecErrorsGetMsg(i);
      break;
    }
  }
  t_first_error = std::string(func != nullptr ? func : "?") + ": " + (text ? text : "error");
  if (error_object != nullptr && std::string_view(error_object) != "unknown") {
    t_first_error += std::string(" (") + error_object + ")";
  }
  if (error_subject != nullptr && std::string_view(error_subject) != "unknown") {
    t_first_error += std::string(" [") + error_subject + "]";
  }
  if (msg != nullptr && *msg != '\0') t_first_error += std::string(": ") + msg;
}

// libxml2 would otherwise print to stderr from any thread.
void quiet_generic_error(void* /*ctx*/, const char* /*msg*/, ...) {}

// No document the hub reads may pull anything from outside: not a DTD, not an entity, not a
// file. Parsing options already say so; this is the belt to those braces.
xmlParserInputPtr refuse_external_entity(const char* /*url*/, const char* /*id*/,
                                         xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;
}

Result<void, std::string> initialise() {
  xmlInitParser();
  xmlSetExternalEntityLoader(refuse_external_entity);
  xmlThrDefSetGenericErrorFunc(nullptr, quiet_generic_error);
  xmlSetGenericErrorFunc(nullptr, quiet_generic_error);
  if (xmlSecInit() < 0) return std::string("xmlsec initialisation failed");
  if (xmlSecCheckVersion() != 1) return std::string("xmlsec library version mismatch");
  if (xmlSecCryptoAppInit(nullptr) < 0) return std::string("xmlsec crypto app init failed");
  if (xmlSecCryptoInit() < 0) return std::string("xmlsec-openssl initialisation failed");
  // xmlSecInit registered file/http/ftp input callbacks for external references; drop them all
  // so only same-document references can ever resolve.
  xmlSecIOCleanupCallbacks();
  // Last: the initialisations above install xmlsec's default (stderr) error callback.
  xmlSecErrorsSetCallback(record_xmlsec_error);
  return {};
}

}  // namespace

Result<void, std::string> ensure_xml_security() {
  static std::once_flag once;
  static Result<void, std::string> outcome;
  std::call_once(once, [] { outcome = initialise(); });
  // libxml2 keeps the generic error handler per thread.
  xmlSetGenericErrorFunc(nullptr, quiet_generic_error);
  return outcome;
}

std::string last_xmlsec_error() {
  return t_first_error;
}

void clear_xmlsec_error() {
  t_first_error.clear();
}

}  // namespace lienthong::security::detail
