// Legacy actors, agents, discards, issues and TABARI .options.
#include <cctype>
#include <map>

#include "base/strings.h"
#include "dict/legacy.h"

namespace ladder::dict::legacy_internal {
namespace {

// An actor being collected: a primary phrase, "+synonyms", code lines.
struct PendingActor {
  bool open = false;
  bool discard = false;
  ActorEntry entry;
  std::string label;
};

void AddCodes(const std::vector<std::string_view>& groups, int line,
              const ReadContext& ctx, PendingActor* actor) {
  for (std::string_view g : groups) {
    DatedCode code;
    std::string error;
    if (base::Trim(g) == "###") {
      actor->discard = true;
    } else if (ParseDatedCode(g, &code, &error)) {
      actor->entry.codes.push_back(std::move(code));
    } else {
      ctx.Problem(line, error + " in [" + std::string(g) + "]");
    }
  }
}

void FlushActor(const ReadContext& ctx, PendingActor* actor) {
  if (!actor->open) return;
  actor->open = false;
  if (actor->discard) {
    for (Phrase& name : actor->entry.names) {
      ctx.builder->AddDiscard(std::move(name), false);
    }
  } else if (actor->entry.codes.empty()) {
    ctx.Problem(actor->entry.origin.line,
                "actor '" + actor->label + "' has no code; skipped");
  } else if (!actor->entry.names.empty()) {
    ctx.builder->AddActor(std::move(actor->entry));
  }
  actor->entry = ActorEntry();
  actor->discard = false;
}

}  // namespace

void ReadActors(const std::vector<Line>& lines, const ReadContext& ctx) {
  PendingActor actor;
  for (const Line& line : lines) {
    std::string_view t = line.text;
    std::string_view head;
    std::vector<std::string_view> groups;
    bool synonym = t[0] == '+';
    if (!SplitBrackets(synonym ? t.substr(1) : t, &head, &groups)) {
      ctx.Problem(line.number, "unclosed '['; line skipped");
      continue;
    }
    if (head.empty() && !synonym) {  // a code line under the current actor
      if (!actor.open) {
        ctx.Problem(line.number, "code line without an actor");
      } else {
        AddCodes(groups, line.number, ctx, &actor);
      }
      continue;
    }
    if (synonym && !actor.open) {
      ctx.Problem(line.number, "synonym without an actor");
      continue;
    }
    // PETRARCH: consecutive phrase lines before the code lines name one actor.
    if (!synonym && actor.open && actor.entry.codes.empty() && !actor.discard &&
        groups.empty()) {
      synonym = true;
    }
    if (!synonym) {
      FlushActor(ctx, &actor);
      actor.open = true;
      actor.label = std::string(head);
      actor.entry.origin = {ctx.name, line.number};
    }
    Phrase phrase = LegacyPhrase(head, ctx.stems);
    if (phrase.empty()) {
      ctx.Problem(line.number, "empty phrase");
    } else {
      actor.entry.names.push_back(std::move(phrase));
    }
    AddCodes(groups, line.number, ctx, &actor);
  }
  FlushActor(ctx, &actor);
}

namespace {

using SubstSets = std::map<std::string, std::vector<std::string>>;

// Expands every "!SET!" in `text` with the members of the set (products of
// several sets, capped). Unknown sets are reported and kept as written.
std::vector<std::string> ExpandSubstitutions(std::string_view text,
                                             const SubstSets& sets, int line,
                                             const ReadContext& ctx) {
  std::vector<std::string> out{""};
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find('!', pos);
    size_t close = open == std::string_view::npos
                       ? std::string_view::npos
                       : text.find('!', open + 1);
    std::string_view literal = text.substr(pos, open == std::string_view::npos
                                                    ? std::string_view::npos
                                                    : open - pos);
    for (std::string& s : out) s.append(literal);
    if (close == std::string_view::npos) {
      if (open != std::string_view::npos) {
        for (std::string& s : out) s.append(text.substr(open));
      }
      break;
    }
    std::string key(text.substr(open + 1, close - open - 1));
    auto it = sets.find(key);
    if (it == sets.end()) {
      ctx.Problem(line, "unknown substitution set '!" + key + "!'");
      for (std::string& s : out) s.append(text.substr(open, close - open + 1));
    } else if (out.size() * it->second.size() <= 64) {
      std::vector<std::string> next;
      for (const std::string& s : out) {
        for (const std::string& m : it->second) next.push_back(s + m);
      }
      out = std::move(next);
    } else {
      ctx.Problem(line, "too many substitutions; '!" + key + "!' not expanded");
    }
    pos = close + 1;
  }
  return out;
}

// "!PERSON! = MAN, MEN, WOMAN" -> sets["PERSON"].
bool ReadSubstitutionSet(std::string_view t, SubstSets* sets) {
  size_t close = t.find('!', 1);
  if (t[0] != '!' || close == std::string_view::npos) return false;
  size_t eq = t.find('=', close);
  if (eq == std::string_view::npos) return false;
  std::vector<std::string>& members = (*sets)[std::string(t.substr(1, close - 1))];
  members.clear();
  for (std::string_view m : base::Split(t.substr(eq + 1), ',')) {
    m = base::Trim(m);
    if (!m.empty()) members.emplace_back(m);
  }
  return true;
}

// Parses the agent code group "~GOV", "NGO~", " ~COP".
bool ParseAgentCode(std::string_view g, AgentEntry* agent) {
  std::string code;
  for (char c : g) {
    if (!std::isspace(static_cast<unsigned char>(c))) code.push_back(c);
  }
  agent->prefix = !code.empty() && code.back() == '~';
  bool suffix = !code.empty() && code.front() == '~';
  if (suffix) code.erase(0, 1);
  if (agent->prefix && !code.empty()) code.pop_back();
  agent->code = base::AsciiUpper(code);
  return !agent->code.empty() && (suffix || agent->prefix);
}

void AddAgentNames(std::string_view text, const SubstSets& sets, int line,
                   const ReadContext& ctx, AgentEntry* agent) {
  for (const std::string& form : ExpandSubstitutions(text, sets, line, ctx)) {
    Phrase p = LegacyPhrase(form, ctx.stems);
    if (!p.empty()) agent->names.push_back(std::move(p));
  }
}

}  // namespace

void ReadAgents(const std::vector<Line>& lines, const ReadContext& ctx) {
  SubstSets sets;
  for (const Line& line : lines) {
    std::string_view t = line.text;
    if (t[0] == '!' && ReadSubstitutionSet(t, &sets)) continue;
    std::string_view head;
    std::vector<std::string_view> groups;
    if (!SplitBrackets(t, &head, &groups) || groups.size() != 1) {
      ctx.Problem(line.number, "expected 'PHRASE {plurals} [~CODE]'; skipped");
      continue;
    }
    AgentEntry agent;
    agent.origin = {ctx.name, line.number};
    if (!ParseAgentCode(groups[0], &agent)) {
      ctx.Problem(line.number, "agent code '" + std::string(groups[0]) +
                                   "' has no '~'; appended to the actor code");
      if (agent.code.empty()) continue;
    }
    // "PHRASE {PLURAL PLURAL}" lists the plurals; "{}" = no regular plural.
    // Either way the forms are all listed and match as written.
    std::string_view phrase = head;
    size_t brace = head.find('{');
    if (brace != std::string_view::npos) {
      agent.exact_forms = true;
      size_t close = head.find('}', brace);
      phrase = base::Trim(head.substr(0, brace));
      std::string_view plurals =
          head.substr(brace + 1, close == std::string_view::npos
                                     ? std::string_view::npos
                                     : close - brace - 1);
      for (std::string_view p : base::Split(plurals, ' ')) {
        if (!base::Trim(p).empty()) {
          AddAgentNames(base::Trim(p), sets, line.number, ctx, &agent);
        }
      }
    }
    AddAgentNames(phrase, sets, line.number, ctx, &agent);
    if (agent.names.empty()) {
      ctx.Problem(line.number, "agent without a phrase; skipped");
      continue;
    }
    ctx.builder->AddAgent(std::move(agent));
  }
}

void ReadDiscards(const std::vector<Line>& lines, const ReadContext& ctx) {
  for (const Line& line : lines) {
    std::string_view t = line.text;
    bool story = t[0] == '+';
    if (story) t = base::Trim(t.substr(1));
    Phrase p = LegacyPhrase(t, ctx.stems);
    if (p.empty()) {
      ctx.Problem(line.number, "empty discard phrase");
      continue;
    }
    ctx.builder->AddDiscard(std::move(p), story);
  }
}

namespace {

// "n:school" -> "school" (the coder matches lemmas, so plurals need nothing);
// "pre+k" -> "pre-k".
std::string IssueText(std::string_view text) {
  std::string out;
  for (std::string_view w : base::Split(text, ' ')) {
    w = base::Trim(w);
    if (w.empty()) continue;
    std::string word(w);
    for (size_t p; (p = word.find("n:")) != std::string::npos;) word.erase(p, 2);
    for (char& c : word) {
      if (c == '+') c = '-';
    }
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  return out;
}

}  // namespace

void ReadIssues(const std::vector<Line>& lines, const ReadContext& ctx) {
  for (const Line& line : lines) {
    std::string_view t = line.text;
    if (t[0] == '<') continue;  // <ISSUE CATEGORY=...> ... </ISSUE>
    IssueEntry issue;
    if (t[0] == '~') {
      issue.ignore = true;
      issue.phrase = LegacyPhrase(IssueText(t.substr(1)), ctx.stems);
    } else {
      std::string_view head;
      std::vector<std::string_view> groups;
      if (!SplitBrackets(t, &head, &groups) || groups.size() != 1) {
        ctx.Problem(line.number, "expected 'PHRASE [ISSUE]'; skipped");
        continue;
      }
      issue.code = std::string(base::Trim(groups[0]));
      issue.phrase = LegacyPhrase(IssueText(head), ctx.stems);
    }
    if (issue.phrase.empty() || (!issue.ignore && issue.code.empty())) {
      ctx.Problem(line.number, "empty issue phrase or code; skipped");
      continue;
    }
    ctx.builder->AddIssue(std::move(issue));
  }
}

namespace {

// "VERBS[5]" -> 5 for key "VERBS"; -1 if absent or malformed.
int ComplexLimit(std::string_view upper, std::string_view key) {
  size_t at = upper.find(key);
  if (at == std::string_view::npos) return -1;
  size_t open = upper.find('[', at);
  size_t close = upper.find(']', at);
  if (open == std::string_view::npos || close == std::string_view::npos ||
      close < open) {
    return -1;
  }
  long long v = 0;
  if (!base::ParseInt(base::Trim(upper.substr(open + 1, close - open - 1)), &v) ||
      v < 0 || v > 1000) {
    return -1;
  }
  return static_cast<int>(v);
}

}  // namespace

void ReadTabariOptions(const std::vector<Line>& lines, const ReadContext& ctx) {
  for (const Line& line : lines) {
    std::string_view t = line.text;
    size_t colon = t.find(':');
    if (colon == std::string_view::npos) {
      ctx.Problem(line.number, "expected 'COMMAND: ...'; skipped");
      continue;
    }
    std::string command = base::AsciiLower(base::Trim(t.substr(0, colon)));
    std::string_view rest = base::Trim(t.substr(colon + 1));
    if (command == "complex") {
      std::string upper = base::AsciiUpper(rest);
      int verbs = ComplexLimit(upper, "VERBS");
      int conj = ComplexLimit(upper, "CONJ");
      if (verbs < 0 && conj < 0) {
        ctx.Problem(line.number, "COMPLEX: expects VERBS[n] and/or CONJ[n]");
      }
      if (verbs >= 0) ctx.options->max_verbs = verbs;
      if (conj >= 0) ctx.options->max_conj = conj;
      continue;
    }
    ctx.options->settings.emplace_back(command, std::string(rest));
  }
}

}  // namespace ladder::dict::legacy_internal
