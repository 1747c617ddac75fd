// Tokenize: words, numbers, punctuation with byte offsets.
#include <utf8proc.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "text/chars.h"
#include "text/swar.h"
#include "text/text.h"

namespace ladder::text {

namespace {

using internal::DecodeAt;
using internal::IsApostrophe;
using internal::IsDigit;
using internal::IsLetter;

constexpr size_t kNpos = std::string_view::npos;

// Bases after which "'s" is "is"/"has" rather than a possessive.
constexpr std::string_view kContractionBases[] = {
    "he",       "here",     "how",        "it",      "let",
    "she",      "somebody", "someone",    "that",    "there",
    "what",     "when",     "where",      "who",     "why",
    "everyone", "nobody",   "everything", "nothing", "something"};

bool AllAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Case-folds a token's surface; ’ and ʼ fold to '.
std::string FoldCase(std::string_view surface) {
  if (AllAscii(surface)) return AsciiLower(surface);
  std::string tmp;
  tmp.reserve(surface.size());
  for (size_t i = 0; i < surface.size();) {
    size_t len;
    char32_t c = DecodeAt(surface, i, &len);
    if (c == 0x2019 || c == 0x02BC) {
      tmp.push_back('\'');
    } else {
      tmp.append(surface.substr(i, len));
    }
    i += len;
  }
  if (AllAscii(tmp)) return AsciiLower(tmp);
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(tmp.data()),
                   static_cast<utf8proc_ssize_t>(tmp.size()), &mapped,
                   static_cast<utf8proc_option_t>(
                       UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  std::string out = n < 0 ? AsciiLower(tmp)
                          : std::string(reinterpret_cast<char*>(mapped),
                                        static_cast<size_t>(n));
  std::free(mapped);
  return out;
}

void SetCaseFlags(std::string_view surface, Token* token) {
  bool seen_letter = false, upper = false, lower = false;
  for (size_t i = 0; i < surface.size();) {
    size_t len;
    char32_t c = DecodeAt(surface, i, &len);
    i += len;
    if (!IsLetter(c)) continue;
    bool is_upper = internal::IsUpper(c);
    if (!seen_letter) token->capitalized = is_upper;
    seen_letter = true;
    upper |= is_upper;
    lower |= internal::IsLower(c);
  }
  token->all_caps = upper && !lower;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, size_t end, std::vector<Token>* out)
      : text_(text), end_(end), out_(out) {}

  size_t count() const { return count_; }

  void Run(size_t i) {
    while (i < end_) {
      size_t len;
      char32_t c = At(i, &len);
      if (internal::IsSpace(c)) {
        i += len;
      } else if (IsLetter(c)) {
        i = ScanWord(i);
      } else if (IsDigit(c)) {
        i = ScanNumber(i);
      } else {
        i = ScanPunct(i, c, len);
      }
    }
  }

 private:
  // The code point at i, or 0 (with *len == 0) at the end of the span.
  char32_t At(size_t i, size_t* len) const {
    if (i >= end_) {
      *len = 0;
      return 0;
    }
    return DecodeAt(text_, i, len);
  }
  bool LetterAt(size_t i) const {
    size_t len;
    return i < end_ && IsLetter(At(i, &len));
  }
  bool AlnumAt(size_t i) const {
    size_t len;
    char32_t c = At(i, &len);
    return i < end_ && (IsLetter(c) || IsDigit(c));
  }

  size_t SkipAsciiAlnum(size_t i) const;
  size_t ScanWord(size_t i);
  size_t ScanAcronym(size_t i) const;
  size_t ScanAcronymPossessive(size_t i);
  size_t CliticAt(size_t word_begin, size_t apostrophe, size_t* clitic_end,
                  TokenKind* kind) const;
  bool TakesPeriod(std::string_view word, size_t after_dot) const;
  size_t ScanNumber(size_t i);
  size_t ScanPunct(size_t i, char32_t c, size_t len);
  void Emit(size_t begin, size_t end, TokenKind kind);

  std::string_view text_;
  size_t end_;
  std::vector<Token>* out_;
  size_t count_ = 0;  // tokens emitted; *out_ may hold more, to be reused
};

// Sets the lower-cased form and case flags of an ASCII surface of at most 16
// bytes that has 16 readable bytes at `p`, eight bytes at a time; returns
// false (setting nothing) if the surface has a non-ASCII byte.
bool FoldShortAscii(const char* p, size_t size, Token* t) {
  using internal::AsciiBytesInRange;
  // Keep the surface's bytes (the lowest `size` bytes of the two words).
  uint64_t keep0 = size >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * size)) - 1;
  uint64_t keep1 = size >= 16  ? ~uint64_t{0}
                   : size <= 8 ? 0
                               : (uint64_t{1} << (8 * (size - 8))) - 1;
  uint64_t w0 = internal::LoadWord(p) & keep0;
  uint64_t w1 = internal::LoadWord(p + 8) & keep1;
  if (internal::BytesNonAscii(w0 | w1)) return false;
  uint64_t up0 = AsciiBytesInRange(w0, 'A', 'Z');
  uint64_t up1 = AsciiBytesInRange(w1, 'A', 'Z');
  uint64_t low0 = AsciiBytesInRange(w0, 'a', 'z');
  uint64_t low1 = AsciiBytesInRange(w1, 'a', 'z');
  // The first letter is the lowest letter byte (little-endian words).
  uint64_t letters = (up0 | low0) ? (up0 | low0) : (up1 | low1);
  uint64_t up = (up0 | low0) ? up0 : up1;
  t->capitalized = (up & (letters & (~letters + 1))) != 0;
  t->all_caps = (up0 | up1) != 0 && (low0 | low1) == 0;
  // 'A'..'Z' + 0x20 = 'a'..'z': the high bit of an upper-case byte >> 2.
  uint64_t lower[2] = {w0 | (up0 >> 2), w1 | (up1 >> 2)};
  t->lower.assign(reinterpret_cast<const char*>(lower), size);
  return true;
}

void Tokenizer::Emit(size_t begin, size_t end, TokenKind kind) {
  // Tokens left in *out_ by the previous sentence are reused: their strings
  // keep their buffers, and no Token is constructed or destroyed.
  Token& t = count_ < out_->size() ? (*out_)[count_] : out_->emplace_back();
  ++count_;
  t.begin = static_cast<uint32_t>(begin);
  t.end = static_cast<uint32_t>(end);
  t.kind = kind;
  t.capitalized = false;
  t.all_caps = false;
  t.lemma.clear();
  t.pos = 0;
  t.word_id = 0;
  t.lemma_id = 0;
  std::string_view surface = text_.substr(begin, end - begin);
  if (internal::kLittleEndian && surface.size() <= 16 &&
      begin + 16 <= text_.size() &&
      FoldShortAscii(surface.data(), surface.size(), &t)) {
    return;
  }
  if (AllAscii(surface)) {
    // The common case in one pass: case flags and lower-casing.
    t.lower.assign(surface.data(), surface.size());
    bool seen_letter = false, upper = false, lower = false;
    for (char& c : t.lower) {
      bool is_upper = c >= 'A' && c <= 'Z';
      bool is_lower = c >= 'a' && c <= 'z';
      if (!is_upper && !is_lower) continue;
      if (!seen_letter) t.capitalized = is_upper;
      seen_letter = true;
      upper |= is_upper;
      lower |= is_lower;
      if (is_upper) c = static_cast<char>(c - 'A' + 'a');
    }
    t.all_caps = upper && !lower;
    return;
  }
  SetCaseFlags(surface, &t);
  t.lower = FoldCase(surface);
}

// "U.S.", "U.N.", "a.m.", "e.g.": returns the end (after the last period),
// or 0 if no dotted acronym starts at i.
size_t Tokenizer::ScanAcronym(size_t i) const {
  size_t pos = i;
  int letters = 0;
  auto ascii_alpha = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  while (pos + 1 < end_ && text_[pos + 1] == '.' && ascii_alpha(text_[pos])) {
    pos += 2;
    ++letters;
  }
  if (letters < 2 || AlnumAt(pos)) return 0;
  return pos;
}

// "U.S.’s": emits the possessive after an acronym, if any; returns the end.
size_t Tokenizer::ScanAcronymPossessive(size_t i) {
  size_t len;
  if (!IsApostrophe(At(i, &len))) return i;
  size_t s = i + len;
  if (s >= end_ || (text_[s] != 's' && text_[s] != 'S') || AlnumAt(s + 1)) {
    return i;
  }
  Emit(i, s + 1, TokenKind::kPossessive);
  return s + 1;
}

// If the apostrophe at `apostrophe` starts a clitic ('s 're 've 'll 'd 'm)
// or is part of "n't", returns where the clitic token begins and sets
// *clitic_end and *kind; else returns npos.
size_t Tokenizer::CliticAt(size_t word_begin, size_t apostrophe,
                           size_t* clitic_end, TokenKind* kind) const {
  size_t len;
  At(apostrophe, &len);
  size_t k = apostrophe + len;
  std::string suffix;
  while (k < end_ && suffix.size() < 4) {
    char c = text_[k];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) break;
    suffix.push_back(static_cast<char>(c | 0x20));
    ++k;
  }
  if (LetterAt(k)) return kNpos;
  *clitic_end = k;
  *kind = TokenKind::kWord;
  char before = text_[apostrophe - 1];
  if (suffix == "t") {
    if ((before == 'n' || before == 'N') && apostrophe - 1 > word_begin) {
      return apostrophe - 1;
    }
    return kNpos;
  }
  if (suffix == "s") {
    std::string base =
        FoldCase(text_.substr(word_begin, apostrophe - word_begin));
    bool contraction =
        std::find(std::begin(kContractionBases), std::end(kContractionBases),
                  base) != std::end(kContractionBases);
    if (!contraction) *kind = TokenKind::kPossessive;
    return apostrophe;
  }
  if (suffix == "re" || suffix == "ve" || suffix == "ll" || suffix == "d" ||
      suffix == "m") {
    return apostrophe;
  }
  return kNpos;
}

bool Tokenizer::TakesPeriod(std::string_view word, size_t after_dot) const {
  switch (internal::ClassifyAbbrev(word)) {
    case internal::AbbrevKind::kTitle:
    case internal::AbbrevKind::kAmbiguous:
      return true;
    case internal::AbbrevKind::kNumberSign: {
      size_t i = after_dot, len;
      while (i < end_ && internal::IsSpace(At(i, &len))) i += len;
      return i < end_ && IsDigit(At(i, &len));
    }
    default:
      return false;
  }
}

// The first position from i that is not an ASCII letter or digit (the bulk
// of a word), found eight bytes at a time without decoding.
size_t Tokenizer::SkipAsciiAlnum(size_t i) const {
  if (internal::kLittleEndian) {
    for (; i + 8 <= end_; i += 8) {
      uint64_t x = internal::LoadWord(text_.data() + i);
      uint64_t other = internal::BytesNotAsciiAlnum(x);
      if (other != 0) return i + std::countr_zero(other) / 8;
    }
  }
  for (; i < end_; ++i) {
    unsigned char b = static_cast<unsigned char>(text_[i]);
    if (static_cast<unsigned>((b | 0x20) - 'a') >= 26 &&
        static_cast<unsigned>(b - '0') >= 10) {
      break;
    }
  }
  return i;
}

size_t Tokenizer::ScanWord(size_t i) {
  if (size_t acronym_end = ScanAcronym(i)) {
    Emit(i, acronym_end, TokenKind::kWord);
    return ScanAcronymPossessive(acronym_end);
  }
  size_t j = i, len;
  while (j < end_) {
    j = SkipAsciiAlnum(j);
    if (j >= end_) break;
    // Most words end at an ASCII byte that cannot join or split them.
    char b = text_[j];
    if (static_cast<unsigned char>(b) < 0x80 && b != '-' && b != '\'') break;
    char32_t c = At(j, &len);
    if (IsLetter(c) || IsDigit(c)) {
      j += len;
      continue;
    }
    bool joiner =
        internal::IsWordHyphen(c) || c == 0xAD || c == 0x200C || c == 0x200D;
    if (joiner && AlnumAt(j + len)) {
      j += len;
      continue;
    }
    if (!IsApostrophe(c) || !LetterAt(j + len)) break;
    size_t clitic_end;
    TokenKind kind;
    size_t clitic = CliticAt(i, j, &clitic_end, &kind);
    if (clitic != kNpos) {
      Emit(i, clitic, TokenKind::kWord);
      Emit(clitic, clitic_end, kind);
      return clitic_end;
    }
    j += len;
  }
  if (j < end_ && text_[j] == '.' &&
      TakesPeriod(text_.substr(i, j - i), j + 1)) {
    Emit(i, j + 1, TokenKind::kWord);
    return j + 1;
  }
  char last = text_[j - 1];
  if ((last == 's' || last == 'S') && IsApostrophe(At(j, &len)) &&
      !AlnumAt(j + len)) {
    Emit(i, j, TokenKind::kWord);  // allies' -> allies + '
    Emit(j, j + len, TokenKind::kPossessive);
    return j + len;
  }
  Emit(i, j, TokenKind::kWord);
  return j;
}

// 18, 2,000, 3.5, 18-plus, 1990s.
size_t Tokenizer::ScanNumber(size_t i) {
  size_t j = i, len;
  while (j < end_) {
    char32_t c = At(j, &len);
    if (IsDigit(c) || IsLetter(c)) {
      j += len;
    } else if ((c == ',' || c == '.') && j + 1 < end_ &&
               IsDigit(At(j + 1, &len))) {
      j += 1;
    } else if (internal::IsWordHyphen(c) && AlnumAt(j + len)) {
      j += len;
    } else {
      break;
    }
  }
  Emit(i, j, TokenKind::kNumber);
  return j;
}

size_t Tokenizer::ScanPunct(size_t i, char32_t c, size_t len) {
  size_t j = i + len;
  TokenKind kind = TokenKind::kPunct;
  if (c == '.' || c == '!' || c == '?') {
    bool only_dots = c == '.';
    while (j < end_ &&
           (text_[j] == '.' || text_[j] == '!' || text_[j] == '?')) {
      only_dots &= text_[j] == '.';
      ++j;
    }
    kind =
        (only_dots && j - i >= 2) ? TokenKind::kPunct : TokenKind::kSentenceEnd;
  } else if (internal::IsDash(c)) {
    size_t l;
    while (j < end_ && internal::IsDash(At(j, &l))) j += l;
  } else if (internal::IsQuote(c)) {
    kind = TokenKind::kQuote;
  }
  Emit(i, j, kind);
  return j;
}

}  // namespace

void Tokenize(std::string_view text, Span span, std::vector<Token>* tokens) {
  size_t end = std::min<size_t>(span.end, text.size());
  Tokenizer tokenizer(text, end, tokens);
  if (span.begin < end) tokenizer.Run(span.begin);
  // Drop what is left of the previous contents (Emit overwrote the rest).
  tokens->erase(tokens->begin() + static_cast<ptrdiff_t>(tokenizer.count()),
                tokens->end());
}

}  // namespace ladder::text
