// Builders of the compiled dictionary's hash tables: the vocabulary (word
// ids) and the edge maps (trie edges, each verb's key-word table). They
// keep their data in the flat layout (dict/flat.h), so Compile() copies it
// into the image as it is and the same lookups run on both.
//
// Thread-safety: Intern/Insert only while building; Find is const and may
// be called by any number of threads once building is over.
#ifndef LADDER_DICT_VOCABULARY_H_
#define LADDER_DICT_VOCABULARY_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dict/flat.h"

namespace ladder::dict {

class Vocabulary {
 public:
  // Returns the id of `word`, adding it if new.
  uint32_t Intern(std::string_view word);
  // The id of `word`, or kNoWord.
  uint32_t Find(std::string_view word) const { return view().Find(word); }
  // The word of an id in 1..size().
  std::string_view Word(uint32_t id) const { return view().Word(id); }
  size_t size() const { return words_.size(); }
  static uint32_t Hash(std::string_view word) { return flat::HashWord(word); }

  VocabularyView view() const { return {slots_, words_, chars_.data()}; }
  const std::vector<flat::VocabSlot>& slots() const { return slots_; }
  const std::vector<flat::Str>& words() const { return words_; }
  const std::string& chars() const { return chars_; }

 private:
  void Grow();

  std::vector<flat::VocabSlot> slots_;  // open addressing, size a power of two
  std::vector<flat::Str> words_;        // into chars_
  std::string chars_;
};

// A map from 64-bit keys to non-zero 32-bit values (open addressing, no
// removal). Starts small: there is one per long pattern list.
class EdgeMap {
 public:
  // The value stored under `key`, or 0.
  uint32_t Find(uint64_t key) const {
    return flat::FindEdge(slots_.data(), slots_.size(), key);
  }
  // Stores `value` (non-zero) under `key`, which must be absent.
  void Insert(uint64_t key, uint32_t value);
  size_t size() const { return used_; }
  const std::vector<flat::EdgeSlot>& slots() const { return slots_; }

 private:
  std::vector<flat::EdgeSlot> slots_;
  size_t used_ = 0;
};

}  // namespace ladder::dict

#endif  // LADDER_DICT_VOCABULARY_H_
