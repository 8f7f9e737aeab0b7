#include "core/security/signing/pdf_structure.hpp"

#include <zlib.h>

#include <set>
#include <string>

namespace lienthong::security::signing::pdf {

namespace {

constexpr std::size_t kHeaderWindow = 1024;
constexpr std::size_t kMaxSections = 4096;

Problem invalid(std::string detail) {
  return Problem::make(ProblemKind::kInvalid, std::move(detail));
}

bool only_space_from(std::string_view pdf, std::size_t pos) {
  for (; pos < pdf.size(); ++pos) {
    if (!is_space(pdf[pos])) return false;
  }
  return true;
}

// The offset after `startxref` at the end of the file, which must be followed by %%EOF and
// nothing but white space: anything else means a truncated or damaged last update, and signing
// it would put that damage inside the signed revision.
Result<std::size_t> find_startxref(std::string_view pdf) {
  const std::size_t at = pdf.rfind("startxref");
  if (at == std::string_view::npos) {
    return invalid("not a complete PDF: no startxref (the file is truncated or not a PDF)");
  }
  Parser p(pdf, at + 9);
  const auto offset = p.unsigned_integer();
  if (!offset) return invalid("not a complete PDF: startxref is not followed by an offset");
  std::size_t eof = p.position();  // white space only: to the parser, %%EOF is a comment
  while (eof < pdf.size() && is_space(pdf[eof])) ++eof;
  if (pdf.substr(eof, 5) != "%%EOF") {
    return invalid("not a complete PDF: no %%EOF after the last startxref (the file is truncated)");
  }
  if (!only_space_from(pdf, eof + 5)) {
    return invalid("unexpected data after the last %%EOF (a truncated or damaged update?)");
  }
  if (*offset >= pdf.size()) {
    return invalid("broken PDF: startxref points past the end of the file");
  }
  return static_cast<std::size_t>(*offset);
}

struct ObjectHeader {
  std::uint64_t number = 0;
  std::uint32_t generation = 0;
};

// `N G obj` at the parser's position.
std::optional<ObjectHeader> object_header(Parser& p) {
  const auto number = p.unsigned_integer();
  if (!number) return std::nullopt;
  const auto generation = p.unsigned_integer();
  if (!generation || *generation > 65535 || !p.keyword("obj")) return std::nullopt;
  return ObjectHeader{*number, static_cast<std::uint32_t>(*generation)};
}

// One classic section (`xref` already consumed): its entries into `table` (older sections do
// not override newer ones), then its trailer.
Result<Dictionary> read_table(Parser& p, std::map<std::uint64_t, XrefEntry>& table) {
  for (;;) {
    if (p.keyword("trailer")) break;
    const auto first = p.unsigned_integer();
    const auto count = p.unsigned_integer();
    if (!first || !count) {
      return invalid("broken PDF: bad cross-reference subsection at byte " +
                     std::to_string(p.position()));
    }
    for (std::uint64_t i = 0; i < *count; ++i) {
      const auto offset = p.unsigned_integer();
      const auto generation = p.unsigned_integer();
      const bool in_use = p.keyword("n");
      if (!offset || !generation || *generation > 65535 || (!in_use && !p.keyword("f"))) {
        return invalid("broken PDF: bad cross-reference entry at byte " +
                       std::to_string(p.position()));
      }
      table.try_emplace(*first + i, XrefEntry{static_cast<std::size_t>(*offset),
                                              static_cast<std::uint32_t>(*generation), in_use});
    }
  }
  auto trailer = p.object();
  if (!trailer) return std::move(trailer).error();
  if (trailer->dictionary() == nullptr)
    return invalid("broken PDF: the trailer is not a dictionary");
  return std::move(*trailer->dictionary());
}

std::size_t stream_data_start(std::string_view pdf, std::size_t after_keyword) {
  if (pdf.substr(after_keyword, 2) == "\r\n") return after_keyword + 2;
  if (after_keyword < pdf.size() && (pdf[after_keyword] == '\n' || pdf[after_keyword] == '\r')) {
    return after_keyword + 1;
  }
  return after_keyword;
}

// zlib by hand: OpenSSL has no raw inflate, and no library here reads PDF object streams.
std::optional<std::string> inflate_stream(std::string_view data, std::size_t limit) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return std::nullopt;
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (out.size() >= limit) break;
    const std::size_t before = out.size();
    out.resize(before + 65536);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + before);
    z.avail_out = 65536;
    rc = inflate(&z, Z_NO_FLUSH);
    out.resize(before + (65536 - z.avail_out));
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

constexpr std::size_t kMaxObjectStream = std::size_t{64} << 20;

/// The objects of one object stream at `offset` (its `N G obj`), or nothing when it is not one;
/// a Problem for an object stream this reader cannot decode.
Result<std::vector<std::pair<std::uint64_t, std::string>>> object_stream_at(std::string_view pdf,
                                                                            std::size_t offset) {
  std::vector<std::pair<std::uint64_t, std::string>> out;
  Parser p(pdf, offset);
  const auto header = object_header(p);
  if (!header) return out;
  auto value = p.object();
  if (!value || value->dictionary() == nullptr) return out;
  const Dictionary& d = *value->dictionary();
  const Object* type = d.find("Type");
  if (type == nullptr || type->name() != "ObjStm" || !p.keyword("stream")) return out;
  const std::string which = "object stream " + std::to_string(header->number);
  const Object* filter = d.find("Filter");
  if (filter == nullptr || filter->name() != "FlateDecode" || d.find("DecodeParms") != nullptr) {
    return invalid(which + " is not plain FlateDecode; not supported");
  }
  // -1 for an absent or indirect value (plain integers: GCC 12 warns on optional here).
  const auto direct = [&d](std::string_view key) -> std::int64_t {
    const Object* o = d.find(key);
    const auto v = o != nullptr ? o->integer() : std::optional<std::int64_t>();
    return v.value_or(-1);
  };
  const std::int64_t length = direct("Length");
  const std::int64_t objects = direct("N");
  const std::int64_t first_at = direct("First");
  if (length < 0 || objects < 0 || first_at < 0) {
    return invalid("broken PDF: " + which + " lacks a direct /Length, /N or /First");
  }
  const std::size_t data = stream_data_start(pdf, p.position());
  if (data + static_cast<std::size_t>(length) > pdf.size()) {
    return invalid("broken PDF: " + which + " runs past the end of the file");
  }
  auto text = inflate_stream(pdf.substr(data, static_cast<std::size_t>(length)), kMaxObjectStream);
  if (!text) return invalid("broken PDF: " + which + " does not inflate");
  Parser index(*text);
  std::vector<std::pair<std::uint64_t, std::size_t>> where;
  for (std::int64_t i = 0; i < objects; ++i) {
    const auto number = index.unsigned_integer();
    const auto at = index.unsigned_integer();
    if (!number || !at) return invalid("broken PDF: " + which + " has a broken index");
    where.emplace_back(*number, static_cast<std::size_t>(first_at) + *at);
  }
  for (std::size_t i = 0; i < where.size(); ++i) {
    const std::size_t from = where[i].second;
    const std::size_t to = i + 1 < where.size() ? where[i + 1].second : text->size();
    if (from > to || to > text->size()) {
      return invalid("broken PDF: " + which + " has an object outside its data");
    }
    out.emplace_back(where[i].first, text->substr(from, to - from));
  }
  return out;
}

}  // namespace

std::map<std::uint64_t, XrefEntry> scan_objects(std::string_view pdf) {
  std::map<std::uint64_t, XrefEntry> found;
  std::size_t pos = 0;
  while ((pos = pdf.find("obj", pos)) != std::string_view::npos) {
    const std::size_t keyword_at = pos;
    pos += 3;
    if (pos < pdf.size() && !is_space(pdf[pos]) && !is_delimiter(pdf[pos])) continue;
    // Walk back over "N G " to the start of N; "endobj" fails at once (no space before "obj").
    std::size_t i = keyword_at;
    auto skip_back = [&](bool digits) {
      const std::size_t before = i;
      while (i > 0 && (digits ? (pdf[i - 1] >= '0' && pdf[i - 1] <= '9') : is_space(pdf[i - 1]))) {
        --i;
      }
      return i != before;
    };
    if (!skip_back(false) || !skip_back(true) || !skip_back(false) || !skip_back(true)) continue;
    if (i > 0 && !is_space(pdf[i - 1]) && !is_delimiter(pdf[i - 1])) continue;
    Parser p(pdf, i);
    const auto header = object_header(p);
    if (!header) continue;
    found[header->number] = XrefEntry{i, header->generation, true};
    // Skip the data of a stream whose length is known, so bytes inside it are not taken for
    // objects (a content stream or an embedded file may well contain "1 0 obj").
    auto value = p.object();
    if (!value || value->dictionary() == nullptr || !p.keyword("stream")) continue;
    const Object* length = value->dictionary()->find("Length");
    const auto n = length != nullptr ? length->integer() : std::nullopt;
    if (!n || *n < 0) continue;
    const std::size_t data = stream_data_start(pdf, p.position());
    if (data + static_cast<std::size_t>(*n) > pdf.size()) continue;
    Parser after(pdf, data + static_cast<std::size_t>(*n));
    if (after.keyword("endstream")) pos = after.position();
  }
  return found;
}

Result<PdfStructure> read_structure(std::string_view pdf) {
  PdfStructure s;
  s.header_offset = pdf.substr(0, kHeaderWindow).find("%PDF-");
  if (s.header_offset == std::string_view::npos) {
    return invalid("not a PDF: no %PDF- header in the first 1024 bytes");
  }
  auto startxref = find_startxref(pdf);
  if (!startxref) return std::move(startxref).error();
  s.startxref = *startxref;

  std::set<std::size_t> visited;
  std::optional<std::size_t> next = s.startxref;
  bool newest = true;
  while (next) {
    const std::size_t at = *next;
    next.reset();
    if (at >= pdf.size()) return invalid("broken PDF: /Prev points past the end of the file");
    if (!visited.insert(at).second || visited.size() > kMaxSections) {
      return invalid("broken PDF: the /Prev chain of cross-reference sections loops");
    }
    Parser p(pdf, at);
    Dictionary trailer;
    bool stream = false;
    if (p.keyword("xref")) {
      auto t = read_table(p, s.table);
      if (!t) return std::move(t).error();
      trailer = std::move(*t);
      if (trailer.find("XRefStm") != nullptr) s.uses_xref_streams = true;
    } else if (auto header = object_header(p)) {
      auto dict = p.object();
      if (!dict || dict->dictionary() == nullptr || dict->dictionary()->find("Type") == nullptr ||
          dict->dictionary()->find("Type")->name() != "XRef" || !p.keyword("stream")) {
        return invalid("broken PDF: the object at byte " + std::to_string(at) +
                       " is not a cross-reference stream");
      }
      trailer = std::move(*dict->dictionary());
      stream = true;
      s.uses_xref_streams = true;
    } else {
      return invalid("broken PDF: no cross-reference table or stream at byte " +
                     std::to_string(at));
    }
    if (const Object* prev = trailer.find("Prev")) {
      const auto v = prev->integer();
      if (!v || *v < 0) return invalid("broken PDF: /Prev is not an offset");
      next = static_cast<std::size_t>(*v);
    }
    if (newest) {
      s.trailer = std::move(trailer);
      s.newest_is_xref_stream = stream;
      newest = false;
    }
  }

  const Object* size = s.trailer.find("Size");
  const auto size_value = size != nullptr ? size->integer() : std::nullopt;
  if (!size_value || *size_value < 1) return invalid("broken PDF: the trailer has no valid /Size");
  s.size = static_cast<std::uint64_t>(*size_value);
  const Object* root = s.trailer.find("Root");
  if (root == nullptr || root->reference() == nullptr) {
    return invalid("broken PDF: the trailer has no /Root reference to the catalog");
  }
  if (s.uses_xref_streams) {
    s.scanned = scan_objects(pdf);
    for (const auto& [number, entry] : s.scanned) {
      auto objects = object_stream_at(pdf, entry.offset);
      if (!objects) return std::move(objects).error();
      for (auto& [inner, text] : *objects) {
        auto& slot = s.compressed[inner];
        if (slot.text.empty() || entry.offset > slot.stream_offset) {
          slot = PdfStructure::CompressedObject{entry.offset, std::move(text)};
        }
      }
    }
  }
  return s;
}

Result<IndirectObject> read_object(std::string_view pdf, const PdfStructure& structure,
                                   std::uint64_t number) {
  const std::string name = "PDF object " + std::to_string(number);
  std::optional<XrefEntry> entry;
  if (auto it = structure.table.find(number); it != structure.table.end()) {
    if (it->second.in_use) {
      entry = it->second;
    } else if (!structure.uses_xref_streams) {
      return invalid(name + " is free (deleted) in the cross-reference table");
    }
  }
  if (!entry && structure.uses_xref_streams) {
    auto it = structure.scanned.find(number);
    auto packed = structure.compressed.find(number);
    const bool from_stream =
        packed != structure.compressed.end() &&
        (it == structure.scanned.end() || packed->second.stream_offset > it->second.offset);
    if (from_stream) {
      Parser p(packed->second.text);
      auto value = p.object();
      if (!value)
        return invalid("broken PDF: " + name + " in its object stream: " + value.error().detail);
      IndirectObject out;
      out.reference = Reference{number, 0};
      out.object = std::move(*value);
      out.offset = packed->second.stream_offset;
      return out;
    }
    if (it == structure.scanned.end()) return invalid(name + " is not in the file");
    entry = it->second;
  }
  if (!entry) return invalid(name + " is not in the cross-reference table");
  if (entry->offset >= pdf.size()) return invalid(name + " points past the end of the file");

  Parser p(pdf, entry->offset);
  const auto header = object_header(p);
  if (!header || header->number != number || header->generation != entry->generation) {
    return invalid("broken PDF: " + name + " is not at byte " + std::to_string(entry->offset) +
                   " where the cross-reference table says it is");
  }
  auto value = p.object();
  if (!value) return std::move(value).error();
  IndirectObject out;
  out.reference = Reference{number, header->generation};
  out.object = std::move(*value);
  out.offset = entry->offset;
  out.is_stream = out.object.dictionary() != nullptr && p.keyword("stream");
  return out;
}

Result<Object> resolve(std::string_view pdf, const PdfStructure& structure, const Object& object) {
  const Reference* ref = object.reference();
  if (ref == nullptr) return object;
  auto target = read_object(pdf, structure, ref->number);
  if (!target) return std::move(target).error();
  return std::move(target->object);
}

}  // namespace lienthong::security::signing::pdf
