#include "coder/comma_clauses.h"

#include <algorithm>

namespace ladder::coder {

using namespace std::string_view_literals;  // "x"sv: compared inline, no strlen
namespace {

using text::Token;
using text::TokenKind;

bool IsComma(const Token& t) {
  return t.kind == TokenKind::kPunct && t.lower == ","sv;
}

int Words(const std::vector<Token>& t, size_t b, size_t e) {
  int n = 0;
  for (size_t k = b; k < e; ++k) n += t[k].kind == TokenKind::kWord;
  return n;
}

bool Within(int n, int lo, int hi) { return hi > 0 && n >= lo && n <= hi; }

bool Adjective(const Token& t) {
  return t.kind == TokenKind::kWord && (t.pos & text::kPosAdj) &&
         !(t.pos & (text::kPosPrep | text::kPosDet)) && !t.capitalized;
}

// A comma that joins words of one phrase rather than clauses: between two
// adjectives ("complete, full ties"), between names of a list ("Mordor, the
// Shire, Fornost and Bree") or before "and"/"or" closing a list.
bool PhraseComma(const std::vector<Token>& t, size_t c) {
  if (c == 0 || c + 1 >= t.size()) return false;
  if (Adjective(t[c - 1]) && Adjective(t[c + 1])) return true;
  size_t next = c + 1;
  if (next + 1 < t.size() && (t[next].pos & text::kPosDet)) ++next;
  if (t[c - 1].capitalized && t[next].capitalized) return true;
  return t[c + 1].lower == "and"sv || t[c + 1].lower == "or"sv;
}

}  // namespace

void DeleteCommaClauses(const CommaClauseBounds& bounds,
                        std::vector<Token>* tokens) {
  std::vector<Token>& t = *tokens;
  if (!bounds.any()) return;
  std::vector<size_t> commas;
  for (size_t k = 0; k < t.size(); ++k) {
    if (IsComma(t[k]) && !PhraseComma(t, k)) commas.push_back(k);
  }
  if (commas.empty()) return;
  size_t end = t.size();
  while (end > 0 && (t[end - 1].kind == TokenKind::kSentenceEnd ||
                     t[end - 1].kind == TokenKind::kQuote)) {
    --end;
  }
  std::vector<bool> drop(t.size(), false);
  auto mark = [&](size_t b, size_t e) {
    for (size_t k = b; k < e; ++k) drop[k] = true;
  };
  // Initial clause: up to and including the first comma.
  if (Within(Words(t, 0, commas.front()), bounds.bmin, bounds.bmax)) {
    mark(0, commas.front() + 1);
  }
  // Terminal clause: from the last comma to the sentence-final punctuation.
  if (commas.back() < end &&
      Within(Words(t, commas.back() + 1, end), bounds.emin, bounds.emax)) {
    mark(commas.back(), end);
  }
  // Internal clauses: the words between two commas, with both commas
  // ("Russia, the largest country, said" -> "Russia said").
  for (size_t i = 0; i + 1 < commas.size(); ++i) {
    size_t b = commas[i], e = commas[i + 1];
    if (drop[b] || drop[e]) continue;
    if (Within(Words(t, b + 1, e), bounds.min, bounds.max)) mark(b, e + 1);
  }
  size_t out = 0;
  for (size_t k = 0; k < t.size(); ++k) {
    if (drop[k]) continue;
    if (out != k) t[out] = std::move(t[k]);
    ++out;
  }
  t.resize(out);
}

}  // namespace ladder::coder
