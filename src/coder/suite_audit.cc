// Suite audit: parse/text mismatches, twins, codes no dictionary gives.
#include "coder/suite_audit.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "base/strings.h"

namespace ladder::coder {
namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The leaves of a Penn Treebank tree: the word of every "(TAG word)".
std::vector<std::string_view> Leaves(std::string_view parse) {
  std::vector<std::string_view> leaves;
  size_t i = 0;
  while (i < parse.size()) {
    if (parse[i] != '(') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < parse.size() && !IsSpace(parse[j]) && parse[j] != '(' && parse[j] != ')') ++j;
    while (j < parse.size() && IsSpace(parse[j])) ++j;
    size_t begin = j;
    while (j < parse.size() && !IsSpace(parse[j]) && parse[j] != '(' && parse[j] != ')') ++j;
    if (j > begin && j < parse.size() && parse[j] == ')') {
      std::string_view leaf = parse.substr(begin, j - begin);
      bool bracket = leaf.size() > 2 && leaf.front() == '-' && leaf.back() == '-';
      if (!bracket) leaves.push_back(leaf);
    }
    i = begin > i + 1 ? begin : i + 1;
  }
  return leaves;
}

// Letters and digits of `words`, lower-cased, each with its word's index.
void Spell(const std::vector<std::string_view>& words, std::string* chars,
           std::vector<size_t>* owner) {
  for (size_t w = 0; w < words.size(); ++w) {
    for (char c : words[w]) {
      if (!std::isalnum(static_cast<unsigned char>(c))) continue;
      chars->push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      owner->push_back(w);
    }
  }
}

// Two words from `from`, for messages.
std::string Quote(const std::vector<std::string_view>& words, size_t from) {
  std::string out;
  for (size_t w = from; w < words.size() && w < from + 2; ++w) {
    if (!out.empty()) out += ' ';
    out += words[w];
  }
  return "'" + out + "'";
}

std::string CodingText(const SuiteRecord& r) {
  if (r.expected.empty()) return r.condition.empty() ? "nothing" : "(" + r.condition + ")";
  std::string out;
  for (const Coding& c : r.expected) {
    if (!out.empty()) out += ", ";
    out += c.source + " " + c.target + " " + c.event;
  }
  return out;
}

std::string Normalized(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// What a record expects, in a form that compares as a multiset.
std::string Expectation(const SuiteRecord& r) {
  std::vector<Coding> sorted = r.expected;
  std::sort(sorted.begin(), sorted.end());
  std::string out = r.condition;
  for (const Coding& c : sorted) out += "|" + c.source + "/" + c.target + "/" + c.event;
  return out;
}

}  // namespace

SuiteCodes CodesOf(const dict::DictionaryBuilder& dictionaries) {
  SuiteCodes codes;
  for (const dict::ActorEntry& a : dictionaries.actors()) {
    for (const dict::DatedCode& c : a.codes) {
      // "FRO/BIL/SAM": a compound actor, coded as each of its codes.
      for (std::string_view part : base::Split(c.code, '/')) {
        if (!base::Trim(part).empty()) codes.actors.emplace(base::Trim(part));
      }
    }
  }
  for (const dict::AgentEntry& a : dictionaries.agents()) {
    if (!a.code.empty()) codes.actors.insert(a.code);
  }
  for (const dict::VerbPattern& p : dictionaries.patterns()) {
    if (!p.code.empty()) codes.events.insert(p.code);
    if (!p.reverse_code.empty()) codes.events.insert(p.reverse_code);
  }
  return codes;
}

std::string ParseDiffers(std::string_view text, std::string_view parse) {
  std::vector<std::string_view> leaves = Leaves(parse);
  if (leaves.empty()) return "";
  std::vector<std::string_view> words;
  for (std::string_view w : base::Split(text, ' ')) {
    if (!base::Trim(w).empty()) words.push_back(base::Trim(w));
  }
  std::string a, b;
  std::vector<size_t> a_owner, b_owner;
  Spell(words, &a, &a_owner);
  Spell(leaves, &b, &b_owner);
  if (a == b) return "";
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i == b.size()) {
    return "the <Parse> stops before " + Quote(words, a_owner[i]) + " of the text";
  }
  if (i == a.size()) {
    return "the <Parse> goes on with " + Quote(leaves, b_owner[i]) +
           " after the end of the text";
  }
  // Quote from the word in which the spellings part, or the one before
  // when they part at a word's start ("welcome|d a" against "welcome| a").
  size_t at = i > 0 ? i - 1 : 0;
  return "the <Parse> has " + Quote(leaves, b_owner[at]) + " where the text has " +
         Quote(words, a_owner[at]);
}

bool CodeBuildable(std::string_view code, const SuiteCodes& codes) {
  if (code.empty() || code == "---") return true;
  if (code.front() == '"') return true;  // a new actor named by its words
  // reachable[i]: code[0, i) is a sequence of whole codes.
  std::vector<bool> reachable(code.size() + 1, false);
  reachable[0] = true;
  for (size_t i = 0; i < code.size(); ++i) {
    if (!reachable[i]) continue;
    if (code.substr(i, 3) == "---") reachable[std::min(code.size(), i + 3)] = true;
    for (size_t n = 1; i + n <= code.size(); ++n) {
      if (codes.actors.find(code.substr(i, n)) != codes.actors.end()) {
        reachable[i + n] = true;
      }
    }
  }
  return reachable[code.size()];
}

std::string UnbuildableCodes(const SuiteRecord& record, const SuiteCodes& codes) {
  std::set<std::string> actors, events;
  for (const Coding& c : record.expected) {
    for (const std::string* code : {&c.source, &c.target}) {
      if (!CodeBuildable(*code, codes)) actors.insert(*code);
    }
    if (!codes.events.empty() && !c.event.empty() && !codes.events.count(c.event)) {
      events.insert(c.event);
    }
  }
  std::string out;
  auto list = [](const std::set<std::string>& s) {
    std::string l;
    for (const std::string& x : s) l += (l.empty() ? "'" : ", '") + x + "'";
    return l;
  };
  if (!actors.empty()) {
    out = std::string("expects actor code") + (actors.size() > 1 ? "s " : " ") +
          list(actors) + ", which no dictionary entry gives";
  }
  if (!events.empty()) {
    if (!out.empty()) out += "; ";
    out += std::string("expects event code") + (events.size() > 1 ? "s " : " ") +
           list(events) + ", which no verb pattern gives";
  }
  return out;
}

std::vector<Finding> AuditSuite(const Suite& suite, const std::vector<size_t>& indices,
                                const SuiteCodes& codes) {
  std::vector<Finding> findings;
  // Twins: same text, date and options; grouped in suite order.
  std::map<std::tuple<std::string, std::string, decltype(RecordOptions().Key())>,
           std::vector<size_t>>
      groups;
  for (size_t i : indices) {
    const SuiteRecord& r = suite.records[i];
    groups[{Normalized(r.text), r.date, r.options.Key()}].push_back(i);
  }
  std::map<size_t, std::string> twin_of;
  for (const auto& [key, members] : groups) {
    for (size_t i : members) {
      for (size_t j : members) {
        if (i == j || twin_of.count(i)) continue;
        const SuiteRecord &a = suite.records[i], &b = suite.records[j];
        if (Expectation(a) == Expectation(b)) continue;
        twin_of[i] = "has the same text, date and options as " + b.id + " (line " +
                     std::to_string(b.line) + "), which expects " + CodingText(b) +
                     ": they cannot both pass";
      }
    }
  }
  for (size_t i : indices) {
    const SuiteRecord& r = suite.records[i];
    std::string parse = ParseDiffers(r.text, r.parse);
    if (!parse.empty()) findings.push_back({i, parse});
    std::string unbuildable = UnbuildableCodes(r, codes);
    if (!unbuildable.empty()) findings.push_back({i, unbuildable});
    auto twin = twin_of.find(i);
    if (twin != twin_of.end()) findings.push_back({i, twin->second});
  }
  return findings;
}

}  // namespace ladder::coder
