#include "core/security/signing/pdf_signing.hpp"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "core/security/signing/pdf_objects.hpp"
#include "core/security/signing/pdf_structure.hpp"
#include "core/security/signing/pdf_text.hpp"

namespace lienthong::security::signing {

namespace {

using namespace pdf;

constexpr std::size_t kMaxReservedBytes = std::size_t{1} << 20;
// "0 a b c" with a, b, c of up to 10 digits: /ByteRange is written with room for the largest,
// padded with spaces, so filling it in after the layout is known moves no other byte.
constexpr std::size_t kByteRangeWidth = 2 + 10 + 1 + 10 + 1 + 10;
constexpr std::size_t kMaxFileSize = 9'999'999'999;
constexpr std::size_t kMaxPageTreeNodes = 100'000;

Problem invalid(std::string detail) {
  return Problem::make(ProblemKind::kInvalid, std::move(detail));
}

std::string sha256_of_ranges(std::string_view bytes, std::size_t gap_start, std::size_t gap_end) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), gap_start) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data() + gap_end, bytes.size() - gap_end) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), md, &len) != 1) {
    ERR_clear_error();
    return {};
  }
  return {reinterpret_cast<const char*>(md), len};
}

// The dictionary of an indirect object that must be one (the catalog, a page, an AcroForm).
Result<IndirectObject> read_dictionary(std::string_view pdf, const PdfStructure& s,
                                       const Reference& ref, std::string_view what) {
  auto obj = read_object(pdf, s, ref.number);
  if (!obj) return std::move(obj).error();
  if (obj->object.dictionary() == nullptr || obj->is_stream) {
    return invalid("broken PDF: the " + std::string(what) + " (object " +
                   std::to_string(ref.number) + ") is not a dictionary");
  }
  return obj;
}

// The first page in document order: depth-first through /Kids, refusing loops.
Result<IndirectObject> first_page(std::string_view pdf, const PdfStructure& s,
                                  const Dictionary& catalog) {
  const Object* pages = catalog.find("Pages");
  if (pages == nullptr || pages->reference() == nullptr) {
    return invalid("broken PDF: the catalog has no /Pages reference");
  }
  std::vector<Reference> stack{*pages->reference()};
  std::set<std::uint64_t> seen;
  while (!stack.empty()) {
    const Reference node = stack.back();
    stack.pop_back();
    if (!seen.insert(node.number).second || seen.size() > kMaxPageTreeNodes) {
      return invalid("broken PDF: the page tree loops");
    }
    auto obj = read_dictionary(pdf, s, node, "page tree node");
    if (!obj) return obj;
    const Dictionary& dict = *obj->object.dictionary();
    const Object* type = dict.find("Type");
    if (type != nullptr && type->name() == "Page") return obj;
    const Object* kids_entry = dict.find("Kids");
    if (kids_entry == nullptr) continue;  // neither a page nor a node: nothing below it
    auto kids = resolve(pdf, s, *kids_entry);
    if (!kids) return std::move(kids).error();
    if (kids->array() == nullptr) return invalid("broken PDF: a page tree /Kids is not an array");
    const auto& items = kids->array()->items;
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
      if (it->reference() == nullptr) {
        return invalid("broken PDF: a page tree /Kids entry is not a reference");
      }
      stack.push_back(*it->reference());
    }
  }
  return invalid("the PDF has no page to put the signature field on");
}

// The text bytes of a field's /T, for choosing a free name; unreadable fields are an error.
Result<std::set<std::string>> field_names(std::string_view pdf, const PdfStructure& s,
                                          const Array& fields) {
  std::set<std::string> names;
  for (const Object& f : fields.items) {
    auto field = resolve(pdf, s, f);
    if (!field) return std::move(field).error();
    if (field->dictionary() == nullptr) continue;
    if (const Object* t = field->dictionary()->find("T"); t != nullptr && t->string() != nullptr) {
      names.insert(t->string()->bytes);
    }
  }
  return names;
}

// An array entry (/Annots, /Fields) with `ref` appended: an inline array (or a new one) is
// changed in `owner` (true: the owner must be rewritten); an indirect array is rewritten as its
// own object in `rewritten` (false). `contents_out` gets the entries that were there before.
Result<bool> append_to_array(std::string_view pdf, const PdfStructure& s, Dictionary& owner,
                             const std::string& key, const Object& ref,
                             std::map<std::uint64_t, std::pair<std::uint32_t, Object>>& rewritten,
                             Array* contents_out = nullptr) {
  Object* entry = owner.find(key);
  if (entry == nullptr || std::holds_alternative<Null>(entry->value)) {
    Array array{{ref}};
    if (contents_out != nullptr) *contents_out = Array{};
    owner.set(key, Object{std::move(array)});
    return true;
  }
  if (Array* inline_array = entry->array()) {
    if (contents_out != nullptr) *contents_out = *inline_array;
    inline_array->items.push_back(ref);
    return true;
  }
  if (const Reference* indirect = entry->reference()) {
    auto target = read_object(pdf, s, indirect->number);
    if (!target) return std::move(target).error();
    Array* array = target->object.array();
    if (array == nullptr) {
      return invalid("broken PDF: /" + key + " (object " + std::to_string(indirect->number) +
                     ") is not an array");
    }
    if (contents_out != nullptr) *contents_out = *array;
    array->items.push_back(ref);
    rewritten[indirect->number] = {target->reference.generation, std::move(target->object)};
    return false;
  }
  return invalid("unsupported PDF: /" + key + " is neither an array nor a reference to one");
}

Result<std::string> text_string(std::string_view text, std::string_view what) {
  auto bytes = encode_text_string(text);
  if (!bytes) return invalid("the signature's " + std::string(what) + " is not valid UTF-8");
  return literal_string(*bytes);
}

std::string xref_entry(std::size_t offset, std::uint32_t generation) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%010zu %05u n\r\n", offset, generation);
  return buf;  // exactly 20 bytes, as §7.5.4 requires
}

}  // namespace

Result<PreparedPdf> prepare_pdf(std::string_view pdf, const PdfSignatureFields& fields) {
  if (fields.reserved_bytes == 0 || fields.reserved_bytes > kMaxReservedBytes) {
    return invalid("reserved_bytes must be between 1 and " + std::to_string(kMaxReservedBytes));
  }
  auto structure = read_structure(pdf);
  if (!structure) return std::move(structure).error();
  const PdfStructure& s = *structure;
  if (s.trailer.find("Encrypt") != nullptr) {
    return invalid("the PDF is encrypted; remove the password protection before signing");
  }

  const Reference root = *s.trailer.find("Root")->reference();
  auto catalog_obj = read_dictionary(pdf, s, root, "catalog");
  if (!catalog_obj) return std::move(catalog_obj).error();
  Dictionary catalog = *catalog_obj->object.dictionary();
  auto page_obj = first_page(pdf, s, catalog);
  if (!page_obj) return std::move(page_obj).error();
  const Reference page_ref = page_obj->reference;
  Dictionary page = *page_obj->object.dictionary();

  // New objects go above every number in use. Not simply /Size: some writers (poppler's
  // pdfunite, for one) write a /Size below their highest object number.
  std::uint64_t first_free = s.size;
  if (!s.table.empty()) first_free = std::max(first_free, s.table.rbegin()->first + 1);
  if (!s.scanned.empty()) first_free = std::max(first_free, s.scanned.rbegin()->first + 1);
  const std::uint64_t sig_number = first_free;
  const std::uint64_t field_number = first_free + 1;
  const Object field_ref = make_reference(field_number);
  std::map<std::uint64_t, std::pair<std::uint32_t, Object>> rewritten;

  // The AcroForm: inline in the catalog (rewrite the catalog), indirect (rewrite it), or none
  // (add one inline). Its existing fields stay; the new one goes last.
  Array existing_fields;
  {
    Object* acroform_entry = catalog.find("AcroForm");
    Dictionary* acroform = nullptr;
    Dictionary indirect_form;
    std::optional<Reference> form_ref;
    if (acroform_entry == nullptr || std::holds_alternative<Null>(acroform_entry->value)) {
      catalog.set("AcroForm", Object{Dictionary{}});
      acroform = catalog.find("AcroForm")->dictionary();
    } else if (acroform_entry->dictionary() != nullptr) {
      acroform = acroform_entry->dictionary();
    } else if (acroform_entry->reference() != nullptr) {
      form_ref = *acroform_entry->reference();
      auto form = read_dictionary(pdf, s, *form_ref, "AcroForm");
      if (!form) return std::move(form).error();
      form_ref->generation = form->reference.generation;
      indirect_form = std::move(*form->object.dictionary());
      acroform = &indirect_form;
    } else {
      return invalid("unsupported PDF: /AcroForm is neither a dictionary nor a reference");
    }
    auto appended =
        append_to_array(pdf, s, *acroform, "Fields", field_ref, rewritten, &existing_fields);
    if (!appended) return std::move(appended).error();
    const Object* flags = acroform->find("SigFlags");
    const std::int64_t old_flags = flags != nullptr ? flags->integer().value_or(0) : 0;
    acroform->set("SigFlags", make_integer(old_flags | 3));
    if (form_ref) {
      rewritten[form_ref->number] = {form_ref->generation, Object{std::move(indirect_form)}};
    } else {
      rewritten[root.number] = {catalog_obj->reference.generation, Object{catalog}};
    }
  }

  auto names = field_names(pdf, s, existing_fields);
  if (!names) return std::move(names).error();
  std::string field_name;
  for (int n = 1;; ++n) {
    field_name = "Signature" + std::to_string(n);
    if (names->count(field_name) == 0) break;
  }

  // The page (or its indirect /Annots array) gets the widget.
  auto page_changed = append_to_array(pdf, s, page, "Annots", field_ref, rewritten);
  if (!page_changed) return std::move(page_changed).error();
  if (*page_changed) rewritten[page_ref.number] = {page_ref.generation, Object{page}};

  // The signature field, merged with its widget annotation: invisible, printed, locked.
  Dictionary field;
  field.set("Type", make_name("Annot"));
  field.set("Subtype", make_name("Widget"));
  field.set("FT", make_name("Sig"));
  field.set("T", Object{String{field_name, false}});
  field.set("V", make_reference(sig_number));
  field.set("F", make_integer(132));
  field.set("Rect",
            Object{Array{{make_integer(0), make_integer(0), make_integer(0), make_integer(0)}}});
  field.set("P", Object{page_ref});
  rewritten[field_number] = {0, Object{std::move(field)}};

  // The signature dictionary is written by hand: /ByteRange and /Contents are placeholders
  // whose positions must be known.
  std::string sig = "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached";
  sig += " /ByteRange [";
  const std::size_t byte_range_in_sig = sig.size();
  sig += std::string(kByteRangeWidth, ' ');
  sig += "] /Contents ";
  const std::size_t contents_in_sig = sig.size();
  sig += '<' + std::string(fields.reserved_bytes * 2, '0') + '>';
  sig += " /M " + literal_string(pdf_date(fields.signing_time));
  const std::pair<const char*, const std::string*> texts[] = {
      {"Name", &fields.signer_name}, {"Reason", &fields.reason}, {"Location", &fields.location}};
  for (const auto& [key, text] : texts) {
    if (text->empty()) continue;
    auto encoded = text_string(*text, key);
    if (!encoded) return std::move(encoded).error();
    sig += std::string(" /") + key + ' ' + *encoded;
  }
  sig += ">>";

  // Layout: the objects in number order, then the cross-reference section and the trailer.
  // Room for the whole update at once: a copy sized to the document alone would be copied
  // again (and its pages touched twice) by the first append.
  std::string out;
  out.reserve(pdf.size() + 2 * fields.reserved_bytes + sig.size() + 65536);
  out.append(pdf);
  if (!out.empty() && out.back() != '\n' && out.back() != '\r') out += '\n';
  std::map<std::uint64_t, std::pair<std::size_t, std::uint32_t>> offsets;
  std::size_t byte_range_at = 0;
  std::size_t contents_at = 0;
  auto write_object = [&](std::uint64_t number, std::uint32_t generation,
                          const std::string& body) -> std::size_t {
    offsets[number] = {out.size(), generation};
    out += std::to_string(number) + ' ' + std::to_string(generation) + " obj\n";
    const std::size_t body_at = out.size();
    out += body;
    out += "\nendobj\n";
    return body_at;
  };
  bool sig_written = false;
  for (const auto& [number, entry] : rewritten) {
    if (!sig_written && number > sig_number) {
      const std::size_t at = write_object(sig_number, 0, sig);
      byte_range_at = at + byte_range_in_sig;
      contents_at = at + contents_in_sig;
      sig_written = true;
    }
    write_object(number, entry.first, serialize(entry.second));
  }
  if (!sig_written) {
    const std::size_t at = write_object(sig_number, 0, sig);
    byte_range_at = at + byte_range_in_sig;
    contents_at = at + contents_in_sig;
  }

  const std::size_t xref_at = out.size();
  out += "xref\n";
  for (auto it = offsets.begin(); it != offsets.end();) {
    auto run_end = it;
    std::size_t count = 0;
    for (std::uint64_t expected = it->first; run_end != offsets.end() && run_end->first == expected;
         ++run_end, ++expected) {
      ++count;
    }
    out += std::to_string(it->first) + ' ' + std::to_string(count) + '\n';
    for (; it != run_end; ++it) out += xref_entry(it->second.first, it->second.second);
  }
  Dictionary trailer;
  trailer.set("Size", make_integer(static_cast<std::int64_t>(field_number + 1)));
  trailer.set("Root", Object{root});
  if (const Object* info = s.trailer.find("Info")) trailer.set("Info", *info);
  if (const Object* id = s.trailer.find("ID")) trailer.set("ID", *id);
  trailer.set("Prev", make_integer(static_cast<std::int64_t>(s.startxref)));
  out += "trailer\n" + serialize(Object{std::move(trailer)}) + "\nstartxref\n" +
         std::to_string(xref_at) + "\n%%EOF\n";

  if (out.size() > kMaxFileSize) {
    return invalid("unsupported PDF: 10 GB or more cannot be described by /ByteRange here");
  }
  const std::size_t contents_length = fields.reserved_bytes * 2 + 2;
  const std::size_t gap_end = contents_at + contents_length;
  std::string range = "0 " + std::to_string(contents_at) + ' ' + std::to_string(gap_end) + ' ' +
                      std::to_string(out.size() - gap_end);
  range.resize(kByteRangeWidth, ' ');
  out.replace(byte_range_at, kByteRangeWidth, range);

  PreparedPdf prepared;
  prepared.content_sha256 = sha256_of_ranges(out, contents_at, gap_end);
  if (prepared.content_sha256.empty()) {
    return Problem::make(ProblemKind::kInternal, "SHA-256 of the PDF failed");
  }
  prepared.bytes = std::move(out);
  prepared.contents_offset = contents_at;
  prepared.contents_length = contents_length;
  return prepared;
}

Result<std::string> embed_in_pdf(PreparedPdf prepared, std::string_view cms_der) {
  const std::string& b = prepared.bytes;
  const std::size_t at = prepared.contents_offset;
  const std::size_t len = prepared.contents_length;
  if (len < 4 || len % 2 != 0 || at >= b.size() || len > b.size() - at || b[at] != '<' ||
      b[at + len - 1] != '>' || b.find_first_not_of('0', at + 1) != at + len - 1) {
    return invalid("the prepared PDF has no empty /Contents placeholder where it says");
  }
  if (sha256_of_ranges(b, at, at + len) != prepared.content_sha256) {
    return invalid("the prepared PDF changed after it was prepared (its digest differs)");
  }
  const std::size_t capacity = (len - 2) / 2;
  if (cms_der.size() > capacity) {
    return invalid("the CMS signature is " + std::to_string(cms_der.size()) + " bytes but only " +
                   std::to_string(capacity) +
                   " were reserved; prepare the PDF again with reserved_bytes of at least " +
                   std::to_string(cms_der.size()));
  }

  // The CMS must be the one made for this document: its message-digest is our digest.
  {
    const auto* p = reinterpret_cast<const unsigned char*>(cms_der.data());
    std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
        d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())), CMS_ContentInfo_free);
    const bool whole =
        cms && p == reinterpret_cast<const unsigned char*>(cms_der.data()) + cms_der.size();
    STACK_OF(CMS_SignerInfo)* infos =
        whole && OBJ_obj2nid(CMS_get0_type(cms.get())) == NID_pkcs7_signed
            ? CMS_get0_SignerInfos(cms.get())
            : nullptr;
    if (infos == nullptr || sk_CMS_SignerInfo_num(infos) != 1) {
      ERR_clear_error();
      return invalid("the signature to embed is not a DER CMS SignedData with one signer");
    }
    auto* digest = static_cast<ASN1_OCTET_STRING*>(
        CMS_signed_get0_data_by_OBJ(sk_CMS_SignerInfo_value(infos, 0),
                                    OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
    ERR_clear_error();
    if (digest == nullptr ||
        std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(digest)),
                         static_cast<std::size_t>(ASN1_STRING_length(digest))) !=
            prepared.content_sha256) {
      return invalid(
          "the CMS signature was made for other content (its message-digest is not "
          "this PDF's digest)");
    }
  }

  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string& out = prepared.bytes;
  for (std::size_t i = 0; i < cms_der.size(); ++i) {
    const auto c = static_cast<unsigned char>(cms_der[i]);
    out[at + 1 + 2 * i] = kHex[c >> 4];
    out[at + 2 + 2 * i] = kHex[c & 0xF];
  }
  return std::move(prepared.bytes);
}

}  // namespace lienthong::security::signing
