// Legacy verb dictionaries: PETRARCH-1 patterns, PETRARCH-2 CAMEO.2.0.txt
// and TABARI .verbs, all compiled into VerbPattern (doc/formats/legacy.md).
#include <algorithm>
#include <cctype>
#include <map>
#include <functional>
#include <set>

#include "base/strings.h"
#include "dict/legacy.h"

namespace ladder::dict::legacy_internal {
namespace {

using Synsets = std::map<std::string, std::vector<Phrase>>;
using Kind = PatternElement::Kind;

// "&NAME_" and "&NAME" are the same synset.
std::string SynsetKey(std::string_view name) {
  std::string key = base::AsciiUpper(name);
  while (!key.empty() && key.back() == '_') key.pop_back();
  return key;
}

// A parsed pattern element before expansion into PatternElements.
struct Item {
  enum class Type { kWords, kVerb, kSource, kTarget, kCompound, kSkip };
  Type type = Type::kWords;
  std::vector<Phrase> alts;  // kWords: alternatives, each adjacent words
  int gap_after = kLegacyGap;  // -1: adjacent to the next item
};

class PatternParser {
 public:
  PatternParser(std::string_view text, const Synsets& synsets,
                const ReadContext& ctx, int line)
      : s_(text), synsets_(synsets), ctx_(ctx), line_(line) {}

  // Parses "- ... [CODE]" (without the leading "- "). False: reported.
  bool Parse(std::vector<Item>* items, std::string* code_text) {
    code_ = code_text;
    return ParseSequence('\0', kLegacyGap, items);
  }

 private:
  bool Fail(const std::string& message) {
    ctx_.Problem(line_, message + "; pattern skipped");
    return false;
  }
  bool ParseSequence(char close, int space_gap, std::vector<Item>* items);
  bool ParseBraces(int space_gap, std::vector<Item>* items);
  bool ParseSynset(std::vector<Item>* items);
  bool ParseCode();
  void ParseWord(int space_gap, std::vector<Item>* items);
  void ConsumeJoin(std::vector<Item>* items);
  static bool WordChar(char c) {
    return !std::isspace(static_cast<unsigned char>(c)) &&
           std::string_view("_{}()[]|&*$^%").find(c) == std::string_view::npos;
  }

  std::string_view s_;
  size_t pos_ = 0;
  const Synsets& synsets_;
  const ReadContext& ctx_;
  int line_;
  std::string* code_ = nullptr;
  int depth_ = 0;
};

// '_' right after an item joins it to the next one, unless whitespace follows.
void PatternParser::ConsumeJoin(std::vector<Item>* items) {
  if (pos_ >= s_.size() || s_[pos_] != '_') return;
  ++pos_;
  if (pos_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[pos_])) &&
      s_[pos_] != '[' && s_[pos_] != ')' && s_[pos_] != '}' && !items->empty()) {
    items->back().gap_after = -1;
  }
}

bool PatternParser::ParseSequence(char close, int space_gap,
                                  std::vector<Item>* items) {
  if (++depth_ > 8) return Fail("groups nested too deeply");
  while (pos_ < s_.size()) {
    char c = s_[pos_];
    if (std::isspace(static_cast<unsigned char>(c)) || c == '_') {
      ++pos_;
      continue;
    }
    if (close != '\0' && c == close) {
      ++pos_;
      --depth_;
      return true;
    }
    Item marker;
    switch (c) {
      case '*': marker.type = Item::Type::kVerb; break;
      case '$': marker.type = Item::Type::kSource; break;
      case '+': marker.type = Item::Type::kTarget; break;
      case '%': marker.type = Item::Type::kCompound; break;
      case '^': marker.type = Item::Type::kSkip; break;
      case '{':
        ++pos_;
        if (!ParseBraces(space_gap, items)) return false;
        ConsumeJoin(items);
        continue;
      case '(': {
        ++pos_;
        size_t before = items->size();
        if (!ParseSequence(')', 3, items)) return false;
        if (items->size() > before) items->back().gap_after = space_gap;
        ConsumeJoin(items);
        continue;
      }
      case '&':
        if (!ParseSynset(items)) return false;
        items->back().gap_after = space_gap;
        ConsumeJoin(items);
        continue;
      case '[':
        if (close != '\0') return Fail("code inside a group");
        return ParseCode();
      case '|': case '}': case ')': case ']':
        return Fail(std::string("unexpected '") + c + "'");
      default:
        ParseWord(space_gap, items);
        continue;
    }
    ++pos_;
    marker.gap_after = space_gap;
    items->push_back(std::move(marker));
    ConsumeJoin(items);
  }
  if (close != '\0') return Fail(std::string("missing '") + close + "'");
  return true;
}

void PatternParser::ParseWord(int space_gap, std::vector<Item>* items) {
  size_t start = pos_;
  while (pos_ < s_.size() && WordChar(s_[pos_])) ++pos_;
  std::string word(s_.substr(start, pos_ - start));
  // A word followed by '_' matches exactly (TABARI: no stem).
  if (pos_ < s_.size() && s_[pos_] == '_') word.push_back('_');
  Item item;
  item.alts.push_back(LegacyPhrase(word, ctx_.stems));
  item.gap_after = space_gap;
  if (!item.alts[0].empty()) items->push_back(std::move(item));
  ConsumeJoin(items);
}

// "{A | B_C}" alternatives, or PETRARCH-2 "{FINANCIAL AID}" noun phrase.
bool PatternParser::ParseBraces(int space_gap, std::vector<Item>* items) {
  size_t close = s_.find('}', pos_);
  if (close == std::string_view::npos) return Fail("missing '}'");
  std::string_view inside = s_.substr(pos_, close - pos_);
  if (inside.find('|') == std::string_view::npos) {
    size_t before = items->size();
    if (!ParseSequence('}', 2, items)) return false;
    if (items->size() > before) items->back().gap_after = space_gap;
    return true;
  }
  Item item;
  item.gap_after = space_gap;
  for (std::string_view alt : base::Split(inside, '|')) {
    alt = base::Trim(alt);
    if (!alt.empty() && alt[0] == '&') {
      auto it = synsets_.find(SynsetKey(alt.substr(1)));
      if (it == synsets_.end()) return Fail("unknown synset '" + std::string(alt) + "'");
      item.alts.insert(item.alts.end(), it->second.begin(), it->second.end());
      continue;
    }
    Phrase p = LegacyPhrase(alt, ctx_.stems);
    if (!p.empty()) item.alts.push_back(std::move(p));
  }
  pos_ = close + 1;
  if (item.alts.empty()) return Fail("empty alternatives");
  items->push_back(std::move(item));
  return true;
}

// "&NAME" where NAME may itself contain '_' ("&FIGHT_OF_WORDS") and may be
// joined to following words ("&TIETYPES_RELATIONS"): the longest known name.
bool PatternParser::ParseSynset(std::vector<Item>* items) {
  size_t start = ++pos_;
  size_t end = start;
  while (end < s_.size() &&
         (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_' ||
          s_[end] == '-')) {
    ++end;
  }
  std::string_view run = s_.substr(start, end - start);
  for (size_t len = run.size(); len > 0; --len) {
    if (len < run.size() && run[len] != '_') continue;
    auto it = synsets_.find(SynsetKey(run.substr(0, len)));
    if (it == synsets_.end()) continue;
    pos_ = start + len;
    Item item;
    item.alts = it->second;
    if (item.alts.empty()) return Fail("empty synset '&" + it->first + "'");
    items->push_back(std::move(item));
    return true;
  }
  return Fail("unknown synset '&" + std::string(run) + "'");
}

bool PatternParser::ParseCode() {
  size_t close = s_.find(']', pos_);
  if (close == std::string_view::npos) return Fail("missing ']'");
  *code_ = std::string(base::Trim(s_.substr(pos_ + 1, close - pos_ - 1)));
  if (!base::Trim(s_.substr(close + 1)).empty()) {
    ctx_.Problem(line_, "text after the code ignored");
  }
  pos_ = s_.size();
  return true;
}

// A CAMEO-shaped event code: 2-4 digits and an optional letter ("174K").
bool EventCodeShape(std::string_view code) {
  size_t digits = 0;
  while (digits < code.size() &&
         std::isdigit(static_cast<unsigned char>(code[digits]))) {
    ++digits;
  }
  size_t rest = code.size() - digits;
  return digits >= 2 && digits <= 4 &&
         (rest == 0 || (rest == 1 && std::isalpha(static_cast<unsigned char>(
                                         code.back()))));
}

// "070" -> ("070", ""), "032:033" -> ("032", "033"), ":054" -> ("", "054").
// Codes are kept as written; odd ones ("def", "025?") are reported.
void SplitCode(std::string_view text, std::string* code, std::string* reverse,
               const ReadContext& ctx, int line) {
  text = base::Trim(text);
  size_t colon = text.find(':');
  *code = std::string(base::Trim(text.substr(0, colon)));
  *reverse = colon == std::string_view::npos
                 ? ""
                 : std::string(base::Trim(text.substr(colon + 1)));
  for (const std::string* c : {code, reverse}) {
    if (!c->empty() && *c != "---" && !EventCodeShape(*c)) {
      ctx.Problem(line, "'" + *c + "' is not an event code (kept as written)");
    }
  }
}

using Variant = std::vector<PatternElement>;

PatternElement WordElement(std::vector<std::string> words) {
  PatternElement e;
  e.kind = Kind::kWord;
  e.words = std::move(words);
  return e;
}

// The ways a kWords item can be written out: single-word alternatives share
// one element, each multi-word alternative is a run of adjacent words.
std::vector<Variant> WordOptions(const Item& item) {
  std::vector<Variant> options;
  std::vector<std::string> singles;
  for (const Phrase& alt : item.alts) {
    if (alt.size() == 1) {
      if (std::find(singles.begin(), singles.end(), alt[0]) == singles.end()) {
        singles.push_back(alt[0]);
      }
    } else if (!alt.empty()) {
      Variant run;
      for (const std::string& w : alt) run.push_back(WordElement({w}));
      options.push_back(std::move(run));
    }
  }
  if (!singles.empty()) options.insert(options.begin(), {WordElement(singles)});
  return options;
}

// Expands parsed items into element sequences (one per combination of
// multi-word alternatives). False if the expansion had to be cut.
bool Expand(const std::vector<Item>& items, std::vector<Variant>* out) {
  std::vector<Variant> variants(1);
  int pending = -1;
  bool seen_verb = false, cut = false;
  for (const Item& item : items) {
    if (item.type == Item::Type::kSkip && seen_verb) {
      // After the verb, '^' skips a noun phrase (PETRARCH: "skip to the end
      // of the next NE"): a gap marked by the word "^".
      PatternElement skip;
      skip.kind = Kind::kGap;
      skip.words = {"^"};
      for (Variant& v : variants) v.push_back(skip);
      pending = -1;
      continue;
    }
    if (item.type == Item::Type::kSkip) {
      pending = std::max(pending, 0) + 1;
      continue;
    }
    std::vector<Variant> options;
    PatternElement e;
    switch (item.type) {
      case Item::Type::kWords: options = WordOptions(item); break;
      case Item::Type::kVerb: e.kind = Kind::kVerb; seen_verb = true; break;
      case Item::Type::kSource: e.kind = Kind::kSource; break;
      case Item::Type::kTarget: e.kind = Kind::kTarget; break;
      default:  // '%': the compound actor, marked by the word "%"
        e.kind = seen_verb ? Kind::kTarget : Kind::kSource;
        e.words = {"%"};
    }
    if (item.type != Item::Type::kWords) options = {{e}};
    std::vector<Variant> next;
    for (const Variant& v : variants) {
      for (const Variant& opt : options) {
        if (next.size() >= static_cast<size_t>(kMaxPatternVariants)) {
          cut = true;
          break;
        }
        Variant grown = v;
        if (pending >= 0 && !grown.empty()) {
          PatternElement gap;
          gap.kind = Kind::kGap;
          gap.max_gap = pending;
          grown.push_back(gap);
        }
        grown.insert(grown.end(), opt.begin(), opt.end());
        next.push_back(std::move(grown));
      }
    }
    if (!next.empty()) variants = std::move(next);
    pending = item.gap_after;
  }
  *out = std::move(variants);
  return !cut;
}

// One verb of a block: "KLM_NOP_+RST {FORMS} [002]".
struct BlockVerb {
  std::vector<std::string> words;  // the verb and its irregular forms
  Phrase pre, post;                // multi-word verbs: adjacent words around
  std::string code, reverse;
  bool has_code = false;
};

// "KLM_NOP_+RST" -> pre {klm, nop}, verb "rst"; "+CORDON_OFF" -> verb
// "cordon", post {off}; "LASH OUT" -> verb "lash", post {out}.
std::string SplitVerbExpression(std::string_view text, Phrase* pre, Phrase* post) {
  std::vector<std::string> raw;
  std::string cur;
  int verb = -1;
  for (char c : text) {
    if (c == '_' || c == ' ' || c == '\t') {
      if (!cur.empty()) raw.push_back(cur);
      cur.clear();
    } else if (c == '+' && cur.empty()) {
      verb = static_cast<int>(raw.size());
    } else {
      cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (!cur.empty()) raw.push_back(cur);
  if (raw.empty()) return "";
  if (verb < 0 || verb >= static_cast<int>(raw.size())) verb = 0;
  for (int i = 0; i < static_cast<int>(raw.size()); ++i) {
    if (i < verb) pre->push_back(raw[i]);
    if (i > verb) post->push_back(raw[i]);
  }
  return raw[verb];
}

bool ParseVerbLine(std::string_view t, int line, const ReadContext& ctx,
                   BlockVerb* verb) {
  std::string_view head;
  std::vector<std::string_view> groups;
  if (!SplitBrackets(t, &head, &groups)) {
    ctx.Problem(line, "unclosed '['; verb skipped");
    return false;
  }
  std::string_view forms;
  size_t brace = head.find('{');
  if (brace != std::string_view::npos) {
    size_t close = head.find('}', brace);
    forms = head.substr(brace + 1, close == std::string_view::npos
                                       ? std::string_view::npos
                                       : close - brace - 1);
    head = base::Trim(head.substr(0, brace));
  }
  std::string base_verb = SplitVerbExpression(head, &verb->pre, &verb->post);
  if (base_verb.empty()) {
    ctx.Problem(line, "verb line without a verb");
    return false;
  }
  verb->words.push_back(base_verb);
  for (std::string_view f : base::Split(forms, ' ')) {
    Phrase pre, post;
    std::string form = SplitVerbExpression(base::Trim(f), &pre, &post);
    if (!form.empty() && std::find(verb->words.begin(), verb->words.end(),
                                   form) == verb->words.end()) {
      verb->words.push_back(form);
    }
  }
  if (!groups.empty()) {
    SplitCode(groups[0], &verb->code, &verb->reverse, ctx, line);
    verb->has_code = true;
  }
  return true;
}

}  // namespace

namespace {

// A verb block: its verbs, default code and pattern lines.
struct Block {
  int line = 0;
  std::string code, reverse;
  std::vector<BlockVerb> verbs;
  std::vector<Line> patterns;
};

// Verbs of a block grouped by their multi-word context (pre, post).
struct VerbGroup {
  Phrase pre, post;
  std::vector<std::string> words;
};

std::vector<VerbGroup> GroupVerbs(const Block& block) {
  std::vector<VerbGroup> groups;
  for (const BlockVerb& v : block.verbs) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const VerbGroup& g) {
      return g.pre == v.pre && g.post == v.post;
    });
    if (it == groups.end()) {
      groups.push_back({v.pre, v.post, {}});
      it = groups.end() - 1;
    }
    for (const std::string& w : v.words) {
      if (std::find(it->words.begin(), it->words.end(), w) == it->words.end()) {
        it->words.push_back(w);
      }
    }
  }
  return groups;
}

// Inserts a group's context words around the kVerb element; sets the anchor.
VerbPattern MakePattern(Variant elements, const VerbGroup& group) {
  VerbPattern p;
  auto verb = std::find_if(elements.begin(), elements.end(),
                           [](const PatternElement& e) { return e.kind == Kind::kVerb; });
  size_t at = static_cast<size_t>(verb - elements.begin());
  std::vector<PatternElement> pre, post;
  for (const std::string& w : group.pre) pre.push_back(WordElement({w}));
  for (const std::string& w : group.post) post.push_back(WordElement({w}));
  elements.insert(elements.begin() + at + 1, post.begin(), post.end());
  elements.insert(elements.begin() + at, pre.begin(), pre.end());
  p.anchor = static_cast<int>(at + pre.size());
  p.elements = std::move(elements);
  p.verb_words = group.words;
  return p;
}

bool Codes(std::string_view code, std::string_view reverse) {
  return !(code.empty() || code == "---") || !(reverse.empty() || reverse == "---");
}

// The bare verb: "* " alone codes the verb's (or the block's) code.
void EmitBareVerbs(const Block& block, const ReadContext& ctx) {
  std::map<std::pair<std::string, std::string>, Block> by_code;
  for (const BlockVerb& v : block.verbs) {
    std::string code = v.has_code ? v.code : block.code;
    std::string reverse = v.has_code ? v.reverse : block.reverse;
    if (!Codes(code, reverse)) continue;
    by_code[{code, reverse}].verbs.push_back(v);
  }
  for (auto& [codes, sub] : by_code) {
    for (const VerbGroup& g : GroupVerbs(sub)) {
      PatternElement verb;
      verb.kind = Kind::kVerb;
      VerbPattern p = MakePattern({verb}, g);
      p.code = codes.first;
      p.reverse_code = codes.second;
      p.origin = {ctx.name, block.line};
      p.exact_words = ctx.exact_words;
      ctx.builder->AddPattern(std::move(p));
    }
  }
}

void EmitBlock(const Block& block, const Synsets& synsets, const ReadContext& ctx) {
  if (block.verbs.empty()) {
    if (!block.patterns.empty() || block.line > 0) {
      ctx.Problem(block.line, "verb block without verbs; skipped");
    }
    return;
  }
  EmitBareVerbs(block, ctx);
  std::vector<VerbGroup> groups = GroupVerbs(block);
  for (const Line& line : block.patterns) {
    std::vector<Item> items;
    std::string code_text;
    PatternParser parser(line.text.substr(1), synsets, ctx, line.number);
    if (!parser.Parse(&items, &code_text)) continue;
    int verbs = 0;
    for (const Item& it : items) verbs += it.type == Item::Type::kVerb;
    if (verbs != 1) {
      ctx.Problem(line.number, "a pattern needs exactly one '*'; skipped");
      continue;
    }
    std::vector<Variant> variants;
    if (!Expand(items, &variants)) {
      ctx.Problem(line.number, "pattern expands into more than " +
                                   std::to_string(kMaxPatternVariants) +
                                   " variants; the rest dropped");
    }
    std::string code = block.code, reverse = block.reverse;
    if (!code_text.empty()) {
      SplitCode(code_text, &code, &reverse, ctx, line.number);
    }
    for (const VerbGroup& g : groups) {
      for (const Variant& v : variants) {
        VerbPattern p = MakePattern(v, g);
        p.code = code;
        p.reverse_code = reverse;
        p.origin = {ctx.name, line.number};
        p.exact_words = ctx.exact_words;
        ctx.builder->AddPattern(std::move(p));
      }
    }
  }
}

// First pass: "&NAME" followed by "+MEMBER" lines; members may name synsets.
Synsets CollectSynsets(const std::vector<Line>& lines, const ReadContext& ctx) {
  std::map<std::string, std::vector<std::string>> raw;
  std::string current;
  for (const Line& line : lines) {
    std::string_view t = line.text;
    if (t[0] == '&') {
      current = SynsetKey(base::Trim(t.substr(1)));
      raw[current];
    } else if (t[0] == '+' && !current.empty()) {
      raw[current].emplace_back(base::Trim(t.substr(1)));
    } else {
      current.clear();
    }
  }
  Synsets synsets;
  // Resolve nested "+&NAME" members, a few levels deep.
  std::function<void(const std::string&, int, std::vector<Phrase>*)> add =
      [&](const std::string& name, int depth, std::vector<Phrase>* out) {
        auto it = raw.find(name);
        if (it == raw.end() || depth > 4) return;
        for (const std::string& m : it->second) {
          if (!m.empty() && m[0] == '&') {
            add(SynsetKey(m.substr(1)), depth + 1, out);
          } else if (Phrase p = LegacyPhrase(m, ctx.stems); !p.empty()) {
            out->push_back(std::move(p));
          }
        }
      };
  for (const auto& [name, members] : raw) add(name, 0, &synsets[name]);
  return synsets;
}

}  // namespace

void ReadVerbs(const std::vector<Line>& lines, LegacyFormat format,
               const ReadContext& read_context) {
  // PETRARCH-1 matched pattern words as written ("RESOLUTION" is not
  // "resolutions"); PETRARCH-2 and TABARI files keep lemma (or stem) matching.
  ReadContext ctx = read_context;
  ctx.exact_words = format == LegacyFormat::kPetrarchVerbs;
  Synsets synsets = CollectSynsets(lines, ctx);
  bool tabari = format == LegacyFormat::kTabariVerbs;
  Block block;
  bool in_synset = false, in_time = false;
  for (const Line& line : lines) {
    std::string_view t = line.text;
    std::string upper = base::AsciiUpper(t.substr(0, 8));
    if (in_time) {
      in_time = !base::StartsWith(upper, "</TIME");
      continue;
    }
    if (base::StartsWith(upper, "<TIME")) {
      ctx.Problem(line.number, "<TIME> section (time shifting) not supported");
      in_time = true;
      continue;
    }
    if (t[0] == '<') continue;  // <SYNSETS>, </SYNSETS>, other section marks
    if (t[0] == '&') {
      in_synset = true;
      continue;
    }
    if (t[0] == '+' && in_synset) continue;
    in_synset = false;
    if (t[0] == '~') {
      ctx.Problem(line.number, "transformation not supported: " + std::string(t));
      continue;
    }
    if (base::StartsWith(t, "---")) {
      EmitBlock(block, synsets, ctx);
      block = Block();
      block.line = line.number;
      std::string_view head;
      std::vector<std::string_view> groups;
      SplitBrackets(t, &head, &groups);
      if (!groups.empty()) {
        SplitCode(groups[0], &block.code, &block.reverse, ctx, line.number);
      }
      if (groups.size() > 1) {
        ctx.Problem(line.number, "more than one code in a verb header; the "
                                 "first is the block's code");
      }
      continue;
    }
    if (t[0] == '-') {
      if (block.verbs.empty() && block.line == 0) {
        ctx.Problem(line.number, "pattern before any verb; skipped");
      } else {
        block.patterns.push_back(line);
      }
      continue;
    }
    BlockVerb verb;
    if (!ParseVerbLine(t, line.number, ctx, &verb)) continue;
    if (tabari) {  // each TABARI verb starts its own block
      EmitBlock(block, synsets, ctx);
      block = Block();
      block.line = line.number;
      block.code = verb.code;
      block.reverse = verb.reverse;
    } else if (block.line == 0) {
      ctx.Problem(line.number, "verb outside a '--- VERB [code] ---' block");
      continue;
    }
    block.verbs.push_back(std::move(verb));
  }
  EmitBlock(block, synsets, ctx);
}

}  // namespace ladder::dict::legacy_internal
