#include "core/security/signing/pdf_objects.hpp"

#include <gtest/gtest.h>

namespace lienthong::security::signing::pdf {
namespace {

Object parse(std::string_view text) {
  Parser p(text);
  auto o = p.object();
  EXPECT_TRUE(o) << text << ": " << (o ? "" : o.error().detail);
  return o ? *o : Object{};
}

std::string error_of(std::string_view text) {
  Parser p(text);
  auto o = p.object();
  EXPECT_FALSE(o) << text;
  if (o) return {};
  EXPECT_EQ(o.error().kind, ProblemKind::kInvalid);
  return o.error().detail;
}

TEST(PdfObjects, ParsesTheBasicTypes) {
  EXPECT_EQ(parse("null"), Object{Null{}});
  EXPECT_EQ(parse("true"), Object{true});
  EXPECT_EQ(parse(" false "), Object{false});
  EXPECT_EQ(parse("-12").integer(), -12);
  EXPECT_EQ(parse("+7").integer(), 7);
  EXPECT_EQ(parse("3.25"), Object{Number{"3.25"}});
  EXPECT_EQ(parse("3.25").integer(), std::nullopt);
  EXPECT_EQ(parse("-.5"), Object{Number{"-.5"}});
  EXPECT_EQ(parse("/Type").name(), "Type");
  EXPECT_EQ(parse("/A#20B#2f").name(), "A B/");
  EXPECT_EQ(parse("/").name(), "");
  EXPECT_EQ(parse("12 0 R"), make_reference(12, 0));
  EXPECT_EQ(parse("<48656c6C6f>"), (Object{String{"Hello", true}}));
  EXPECT_EQ(parse("<4 8 6\n5 7>"), (Object{String{"Hep", true}}));  // odd: a final 0 implied
}

TEST(PdfObjects, LiteralStringsFollowTheEscapeRules) {
  EXPECT_EQ(*parse("(a(b)c)").string(), (String{"a(b)c", false}));
  EXPECT_EQ(parse(R"((\(\)\\\n\r\t\b\f))").string()->bytes, "()\\\n\r\t\b\f");
  EXPECT_EQ(parse(R"((\101\0533\7))").string()->bytes, std::string("A+3\x07"));
  EXPECT_EQ(parse("(line\\\ncontinued)").string()->bytes, "linecontinued");
  EXPECT_EQ(parse("(a\r\nb\rc)").string()->bytes, "a\nb\nc");  // bare EOLs become LF
  EXPECT_EQ(parse(R"((\q))").string()->bytes, "q");            // unknown escape: the char
  EXPECT_EQ(parse(std::string("(\xFE\xFF\x00\x41)", 6)).string()->bytes,
            std::string("\xFE\xFF\x00\x41", 4));
}

TEST(PdfObjects, ArraysDictionariesAndReferencesNest) {
  const Object o = parse(
      "<< /Type /Page % a comment\n/MediaBox [0 0 612.5 792] /Parent 2 0 R "
      "/Annots [4 0 R 5 1 R] /Nested <</A [1 [2 (x)] <</B null>>]>> /Last 0 >>");
  const Dictionary* d = o.dictionary();
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(d->entries().size(), 6u);
  EXPECT_EQ(d->entries()[0].key, "Type");
  EXPECT_EQ(d->find("Type")->name(), "Page");
  EXPECT_EQ(d->find("MediaBox")->array()->items.size(), 4u);
  EXPECT_EQ(d->find("MediaBox")->array()->items[2], (Object{Number{"612.5"}}));
  EXPECT_EQ(*d->find("Parent")->reference(), (Reference{2, 0}));
  EXPECT_EQ(d->find("Annots")->array()->items[1], make_reference(5, 1));
  EXPECT_EQ(d->find("Last")->integer(), 0);
  EXPECT_EQ(d->find("Missing"), nullptr);
  // Two integers not followed by R stay two numbers.
  const Object a = parse("[1 2 3 R 4 5]");
  ASSERT_EQ(a.array()->items.size(), 4u);
  EXPECT_EQ(a.array()->items[1], make_reference(2, 3));
}

TEST(PdfObjects, ParserStopsAfterTheObjectAndReadsKeywords) {
  Parser p("7 0 obj\n<</Length 3>>\nstream\nabc");
  EXPECT_EQ(p.unsigned_integer(), 7u);
  EXPECT_EQ(p.unsigned_integer(), 0u);
  EXPECT_FALSE(p.keyword("ob"));
  EXPECT_TRUE(p.keyword("obj"));
  auto o = p.object();
  ASSERT_TRUE(o);
  EXPECT_EQ(o->dictionary()->find("Length")->integer(), 3);
  EXPECT_FALSE(p.keyword("endobj"));
  EXPECT_TRUE(p.keyword("stream"));
}

TEST(PdfObjects, RefusesMalformedInputWithTheOffset) {
  EXPECT_NE(error_of("<< /A 1").find("unterminated dictionary"), std::string::npos);
  EXPECT_NE(error_of("[1 2").find("unterminated array"), std::string::npos);
  EXPECT_NE(error_of("(abc").find("unterminated string"), std::string::npos);
  EXPECT_NE(error_of("<41 4G>").find("bad character in hex string"), std::string::npos);
  EXPECT_NE(error_of("<< 1 2 >>").find("dictionary key is not a name"), std::string::npos);
  EXPECT_NE(error_of("endobj").find("unexpected keyword 'endobj'"), std::string::npos);
  EXPECT_NE(error_of("1.2.3").find("bad number"), std::string::npos);
  EXPECT_NE(error_of(")").find("at byte 0"), std::string::npos);
  EXPECT_NE(error_of("").find("unexpected end"), std::string::npos);
  // Hostile nesting is refused, not recursed into.
  EXPECT_NE(error_of(std::string(100000, '[')).find("nested too deeply"), std::string::npos);
  EXPECT_TRUE(Parser(std::string(64, '[') + std::string(64, ']')).object());
}

TEST(PdfObjects, SerializesInPdfSyntax) {
  Dictionary d;
  d.set("Type", make_name("Annot"));
  d.set("Rect", Object{Array{{make_integer(0), Object{Number{"-1.5"}}}}});
  d.set("T", Object{String{"Sig (1)\\", false}});
  d.set("H", Object{String{"\x01\xAB", true}});
  d.set("P", make_reference(3, 2));
  d.set("Odd Name#", make_name("a/b"));
  d.set("Flags", Object{Array{{Object{true}, Object{false}, Object{Null{}}}}});
  d.set("Bin", Object{String{std::string("\xFE\xFF\x00\x4E\n", 5), false}});
  d.set("Type", make_name("Annot2"));  // replaces in place
  EXPECT_EQ(serialize(Object{d}),
            "<</Type /Annot2 /Rect [0 -1.5] /T (Sig \\(1\\)\\\\) /H <01AB> /P 3 2 R "
            "/Odd#20Name#23 /a#2Fb /Flags [true false null] /Bin (\\376\\377\\000N\\n)>>");
  EXPECT_TRUE(d.erase("H"));
  EXPECT_FALSE(d.erase("H"));
  EXPECT_EQ(d.entries().size(), 7u);
}

TEST(PdfObjects, SerializeThenParseGivesTheSameObject) {
  const std::string text =
      "<</A [1 2.5 -3 (x\\)y) <00FF> /N#23 9 0 R] /B <</C true /D null>> /E (\\001\\377\\r)>>";
  const Object o = parse(text);
  EXPECT_EQ(parse(serialize(o)), o);
  EXPECT_EQ(serialize(parse(serialize(o))), serialize(o));
}

}  // namespace
}  // namespace lienthong::security::signing::pdf
