// Private character classes and word lists shared by the text layer's
// sentence splitter and tokenizer. Not part of any public API.
#ifndef LADDER_TEXT_CHARS_H_
#define LADDER_TEXT_CHARS_H_

#include <cstddef>
#include <string_view>

namespace ladder::text::internal {

// Decodes the code point at s[i] (i < s.size()) and stores its byte length in
// *len. Invalid bytes decode as U+FFFD with length 1. Never reads past s.
char32_t DecodeAt(std::string_view s, size_t i, size_t* len);

bool IsSpace(char32_t c);       // ASCII white space, NBSP, Unicode spaces, BOM
bool IsLetter(char32_t c);      // Unicode letters and combining marks
bool IsUpper(char32_t c);       // upper- or title-case letter
bool IsLower(char32_t c);       // lower-case letter
bool IsDigit(char32_t c);       // decimal digit (Nd)
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
