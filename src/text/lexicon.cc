// Lexicon: WordNet index/exception files, WordNet-style regular morphology
// and ladder's own closed-class word lists.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace ladder::text {

namespace {

constexpr uint16_t kClosedMask = kPosDet | kPosPrep | kPosPron | kPosConj |
                                 kPosAux | kPosModal | kPosNeg | kPosSub;

// Closed-class words of ladder's own, by class.
constexpr std::string_view kDeterminers[] = {
    "a",      "all",     "an",    "another",  "any",   "both",     "each",
    "either", "enough",  "every", "few",      "many",  "much",     "neither",
    "no",     "several", "some",  "such",     "that",  "the",      "these",
    "this",   "those",   "what",  "whatever", "which", "whichever"};
constexpr std::string_view kPrepositions[] = {
    "about",     "above",      "across",  "after",     "against", "along",
    "alongside", "amid",       "amidst",  "among",     "amongst", "around",
    "as",        "at",         "before",  "behind",    "below",   "beneath",
    "beside",    "besides",    "between", "beyond",    "by",      "concerning",
    "despite",   "down",       "during",  "except",    "for",     "from",
    "in",        "inside",     "into",    "like",      "near",    "of",
    "off",       "on",         "onto",    "opposite",  "out",     "outside",
    "over",      "past",       "per",     "regarding", "since",   "than",
    "through",   "throughout", "till",    "to",        "toward",  "towards",
    "under",     "underneath", "unlike",  "until",     "up",      "upon",
    "versus",    "via",        "with",    "within",    "without"};
constexpr std::string_view kPronouns[] = {
    "anybody",    "anyone",     "anything",  "everybody", "everyone",
    "everything", "he",         "her",       "hers",      "herself",
    "him",        "himself",    "his",       "i",         "it",
    "its",        "itself",     "me",        "mine",      "my",
    "myself",     "nobody",     "none",      "nothing",   "one",
    "oneself",    "our",        "ours",      "ourselves", "she",
    "somebody",   "someone",    "something", "their",     "theirs",
    "them",       "themselves", "they",      "us",        "we",
    "who",        "whom",       "whose",     "you",       "your",
    "yours",      "yourself",   "yourselves"};
constexpr std::string_view kConjunctions[] = {"and", "but", "either", "neither",
                                              "nor", "or",  "so",     "yet"};
constexpr std::string_view kAuxiliaries[] = {
    "'m",   "'re",   "'s",     "'ve", "am",   "are",   "be",
    "been", "being", "did",    "do",  "does", "doing", "had",
    "has",  "have",  "having", "is",  "was",  "were"};
constexpr std::string_view kModals[] = {
    "'d",   "'ll",   "ca",    "can",    "could", "may", "might",
    "must", "ought", "shall", "should", "will",  "wo",  "would"};
constexpr std::string_view kNegations[] = {"n't", "neither", "never",
                                           "no",  "nor",     "not"};
constexpr std::string_view kSubordinators[] = {
    "after", "although", "as",    "because", "before",   "how",
    "if",    "since",    "that",  "though",  "unless",   "until",
    "when",  "whenever", "where", "whereas", "wherever", "whether",
    "which", "while",    "who",   "whom",    "whose",    "why"};
constexpr std::string_view kNumberWords[] = {
    "billion", "billions", "dozen",     "dozens",   "eight",    "eighteen",
    "eighty",  "eleven",   "fifteen",   "fifty",    "five",     "forty",
    "four",    "fourteen", "hundred",   "hundreds", "million",  "millions",
    "nine",    "nineteen", "ninety",    "one",      "seven",    "seventeen",
    "seventy", "six",      "sixteen",   "sixty",    "ten",      "thirteen",
    "thirty",  "thousand", "thousands", "three",    "trillion", "twelve",
    "twenty",  "two"};

struct LemmaOverride {
  std::string_view form;
  std::string_view lemma;
};
constexpr LemmaOverride kVerbLemmas[] = {
    {"'m", "be"},    {"'re", "be"},      {"'s", "be"},    {"am", "be"},
    {"are", "be"},   {"been", "be"},     {"being", "be"}, {"is", "be"},
    {"was", "be"},   {"were", "be"},     {"'ve", "have"}, {"has", "have"},
    {"had", "have"}, {"having", "have"}, {"did", "do"},   {"does", "do"},
    {"doing", "do"}, {"'d", "would"},    {"'ll", "will"}, {"ca", "can"},
    {"wo", "will"}};

// A few candidate stems built on the stack; no allocation.
class Candidates {
 public:
  static constexpr size_t kMaxLen = 48;
  void Add(std::string_view stem, std::string_view suffix = {}) {
    if (count_ == kMax || stem.size() + suffix.size() > kMaxLen) return;
    char* dst = buf_[count_];
    std::memcpy(dst, stem.data(), stem.size());
    if (!suffix.empty()) {
      std::memcpy(dst + stem.size(), suffix.data(), suffix.size());
    }
    len_[count_++] = stem.size() + suffix.size();
  }
  size_t size() const { return count_; }
  std::string_view operator[](size_t i) const { return {buf_[i], len_[i]}; }

 private:
  static constexpr size_t kMax = 8;
  char buf_[kMax][kMaxLen];
  size_t len_[kMax] = {};
  size_t count_ = 0;
};

// Does `s` end with `suffix`? Compared byte by byte, last byte first: the
// suffixes are literals of one to four letters, so the loop unrolls to a few
// compares, most failing at once, where a memcmp call cost ~35 instructions
// (the suffix rules run for every word form the annotator's cache misses).
bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 1; i <= suffix.size(); ++i) {
    if (s[s.size() - i] != suffix[suffix.size() - i]) return false;
  }
  return true;
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

bool IsConsonant(char c) { return c >= 'a' && c <= 'z' && !IsVowel(c); }

// Stems of -ed/-ing forms, in order of preference: "hoped" -> hope before
// hop (consonant-vowel-consonant stems usually lost an e), "wanted" -> want
// before wante, "planned" -> plan.
void AddEdIngStems(std::string_view stem, Candidates* out) {
  if (stem.size() < 2) return;
  size_t n = stem.size();
  char last = stem[n - 1];
  bool cvc = IsConsonant(last) && last != 'w' && last != 'x' && last != 'y' &&
             IsVowel(stem[n - 2]) && (n == 2 || IsConsonant(stem[n - 3]));
  if (cvc) out->Add(stem, "e");
  out->Add(stem);
  if (!cvc) out->Add(stem, "e");
  if (n >= 3 && last == stem[n - 2] && IsConsonant(last)) {
    out->Add(stem.substr(0, n - 1));
  }
}

void VerbCandidates(std::string_view w, Candidates* out) {
  size_t n = w.size();
  if (EndsWith(w, "s") && !EndsWith(w, "ss")) out->Add(w.substr(0, n - 1));
  if (EndsWith(w, "ies")) out->Add(w.substr(0, n - 3), "y");
  // "-es" follows a sibilant or "o" ("fixes", "pushes", "goes"); "departes"
  // is not a form of "depart".
  if (EndsWith(w, "es") &&
      (EndsWith(w, "ses") || EndsWith(w, "xes") || EndsWith(w, "zes") ||
       EndsWith(w, "ches") || EndsWith(w, "shes") || EndsWith(w, "oes"))) {
    out->Add(w.substr(0, n - 2));
  }
  if (EndsWith(w, "ied")) out->Add(w.substr(0, n - 3), "y");
  if (EndsWith(w, "ed")) AddEdIngStems(w.substr(0, n - 2), out);
  if (EndsWith(w, "ing")) AddEdIngStems(w.substr(0, n - 3), out);
}

void NounCandidates(std::string_view w, Candidates* out) {
  size_t n = w.size();
  if (EndsWith(w, "s") && !EndsWith(w, "ss")) out->Add(w.substr(0, n - 1));
  if (EndsWith(w, "ses") || EndsWith(w, "xes") || EndsWith(w, "zes") ||
      EndsWith(w, "ches") || EndsWith(w, "shes")) {
    out->Add(w.substr(0, n - 2));
  }
  if (EndsWith(w, "ies")) out->Add(w.substr(0, n - 3), "y");
  if (EndsWith(w, "men")) out->Add(w.substr(0, n - 3), "man");
}

void AdjCandidates(std::string_view w, Candidates* out) {
  size_t n = w.size();
  if (EndsWith(w, "er")) {
    out->Add(w.substr(0, n - 2));
    out->Add(w.substr(0, n - 2), "e");
  }
  if (EndsWith(w, "est")) {
    out->Add(w.substr(0, n - 3));
    out->Add(w.substr(0, n - 3), "e");
  }
}

// Reads a whole file into *data (reusing its capacity).
Status ReadFile(const std::string& path, std::string* data) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"),
                                          &std::fclose);
  if (!f) {
    return errno == ENOENT ? NotFound(path + ": no such file")
                           : IoError(path + ": " + std::strerror(errno));
  }
  data->clear();
  if (std::fseek(f.get(), 0, SEEK_END) == 0) {
    long size = std::ftell(f.get());
    if (size > 0) data->reserve(static_cast<size_t>(size));
    std::rewind(f.get());
  }
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f.get())) > 0) {
    data->append(buf, n);
  }
  if (std::ferror(f.get())) return IoError(path + ": read error");
  return Status::Ok();
}

// Calls fn(line_number, line) for each line of `data`.
template <typename Fn>
Status ForEachLine(std::string_view data, Fn fn) {
  size_t pos = 0, line_no = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view line = data.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    RETURN_IF_ERROR(fn(++line_no, line));
    pos = nl + 1;
  }
  return Status::Ok();
}

// FNV-1a: the forms looked up are short words, for which it costs a few
// instructions a byte; std::hash cost ~60 a word.
uint32_t HashOf(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

// "troops" is itself a WordNet noun, but its lemma is "troop"; "news",
// "series", "physics" and "glass" keep their form.
bool PrefersNounStem(std::string_view w) {
  if (!EndsWith(w, "s")) return false;
  for (std::string_view keep : {"ss", "us", "is", "ics", "ies", "ws"}) {
    if (EndsWith(w, keep)) return false;
  }
  return true;
}

}  // namespace

class LexiconBuilder {
 public:
  explicit LexiconBuilder(Lexicon* lexicon) : lexicon_(lexicon) {}

  Status ReadIndex(const std::string& path, uint16_t bit);
  Status ReadExceptions(const std::string& path, uint16_t bit);
  void AddClosedClass();

 private:
  using Slot = Lexicon::Slot;
  // The slot of `form`, inserted if new.
  Slot& At(std::string_view form);
  void Grow();
  uint32_t Append(std::string_view text) {
    uint32_t offset = static_cast<uint32_t>(lexicon_->arena_.size());
    lexicon_->arena_.append(text);
    return offset;
  }
  void SetLemma(Slot& slot, uint16_t bit, std::string_view lemma);
  template <size_t N>
  void AddAll(const std::string_view (&words)[N], uint16_t bit) {
    for (std::string_view w : words) At(w).pos |= bit;
  }

  Lexicon* lexicon_;
  std::string buffer_;  // file contents, reused across files
};

void LexiconBuilder::Grow() {
  std::vector<Slot> old = std::move(lexicon_->slots_);
  size_t size = std::max<size_t>(1024, old.size() * 2);
  lexicon_->slots_.assign(size, Slot{});
  for (const Slot& slot : old) {
    if (slot.key_size == 0) continue;
    size_t i = slot.hash & (size - 1);
    while (lexicon_->slots_[i].key_size != 0) i = (i + 1) & (size - 1);
    lexicon_->slots_[i] = slot;
  }
}

Lexicon::Slot& LexiconBuilder::At(std::string_view form) {
  if ((lexicon_->used_ + 1) * 10 > lexicon_->slots_.size() * 7) Grow();
  std::vector<Slot>& slots = lexicon_->slots_;
  uint32_t hash = HashOf(form);
  size_t mask = slots.size() - 1;
  size_t i = hash & mask;
  for (; slots[i].key_size != 0; i = (i + 1) & mask) {
    if (slots[i].hash == hash &&
        lexicon_->Text(slots[i].key_offset, slots[i].key_size) == form) {
      return slots[i];
    }
  }
  slots[i].hash = hash;
  slots[i].key_offset = Append(form);
  slots[i].key_size = static_cast<uint16_t>(form.size());
  ++lexicon_->used_;
  return slots[i];
}

void LexiconBuilder::SetLemma(Slot& slot, uint16_t bit,
                              std::string_view lemma) {
  if (slot.lemmas == 0) {
    lexicon_->lemmas_.emplace_back();
    slot.lemmas = static_cast<uint32_t>(lexicon_->lemmas_.size());
  }
  Lexicon::Lemmas& l = lexicon_->lemmas_[slot.lemmas - 1];
  uint32_t size = static_cast<uint32_t>(lemma.size());
  if (bit == kPosVerb && l.verb_size == 0) {
    l.verb_offset = Append(lemma);
    l.verb_size = size;
  } else if (bit == kPosNoun && l.noun_size == 0) {
    l.noun_offset = Append(lemma);
    l.noun_size = size;
  }
}

Status LexiconBuilder::ReadIndex(const std::string& path, uint16_t bit) {
  RETURN_IF_ERROR(ReadFile(path, &buffer_));
  return ForEachLine(buffer_, [&](size_t line_no, std::string_view line) {
    if (line.empty() || line[0] == ' ') return Status::Ok();  // license
    size_t space = line.find(' ');
    if (space == 0 || space == std::string_view::npos) {
      return InvalidArgument(path + ":" + std::to_string(line_no) +
                             ": expected 'lemma pos ...'");
    }
    std::string_view lemma = line.substr(0, space);
    if (lemma.find('_') != std::string_view::npos || lemma.size() > 0xFFFF) {
      return Status::Ok();
    }
    Slot& slot = At(lemma);
    slot.pos |= bit;
    slot.index_pos |= bit;
    return Status::Ok();
  });
}

Status LexiconBuilder::ReadExceptions(const std::string& path, uint16_t bit) {
  RETURN_IF_ERROR(ReadFile(path, &buffer_));
  return ForEachLine(buffer_, [&](size_t line_no, std::string_view line) {
    if (line.empty() || line[0] == ' ') return Status::Ok();
    size_t space = line.find(' ');
    if (space == 0 || space == std::string_view::npos ||
        space + 1 >= line.size() || line[space + 1] == ' ') {
      return InvalidArgument(path + ":" + std::to_string(line_no) +
                             ": expected 'form lemma'");
    }
    std::string_view form = line.substr(0, space);
    std::string_view lemma = line.substr(space + 1);
    lemma = lemma.substr(0, lemma.find(' '));
    if (form.find('_') != std::string_view::npos ||
        lemma.find('_') != std::string_view::npos || form.size() > 0xFFFF) {
      return Status::Ok();
    }
    Slot& slot = At(form);
    // "is" is listed as a plural of the noun "i": not for closed classes.
    if ((slot.pos & kClosedMask) && bit != kPosVerb) return Status::Ok();
    slot.pos |= bit;
    SetLemma(slot, bit, lemma);
    return Status::Ok();
  });
}

void LexiconBuilder::AddClosedClass() {
  AddAll(kDeterminers, kPosDet);
  AddAll(kPrepositions, kPosPrep);
  AddAll(kPronouns, kPosPron);
  AddAll(kConjunctions, kPosConj);
  AddAll(kAuxiliaries, kPosAux);
  AddAll(kModals, kPosModal);
  AddAll(kNegations, kPosNeg);
  AddAll(kSubordinators, kPosSub);
  AddAll(kNumberWords, kPosNum);
  for (const LemmaOverride& o : kVerbLemmas) {
    SetLemma(At(o.form), kPosVerb, o.lemma);
  }
}

Result<std::unique_ptr<Lexicon>> Lexicon::Load(const std::string& wordnet_dir) {
  std::unique_ptr<Lexicon> lexicon(new Lexicon());
  lexicon->slots_.assign(1 << 18, Slot{});
  lexicon->arena_.reserve(2 << 20);
  LexiconBuilder builder(lexicon.get());
  // Closed classes first: exceptions then know which forms are closed-class.
  builder.AddClosedClass();
  const struct {
    const char* name;
    uint16_t bit;
  } kParts[] = {{"noun", kPosNoun},
                {"verb", kPosVerb},
                {"adj", kPosAdj},
                {"adv", kPosAdv}};
  std::string dir = wordnet_dir.empty() ? "." : wordnet_dir;
  if (dir.back() != '/') dir.push_back('/');
  for (const auto& part : kParts) {
    RETURN_IF_ERROR(builder.ReadIndex(dir + "index." + part.name, part.bit));
    RETURN_IF_ERROR(builder.ReadExceptions(dir + part.name + ".exc", part.bit));
  }
  return lexicon;
}

std::unique_ptr<Lexicon> Lexicon::ClosedClassOnly() {
  std::unique_ptr<Lexicon> lexicon(new Lexicon());
  LexiconBuilder(lexicon.get()).AddClosedClass();
  return lexicon;
}

const Lexicon::Slot* Lexicon::Find(std::string_view form) const {
  if (slots_.empty() || form.empty()) return nullptr;
  uint32_t hash = HashOf(form);
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i].key_size != 0; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.hash == hash && slot.key_size == form.size() &&
        std::memcmp(arena_.data() + slot.key_offset, form.data(),
                    form.size()) == 0) {
      return &slot;
    }
  }
  return nullptr;
}

std::string_view Lexicon::RegularLemma(std::string_view form,
                                       uint16_t pos_bit) const {
  if (form.size() < 3 || form.size() > Candidates::kMaxLen) return {};
  Candidates candidates;
  if (pos_bit == kPosVerb) VerbCandidates(form, &candidates);
  if (pos_bit == kPosNoun) NounCandidates(form, &candidates);
  if (pos_bit == kPosAdj) AdjCandidates(form, &candidates);
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Slot* slot = Find(candidates[i]);
    if (slot != nullptr && (slot->index_pos & pos_bit)) {
      return Text(slot->key_offset, slot->key_size);
    }
  }
  return {};
}

Lexicon::Analysis Lexicon::Analyze(std::string_view lower) const {
  Analysis a;
  const Slot* slot = Find(lower);
  if (slot != nullptr) {
    a.pos = slot->pos;
    std::string_view key = Text(slot->key_offset, slot->key_size);
    const Lemmas* l = slot->lemmas ? &lemmas_[slot->lemmas - 1] : nullptr;
    if (l != nullptr && l->verb_size != 0) {
      a.verb_lemma = Text(l->verb_offset, l->verb_size);
    } else if (slot->index_pos & kPosVerb) {
      a.verb_lemma = key;
    }
    if (l != nullptr && l->noun_size != 0) {
      a.noun_lemma = Text(l->noun_offset, l->noun_size);
    } else if (slot->index_pos & kPosNoun) {
      a.noun_lemma = key;
      if (PrefersNounStem(key)) {
        std::string_view stem = RegularLemma(key, kPosNoun);
        if (!stem.empty()) a.noun_lemma = stem;
      }
    }
    // Closed-class words get no regular morphology: "is" is not "i" + s.
    if (slot->pos & kClosedMask) return a;
  }
  if (a.verb_lemma.empty()) {
    a.verb_lemma = RegularLemma(lower, kPosVerb);
    if (!a.verb_lemma.empty()) a.pos |= kPosVerb;
  }
  if (a.noun_lemma.empty()) {
    a.noun_lemma = RegularLemma(lower, kPosNoun);
    if (!a.noun_lemma.empty()) a.pos |= kPosNoun;
  }
  if (!(a.pos & kPosAdj) && !RegularLemma(lower, kPosAdj).empty()) {
    a.pos |= kPosAdj;
  }
  return a;
}

uint16_t Lexicon::Pos(std::string_view lower) const {
  return Analyze(lower).pos;
}

std::string_view Lexicon::VerbLemma(std::string_view lower) const {
  std::string_view lemma = Analyze(lower).verb_lemma;
  return lemma.empty() ? lower : lemma;
}

std::string_view Lexicon::NounLemma(std::string_view lower) const {
  std::string_view lemma = Analyze(lower).noun_lemma;
  return lemma.empty() ? lower : lemma;
}

void Lexicon::Annotate(std::vector<Token>* tokens) const {
  for (Token& t : *tokens) AnnotateToken(&t);
}

void Lexicon::AnnotateToken(Token* token) const {
  constexpr uint16_t kVerbLike = kPosVerb | kPosAux | kPosModal;
  Token& t = *token;
  t.pos = 0;
  if (t.kind != TokenKind::kWord) {
    if (t.kind == TokenKind::kNumber) t.pos = kPosNum;
    t.lemma = t.lower;
    return;
  }
  Analysis a = Analyze(t.lower);
  t.pos = a.pos;
  std::string_view lemma = t.lower;
  if ((a.pos & kVerbLike) && !a.verb_lemma.empty()) {
    lemma = a.verb_lemma;
  } else if ((a.pos & kPosNoun) && !a.noun_lemma.empty()) {
    lemma = a.noun_lemma;
  }
  t.lemma.assign(lemma.data(), lemma.size());
}

}  // namespace ladder::text
