// Tests for src/base/utf8.h.
#include "base/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace ladder::base {
namespace {

constexpr size_t kNpos = std::string_view::npos;

size_t Find(std::string_view s) { return FindInvalidUtf8(s); }

TEST(Utf8Test, ValidTextHasNoInvalidByte) {
  EXPECT_EQ(Find(""), kNpos);
  EXPECT_EQ(Find("plain ASCII, long enough for the 8-byte fast path"), kNpos);
  EXPECT_EQ(Find("caf\xC3\xA9"), kNpos);                  // U+00E9
  EXPECT_EQ(Find("\xE2\x80\x94"), kNpos);                 // U+2014
  EXPECT_EQ(Find("\xEF\xBF\xBF"), kNpos);                 // U+FFFF
  EXPECT_EQ(Find("\xF0\x9F\x98\x80"), kNpos);             // U+1F600
  EXPECT_EQ(Find("\xF4\x8F\xBF\xBF"), kNpos);             // U+10FFFF
  EXPECT_EQ(Find(std::string_view("a\0b", 3)), kNpos);    // NUL is valid UTF-8
}

TEST(Utf8Test, OverlongsAreInvalid) {
  EXPECT_EQ(Find("\xC0\xAF"), 0u);          // '/' in two bytes
  EXPECT_EQ(Find("\xC1\xBF"), 0u);
  EXPECT_EQ(Find("ab\xE0\x80\xAF"), 2u);    // three-byte overlong
  EXPECT_EQ(Find("\xE0\x9F\xBF"), 0u);      // U+07FF in three bytes
  EXPECT_EQ(Find("\xF0\x8F\xBF\xBF"), 0u);  // U+FFFF in four bytes
}

TEST(Utf8Test, SurrogatesAreInvalid) {
  EXPECT_EQ(Find("x\xED\xA0\x80"), 1u);   // U+D800
  EXPECT_EQ(Find("\xED\xBF\xBF"), 0u);    // U+DFFF
  EXPECT_EQ(Find("\xED\x9F\xBF"), kNpos); // U+D7FF is fine
}

TEST(Utf8Test, PastMaximumIsInvalid) {
  EXPECT_EQ(Find("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(Find("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(Find("\xFF"), 0u);
  EXPECT_EQ(Find("\xFE"), 0u);
}

TEST(Utf8Test, TruncatedSequencesAreInvalid) {
  EXPECT_EQ(Find("abc\xC3"), 3u);
  EXPECT_EQ(Find("\xE2\x80"), 0u);
  EXPECT_EQ(Find("\xF0\x9F\x98"), 0u);
  EXPECT_EQ(Find("\xE2\x80x"), 0u);      // continuation missing mid-string
  EXPECT_EQ(Find("\x80"), 0u);           // lone continuation byte
  EXPECT_EQ(Find("12345678\x80"), 8u);   // after the ASCII fast path
}

TEST(Utf8Test, DecodeAndAppendRoundTrip) {
  for (char32_t cp : {U'a', U'\u00E9', U'\u2014', U'\U0001F600', U'\U0010FFFF'}) {
    std::string s;
    AppendUtf8(cp, &s);
    EXPECT_EQ(Find(s), kNpos);
    size_t pos = 0;
    EXPECT_EQ(DecodeUtf8(s, &pos), cp);
    EXPECT_EQ(pos, s.size());
  }
}

TEST(Utf8Test, DecodeInvalidGivesReplacementAndAdvancesOne) {
  std::string_view s("\xC0\xAF" "a");
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(s, &pos), U'\uFFFD');
  EXPECT_EQ(pos, 1u);
  std::string_view truncated("\xE2\x80");
  pos = 0;
  EXPECT_EQ(DecodeUtf8(truncated, &pos), U'\uFFFD');
  EXPECT_EQ(pos, 1u);
}

}  // namespace
}  // namespace ladder::base
