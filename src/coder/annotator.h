// Annotator: lemmas, POS candidates and dictionary word ids of a sentence's
// tokens, with a cache of recently seen word forms (an AnnotatorCache: the
// caller's, or one per thread).
//
// News text repeats a few thousand forms; looking each up in WordNet (with
// suffix rules for inflected and unknown words) and in the dictionary's
// vocabulary costs several hash probes, a cache hit costs one.
//
// Thread-safety: Annotate is const and may be called from any number of
// threads, each with its own cache. The lexicon and the dictionary must
// outlive the Annotator.
#ifndef LADDER_CODER_ANNOTATOR_H_
#define LADDER_CODER_ANNOTATOR_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "dict/dictionary.h"
#include "text/text.h"

namespace ladder::coder {

// 32,768 direct-mapped slots of 64 bytes (2 MB), allocated on first use,
// and the keys of one sentence. Entries are tagged with their Annotator, so
// one cache may serve several. Used by one thread at a time.
class AnnotatorCache {
 public:
  AnnotatorCache();
  ~AnnotatorCache();
  AnnotatorCache(const AnnotatorCache&) = delete;
  AnnotatorCache& operator=(const AnnotatorCache&) = delete;
  struct Impl;

 private:
  friend class Annotator;
  std::unique_ptr<Impl> impl_;
};

class Annotator {
 public:
  Annotator(const text::Lexicon& lexicon, const dict::Dictionary& dict);
  // Sets lemma, pos, word_id and lemma_id of every token: the same values
  // as Lexicon::Annotate followed by Dictionary::AssignWordIds.
  void Annotate(std::vector<text::Token>* tokens, AnnotatorCache* cache) const;
  // The same with the calling thread's own cache.
  void Annotate(std::vector<text::Token>* tokens) const;

 private:
  const text::Lexicon& lexicon_;
  const dict::Dictionary& dict_;
  uint32_t id_;  // unique per Annotator (never 0): cache entries are tagged with it
};

}  // namespace ladder::coder

#endif  // LADDER_CODER_ANNOTATOR_H_
