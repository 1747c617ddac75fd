// Text layer: normalization, sentence splitting, tokens with byte offsets,
// lemmas and part-of-speech candidates.
//
// All offsets are byte offsets into the *normalized* document text.
// Thread-safety: free functions are thread-safe; a Lexicon is immutable after
// Load and may be shared by any number of threads.
#ifndef LADDER_TEXT_TEXT_H_
#define LADDER_TEXT_TEXT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ladder/status.h"

namespace ladder::text {

// NFC-normalizes valid UTF-8 and replaces control characters other than
// \n and \t with spaces. Fails (naming the byte) on invalid UTF-8.
Result<std::string> Normalize(std::string_view utf8);
// Unicode NFC alone, controls kept: Python's unicodedata.normalize("NFC"),
// for byte lengths that must equal an outside tool's (the gold scorer's unit
// offsets). Fails (naming the byte) on invalid UTF-8.
Result<std::string> ComposeNfc(std::string_view utf8);

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;  // exclusive
};

// Splits normalized text into sentences. Survives abbreviations (Mr., U.S.,
// Sept., Gen., Jr., No., initials), quotations, and datelines such as
// "SEOUL (Reuters) -" (the dateline is not part of the first sentence).
// Spans exclude surrounding whitespace. Empty text gives no spans.
std::vector<Span> SplitSentences(std::string_view text);

enum class TokenKind : uint8_t {
  kWord,    // letters, with inner hyphens/apostrophes: Kim Jong-un -> "Jong-un"
  kNumber,  // 18, 2,000, 3.5, 18-plus
  kPunct,   // , ; : ( ) - -- and other symbols
  kQuote,   // " “ ” ' ‘ ’ (when not part of a word)
  // 's or ’s, or a lone ' after a plural: "Russia’s" -> Russia + ’s
  kPossessive,
  kSentenceEnd  // . ! ?
};

// POS candidate bits (a word may have several).
enum PosBits : uint16_t {
  kPosNoun = 1 << 0,
  kPosVerb = 1 << 1,
  kPosAdj = 1 << 2,
  kPosAdv = 1 << 3,
  kPosDet = 1 << 4,    // the, a, this, any ...
  kPosPrep = 1 << 5,   // to, with, of, in ...
  kPosPron = 1 << 6,   // he, it, they, its ...
  kPosConj = 1 << 7,   // and, or, but
  kPosAux = 1 << 8,    // be, have, do and their forms
  kPosModal = 1 << 9,  // will, would, could, should, may, might, must, can
  kPosNeg = 1 << 10,   // not, never, n't, no
  kPosSub = 1 << 11,   // that, which, who, if, when, while, because ...
  kPosNum = 1 << 12,
};

struct Token {
  uint32_t begin = 0;  // byte offsets into the document text
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;  // first letter upper-case
  bool all_caps = false;     // every letter upper-case (e.g. "NATO", "U.S.")
  std::string lower;  // case-folded surface form ("’s" folds to "'s"; curly
                      // apostrophes in words fold to "'")
  std::string lemma;  // base form from the lexicon; == lower if unknown
  uint16_t pos = 0;   // PosBits candidates for the surface form
  // Ids of `lower` and `lemma` in a dictionary's vocabulary, 0 if it has
  // none (set by the coder: dict::Dictionary::AssignWordIds).
  uint32_t word_id = 0;
  uint32_t lemma_id = 0;
};

// Tokenizes text[span.begin, span.end), replacing the contents of *tokens.
// Offsets in the tokens are relative to `text` (the whole document); a span
// past the end of `text` is clipped. Lemmas and POS are filled by
// Lexicon::Annotate. Never fails: invalid bytes become punctuation tokens.
// Keeps "U.S.", "Jong-un", "Vice-President", "co-operation", numbers like
// "2,000" and "3.5" as one token; splits possessives "Russia’s" -> "Russia",
// "’s"; a final period of an abbreviation stays on the abbreviation.
void Tokenize(std::string_view text, Span span, std::vector<Token>* tokens);

// WordNet-backed lemmatizer and POS candidate source, plus closed-class word
// lists of ladder's own.
class Lexicon {
 public:
  // Reads index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc from
  // `wordnet_dir` (Debian's wordnet-base: /usr/share/wordnet). Errors name the
  // file and line.
  static Result<std::unique_ptr<Lexicon>> Load(const std::string& wordnet_dir);
  // A lexicon of closed-class words only (no WordNet): for tests and fuzzing.
  static std::unique_ptr<Lexicon> ClosedClassOnly();

  // POS candidate bits of a lower-cased word form (0 if unknown).
  uint16_t Pos(std::string_view lower) const;
  // Verb lemma of a lower-cased form: "accused" -> "accuse", "met" -> "meet",
  // "said" -> "say". Returns `lower` itself if none is known.
  std::string_view VerbLemma(std::string_view lower) const;
  // Noun lemma: "sanctions" -> "sanction", "troops" -> "troop".
  std::string_view NounLemma(std::string_view lower) const;
  // Fills lemma and pos of each token. The lemma is the verb lemma when the
  // form can be a verb, else the noun lemma, else the form itself.
  void Annotate(std::vector<Token>* tokens) const;
  // The same for one token.
  void AnnotateToken(Token* token) const;

 private:
  Lexicon() = default;
  // One word form in an open-addressing hash table. Key and lemma text live
  // in arena_, so the table is a few flat arrays: look-ups by string_view do
  // not allocate, and loading makes no per-word allocation.
  struct Slot {
    uint32_t hash = 0;
    uint32_t key_offset = 0;  // into arena_
    uint16_t key_size = 0;    // 0: an empty slot
    uint16_t pos = 0;         // all candidate bits of the form
    uint16_t index_pos = 0;   // bits for which the form is itself a lemma
    uint32_t lemmas = 0;      // 1 + index into lemmas_; 0: none
  };
  struct Lemmas {  // irregular or closed-class lemmas, as arena_ ranges
    uint32_t verb_offset = 0, verb_size = 0;
    uint32_t noun_offset = 0, noun_size = 0;
  };
  // The result of analysing one form; views point into arena_ or the form.
  struct Analysis {
    uint16_t pos = 0;
    std::string_view verb_lemma;  // empty if the form cannot be a verb
    std::string_view noun_lemma;  // empty if the form cannot be a noun
  };

  Analysis Analyze(std::string_view lower) const;
  const Slot* Find(std::string_view form) const;
  std::string_view Text(uint32_t offset, uint32_t size) const {
    return std::string_view(arena_.data() + offset, size);
  }
  // A lemma of `form` for one open class (kPosVerb, kPosNoun or kPosAdj)
  // by regular suffix rules, checked against the index; empty if none.
  std::string_view RegularLemma(std::string_view form, uint16_t pos_bit) const;

  std::string arena_;
  std::vector<Slot> slots_;  // size is a power of two
  size_t used_ = 0;
  std::vector<Lemmas> lemmas_;
  friend class LexiconBuilder;
};

}  // namespace ladder::text

#endif  // LADDER_TEXT_TEXT_H_
