#include "dict/vocabulary.h"

namespace ladder::dict {

void Vocabulary::Grow() {
  std::vector<flat::VocabSlot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, flat::VocabSlot{});
  size_t mask = slots_.size() - 1;
  for (const flat::VocabSlot& s : old) {
    if (s.id == kNoWord) continue;
    size_t i = s.hash & mask;
    while (slots_[i].id != kNoWord) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

uint32_t Vocabulary::Intern(std::string_view word) {
  if (uint32_t id = Find(word); id != kNoWord) return id;
  if ((words_.size() + 1) * 2 > slots_.size()) Grow();  // load <= 1/2
  words_.push_back({static_cast<uint32_t>(chars_.size()),
                    static_cast<uint32_t>(word.size())});
  chars_.append(word);
  uint32_t id = static_cast<uint32_t>(words_.size());
  uint32_t h = Hash(word);
  size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].id != kNoWord) i = (i + 1) & mask;
  slots_[i] = flat::VocabSlot{h, id};
  return id;
}

void EdgeMap::Insert(uint64_t key, uint32_t value) {
  if ((used_ + 1) * 2 > slots_.size()) {
    std::vector<flat::EdgeSlot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, flat::EdgeSlot{});
    size_t mask = slots_.size() - 1;
    for (const flat::EdgeSlot& s : old) {
      if (s.value == 0) continue;
      size_t i = flat::MixKey(s.key) & mask;
      while (slots_[i].value != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  size_t mask = slots_.size() - 1;
  size_t i = flat::MixKey(key) & mask;
  while (slots_[i].value != 0) i = (i + 1) & mask;
  slots_[i] = flat::EdgeSlot{key, value, 0};
  ++used_;
}

}  // namespace ladder::dict
