#include "dict/vocabulary.h"

namespace ladder::dict {

uint32_t Vocabulary::Hash(std::string_view word) {
  uint32_t h = 2166136261u;
  for (unsigned char c : word) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

uint32_t Vocabulary::Find(std::string_view word) const {
  if (slots_.empty()) return kNoWord;
  uint32_t h = Hash(word);
  size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id == kNoWord) return kNoWord;
    if (s.hash == h && words_[s.id - 1] == word) return s.id;
  }
}

void Vocabulary::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id == kNoWord) continue;
    size_t i = s.hash & mask;
    while (slots_[i].id != kNoWord) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

uint32_t Vocabulary::Intern(std::string_view word) {
  if (uint32_t id = Find(word); id != kNoWord) return id;
  if ((words_.size() + 1) * 2 > slots_.size()) Grow();  // load <= 1/2
  words_.emplace_back(word);
  uint32_t id = static_cast<uint32_t>(words_.size());
  uint32_t h = Hash(word);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].id != kNoWord) i = (i + 1) & mask;
  slots_[i] = Slot{h, id};
  return id;
}

void EdgeMap::Insert(uint64_t key, uint32_t value) {
  if ((used_ + 1) * 2 > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.value == 0) continue;
      size_t i = Mix(s.key) & mask;
      while (slots_[i].value != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  size_t mask = slots_.size() - 1;
  size_t i = Mix(key) & mask;
  while (slots_[i].value != 0) i = (i + 1) & mask;
  slots_[i] = Slot{key, value};
  ++used_;
}

}  // namespace ladder::dict
