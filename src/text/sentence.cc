// SplitSentences: a rule-based splitter for news text.
//
// Every line break ends a sentence. Within a line, a run of . ! ? or an
// ellipsis, optionally followed by closing quotes or brackets, ends a sentence
// when white space and a plausible sentence opening follow. Abbreviations
// are classified in chars.cc; a wire-service dateline at the start of a line
// is excluded from the sentence that follows it.
#include <bit>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "text/chars.h"
#include "text/swar.h"
#include "text/text.h"

namespace ladder::text {

namespace {

using internal::AbbrevKind;
using internal::DecodeAt;
using internal::IsLetter;
using internal::IsLower;
using internal::IsSpace;
using internal::IsUpper;

bool IsTerminator(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

// The first position in s[i, end) holding . ! ? or 0xE2, the lead byte of
// "…" (E2 80 A6); `end` if none. Stepping over bytes finds the same
// terminators as decoding one character at a time: the bytes this skips
// inside a multi-byte character are continuation bytes, and these decode
// (alone) to U+FFFD.
size_t NextTerminatorCandidate(std::string_view s, size_t i, size_t end) {
  using internal::BytesEqual;
  if (internal::kLittleEndian) {
    for (; i + 8 <= end; i += 8) {
      uint64_t x = internal::LoadWord(s.data() + i);
      uint64_t hits = BytesEqual(x, '.') | BytesEqual(x, '!') |
                      BytesEqual(x, '?') | BytesEqual(x, 0xE2);
      if (hits != 0) return i + std::countr_zero(hits) / 8;
    }
  }
  for (; i < end; ++i) {
    char c = s[i];
    if (c == '.' || c == '!' || c == '?' || c == '\xE2') return i;
  }
  return end;
}

bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Skips white space in s[i, end); returns the first other position.
size_t SkipSpaces(std::string_view s, size_t i, size_t end) {
  while (i < end) {
    size_t len;
    if (!IsSpace(DecodeAt(s, i, &len))) break;
    i += len;
  }
  return i;
}

// Scans the location of a dateline ("SEOUL", "NEW YORK", "Moscow") from the
// start of `s`. Returns its end; *all_caps tells whether every letter is
// upper-case. Returns 0 if `s` does not start with a capitalized word.
size_t ScanDatelineLocation(std::string_view s, bool* all_caps) {
  size_t i = 0, len = 0;
  int letters = 0, words = 1;
  *all_caps = true;
  if (s.empty() || !IsUpper(DecodeAt(s, 0, &len))) return 0;
  while (i < s.size() && i < 60) {
    char32_t c = DecodeAt(s, i, &len);
    if (IsLetter(c)) {
      ++letters;
      if (IsLower(c)) *all_caps = false;
    } else if (c == ' ' && i + 1 < s.size() &&
               IsUpper(DecodeAt(s, i + 1, &len))) {
      ++words;
      len = 1;
    } else if (!(c == '.' || internal::IsApostrophe(c) ||
                 (c == '-' && i + 1 < s.size() && s[i + 1] != ' ' &&
                  s[i + 1] != '-'))) {
      break;
    }
    i += len;
  }
  return (letters >= 2 && words <= 5) ? i : 0;
}

// Skips ", Sept 8" after a dateline location; returns the new position, or
// npos if the text there is not a short date.
size_t SkipDatelineDate(std::string_view s, size_t i) {
  if (i >= s.size() || s[i] != ',') return i;
  size_t start = ++i;
  bool digit = false;
  while (i < s.size() && i - start < 40) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (!(IsAsciiAlpha(c) || c == ' ' || c == '.' || c == ',')) {
      break;
    }
    ++i;
  }
  return digit ? i : std::string_view::npos;
}

// Skips ", Iraq", ", B.C.", ", Gaza Strip" (up to three capitalized words)
// after a dateline location; returns the new position, or `i` if there is
// no such region.
size_t SkipDatelineRegion(std::string_view s, size_t i) {
  if (i + 2 >= s.size() || s[i] != ',' || s[i + 1] != ' ') return i;
  size_t j = i + 2, len;
  int words = 0;
  while (j < s.size() && words < 3 && IsUpper(DecodeAt(s, j, &len))) {
    ++words;
    while (j < s.size()) {
      char32_t c = DecodeAt(s, j, &len);
      if (c == '-') {
        // "Bosnia-Herzegovina", "Guinea-Bissau": a hyphen inside the name.
        size_t next_len;
        if (j + 1 >= s.size() || !IsUpper(DecodeAt(s, j + 1, &next_len))) break;
      } else if (!(IsLetter(c) || c == '.' || internal::IsApostrophe(c))) {
        break;
      }
      j += len;
    }
    if (j + 1 < s.size() && s[j] == ' ' && IsUpper(DecodeAt(s, j + 1, &len))) ++j;
  }
  return words > 0 ? j : i;
}

// Length of a dateline ("SEOUL (Reuters) - ", "MOSCOW, Sept 8 (AP) — ",
// "NAJAF, Iraq (Reuters) - ", "WASHINGTON — ") at the start of `s`,
// including the white space after it; 0 if there is none.
size_t DatelineAt(std::string_view s) {
  bool all_caps = false;
  size_t i = ScanDatelineLocation(s, &all_caps);
  if (i == 0) return 0;
  size_t date = SkipDatelineDate(s, i);
  bool region = false;
  if (date == std::string_view::npos) {
    // Not ", Sept 8": perhaps ", Iraq", then perhaps a date.
    size_t after = SkipDatelineRegion(s, i);
    if (after == i) return 0;
    region = true;
    date = SkipDatelineDate(s, after);
    if (date == std::string_view::npos) return 0;
  }
  i = date;
  i = SkipSpaces(s, i, s.size());
  bool agency = false;
  if (i < s.size() && s[i] == '(') {
    size_t close = s.find(')', i);
    if (close == std::string_view::npos || close - i > 32 || close == i + 1 ||
        s.substr(i, close - i).find('\n') != std::string_view::npos) {
      return 0;
    }
    agency = true;
    i = SkipSpaces(s, close + 1, s.size());
  }
  bool dash = false;
  size_t len;
  size_t dash_begin = i;
  while (i < s.size() && internal::IsDash(DecodeAt(s, i, &len))) {
    dash = true;
    i += len;
  }
  // A single hyphen must stand apart ("Iraq - "), unlike that of "MiG-29s";
  // "--" and dashes proper may touch the words ("(Dow Jones)--Ireland's").
  if (dash && i - dash_begin == 1 &&
      !((dash_begin == 0 || s[dash_begin - 1] == ' ' || s[dash_begin - 1] == ')') &&
        (i == s.size() || s[i] == ' '))) {
    return 0;
  }
  // "KANDAHAR, Afghanistan : ": a colon after an upper-case place.
  if (!dash && all_caps && i < s.size() && s[i] == ':') {
    dash = true;
    ++i;
  }
  if (!agency && !dash) return 0;
  // Title case needs more evidence: an agency, or a country after the city
  // ("Caracas, Venezuela - ").
  if (!all_caps && !((agency || region) && dash)) return 0;
  i = SkipSpaces(s, i, s.size());
  return i < s.size() ? i : 0;
}

// A dateline, possibly after the outlet's name ("SPACE.com - TORONTO,
// Canada -- ", "Canadian Press - LANGLEY, B.C. (CP) - ").
size_t DatelineLength(std::string_view s) {
  if (size_t n = DatelineAt(s); n > 0) return n;
  size_t dash = s.find(" - ");
  if (dash == std::string_view::npos || dash == 0 || dash > 30 ||
      s.substr(0, dash).find_first_of(",;:") != std::string_view::npos) {
    return 0;
  }
  std::string_view rest = s.substr(dash + 3);
  bool all_caps = false;
  if (ScanDatelineLocation(rest, &all_caps) == 0 || !all_caps) return 0;
  size_t n = DatelineAt(rest);
  return n > 0 ? dash + 3 + n : 0;
}

// The abbreviation candidate that ends just before the period at `dot`:
// ASCII letters and inner periods, e.g. "Mr", "U.S", "Sept".
std::string_view WordBefore(std::string_view s, size_t start, size_t dot) {
  size_t b = dot;
  while (b > start && (IsAsciiAlpha(s[b - 1]) || s[b - 1] == '.')) --b;
  while (b < dot && s[b] == '.') ++b;
  if (b > start && static_cast<unsigned char>(s[b - 1]) >= 0x80) {
    return {};  // part of a non-ASCII word
  }
  if (b > start && s[b - 1] >= '0' && s[b - 1] <= '9') return {};
  return s.substr(b, dot - b);
}

class Splitter {
 public:
  Splitter(std::string_view text, std::vector<Span>* out)
      : text_(text), out_(out) {}

  // Paragraphs end at blank lines, at indented lines, and after a line that
  // ends a sentence or is short (a heading); other line breaks are hard
  // wrapping inside a paragraph (Reuters) and count as spaces.
  void Run() {
    size_t pos = 0;
    size_t para = 0;
    while (pos < text_.size()) {
      size_t nl = text_.find('\n', pos);
      if (nl == std::string_view::npos) nl = text_.size();
      if (nl >= text_.size() || ParagraphEndsAt(pos, nl)) {
        SplitLine(para, nl);
        para = nl + 1;
      }
      pos = nl + 1;
    }
  }

 private:
  void SplitLine(size_t begin, size_t end);
  bool ParagraphEndsAt(size_t line_begin, size_t nl) const;
  bool EndsSentence(size_t run_begin, size_t run_end, size_t close_end,
                    size_t line_end, size_t start) const;
  void Add(size_t begin, size_t end);

  std::string_view text_;
  std::vector<Span>* out_;
};

bool Splitter::ParagraphEndsAt(size_t line_begin, size_t nl) const {
  size_t next = nl + 1;
  if (next >= text_.size()) return true;
  char c = text_[next];
  if (c == '\n' || c == '\r' || c == ' ' || c == '\t') return true;
  size_t e = nl;
  while (e > line_begin && (text_[e - 1] == ' ' || text_[e - 1] == '\t' ||
                            text_[e - 1] == '\r')) {
    --e;
  }
  if (e - line_begin < 40) return true;  // a heading or a short line
  size_t len;
  size_t k = e;
  // Step back over closing quotes/brackets (UTF-8 aware: up to 3 bytes).
  while (k > line_begin) {
    size_t b = k - 1;
    while (b > line_begin && (static_cast<unsigned char>(text_[b]) & 0xC0) == 0x80) --b;
    char32_t ch = DecodeAt(text_, b, &len);
    if (!internal::IsClosingPunct(ch)) break;
    k = b;
  }
  if (k == line_begin) return true;
  size_t b = k - 1;
  while (b > line_begin && (static_cast<unsigned char>(text_[b]) & 0xC0) == 0x80) --b;
  return IsTerminator(DecodeAt(text_, b, &len));
}

void Splitter::SplitLine(size_t begin, size_t end) {
  size_t start = SkipSpaces(text_, begin, end);
  start += DatelineLength(text_.substr(start, end - start));
  size_t i = start, len;
  while ((i = NextTerminatorCandidate(text_, i, end)) < end) {
    if (!IsTerminator(DecodeAt(text_, i, &len))) {
      ++i;
      continue;
    }
    size_t run_end = i;
    while (run_end < end && IsTerminator(DecodeAt(text_, run_end, &len))) {
      run_end += len;
    }
    size_t close_end = run_end;
    while (close_end < end &&
           internal::IsClosingPunct(DecodeAt(text_, close_end, &len))) {
      close_end += len;
    }
    if (EndsSentence(i, run_end, close_end, end, start)) {
      Add(start, close_end);
      start = close_end;
      i = close_end;
    } else {
      i = run_end;
    }
  }
  Add(start, end);
}

bool Splitter::EndsSentence(size_t run_begin, size_t run_end, size_t close_end,
                            size_t line_end, size_t start) const {
  if (close_end >= line_end) return true;
  size_t len;
  if (!IsSpace(DecodeAt(text_, close_end, &len))) return false;
  size_t w = SkipSpaces(text_, close_end, line_end);
  if (w >= line_end) return true;
  while (w < line_end && internal::IsOpeningPunct(DecodeAt(text_, w, &len))) {
    w += len;
  }
  if (w >= line_end) return true;
  char32_t first = DecodeAt(text_, w, &len);
  std::string_view run = text_.substr(run_begin, run_end - run_begin);
  if (run.find_first_of("!?") != std::string_view::npos) return !IsLower(first);
  if (run != ".") return IsUpper(first);  // an ellipsis
  if (IsLower(first)) return false;
  AbbrevKind kind =
      internal::ClassifyAbbrev(WordBefore(text_, start, run_begin));
  if (kind == AbbrevKind::kNone) return true;
  if (kind == AbbrevKind::kTitle || internal::IsDigit(first)) return false;
  if (close_end > run_end) return true;  // U.S.” She ...
  size_t word_end = w;
  while (word_end < line_end && IsAsciiAlpha(text_[word_end])) ++word_end;
  return internal::IsSentenceStarter(text_.substr(w, word_end - w));
}

void Splitter::Add(size_t begin, size_t end) {
  begin = SkipSpaces(text_, begin, end);
  while (end > begin) {
    size_t len = 0;
    // Trailing white space is at most 3 bytes per character.
    size_t back = 1;
    for (; back <= 3 && back <= end - begin; ++back) {
      unsigned char b = static_cast<unsigned char>(text_[end - back]);
      if ((b & 0xC0) == 0x80) continue;  // a continuation byte
      size_t l;
      char32_t c = DecodeAt(text_, end - back, &l);
      if (l == back) {
        if (IsSpace(c)) len = back;
        break;
      }
    }
    if (len == 0) break;
    end -= len;
  }
  if (end > begin) {
    out_->push_back(
        Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  }
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text) {
  std::vector<Span> spans;
  if (text.size() > std::numeric_limits<uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<uint32_t>::max());
  }
  Splitter(text, &spans).Run();
  return spans;
}

}  // namespace ladder::text
