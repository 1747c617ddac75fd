// The compiled dictionary: actors (date-aware), agents, verb patterns,
// discards, issues and the CAMEO code table, in one internal representation
// that every format (ladder's own, PETRARCH, TABARI, Phoenix) compiles into.
//
// Order of calls: DictionaryBuilder::Add*, then Compile(); the compiled
// Dictionary is immutable and may be shared by any number of threads. It
// lives in one flat block of bytes (dict/image.h), so a snapshot file can
// be memory-mapped and used as it is (dict/snapshot.h): no parsing, no
// allocation per entry. Its entries are read through views (ActorView,
// PatternView, ...), cheap values valid while the Dictionary lives.
#ifndef LADDER_DICT_DICTIONARY_H_
#define LADDER_DICT_DICTIONARY_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dict/flat.h"
#include "dict/image.h"
#include "dict/vocabulary.h"
#include "ladder/status.h"
#include "text/text.h"

namespace ladder::dict {

inline constexpr uint32_t kDictionaryFormatVersion = 1;

// ---- What readers add to a builder ----

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
};
inline constexpr uint8_t kMaxElementKind =
    static_cast<uint8_t>(PatternElement::Kind::kVerb);

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
  // Words match only a token's own lower-case form, not its lemma
  // (PETRARCH-1 patterns, which list the forms they mean).
  bool exact_words = false;
};

struct IssueEntry {
  Phrase phrase;
  std::string code;
  bool ignore = false;  // '~' phrases that must not count
};

// What a discards-file phrase does when it occurs in a document.
enum class DiscardKind : uint32_t {
  kSentence = 0,  // the sentence is not coded
  kStory = 1,     // the document is not coded ("+phrase")
  kCue = 2,       // a cue that the document is about `topic` ("?topic phrase")
  kAnchor = 3,    // a cue that the document is political ("!phrase")
};

struct DiscardEntry {
  Phrase phrase;
  DiscardKind kind = DiscardKind::kSentence;
  std::string topic;  // kCue
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

class Dictionary;

class DictionaryBuilder {
 public:
  DictionaryBuilder() = default;
  void AddActor(ActorEntry entry) { actors_.push_back(std::move(entry)); }
  void AddAgent(AgentEntry entry) { agents_.push_back(std::move(entry)); }
  void AddPattern(VerbPattern pattern) { patterns_.push_back(std::move(pattern)); }
  void AddDiscard(Phrase phrase, bool whole_story) {
    discards_.push_back(
        {std::move(phrase), whole_story ? DiscardKind::kStory : DiscardKind::kSentence, ""});
  }
  // A topic cue ("?sport coach") or a political anchor ("!minister"):
  // counted per document, see Dictionary::discard_kind.
  void AddTopicCue(Phrase phrase, std::string topic) {
    discards_.push_back({std::move(phrase), DiscardKind::kCue, std::move(topic)});
  }
  void AddAnchor(Phrase phrase) {
    discards_.push_back({std::move(phrase), DiscardKind::kAnchor, ""});
  }
  void AddIssue(IssueEntry issue) { issues_.push_back(std::move(issue)); }
  void AddCode(CodeInfo info) { codes_.push_back(std::move(info)); }
  // Records a problem found while reading (kept for `ladder dict check`).
  void AddProblem(std::string message) { problems_.push_back(std::move(message)); }
  // Adds every entry of a compiled dictionary (to combine a snapshot with
  // other dictionaries).
  void AddAll(const Dictionary& dictionary);

  const std::vector<ActorEntry>& actors() const { return actors_; }
  const std::vector<AgentEntry>& agents() const { return agents_; }
  const std::vector<VerbPattern>& patterns() const { return patterns_; }
  const std::vector<DiscardEntry>& discards() const { return discards_; }
  const std::vector<IssueEntry>& issues() const { return issues_; }
  const std::vector<CodeInfo>& codes() const { return codes_; }
  const std::vector<std::string>& problems() const { return problems_; }

  size_t actor_count() const { return actors_.size(); }
  size_t agent_count() const { return agents_.size(); }
  size_t pattern_count() const { return patterns_.size(); }
  size_t discard_count() const { return discards_.size(); }
  size_t issue_count() const { return issues_.size(); }
  size_t code_count() const { return codes_.size(); }

  // Builds the matchers and lays everything out in one image. The builder
  // is left empty. An error if the dictionary is too large for 32-bit
  // offsets.
  Result<std::shared_ptr<const Dictionary>> Compile();

 private:
  std::vector<ActorEntry> actors_;
  std::vector<AgentEntry> agents_;
  std::vector<VerbPattern> patterns_;
  std::vector<DiscardEntry> discards_;
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
  uint32_t entry = 0;  // index of the actor/agent/discard/issue
};

inline uint64_t TrieEdgeKey(uint32_t node, uint32_t word) {
  return (static_cast<uint64_t>(node) << 32) | word;
}

// A phrase trie keyed by word id (exact words) with '*' stem edges. Longest
// match wins; among equally long matches, the entry inserted first.
class TrieView {
 public:
  TrieView() = default;
  TrieView(VocabularyView vocab, std::span<const flat::Node> nodes,
           std::span<const flat::Stem> stems, const char* chars,
           std::span<const flat::EdgeSlot> edges,
           std::span<const uint64_t> first_words,
           std::span<const uint64_t> parents)
      : vocab_(vocab), nodes_(nodes), stems_(stems), chars_(chars),
        edges_(edges), first_words_(first_words), parents_(parents) {}

  // `word_of(i)` / `lemma_of(i)` give the lower-case form and lemma of token
  // i. Returns the longest phrase starting at token `start`, if any.
  template <typename WordFn, typename LemmaFn>
  bool LongestAt(size_t start, size_t n, WordFn word_of, LemmaFn lemma_of,
                 PhraseMatch* match) const {
    auto word_id = [&](size_t k) { return vocab_.Find(word_of(k)); };
    auto lemma_id = [&](size_t k) { return vocab_.Find(lemma_of(k)); };
    return Walk(start, n, word_id, lemma_id, word_of, match);
  }
  // The same over tokens whose word ids come from this trie's vocabulary
  // (Dictionary::AssignWordIds): no string is hashed.
  bool LongestAt(const std::vector<text::Token>& tokens, size_t start,
                 PhraseMatch* match) const {
    // Most tokens start no phrase: rule them out here, before the walk
    // sets up its stack.
    if (start >= tokens.size() ||
        !MayStartAt(tokens[start].word_id, tokens[start].lemma_id)) {
      return false;
    }
    return Walk(
        start, tokens.size(), [&](size_t k) { return tokens[k].word_id; },
        [&](size_t k) { return tokens[k].lemma_id; },
        [&](size_t k) -> std::string_view { return tokens[k].lower; }, match);
  }
  // A hint, no result: starts loading the edge table slots where walks
  // from these tokens begin (ids as for LongestAt above), so that the cache
  // misses of a sentence's walks overlap instead of coming one by one.
  void Prefetch(const std::vector<text::Token>& tokens) const {
    if (edges_.empty()) return;
    size_t mask = edges_.size() - 1;
    auto slot = [&](uint32_t node, uint32_t word) {
      return &edges_[flat::MixKey(TrieEdgeKey(node, word)) & mask];
    };
    for (const text::Token& t : tokens) {
      if (StartsPhrase(t.word_id)) __builtin_prefetch(slot(0, t.word_id));
      if (t.lemma_id != t.word_id && StartsPhrase(t.lemma_id)) {
        __builtin_prefetch(slot(0, t.lemma_id));
      }
    }
  }
  // Can a phrase start at a token with these word and lemma ids (as for
  // LongestAt)? Not unless one of them has an edge from the root or the
  // root has stem edges (which match by text). False is certain; true
  // means "walk to find out".
  bool MayStartAt(uint32_t word, uint32_t lemma) const {
    return StartsPhrase(word) || StartsPhrase(lemma) ||
           nodes_[0].first_stem != 0;
  }
  size_t node_count() const { return nodes_.size(); }

 private:
  bool HasWordEdges(uint32_t node) const { return flat::HasBit(parents_, node); }
  bool StartsPhrase(uint32_t word) const { return flat::HasBit(first_words_, word); }
  template <typename IdFn, typename LemmaIdFn, typename WordFn>
  bool Walk(size_t start, size_t n, IdFn word_id, LemmaIdFn lemma_id,
            WordFn word_of, PhraseMatch* match) const;

  VocabularyView vocab_;
  std::span<const flat::Node> nodes_;
  std::span<const flat::Stem> stems_;
  const char* chars_ = nullptr;
  std::span<const flat::EdgeSlot> edges_;
  std::span<const uint64_t> first_words_;
  std::span<const uint64_t> parents_;
};

// Builds a phrase trie in the flat layout (Compile; tests and tools).
class PhraseTrie {
 public:
  // A trie with a vocabulary of its own.
  PhraseTrie() : vocab_(std::make_shared<Vocabulary>()) {}
  // A trie sharing `vocab` with others (a Dictionary's tries and patterns).
  explicit PhraseTrie(std::shared_ptr<Vocabulary> vocab) : vocab_(std::move(vocab)) {}

  void Insert(const Phrase& phrase, uint32_t entry);
  // Valid until the next Insert.
  TrieView view() const {
    return {vocab_->view(), nodes_, stems_,      chars_.data(),
            edges_.slots(),  first_words_, parents_};
  }
  template <typename WordFn, typename LemmaFn>
  bool LongestAt(size_t start, size_t n, WordFn word_of, LemmaFn lemma_of,
                 PhraseMatch* match) const {
    return view().LongestAt(start, n, word_of, lemma_of, match);
  }
  bool LongestAt(const std::vector<text::Token>& tokens, size_t start,
                 PhraseMatch* match) const {
    return view().LongestAt(tokens, start, match);
  }
  size_t node_count() const { return nodes_.size(); }
  const Vocabulary& vocabulary() const { return *vocab_; }

  const std::vector<flat::Node>& nodes() const { return nodes_; }
  const std::vector<flat::Stem>& stems() const { return stems_; }
  const std::string& chars() const { return chars_; }  // stem text
  const EdgeMap& edges() const { return edges_; }
  const std::vector<uint64_t>& first_words() const { return first_words_; }
  const std::vector<uint64_t>& parents() const { return parents_; }

 private:
  std::shared_ptr<Vocabulary> vocab_;
  EdgeMap edges_;                      // (node, word id) -> child node
  std::vector<uint64_t> first_words_;  // bitmap: ids with an edge from the root
  std::vector<uint64_t> parents_;      // bitmap: nodes with a word edge
  std::vector<flat::Node> nodes_{1};
  std::vector<flat::Stem> stems_;
  std::string chars_;
};

// ---- Views of a compiled dictionary's entries ----

struct OriginView {
  std::string_view file;
  int line = 0;
  std::string ToString() const { return std::string(file) + ":" + std::to_string(line); }
};

struct DatedCodeView {
  std::string_view code;
  int from_ymd = 0;
  int to_ymd = 99999999;
  std::string_view note;
};

// A list of phrases (an actor's or agent's names).
class PhraseList {
 public:
  PhraseList(const ImageTables* t, flat::Range r) : t_(t), r_(r) {}
  size_t size() const { return r_.count; }
  WordList operator[](size_t i) const { return t_->words(t_->phrases[r_.begin + i]); }

 private:
  const ImageTables* t_;
  flat::Range r_;
};

class ActorView {
 public:
  ActorView(const ImageTables* t, const flat::Actor* a) : t_(t), a_(a) {}
  PhraseList names() const { return {t_, a_->names}; }
  size_t code_count() const { return a_->codes.count; }
  DatedCodeView code(size_t i) const;
  // The code valid on `ymd` (0: undated/any), if any.
  std::optional<DatedCodeView> CodeOn(int ymd) const;
  OriginView origin() const;

 private:
  const ImageTables* t_;
  const flat::Actor* a_;
};

class AgentView {
 public:
  AgentView(const ImageTables* t, const flat::Agent* a) : t_(t), a_(a) {}
  PhraseList names() const { return {t_, a_->names}; }
  std::string_view code() const { return t_->str(a_->code); }
  bool prefix() const { return a_->prefix != 0; }
  bool exact_forms() const { return a_->exact_forms != 0; }
  OriginView origin() const;

 private:
  const ImageTables* t_;
  const flat::Agent* a_;
};

class ElementView {
 public:
  ElementView(const ImageTables* t, const flat::Element* e) : t_(t), e_(e) {}
  PatternElement::Kind kind() const { return static_cast<PatternElement::Kind>(e_->kind); }
  WordList words() const { return t_->words(e_->words); }
  int max_gap() const { return e_->max_gap; }
  // The ids of the exact words; whether any word is a '*' stem (matched by
  // string prefix).
  std::span<const uint32_t> ids() const { return t_->u32s(e_->ids); }
  bool has_stem() const { return e_->has_stem != 0; }
  // A lone word `w` ("^", "%").
  bool Is(std::string_view w) const {
    return e_->words.count == 1 && words()[0] == w;
  }

 private:
  const ImageTables* t_;
  const flat::Element* e_;
};

class ElementList {
 public:
  ElementList(const ImageTables* t, flat::Range r) : t_(t), r_(r) {}
  size_t size() const { return r_.count; }
  ElementView operator[](size_t i) const {
    return {t_, &t_->elements[t_->u32[r_.begin + i]]};
  }

 private:
  const ImageTables* t_;
  flat::Range r_;
};

class PatternView {
 public:
  PatternView(const ImageTables* t, const flat::Pattern* p) : t_(t), p_(p) {}
  ElementList elements() const { return {t_, p_->elements}; }
  int anchor() const { return p_->anchor; }
  WordList verb_words() const { return t_->words(p_->verb_words); }
  std::string_view code() const { return t_->str(p_->code); }
  std::string_view reverse_code() const { return t_->str(p_->reverse_code); }
  OriginView origin() const;
  // Longer patterns win.
  int specificity() const { return p_->specificity; }
  // Elements other than the anchor that are exact words only, fewest
  // alternatives first. Each must match some token of the sentence, so a
  // pattern whose required words are absent is not tried.
  std::span<const uint32_t> required() const { return t_->u32s(p_->required); }
  // Every required element is one word, at most three: AnchorView::needs
  // holds them all, so nothing else need be checked.
  bool needs_complete() const { return p_->needs_complete != 0; }
  bool exact_words() const { return p_->exact_words != 0; }
  bool operator==(const PatternView& o) const { return p_ == o.p_; }

 private:
  const ImageTables* t_;
  const flat::Pattern* p_;
};

class IssueView {
 public:
  IssueView(const ImageTables* t, const flat::Issue* i) : t_(t), i_(i) {}
  WordList phrase() const { return t_->words(i_->phrase); }
  std::string_view code() const { return t_->str(i_->code); }
  bool ignore() const { return i_->ignore != 0; }

 private:
  const ImageTables* t_;
  const flat::Issue* i_;
};

// The patterns anchored on one word, most specific first. Long lists
// (kAnchorIndexMin) are also grouped by a word each pattern requires (its
// rarest-looking required element), so a sentence only tries the patterns
// whose key word it has.
class AnchorView {
 public:
  AnchorView() = default;
  AnchorView(const ImageTables* t, const flat::Anchor* a) : t_(t), a_(a) {}
  explicit operator bool() const { return a_ != nullptr; }
  std::span<const uint32_t> all() const { return t_->u32s(a_->all); }  // pattern indices
  // Up to three word ids the k-th pattern of all() requires (0: none), kept
  // here so that ruling a pattern out does not touch the pattern itself.
  const flat::Needs& needs(size_t k) const { return t_->needs[a_->needs + k]; }
  // Positions in all() of the patterns without a key word.
  std::span<const uint32_t> unkeyed() const { return t_->u32s(a_->unkeyed); }
  size_t keyed_count() const { return a_->keyed.count; }
  const flat::Keyed& keyed(size_t i) const { return t_->keyed[a_->keyed.begin + i]; }
  std::span<const uint32_t> positions(const flat::Keyed& k) const {
    return t_->u32s(k.positions);
  }
  // The positions keyed by word `key` (empty if none).
  std::span<const uint32_t> Keyed(uint32_t key) const {
    uint32_t i = flat::FindEdge(t_->edges.data() + a_->key_table.begin,
                                a_->key_table.count, key);
    return i == 0 ? std::span<const uint32_t>() : positions(keyed(i - 1));
  }

 private:
  const ImageTables* t_ = nullptr;
  const flat::Anchor* a_ = nullptr;
};
inline constexpr size_t kAnchorIndexMin = 24;

class Dictionary {
 public:
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  // A dictionary over an image (dict/image.h) in `storage`, which must stay
  // alive and unchanged; checks it first (errors name `name`).
  static Result<std::shared_ptr<const Dictionary>> FromImage(
      std::shared_ptr<const void> storage, std::span<const unsigned char> image,
      const std::string& name);

  size_t actor_count() const { return t_.actors.size(); }
  size_t agent_count() const { return t_.agents.size(); }
  size_t pattern_count() const { return t_.patterns.size(); }
  size_t issue_count() const { return t_.issues.size(); }
  size_t discard_count() const { return t_.discards.size(); }
  size_t code_count() const { return t_.codes.size(); }
  ActorView actor(uint32_t i) const { return {&t_, &t_.actors[i]}; }
  AgentView agent(uint32_t i) const { return {&t_, &t_.agents[i]}; }
  PatternView pattern(uint32_t i) const { return {&t_, &t_.patterns[i]}; }
  IssueView issue(uint32_t i) const { return {&t_, &t_.issues[i]}; }
  WordList discard_phrase(uint32_t i) const { return t_.words(t_.discards[i].phrase); }
  bool discard_is_story(uint32_t entry) const {
    return discard_kind(entry) == DiscardKind::kStory;
  }
  DiscardKind discard_kind(uint32_t entry) const {
    return static_cast<DiscardKind>(t_.discards[entry].kind);
  }
  // The topic of a kCue entry ("sport"), else "".
  std::string_view discard_topic(uint32_t entry) const {
    return t_.str(t_.discards[entry].topic);
  }
  const TrieView& actor_trie() const { return tries_[kActorTrie]; }
  const TrieView& agent_trie() const { return tries_[kAgentTrie]; }
  const TrieView& discard_trie() const { return tries_[kDiscardTrie]; }
  const TrieView& issue_trie() const { return tries_[kIssueTrie]; }

  // Patterns whose anchor word is `lemma` (or a '*' verb with that lemma),
  // most specific first; empty if none.
  std::span<const uint32_t> PatternsFor(std::string_view lemma) const {
    return PatternsFor(vocabulary().Find(lemma));
  }
  std::span<const uint32_t> PatternsFor(uint32_t word) const {
    AnchorView a = AnchoredOn(word);
    return a ? a.all() : std::span<const uint32_t>();
  }
  // The patterns anchored on a word id with their key-word index (false if
  // none).
  AnchorView AnchoredOn(uint32_t word) const {
    // A bitmap first: most words anchor nothing.
    if (!flat::HasBit(t_.anchor_bits, word)) return {};
    return {&t_, &t_.anchors[word]};
  }
  // A hint, no result: starts loading the anchor records of the tokens'
  // words (ids as for AnchoredOn), so that their cache misses overlap with
  // other work instead of stalling the verb search one by one.
  void PrefetchAnchors(const std::vector<text::Token>& tokens) const {
    auto fetch = [&](uint32_t id) {
      if (flat::HasBit(t_.anchor_bits, id)) __builtin_prefetch(&t_.anchors[id]);
    };
    for (const text::Token& t : tokens) {
      fetch(t.lemma_id);
      if (t.word_id != t.lemma_id) fetch(t.word_id);
    }
  }
  // Does word `id` key some anchor's patterns (AnchorView::Keyed)? A word
  // that keys none need not be looked up in any key table.
  bool IsKeyWord(uint32_t id) const { return flat::HasBit(t_.key_bits, id); }
  // Sets each token's word_id and lemma_id from this dictionary's
  // vocabulary (kNoWord for words no phrase or pattern uses).
  void AssignWordIds(std::vector<text::Token>* tokens) const;
  void AssignWordIds(text::Token* token) const;
  const VocabularyView& vocabulary() const { return vocab_; }
  // Code facts; nullptr for an unknown code.
  const CodeInfo* Code(std::string_view code) const;
  const std::vector<CodeInfo>& codes() const { return code_list_; }
  const std::vector<std::string>& problems() const { return problems_; }
  uint32_t format_version() const { return kDictionaryFormatVersion; }
  // The image (dict/image.h): what a snapshot file holds before its checksum.
  std::span<const unsigned char> image() const { return image_; }

 private:
  Dictionary() = default;

  std::shared_ptr<const void> storage_;
  std::span<const unsigned char> image_;
  ImageTables t_;
  VocabularyView vocab_;
  std::array<TrieView, 4> tries_;
  // Decoded at open: a few hundred entries.
  std::vector<CodeInfo> code_list_;
  StringMap<size_t> codes_;
  std::vector<std::string> problems_;
};

template <typename IdFn, typename LemmaIdFn, typename WordFn>
bool TrieView::Walk(size_t start, size_t n, IdFn word_id, LemmaIdFn lemma_id,
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
    const flat::Node& node = nodes_[f.node];
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
    } else if (!HasWordEdges(f.node)) {
      // Most phrases end here ("Russia"): no probe that could only miss.
      w = l = kNoWord;
    }
    if (w != kNoWord) {
      if (uint32_t child = flat::FindEdge(edges_.data(), edges_.size(),
                                          TrieEdgeKey(f.node, w))) {
        stack[top++] = {child, f.pos + 1};
      }
    }
    if (l != w && l != kNoWord) {
      if (uint32_t child = flat::FindEdge(edges_.data(), edges_.size(),
                                          TrieEdgeKey(f.node, l))) {
        stack[top++] = {child, f.pos + 1};
      }
    }
    if (node.first_stem != 0) {
      std::string_view form = word_of(f.pos);
      for (uint32_t s = node.first_stem; s != 0 && top < 63; s = stems_[s - 1].next) {
        const flat::Stem& stem = stems_[s - 1];
        std::string_view text(chars_ + stem.stem.offset, stem.stem.size);
        if (form.substr(0, text.size()) == text) {
          stack[top++] = {stem.child, f.pos + 1};
        }
      }
    }
  }
  return found;
}

}  // namespace ladder::dict

#endif  // LADDER_DICT_DICTIONARY_H_
