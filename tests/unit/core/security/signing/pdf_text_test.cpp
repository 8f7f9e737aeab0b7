#include "core/security/signing/pdf_text.hpp"

#include <gtest/gtest.h>

#include "core/security/signing/pdf_objects.hpp"

namespace lienthong::security::signing::pdf {
namespace {

using namespace std::chrono;

TEST(PdfText, PrintableAsciiStaysAsItIs) {
  EXPECT_EQ(encode_text_string("Ha Noi (VN) 100%"), "Ha Noi (VN) 100%");
  EXPECT_EQ(encode_text_string(""), "");
}

TEST(PdfText, AnythingElseIsUtf16BigEndianWithAByteOrderMark) {
  // "Nguyễn Văn A": ễ is U+1EC5, ă is U+0103.
  EXPECT_EQ(encode_text_string("Nguy\xE1\xBB\x85n V\xC4\x83n A"),
            std::string("\xFE\xFF\x00N\x00g\x00u\x00y\x1E\xC5\x00n\x00 \x00V\x01\x03\x00n\x00 \x00"
                        "A",
                        26));
  // A tab is not printable, so the whole string goes to UTF-16.
  EXPECT_EQ(encode_text_string("a\tb"), std::string("\xFE\xFF\x00"
                                                    "a\x00\t\x00"
                                                    "b",
                                                    8));
  // U+1F58A (a pen) is a surrogate pair.
  EXPECT_EQ(encode_text_string("\xF0\x9F\x96\x8A"), std::string("\xFE\xFF\xD8\x3D\xDD\x8A", 6));
}

TEST(PdfText, InvalidUtf8IsRefused) {
  EXPECT_EQ(encode_text_string("\xC3"), std::nullopt);              // truncated
  EXPECT_EQ(encode_text_string("\xC0\xAF"), std::nullopt);          // overlong '/'
  EXPECT_EQ(encode_text_string("\xED\xA0\x80"), std::nullopt);      // a surrogate
  EXPECT_EQ(encode_text_string("\xF4\x90\x80\x80"), std::nullopt);  // above U+10FFFF
  EXPECT_EQ(encode_text_string("\xFF"), std::nullopt);
  EXPECT_EQ(encode_text_string("a\x80"), std::nullopt);
}

TEST(PdfText, TextStringsAreEscapedInLiteralStrings) {
  EXPECT_EQ(literal_string(*encode_text_string("L\xC3\xAA (1)")),
            "(\\376\\377\\000L\\000\\352\\000 \\000\\(\\0001\\000\\))");
}

TEST(PdfText, DatesAreUtc) {
  EXPECT_EQ(pdf_date(sys_days{year{2025} / 3 / 7} + hours{1} + minutes{2} + seconds{3} +
                     milliseconds{999}),
            "D:20250307010203+00'00'");
}

}  // namespace
}  // namespace lienthong::security::signing::pdf
