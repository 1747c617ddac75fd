// libFuzzer target: ladder's own dictionary format (src/dict/own_format.h).
// The input is read as the body of each kind of file in turn ("%ladder <kind>
// 1" prefixed), and once as it is; every builder is compiled and its phrase
// tries are queried with the input's own words.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "dict/dictionary.h"
#include "dict/own_format.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

// Lower-cased whitespace-separated words of the input, at most 256.
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size() && out.size() < 256) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\n' && s[i] != '\t') ++i;
    if (i > start) out.push_back(ladder::base::AsciiLower(s.substr(start, i - start)));
  }
  return out;
}

void Lookup(const ladder::dict::TrieView& trie,
            const std::vector<std::string>& words, size_t entries) {
  auto word_of = [&](size_t i) -> std::string_view { return words[i]; };
  for (size_t start = 0; start < words.size(); ++start) {
    ladder::dict::PhraseMatch m;
    if (trie.LongestAt(start, words.size(), word_of, word_of, &m)) {
      Check(m.begin == start && m.end > m.begin && m.end <= words.size());
      Check(m.entry < entries);
    }
  }
}

void ReadAndCompile(std::string_view content, const std::vector<std::string>& words) {
  ladder::dict::DictionaryBuilder builder;
  ladder::Status status =
      ladder::dict::ReadOwnDictionary(content, "fuzz/dict.txt", &builder);
  if (!status.ok()) {
    Check(status.message().rfind("fuzz/dict.txt:", 0) == 0);
    return;
  }
  for (const std::string& p : builder.problems()) {
    Check(p.rfind("fuzz/dict.txt:", 0) == 0);
  }
  auto dict = builder.Compile();
  if (!dict.ok()) return;
  const ladder::dict::Dictionary& d = **dict;
  Lookup(d.actor_trie(), words, d.actor_count());
  Lookup(d.agent_trie(), words, d.agent_count());
  Lookup(d.issue_trie(), words, d.issue_count());
  Lookup(d.discard_trie(), words, static_cast<size_t>(-1));
  for (const std::string& w : words) (void)d.PatternsFor(w);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kKinds[] = {"actors", "agents",   "verbs",
                                       "codes",  "discards", "issues"};
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> words = Words(body);
  for (const char* kind : kKinds) {
    std::string content = std::string("%ladder ") + kind + " 1\n";
    content.append(body);
    ReadAndCompile(content, words);
  }
  ReadAndCompile(body, words);
  return 0;
}
