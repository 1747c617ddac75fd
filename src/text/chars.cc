#include "text/chars.h"

#include <utf8proc.h>

#include <algorithm>
#include <string_view>

#include "base/utf8.h"

namespace ladder::text::internal {

namespace {

utf8proc_category_t Category(char32_t c) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

bool IsAsciiAlpha(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Sorted lists of abbreviations, without the final period.
constexpr std::string_view kTitles[] = {
    "Adm", "Brig",   "Capt", "Cmdr", "Col", "Cpl",  "Dr",  "Gen", "Gov", "Lt",
    "Maj", "Messrs", "Mr",   "Mrs",  "Ms",  "Prof", "Rep", "Rev", "Sen", "Sgt"};
constexpr std::string_view kCapitalizedAmbiguous[] = {
    "Apr", "Aug", "Bros", "Co",  "Corp", "Dec", "Feb", "Inc",
    "Jan", "Jr",  "Jul",  "Jun", "Ltd",  "Mar", "Mt",  "Nov",
    "Oct", "Sep", "Sept", "Sr",  "St",   "Ave", "Blvd"};
constexpr std::string_view kSentenceStarters[] = {
    "A",         "According", "After",   "Also", "An",    "And",     "As",
    "At",        "But",       "Earlier", "For",  "He",    "However", "I",
    "If",        "In",        "It",      "Its",  "Last",  "Later",   "Many",
    "Meanwhile", "No",        "Now",     "On",   "One",   "Our",     "She",
    "Since",     "So",        "Some",    "That", "The",   "Their",   "Then",
    "There",     "These",     "They",    "This", "Those", "Under",   "We",
    "What",      "When",      "While",   "Why",  "With",  "Yet"};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(list, list + N, word) != list + N;
}

}  // namespace

char32_t DecodeMultibyte(std::string_view s, size_t i, size_t* len) {
  size_t pos = i;
  char32_t c = base::DecodeUtf8(s, &pos);
  *len = pos - i;
  return c;
}

bool IsSpaceSlow(char32_t c) {
  return c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

bool IsLetterSlow(char32_t c) {
  if (c == 0xFFFD) return false;
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return true;
    default:
      return false;
  }
}

bool IsUpperSlow(char32_t c) {
  auto cat = Category(c);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool IsLowerSlow(char32_t c) {
  return Category(c) == UTF8PROC_CATEGORY_LL;
}

bool IsDigitSlow(char32_t c) {
  return Category(c) == UTF8PROC_CATEGORY_ND;
}

bool IsDash(char32_t c) {
  return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 ||
         c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}

bool IsWordHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

bool IsApostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

bool IsQuote(char32_t c) {
  return c == '"' || c == '\'' || c == '`' || (c >= 0x2018 && c <= 0x201F) ||
         c == 0xAB || c == 0xBB || c == 0x2039 || c == 0x203A;
}

bool IsClosingPunct(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
         c == 0x2019 || c == 0x201D || c == 0xBB || c == 0x203A;
}

bool IsOpeningPunct(char32_t c) {
  return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' ||
         c == 0x2018 || c == 0x201C || c == 0x201E || c == 0xAB || c == 0x2039;
}

bool IsDottedAcronym(std::string_view word) {
  // Pattern: L(.L)+ with ASCII letters.
  if (word.size() < 3 || word.size() % 2 == 0) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    bool ok = (i % 2 == 0) ? IsAsciiAlpha(static_cast<unsigned char>(word[i]))
                           : word[i] == '.';
    if (!ok) return false;
  }
  return true;
}

AbbrevKind ClassifyAbbrev(std::string_view word) {
  if (word.empty()) return AbbrevKind::kNone;
  if (word == "vs" || word == "v") return AbbrevKind::kTitle;
  if (word == "etc") return AbbrevKind::kAmbiguous;
  if (IsDottedAcronym(word)) return AbbrevKind::kAmbiguous;
  unsigned char first = static_cast<unsigned char>(word[0]);
  if (first < 'A' || first > 'Z') return AbbrevKind::kNone;
  if (word.size() == 1) return AbbrevKind::kAmbiguous;  // an initial: "W."
  if (Contains(kTitles, word)) return AbbrevKind::kTitle;
  if (word == "No" || word == "Nos") return AbbrevKind::kNumberSign;
  if (Contains(kCapitalizedAmbiguous, word)) return AbbrevKind::kAmbiguous;
  return AbbrevKind::kNone;
}

bool IsSentenceStarter(std::string_view word) {
  return Contains(kSentenceStarters, word);
}

}  // namespace ladder::text::internal
