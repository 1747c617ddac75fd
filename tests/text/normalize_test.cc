#include <string>

#include "gtest/gtest.h"
#include "text/text.h"

namespace ladder::text {
namespace {

TEST(NormalizeTest, AsciiPassesThrough) {
  auto r = Normalize("Kim met Putin.\n\tThen left.");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Kim met Putin.\n\tThen left.");
}

TEST(NormalizeTest, UnderscoreBetweenLettersJoinsWords) {
  // Legacy (TABARI/PETRARCH) texts write names as "Dol_Amroth".
  auto r = Normalize("the Prince of Dol_Amroth, file_2 and _x_");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "the Prince of Dol Amroth, file_2 and _x_");
}

TEST(NormalizeTest, ComposesToNfc) {
  auto r = Normalize("cafe\xCC\x81 r\xC3\xA9sum\xC3\xA9");  // e + U+0301
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9");
}

TEST(NormalizeTest, InvalidUtf8NamesTheByte) {
  auto r =
      Normalize(std::string("abc\xFF"
                            "def"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "invalid UTF-8 at byte 3");
  // A truncated sequence at the end, and an overlong encoding.
  auto truncated = Normalize("ok \xE2\x80");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().message(), "invalid UTF-8 at byte 3");
  auto overlong = Normalize("\xC0\xAF");
  ASSERT_FALSE(overlong.ok());
  EXPECT_EQ(overlong.status().message(), "invalid UTF-8 at byte 0");
}

TEST(NormalizeTest, ControlCharactersBecomeSpaces) {
  auto r =
      Normalize(std::string("a\x01"
                            "b\x00"
                            "c\x7F"
                            "d\xC2\x85"
                            "e\n\tf",
                            13));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "a b c d e\n\tf");
}

TEST(NormalizeTest, CarriageReturns) {
  auto r = Normalize("a\r\nb\rc");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "a \nb\nc");
}

TEST(NormalizeTest, EmptyIsOk) {
  auto r = Normalize("");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "");
}

// Normalize skips plain ASCII text word by word (16 bytes per step, then
// byte by byte): a byte that needs work must be seen at any position, in
// the words and in the tail.
TEST(NormalizeTest, FastPathSeesEverySpecialByte) {
  struct Case {
    std::string piece, want;  // want "!" + offset: an error at that byte
  };
  const Case cases[] = {
      {"\x01", " "},
      {"\x7F", " "},
      {"\r", "\n"},
      {"\r\n", " \n"},
      {"a_b", "a b"},
      {"\xC2\x85", " "},
      {"\xC3\xA9", "\xC3\xA9"},
      {"e\xCC\x81", "\xC3\xA9"},
      {"\xFF", "!"},
      {"\xE2\x80", "!"},
      {std::string(1, '\0'), " "},
      {"\t\n", "\t\n"},
  };
  for (const Case& c : cases) {
    for (size_t before = 0; before < 40; ++before) {
      for (size_t after : {0, 1, 7, 8, 9, 16, 23}) {
        std::string text =
            std::string(before, 'x') + c.piece + std::string(after, 'y');
        SCOPED_TRACE(testing::Message()
                     << "piece " << testing::PrintToString(c.piece) << " at "
                     << before << " + " << after);
        auto r = Normalize(text);
        if (c.want == "!") {
          ASSERT_FALSE(r.ok());
          EXPECT_EQ(r.status().message(),
                    "invalid UTF-8 at byte " + std::to_string(before));
        } else {
          ASSERT_TRUE(r.ok());
          EXPECT_EQ(
              *r, std::string(before, 'x') + c.want + std::string(after, 'y'));
        }
      }
    }
  }
  for (size_t n = 0; n < 40; ++n) {  // plain ASCII of every length
    std::string text;
    for (size_t i = 0; i < n; ++i) {
      char c = static_cast<char>(' ' + (i * 7) % 95);
      text.push_back(c == '_' ? '\n' : c);
    }
    auto r = Normalize(text);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, text);
  }
}

// ComposeNfc is NFC alone (Python's unicodedata.normalize("NFC")): the
// gold scorer's unit offsets are its byte lengths.
TEST(NormalizeTest, ComposeNfcKeepsControlsAndUnderscores) {
  auto composed = ComposeNfc("Cafe\xCC\x81\x01a_b\r\xC2\x85");
  ASSERT_TRUE(composed.ok());
  EXPECT_EQ(*composed, "Caf\xC3\xA9\x01a_b\r\xC2\x85");
  auto ascii = ComposeNfc("plain text");
  ASSERT_TRUE(ascii.ok());
  EXPECT_EQ(*ascii, "plain text");
  auto bad = ComposeNfc("ok \xFF");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("byte 3"), std::string::npos);
}

}  // namespace
}  // namespace ladder::text
