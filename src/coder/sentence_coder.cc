#include "coder/sentence_coder.h"

#include <algorithm>
#include <cstdlib>
#include <span>

#include "base/strings.h"

namespace ladder::coder {

using namespace std::string_view_literals;  // "x"sv: compared inline, no strlen

using dict::ElementView;
using dict::PatternElement;
using dict::PatternView;
using text::Token;
using text::TokenKind;

namespace {

bool HardBoundary(const Token& t) {
  return t.kind == TokenKind::kSentenceEnd || t.lower == ";"sv ||
         t.lower == ":"sv;
}

// A '*' stem matches by prefix of the form; other words by id, against the
// form or the lemma (ids from Dictionary::AssignWordIds). `exact`: only the
// token's own form (PETRARCH-1 patterns: "* RESOLUTION" does not match
// "resolutions").
bool ElementMatches(const ElementView& e, const Token& t, bool exact) {
  for (uint32_t id : e.ids()) {
    if (id == t.word_id || (!exact && id == t.lemma_id)) return true;
  }
  if (!e.has_stem()) return false;
  for (std::string_view w : e.words()) {
    if (w.size() > 1 && w.back() == '*' &&
        t.lower.compare(0, w.size() - 1, w.substr(0, w.size() - 1)) == 0) {
      return true;
    }
  }
  return false;
}

// The dictionary words present in a sentence (form or lemma), as a bitmap
// over word ids; cleared after use so it costs only the sentence's words.
class SentenceWords {
 public:
  SentenceWords(const std::vector<Token>& tokens, const dict::Dictionary& d) {
    size_t vocabulary_size = d.vocabulary().size();
    if (bits_.size() * 64 <= vocabulary_size) {
      bits_.resize(vocabulary_size / 64 + 1, 0);
    }
    bits_p_ = bits_.data();
    for (const Token& t : tokens) {
      Set(t.word_id);
      Set(t.lemma_id);
    }
    for (uint32_t id : set_) {
      if (d.IsKeyWord(id)) keys_.push_back(id);
    }
  }
  ~SentenceWords() {
    for (uint32_t id : set_) bits_[id >> 6] = 0;
    set_.clear();
    keys_.clear();
  }
  SentenceWords(const SentenceWords&) = delete;
  SentenceWords& operator=(const SentenceWords&) = delete;

  bool Has(uint32_t id) const { return (bits_p_[id >> 6] >> (id & 63)) & 1; }
  // May `p` match this sentence: is one word of each required element here?
  bool MayMatch(const PatternView& p) const {
    for (uint32_t e : p.required()) {
      bool any = false;
      for (uint32_t id : p.elements()[e].ids()) {
        if (Has(id)) {
          any = true;
          break;
        }
      }
      if (!any) return false;
    }
    return true;
  }

  // The distinct ids present that key some anchor's patterns
  // (Dictionary::IsKeyWord).
  const std::vector<uint32_t>& keys() const { return keys_; }

 private:
  void Set(uint32_t id) {
    if (id == dict::kNoWord || Has(id)) return;
    bits_p_[id >> 6] |= uint64_t{1} << (id & 63);
    set_.push_back(id);
  }
  // bits_.data(): reaching a thread_local vector goes through its
  // initialisation guard on every access, and Has is called very often.
  uint64_t* bits_p_ = nullptr;
  // Per thread, reused from sentence to sentence (one SentenceWords at a
  // time per thread): the dictionary is shared, the bitmap is not.
  static thread_local std::vector<uint64_t> bits_;
  static thread_local std::vector<uint32_t> set_;
  static thread_local std::vector<uint32_t> keys_;
};

thread_local std::vector<uint64_t> SentenceWords::bits_;
thread_local std::vector<uint32_t> SentenceWords::set_;
thread_local std::vector<uint32_t> SentenceWords::keys_;

// Buffers for CandidatePatterns, reused from token to token.
struct Candidates {
  std::vector<uint32_t> first, second;  // positions in an anchor's list
  std::vector<uint32_t> out;            // pattern indices
  std::vector<std::span<const uint32_t>> lists;  // sorted lists to merge
};

// Has the sentence the one-word requirements (AnchorView::needs) of the
// k-th pattern of `a`?
bool NeedsMet(const dict::AnchorView& a, const SentenceWords& words, uint32_t k) {
  for (uint32_t id : a.needs(k).ids) {
    if (id != dict::kNoWord && !words.Has(id)) return false;
  }
  return true;
}

// Appends to `pos` the union of the sorted `lists`, in order and without
// repeats, keeping only the positions whose needs the sentence meets.
void MergeMet(const dict::AnchorView& a, const SentenceWords& words,
              std::vector<std::span<const uint32_t>>* lists,
              std::vector<uint32_t>* pos) {
  auto& l = *lists;
  if (l.size() > 8) {
    // Many lists: gather and sort (as many heads would be compared per step).
    for (auto list : l) pos->insert(pos->end(), list.begin(), list.end());
    std::sort(pos->begin(), pos->end());
    pos->erase(std::unique(pos->begin(), pos->end()), pos->end());
    size_t kept = 0;
    for (uint32_t k : *pos) {
      if (NeedsMet(a, words, k)) (*pos)[kept++] = k;
    }
    pos->resize(kept);
    return;
  }
  // A k-way merge over the heads; the lists are short and few.
  l.erase(std::remove_if(l.begin(), l.end(), [](auto x) { return x.empty(); }),
          l.end());
  bool any = false;
  uint32_t last = 0;
  while (!l.empty()) {
    size_t m = 0;
    for (size_t j = 1; j < l.size(); ++j) {
      if (l[j].front() < l[m].front()) m = j;
    }
    uint32_t k = l[m].front();
    l[m] = l[m].subspan(1);
    if (l[m].empty()) {
      l[m] = l.back();
      l.pop_back();
    }
    if (any && k == last) continue;
    any = true;
    last = k;
    if (NeedsMet(a, words, k)) pos->push_back(k);
  }
}

// Testing each key of an anchor against the sentence's bitmap, or looking
// each key word of the sentence up in the anchor's key table: the second
// when the anchor has more keys than this many per sentence key word.
// (Measured with callgrind's cache simulation, Reuters with the Phoenix
// dictionaries: 1 beats 32, which scans too much.)
constexpr size_t kScanPerProbe = 1;

// Positions in `a.all()` of the patterns that may match, in list order: all
// of a short list; for a long one, those without a key word plus those whose
// key word the sentence has. With `words`, only the positions whose one-word
// requirements (AnchorView::needs) the sentence meets; with no `words`, all.
void Positions(const dict::Dictionary& d, uint32_t anchor,
               const SentenceWords* words, Candidates* c,
               std::vector<uint32_t>* pos) {
  pos->clear();
  dict::AnchorView a = d.AnchoredOn(anchor);
  if (!a) return;
  if (words == nullptr || (a.keyed_count() == 0 && a.unkeyed().empty())) {
    for (uint32_t k = 0; k < a.all().size(); ++k) {
      if (words == nullptr || NeedsMet(a, *words, k)) pos->push_back(k);
    }
    return;
  }
  c->lists.clear();
  c->lists.push_back(a.unkeyed());
  if (a.keyed_count() <= kScanPerProbe * words->keys().size()) {
    for (size_t k = 0; k < a.keyed_count(); ++k) {
      const auto& keyed = a.keyed(k);
      if (words->Has(keyed.key)) c->lists.push_back(a.positions(keyed));
    }
  } else {
    // Many keys (a common verb of a large dictionary): look up the
    // sentence's words instead of testing every key.
    for (uint32_t id : words->keys()) {
      auto list = a.Keyed(id);
      if (!list.empty()) c->lists.push_back(list);
    }
  }
  MergeMet(a, *words, &c->lists, pos);
}

// The patterns to try on a verb, in order: most specific first; at equal
// specificity those of `first` (the surface form) before `second` (the
// lemma), as a stable sort of the two lists would put them.
void CandidatePatterns(const dict::Dictionary& d, uint32_t first_id,
                       uint32_t second_id, const SentenceWords* words,
                       Candidates* c) {
  dict::AnchorView first = d.AnchoredOn(first_id);
  dict::AnchorView second = d.AnchoredOn(second_id);
  Positions(d, first_id, words, c, &c->first);
  Positions(d, second_id, words, c, &c->second);
  c->out.clear();
  size_t i = 0, j = 0;
  while (i < c->first.size() || j < c->second.size()) {
    bool take_first;
    if (j == c->second.size()) {
      take_first = true;
    } else if (i == c->first.size()) {
      take_first = false;
    } else {
      take_first = d.pattern(first.all()[c->first[i]]).specificity() >=
                   d.pattern(second.all()[c->second[j]]).specificity();
    }
    c->out.push_back(take_first ? first.all()[c->first[i++]]
                                : second.all()[c->second[j++]]);
  }
}

// Per-sentence lookup tables.
struct Scratch {
  const std::vector<Token>* tokens;
  const std::vector<Mention>* mentions;
  std::vector<int> starts;  // token -> mention starting there, or -1
  std::vector<int> covers;  // token -> mention covering it, or -1
  // mention -> the mention of its own actor words ("Gondor" in "the
  // parliament of Gondor", Mention::actor_begin), or -1; empty if none has
  // any. Those inner mentions follow the sentence's mentions in `mentions`
  // and are in neither `starts` nor `covers`.
  std::vector<int> inner;
  // token -> a word of a pattern that fired (Code's loop skips it)
  std::vector<bool> used;
  // A trace is wanted: explain choices (Subject::how). Without one they
  // are not built (an allocation per verb).
  bool explain = false;
};

struct Match {
  int target = -1;  // mention index
  int source = -1;
  uint32_t begin = 0, end = 0;      // token span of the whole match
  std::vector<uint32_t> words;      // matched word tokens (for "verb")
};

// A mention starting at `tok` (after determiners); -1 if none.
int MentionAt(const Scratch& s, size_t tok) {
  const auto& t = *s.tokens;
  while (tok < t.size() && (t[tok].lower == "the"sv || t[tok].lower == "a"sv)) {
    ++tok;
  }
  return tok < t.size() ? s.starts[tok] : -1;
}

// The inner actor mention starting at `tok` (after determiners): "Gondor"
// of "the parliament of Gondor"; -1 if none.
int InnerMentionAt(const Scratch& s, size_t tok) {
  const auto& t = *s.tokens;
  while (tok < t.size() && (t[tok].lower == "the"sv || t[tok].lower == "a"sv)) {
    ++tok;
  }
  if (s.inner.empty() || tok >= t.size() || s.covers[tok] < 0) return -1;
  int in = s.inner[s.covers[tok]];
  return in >= 0 && (*s.mentions)[in].begin == tok ? in : -1;
}

// End of a mention including its compound partners ("Russia and Iran").
uint32_t CompoundEnd(const Scratch& s, int m) {
  const auto& ms = *s.mentions;
  uint32_t end = ms[m].end;
  if (ms[m].compound < 0) return end;
  for (size_t k = m + 1; k < ms.size() && ms[k].compound == ms[m].compound; ++k) {
    end = ms[k].end;
  }
  return end;
}

// Nouns after a possessive that name something other than the possessor
// ("Russia's neighbour" is not Russia).
bool RelationalNoun(const Token& t) {
  return Is(t, {"neighbour", "neighbor", "neighbours", "neighbors", "ally",
                "allies", "enemy", "enemies", "rival", "rivals", "partner",
                "partners", "border", "borders", "territory", "client",
                "proxy", "proxies", "foe", "foes", "adversary", "opponent",
                "opponents", "critics", "victims", "neighbouring"});
}

// A state agent given the document's country (Mention::context) after a
// possessive pronoun belongs to the clause's subject, sent or recalled, not
// acted on: "Russia put its nuclear forces on alert", "Serbia recalled its
// ambassador".
bool Possessed(const Scratch& s, const Mention& x) {
  const auto& t = *s.tokens;
  return x.context && x.begin > 0 &&
         Is(t[x.begin - 1], {"its", "their", "his", "her", "our", "my", "your"});
}

// Is `target` the forces of the state `source` ("Armenia mobilized troops
// along the border with Azerbaijan": the troops are Armenia's own, given
// the document's country), or forces an event of `code` shows or moves?
// Rebels freeing soldiers act on them.
bool OwnForces(const Scratch& s, int source, int target, std::string_view code) {
  if (source < 0 || target < 0) return false;
  const Mention& x = (*s.mentions)[target];
  const Mention& by = (*s.mentions)[source];
  if (!x.context || (x.agent != "MIL"sv && x.agent != "COP"sv)) return false;
  // Forces shown, sent or pulled back are the doer's own, whatever the
  // document's country ("China sent warships near the Senkaku islands").
  if (code.substr(0, 2) == "15"sv || code.substr(0, 3) == "087"sv) return true;
  bool state = by.agent.empty() || by.agent == "GOV"sv || by.agent == "MIL"sv ||
               by.agent == "COP"sv;
  return state && by.country == x.country;
}

// May mention `m` stand as a target? Not "Russia's neighbour", nor a
// state's own agents after "its" (Possessed).
bool TargetOk(const Scratch& s, int m) {
  const Mention& x = (*s.mentions)[m];
  if (Possessed(s, x)) return false;
  if (!x.possessor) return true;
  const auto& t = *s.tokens;
  for (size_t k = x.end + 1; k < t.size() && k < x.end + 5; ++k) {
    if (RelationalNoun(t[k])) return false;
    if (t[k].kind != TokenKind::kWord && t[k].kind != TokenKind::kNumber) break;
  }
  return true;
}

bool MatchRight(const PatternView& p, size_t e, size_t tok, const Scratch& s,
                Match* m, int depth);

bool NounPhraseSkip(const ElementView& el) {
  return el.kind() == PatternElement::Kind::kGap && el.Is("^");
}

// End of the noun phrase starting at `k` ("the Gondor", "their Ent
// populations", "Osgiliath"): determiners, adjectives, nouns and numbers, up
// to and including one actor mention. `k` itself if there is none.
size_t NounPhraseEnd(const Scratch& s, size_t k) {
  const auto& t = *s.tokens;
  constexpr uint16_t kNot = text::kPosPrep | text::kPosAux | text::kPosModal |
                            text::kPosConj | text::kPosSub | text::kPosNeg;
  size_t j = k;
  while (j < t.size()) {
    if (s.covers[j] >= 0) {
      j = CompoundEnd(s, s.covers[j]);
      // "Gondor's people", "Ent populations": the actor modifies a noun.
      if (j < t.size() &&
          (t[j].kind == TokenKind::kPossessive ||
           (t[j].kind == TokenKind::kWord && (t[j].pos & text::kPosNoun) &&
            !(t[j].pos & (kNot | text::kPosAdj | text::kPosVerb)) &&
            s.covers[j] < 0))) {
        ++j;
        continue;
      }
      break;
    }
    const Token& q = t[j];
    bool noun_word =
        q.kind == TokenKind::kWord &&
        ((q.pos & text::kPosDet) ||
         ((q.pos & (text::kPosNoun | text::kPosAdj)) && !(q.pos & kNot)));
    if (!noun_word && q.kind != TokenKind::kNumber &&
        q.kind != TokenKind::kPossessive) {
      break;
    }
    ++j;
  }
  return j;
}

// A PETRARCH noun phrase is a base noun phrase of the parse: "the
// parliament of Gondor" is two, "the parliament" and "Gondor". Where the
// phrase [k, end) holds an agent distributed over the actor after it, the
// end of the agent's words (the preposition before the actor); else `end`.
size_t BaseNounPhraseEnd(const Scratch& s, size_t k, size_t end) {
  const auto& t = *s.tokens;
  for (size_t j = k; j < end; ++j) {
    int mi = s.covers[j];
    if (mi < 0) continue;
    const Mention& x = (*s.mentions)[mi];
    for (size_t q = j; q < x.actor_begin; ++q) {
      if (t[q].pos & text::kPosPrep) return q;
    }
    return end;
  }
  return end;
}

bool IsParticiple(const Token& t);

// The actor heading a noun phrase that starts at `tok` with a determiner
// or a number and modifiers ("the detained Canadians", "two jailed
// Australian journalists"), or with one or two lower-case adjectives
// ("visits neighboring Canada"), or -1.
int MentionAfterModifiers(const Scratch& s, size_t tok) {
  const auto& t = *s.tokens;
  size_t k = tok;
  // "congratulated his Afghan counterpart": a possessive is a determiner
  // (a state's own agents after it are no target: TargetOk).
  if (k < t.size() && (t[k].pos & text::kPosDet || t[k].kind == TokenKind::kNumber ||
                       Is(t[k], {"his", "her", "its", "their", "our"}))) {
    ++k;
  }
  if (k == tok) {
    for (size_t n = 0; k < t.size() && n < 2 && s.covers[k] < 0; ++k, ++n) {
      const Token& q = t[k];
      bool adjective = q.kind == TokenKind::kWord && !q.capitalized &&
                       (q.pos & text::kPosAdj) &&
                       !(q.pos & (text::kPosNoun | text::kPosPrep | text::kPosConj |
                                  text::kPosSub | text::kPosDet));
      if (!adjective) return -1;
    }
    return k > tok && k < t.size() ? s.starts[k] : -1;
  }
  for (size_t n = 0; k < t.size() && n < 3 && s.covers[k] < 0; ++k, ++n) {
    const Token& q = t[k];
    bool modifier = q.kind == TokenKind::kNumber ||
                    (q.kind == TokenKind::kWord &&
                     ((q.pos & text::kPosAdj) || IsParticiple(q)) &&
                     !(q.pos & (text::kPosPrep | text::kPosConj | text::kPosSub)));
    if (!modifier) return -1;
  }
  return k < t.size() ? s.starts[k] : -1;
}

bool MatchActorSlot(const PatternView& p, size_t e, size_t tok,
                    const Scratch& s, Match* m, int depth) {
  int mi = MentionAt(s, tok);
  ElementView el = p.elements()[e];
  if (mi < 0) mi = MentionAfterModifiers(s, tok);
  if (mi < 0 && e > 0 && NounPhraseSkip(p.elements()[e - 1])) {
    // After a skipped noun phrase, the next actor close by ("at the Gondor
    // of the Prince of Dol Amroth": the Prince).
    const auto& t = *s.tokens;
    for (size_t k = tok; mi < 0 && k < t.size() && k < tok + 5; ++k) {
      if (HardBoundary(t[k]) || t[k].lower == ","sv ||
          ((t[k].pos & text::kPosVerb) && !(t[k].pos & text::kPosNoun))) {
        break;
      }
      mi = MentionAt(s, k);
      if (mi < 0) mi = InnerMentionAt(s, k);
    }
  }
  if (mi < 0) return false;
  if (el.Is("%") && (*s.mentions)[mi].compound < 0) {
    return false;  // PETRARCH '%': a compound actor is required
  }
  if (el.kind() == PatternElement::Kind::kTarget && !TargetOk(s, mi)) {
    return false;
  }
  Match saved = *m;
  (el.kind() == PatternElement::Kind::kTarget ? m->target : m->source) = mi;
  if (MatchRight(p, e + 1, CompoundEnd(s, mi), s, m, depth + 1)) return true;
  *m = saved;
  return false;
}

bool MatchRight(const PatternView& p, size_t e, size_t tok, const Scratch& s,
                Match* m, int depth) {
  const auto& t = *s.tokens;
  if (depth > 40) return false;
  if (e == p.elements().size()) {
    m->end = static_cast<uint32_t>(tok);
    return true;
  }
  ElementView el = p.elements()[e];
  switch (el.kind()) {
    case PatternElement::Kind::kWord:
    case PatternElement::Kind::kVerb:
      if (tok < t.size() && ElementMatches(el, t[tok], p.exact_words())) {
        m->words.push_back(static_cast<uint32_t>(tok));
        if (MatchRight(p, e + 1, tok + 1, s, m, depth + 1)) return true;
        m->words.pop_back();
      }
      return false;
    case PatternElement::Kind::kGap:
      if (NounPhraseSkip(el)) {
        // '^': an optional preposition, then one noun phrase.
        size_t k = tok;
        if (k < t.size() && (t[k].pos & text::kPosPrep) && s.covers[k] < 0) ++k;
        size_t end = NounPhraseEnd(s, k);
        if (end == k) return false;
        // The base noun phrase first ("the parliament" of "the parliament
        // of Gondor"), then the whole one.
        size_t base = BaseNounPhraseEnd(s, k, end);
        if (base != end && base > k &&
            MatchRight(p, e + 1, base, s, m, depth + 1)) {
          return true;
        }
        return MatchRight(p, e + 1, end, s, m, depth + 1);
      }
      // An actor's name counts as one word of the gap ("sent .. troops"
      // over "sent the Democratic Republic of the Congo troops").
      // Each further word of one mention is free.
      for (size_t k = tok, g = 0; g <= static_cast<size_t>(el.max_gap()) && k <= t.size();) {
        if (MatchRight(p, e + 1, k, s, m, depth + 1)) return true;
        if (k == t.size() || HardBoundary(t[k])) break;
        bool same_mention = k + 1 < t.size() && s.covers[k] >= 0 && s.covers[k + 1] == s.covers[k];
        if (!same_mention) ++g;
        ++k;
      }
      return false;
    case PatternElement::Kind::kTarget:
    case PatternElement::Kind::kSource:
      return MatchActorSlot(p, e, tok, s, m, depth);
  }
  return false;
}

// Elements before the anchor, matched leftwards (legacy "$ *" patterns,
// ladder's "$ word").
bool MatchLeft(const PatternView& p, int e, int tok, const Scratch& s,
               Match* m) {
  const auto& t = *s.tokens;
  for (; e >= 0; --e) {
    ElementView el = p.elements()[e];
    if (el.kind() == PatternElement::Kind::kGap) {
      // Greedy: the next element to the left may be up to max_gap away.
      if (e == 0) return true;
      ElementView before = p.elements()[e - 1];
      for (int g = 0; g <= el.max_gap() && tok - g >= 0; ++g) {
        int k = tok - g;
        bool hit = false;
        if (before.kind() == PatternElement::Kind::kWord) {
          hit = ElementMatches(before, t[k], p.exact_words());
        } else if (before.kind() != PatternElement::Kind::kGap) {
          hit = s.covers[k] >= 0;
        }
        if (hit) {
          tok = k;
          break;
        }
        if (g == el.max_gap()) return false;
      }
      continue;
    }
    if (tok < 0) return false;
    if (el.kind() == PatternElement::Kind::kWord) {
      if (!ElementMatches(el, t[tok], p.exact_words())) return false;
      m->words.push_back(static_cast<uint32_t>(tok));
      m->begin = static_cast<uint32_t>(tok);
      --tok;
      continue;
    }
    int mi = s.covers[tok];
    if (mi < 0) return false;
    if (el.Is("%")) {
      // PETRARCH '%': a compound actor ending here; take its first member.
      int group = (*s.mentions)[mi].compound;
      if (group < 0) return false;
      mi = group;
    }
    (el.kind() == PatternElement::Kind::kTarget ? m->target : m->source) = mi;
    m->begin = (*s.mentions)[mi].begin;
    tok = static_cast<int>((*s.mentions)[mi].begin) - 1;
  }
  return true;
}

bool MatchPattern(const PatternView& p, size_t anchor, const Scratch& s,
                  Match* m) {
  *m = Match();
  m->begin = static_cast<uint32_t>(anchor);
  if (!MatchLeft(p, p.anchor() - 1, static_cast<int>(anchor) - 1, s, m)) {
    return false;
  }
  m->words.push_back(static_cast<uint32_t>(anchor));
  return MatchRight(p, p.anchor() + 1, anchor + 1, s, m, 0);
}

}  // namespace

namespace {

// Control verbs that may stand between a subject and the coded verb, with
// the modality they give the coded verb ("expected to meet": future).
struct ControlVerb {
  std::string_view lemma;
  Modality modality;
};
constexpr ControlVerb kControlVerbs[] = {
    {"expect", Modality::kFuture},    {"plan", Modality::kFuture},
    {"intend", Modality::kFuture},    {"aim", Modality::kFuture},
    {"prepare", Modality::kFuture},   {"schedule", Modality::kFuture},
    {"set", Modality::kFuture},       {"go", Modality::kFuture},
    {"want", Modality::kFuture},      {"seek", Modality::kFuture},
    {"hope", Modality::kFuture},      {"vow", Modality::kFuture},
    {"pledge", Modality::kFuture},    {"promise", Modality::kFuture},
    {"try", Modality::kFuture},       {"propose", Modality::kFuture},
    {"agree", Modality::kFuture},     {"threaten", Modality::kHypothetical},
    {"decide", Modality::kFuture},    {"offer", Modality::kFuture},
    {"due", Modality::kFuture},       {"consider", Modality::kHypothetical},
    {"refuse", Modality::kNegated},   {"decline", Modality::kNegated},
    {"fail", Modality::kNegated},     {"claim", Modality::kAlleged},
    {"allege", Modality::kAlleged},   {"appear", Modality::kAlleged},
    {"seem", Modality::kAlleged},     {"continue", Modality::kAsserted},
    {"begin", Modality::kAsserted},   {"start", Modality::kAsserted},
    {"estimate", Modality::kAlleged}, {"believe", Modality::kAlleged},
    {"say", Modality::kAlleged},      {"report", Modality::kAlleged},
    {"poise", Modality::kFuture},     {"poised", Modality::kFuture},
    {"likely", Modality::kHypothetical},
    {"unlikely", Modality::kHypothetical},
};

const ControlVerb* Control(const Token& t) {
  for (const ControlVerb& c : kControlVerbs) {
    if (t.lemma == c.lemma) return &c;
  }
  return nullptr;
}

bool IsAux(const Token& t) { return (t.pos & text::kPosAux) != 0; }
bool IsModal(const Token& t) { return (t.pos & text::kPosModal) != 0; }
bool IsNeg(const Token& t) { return (t.pos & text::kPosNeg) != 0; }
bool IsAdverb(const Token& t) {
  return t.kind == TokenKind::kWord && (t.pos & text::kPosAdv) != 0 &&
         (t.pos & (text::kPosVerb | text::kPosNoun)) == 0;
}

struct VerbGroup {
  size_t begin = 0;  // first token of the group (aux, modal, control verb)
  bool passive = false;
  bool negated = false;
  bool future = false;
  bool hypothetical = false;
  bool alleged = false;  // "claimed to", "reportedly"
  bool hearsay = false;  // "is said to": alleged by someone not named
  // "would" is the only hypothetical cue: in reported speech ("Erdogan said
  // Turkey would host Putin") it is the future seen from the past.
  bool would_only = false;
  // The outermost control verb of the group ("threatened" of "threatened
  // to shell"), or -1.
  int control = -1;
  std::vector<std::string> cues;
};

bool IsParticiple(const Token& t) {
  return t.lower != t.lemma &&
         (base::EndsWith(t.lower, "ed") || base::EndsWith(t.lower, "en") ||
          base::EndsWith(t.lower, "wn") || base::EndsWith(t.lower, "ght") ||
          t.lower == "held"sv || t.lower == "met"sv || t.lower == "hit"sv ||
          t.lower == "shot"sv || t.lower == "struck"sv || t.lower == "sent"sv ||
          t.lower == "led"sv || t.lower == "told"sv || t.lower == "sold"sv ||
          t.lower == "said"sv);
}

void ApplyModalWord(const Token& t, VerbGroup* g) {
  if (IsNeg(t)) {
    g->negated = true;
    g->cues.push_back(t.lower);
  } else if (Is(t, {"will", "shall", "'ll", "wo"})) {
    g->future = true;
    g->cues.push_back(t.lower);
  } else if (IsModal(t)) {
    g->would_only = t.lower == "would"sv && (!g->hypothetical || g->would_only);
    g->hypothetical = true;
    g->cues.push_back(t.lower);
  } else if (!(t.pos & text::kPosAdv)) {
    return;
  } else if (Is(t, {"probably", "likely", "possibly", "perhaps", "maybe"})) {
    g->hypothetical = true;  // speculation: "Iran probably attacked"
    g->cues.push_back(t.lower);
  } else if (Is(t, {"reportedly", "allegedly", "purportedly", "apparently"})) {
    g->alleged = true;
    g->hearsay = true;  // no one named claims it
    g->cues.push_back(t.lower);
  }
}

// Walks left from the anchor over the verb group. `verb`: the verb itself
// when pattern words stand before it ("HEAVILY *"), for the passive test;
// the anchor if omitted.
VerbGroup FindVerbGroup(const std::vector<Token>& t, size_t anchor,
                        const std::vector<int>& covers,
                        size_t verb = SIZE_MAX) {
  if (verb == SIZE_MAX) verb = anchor;
  VerbGroup g;
  g.begin = anchor;
  bool saw_be = false;
  size_t k = anchor;
  while (k > 0) {
    const Token& p = t[k - 1];
    if (covers[k - 1] >= 0) break;
    // "after leaving": a subordinator starts a clause; it is not an adverb
    // of the verb group.
    if (Is(p, {"after", "before", "since", "until", "while", "because",
               "although", "though", "whereas", "unless", "if", "whether"})) {
      break;
    }
    // "will this week seek", "will next month visit": a time phrase inside
    // the group.
    if (k >= 3 && Is(p, {"week", "month", "year", "weekend"}) &&
        Is(t[k - 2], {"this", "next", "later"}) &&
        (IsModal(t[k - 3]) || IsAux(t[k - 3]))) {
      k -= 2;
      continue;
    }
    // "likely" is an adverb in "will likely attack", a control word in
    // "is likely to attack".
    bool control_adverb = IsAdverb(p) && Control(p) != nullptr &&
                          k < anchor && t[k].lower == "to"sv;
    if (IsAux(p) || IsModal(p) || IsNeg(p) || (IsAdverb(p) && !control_adverb) ||
        p.lower == "to"sv ||
        Is(p, {"have", "has", "had", "been", "being"})) {
      if (p.lemma == "be"sv || Is(p, {"is", "are", "was", "were", "been", "being",
                                    "be", "am"})) {
        saw_be = true;
      }
      if (p.lower == "going"sv) g.future = true;
      ApplyModalWord(p, &g);
      --k;
      continue;
    }
    const ControlVerb* c = Control(p);
    if (c != nullptr && k < t.size() &&
        (t[k].lower == "to"sv || t[k - 1].lower.size() > 0)) {
      // Only a control verb followed by "to" (possibly via "have").
      bool to_follows = false;
      for (size_t j = k; j < anchor && j < k + 3; ++j) {
        if (t[j].lower == "to"sv) to_follows = true;
      }
      if (!to_follows && !(p.lemma == "consider"sv &&
                           base::EndsWith(t[anchor].lower, "ing"))) {
        break;
      }
      if (c->modality == Modality::kFuture) g.future = true;
      if (c->modality == Modality::kNegated) g.negated = true;
      if (c->modality == Modality::kHypothetical) g.hypothetical = true;
      if (c->modality == Modality::kAlleged) {
        g.alleged = true;
        g.hearsay = k >= 2 && (t[k - 2].lemma == "be"sv ||
                               Is(t[k - 2], {"been", "being"}));
      }
      g.cues.push_back(p.lower + " to");
      g.control = static_cast<int>(k - 1);
      --k;
      continue;
    }
    break;
  }
  // "refused to confirm or deny": the second verb shares the first's group.
  if (k == anchor && anchor >= 2 && Is(t[anchor - 1], {"or", "and", "nor"}) &&
      (t[anchor - 2].pos & text::kPosVerb) && covers[anchor - 2] < 0 &&
      t[anchor - 2].lower != t[anchor].lower) {
    VerbGroup first = FindVerbGroup(t, anchor - 2, covers);
    if (first.begin < anchor - 2) {
      first.passive = false;
      return first;
    }
  }
  g.begin = k;
  // A headline's "to" right after its subject is the future ("Karzai to
  // visit Pakistan", "BANK GOVERNORS TO MEET"): nothing before the subject
  // but other actors, commas and "and".
  if (t[k].lower == "to"sv && k >= 1 && covers[k - 1] >= 0 && !g.future) {
    bool headline = true;
    for (size_t j = 0; j + 1 < k && headline; ++j) {
      headline = covers[j] >= 0 || t[j].kind == TokenKind::kQuote ||
                 Is(t[j], {",", "and", "the"});
    }
    if (headline) {
      g.future = true;
      g.cues.push_back("headline 'to'");
    }
  }
  // "sees no reason to join", "has no intention to attack": negated.
  if (k >= 2 && t[k].lower == "to"sv && covers[k - 1] < 0 &&
      Is(t[k - 1], {"reason", "need", "intention", "plan", "plans", "desire",
                    "interest", "wish"}) &&
      Is(t[k - 2], {"no"})) {
    g.negated = true;
    g.cues.push_back("no " + t[k - 1].lower + " to");
  }
  // "be" right before a participle, not "be going to" / "be expected to".
  if (saw_be && IsParticiple(t[verb])) {
    bool be_adjacent = false;
    for (size_t j = verb; j > g.begin; --j) {
      const Token& q = t[j - 1];
      if (q.lemma == "be"sv || Is(q, {"is", "are", "was", "were", "been", "being"})) {
        be_adjacent = true;
        break;
      }
      // "was heavily and unjustly criticized": adverbs may be coordinated.
      bool joins_adverbs = Is(q, {"and", "or"}) && j >= 2 && IsAdverb(t[j - 2]);
      if (!IsAdverb(q) && !IsNeg(q) && !joins_adverbs) break;
    }
    g.passive = be_adjacent;
  }
  return g;
}

// "is expected to travel to Russia to meet Putin": the verb a purpose
// infinitive serves. If the group at `begin` starts with "to", returns the
// nearest verb before it in the clause (actors between are skipped), or -1.
int PurposeGovernor(const std::vector<Token>& t, const std::vector<int>& covers,
                    size_t begin) {
  if (begin >= t.size() || t[begin].lower != "to"sv) return -1;
  for (size_t j = begin, steps = 0; j > 0 && steps < 12; --j, ++steps) {
    const Token& p = t[j - 1];
    if (covers[j - 1] >= 0) continue;  // actors between the two verbs
    if (p.lower == ","sv || HardBoundary(p) || (p.pos & text::kPosSub)) return -1;
    if (p.kind != TokenKind::kWord || !(p.pos & text::kPosVerb) || IsAux(p) ||
        IsModal(p) || p.lower == "to"sv) {
      continue;
    }
    return static_cast<int>(j - 1);
  }
  return -1;
}

// Is the token's lemma one of `words`?
bool IsLemma(const Token& t, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (t.lemma == w) return true;
  }
  return false;
}

// Verbs whose object does what the infinitive after it says ("urged Russia
// to withdraw", "helped Iraq to rebuild"); after other verbs the infinitive
// is the subject's purpose ("France summoned Iran's envoy to protest the
// arrests": France protests).
bool ObjectControlVerb(const Token& v) {
  return IsLemma(v, {"urge", "ask", "call", "order", "tell", "demand", "press",
                "push", "pressure", "force", "persuade", "encourage", "invite",
                "appeal", "request", "instruct", "direct", "command", "warn",
                "advise", "require", "authorize", "authorise", "allow", "permit",
                "help", "enable", "want", "expect", "need", "get", "lead",
                "cause", "prompt", "compel", "oblige", "mandate", "empower",
                "beg", "implore", "challenge", "dare", "convince", "exhort",
                "remind", "entitle", "train", "recruit", "hire", "appoint",
                "elect", "choose", "select", "nominate", "leave", "like",
                "prefer", "wish", "believe", "consider", "declare", "report",
                "say", "know", "find", "see", "judge", "prod", "lobby",
                "nudge", "goad", "spur", "tempt", "forbid", "prohibit",
                "bar", "ban"});
}

// Words between a governor and its infinitive that ask for the act ("gave
// Serbia an ultimatum to pull back").
bool DirectiveNoun(const Token& t) {
  return Is(t, {"ultimatum", "call", "calls", "appeal", "appeals", "demand",
                "demands", "request", "requests", "order", "orders",
                "deadline", "instruction", "instructions", "plea", "pleas"});
}

// Does the verb at `governor` (with the words up to the infinitive's group
// at `to`) make its object the doer of the infinitive?
bool DirectiveNounBetween(const std::vector<Token>& t, int governor, size_t to) {
  for (size_t k = governor + 1; k < to; ++k) {
    if (DirectiveNoun(t[k])) return true;
  }
  return false;
}

bool ObjectControl(const std::vector<Token>& t, int governor, size_t to) {
  return ObjectControlVerb(t[governor]) || DirectiveNounBetween(t, governor, to);
}

// Verbs and nouns that ask for an act not yet done: the infinitive after
// them is hypothetical ("urged Russia to withdraw", "called on Iran to
// halt", "gave Serbia an ultimatum to pull back").
bool Directive(const std::vector<Token>& t, int governor, size_t to) {
  if (IsLemma(t[governor], {"urge", "ask", "call", "order", "tell", "demand",
                       "press", "push", "pressure", "persuade", "encourage",
                       "invite", "appeal", "request", "instruct", "direct",
                       "command", "warn", "advise", "require", "beg",
                       "implore", "challenge", "exhort", "remind", "prod",
                       "lobby", "nudge", "goad", "spur", "want", "expect"})) {
    return true;
  }
  return DirectiveNounBetween(t, governor, to);
}

// A purpose infinitive is no more real than the verb it serves (`first`,
// the group of the verb at `governor`): it takes that verb's future,
// hypothetical or negated modality.
void InheritPurposeModality(const std::vector<Token>& t, int governor,
                            const VerbGroup& first, VerbGroup* g) {
  if (governor < 0 || g->future || g->hypothetical || g->negated) return;
  if (first.future || first.hypothetical || first.negated) {
    g->future |= first.future;
    g->hypothetical |= first.hypothetical;
    g->negated |= first.negated;
    g->cues.push_back("purpose of '" + t[governor].lower + "'");
  }
}

// A noun coded as the event ("sees no reason to join a working-level
// meeting", "will not attend the summit") is no more real than the verb
// whose object it is: the group takes that verb's negated, future,
// hypothetical or alleged modality.
void InheritGoverningVerbModality(const std::vector<Token>& t,
                                  const std::vector<int>& covers, VerbGroup* g) {
  if (g->negated || g->future || g->hypothetical || g->alleged) return;
  size_t k = g->begin;
  // Back over the noun's determiner and modifiers to the verb before them.
  bool determiner = false;
  for (int n = 0; k > 0 && n < 4; ++n) {
    const Token& p = t[k - 1];
    if (covers[k - 1] >= 0 || p.kind != TokenKind::kWord) return;
    if (p.pos & text::kPosDet) {
      determiner = true;
      --k;
      break;
    }
    // "will include talks with Blair": a bare plural right after its verb.
    if ((p.pos & text::kPosVerb) && !(p.pos & (text::kPosNoun | text::kPosAdj)) &&
        !IsAux(p) && !IsModal(p)) {
      determiner = true;
      break;
    }
    if (!(p.pos & text::kPosAdj) && p.lower.find('-') == std::string::npos) return;
    --k;
  }
  if (!determiner || k == 0) return;
  const Token& v = t[k - 1];
  if (covers[k - 1] >= 0 || !(v.pos & text::kPosVerb) || IsAux(v) || IsModal(v)) return;
  VerbGroup governing = FindVerbGroup(t, k - 1, covers);
  if (!(governing.negated || governing.future || governing.hypothetical ||
        governing.alleged)) {
    return;
  }
  g->negated = governing.negated;
  g->future = governing.future;
  g->hypothetical = governing.hypothetical;
  g->alleged = governing.alleged;
  g->hearsay = governing.hearsay;
  g->cues = governing.cues;
  g->cues.push_back("object of '" + v.lower + "'");
}

int CoordinatedVerb(const Scratch& s, size_t group_begin);

// "would put strains on the franc and force the bank to raise rates",
// "will visit Beijing and meet Xi": a bare verb after "and" shares the
// auxiliary of the verb before it; a finite one ("did not attack Kyiv and
// shelled Lviv") has its own.
void InheritCoordinatedModality(const Scratch& s, size_t i, VerbGroup* g) {
  const auto& t = *s.tokens;
  if (g->begin != i || t[i].lower != t[i].lemma || g->negated || g->future ||
      g->hypothetical || g->alleged) {
    return;
  }
  int v = CoordinatedVerb(s, g->begin);
  if (v < 0) return;
  VerbGroup first = FindVerbGroup(t, static_cast<size_t>(v), s.covers);
  if (!(first.negated || first.future || first.hypothetical)) return;
  g->negated = first.negated;
  g->future = first.future;
  g->hypothetical = first.hypothetical;
  g->would_only = first.would_only;
  g->cues = first.cues;
  g->cues.push_back("shared with '" + t[v].lower + "'");
}

// Does an "if"/"unless" clause follow token i in its sentence ("as if" and
// "even if" do not make a condition)?
bool ConditionAfter(const std::vector<Token>& t, size_t i) {
  for (size_t k = i + 1; k < t.size() && !HardBoundary(t[k]); ++k) {
    if (Is(t[k], {"if", "unless"}) && !Is(t[k - 1], {"as", "even"})) return true;
  }
  return false;
}

// Is token k inside an "if"/"unless" clause (no comma between), or in the
// main clause of a sentence that opens with one ("If Russia attacks
// Moldova, Romania will impose sanctions": both are conditional)?
bool InConditional(const std::vector<Token>& t, size_t k) {
  for (size_t j = k; j > 0; --j) {
    const Token& p = t[j - 1];
    if (HardBoundary(p)) return false;
    if (p.lower == ","sv) {
      // The comma closes an opening "If ..." clause when it is the first.
      size_t first = 0;
      while (first < t.size() && t[first].kind != TokenKind::kWord) ++first;
      if (first >= j - 1 || !Is(t[first], {"if", "unless"})) return false;
      for (size_t c = first; c + 1 < j; ++c) {
        if (t[c].lower == ","sv || HardBoundary(t[c])) return false;
      }
      return true;
    }
    if (Is(p, {"if", "unless", "whether"})) return true;
  }
  return false;
}

}  // namespace

namespace {

struct Subject {
  int mention = -1;
  bool unrealized = false;  // "for X to V", "warned X against V-ing", "urged X to V"
  int accuser = -1;  // "X accused Y of V-ing": X
  bool accused = false;  // the act is an accusation's, accuser named or not
  // "Eriador's death and injury toll has risen": the first token of the
  // conjunct after the possessor's head noun ("injury"), 0 if none, and
  // the end of that conjunct (the verb group).
  size_t conjunct = 0, conjunct_end = 0;
  std::string how;
};

[[gnu::always_inline]] inline bool Subordinator(const std::vector<Token>& t, size_t k) {
  // Every word below is a subordinator in the lexicon (text/lexicon.cc):
  // one test rules out the other words.
  if (!(t[k].pos & text::kPosSub)) return false;
  if (t[k].lower == "after"sv && k + 1 < t.size() && t[k + 1].lower == "all"sv) {
    return false;  // "after all"
  }
  // "decide when to pull out": a question word before an infinitive keeps
  // the subject of the verb it depends on.
  if (Is(t[k], {"when", "where"}) && k + 1 < t.size() && t[k + 1].lower == "to"sv) {
    return false;
  }
  // Called for most tokens left of a verb: the first letter rules out
  // nearly all of them before the list.
  std::string_view w = t[k].lower;
  if (w.size() < 2) return false;
  switch (w[0]) {
    case 'i': return w == "if"sv;
    case 'b': return w == "because"sv || w == "before"sv;
    case 'a': return w == "although"sv || w == "after"sv;
    case 't': return w == "though"sv;
    case 'u': return w == "unless"sv || w == "until"sv;
    case 's': return w == "since"sv;
    case 'w':
      return w == "while"sv || w == "whereas"sv || w == "whether"sv || w == "where"sv ||
             w == "when"sv;
    default: return false;
  }
}

// Verbs that report what someone says or holds true ("Ukraine said Russia
// attacked"): the clause after them is the speaker's claim. Base forms only
// where they are not also common nouns ("report", "state", "claim").
bool SpeechVerb(const Token& t) {
  // Called for most words of a clause: the verb-class bit and the first
  // letter rule out nearly all of them before the list.
  if (t.kind != TokenKind::kWord || !(t.pos & text::kPosVerb) || t.lower.empty()) {
    return false;
  }
  switch (t.lower[0]) {
    case 's': case 't': case 'a': case 'r': case 'w': case 'c': case 'i':
    case 'n': case 'b': case 'm':
      break;
    default:
      return false;
  }
  return Is(t, {"said", "says", "say", "told", "tells", "added", "adds",
                "reported", "reports", "stated", "states", "announced", "wrote",
                "claimed", "claims", "alleged", "alleges", "allege", "insisted",
                "insists", "insist", "noted", "believe", "believes", "believed",
                "asserted", "asserts", "assert", "maintained", "maintains"});
}

bool Determiner(const Token& p) {
  return Is(p, {"the", "a", "an", "its", "their", "his", "her", "our", "this",
                "that", "these", "those", "any", "no"}) ||
         p.kind == TokenKind::kPossessive;
}

// A reporting verb at token j, used as a verb: not the first word (a
// headline's "Alleged Deserter"), not after "to" or a determiner ("the
// alleged ringleader", "his reports"), not inside an actor's name.
bool ReportingVerbAt(const Scratch& s, size_t j) {
  const auto& t = *s.tokens;
  return j > 0 && s.covers[j] < 0 && SpeechVerb(t[j]) && t[j - 1].lower != "to"sv &&
         !Determiner(t[j - 1]);
}

Subject FindSubject(const Scratch& s, size_t group_begin, int depth);
bool PartitiveOf(const Scratch& s, int m);

// The antecedent of a relative pronoun at `k`: "North Korea, which ...", or
// "North Korea is one of the few countries ... that ...".
int Antecedent(const Scratch& s, size_t k) {
  const auto& t = *s.tokens;
  size_t a = k;
  if (a > 0 && t[a - 1].lower == ","sv) --a;
  if (a > 0 && s.covers[a - 1] >= 0) return s.covers[a - 1];
  for (size_t j = k; j > 2 && k - j < 12; --j) {
    if (HardBoundary(t[j - 1])) break;
    if (t[j - 1].lower == "of"sv && t[j - 2].lower == "one"sv &&
        t[j - 3].lemma == "be"sv && j >= 4 && s.covers[j - 4] >= 0) {
      return s.covers[j - 4];
    }
  }
  return -1;
}

// Does mention `m` (or its compound) follow "between"/"among"?
bool AfterBetween(const Scratch& s, int m) {
  const Mention& x = (*s.mentions)[m];
  const Mention& first = x.compound >= 0 ? (*s.mentions)[x.compound] : x;
  return first.prep == "between"sv || first.prep == "among"sv;
}

int ByAgent(const Scratch& s, size_t from);

// "accuse X of V-ing", "for X to V", "with X V-ing".
bool EmbeddedSubject(const Scratch& s, size_t k, int depth, Subject* out) {
  const auto& t = *s.tokens;
  // "Russia's 2014 claim to have annexed": the possessor.
  if (k < t.size() && t[k].kind == TokenKind::kWord && k >= 2) {
    size_t j = k;
    while (j > 0 && t[j - 1].kind == TokenKind::kNumber) --j;
    if (j >= 2 && t[j - 1].kind == TokenKind::kPossessive &&
        s.covers[j - 2] >= 0 && (*s.mentions)[s.covers[j - 2]].possessor &&
        j < k + 1 && j != k) {
      out->mention = s.covers[j - 2];
      if (s.explain) out->how = "possessor of the governing noun";
      return true;
    }
  }
  if (k >= 2 && t[k - 1].lower == "against"sv && s.covers[k - 2] >= 0) {
    out->mention = s.covers[k - 2];
    if (s.explain) out->how = "subject of 'X against V-ing'";
    out->unrealized = true;
    return true;
  }
  // "charged with kidnapping and murder": the second act shares the first's
  // accusation.
  if (k >= 3 && Is(t[k - 1], {"and", "or"}) && s.covers[k - 2] < 0 &&
      t[k - 2].kind == TokenKind::kWord && depth < 3) {
    Subject first;
    if (EmbeddedSubject(s, k - 2, depth + 1, &first) && first.accused) {
      *out = first;
      return true;
    }
  }
  // "charged a Palestinian with attacking soldiers", "an officer was charged
  // with kidnapping": what someone is charged with is an accusation.
  if (k >= 2 && t[k - 1].lower == "with"sv && depth < 3) {
    size_t c = k - 2;
    int charged = s.covers[c];
    if (charged >= 0) {
      c = (*s.mentions)[charged].begin;
      while (c > 0 && Determiner(t[c - 1])) --c;
      c = c > 0 ? c - 1 : c;
    }
    if (Is(t[c], {"charged", "charges", "charge", "indicted"}) && s.covers[c] < 0) {
      VerbGroup g = FindVerbGroup(t, c, s.covers);
      if (charged >= 0) {
        out->accuser = FindSubject(s, g.begin, depth + 1).mention;
      } else if (g.passive || g.begin < c || (c > 0 && t[c - 1].lower == ","sv)) {
        // "X was charged with", "X, charged with": X is the one charged.
        charged = FindSubject(s, g.begin, depth + 1).mention;
        out->accuser = ByAgent(s, c + 1);
      }
      if (charged >= 0) {
        out->mention = charged;
        out->accused = true;
        if (s.explain) out->how = "charged with it by the subject of '" + t[c].lower + "'";
        return true;
      }
    }
  }
  if (k >= 2 && Is(t[k - 1], {"of", "for"}) && s.covers[k - 2] >= 0) {
    int m = s.covers[k - 2];
    out->mention = m;
    if (s.explain) out->how = "subject of '" + t[k - 1].lower + " ... V'";
    if (t[k - 1].lower == "for"sv) out->unrealized = true;  // "for X to V"
    uint32_t before = (*s.mentions)[m].begin;
    if (before > 0 && depth < 3) {
      const Token& v = t[before - 1];
      if (Is(v, {"accused", "accuses", "accuse", "accusing", "charged",
                 "blamed", "blames", "suspected", "suspects"})) {
        VerbGroup g = FindVerbGroup(t, before - 1, s.covers);
        out->accuser = FindSubject(s, g.begin, depth + 1).mention;
        out->accused = true;
        if (s.explain) {
          out->how += " (accusation by the subject of '" + v.lower + "')";
        }
      }
    }
    return true;
  }
  // "a row between Radagast the Brown called": an actor after "between" or
  // "among" modifies the noun before it; it is not the subject (a compound
  // "ties between A and B" is found below as the parties, as PETRARCH did).
  // Nor is a place ("two car bombs in Baghdad killed").
  if (k >= 1 && s.covers[k - 1] >= 0 &&
      !(*s.mentions)[s.covers[k - 1]].possessor &&
      !AfterBetween(s, s.covers[k - 1]) &&
      !Locative((*s.mentions)[s.covers[k - 1]].prep)) {
    out->mention = s.covers[k - 1];
    if (s.explain) out->how = "actor right before the verb group";
    uint32_t before = (*s.mentions)[out->mention].begin;
    bool infinitive = k < t.size() && t[k].lower == "to"sv;
    if (infinitive && before > 0 && t[before - 1].lower == "for"sv) {
      out->unrealized = true;  // "a mistake for North Korea to provide"
      if (s.explain) out->how = "subject of 'for X to V'";
    } else if (infinitive && before > 0 &&
        Is(t[before - 1], {"urged", "urge", "urges", "asked", "asks", "ask",
                           "called", "pressed", "push", "pushed", "told",
                           "encouraged", "invited", "allowed", "persuade",
                           "persuaded", "forced", "want", "wants", "wanted"})) {
      out->unrealized = true;
      if (s.explain) {
        out->how = "object of '" + t[before - 1].lower + "' (requested, not done)";
      }
    }
    return true;
  }
  return false;
}

// "X's (modifiers) noun" right before the verb group at `group_begin`, the
// noun not relational ("Russia's neighbour" is not Russia).
bool PossessorHeads(const Scratch& s, int m, size_t group_begin) {
  const auto& t = *s.tokens;
  size_t k = (*s.mentions)[m].end + 1;  // after 's
  if (k >= group_begin || group_begin - k > 4) return false;
  constexpr uint16_t kClosed = text::kPosAux | text::kPosModal | text::kPosNeg |
                               text::kPosDet | text::kPosPrep | text::kPosPron |
                               text::kPosConj | text::kPosSub;
  size_t first = k;
  for (; k < group_begin; ++k) {
    // "Eriador's death and injury toll": nouns joined inside the phrase.
    if (Is(t[k], {"and", "or"}) && k > first && k + 1 < group_begin) continue;
    if (t[k].kind != TokenKind::kWord || t[k].capitalized ||
        (t[k].pos & kClosed) || RelationalNoun(t[k]) || s.covers[k] >= 0) {
      return false;
    }
  }
  return true;
}

// "Iran seized Kuwaiti boats and detained their crews": a verb group right
// after "and" / "or" / "but" (a comma may come first) shares the subject of
// the verb before it, not the object between. Returns that verb's token, or
// -1 when the words before the conjunction hold no verb (a compound subject,
// "Russia and China signed").
int CoordinatedVerb(const Scratch& s, size_t group_begin) {
  const auto& t = *s.tokens;
  if (group_begin < 3 || group_begin >= t.size() ||
      !Is(t[group_begin - 1], {"and", "or", "but"})) {
    return -1;
  }
  // "torture and kidnapping": nouns joined, not verb phrases.
  if (base::EndsWith(t[group_begin].lower, "ing")) return -1;
  size_t j = group_begin - 1;
  if (t[j - 1].lower == ","sv) --j;
  for (size_t steps = 0; j > 1 && steps < 14; --j, ++steps) {
    const Token& p = t[j - 1];
    if (HardBoundary(p) || Subordinator(t, j - 1) || Is(p, {"which", "who", "that"})) {
      return -1;
    }
    if (s.covers[j - 1] >= 0 || p.kind != TokenKind::kWord) continue;
    if (!(p.pos & text::kPosVerb) || (p.pos & (text::kPosAux | text::kPosModal))) continue;
    const Token& before = t[j - 2];
    if (before.pos & text::kPosDet) continue;  // "a renewed dollar fall"
    // A word that may be a noun is the verb after its subject or an
    // auxiliary ("Iran seized", "would put"), or in its -ed form.
    bool verb = !(p.pos & text::kPosNoun) || base::EndsWith(p.lower, "ed") ||
                s.covers[j - 2] >= 0 || (before.pos & (text::kPosAux | text::kPosModal));
    if (verb) return static_cast<int>(j - 1);
  }
  return -1;
}

Subject FindSubject(const Scratch& s, size_t group_begin, int depth) {
  const auto& t = *s.tokens;
  const auto& ms = *s.mentions;
  Subject out;
  if (EmbeddedSubject(s, group_begin, depth, &out)) return out;
  if (int v = CoordinatedVerb(s, group_begin); v >= 0 && depth < 3) {
    out = FindSubject(s, FindVerbGroup(t, v, s.covers).begin, depth + 1);
    if (out.mention >= 0) {
      if (s.explain) out.how += " (shared with '" + t[v].lower + "' before '" +
                                t[group_begin - 1].lower + "')";
      return out;
    }
    out = Subject();
  }
  for (size_t j = group_begin; j > 0; --j) {
    const Token& tok = t[j - 1];
    if (HardBoundary(tok) || Subordinator(t, j - 1)) break;
    // "Kenyan police said militants attacked": the speaker is not the
    // subject of the clause it reports, unless a pronoun or a comma after
    // the verb sends the subject back to it ("Indonesian police said they
    // made an arrest", "Georgia says three of its soldiers", "Sharon said,
    // reversing").
    if (j < group_begin && ReportingVerbAt(s, j - 1)) {
      bool back = false;
      for (size_t k = j; k < group_begin; ++k) {
        back |= t[k].lower == ","sv ||
                (t[k].kind == TokenKind::kWord &&
                 Is(t[k], {"he", "she", "they", "we", "it", "i", "its", "their",
                           "his", "her", "our"}));
      }
      if (!back) break;
    }
    if (Is(tok, {"which", "who", "that"})) {
      out.mention = Antecedent(s, j - 1);
      if (out.mention >= 0 && s.explain) out.how = "antecedent of '" + tok.lower + "'";
      break;
    }
    int m = s.covers[j - 1];
    if (m < 0 || ms[m].unnamed) continue;
    if (ms[m].possessor && ms[m].prep.empty() && PossessorHeads(s, m, group_begin)) {
      // "Caras Galadhon's new mayor left": the possessor stands for the
      // phrase its (non-actor) head noun makes.
      out.mention = m;
      if (s.explain) out.how = "possessor of the subject noun";
      for (size_t k = ms[m].end + 2; k + 1 < group_begin; ++k) {
        if (Is(t[k], {"and", "or"})) {
          out.conjunct = k + 1;
          out.conjunct_end = group_begin;
        }
      }
      break;
    }
    if (!ms[m].possessor && PartitiveOf(s, m)) {
      out.mention = m;
      if (s.explain) out.how = "after a partitive ('one of', 'members of')";
      break;
    }
    if (ms[m].possessor || !ms[m].prep.empty()) {
      j = ms[m].begin + 1;
      continue;
    }
    out.mention = m;
    if (s.explain) out.how = "nearest actor to the left";
    break;
  }
  return out;
}

// "One of the leaders of Hamas was killed", "Members of the militia began":
// an actor after a partitive head that opens the clause stands for the
// clause's subject.
bool PartitiveOf(const Scratch& s, int m) {
  const auto& t = *s.tokens;
  const Mention& x = (*s.mentions)[m];
  if (x.prep != "of"sv) return false;
  size_t j = x.begin;
  while (j > 0 && Is(t[j - 1], {"the", "a", "an"})) --j;
  if (j < 2 || t[j - 1].lower != "of"sv) return false;
  const Token& head = t[j - 2];
  bool partitive =
      head.kind == TokenKind::kNumber ||
      Is(head, {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "some", "many", "several", "most", "all", "none", "each", "both", "dozens",
                "hundreds", "thousands", "scores", "members", "majority", "half", "rest"});
  if (!partitive) return false;
  size_t h = j - 2;
  while (h > 0 && Is(t[h - 1], {"the", "a", "an"})) --h;
  return h == 0 || HardBoundary(t[h - 1]) ||
         Subordinator(t, h - 1) || Is(t[h - 1], {"and", "but", "while", "when", "as"});
}

bool CommonNoun(const Scratch& s, size_t k) {
  const Token& q = (*s.tokens)[k];
  constexpr uint16_t kClosed = text::kPosAux | text::kPosModal | text::kPosNeg |
                               text::kPosDet | text::kPosPrep | text::kPosPron |
                               text::kPosConj | text::kPosSub;
  return q.kind == TokenKind::kWord && !q.capitalized && s.covers[k] < 0 &&
         (q.pos & (text::kPosNoun | text::kPosAdj)) && !(q.pos & kClosed);
}

// "Ithilen's sheep and goats of Gondor warned": the subject `m` ends an "N
// of Y" phrase joined by "and"/"or" to "X's N"; X is a subject beside Y.
// Returns X's mention, or -1.
int PossessorPartner(const Scratch& s, int m) {
  const auto& t = *s.tokens;
  const Mention& y = (*s.mentions)[m];
  if (y.prep != "of"sv || y.compound >= 0) return -1;
  size_t j = y.begin;
  while (j > 0 && Is(t[j - 1], {"the", "a", "an"})) --j;
  if (j == 0 || t[j - 1].lower != "of"sv) return -1;
  size_t h = --j;  // at "of"; back over the second conjunct's nouns
  while (h > 0 && j - h < 3 && CommonNoun(s, h - 1)) --h;
  if (h == j || h == 0 || !Is(t[h - 1], {"and", "or"})) return -1;
  size_t a = h - 1, q = h - 1;
  while (q > 0 && a - q < 3 && CommonNoun(s, q - 1)) --q;
  if (q == a || q < 2 || t[q - 1].kind != TokenKind::kPossessive) return -1;
  int x = s.covers[q - 2];
  return x >= 0 && (*s.mentions)[x].possessor ? x : -1;
}

// Members of a compound ("Russia and Iran") or the mention alone, into
// *out (replacing its contents); none for no mention (-1).
void Members(const Scratch& s, int m, std::vector<int>* out) {
  out->clear();
  if (m < 0) return;
  const auto& ms = *s.mentions;
  if (ms[m].compound < 0) {
    out->push_back(m);
    return;
  }
  for (size_t k = 0; k < ms.size(); ++k) {
    if (ms[k].compound == ms[m].compound) out->push_back(static_cast<int>(k));
  }
}

// The number of Members of m, without listing them.
size_t MemberCount(const Scratch& s, int m) {
  if (m < 0) return 0;
  const auto& ms = *s.mentions;
  if (ms[m].compound < 0) return 1;
  return static_cast<size_t>(std::count_if(ms.begin(), ms.end(), [&](const Mention& x) {
    return x.compound == ms[m].compound;
  }));
}

// `meeting`: the code is a meeting or consultation (04), whose partner is
// never the place it is held in ("will meet in Washington").
int FindTarget(const Scratch& s, const Match& m, size_t anchor, int source,
               bool meeting, int skip = -1) {
  const auto& t = *s.tokens;
  // A mention inside the match after the verb ("summoned the Russian
  // ambassador"); mentions before it ("indicated it would act") are not
  // objects of the verb.
  for (size_t k = std::max<size_t>(m.begin, anchor) + 1; k < m.end && k < t.size(); ++k) {
    int mi = s.covers[k];
    if (mi >= 0 && mi != source && mi != skip && TargetOk(s, mi) &&
        !(source >= 0 && (*s.mentions)[mi].code == (*s.mentions)[source].code)) {
      return mi;
    }
  }
  for (size_t k = m.end; k < t.size() && k < m.end + 12; ++k) {
    if (HardBoundary(t[k]) || t[k].lower == ","sv) break;
    // "questioned whether he has a future with X": a "whether" clause
    // right after the verb is its object, not an adverbial clause.
    if (Subordinator(t, k) && !(k == m.end && t[k].lower == "whether"sv)) break;
    // "raids in which Arnor spokesmen said": a relative clause has its own
    // subject; its actors are not objects of the verb before it.
    if (Is(t[k], {"which", "who", "whom", "whose"})) break;
    int mi = s.covers[k];
    if (mi < 0 || mi == skip) continue;
    uint32_t after = (*s.mentions)[mi].end;
    if (after < t.size() && SpeechVerb(t[after])) break;  // ", the Kremlin said"
    if (!TargetOk(s, mi) || (meeting && Locative((*s.mentions)[mi].prep))) {
      k = after - 1;
      continue;
    }
    if (mi == source || (source >= 0 && (*s.mentions)[mi].compound >= 0 &&
                         (*s.mentions)[mi].compound ==
                             (*s.mentions)[source].compound)) {
      continue;
    }
    // The subject again ("he" for the subject): not the object.
    if (source >= 0 && (*s.mentions)[mi].code == (*s.mentions)[source].code) {
      continue;
    }
    return mi;
  }
  return -1;
}

int ByAgent(const Scratch& s, size_t from) {
  const auto& t = *s.tokens;
  for (size_t k = from; k < t.size() && k < from + 6; ++k) {
    if (HardBoundary(t[k])) break;
    if (t[k].lower == "by"sv) {
      int mi = MentionAt(s, k + 1);
      if (mi >= 0) return mi;
    }
  }
  return -1;
}

// "killed in an Israeli airstrike", "wounded during a Russian raid": the
// country named on the attack is the doer of a passive act of force.
int InstrumentAgent(const Scratch& s, size_t from) {
  const auto& t = *s.tokens;
  for (size_t k = from; k + 2 < t.size() && k < from + 4; ++k) {
    if (HardBoundary(t[k])) break;
    if (!Is(t[k], {"in", "during", "amid"})) continue;
    size_t at = k + 1;
    if (Is(t[at], {"a", "an", "the"})) ++at;
    if (at >= t.size()) break;
    int mi = s.starts[at];
    // A people's adjective or a country's armed forces, after an article:
    // not a place ("killed in a Baghdad rocket attack", "in Iraq attack").
    if (mi < 0 || at == k + 1) break;
    const Mention& doer = (*s.mentions)[mi];
    if (!(doer.agent.empty() || doer.agent == "MIL"sv) || doer.code.size() > 6) break;
    size_t after = (*s.mentions)[mi].end;
    while (after < t.size() && Is(t[after], {"air", "artillery", "missile", "rocket",
                                             "tank", "helicopter", "drone", "military"})) {
      ++after;
    }
    if (after < t.size() &&
        Is(t[after], {"attack", "attacks", "airstrike", "airstrikes", "strike", "strikes",
                      "raid", "raids", "bombing", "bombings", "shelling", "assault",
                      "offensive", "operation", "ambush", "incursion", "fire", "barrage",
                      "bombardment", "crackdown", "onslaught"})) {
      return mi;
    }
    break;
  }
  return -1;
}

// The actor named inside a noun phrase, between its determiner `det` and
// the noun at `noun`: the possessor ("Israel's attack", "the minister's
// visit") or an adjective ("an Israeli airstrike"); -1 if none, or if more
// than one is named.
int NounPhraseActor(const Scratch& s, int det, size_t noun) {
  const auto& t = *s.tokens;
  int found = -1;
  size_t k = static_cast<size_t>(det);
  // A possessive "'s" is itself the determiner: its owner stands before it.
  if (t[k].lower == "'s"sv && k > 0 && s.covers[k - 1] >= 0) {
    found = s.covers[k - 1];
  }
  for (++k; k < noun; ++k) {
    int m = s.covers[k];
    if (m < 0) continue;
    if (found >= 0 && found != m) return -1;
    found = m;
  }
  return found;
}

// A noun event with its doer inside the noun phrase is coded when the
// pattern starts at the noun and its target follows a preposition ("visit
// to Washington", "attack on Kyiv"), not a compound ("a UN aid official"),
// and it is not trade ("Taiwan's exports to the US": a statistic).
// Without a doer, only an assault is coded ("a bomb attack on a UN
// convoy"): its perpetrators often go unnamed.
// Nor a noun that gives the reason for another act ("jailed for the
// bombing of", "responsible for the attack on", "convicted of"): background.
bool NounPhraseEvent(const Scratch& s, const PatternView& p, const Match& m, int np_source,
                     int det) {
  if (m.source >= 0 || m.target < 0 || m.target == np_source || p.anchor() != 0) return false;
  const auto& t = *s.tokens;
  size_t d = static_cast<size_t>(det);
  if (t[d].lower == "'s"sv && d > 0 && s.covers[d - 1] >= 0) {
    d = (*s.mentions)[s.covers[d - 1]].begin;
  }
  // ("in time for the minister's visit" is its purpose, not a reason).
  bool force = p.code()[0] == '1' && p.code()[1] >= '7';
  if (d > 0 && (Is(t[d - 1], {"of", "over", "behind", "since", "about", "after"}) ||
                (force && t[d - 1].lower == "for"sv))) {
    return false;
  }
  // "involved in the murder of", "his role in the bombing of".
  if (d > 1 && t[d - 1].lower == "in"sv &&
      Is(t[d - 2], {"involved", "involvement", "role", "part", "implicated", "complicity",
                    "suspected", "suspect", "suspects", "participation", "hand"})) {
    return false;
  }
  std::string_view root = p.code().substr(0, 2);
  if (root == "06"sv || (np_source < 0 && root != "18"sv)) return false;
  return !(*s.mentions)[m.target].prep.empty();
}

// The verb's plain transitive pattern ("arrest +") for its noun with an
// "of" object: "the arrest of two Kenyan reporters by police", "Turkey's
// release of the journalists". The doer is inside the noun phrase or
// follows "by"; without one, only an assault is coded (NounPhraseEvent).
// Sets *match and *by_agent; nothing when the phrase is background.
std::optional<PatternView> Nominalization(const Scratch& s, const dict::Dictionary& dict,
                                          std::span<const uint32_t> list, size_t i, int det,
                                          int np_source, Match* match, int* by_agent) {
  const auto& t = *s.tokens;
  const auto& ms = *s.mentions;
  if (i + 2 >= t.size() || t[i + 1].lower != "of"sv) return std::nullopt;
  size_t at = i + 2;  // "of two Ugandan journalists", "of some 40 protesters"
  while (at + 1 < t.size() && at < i + 5 &&
         (t[at].kind == TokenKind::kNumber || (t[at].pos & text::kPosNum) ||
          Is(t[at], {"some", "several", "about", "at", "least", "more", "than", "dozens",
                     "hundreds", "thousands", "all", "its", "their", "his", "her"}))) {
    ++at;
  }
  int obj = MentionAt(s, at);
  if (obj < 0 || ms[obj].unnamed || obj == np_source) return std::nullopt;
  for (uint32_t pi : list) {
    PatternView p = dict.pattern(pi);
    auto e = p.elements();
    if (p.anchor() != 0 || e.size() != 2 ||
        e[1].kind() != dict::PatternElement::Kind::kTarget) {
      continue;
    }
    Match m;
    m.target = obj;
    m.begin = static_cast<uint32_t>(i);
    m.end = CompoundEnd(s, obj);
    m.words = {static_cast<uint32_t>(i)};
    int by = np_source >= 0 ? -1 : ByAgent(s, m.end);
    if (!NounPhraseEvent(s, p, m, np_source >= 0 ? np_source : by, det)) return std::nullopt;
    *match = std::move(m);
    *by_agent = by;
    return p;
  }
  return std::nullopt;
}

// A noun event is what the text reports it as: "called for a Russian
// withdrawal" asks for it, "planned a Japanese visit" schedules it.
void NounEventModality(const std::vector<Token>& t, int det, VerbGroup* g) {
  for (int k = det - 1; k >= 0 && k >= det - 4; --k) {
    if (HardBoundary(t[k]) || t[k].lower == ","sv) break;
    static constexpr std::string_view kAbout[] = {
        "call",     "demand", "urge",  "seek",  "propose", "want",   "hope",
        "oppose",   "consider", "discuss", "prepare", "plan", "await", "prevent",
        "avert",    "avoid",  "reject", "refuse", "threaten"};
    std::string_view lemma = t[k].lemma;
    if (std::find(std::begin(kAbout), std::end(kAbout), lemma) != std::end(kAbout)) {
      g->hypothetical = true;
      g->cues.push_back("a noun event that '" + t[k].lower + "' is about");
      return;
    }
    if (Is(t[k], {"planned", "proposed", "scheduled", "upcoming", "forthcoming",
                  "expected", "possible", "potential"})) {
      g->future = true;
      g->cues.push_back("'" + t[k].lower + "' noun event");
      return;
    }
  }
}

// Reporting verbs that distance the speaker from the claim ("claimed",
// "insisted", "believes"), as against "said", "announced".
bool DoubtingVerb(const Token& t) {
  return Is(t, {"claimed", "claims", "alleged", "alleges", "allege", "insisted",
                "insists", "insist", "believe", "believes", "believed",
                "asserted", "asserts", "assert", "maintained", "maintains"});
}

struct Report {
  bool found = false;
  int speaker = -1;      // the reporting verb's subject, -1 if not named
  bool doubting = false;  // DoubtingVerb
  size_t comma = 0;       // TrailingReport: the comma before the attribution
};

// Is the clause whose verb group starts at token `k` reported speech
// ("Ukraine said (on Monday) (that) Russia attacked", "Georgia says three
// of its soldiers were killed")? Up to ten words may stand between the
// reporting verb and the verb group (the clause's subject, "that",
// "told reporters", "in a statement"), none of them another verb or a
// comma.
Report ReportedClause(const Scratch& s, size_t k) {
  const auto& t = *s.tokens;
  Report r;
  for (size_t j = k, steps = 0; j > 0 && steps < 11; --j, ++steps) {
    const Token& p = t[j - 1];
    if (ReportingVerbAt(s, j - 1)) {
      VerbGroup g = FindVerbGroup(t, j - 1, s.covers);
      r.found = true;
      r.doubting = DoubtingVerb(p);
      if (!g.passive) r.speaker = FindSubject(s, g.begin, 1).mention;
      return r;
    }
    if (s.covers[j - 1] >= 0) continue;  // the clause's own subject
    if (p.kind != TokenKind::kWord && p.kind != TokenKind::kPossessive &&
        p.kind != TokenKind::kNumber) {
      return r;
    }
    if ((p.pos & text::kPosVerb) && !(p.pos & text::kPosNoun) && p.lower != "that"sv) {
      return r;
    }
  }
  return r;
}

// Does the sentence end in an attribution set off by a comma ("Russia
// shelled Kharkiv, Ukrainian officials said (on Monday).", "..., said a
// ministry spokesman.", '..., the minister told reporters.')? For a verb
// before that comma it is the same claim as "Ukrainian officials said
// Russia shelled Kharkiv" (ReportedClause). The speaker's words before the
// reporting verb hold no verb and no relative pronoun ("..., which said");
// after it, up to the end, come only adjuncts ("on Monday", "in a
// statement"): "..., Ukraine said it would respond" is a clause of its own.
// Found once a sentence; Report::comma is the comma's token.
Report TrailingReport(const Scratch& s) {
  const auto& t = *s.tokens;
  Report r;
  size_t end = t.size();
  while (end > 1 && (t[end - 1].kind == TokenKind::kSentenceEnd ||
                     t[end - 1].kind == TokenKind::kQuote)) {
    --end;
  }
  // A word of a noun phrase or an adjunct: no verb, auxiliary, modal or
  // clause word ("which", "that"); a pronoun only as the speaker (", he
  // said"), not after the verb (", said it would").
  auto plain_word = [&](const Token& p, bool speaker) {
    if (p.kind == TokenKind::kNumber || p.kind == TokenKind::kPossessive) return true;
    if (p.kind != TokenKind::kWord) return false;
    if (p.pos & (text::kPosAux | text::kPosModal | text::kPosSub)) return false;
    if ((p.pos & text::kPosPron) && !speaker) return false;
    return !(p.pos & text::kPosVerb) || (p.pos & (text::kPosNoun | text::kPosAdj));
  };
  for (size_t k = end, steps = 0; k > 2 && steps < 10; --k, ++steps) {
    size_t v = k - 1;
    if (ReportingVerbAt(s, v)) {
      // The speaker: the words between the comma and the verb, or (",
      // said a spokesman") the words after it.
      size_t c = v;
      while (c > 1 && v - c < 9 && plain_word(t[c - 1], true)) --c;
      if (c > 1 && t[c - 1].kind == TokenKind::kQuote) --c;
      if (c <= 1 || t[c - 1].lower != ","sv) return r;
      r.found = true;
      r.comma = c - 1;
      r.doubting = DoubtingVerb(t[v]);
      int who = -1;
      // Unnamed people ("a union statement said") are no one's claim.
      auto named = [&](size_t j) {
        int m = s.covers[j];
        return m >= 0 && !(*s.mentions)[m].unnamed ? m : -1;
      };
      for (size_t j = c; j < v && who < 0; ++j) who = named(j);
      for (size_t j = v + 1; c == v && j < end && who < 0; ++j) who = named(j);
      r.speaker = who;
      return r;
    }
    if (!plain_word(t[v], false)) return r;
  }
  return r;
}

int AccordingTo(const Scratch& s) {
  const auto& t = *s.tokens;
  for (size_t k = 0; k + 2 < t.size(); ++k) {
    if (t[k].lower == "according"sv && t[k + 1].lower == "to"sv) {
      // "the Pentagon" may be a name with its article, or an article and
      // a name.
      return s.starts[k + 2] >= 0 ? s.starts[k + 2] : MentionAt(s, k + 2);
    }
  }
  return -1;
}

std::string NearestDate(const std::vector<DateMention>& dates, size_t anchor) {
  const DateMention* best = nullptr;
  long best_d = 11;
  for (const DateMention& d : dates) {
    long dist = d.end <= anchor ? static_cast<long>(anchor - d.end + 1)
                                : static_cast<long>(d.begin) - static_cast<long>(anchor);
    if (dist < 0) dist = 0;
    if (dist < best_d) {
      best_d = dist;
      best = &d;
    }
  }
  return best ? best->iso : "";
}

// The words of `words` (token indices) in text order, separated by spaces.
std::string Surface(const SentenceContext& c, const std::vector<uint32_t>& words) {
  // Most matches find their words left to right: a sorted copy only if not.
  std::vector<uint32_t> copy;
  const std::vector<uint32_t>* sorted = &words;
  if (!std::is_sorted(words.begin(), words.end())) {
    copy = words;
    std::sort(copy.begin(), copy.end());
    sorted = &copy;
  }
  std::string out;
  const auto& t = *c.tokens;
  for (uint32_t w : *sorted) {
    if (!out.empty()) out.push_back(' ');
    out.append(c.text.substr(t[w].begin, t[w].end - t[w].begin));
  }
  return out;
}

// "pledged to back", "consider supplying": the control verb is not coded;
// the verb it governs is, with the modality the control verb gives it.
bool GovernsVerb(const std::vector<Token>& t, size_t i,
                 const dict::Dictionary& d) {
  if (Control(t[i]) == nullptr || i + 1 >= t.size()) return false;
  size_t k = i + 1;
  if (t[k].lower == "to"sv) ++k;
  if (k < t.size() && Is(t[k], {"have", "be"})) ++k;
  if (k >= t.size() || (k == i + 1 && !base::EndsWith(t[k].lower, "ing"))) {
    return false;
  }
  return !d.PatternsFor(t[k].lemma_id).empty() ||
         !d.PatternsFor(t[k].word_id).empty();
}

// "Hamas official killed in blast", "Mexican columnist murdered": a
// headline (short, no final stop) drops the "was" of a passive; its subject
// is the victim. A bare -ed participle right after its subject, with no
// object after it, not in a relative clause ("the reforms that Putin
// announced").
// A bare "-ed" participle as the whole verb group, in a pattern that places
// no actor ("killed", not "was killed" or "$ killed +"): what the two
// passives without "be" below start from.
bool BareParticiple(const std::vector<Token>& t, size_t group_begin, size_t verb,
                    const Match& m) {
  return group_begin == verb && verb > 0 && m.source < 0 && m.target < 0 &&
         IsParticiple(t[verb]) && base::EndsWith(t[verb].lower, "ed");
}

bool HeadlinePassive(const Scratch& s, size_t group_begin, size_t verb, const Match& m) {
  const auto& t = *s.tokens;
  if (!BareParticiple(t, group_begin, verb, m)) return false;
  // A headline: no final stop, and short (a body sentence cut off by the
  // feed is not one).
  size_t last = t.size(), words = 0;
  while (last > 0 && t[last - 1].kind != TokenKind::kWord) {
    if (t[last - 1].kind == TokenKind::kSentenceEnd || t[last - 1].lower == "."sv) {
      return false;
    }
    --last;
  }
  for (const Token& x : t) words += x.kind == TokenKind::kWord;
  if (words > 14) return false;
  // The subject right before the verb, or before one or two nouns it
  // modifies ("Australian man killed by shark").
  size_t at = verb - 1;
  while (at > 0 && verb - at <= 2 && s.covers[at] < 0 && t[at].kind == TokenKind::kWord &&
         (t[at].pos & text::kPosNoun) && !t[at].capitalized) {
    --at;
  }
  int subject = s.covers[at];
  if (subject < 0) return false;
  uint32_t before = (*s.mentions)[subject].begin;
  if (before > 0 && Is(t[before - 1], {"that", "which", "who", "whom"})) return false;
  // Pattern words after the verb ("blocked .. roads") are its object.
  if (m.end > verb + 1) return false;
  size_t next = verb + 1;
  return next >= t.size() || t[next].kind != TokenKind::kWord ||
         Is(t[next], {"in", "by", "at", "near", "after", "over", "on", "during",
                      "for", "from", "as", "amid", "while"});
}

// "an election condemned by Washington as flawed": a past participle right
// after a common noun, with "by" and an actor next, qualifies that noun
// (a reduced relative clause): a passive whose doer is the "by" actor.
bool ReducedPassive(const Scratch& s, size_t group_begin, size_t verb, const Match& m) {
  const auto& t = *s.tokens;
  if (!BareParticiple(t, group_begin, verb, m) || verb + 2 >= t.size() ||
      m.end != verb + 1 || t[verb + 1].lower != "by"sv) {
    return false;
  }
  const Token& n = t[verb - 1];
  if (s.covers[verb - 1] >= 0 || n.kind != TokenKind::kWord || n.capitalized ||
      !(n.pos & text::kPosNoun) || (n.pos & (text::kPosPron | text::kPosAux))) {
    return false;
  }
  return MentionAt(s, verb + 2) >= 0;
}

// "Iran is said to be ...", "were reported by diplomats to have": a claim
// about the subject by someone else. The reporting verb is not the
// subject's act; the verb it governs is coded, alleged (FindVerbGroup).
bool HearsayPassive(const std::vector<Token>& t, size_t i) {
  // The cheap tests first: this runs for every verb of every sentence.
  // "to" next, or after a short "by ..." phrase naming who says so.
  size_t k = i + 1;
  if (k < t.size() && t[k].lower == "by"sv) {
    size_t limit = std::min(t.size(), k + 6);
    while (k < limit && t[k].lower != "to"sv && t[k].lower != ","sv) ++k;
  }
  if (k >= t.size() || t[k].lower != "to"sv) return false;
  size_t j = i;
  while (j > 0 && IsAdverb(t[j - 1])) --j;
  if (j == 0 || !(t[j - 1].lemma == "be"sv || Is(t[j - 1], {"been", "being"}))) {
    return false;
  }
  const ControlVerb* c = Control(t[i]);
  return c != nullptr && c->modality == Modality::kAlleged && IsParticiple(t[i]);
}

// Is the verb word at `i` used as a noun ("the attack", "a brief private
// visit", "an anti-Gondor parade") or an adjective ("very close")? Returns
// the determiner's token index (or `i` - 1 for "very"), -1 if a verb.
int NounUse(const std::vector<Token>& t, size_t i, const Scratch& s) {
  if (i == 0) return -1;
  const Token& p = t[i - 1];
  if (Determiner(p)) return static_cast<int>(i - 1);
  if (p.lower == "very"sv) return static_cast<int>(i - 1);

  // Inflected forms other than plurals and gerunds are verbs ("the military
  // attacked", "a senior official said").
  if (t[i].lower != t[i].lemma && !base::EndsWith(t[i].lower, "s") &&
      !base::EndsWith(t[i].lower, "ing")) {
    return -1;
  }
  constexpr uint16_t kClosed = text::kPosAux | text::kPosModal | text::kPosNeg |
                               text::kPosDet | text::kPosPrep | text::kPosPron |
                               text::kPosConj | text::kPosSub;
  size_t j = i;
  bool crossed_mention = false;
  for (int n = 0; j > 0 && n < 5; ++n) {
    const Token& q = t[j - 1];
    if (s.covers[j - 1] >= 0) {
      crossed_mention = true;
      j = (*s.mentions)[s.covers[j - 1]].begin;
      continue;
    }
    bool hyphen = q.lower == "-"sv || (j < t.size() && t[j].lower == "-"sv &&
                                     q.kind == TokenKind::kWord);
    bool adjective = q.kind == TokenKind::kWord && (q.pos & text::kPosAdj) != 0 &&
                     (q.pos & kClosed) == 0 && !q.capitalized;
    // "a bomb attack", "the rocket attack": a singular noun before a base
    // form modifies it (a singular subject would take "attacks").
    // Not a time ("will this week seek").
    bool modifier = q.kind == TokenKind::kWord && (q.pos & text::kPosNoun) != 0 &&
                    (q.pos & kClosed) == 0 && !q.capitalized &&
                    !base::EndsWith(q.lower, "s") && t[i].lower == t[i].lemma &&
                    !base::EndsWith(t[i].lower, "s") &&
                    !Is(q, {"week", "month", "year", "day", "time", "morning", "afternoon",
                            "evening", "night", "weekend", "season", "spring", "summer",
                            "autumn", "winter", "fall", "decade", "century"});
    if (!hyphen && !adjective && !modifier) break;
    --j;
  }
  if (j == i || j == 0 || !Determiner(t[j - 1])) return -1;
  // "the Russians attack": a mention after a definite determiner may be the
  // subject; after "a"/"an" the phrase is one noun phrase.
  if (crossed_mention && !Is(t[j - 1], {"a", "an"})) return -1;
  return static_cast<int>(j - 1);
}

// "killed in attack", "wounded in Mosul attacks", "during talks with":
// headline style drops the article, and a base or plural form right after
// a preposition (and perhaps a place) is a noun whose doer is not the
// clause's subject (the soldiers killed in an attack did not attack). Not
// "in protest", "in retaliation", "in a bid to": the subject's own act; nor
// after "of" ("convicted of torture"). Not "forces in Fallujah offer food":
// after a place, a word that takes an object is the verb.
bool PrepositionalNoun(const std::vector<Token>& t, size_t i, const Scratch& s) {
  if (i < 2 || base::EndsWith(t[i].lower, "ing")) return false;
  if (t[i].lower != t[i].lemma && !base::EndsWith(t[i].lower, "s")) return false;
  if (Is(t[i], {"protest", "protests", "retaliation", "response", "reply", "return",
                "attempt", "bid", "effort", "move"})) {
    return false;
  }
  size_t j = i;
  bool crossed = false;
  if (s.covers[j - 1] >= 0) {
    j = (*s.mentions)[s.covers[j - 1]].begin;
    crossed = true;
  } else if (t[j - 1].kind == TokenKind::kWord && t[j - 1].capitalized) {
    --j;
    crossed = true;
  }
  if (j == 0 || !Is(t[j - 1], {"in", "during", "after", "before", "by", "from", "amid"})) {
    return false;
  }
  if (crossed && i + 1 < t.size() && t[i + 1].kind == TokenKind::kWord &&
      !(t[i + 1].pos & text::kPosPrep)) {
    return false;
  }
  return true;
}

// "abandoned efforts to stop", "rejected attempts to mediate": the verb after
// "effort to" is what the noun is about; when a coded verb governs the noun,
// that event is the coded one, and the complement is not an event of its own.
bool ComplementOfCodedNoun(const std::vector<Token>& t, size_t i,
                           const std::vector<bool>& used) {
  if (i < 3 || t[i - 1].lower != "to"sv) return false;
  if (!Is(t[i - 2],
          {"effort", "efforts", "attempt", "attempts", "bid", "bids", "plan",
           "plans", "proposal", "proposals", "move", "moves"})) {
    return false;
  }
  for (size_t j = i - 2, n = 0; j > 0 && n < 4; --j, ++n) {
    const Token& q = t[j - 1];
    if (used[j - 1]) return true;
    if (!Determiner(q) &&
        !((q.pos & text::kPosAdj) && !(q.pos & text::kPosVerb))) {
      return false;
    }
  }
  return false;
}

// Does a pattern matched on a noun include a verb outside the noun phrase
// ("have postponed their meeting"), not only a preposition ("in an accord")?
bool GovernedNoun(const std::vector<Token>& t, const Match& m, int det) {
  for (uint32_t w : m.words) {
    // "the meeting between Putin and Kim": the noun names both parties,
    // unless it is mentioned in passing ("issues including the dialogue
    // between Pakistan and India", "talks on the accord between ...").
    if (t[w].lower == "between"sv) {
      return det == 0 || !((t[det - 1].pos & text::kPosPrep) ||
                           Is(t[det - 1], {"including", "includes", "include"}));
    }
    if (w < static_cast<uint32_t>(det) && (t[w].pos & text::kPosVerb) &&
        !(t[w].pos & text::kPosPrep)) {
      return true;
    }
  }
  return false;
}

}  // namespace

namespace {

// A scheduled act reported by someone ("G-7 officials will meet next week,
// Japanese officials said") is future, as analysts code announced plans; a
// claim about what someone did or does is alleged.
Modality DecideModality(const VerbGroup& g, bool conditional, bool alleged) {
  if (g.negated) return Modality::kNegated;
  if (g.hypothetical || conditional) return Modality::kHypothetical;
  if (g.future && !g.alleged) return Modality::kFuture;
  if (alleged || g.alleged) return Modality::kAlleged;
  if (g.future) return Modality::kFuture;
  return Modality::kAsserted;
}

// "warned that X would ...": is the subject of the clause after "that" an
// actor other than the warner? False when the clause names no actor first.
bool WarnsAboutOthers(const Scratch& s, const Match& m, int source) {
  const auto& t = *s.tokens;
  const auto& ms = *s.mentions;
  if (source < 0) return false;
  size_t that = 0;
  for (uint32_t w : m.words) {
    if (t[w].lower == "that"sv) that = w;
  }
  if (that == 0) {
    for (size_t k = m.end; k < t.size() && k < m.end + 4; ++k) {
      if (t[k].lower == "that"sv) {
        that = k;
        break;
      }
      if (HardBoundary(t[k]) || t[k].lower == ","sv) break;
    }
  }
  if (that == 0) return false;
  for (size_t k = that + 1; k < t.size() && k < that + 10; ++k) {
    if (HardBoundary(t[k])) return false;
    int mi = s.covers[k];
    if (mi >= 0) {
      // "warned Japan that it will ...": whose "it" is unsure.
      if (ms[mi].unnamed || ms[mi].pronoun) return false;
      const Mention& a = ms[mi];
      const Mention& b = ms[source];
      return a.country != b.country ||
             (!a.agent.empty() && !b.agent.empty() && a.agent != b.agent);
    }
    if (t[k].pos & (text::kPosVerb | text::kPosModal | text::kPosAux)) {
      if (!(t[k].pos & text::kPosNoun)) return false;
    }
  }
  return false;
}

// A state's acts on its own people: arrest, detention, expulsion,
// repression (17x) and release (084x).
bool DomesticAct(std::string_view code) {
  return code.substr(0, 2) == "17"sv || code.substr(0, 3) == "084"sv;
}

// "Militants killed an Italian hostage", "gunmen killed civilians": force
// without a weapon named (190), used by rebels or criminals on people who
// are not armed, is irregular violence (180), as
// analysts code it; an army's is 190, rockets and shelling stay 19x.
bool IrregularForce(const Mention* src, const Mention* tgt, std::string_view code) {
  if (code != "190"sv || !tgt) return false;
  std::string_view ta = tgt->agent;
  bool armed = ta == "MIL"sv || ta == "COP"sv || ta == "REB"sv || ta == "SPY"sv ||
               ta == "GOV"sv || ta == "UAF"sv || ta == "IMG"sv;
  // A country ("attacked Saudi Arabia") is its state as much as its people.
  if (armed || ta.empty()) return false;
  if (!src) return false;  // "tourists killed in a bus crash": no attacker at all
  std::string_view sa = src->agent;
  bool irregular = sa == "REB"sv || sa == "CRM"sv || sa == "UAF"sv ||
                   src->code.compare(0, 3, "IMG") == 0;
  return irregular;
}

// `explicit_dyad`: the pattern itself placed both source and target ('$'
// and '+'), so a dyad within one country stands ("MORMIL MOR").
void AddPairs(const Scratch& s, const std::vector<int>& sources,
              const std::vector<int>& targets, const CodedEvent& base,
              const PatternView& p, bool reciprocal, bool explicit_dyad,
              std::vector<CodedEvent>* events) {
  const auto& ms = *s.mentions;
  // Mentions are copied into the event only once it is kept.
  Mention domestic;
  auto emit_one = [&](const Mention* src, const Mention* tgt,
                      std::string_view code) {
    if (src && src->unnamed) src = nullptr;
    if (tgt && tgt->unnamed) {
      // "police arrested five suspects": the state's own people.
      // Only with a subject close to the verb: a dateline or an actor
      // clauses away ("TAIPEI ... damaging buildings and injuring people")
      // is no doer of the act.
      bool near = base.derivation.source != Derivation::kSubject ||
                  (src && src->end + 4 >= base.derivation.group_begin &&
                   src->end <= base.derivation.group_begin);
      if (src && near && DomesticAct(code) && StateCountry(src->country) &&
          (src->agent.empty() || src->agent == "GOV"sv || src->agent == "MIL"sv ||
           src->agent == "COP"sv || src->agent == "JUD"sv || src->agent == "SPY"sv)) {
        domestic = *tgt;
        domestic.country = src->country;
        domestic.code = src->country + tgt->agent;
        domestic.unnamed = false;
        tgt = &domestic;
      } else {
        tgt = nullptr;
      }
    }
    if (src && tgt && src->code == tgt->code) return;
    // "Pyongyang ... North Korea": one country, one side bare: not a dyad.
    // Unknown actors ('"...' codes) have no country.
    if (!explicit_dyad && src && tgt && src->country == tgt->country &&
        (src->agent.empty() || tgt->agent.empty()) &&
        (src->code.empty() || src->code.front() != '"')) {
      return;
    }
    if (!src && !tgt) return;
    CodedEvent& e = events->emplace_back(base);
    e.code = IrregularForce(src, tgt, code) ? "180"sv : code;
    if (src) e.source = *src;
    if (tgt) e.target = *tgt;
    // "car bombs kill 11 in Baghdad", "thousands demonstrate in Rome": a
    // capital after "in"/"at" is where a protest, arrest or attack (roots
    // 14-20) happened, so the country, not its government. A visit's host
    // ("arrives in Seoul") and a decision's ("criticized the closure ... in
    // Michel Delving", PETRARCH's DATE-05) stay the government.
    if (e.target && e.target->seat && Locative(e.target->prep) &&
        e.target->agent == "GOV"sv && e.target->code.size() == 6 &&
        e.target->code.compare(0, 3, e.target->country) == 0 && code.size() >= 2 &&
        code.substr(0, 2) >= "14"sv && code.substr(0, 2) <= "20"sv) {
      e.target->code = e.target->country;
      e.target->agent.clear();
    }
  };
  // A code "A/B" names several actors: one event each. The actors of
  // mention m >= 0: the mention itself, or its parts, kept in *split.
  auto parts = [&](int m, std::vector<Mention>* split) -> std::span<const Mention> {
    const Mention& x = ms[m];
    if (x.code.find('/') == std::string::npos) return {&x, 1};
    for (std::string_view part : base::Split(x.code, '/')) {
      Mention y = x;
      y.code = std::string(part);
      SplitCode(y.code, &y.country, &y.agent);
      split->push_back(std::move(y));
    }
    return *split;
  };
  auto emit = [&](int src, int tgt, std::string_view code) {
    std::vector<Mention> src_split, tgt_split;
    std::span<const Mention> a, b;
    if (src >= 0) a = parts(src, &src_split);
    if (tgt >= 0) b = parts(tgt, &tgt_split);
    // No mention (index -1) pairs as one absent side.
    size_t na = src < 0 ? 1 : a.size(), nb = tgt < 0 ? 1 : b.size();
    for (size_t i = 0; i < na; ++i) {
      for (size_t j = 0; j < nb; ++j) {
        emit_one(src < 0 ? nullptr : &a[i], tgt < 0 ? nullptr : &b[j], code);
      }
    }
  };
  // No sources or targets: one absent side (-1). Views, not copies.
  static constexpr int kAbsent[] = {-1};
  std::span<const int> src = sources.empty() ? kAbsent : std::span<const int>(sources);
  bool symmetric =
      reciprocal || (!p.reverse_code().empty() && p.reverse_code() == p.code());
  // "Pakistan and India have agreed to an early resumption of rail links":
  // a compound subject that agrees, meets, cooperates or fights with no
  // other party named does so with itself.
  std::string_view root = p.code().substr(0, 2);
  bool mutual = root == "03"sv || root == "04"sv || root == "05"sv || root == "06"sv ||
                p.code() == "190"sv || p.code() == "193"sv;
  if (targets.empty() && sources.size() >= 2 && (symmetric || mutual)) {
    // "Russia and Iran increased co-operation": each side to the other.
    for (int a : sources) {
      for (int b : sources) {
        if (a != b) emit(a, b, p.code());
      }
    }
    return;
  }
  if (sources.empty() && targets.size() >= 2 && (symmetric || mutual)) {
    // "talks between Israel and Syria": the parties with each other, once.
    for (size_t a = 0; a < targets.size(); ++a) {
      for (size_t b = a + 1; b < targets.size(); ++b) emit(targets[a], targets[b], p.code());
    }
    return;
  }
  std::span<const int> tgt = targets.empty() ? kAbsent : std::span<const int>(targets);
  for (int a : src) {
    for (int b : tgt) {
      emit(a, b, p.code());
      if (!p.reverse_code().empty() && a >= 0 && b >= 0) {
        emit(b, a, p.reverse_code());
      }
    }
  }
}

// Control verbs that are acts of their own: "threatened to shell the town"
// is a threat (13x) as well as a possible shelling, "agreed to hold talks" a
// promise (03x), "refused to negotiate" a rejection (12x). The code of the
// control verb's act, given the code of the act it governs; empty when the
// control verb only frames the act ("expected to", "plans to", "failed to").
std::string ControlEventCode(std::string_view control, std::string_view act) {
  if (act.size() < 2) return "";
  std::string_view root = act.substr(0, 2);
  std::string_view three = act.substr(0, std::min<size_t>(3, act.size()));
  bool conflict = root >= "10"sv;
  if (control == "threaten"sv || (control == "vow"sv && conflict)) {
    if (root == "13"sv) return "";
    if (root == "18"sv) return "1383";
    if (root == "19"sv || root == "15"sv) return "138";
    if (root == "20"sv) return "1385";
    if (root == "17"sv) return three == "174"sv ? "136" : "137";
    if (three == "161"sv) return "1313";
    if (three == "163"sv) return "1312";
    if (three == "164"sv) return "134";
    if (root == "16"sv) return "131";
    if (root == "14"sv) return "133";
    return "130";
  }
  if (control == "agree"sv || control == "pledge"sv || control == "promise"sv ||
      control == "offer"sv || control == "vow"sv) {
    if (root == "03"sv) return "";
    if (three == "045"sv) return control == "agree"sv ? "038" : "039";  // mediation
    if (root == "04"sv) return "036";
    if (three == "061"sv) return "0311";
    if (three == "062"sv) return "0312";
    if (root == "06"sv) return "031";
    if (three == "071"sv) return "0331";
    if (three == "072"sv) return "0332";
    if (three == "073"sv) return "0333";
    if (three == "074"sv || three == "075"sv) return "0334";
    if (root == "07"sv) return "033";
    if (three == "081"sv) return "0351";
    if (three == "084"sv) return "0353";
    if (three == "085"sv) return "0354";
    if (three == "086"sv) return "0355";
    if (three == "087"sv) return "0356";
    if (root == "08"sv) return "035";
    if (root == "05"sv) return "032";
    return "030";
  }
  if (control == "refuse"sv || control == "decline"sv) {
    if (root == "12"sv || root == "01"sv) return "";
    if (root == "03"sv || root == "04"sv) return "125";
    if (three == "061"sv) return "1211";
    if (three == "062"sv) return "1212";
    if (root == "05"sv || root == "06"sv || root == "07"sv) return "121";
    if (three == "081"sv) return "1241";
    if (three == "084"sv) return "1243";
    if (three == "085"sv) return "1244";
    if (three == "086"sv) return "1245";
    if (three == "087"sv) return "1246";
    if (root == "08"sv) return "124";
    return "120";
  }
  return "";
}

// The control verb's own event, one for each event of the act it governs
// (events[from..]) whose source is the clause's subject (`subject_begins`:
// the first tokens of its members; not the partner's side of "negotiate
// with"): same actors, its own code, and the modality of the words
// before it ("did not agree to meet": negated; "agreed to meet": asserted),
// or alleged like the act when someone else reports it.
void AddControlEvents(const std::vector<Token>& t, const VerbGroup& g,
                      std::string_view act_code, bool alleged,
                      std::optional<std::string> attribution, size_t from,
                      std::span<const uint32_t> subject_begins,
                      std::vector<CodedEvent>* events) {
  if (g.control < 0) return;
  std::string code = ControlEventCode(t[g.control].lemma, act_code);
  if (code.empty()) return;
  VerbGroup before;
  for (size_t k = g.begin; k < static_cast<size_t>(g.control); ++k) {
    ApplyModalWord(t[k], &before);
  }
  Modality modality = DecideModality(before, InConditional(t, g.begin), alleged);
  size_t end = events->size();
  for (size_t k = from; k < end; ++k) {
    if ((*events)[k].code != act_code) continue;  // a reverse ("host") event
    const auto& src = (*events)[k].source;
    if (src && std::find(subject_begins.begin(), subject_begins.end(), src->begin) ==
                   subject_begins.end()) {
      continue;
    }
    CodedEvent e = (*events)[k];
    e.code = code;
    e.modality = modality;
    e.attribution = modality == Modality::kAlleged ? attribution : std::nullopt;
    e.verb = std::string(t[g.control].lower);
    e.pattern.reset();
    e.derivation.control = true;
    e.derivation.verb = static_cast<uint32_t>(g.control);
    events->push_back(std::move(e));
  }
}

// An unknown noun phrase in [begin, end) as an actor coded by its text
// ("Gryffindor's head Minerva McGonagall" -> "GRYFFINDOR HEAD MINERVA
// MCGONAGALL"); false if it is empty or longer than `max_words` words.
bool UnknownActor(const std::vector<Token>& t, size_t begin, size_t end,
                  int max_words, Mention* out) {
  std::string code;
  int words = 0;
  for (size_t k = begin; k < end; ++k) {
    if (t[k].kind == TokenKind::kPossessive) continue;
    if (++words > max_words) return false;
    if (!code.empty()) code.push_back(' ');
    code += base::AsciiUpper(t[k].lower);
  }
  if (words == 0) return false;
  out->begin = static_cast<uint32_t>(begin);
  out->end = static_cast<uint32_t>(end);
  out->code = "\"" + code + "\"";
  out->how = "unknown noun phrase (new_actor_length)";
  return true;
}

bool NounPhraseWord(const Scratch& s, size_t k) {
  const Token& q = (*s.tokens)[k];
  if (s.covers[k] >= 0) return false;
  if (q.kind == TokenKind::kPossessive) return true;
  if (q.kind != TokenKind::kWord && q.kind != TokenKind::kNumber) return false;
  constexpr uint16_t kClause = text::kPosAux | text::kPosModal | text::kPosNeg |
                               text::kPosPron | text::kPosConj | text::kPosSub;
  if (q.pos & kClause) return false;
  return !(q.pos & text::kPosPrep) || q.lower == "of"sv;
}

// The noun phrase right before the verb group at `group_begin`.
bool UnknownSubject(const Scratch& s, size_t group_begin, int max_words,
                    Mention* out) {
  size_t b = group_begin;
  while (b > 0 && NounPhraseWord(s, b - 1)) --b;
  while (b < group_begin && (*s.tokens)[b].lower == "of"sv) ++b;
  return UnknownActor(*s.tokens, b, group_begin, max_words, out);
}

// The noun phrase after the match ("left for the Ministry of Magic on ..."),
// after at most one preposition; "of" joins only before a capitalised word.
bool UnknownObject(const Scratch& s, size_t from, int max_words, Mention* out) {
  const auto& t = *s.tokens;
  size_t b = from;
  if (b < t.size() && (t[b].pos & text::kPosPrep) && s.covers[b] < 0) ++b;
  size_t e = b;
  while (e < t.size() && NounPhraseWord(s, e) &&
         !(t[e].lower == "of"sv && !(e + 1 < t.size() && t[e + 1].capitalized))) {
    ++e;
  }
  if (e < t.size() && s.covers[e] >= 0) return false;  // a known actor follows
  return UnknownActor(t, b, e, max_words, out);
}

}  // namespace

void SentenceCoder::Code(const SentenceContext& c,
                         const std::vector<Mention>& mentions,
                         std::vector<CodedEvent>* events,
                         std::string* trace) const {
  // No actor, no event: every event has a source or a target mention, and
  // without new_actor_length no unknown phrase becomes one. Half of news
  // sentences name no actor. (A trace still lists the verbs tried.)
  // Unnamed people ("officials", "protesters") alone make no event either.
  if (new_actor_length_ == 0 && trace == nullptr &&
      std::all_of(mentions.begin(), mentions.end(),
                  [](const Mention& m) { return m.unnamed; })) {
    return;
  }
  const std::vector<Token>& t = *c.tokens;
  // Per thread: the tables' capacity is reused from sentence to sentence.
  thread_local Scratch s;
  s.tokens = &t;
  s.mentions = &mentions;
  s.starts.assign(t.size(), -1);
  s.covers.assign(t.size(), -1);
  s.inner.clear();
  s.explain = trace != nullptr;
  for (size_t m = 0; m < mentions.size(); ++m) {
    const Mention& x = mentions[m];
    s.starts[x.begin] = static_cast<int>(m);
    for (uint32_t k = x.begin; k < x.end; ++k) {
      s.covers[k] = static_cast<int>(m);
    }
  }
  // Inner actor mentions ("Gondor" of "the parliament of Gondor"), after
  // the others, for patterns that skip noun phrases ('^').
  std::vector<Mention> with_inner;
  for (size_t m = 0; m < mentions.size(); ++m) {
    const Mention& x = mentions[m];
    if (x.actor_begin == 0) continue;
    if (with_inner.empty()) {
      with_inner = mentions;
      s.inner.assign(mentions.size(), -1);
    }
    Mention in = x;
    in.begin = x.actor_begin;
    in.code = x.actor_code;
    SplitCode(in.code, &in.country, &in.agent);
    size_t p = in.begin;
    while (p > 0 && Is(t[p - 1], {"the", "a", "an"})) --p;
    in.prep = p > 0 && (t[p - 1].pos & text::kPosPrep) ? t[p - 1].lower : "";
    in.compound = -1;
    in.actor_begin = 0;
    in.actor_code.clear();
    if (trace) in.how = "actor '" + in.code + "' inside " + x.code;
    s.inner[m] = static_cast<int>(with_inner.size());
    with_inner.push_back(std::move(in));
  }
  if (!with_inner.empty()) s.mentions = &with_inner;
  const std::vector<Mention>& all = *s.mentions;
  std::vector<DateMention> dates = FindDates(t, c.doc_days);
  SentenceWords words(t, dict_);
  // Per thread: their capacity is reused from sentence to sentence.
  thread_local Candidates cand;
  std::vector<bool>& used = s.used;
  used.assign(t.size(), false);
  int according = AccordingTo(s);
  // The closing attribution, found once a verb needs it (TrailingReport).
  Report trailing;
  bool trailing_done = false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (used[i] || s.covers[i] >= 0 || t[i].kind != TokenKind::kWord) continue;
    if (IsModal(t[i])) continue;  // "should", "would": part of a verb group
    dict::AnchorView lemma = dict_.AnchoredOn(t[i].lemma_id);
    dict::AnchorView surface =
        t[i].word_id != t[i].lemma_id ? dict_.AnchoredOn(t[i].word_id) : dict::AnchorView();
    if (!lemma && !surface) continue;
    // "scale back", "called off": a particle after a verb is not a verb.
    if (i > 0 && (t[i - 1].pos & text::kPosVerb) &&
        Is(t[i], {"back", "off", "out", "down", "up", "over"}) && !IsAux(t[i - 1]) &&
        !IsModal(t[i - 1]) && s.covers[i - 1] < 0 && t[i - 1].lower != "to"sv) {
      continue;
    }
    if (GovernsVerb(t, i, dict_)) {
      if (trace) *trace += "  '" + t[i].lower + "': governs the next verb, skipped\n";
      continue;
    }
    if (HearsayPassive(t, i)) {
      if (trace) {
        *trace += "  '" + t[i].lower +
                  "': reports a claim about its subject ('is said to'), skipped\n";
      }
      continue;
    }
    // Patterns listed under the surface form ("LEFT") come before those of
    // its lemma ("LEAVE") at equal specificity.
    CandidatePatterns(dict_, surface ? t[i].word_id : dict::kNoWord,
                      t[i].lemma_id, filter_patterns_ ? &words : nullptr, &cand);
    const std::vector<uint32_t>* list = &cand.out;
    // A noun ("the attack") is coded only by a pattern that reaches outside
    // its noun phrase ("% have postponed * [meeting]").
    int noun_det = NounUse(t, i, s);
    Match match;
    std::optional<PatternView> fired;
    int tried = 0;
    // "Israel's attack on Gaza", "an Israeli airstrike on Gaza": the doer
    // named inside the noun phrase, for a noun no pattern governs.
    int np_source = noun_det >= 0 ? NounPhraseActor(s, noun_det, i) : -1;
    bool np_event = false;
    for (uint32_t pi : *list) {
      PatternView p = dict_.pattern(pi);
      ++tried;
      // Positions has checked the one-word requirements (AnchorView::needs).
      if (filter_patterns_ && !p.needs_complete() && !words.MayMatch(p)) continue;
      if (MatchPattern(p, i, s, &match) &&
          (noun_det < 0 || GovernedNoun(t, match, noun_det) ||
           NounPhraseEvent(s, p, match, np_source, noun_det))) {
        fired = p;
        break;
      }
    }
    // Governed by a pattern's verb, the noun's doer is that verb's subject.
    np_event = fired && noun_det >= 0 && match.source < 0 && !GovernedNoun(t, match, noun_det);
    // "Russia's attack of", "the arrest of two Kenyan reporters by police":
    // a noun of the verb's own stem takes its object after "of".
    int by_agent = -1;
    if (!fired && noun_det >= 0) {
      fired = Nominalization(s, dict_, *list, i, noun_det, np_source, &match, &by_agent);
      np_event = fired.has_value();
      if (fired && np_source < 0) np_source = by_agent;
    }
    if (!fired && noun_det >= 0) {
      if (trace) *trace += "  '" + t[i].lower + "': used as a noun, skipped\n";
      continue;
    }
    if (!fired) {
      if (trace) {
        *trace += "  '" + t[i].lower + "': " + std::to_string(tried) +
                  " pattern(s) tried, none matched\n";
      }
      continue;
    }
    if (ComplementOfCodedNoun(t, i, used)) {
      if (trace) {
        *trace += "  '" + t[i].lower + "': says what the noun before it ('" +
                  t[i - 2].lower +
                  " to') is about, which a coded verb governs; skipped\n";
      }
      continue;
    }
    for (uint32_t w : match.words) {
      // "accused Belarus of attacking": an accusation pattern may name the
      // act ("ACCUSE + OF ATTACK*", 1123), and the act is still coded on
      // its own, as the accuser's claim (EmbeddedSubject).
      bool accused_act = fired->code().substr(0, 3) == "112"sv && w > i + 1 &&
                         t[w - 1].lower == "of"sv && base::EndsWith(t[w].lower, "ing");
      if (!accused_act) used[w] = true;
    }
    // The group starts at the first pattern word ("NEITHER *"), not at an
    // actor the pattern places before the verb ("$ * +": "Syria is believed
    // to have attacked" keeps its hedge).
    size_t group_at = i;
    for (uint32_t w : match.words) group_at = std::min<size_t>(group_at, w);
    VerbGroup g = FindVerbGroup(t, group_at, s.covers, i);
    if (!g.passive && HeadlinePassive(s, g.begin, i, match)) {
      g.passive = true;
      g.cues.push_back("headline passive");
    }
    // "the family of a Briton held hostage in Iraq": a bare "held hostage"
    // with no actor after it is passive; its subject is the captive.
    if (!g.passive && g.begin == i && i + 1 < t.size() && Is(t[i], {"held", "taken"}) &&
        Is(t[i + 1], {"hostage", "hostages", "captive", "captives", "prisoner", "prisoners"}) &&
        MentionAfterModifiers(s, i + 2) < 0 && MentionAt(s, i + 2) < 0) {
      g.passive = true;
      g.cues.push_back("'" + t[i].lower + " " + t[i + 1].lower + "': passive");
    }
    int governor = PurposeGovernor(t, s.covers, g.begin);
    VerbGroup served;
    if (governor >= 0) served = FindVerbGroup(t, governor, s.covers);
    InheritPurposeModality(t, governor, served, &g);
    if (governor >= 0 && !g.negated && Directive(t, governor, g.begin)) {
      g.hypothetical = true;  // "urged Russia to withdraw": not (yet) done
      g.cues.push_back("asked for by '" + t[governor].lower + "'");
    }
    InheritGoverningVerbModality(t, s.covers, &g);
    InheritCoordinatedModality(s, i, &g);
    Subject subj;
    if (match.source >= 0) {
      subj.mention = match.source;
      if (trace) subj.how = "'$' in the pattern";
    } else if (np_event) {
      subj.mention = np_source;
      if (trace) subj.how = np_source >= 0 ? "named inside the noun phrase" : "none: a noun";
      NounEventModality(t, noun_det, &g);
    } else {
      subj = FindSubject(s, g.begin, 0);
      // "travel to Russia to meet Putin": an actor after a preposition is
      // not the infinitive's subject; the served verb's subject is ("urged
      // Russia to meet" keeps Russia).
      if (governor >= 0 && subj.mention >= 0 &&
          (!all[subj.mention].prep.empty() ||
           (all[subj.mention].begin > static_cast<uint32_t>(governor) &&
            !ObjectControl(t, governor, g.begin)))) {
        Subject outer = FindSubject(s, served.begin, 0);
        if (outer.mention >= 0) {
          subj = outer;
          if (trace) subj.how += "; subject of '" + t[governor].lower + "'";
        }
      }
      if (subj.mention < 0 && match.begin < i) {
        // Pattern words before the verb ("NEITHER *") may stand between the
        // subject and the verb: look again from the verb's own group.
        subj = FindSubject(s, FindVerbGroup(t, i, s.covers).begin, 0);
      }
    }
    int source = subj.mention;
    if (source >= 0 && match.source < 0 && PrepositionalNoun(t, i, s)) {
      source = -1;
      if (trace) subj.how = "none: a noun after a preposition, not the subject's act";
    }
    if (source >= 0 && source == match.target) {
      // "+ were *" ("Palestinians were killed"): the pattern's target
      // stands where the subject would; the doer is not named.
      source = -1;
      if (trace) subj.how = "none: the subject is the pattern's target";
    }
    // A noun ("the talks", "Clashes between"), not a verb ("could mediate
    // between", "Egypt mediates between").
    bool noun_event = noun_det >= 0 || i == 0 ||
                      (!IsModal(t[i - 1]) && !IsAux(t[i - 1]) && t[i - 1].lower != "to"sv &&
                       s.covers[i - 1] < 0 && t[i].lower != t[i].lemma);
    if (noun_event && match.target >= 0 && MemberCount(s, match.target) >= 2 &&
        std::any_of(match.words.begin(), match.words.end(),
                    [&](uint32_t w) { return t[w].lower == "between"sv; })) {
      // "criticized the talks between France and Germany": the parties are
      // the pair after "between", not the clause's subject.
      source = -1;
      if (trace) subj.how = "none: the parties follow 'between'";
    }
    int partner =
        match.source < 0 && source >= 0 ? PossessorPartner(s, source) : -1;
    if (partner >= 0 && trace) subj.how += " + possessor of the conjunct before it";
    int target = match.target;
    Derivation::Side source_how = match.source >= 0 ? Derivation::kPattern : Derivation::kSubject;
    Derivation::Side target_how = Derivation::kPattern;
    if (ReducedPassive(s, g.begin, i, match)) {
      source_how = Derivation::kByAgent;
      // "an election condemned by Washington": the doer follows "by"; the
      // noun the participle qualifies is the target, the clause's subject
      // is neither.
      source = ByAgent(s, match.end);
      if (trace) subj.how = "'by' after a participle that qualifies a noun";
    } else if (g.passive && target < 0) {
      target = source;
      source = ByAgent(s, match.end);
      bool on_attack = false;
      if (source < 0) {
        source = InstrumentAgent(s, match.end);
        on_attack = source >= 0;
      }
      source_how = Derivation::kByAgent;
      target_how = Derivation::kPassiveSubject;
      if (trace) {
        subj.how += "; passive voice: subject is the target";
        if (on_attack) subj.how += "; the doer is named on the attack";
      }
    } else if (target < 0 && !(MemberCount(s, source) >= 2 &&
                               fired->reverse_code() == fired->code())) {
      // A compound subject of a reciprocal verb pairs with itself.
      target = FindTarget(s, match, i, source, fired->code().substr(0, 2) == "04"sv);
      target_how = Derivation::kNextActor;
    }
    if (OwnForces(s, source, target, fired->code())) {
      target_how = Derivation::kNextActor;
      if (trace) subj.how += "; '" + all[target].code + "' are the subject's own forces";
      target = FindTarget(s, match, i, source, fired->code().substr(0, 2) == "04"sv, target);
      // "ordered the army, navy and air force to": all of them its own.
      if (OwnForces(s, source, target, fired->code())) target = -1;
    }
    // PETRARCH '%' before the verb: a compound subject without an object
    // acts on its own members ("Gondor and Osgiliath have delayed ...").
    bool reciprocal = false;
    if (target < 0 && match.source >= 0 && MemberCount(s, source) >= 2) {
      for (int e = 0; e < fired->anchor(); ++e) {
        if (fired->elements()[e].Is("%")) reciprocal = true;
      }
    }
    CodedEvent base;
    // "Ukraine said Russia attacked": Ukraine's claim. The clause starts at
    // the subject, or at the verb group when the subject was not found.
    Report report = ReportedClause(s, g.begin);
    if (!report.found) {
      // A closing attribution counts when it names an actor ("..., Ukraine
      // said"): ", officials said" and ", the agency reported" are how wire
      // copy cites its sources, not one party's claim about another.
      if (!trailing_done) {
        trailing = TrailingReport(s);
        trailing_done = true;
      }
      if (trailing.found && trailing.speaker >= 0 && i < trailing.comma) report = trailing;
    }
    // ... unless a condition follows ("would withdraw if the talks fail").
    bool condition_after = ConditionAfter(t, i);
    if (report.found && g.would_only && !condition_after) {
      g.hypothetical = false;
      g.future = true;
      g.cues.push_back("'would' in reported speech");
    }
    // What an actor says it did itself ("Israel said it attacked") is
    // reported as its act, unless the verb doubts it ("claimed").
    bool self_report = report.found && !report.doubting && report.speaker >= 0 &&
                       source >= 0 &&
                       all[report.speaker].country == all[source].country &&
                       !all[source].country.empty();
    int reporter = report.found && !self_report ? report.speaker : -1;
    bool alleged = subj.accused || (according >= 0 && according != source) ||
                   (report.found && !self_report);
    // A promise or threat on a condition that follows ("is prepared to halt
    // operations if the rebels withdraw", "would cut supplies if ...").
    bool conditional = InConditional(t, g.begin) ||
                       ((g.future || g.hypothetical) && condition_after);
    base.modality = DecideModality(g, conditional, alleged);
    if (subj.unrealized && base.modality != Modality::kNegated) {
      base.modality = Modality::kHypothetical;
    }
    if (base.modality == Modality::kAlleged) {
      int who = subj.accuser >= 0 ? subj.accuser : according >= 0 ? according : reporter;
      if (who < 0 && g.alleged && !g.hearsay && source >= 0) {
        who = source;  // "X claimed to"
      }
      if (who >= 0) base.attribution = all[who].code;
    }
    base.date = NearestDate(dates, i);
    if (base.date.empty()) base.date = c.doc_date;
    // "Bush visits Canada next week": an act dated after the story is
    // still to come, whatever the tense.
    if (base.modality == Modality::kAsserted && c.doc_date.size() == 10 &&
        base.date.size() <= c.doc_date.size() &&
        base.date > c.doc_date.substr(0, base.date.size())) {
      base.modality = Modality::kFuture;
      g.cues.push_back("dated after the story");
    }
    base.verb = Surface(c, match.words);
    base.pattern = fired;
    base.derivation = {source >= 0 ? source_how : Derivation::kNone,
                       target >= 0 ? target_how : Derivation::kNone,
                       static_cast<uint32_t>(i), static_cast<uint32_t>(g.begin),
                       static_cast<uint8_t>(std::min<size_t>(match.words.size(), 255)),
                       noun_det >= 0, false, g.passive};
    size_t before = events->size();
    std::vector<Mention> extended;
    Scratch ext{};
    const Scratch* sp = &s;
    Mention conjunct;
    bool has_conjunct = new_actor_length_ > 0 && subj.conjunct > 0 &&
                        !g.passive &&
                        UnknownActor(t, subj.conjunct, subj.conjunct_end,
                                     new_actor_length_, &conjunct);
    if (new_actor_length_ > 0 && (source < 0 || target < 0 || has_conjunct)) {
      // PETRARCH new_actor_length: unknown noun phrases stand in.
      Mention subject, object;
      bool has_subject =
          source < 0 && !g.passive &&
          UnknownSubject(s, g.begin, new_actor_length_, &subject);
      bool has_object = target < 0 && !g.passive &&
                        UnknownObject(s, match.end, new_actor_length_, &object);
      if (has_subject || has_object || has_conjunct) {
        extended = all;
        ext = s;
        ext.mentions = &extended;
        sp = &ext;
        if (has_subject) {
          source = static_cast<int>(extended.size());
          extended.push_back(subject);
          subj.how = subject.how;
        }
        if (has_object) {
          target = static_cast<int>(extended.size());
          extended.push_back(object);
        }
        if (has_conjunct) {
          // "Eriador's death and injury toll": a second subject.
          partner = static_cast<int>(extended.size());
          extended.push_back(conjunct);
        }
      }
    }
    // Per thread: their capacity is reused from verb to verb.
    thread_local std::vector<int> sources, targets;
    Members(*sp, source, &sources);
    if (partner >= 0 && !g.passive) sources.insert(sources.begin(), partner);
    Members(*sp, target, &targets);
    AddPairs(*sp, sources, targets, base, *fired, reciprocal,
             match.source >= 0 && match.target >= 0, events);
    if (fired->code() == "130"sv && WarnsAboutOthers(*sp, match, source)) {
      // "Kerry warned that Bush's plan would hinder the war": a warning
      // about what another does is criticism; only a warning of one's
      // own act ("Iran warned that it would close the strait") threatens.
      for (size_t k = before; k < events->size(); ++k) {
        if ((*events)[k].code == "130"sv) (*events)[k].code = "111";
      }
      if (trace) g.cues.push_back("a warning about another's act: criticism (111)");
    }
    if (g.control >= 0) {
      thread_local std::vector<uint32_t> subject_begins;
      subject_begins.clear();
      for (int m : sources) subject_begins.push_back((*sp->mentions)[m].begin);
      AddControlEvents(t, g, fired->code(), base.modality == Modality::kAlleged,
                       base.attribution, before, subject_begins, events);
    }
    if (trace) {
      *trace +=
          "  '" + t[i].lower + "': pattern " + fired->origin().ToString() +
          " fired (code " + std::string(fired->code()) +
          (fired->reverse_code().empty() ? "" : ":" + std::string(fired->reverse_code())) +
          ")\n    source: " +
          (source >= 0 ? (*sp->mentions)[source].code + " (" + subj.how + ")"
                       : std::string("none")) +
          "\n    target: " +
          (target >= 0 ? (*sp->mentions)[target].code : std::string("none")) +
          "\n    modality: " + ModalityName(base.modality);
      for (const std::string& cue : g.cues) *trace += " [" + cue + "]";
      *trace += "\n    events: " + std::to_string(events->size() - before) + "\n";
    }
  }
}

}  // namespace ladder::coder
