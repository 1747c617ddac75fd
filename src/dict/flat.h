// The compiled dictionary's records, laid out flat so that one block of
// bytes (an "image") holds a whole Dictionary and can be used where it lies:
// in memory after Compile(), or memory-mapped from a snapshot file.
//
// Every record is a fixed-size struct of integers. A string is a `Str`
// (offset and size in the image's character pool); a list is a `Range`
// (begin and count in one of the image's tables). Nothing holds a pointer,
// so an image means the same wherever it is mapped. The views below turn
// records into string_views and spans; they are cheap values holding
// pointers into the image, valid while the Dictionary that made them lives.
//
// The layout of the image and how it is checked: dict/image.h.
#ifndef LADDER_DICT_FLAT_H_
#define LADDER_DICT_FLAT_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ladder::dict {

inline constexpr uint32_t kNoWord = 0;

namespace flat {

struct Str {
  uint32_t offset = 0;
  uint32_t size = 0;
};
struct Range {
  uint32_t begin = 0;
  uint32_t count = 0;
};

struct Origin {  // where an entry came from
  Str file;
  int32_t line = 0;
  uint32_t pad = 0;
};
struct DatedCode {
  Str code;
  Str note;
  int32_t from_ymd = 0;
  int32_t to_ymd = 0;
};
struct Actor {
  Range names;  // phrases
  Range codes;  // dated codes
  uint32_t origin = 0;
  uint32_t pad = 0;
};
struct Agent {
  Range names;  // phrases
  Str code;
  uint32_t origin = 0;
  uint8_t prefix = 0;
  uint8_t exact_forms = 0;
  uint16_t pad = 0;
};
struct Element {
  uint8_t kind = 0;  // PatternElement::Kind
  uint8_t has_stem = 0;
  uint16_t pad = 0;
  int32_t max_gap = 0;
  Range words;  // strs
  Range ids;    // u32 pool
};
struct Pattern {
  Range elements;    // u32 pool: indices into elements (shared)
  Range verb_words;  // strs
  Range required;    // u32 pool: element indices, fewest alternatives first
  Str code;
  Str reverse_code;
  uint32_t origin = 0;
  int32_t anchor = 0;
  int32_t specificity = 0;
  uint8_t needs_complete = 0;
  uint8_t exact_words = 0;
  uint16_t pad = 0;
};
struct Issue {
  Range phrase;  // strs
  Str code;
  uint32_t ignore = 0;
  uint32_t pad = 0;
};
struct Discard {
  Range phrase;  // strs
  Str topic;     // kCue: the topic's name
  uint32_t kind = 0;  // DiscardKind
  uint32_t pad = 0;
};
struct Code {
  Str code;
  Str label;
  Str plover_event;
  Str plover_mode;
  double goldstein = 0.0;
  int32_t quad_class = 0;
  uint32_t pad = 0;
};
struct VocabSlot {
  uint32_t hash = 0;
  uint32_t id = kNoWord;  // kNoWord: empty
};
struct EdgeSlot {
  uint64_t key = 0;
  uint32_t value = 0;  // 0: empty
  uint32_t pad = 0;
};
struct Node {
  int32_t entry = -1;
  uint32_t first_stem = 0;  // 1 + index into stems, 0: none
};
struct Stem {  // a "word*" edge: tokens starting with `stem`
  Str stem;
  uint32_t child = 0;
  uint32_t next = 0;  // 1 + index of the node's next stem, 0: last
};
struct Trie {  // node, stem and child indices count from the ranges' begins
  Range nodes;
  Range stems;
  Range edges;        // edge slots; count a power of two (or 0)
  Range first_words;  // u64 pool: bitmap of ids with an edge from the root
  Range parents;      // u64 pool: bitmap of nodes with a word edge
};
struct Anchor {  // the patterns anchored on one word id
  Range all;     // u32 pool: pattern indices, most specific first
  uint32_t needs = 0;  // index into needs, parallel to `all`
  uint32_t pad = 0;
  Range unkeyed;    // u32 pool: positions in `all`
  Range keyed;      // keyed table
  Range key_table;  // edge slots: key id -> 1 + index into `keyed`
};
struct Needs {
  uint32_t ids[3] = {0, 0, 0};
};
struct Keyed {
  uint32_t key = 0;
  Range positions;  // u32 pool
};

// FNV-1a: words are short, so a byte loop is as fast as anything.
inline uint32_t HashWord(std::string_view word) {
  uint32_t h = 2166136261u;
  for (unsigned char c : word) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// Bit i of a bitmap of 64-bit words; false past its end. (The image's
// bitmaps: words that anchor or key patterns, words that start a phrase,
// trie nodes with word edges.)
inline bool HasBit(std::span<const uint64_t> bits, uint64_t i) {
  return (i >> 6) < bits.size() && ((bits[i >> 6] >> (i & 63)) & 1);
}
// Sets bit i, growing the bitmap as needed.
inline void SetBit(std::vector<uint64_t>* bits, uint64_t i) {
  if ((i >> 6) >= bits->size()) bits->resize((i >> 6) + 1, 0);
  (*bits)[i >> 6] |= uint64_t{1} << (i & 63);
}

inline size_t MixKey(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return static_cast<size_t>(k);
}

// The value under `key` in an open-addressing table of `n` slots (a power
// of two with at least one empty slot), or 0.
inline uint32_t FindEdge(const EdgeSlot* slots, size_t n, uint64_t key) {
  if (n == 0) return 0;
  size_t mask = n - 1;
  for (size_t i = MixKey(key) & mask;; i = (i + 1) & mask) {
    const EdgeSlot& s = slots[i];
    if (s.value == 0) return 0;
    if (s.key == key) return s.value;
  }
}

}  // namespace flat

// A list of strings in an image (a pattern element's alternatives, a
// phrase's words).
class WordList {
 public:
  WordList() = default;
  WordList(const char* chars, const flat::Str* strs, uint32_t n)
      : chars_(chars), strs_(strs), n_(n) {}
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  std::string_view operator[](size_t i) const {
    return {chars_ + strs_[i].offset, strs_[i].size};
  }
  std::string_view back() const { return (*this)[n_ - 1]; }

  class iterator {
   public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const WordList* l, size_t i) : l_(l), i_(i) {}
    std::string_view operator*() const { return (*l_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++i_;
      return old;
    }
    bool operator==(const iterator& o) const { return i_ == o.i_; }

   private:
    const WordList* l_ = nullptr;
    size_t i_ = 0;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, n_}; }

 private:
  const char* chars_ = nullptr;
  const flat::Str* strs_ = nullptr;
  uint32_t n_ = 0;
};

// Word ids: every exact word of every phrase and pattern has a dense id
// (1..size()); 0 means "not a dictionary word". A sentence's tokens are
// looked up once (Dictionary::AssignWordIds) and every later trie step or
// pattern test is an integer comparison.
class VocabularyView {
 public:
  VocabularyView() = default;
  VocabularyView(std::span<const flat::VocabSlot> slots,
                 std::span<const flat::Str> words, const char* chars)
      : slots_(slots), words_(words), chars_(chars) {}
  // The id of `word`, or kNoWord.
  uint32_t Find(std::string_view word) const {
    if (slots_.empty()) return kNoWord;
    uint32_t h = flat::HashWord(word);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const flat::VocabSlot& s = slots_[i];
      if (s.id == kNoWord) return kNoWord;
      if (s.hash == h && Word(s.id) == word) return s.id;
    }
  }
  // The word of an id in 1..size().
  std::string_view Word(uint32_t id) const {
    const flat::Str& s = words_[id - 1];
    return {chars_ + s.offset, s.size};
  }
  size_t size() const { return words_.size(); }

 private:
  std::span<const flat::VocabSlot> slots_;
  std::span<const flat::Str> words_;
  const char* chars_ = nullptr;
};

}  // namespace ladder::dict

#endif  // LADDER_DICT_FLAT_H_
