// The compiled dictionary: actors (date-aware), agents, verb patterns,
// discards, issues and the CAMEO code table, in one internal representation
// that every format (ladder's own, PETRARCH, TABARI, Phoenix) compiles into.
//
// Order of calls: DictionaryBuilder::Add*, then Compile(); the compiled
// Dictionary is immutable and may be shared by any number of threads.
#ifndef LADDER_DICT_DICTIONARY_H_
#define LADDER_DICT_DICTIONARY_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dict/vocabulary.h"
#include "ladder/status.h"
#include "text/text.h"

namespace ladder::dict {

inline constexpr uint32_t kDictionaryFormatVersion = 1;

// Where an entry came from, for error messages and explain traces.
struct Origin {
  std::string file;
  int line = 0;
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

// A code valid from `from_ymd` to `to_ymd` inclusive (YYYYMMDD; 0 and
// 99999999 are open ends).
struct DatedCode {
  std::string code;
  int from_ymd = 0;
  int to_ymd = 99999999;
  std::string note;  // e.g. "president"
};

// A phrase is a sequence of lower-case words. A word ending in '*' matches
// any token that starts with the rest (a stem); otherwise a word matches a
// token whose lower-case form or lemma equals it.
using Phrase = std::vector<std::string>;

struct ActorEntry {
  std::vector<Phrase> names;
  std::vector<DatedCode> codes;  // undated codes have the open range
  Origin origin;
  // The code valid on `ymd` (0: undated/any), or nullptr.
  const DatedCode* CodeOn(int ymd) const;
};

struct AgentEntry {
  std::vector<Phrase> names;
  std::string code;     // "GOV", "MIL", "REB", ...
  bool prefix = false;  // Phoenix "X~": the agent goes before the actor code
  // `names` list every form ("POLICE {}": no regular plural): a token matches
  // by its own form, not by its lemma ("polices" is not "police").
  bool exact_forms = false;
  Origin origin;
};

struct PatternElement {
  enum class Kind : uint8_t {
    kWord,    // one of `words` (alternatives)
    kGap,     // skip 0..max_gap tokens; words {"^"}: skip one noun phrase
    kTarget,  // '+' an actor mention: the target
    kSource,  // '$' an actor mention: the source
    kVerb,    // '*' the anchor verb itself (legacy patterns)
  };
  Kind kind = Kind::kWord;
  std::vector<std::string> words;
  int max_gap = 0;
  // Filled by Compile: the ids of the exact words, and whether any word is
  // a '*' stem (matched by string prefix).
  std::vector<uint32_t> ids;
  bool has_stem = false;
};

struct VerbPattern {
  // Elements in sentence order. `anchor` indexes the element matched first:
  // a kWord (ladder's own format: the first word) or kVerb.
  std::vector<PatternElement> elements;
  int anchor = 0;
  // For kVerb anchors: the verb lemmas (with forms) that the '*' stands for.
  std::vector<std::string> verb_words;
  std::string code;          // CAMEO code source->target
  std::string reverse_code;  // paired code target->source, or ""
  Origin origin;
  int specificity = 0;  // computed at Compile: longer patterns win
  // Computed at Compile: elements other than the anchor that are exact words
  // only. Each must match some token of the sentence, so a pattern whose
  // required words are absent is not tried (see SentenceWords).
  std::vector<uint16_t> required;  // fewest alternatives first
  // Computed at Compile: every required element is one word, at most three:
  // AnchorPatterns::needs holds them all, so nothing else need be checked.
  bool needs_complete = false;
  // Words match only a token's own lower-case form, not its lemma
  // (PETRARCH-1 patterns, which list the forms they mean).
  bool exact_words = false;
};

struct IssueEntry {
  Phrase phrase;
  std::string code;
  bool ignore = false;  // '~' phrases that must not count
};

struct CodeInfo {
  std::string code;
  std::string label;
  double goldstein = 0.0;
  int quad_class = 0;
  std::string plover_event;
  std::string plover_mode;
};

// Quad class of a CAMEO code from its root: 01-05 -> 1, 06-09 -> 2,
// 10-14 -> 3, 15-20 -> 4; 0 if the code is not a CAMEO code.
int QuadClassOfCode(std::string_view code);

// The patterns anchored on one word, most specific first. Long lists are
// also grouped by a word each pattern requires (its rarest-looking required
// element), so a sentence only tries the patterns whose key word it has.
struct AnchorPatterns {
  std::vector<uint32_t> all;  // pattern indices
  // Parallel to `all`: up to three word ids the pattern requires (one-word
  // required elements; 0: none), kept here so that ruling a pattern out
  // does not touch the pattern itself.
  std::vector<std::array<uint32_t, 3>> needs;
  // Set when `all` is long (kAnchorIndexMin): positions in `all`.
  std::vector<uint32_t> unkeyed;  // patterns without a required word
  std::vector<std::pair<uint32_t, std::vector<uint32_t>>> keyed;  // key word id
  // Key id -> 1 + index into `keyed`. Small and per verb, so a common
  // verb's table stays in cache.
  EdgeMap key_table;

  // The positions keyed by word `key`, or nullptr.
  const std::vector<uint32_t>* Keyed(uint32_t key) const {
    uint32_t index = key_table.Find(key);
    return index == 0 ? nullptr : &keyed[index - 1].second;
  }
};
inline constexpr size_t kAnchorIndexMin = 24;

class Dictionary;

class DictionaryBuilder {
 public:
  DictionaryBuilder() = default;
  void AddActor(ActorEntry entry) { actors_.push_back(std::move(entry)); }
  void AddAgent(AgentEntry entry) { agents_.push_back(std::move(entry)); }
  void AddPattern(VerbPattern pattern) { patterns_.push_back(std::move(pattern)); }
  void AddDiscard(Phrase phrase, bool whole_story) {
    discards_.push_back({std::move(phrase), whole_story});
  }
  void AddIssue(IssueEntry issue) { issues_.push_back(std::move(issue)); }
  void AddCode(CodeInfo info) { codes_.push_back(std::move(info)); }
  // Records a problem found while reading (kept for `ladder dict check`).
  void AddProblem(std::string message) { problems_.push_back(std::move(message)); }
  const std::vector<std::string>& problems() const { return problems_; }

  size_t actor_count() const { return actors_.size(); }
  size_t agent_count() const { return agents_.size(); }
  size_t pattern_count() const { return patterns_.size(); }
  size_t discard_count() const { return discards_.size(); }
  size_t issue_count() const { return issues_.size(); }
  size_t code_count() const { return codes_.size(); }

  // Builds the matchers. The builder is left empty.
  Result<std::shared_ptr<const Dictionary>> Compile();

 private:
  friend class Dictionary;
  friend struct SnapshotAccess;  // dict/snapshot.cc saves and loads the entries
  struct Discard {
    Phrase phrase;
    bool whole_story;
  };
  std::vector<ActorEntry> actors_;
  std::vector<AgentEntry> agents_;
  std::vector<VerbPattern> patterns_;
  std::vector<Discard> discards_;
  std::vector<IssueEntry> issues_;
  std::vector<CodeInfo> codes_;
  std::vector<std::string> problems_;
};

// Hash for heterogeneous (string_view) lookups without allocation.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>()(s);
  }
};
template <typename V>
using StringMap =
    std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// A match of a phrase trie against a token sequence.
struct PhraseMatch {
  uint32_t begin = 0;  // token index
  uint32_t end = 0;    // exclusive
  uint32_t entry = 0;  // index into actors()/agents()/...
};

// A trie over phrase words keyed by word id. Longest match wins; among
// equally long matches, the entry inserted first.
class PhraseTrie {
 public:
  // A trie with a vocabulary of its own (tests, tools).
  PhraseTrie() : vocab_(std::make_shared<Vocabulary>()) {}
  // A trie sharing `vocab` with others (a Dictionary's tries and patterns).
  explicit PhraseTrie(std::shared_ptr<Vocabulary> vocab)
      : vocab_(std::move(vocab)) {}

  // `word_of(i)` / `lemma_of(i)` give the lower-case form and lemma of token
  // i. Returns the longest phrase starting at token `start`, if any.
  template <typename WordFn, typename LemmaFn>
  bool LongestAt(size_t start, size_t n, WordFn word_of, LemmaFn lemma_of,
                 PhraseMatch* match) const {
    auto word_id = [&](size_t k) { return vocab_->Find(word_of(k)); };
    auto lemma_id = [&](size_t k) { return vocab_->Find(lemma_of(k)); };
    return Walk(start, n, word_id, lemma_id, word_of, match);
  }
  // The same over tokens whose word ids come from this trie's vocabulary
  // (Dictionary::AssignWordIds): no string is hashed.
  bool LongestAt(const std::vector<text::Token>& tokens, size_t start,
                 PhraseMatch* match) const {
    return Walk(
        start, tokens.size(), [&](size_t k) { return tokens[k].word_id; },
        [&](size_t k) { return tokens[k].lemma_id; },
        [&](size_t k) -> std::string_view { return tokens[k].lower; }, match);
  }
  void Insert(const Phrase& phrase, uint32_t entry);
  size_t node_count() const { return nodes_.size(); }
  const Vocabulary& vocabulary() const { return *vocab_; }

 private:
  struct Node {
    std::vector<std::pair<std::string, uint32_t>> stems;  // "word*" prefixes
    int32_t entry = -1;
  };
  bool StartsPhrase(uint32_t word) const {
    return (word >> 6) < first_words_.size() &&
           ((first_words_[word >> 6] >> (word & 63)) & 1);
  }
  static uint64_t EdgeKey(uint32_t node, uint32_t word) {
    return (static_cast<uint64_t>(node) << 32) | word;
  }
  template <typename IdFn, typename LemmaIdFn, typename WordFn>
  bool Walk(size_t start, size_t n, IdFn word_id, LemmaIdFn lemma_id,
            WordFn word_of, PhraseMatch* match) const;

  std::shared_ptr<Vocabulary> vocab_;
  EdgeMap edges_;  // (node, word id) -> child node
  std::vector<uint64_t> first_words_;  // bitmap: ids with an edge from the root
  std::vector<Node> nodes_{1};
};

class Dictionary {
 public:
  const std::vector<ActorEntry>& actors() const { return actors_; }
  const std::vector<AgentEntry>& agents() const { return agents_; }
  const std::vector<VerbPattern>& patterns() const { return patterns_; }
  const std::vector<IssueEntry>& issues() const { return issues_; }
  const PhraseTrie& actor_trie() const { return actor_trie_; }
  const PhraseTrie& agent_trie() const { return agent_trie_; }
  const PhraseTrie& discard_trie() const { return discard_trie_; }
  const PhraseTrie& issue_trie() const { return issue_trie_; }
  bool discard_is_story(uint32_t entry) const { return discard_story_[entry]; }
  // Patterns whose anchor word is `lemma` (or a '*' verb with that lemma),
  // most specific first; nullptr if none.
  const std::vector<uint32_t>* PatternsFor(std::string_view lemma) const;
  // The same by word id (kNoWord: nullptr).
  const std::vector<uint32_t>* PatternsFor(uint32_t word) const {
    const AnchorPatterns* a = AnchoredOn(word);
    return a == nullptr ? nullptr : &a->all;
  }
  // The patterns anchored on a word id with their key-word index, or nullptr.
  const AnchorPatterns* AnchoredOn(uint32_t word) const {
    // A bitmap first: most words anchor nothing.
    if ((word >> 6) >= anchors_.size() || !((anchors_[word >> 6] >> (word & 63)) & 1)) {
      return nullptr;
    }
    return &patterns_by_anchor_[word];
  }
  // Sets each token's word_id and lemma_id from this dictionary's
  // vocabulary (kNoWord for words no phrase or pattern uses).
  void AssignWordIds(std::vector<text::Token>* tokens) const;
  void AssignWordIds(text::Token* token) const;
  const Vocabulary& vocabulary() const { return *vocab_; }
  // Code facts; nullptr for an unknown code.
  const CodeInfo* Code(std::string_view code) const;
  const std::vector<std::string>& problems() const { return problems_; }
  uint32_t format_version() const { return kDictionaryFormatVersion; }

 private:
  friend class DictionaryBuilder;
  std::vector<ActorEntry> actors_;
  std::vector<AgentEntry> agents_;
  std::vector<VerbPattern> patterns_;
  std::vector<IssueEntry> issues_;
  std::vector<bool> discard_story_;
  std::vector<std::string> problems_;
  std::shared_ptr<Vocabulary> vocab_ = std::make_shared<Vocabulary>();
  PhraseTrie actor_trie_{vocab_}, agent_trie_{vocab_}, discard_trie_{vocab_},
      issue_trie_{vocab_};
  std::vector<AnchorPatterns> patterns_by_anchor_;  // by word id
  std::vector<uint64_t> anchors_;  // bitmap: ids with a non-empty list
  StringMap<CodeInfo> codes_;
};

template <typename IdFn, typename LemmaIdFn, typename WordFn>
bool PhraseTrie::Walk(size_t start, size_t n, IdFn word_id, LemmaIdFn lemma_id,
                      WordFn word_of, PhraseMatch* match) const {
  // Depth-first over (exact | lemma | stem) transitions; keep the longest.
  bool found = false;
  struct Frame {
    uint32_t node;
    size_t pos;
  };
  Frame stack[64];
  int top = 0;
  stack[top++] = {0, start};
  while (top > 0) {
    Frame f = stack[--top];
    const Node& node = nodes_[f.node];
    // Longest wins; among equally long matches, the first inserted entry.
    if (node.entry >= 0 && f.pos > start &&
        (!found || f.pos > match->end ||
         (f.pos == match->end &&
          static_cast<uint32_t>(node.entry) < match->entry))) {
      found = true;
      match->begin = static_cast<uint32_t>(start);
      match->end = static_cast<uint32_t>(f.pos);
      match->entry = static_cast<uint32_t>(node.entry);
    }
    if (f.pos >= n || top + 3 >= 64) continue;
    uint32_t w = word_id(f.pos);
    uint32_t l = lemma_id(f.pos);
    if (f.node == 0) {
      // Most tokens start no phrase: test a bitmap before the edge table.
      if (!StartsPhrase(w)) w = kNoWord;
      if (!StartsPhrase(l)) l = kNoWord;
    }
    if (w != kNoWord) {
      if (uint32_t child = edges_.Find(EdgeKey(f.node, w))) {
        stack[top++] = {child, f.pos + 1};
      }
    }
    if (l != w && l != kNoWord) {
      if (uint32_t child = edges_.Find(EdgeKey(f.node, l))) {
        stack[top++] = {child, f.pos + 1};
      }
    }
    if (!node.stems.empty()) {
      std::string_view form = word_of(f.pos);
      for (const auto& [stem, child] : node.stems) {
        if (form.substr(0, stem.size()) == stem && top < 63) {
          stack[top++] = {child, f.pos + 1};
        }
      }
    }
  }
  return found;
}

}  // namespace ladder::dict

#endif  // LADDER_DICT_DICTIONARY_H_
