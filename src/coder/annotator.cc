#include "coder/annotator.h"

#include <atomic>
#include <cstring>

namespace ladder::coder {

namespace {

constexpr size_t kMaxCached = 23;  // longer forms or lemmas are not cached
// 32768 direct-mapped slots of 72 bytes: 2.4 MB per thread. 8192 lost too
// many forms of a news corpus to collisions (Reuters: ~190k tokens).
constexpr size_t kCacheSlots = 32768;

struct CacheEntry {
  uint64_t owner = 0;  // Annotator id; 0: empty
  uint32_t hash = 0;
  uint32_t word_id = 0;
  uint32_t lemma_id = 0;
  uint16_t pos = 0;
  uint8_t key_size = 0;
  uint8_t lemma_size = 0;
  char key[kMaxCached];
  char lemma[kMaxCached];
};

std::atomic<uint64_t> next_id{1};

}  // namespace

Annotator::Annotator(const text::Lexicon& lexicon, const dict::Dictionary& dict)
    : lexicon_(lexicon), dict_(dict), id_(next_id.fetch_add(1)) {}

void Annotator::Annotate(std::vector<text::Token>* tokens) const {
  thread_local std::vector<CacheEntry> cache;
  if (cache.empty()) cache.resize(kCacheSlots);
  for (text::Token& t : *tokens) {
    const std::string& form = t.lower;
    bool cacheable = t.kind == text::TokenKind::kWord && form.size() <= kMaxCached;
    CacheEntry* e = nullptr;
    uint32_t hash = 0;
    if (cacheable) {
      hash = dict::Vocabulary::Hash(form);
      e = &cache[hash & (kCacheSlots - 1)];
      if (e->owner == id_ && e->hash == hash && e->key_size == form.size() &&
          std::memcmp(e->key, form.data(), form.size()) == 0) {
        t.pos = e->pos;
        t.lemma.assign(e->lemma, e->lemma_size);
        t.word_id = e->word_id;
        t.lemma_id = e->lemma_id;
        continue;
      }
    }
    lexicon_.AnnotateToken(&t);
    dict_.AssignWordIds(&t);
    if (cacheable && t.lemma.size() <= kMaxCached) {
      e->owner = id_;
      e->hash = hash;
      e->pos = t.pos;
      e->word_id = t.word_id;
      e->lemma_id = t.lemma_id;
      e->key_size = static_cast<uint8_t>(form.size());
      std::memcpy(e->key, form.data(), form.size());
      e->lemma_size = static_cast<uint8_t>(t.lemma.size());
      std::memcpy(e->lemma, t.lemma.data(), t.lemma.size());
    }
  }
}

}  // namespace ladder::coder
