#include "dict/dictionary.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace ladder::dict {

const DatedCode* ActorEntry::CodeOn(int ymd) const {
  const DatedCode* undated = nullptr;
  for (const DatedCode& c : codes) {
    bool open = c.from_ymd == 0 && c.to_ymd == 99999999;
    if (open) {
      if (undated == nullptr) undated = &c;
      continue;
    }
    if (ymd == 0) continue;
    if (ymd >= c.from_ymd && ymd <= c.to_ymd) return &c;
  }
  if (undated != nullptr) return undated;
  // Undated document: the latest dated code stands.
  if (ymd == 0 && !codes.empty()) return &codes.back();
  return nullptr;
}

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
      std::string key = word.substr(0, word.size() - 1);
      auto& stems = nodes_[node].stems;
      auto it = std::find_if(stems.begin(), stems.end(),
                             [&](const auto& s) { return s.first == key; });
      if (it != stems.end()) {
        child = it->second;
      } else {
        child = static_cast<uint32_t>(nodes_.size());
        nodes_[node].stems.emplace_back(key, child);
        nodes_.emplace_back();
      }
    } else {
      uint32_t id = vocab_->Intern(word);
      if (node == 0) {
        if ((id >> 6) >= first_words_.size()) first_words_.resize((id >> 6) + 1, 0);
        first_words_[id >> 6] |= uint64_t{1} << (id & 63);
      }
      uint64_t edge = EdgeKey(node, id);
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

const std::vector<uint32_t>* Dictionary::PatternsFor(
    std::string_view lemma) const {
  return PatternsFor(vocab_->Find(lemma));
}

void Dictionary::AssignWordIds(std::vector<text::Token>* tokens) const {
  for (text::Token& t : *tokens) AssignWordIds(&t);
}

void Dictionary::AssignWordIds(text::Token* t) const {
  t->word_id = vocab_->Find(t->lower);
  t->lemma_id = t->lemma == t->lower ? t->word_id : vocab_->Find(t->lemma);
}

const CodeInfo* Dictionary::Code(std::string_view code) const {
  auto it = codes_.find(code);
  return it == codes_.end() ? nullptr : &it->second;
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

// The required element of `p` to key it by: the fewest alternatives, then
// the longest shortest word (long words are rarer than "to" or "with").
// Returns -1 if the pattern requires no exact word.
int KeyElement(const VerbPattern& p, const Vocabulary& vocab) {
  int best = -1;
  size_t best_alternatives = 0, best_len = 0;
  for (uint16_t e : p.required) {
    const std::vector<uint32_t>& ids = p.elements[e].ids;
    size_t shortest = SIZE_MAX;
    for (uint32_t id : ids) shortest = std::min(shortest, vocab.Word(id).size());
    if (best < 0 || ids.size() < best_alternatives ||
        (ids.size() == best_alternatives && shortest > best_len)) {
      best = e;
      best_alternatives = ids.size();
      best_len = shortest;
    }
  }
  return best;
}

void IndexByKeyWord(const std::vector<VerbPattern>& patterns,
                    const Vocabulary& vocab, AnchorPatterns* anchor) {
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_key;
  std::vector<uint32_t> order;  // keys in first-seen order (deterministic)
  for (uint32_t pos = 0; pos < anchor->all.size(); ++pos) {
    const VerbPattern& p = patterns[anchor->all[pos]];
    int e = KeyElement(p, vocab);
    if (e < 0) {
      anchor->unkeyed.push_back(pos);
      continue;
    }
    for (uint32_t id : p.elements[e].ids) {
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

}  // namespace

Result<std::shared_ptr<const Dictionary>> DictionaryBuilder::Compile() {
  auto dict = std::shared_ptr<Dictionary>(new Dictionary());
  dict->actors_ = std::move(actors_);
  dict->agents_ = std::move(agents_);
  dict->patterns_ = std::move(patterns_);
  dict->issues_ = std::move(issues_);
  dict->problems_ = std::move(problems_);
  for (uint32_t i = 0; i < dict->actors_.size(); ++i) {
    for (const Phrase& name : dict->actors_[i].names) {
      if (!name.empty()) dict->actor_trie_.Insert(name, i);
    }
  }
  for (uint32_t i = 0; i < dict->agents_.size(); ++i) {
    for (const Phrase& name : dict->agents_[i].names) {
      if (!name.empty()) dict->agent_trie_.Insert(name, i);
    }
  }
  for (uint32_t i = 0; i < discards_.size(); ++i) {
    if (!discards_[i].phrase.empty()) {
      dict->discard_trie_.Insert(discards_[i].phrase, i);
    }
    dict->discard_story_.push_back(discards_[i].whole_story);
  }
  for (uint32_t i = 0; i < dict->issues_.size(); ++i) {
    if (!dict->issues_[i].phrase.empty()) {
      dict->issue_trie_.Insert(dict->issues_[i].phrase, i);
    }
  }
  for (uint32_t i = 0; i < dict->patterns_.size(); ++i) {
    VerbPattern& p = dict->patterns_[i];
    p.specificity = Specificity(p);
    for (size_t e = 0; e < p.elements.size(); ++e) {
      PatternElement& el = p.elements[e];
      for (const std::string& w : el.words) {
        if (w.size() > 1 && w.back() == '*') {
          el.has_stem = true;
        } else {
          el.ids.push_back(dict->vocab_->Intern(w));
        }
      }
      bool word = el.kind == PatternElement::Kind::kWord ||
                  el.kind == PatternElement::Kind::kVerb;
      if (word && static_cast<int>(e) != p.anchor && !el.has_stem &&
          !el.ids.empty()) {
        p.required.push_back(static_cast<uint16_t>(e));
      }
    }
    // Check the elements with fewest alternatives first: they fail fastest.
    std::stable_sort(p.required.begin(), p.required.end(), [&](uint16_t a, uint16_t b) {
      return p.elements[a].ids.size() < p.elements[b].ids.size();
    });
    p.needs_complete = p.required.size() <= 3;
    for (uint16_t e : p.required) {
      if (p.elements[e].ids.size() != 1) p.needs_complete = false;
    }
    if (p.anchor < 0 || p.anchor >= static_cast<int>(p.elements.size())) {
      continue;
    }
    const PatternElement& a = p.elements[p.anchor];
    const std::vector<std::string>& keys =
        a.kind == PatternElement::Kind::kVerb ? p.verb_words : a.words;
    for (const std::string& key : keys) {
      uint32_t id = dict->vocab_->Intern(key);
      if (id >= dict->patterns_by_anchor_.size()) {
        dict->patterns_by_anchor_.resize(id + 1);
      }
      auto& list = dict->patterns_by_anchor_[id].all;
      if (list.empty() || list.back() != i) list.push_back(i);
    }
  }
  for (AnchorPatterns& anchor : dict->patterns_by_anchor_) {
    std::stable_sort(anchor.all.begin(), anchor.all.end(),
                     [&](uint32_t a, uint32_t b) {
                       return dict->patterns_[a].specificity >
                              dict->patterns_[b].specificity;
                     });
    for (uint32_t pi : anchor.all) {
      const VerbPattern& p = dict->patterns_[pi];
      std::array<uint32_t, 3> needs{};
      size_t n = 0;
      for (uint16_t e : p.required) {
        if (n < needs.size() && p.elements[e].ids.size() == 1) {
          needs[n++] = p.elements[e].ids[0];
        }
      }
      anchor.needs.push_back(needs);
    }
    if (anchor.all.size() >= kAnchorIndexMin) {
      IndexByKeyWord(dict->patterns_, *dict->vocab_, &anchor);
    }
  }
  dict->anchors_.assign(dict->patterns_by_anchor_.size() / 64 + 1, 0);
  for (uint32_t id = 0; id < dict->patterns_by_anchor_.size(); ++id) {
    const AnchorPatterns& anchor = dict->patterns_by_anchor_[id];
    if (!anchor.all.empty()) {
      dict->anchors_[id >> 6] |= uint64_t{1} << (id & 63);
    }
  }
  for (CodeInfo& c : codes_) {
    if (c.quad_class == 0) c.quad_class = QuadClassOfCode(c.code);
    dict->codes_[c.code] = std::move(c);
  }
  *this = DictionaryBuilder();
  return std::shared_ptr<const Dictionary>(std::move(dict));
}

}  // namespace ladder::dict
