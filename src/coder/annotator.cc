#include "coder/annotator.h"

#include <atomic>
#include <cstring>

namespace ladder::coder {

namespace {

constexpr size_t kMaxCached = 23;  // longer forms or lemmas are not cached
// 32768 direct-mapped slots of one 64-byte cache line each: 2 MB per
// thread. 8192 lost too many forms of a news corpus to collisions (Reuters:
// ~190k tokens).
constexpr size_t kCacheSlots = 32768;

// A form of at most kMaxCached bytes, zero-padded: hashed and compared a
// word at a time, with no call to memcmp.
struct Key {
  uint64_t words[3] = {0, 0, 0};
  bool operator==(const Key&) const = default;
};

struct alignas(64) CacheEntry {
  Key key;
  uint32_t owner = 0;  // Annotator id; 0: empty
  uint32_t word_id = 0;
  uint32_t lemma_id = 0;
  uint16_t pos = 0;
  uint8_t key_size = 0;
  // Part of the key: the annotation of a non-word token differs from that
  // of a word with the same form ("'" is a quote or a possessive).
  text::TokenKind kind = text::TokenKind::kWord;
  uint8_t lemma_size = 0;
  char lemma[kMaxCached];
};
static_assert(sizeof(CacheEntry) == 64, "one cache line per entry");

// The key of a form of at most kMaxCached bytes.
Key KeyOf(const std::string& form) {
  Key key;
  std::memcpy(key.words, form.data(), form.size());
  return key;
}

// The cache slot of a key: a multiply-xorshift mix of its words.
size_t SlotOf(const Key& k, size_t size) {
  uint64_t h = k.words[0] ^ (k.words[1] * 0x9E3779B97F4A7C15ULL) ^
               (k.words[2] * 0xC2B2AE3D27D4EB4FULL) ^ size;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  return static_cast<size_t>(h & (kCacheSlots - 1));
}

std::atomic<uint32_t> next_id{1};

// A new Annotator's tag for its cache entries: never 0 (an empty entry).
// (After 2^32 Annotators an id is reused.)
uint32_t NewId() {
  uint32_t id;
  do {
    id = next_id.fetch_add(1);
  } while (id == 0);
  return id;
}

}  // namespace

struct AnnotatorCache::Impl {
  std::vector<CacheEntry> cache;
  std::vector<Key> keys;
  std::vector<uint32_t> slots;
};

AnnotatorCache::AnnotatorCache() : impl_(std::make_unique<Impl>()) {}
AnnotatorCache::~AnnotatorCache() = default;

Annotator::Annotator(const text::Lexicon& lexicon, const dict::Dictionary& dict)
    : lexicon_(lexicon), dict_(dict), id_(NewId()) {}

void Annotator::Annotate(std::vector<text::Token>* tokens) const {
  thread_local AnnotatorCache cache;
  Annotate(tokens, &cache);
}

void Annotator::Annotate(std::vector<text::Token>* tokens, AnnotatorCache* state) const {
  std::vector<CacheEntry>& cache = state->impl_->cache;
  std::vector<Key>& keys = state->impl_->keys;
  std::vector<uint32_t>& slots = state->impl_->slots;
  if (cache.empty()) cache.resize(kCacheSlots);
  // The slots first, each load started at once: the cache is larger than
  // a core's L2, so the lookups below would otherwise miss one by one. The
  // keys are kept for the lookups (KeyOf is a memcpy call).
  keys.resize(tokens->size());
  slots.resize(tokens->size());
  for (size_t i = 0; i < tokens->size(); ++i) {
    const std::string& form = (*tokens)[i].lower;
    if (form.size() > kMaxCached) continue;
    keys[i] = KeyOf(form);
    slots[i] = static_cast<uint32_t>(SlotOf(keys[i], form.size()));
    __builtin_prefetch(&cache[slots[i]]);
  }
  for (size_t i = 0; i < tokens->size(); ++i) {
    text::Token& t = (*tokens)[i];
    const std::string& form = t.lower;
    bool cacheable = form.size() <= kMaxCached;
    CacheEntry* e = nullptr;
    const Key& key = keys[i];
    if (cacheable) {
      e = &cache[slots[i]];
      if (e->owner == id_ && e->key == key && e->key_size == form.size() &&
          e->kind == t.kind) {
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
      e->key = key;
      e->key_size = static_cast<uint8_t>(form.size());
      e->kind = t.kind;
      e->pos = t.pos;
      e->word_id = t.word_id;
      e->lemma_id = t.lemma_id;
      e->lemma_size = static_cast<uint8_t>(t.lemma.size());
      std::memcpy(e->lemma, t.lemma.data(), t.lemma.size());
    }
  }
}

}  // namespace ladder::coder
