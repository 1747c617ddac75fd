// Private character classes and word lists shared by the text layer's
// sentence splitter and tokenizer. Not part of any public API.
#ifndef LADDER_TEXT_CHARS_H_
#define LADDER_TEXT_CHARS_H_

#include <cstddef>
#include <string_view>

namespace ladder::text::internal {

// Slow paths of the functions below, for non-ASCII input.
char32_t DecodeMultibyte(std::string_view s, size_t i, size_t* len);
bool IsLetterSlow(char32_t c);
bool IsUpperSlow(char32_t c);
bool IsLowerSlow(char32_t c);
bool IsDigitSlow(char32_t c);

// Decodes the code point at s[i] (i < s.size()) and stores its byte length in
// *len. Invalid bytes decode as U+FFFD with length 1. Never reads past s.
inline char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  return DecodeMultibyte(s, i, len);
}

bool IsSpaceSlow(char32_t c);
// ASCII white space, NBSP, Unicode spaces, BOM.
inline bool IsSpace(char32_t c) {
  return c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : IsSpaceSlow(c);
}
// Unicode letters and combining marks.
inline bool IsLetter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return IsLetterSlow(c);
}
// Upper- or title-case letter.
inline bool IsUpper(char32_t c) {
  return c < 0x80 ? c >= 'A' && c <= 'Z' : IsUpperSlow(c);
}
// Lower-case letter.
inline bool IsLower(char32_t c) {
  return c < 0x80 ? c >= 'a' && c <= 'z' : IsLowerSlow(c);
}
// Decimal digit (Nd).
inline bool IsDigit(char32_t c) {
  return c < 0x80 ? c >= '0' && c <= '9' : IsDigitSlow(c);
}
bool IsDash(char32_t c);        // - ‐ ‑ ‒ – — ― − and the like
bool IsWordHyphen(char32_t c);  // hyphens that may join word parts: - ‐ ‑
bool IsApostrophe(char32_t c);  // ' ’ ʼ
bool IsQuote(char32_t c);  // " ' ` “ ” „ ‟ ‘ ’ ‚ ‛ « » ‹ ›
bool IsClosingPunct(char32_t c);  // closing quotes and brackets
bool IsOpeningPunct(char32_t c);  // opening quotes and brackets

// How a word followed by a period behaves. `word` excludes the period.
enum class AbbrevKind {
  kNone,        // an ordinary word: the period may end a sentence
  kTitle,       // Mr. Dr. Gen. vs. ...: never ends a sentence
  kNumberSign,  // No. Nos.: not final before a digit, else like kAmbiguous
  kAmbiguous,   // U.S. Inc. Jr. Sept. initials: final only before a
                // common sentence starter ("The", "It", "But", ...)
};
AbbrevKind ClassifyAbbrev(std::string_view word);

// "U.S", "U.N", "a.m" (single letters joined by periods, the final period
// excluded): at least two letters.
bool IsDottedAcronym(std::string_view word);

// Words that commonly open a sentence in news text ("The", "He", "But").
bool IsSentenceStarter(std::string_view word);

}  // namespace ladder::text::internal

#endif  // LADDER_TEXT_CHARS_H_
