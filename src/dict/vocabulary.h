// Word ids shared by a compiled dictionary's tries and pattern index.
//
// Every exact word of every phrase and pattern gets a dense id (1..size());
// 0 means "not a dictionary word". A sentence's tokens are looked up once
// (Dictionary::AssignWordIds) and every later trie step or pattern test is
// an integer comparison instead of hashing and comparing strings.
//
// Thread-safety: Intern only while building; Find is const and may be called
// by any number of threads once building is over.
#ifndef LADDER_DICT_VOCABULARY_H_
#define LADDER_DICT_VOCABULARY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ladder::dict {

inline constexpr uint32_t kNoWord = 0;

class Vocabulary {
 public:
  // Returns the id of `word`, adding it if new.
  uint32_t Intern(std::string_view word);
  // The id of `word`, or kNoWord.
  uint32_t Find(std::string_view word) const;
  // The word of an id in 1..size().
  std::string_view Word(uint32_t id) const { return words_[id - 1]; }
  size_t size() const { return words_.size(); }
  // FNV-1a: words are short, so a byte loop is as fast as anything.
  static uint32_t Hash(std::string_view word);

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t id = kNoWord;  // kNoWord: empty
  };
  void Grow();

  std::vector<Slot> slots_;  // open addressing, size a power of two
  std::vector<std::string> words_;
};

// A map from 64-bit keys to non-zero 32-bit values (open addressing, no
// removal): the trie's edges, keyed by (node, word id), and each verb's
// key-word table. Starts small: there is one per long pattern list.
class EdgeMap {
 public:
  // The value stored under `key`, or 0.
  uint32_t Find(uint64_t key) const {
    if (slots_.empty()) return 0;
    size_t mask = slots_.size() - 1;
    for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value == 0) return 0;
      if (s.key == key) return s.value;
    }
  }
  // Stores `value` (non-zero) under `key`, which must be absent.
  void Insert(uint64_t key, uint32_t value);
  size_t size() const { return used_; }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;  // 0: empty
  };
  static size_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return static_cast<size_t>(k);
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

}  // namespace ladder::dict

#endif  // LADDER_DICT_VOCABULARY_H_
