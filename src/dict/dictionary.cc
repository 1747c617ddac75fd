#include "dict/dictionary.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace ladder::dict {

// ---- Views ----

DatedCodeView ActorView::code(size_t i) const {
  const flat::DatedCode& c = t_->dated[a_->codes.begin + i];
  return {t_->str(c.code), c.from_ymd, c.to_ymd, t_->str(c.note)};
}

std::optional<DatedCodeView> ActorView::CodeOn(int ymd) const {
  std::optional<DatedCodeView> undated;
  for (size_t i = 0; i < code_count(); ++i) {
    DatedCodeView c = code(i);
    bool open = c.from_ymd == 0 && c.to_ymd == 99999999;
    if (open) {
      if (!undated) undated = c;
      continue;
    }
    if (ymd == 0) continue;
    if (ymd >= c.from_ymd && ymd <= c.to_ymd) return c;
  }
  if (undated) return undated;
  // Undated document: the latest dated code stands.
  if (ymd == 0 && code_count() > 0) return code(code_count() - 1);
  return std::nullopt;
}

namespace {

OriginView MakeOrigin(const ImageTables& t, uint32_t index) {
  const flat::Origin& o = t.origins[index];
  return {t.str(o.file), o.line};
}

}  // namespace

OriginView ActorView::origin() const { return MakeOrigin(*t_, a_->origin); }
OriginView AgentView::origin() const { return MakeOrigin(*t_, a_->origin); }
OriginView PatternView::origin() const { return MakeOrigin(*t_, p_->origin); }

int QuadClassOfCode(std::string_view code) {
  if (code.size() < 2 || code[0] < '0' || code[0] > '2' || code[1] < '0' ||
      code[1] > '9') {
    return 0;
  }
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 9) return 2;
  if (root >= 10 && root <= 14) return 3;
  if (root >= 15 && root <= 20) return 4;
  return 0;
}

void PhraseTrie::Insert(const Phrase& phrase, uint32_t entry) {
  uint32_t node = 0;
  for (const std::string& word : phrase) {
    bool stem = word.size() > 1 && word.back() == '*';
    uint32_t child = 0;
    if (stem) {
      std::string_view key(word.data(), word.size() - 1);
      // Find the stem in the node's list, remembering the last link.
      uint32_t* link = &nodes_[node].first_stem;
      while (*link != 0) {
        const flat::Stem& s = stems_[*link - 1];
        if (std::string_view(chars_).substr(s.stem.offset, s.stem.size) == key) {
          child = s.child;
          break;
        }
        link = &stems_[*link - 1].next;
      }
      if (child == 0) {
        child = static_cast<uint32_t>(nodes_.size());
        flat::Stem s;
        s.stem = {static_cast<uint32_t>(chars_.size()), static_cast<uint32_t>(key.size())};
        s.child = child;
        chars_.append(key);
        stems_.push_back(s);
        // `link` may point into stems_, which push_back can move: look again.
        uint32_t* tail = &nodes_[node].first_stem;
        while (*tail != 0) tail = &stems_[*tail - 1].next;
        *tail = static_cast<uint32_t>(stems_.size());
        nodes_.emplace_back();
      }
    } else {
      uint32_t id = vocab_->Intern(word);
      if (node == 0) flat::SetBit(&first_words_, id);
      flat::SetBit(&parents_, node);
      uint64_t edge = TrieEdgeKey(node, id);
      child = edges_.Find(edge);
      if (child == 0) {
        child = static_cast<uint32_t>(nodes_.size());
        edges_.Insert(edge, child);
        nodes_.emplace_back();
      }
    }
    node = child;
  }
  // The first entry for a phrase wins: later duplicates do not override.
  if (node != 0 && nodes_[node].entry < 0) {
    nodes_[node].entry = static_cast<int32_t>(entry);
  }
}

void Dictionary::AssignWordIds(std::vector<text::Token>* tokens) const {
  for (text::Token& t : *tokens) AssignWordIds(&t);
}

void Dictionary::AssignWordIds(text::Token* t) const {
  t->word_id = vocab_.Find(t->lower);
  t->lemma_id = t->lemma == t->lower ? t->word_id : vocab_.Find(t->lemma);
}

const CodeInfo* Dictionary::Code(std::string_view code) const {
  auto it = codes_.find(code);
  return it == codes_.end() ? nullptr : &code_list_[it->second];
}

Result<std::shared_ptr<const Dictionary>> Dictionary::FromImage(
    std::shared_ptr<const void> storage, std::span<const unsigned char> image,
    const std::string& name) {
  auto d = std::shared_ptr<Dictionary>(new Dictionary());
  RETURN_IF_ERROR(OpenImage(image, kDictionaryFormatVersion, name, &d->t_));
  d->storage_ = std::move(storage);
  d->image_ = image;
  const ImageTables& t = d->t_;
  d->vocab_ = VocabularyView(t.vocab_slots, t.vocab_words, t.chars.data());
  for (uint32_t i = 0; i < d->tries_.size(); ++i) {
    const flat::Trie& r = t.tries[i];
    d->tries_[i] = TrieView(d->vocab_, t.nodes.subspan(r.nodes.begin, r.nodes.count),
                            t.stems.subspan(r.stems.begin, r.stems.count), t.chars.data(),
                            t.edges.subspan(r.edges.begin, r.edges.count),
                            t.u64.subspan(r.first_words.begin, r.first_words.count),
                            t.u64.subspan(r.parents.begin, r.parents.count));
  }
  d->code_list_.reserve(t.codes.size());
  for (const flat::Code& c : t.codes) {
    d->code_list_.push_back({std::string(t.str(c.code)), std::string(t.str(c.label)),
                             c.goldstein, c.quad_class, std::string(t.str(c.plover_event)),
                             std::string(t.str(c.plover_mode))});
  }
  // Later entries for a code replace earlier ones, as they always have.
  for (size_t i = 0; i < d->code_list_.size(); ++i) {
    d->codes_[d->code_list_[i].code] = i;
  }
  for (const flat::Str& p : t.problems) d->problems_.emplace_back(t.str(p));
  return std::shared_ptr<const Dictionary>(std::move(d));
}

namespace {

// Words of a view as the builder's phrase type.
Phrase ToPhrase(const WordList& words) {
  return Phrase(words.begin(), words.end());
}

std::vector<Phrase> ToPhrases(const PhraseList& list) {
  std::vector<Phrase> out;
  out.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) out.push_back(ToPhrase(list[i]));
  return out;
}

Origin ToOrigin(const OriginView& o) { return {std::string(o.file), o.line}; }

}  // namespace

void DictionaryBuilder::AddAll(const Dictionary& d) {
  for (uint32_t i = 0; i < d.actor_count(); ++i) {
    ActorView a = d.actor(i);
    ActorEntry e;
    e.names = ToPhrases(a.names());
    for (size_t k = 0; k < a.code_count(); ++k) {
      DatedCodeView c = a.code(k);
      e.codes.push_back({std::string(c.code), c.from_ymd, c.to_ymd, std::string(c.note)});
    }
    e.origin = ToOrigin(a.origin());
    AddActor(std::move(e));
  }
  for (uint32_t i = 0; i < d.agent_count(); ++i) {
    AgentView a = d.agent(i);
    AddAgent({ToPhrases(a.names()), std::string(a.code()), a.prefix(), a.exact_forms(),
              ToOrigin(a.origin())});
  }
  for (uint32_t i = 0; i < d.pattern_count(); ++i) {
    PatternView p = d.pattern(i);
    VerbPattern v;
    for (size_t k = 0; k < p.elements().size(); ++k) {
      ElementView el = p.elements()[k];
      v.elements.push_back({el.kind(), ToPhrase(el.words()), el.max_gap()});
    }
    v.anchor = p.anchor();
    v.verb_words = ToPhrase(p.verb_words());
    v.code = p.code();
    v.reverse_code = p.reverse_code();
    v.origin = ToOrigin(p.origin());
    v.exact_words = p.exact_words();
    AddPattern(std::move(v));
  }
  for (uint32_t i = 0; i < d.discard_count(); ++i) {
    switch (d.discard_kind(i)) {
      case DiscardKind::kCue:
        AddTopicCue(ToPhrase(d.discard_phrase(i)), std::string(d.discard_topic(i)));
        break;
      case DiscardKind::kAnchor:
        AddAnchor(ToPhrase(d.discard_phrase(i)));
        break;
      default:
        AddDiscard(ToPhrase(d.discard_phrase(i)), d.discard_is_story(i));
    }
  }
  for (uint32_t i = 0; i < d.issue_count(); ++i) {
    IssueView is = d.issue(i);
    AddIssue({ToPhrase(is.phrase()), std::string(is.code()), is.ignore()});
  }
  for (const CodeInfo& c : d.codes()) AddCode(c);
  for (const std::string& p : d.problems()) AddProblem(p);
}

namespace {

int Specificity(const VerbPattern& p) {
  int score = 0;
  for (const PatternElement& e : p.elements) {
    switch (e.kind) {
      case PatternElement::Kind::kWord: score += 10; break;
      case PatternElement::Kind::kTarget:
      case PatternElement::Kind::kSource: score += 6; break;
      case PatternElement::Kind::kVerb: score += 10; break;
      case PatternElement::Kind::kGap: score -= 1; break;
    }
  }
  return score;
}

// The patterns anchored on one word while compiling.
struct AnchorBuild {
  std::vector<uint32_t> all;
  std::vector<flat::Needs> needs;
  std::vector<uint32_t> unkeyed;
  std::vector<std::pair<uint32_t, std::vector<uint32_t>>> keyed;
  EdgeMap key_table;
};

// The ids of element `e` of a laid-out pattern.
std::span<const uint32_t> ElementIds(const ImageTables& t, const flat::Pattern& p, uint32_t e) {
  const flat::Element& el = t.elements[t.u32[p.elements.begin + e]];
  return t.u32s(el.ids);
}

// The required element of `p` to key it by: the fewest alternatives, then
// the longest shortest word (long words are rarer than "to" or "with").
// Returns -1 if the pattern requires no exact word.
int KeyElement(const ImageTables& t, const flat::Pattern& p, const Vocabulary& vocab) {
  int best = -1;
  size_t best_alternatives = 0, best_len = 0;
  for (uint32_t e : t.u32s(p.required)) {
    std::span<const uint32_t> ids = ElementIds(t, p, e);
    size_t shortest = SIZE_MAX;
    for (uint32_t id : ids) shortest = std::min(shortest, vocab.Word(id).size());
    if (best < 0 || ids.size() < best_alternatives ||
        (ids.size() == best_alternatives && shortest > best_len)) {
      best = static_cast<int>(e);
      best_alternatives = ids.size();
      best_len = shortest;
    }
  }
  return best;
}

void IndexByKeyWord(const ImageTables& t, const Vocabulary& vocab, AnchorBuild* anchor) {
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_key;
  std::vector<uint32_t> order;  // keys in first-seen order (deterministic)
  for (uint32_t pos = 0; pos < anchor->all.size(); ++pos) {
    const flat::Pattern& p = t.patterns[anchor->all[pos]];
    int e = KeyElement(t, p, vocab);
    if (e < 0) {
      anchor->unkeyed.push_back(pos);
      continue;
    }
    for (uint32_t id : ElementIds(t, p, e)) {
      auto& list = by_key[id];
      if (list.empty()) order.push_back(id);
      if (list.empty() || list.back() != pos) list.push_back(pos);
    }
  }
  for (uint32_t id : order) anchor->keyed.emplace_back(id, std::move(by_key[id]));
  for (uint32_t k = 0; k < anchor->keyed.size(); ++k) {
    anchor->key_table.Insert(anchor->keyed[k].first, k + 1);
  }
}

// A 64-bit hash of bytes, eight at a time.
uint64_t HashBytes(const void* data, size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  uint64_t w = 0;
  std::memcpy(&w, p, n);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 29);
}

// Finds a run of records equal to a new one already in a table, by hash,
// without copying keys: equal strings, lists and elements are stored once.
// Open addressing over (hash, range) slots; equal hashes are all compared.
template <typename T, typename Table = std::vector<T>>
class Interner {
 public:
  flat::Range Add(std::span<const T> list, Table* table) {
    if (list.empty()) return {};
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    uint64_t h = HashBytes(list.data(), list.size_bytes());
    size_t mask = slots_.size() - 1, i = h & mask;
    for (; slots_[i].r.count != 0; i = (i + 1) & mask) {
      const flat::Range& r = slots_[i].r;
      if (slots_[i].hash == h && r.count == list.size() &&
          std::memcmp(table->data() + r.begin, list.data(), list.size_bytes()) == 0) {
        return r;
      }
    }
    flat::Range r{static_cast<uint32_t>(table->size()), static_cast<uint32_t>(list.size())};
    table->insert(table->end(), list.begin(), list.end());
    slots_[i] = {h, r};
    ++used_;
    return r;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    flat::Range r;  // count 0: empty
  };
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.r.count == 0) continue;
      size_t i = s.hash & mask;
      while (slots_[i].r.count != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

// Collects the tables of an image.
class ImageBuilder {
 public:
  std::string chars;
  std::vector<flat::Str> strs;
  std::vector<flat::Range> phrases;
  std::vector<uint32_t> u32;
  std::vector<uint64_t> u64;
  std::vector<flat::Origin> origins;
  std::vector<flat::DatedCode> dated;
  std::vector<flat::Actor> actors;
  std::vector<flat::Agent> agents;
  std::vector<flat::Element> elements;
  std::vector<flat::Pattern> patterns;
  std::vector<flat::Issue> issues;
  std::vector<flat::Discard> discards;
  std::vector<flat::Code> codes;
  std::vector<flat::Str> problems;
  std::vector<flat::VocabSlot> vocab_slots;
  std::vector<flat::Str> vocab_words;
  std::vector<flat::EdgeSlot> edges;
  std::vector<flat::Node> nodes;
  std::vector<flat::Stem> stems;
  std::vector<flat::Trie> tries;
  std::vector<flat::Anchor> anchors;
  std::vector<flat::Needs> needs;
  std::vector<flat::Keyed> keyed;
  std::vector<uint64_t> anchor_bits;
  std::vector<uint64_t> key_bits;

  flat::Str Str(std::string_view s) {
    flat::Range r = strings_.Add(std::span<const char>(s.data(), s.size()), &chars);
    return {r.begin, r.count};
  }
  // Equal lists share one range.
  template <typename List>
  flat::Range Words(const List& words) {
    scratch_.clear();
    for (const auto& w : words) scratch_.push_back(Str(w));
    return word_lists_.Add(scratch_, &strs);
  }
  flat::Range Phrases(const std::vector<Phrase>& list) {
    // The phrases' words first, then their ranges: one contiguous run.
    std::vector<flat::Range> ranges;
    ranges.reserve(list.size());
    for (const Phrase& p : list) ranges.push_back(Words(p));
    flat::Range r{static_cast<uint32_t>(phrases.size()), static_cast<uint32_t>(list.size())};
    phrases.insert(phrases.end(), ranges.begin(), ranges.end());
    return r;
  }
  // A short list that many entries may share (element ids, required).
  flat::Range U32(const std::vector<uint32_t>& v) { return u32_lists_.Add(v, &u32); }
  // A list of its own (an anchor's patterns): not looked up.
  flat::Range OwnU32(const std::vector<uint32_t>& v) {
    flat::Range r{static_cast<uint32_t>(u32.size()), static_cast<uint32_t>(v.size())};
    u32.insert(u32.end(), v.begin(), v.end());
    return r;
  }
  // An element stored once, however many patterns use it.
  uint32_t Element(const flat::Element& e) {
    return elements_.Add(std::span<const flat::Element>(&e, 1), &elements).begin;
  }
  flat::Range Edges(const EdgeMap& m) {
    flat::Range r{static_cast<uint32_t>(edges.size()),
                  static_cast<uint32_t>(m.slots().size())};
    edges.insert(edges.end(), m.slots().begin(), m.slots().end());
    return r;
  }
  uint32_t AddOrigin(const Origin& o) {
    // Entries come file by file.
    if (origins.empty() || o.file != last_file_) {
      last_file_ = o.file;
      last_file_str_ = Str(o.file);
    }
    origins.push_back({last_file_str_, o.line, 0});
    return static_cast<uint32_t>(origins.size() - 1);
  }
  // A trie, its stems' text moved into the pool.
  void AddTrie(const PhraseTrie& trie) {
    flat::Trie r;
    r.nodes = {static_cast<uint32_t>(nodes.size()), static_cast<uint32_t>(trie.nodes().size())};
    nodes.insert(nodes.end(), trie.nodes().begin(), trie.nodes().end());
    r.stems = {static_cast<uint32_t>(stems.size()), static_cast<uint32_t>(trie.stems().size())};
    for (flat::Stem s : trie.stems()) {
      s.stem = Str(std::string_view(trie.chars()).substr(s.stem.offset, s.stem.size));
      stems.push_back(s);
    }
    r.edges = Edges(trie.edges());
    r.first_words = {static_cast<uint32_t>(u64.size()),
                     static_cast<uint32_t>(trie.first_words().size())};
    u64.insert(u64.end(), trie.first_words().begin(), trie.first_words().end());
    r.parents = {static_cast<uint32_t>(u64.size()), static_cast<uint32_t>(trie.parents().size())};
    u64.insert(u64.end(), trie.parents().begin(), trie.parents().end());
    tries.push_back(r);
  }
  void AddVocabulary(const Vocabulary& v) {
    vocab_slots = v.slots();
    vocab_words.reserve(v.size());
    for (uint32_t id = 1; id <= v.size(); ++id) vocab_words.push_back(Str(v.Word(id)));
  }

  ImageTables Tables() const {
    ImageTables t;
    t.chars = chars;
    t.strs = strs;
    t.phrases = phrases;
    t.u32 = u32;
    t.u64 = u64;
    t.origins = origins;
    t.dated = dated;
    t.actors = actors;
    t.agents = agents;
    t.elements = elements;
    t.patterns = patterns;
    t.issues = issues;
    t.discards = discards;
    t.codes = codes;
    t.problems = problems;
    t.vocab_slots = vocab_slots;
    t.vocab_words = vocab_words;
    t.edges = edges;
    t.nodes = nodes;
    t.stems = stems;
    t.tries = tries;
    t.anchors = anchors;
    t.needs = needs;
    t.keyed = keyed;
    t.anchor_bits = anchor_bits;
    t.key_bits = key_bits;
    return t;
  }

 private:
  Interner<char, std::string> strings_;
  Interner<flat::Str> word_lists_;
  Interner<uint32_t> u32_lists_;
  Interner<flat::Element> elements_;
  std::string last_file_;
  flat::Str last_file_str_;
  std::vector<flat::Str> scratch_;
};

// Lays the patterns out as they come (ids interned element by element,
// then the anchor's words) and lists each anchor word's patterns.
std::vector<AnchorBuild> LayOutPatterns(const std::vector<VerbPattern>& patterns,
                                        Vocabulary* vocab, ImageBuilder* out) {
  ImageBuilder& img = *out;
  std::vector<AnchorBuild> by_anchor;
  std::vector<uint32_t> refs, ids, required;
  std::vector<size_t> alternatives;
  img.patterns.reserve(patterns.size());
  for (uint32_t i = 0; i < patterns.size(); ++i) {
    const VerbPattern& p = patterns[i];
    flat::Pattern r;
    refs.clear();
    required.clear();
    alternatives.assign(p.elements.size(), 0);
    for (size_t e = 0; e < p.elements.size(); ++e) {
      const PatternElement& el = p.elements[e];
      flat::Element fe;
      ids.clear();
      for (const std::string& w : el.words) {
        if (w.size() > 1 && w.back() == '*') {
          fe.has_stem = 1;
        } else {
          ids.push_back(vocab->Intern(w));
        }
      }
      fe.kind = static_cast<uint8_t>(el.kind);
      fe.max_gap = el.max_gap;
      fe.words = img.Words(el.words);
      fe.ids = img.U32(ids);
      refs.push_back(img.Element(fe));
      alternatives[e] = ids.size();
      bool word = el.kind == PatternElement::Kind::kWord ||
                  el.kind == PatternElement::Kind::kVerb;
      if (word && static_cast<int>(e) != p.anchor && !fe.has_stem && !ids.empty()) {
        required.push_back(static_cast<uint32_t>(e));
      }
    }
    // Check the elements with fewest alternatives first: they fail fastest.
    std::stable_sort(required.begin(), required.end(), [&](uint32_t a, uint32_t b) {
      return alternatives[a] < alternatives[b];
    });
    r.needs_complete = required.size() <= 3;
    for (uint32_t e : required) {
      if (alternatives[e] != 1) r.needs_complete = 0;
    }
    r.elements = img.U32(refs);
    r.verb_words = img.Words(p.verb_words);
    r.required = img.U32(required);
    r.code = img.Str(p.code);
    r.reverse_code = img.Str(p.reverse_code);
    r.origin = img.AddOrigin(p.origin);
    r.anchor = p.anchor;
    r.specificity = Specificity(p);
    r.exact_words = p.exact_words;
    img.patterns.push_back(r);
    if (p.anchor < 0 || p.anchor >= static_cast<int>(p.elements.size())) continue;
    const PatternElement& a = p.elements[p.anchor];
    const std::vector<std::string>& keys =
        a.kind == PatternElement::Kind::kVerb ? p.verb_words : a.words;
    for (const std::string& key : keys) {
      uint32_t id = vocab->Intern(key);
      if (id >= by_anchor.size()) by_anchor.resize(id + 1);
      auto& list = by_anchor[id].all;
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
  return by_anchor;
}

// Orders each anchor word's patterns, indexes long lists by key word and
// lays the index out. `trie_slots`: the tries' edge slots, still to come.
void LayOutAnchors(std::vector<AnchorBuild>* anchors, const Vocabulary& vocab,
                   size_t trie_slots, ImageBuilder* out) {
  ImageBuilder& img = *out;
  std::vector<AnchorBuild>& by_anchor = *anchors;
  // A verb's forms ("say", "says", "said") anchor the same patterns: their
  // index is built and stored once. same_as[id]: an earlier id with the
  // same list, or id itself.
  std::vector<uint32_t> same_as(by_anchor.size());
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_list;
  for (uint32_t id = 0; id < by_anchor.size(); ++id) {
    same_as[id] = id;
    const std::vector<uint32_t>& list = by_anchor[id].all;
    if (list.empty()) continue;
    auto& seen = by_list[HashBytes(list.data(), list.size() * sizeof(uint32_t))];
    for (uint32_t other : seen) {
      if (by_anchor[other].all == list) {
        same_as[id] = other;
        by_anchor[id] = AnchorBuild();
        break;
      }
    }
    if (same_as[id] == id) seen.push_back(id);
  }
  const ImageTables laid = img.Tables();  // img.u32 does not grow until below
  for (AnchorBuild& anchor : by_anchor) {
    std::stable_sort(anchor.all.begin(), anchor.all.end(), [&](uint32_t a, uint32_t b) {
      return laid.patterns[a].specificity > laid.patterns[b].specificity;
    });
    for (uint32_t pi : anchor.all) {
      const flat::Pattern& p = laid.patterns[pi];
      flat::Needs needs;
      size_t n = 0;
      for (uint32_t e : laid.u32s(p.required)) {
        std::span<const uint32_t> element_ids = ElementIds(laid, p, e);
        if (n < 3 && element_ids.size() == 1) needs.ids[n++] = element_ids[0];
      }
      anchor.needs.push_back(needs);
    }
    if (anchor.all.size() >= kAnchorIndexMin) IndexByKeyWord(laid, vocab, &anchor);
  }
  // Reserve what the anchors add, so the large tables grow once.
  size_t all = 0, positions = 0, slots = 0;
  for (const AnchorBuild& a : by_anchor) {
    all += a.all.size();
    positions += a.unkeyed.size();
    for (const auto& k : a.keyed) positions += k.second.size();
    slots += a.key_table.slots().size();
  }
  img.u32.reserve(img.u32.size() + all + positions);
  img.needs.reserve(all);
  img.edges.reserve(slots + trie_slots);
  img.anchor_bits.assign(by_anchor.size() / 64 + 1, 0);
  img.key_bits.assign(vocab.size() / 64 + 1, 0);
  img.anchors.reserve(by_anchor.size());
  for (uint32_t id = 0; id < by_anchor.size(); ++id) {
    const AnchorBuild& a = by_anchor[id];
    if (same_as[id] != id) {
      flat::SetBit(&img.anchor_bits, id);
      img.anchors.push_back(img.anchors[same_as[id]]);
      continue;
    }
    flat::Anchor r;
    if (!a.all.empty()) flat::SetBit(&img.anchor_bits, id);
    r.all = img.OwnU32(a.all);
    r.needs = static_cast<uint32_t>(img.needs.size());
    img.needs.insert(img.needs.end(), a.needs.begin(), a.needs.end());
    r.unkeyed = img.OwnU32(a.unkeyed);
    r.keyed = {static_cast<uint32_t>(img.keyed.size()), static_cast<uint32_t>(a.keyed.size())};
    for (const auto& [key, positions] : a.keyed) {
      img.keyed.push_back({key, img.OwnU32(positions)});
      flat::SetBit(&img.key_bits, key);
    }
    r.key_table = img.Edges(a.key_table);
    img.anchors.push_back(r);
  }
}

// Largest table an image may hold: offsets are 32-bit.
bool Fits(size_t n) { return n < std::numeric_limits<uint32_t>::max(); }

}  // namespace

Result<std::shared_ptr<const Dictionary>> DictionaryBuilder::Compile() {
  auto vocab = std::make_shared<Vocabulary>();
  PhraseTrie actor_trie(vocab), agent_trie(vocab), discard_trie(vocab), issue_trie(vocab);
  ImageBuilder img;

  img.actors.reserve(actors_.size());
  for (uint32_t i = 0; i < actors_.size(); ++i) {
    const ActorEntry& a = actors_[i];
    for (const Phrase& name : a.names) {
      if (!name.empty()) actor_trie.Insert(name, i);
    }
    flat::Actor r;
    r.names = img.Phrases(a.names);
    r.codes = {static_cast<uint32_t>(img.dated.size()), static_cast<uint32_t>(a.codes.size())};
    for (const DatedCode& c : a.codes) {
      img.dated.push_back({img.Str(c.code), img.Str(c.note), c.from_ymd, c.to_ymd});
    }
    r.origin = img.AddOrigin(a.origin);
    img.actors.push_back(r);
  }
  for (uint32_t i = 0; i < agents_.size(); ++i) {
    const AgentEntry& a = agents_[i];
    for (const Phrase& name : a.names) {
      if (!name.empty()) agent_trie.Insert(name, i);
    }
    flat::Agent r;
    r.names = img.Phrases(a.names);
    r.code = img.Str(a.code);
    r.origin = img.AddOrigin(a.origin);
    r.prefix = a.prefix;
    r.exact_forms = a.exact_forms;
    img.agents.push_back(r);
  }
  for (uint32_t i = 0; i < discards_.size(); ++i) {
    if (!discards_[i].phrase.empty()) discard_trie.Insert(discards_[i].phrase, i);
    img.discards.push_back({img.Words(discards_[i].phrase), img.Str(discards_[i].topic),
                            static_cast<uint32_t>(discards_[i].kind), 0});
  }
  for (uint32_t i = 0; i < issues_.size(); ++i) {
    if (!issues_[i].phrase.empty()) issue_trie.Insert(issues_[i].phrase, i);
    img.issues.push_back(
        {img.Words(issues_[i].phrase), img.Str(issues_[i].code), issues_[i].ignore, 0});
  }

  std::vector<AnchorBuild> by_anchor = LayOutPatterns(patterns_, vocab.get(), &img);
  size_t trie_slots = 0;
  for (const PhraseTrie* trie : {&actor_trie, &agent_trie, &discard_trie, &issue_trie}) {
    trie_slots += trie->edges().slots().size();
  }
  LayOutAnchors(&by_anchor, *vocab, trie_slots, &img);
  for (const PhraseTrie* trie : {&actor_trie, &agent_trie, &discard_trie, &issue_trie}) {
    img.AddTrie(*trie);
  }
  img.AddVocabulary(*vocab);
  for (const CodeInfo& c : codes_) {
    int quad = c.quad_class == 0 ? QuadClassOfCode(c.code) : c.quad_class;
    img.codes.push_back({img.Str(c.code), img.Str(c.label), img.Str(c.plover_event),
                         img.Str(c.plover_mode), c.goldstein, quad, 0});
  }
  for (const std::string& p : problems_) img.problems.push_back(img.Str(p));
  // Everything is in the tables: free the entries and the work lists before
  // the image is written (the peak memory of a large compile).
  *this = DictionaryBuilder();
  by_anchor = {};

  for (size_t n : {img.chars.size(), img.strs.size(), img.u32.size(), img.elements.size(),
                   img.edges.size(), img.nodes.size(), img.phrases.size()}) {
    if (!Fits(n)) return InvalidArgument("dictionary too large to compile (over 2^32 entries)");
  }
  auto storage = std::make_shared<ImageBuffer>(WriteImage(img.Tables(), kDictionaryFormatVersion));
  std::span<const unsigned char> bytes = storage->bytes();
  return Dictionary::FromImage(std::move(storage), bytes, "compiled dictionary");
}

}  // namespace ladder::dict
