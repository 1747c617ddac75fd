// libFuzzer target: the dictionary snapshot reader (src/dict/snapshot.h).
// The first input byte picks the mode, the rest is the file: even, read as
// it is (the checksum stops most mutations early); odd, the file size and
// checksum are fixed up first, so mutations reach the image checks
// (src/dict/image.cc). Whatever the input: no crash and no read outside the
// image; an error names the input; a snapshot that opens can be used in
// every way coding uses it, and its entries added to a builder compile.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "dict/dictionary.h"
#include "dict/snapshot.h"

namespace {

using ladder::dict::Dictionary;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// Sets the header's file size and the trailing checksum to match `bytes`.
void Reseal(std::string* bytes) {
  using ladder::dict::kSnapshotHeaderSize;
  using ladder::dict::kSnapshotSizeOffset;
  using ladder::dict::kSnapshotTrailerSize;
  if (bytes->size() < kSnapshotHeaderSize + kSnapshotTrailerSize) return;
  uint64_t size = bytes->size();
  for (int i = 0; i < 8; ++i) {
    (*bytes)[kSnapshotSizeOffset + i] = static_cast<char>(size >> (8 * i));
  }
  uint64_t sum = ladder::dict::SnapshotChecksum(
      std::string_view(*bytes).substr(0, bytes->size() - kSnapshotTrailerSize));
  for (int i = 0; i < 8; ++i) {
    (*bytes)[bytes->size() - kSnapshotTrailerSize + i] =
        static_cast<char>(sum >> (8 * i));
  }
}

// Touches every entry, trie, anchor and key table as coding would.
// `sealed`: the checksum was fixed up, so the contents may be anything
// in bounds (a word's text need not hash to its slot).
size_t Exercise(const Dictionary& d, bool sealed) {
  size_t n = 0;
  for (uint32_t i = 0; i < d.actor_count(); ++i) {
    auto a = d.actor(i);
    for (size_t k = 0; k < a.names().size(); ++k) n += a.names()[k].size();
    for (size_t k = 0; k < a.code_count(); ++k) n += a.code(k).code.size();
    n += a.CodeOn(20200101).has_value() + a.origin().file.size();
  }
  for (uint32_t i = 0; i < d.agent_count(); ++i) n += d.agent(i).code().size();
  for (uint32_t i = 0; i < d.pattern_count(); ++i) {
    auto p = d.pattern(i);
    n += p.code().size() + p.verb_words().size() + p.required().size();
    for (size_t e = 0; e < p.elements().size(); ++e) {
      n += p.elements()[e].words().size() + p.elements()[e].ids().size();
    }
  }
  std::vector<std::string> words;
  for (uint32_t id = 1; id <= d.vocabulary().size(); ++id) {
    words.emplace_back(d.vocabulary().Word(id));
    if (!sealed) Check(d.vocabulary().Find(words.back()) == id);
  }
  auto word = [&](size_t i) -> std::string_view { return words[i]; };
  for (size_t i = 0; i < words.size(); ++i) {
    ladder::dict::PhraseMatch m;
    for (const auto* t : {&d.actor_trie(), &d.agent_trie(), &d.discard_trie(), &d.issue_trie()}) {
      if (t->LongestAt(i, words.size(), word, word, &m)) Check(m.end > i && m.end <= words.size());
    }
  }
  for (uint32_t id = 0; id <= d.vocabulary().size() + 1; ++id) {
    auto a = d.AnchoredOn(id);
    if (!a) continue;
    for (size_t k = 0; k < a.all().size(); ++k) {
      auto p = d.pattern(a.all()[k]);
      n += p.elements()[p.anchor()].ids().size() + a.needs(k).ids[0];
    }
    for (uint32_t key = 0; key <= d.vocabulary().size(); ++key) n += a.Keyed(key).size();
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 1) Reseal(&bytes);
  auto d = ladder::dict::ParseSnapshot(bytes, "fuzz.ldict");
  if (!d.ok()) {
    Check(d.status().message().rfind("fuzz.ldict: ", 0) == 0);
    return 0;
  }
  (void)Exercise(**d, data[0] & 1);
  ladder::dict::DictionaryBuilder builder;
  if (ladder::dict::AddSnapshotEntries(**d, "fuzz.ldict", &builder).ok()) {
    auto again = builder.Compile();
    Check(again.ok());
  }
  return 0;
}
