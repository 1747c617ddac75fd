#include "dict/own_format.h"

#include <cctype>
#include <vector>

#include "base/date.h"
#include "base/strings.h"
#include "text/text.h"

namespace ladder::dict {

namespace {

struct Line {
  int number;
  bool indented;
  std::string_view text;  // trimmed, comment removed
};

std::string_view StripComment(std::string_view s) {
  size_t hash = s.find('#');
  return hash == std::string_view::npos ? s : s.substr(0, hash);
}

std::vector<Line> Lines(std::string_view content) {
  std::vector<Line> lines;
  int number = 0;
  for (std::string_view raw : base::Split(content, '\n')) {
    ++number;
    std::string_view text = base::Trim(StripComment(raw));
    if (text.empty()) continue;
    bool indented = !raw.empty() && (raw[0] == ' ' || raw[0] == '\t');
    lines.push_back({number, indented, text});
  }
  return lines;
}

bool ValidCode(std::string_view code) {
  if (code.size() < 3 || code.size() > 15) return false;
  for (char c : code) {
    if (!(std::isupper(static_cast<unsigned char>(c)) || c == '-')) {
      return false;
    }
  }
  return true;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

}  // namespace

Phrase ParsePhrase(std::string_view text) {
  Phrase phrase;
  for (std::string_view word : Words(text)) {
    bool stem = word.size() > 1 && word.back() == '*';
    if (stem) word.remove_suffix(1);
    std::vector<text::Token> tokens;
    text::Tokenize(word, text::Span{0, static_cast<uint32_t>(word.size())},
                   &tokens);
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::string lower = tokens[i].lower;
      if (stem && i + 1 == tokens.size()) lower.push_back('*');
      phrase.push_back(std::move(lower));
    }
  }
  return phrase;
}

bool ParseDateBound(std::string_view text, bool is_end, int* ymd) {
  if (text == "-") {
    *ymd = is_end ? 99999999 : 0;
    return true;
  }
  int v = base::IsoToYmd(text);
  if (v == 0) return false;
  *ymd = v;
  return true;
}

bool SniffOwnFormat(std::string_view content, OwnKind* kind) {
  for (std::string_view raw : base::Split(content.substr(0, 4096), '\n')) {
    std::string_view line = base::Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> w = Words(line);
    if (w.size() < 3 || w[0] != "%ladder") return false;
    static const std::pair<const char*, OwnKind> kKinds[] = {
        {"actors", OwnKind::kActors},     {"agents", OwnKind::kAgents},
        {"verbs", OwnKind::kVerbs},       {"codes", OwnKind::kCodes},
        {"discards", OwnKind::kDiscards}, {"issues", OwnKind::kIssues}};
    for (const auto& [name, k] : kKinds) {
      if (w[1] == name) {
        *kind = k;
        return true;
      }
    }
    return false;
  }
  return false;
}

namespace {

std::string Where(const std::string& name, int line) {
  return name + ":" + std::to_string(line) + ": ";
}

// One code line of an actor block: CODE [FROM TO] [note...]
bool ParseCodeLine(std::string_view text, DatedCode* code, std::string* why) {
  std::vector<std::string_view> w = Words(text);
  if (w.empty() || !ValidCode(w[0])) {
    *why = "expected an actor code (3-15 upper-case letters), got '" +
           std::string(w.empty() ? "" : w[0]) + "'";
    return false;
  }
  code->code = std::string(w[0]);
  size_t next = 1;
  if (w.size() >= 3 && (w[1] == "-" || base::IsoToYmd(w[1]) != 0)) {
    if (!ParseDateBound(w[1], false, &code->from_ymd) ||
        !ParseDateBound(w[2], true, &code->to_ymd)) {
      *why = "bad date range '" + std::string(w[1]) + " " + std::string(w[2]) +
             "' (want YYYY-MM-DD or -)";
      return false;
    }
    if (code->from_ymd > code->to_ymd) {
      *why = "date range ends before it starts";
      return false;
    }
    next = 3;
  }
  for (size_t i = next; i < w.size(); ++i) {
    if (!code->note.empty()) code->note.push_back(' ');
    code->note.append(w[i]);
  }
  return true;
}

std::vector<Phrase> ParseNames(std::string_view text) {
  std::vector<Phrase> names;
  for (std::string_view part : base::Split(text, '|')) {
    Phrase p = ParsePhrase(base::Trim(part));
    if (!p.empty()) names.push_back(std::move(p));
  }
  return names;
}

void ReadActors(const std::vector<Line>& lines, const std::string& name,
                bool agents, DictionaryBuilder* b) {
  ActorEntry actor;
  bool open = false;
  auto flush = [&]() {
    if (!open) return;
    open = false;
    if (actor.codes.empty()) {
      b->AddProblem(Where(name, actor.origin.line) + "names without a code");
      return;
    }
    if (agents) {
      AgentEntry agent;
      agent.names = std::move(actor.names);
      agent.origin = actor.origin;
      std::string code = actor.codes[0].code;
      if (actor.codes.size() > 1) {
        b->AddProblem(Where(name, actor.origin.line) +
                      "an agent block takes one code");
      }
      agent.code = code;
      agent.prefix = actor.codes[0].note == "prefix";
      b->AddAgent(std::move(agent));
    } else {
      b->AddActor(std::move(actor));
    }
  };
  for (const Line& line : lines) {
    if (!line.indented) {
      flush();
      actor = ActorEntry();
      actor.origin = {name, line.number};
      actor.names = ParseNames(line.text);
      open = true;
      continue;
    }
    if (!open) {
      b->AddProblem(Where(name, line.number) + "code line without names");
      continue;
    }
    DatedCode code;
    std::string why;
    std::string_view text = line.text;
    std::string agent_text;
    if (agents) {
      // "~GOV" (append, the default) or "NGO~" (prefix).
      agent_text = std::string(text);
      bool prefix = !agent_text.empty() && agent_text.back() == '~';
      if (!agent_text.empty() && agent_text.front() == '~') agent_text.erase(0, 1);
      if (prefix && !agent_text.empty()) agent_text.pop_back();  // "~" alone
      text = agent_text;
      if (!ParseCodeLine(text, &code, &why) || code.code.size() != 3) {
        b->AddProblem(Where(name, line.number) +
                      (why.empty() ? "an agent code has 3 letters" : why));
        continue;
      }
      if (prefix) code.note = "prefix";
    } else if (!ParseCodeLine(text, &code, &why)) {
      b->AddProblem(Where(name, line.number) + why);
      continue;
    }
    actor.codes.push_back(std::move(code));
  }
  flush();
}

bool ValidEventCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    bool digit = c >= '0' && c <= '9';
    bool last_letter = i + 1 == code.size() && i >= 2 && c >= 'A' && c <= 'Z';
    if (!digit && !last_letter) return false;
  }
  return true;
}

// "[042:043] label" -> codes.
bool ParseVerbHeader(std::string_view text, std::string* code,
                     std::string* reverse) {
  size_t close = text.find(']');
  if (text.empty() || text[0] != '[' || close == std::string_view::npos) {
    return false;
  }
  std::string_view inner = text.substr(1, close - 1);
  size_t colon = inner.find(':');
  *code = std::string(inner.substr(0, colon));
  reverse->clear();
  if (colon != std::string_view::npos) {
    *reverse = std::string(inner.substr(colon + 1));
    if (!ValidEventCode(*reverse)) return false;
  }
  return ValidEventCode(*code);
}

bool ParsePatternElement(std::string_view w, PatternElement* e,
                         std::string* why) {
  using Kind = PatternElement::Kind;
  if (w == "+") {
    e->kind = Kind::kTarget;
  } else if (w == "$") {
    e->kind = Kind::kSource;
  } else if (base::StartsWith(w, "..")) {
    e->kind = Kind::kGap;
    e->max_gap = 4;
    long long n = 0;
    if (w.size() > 2) {
      if (!base::ParseInt(w.substr(2), &n) || n < 1 || n > 20) {
        *why = "bad gap '" + std::string(w) + "' (want .. or ..N, N 1-20)";
        return false;
      }
      e->max_gap = static_cast<int>(n);
    }
  } else {
    e->kind = Kind::kWord;
    for (std::string_view alt : base::Split(w, '|')) {
      if (alt.empty()) {
        *why = "empty alternative in '" + std::string(w) + "'";
        return false;
      }
      e->words.push_back(base::AsciiLower(alt));
    }
  }
  return true;
}

void ReadPattern(const Line& line, const std::string& name,
                 const std::string& code, const std::string& reverse,
                 DictionaryBuilder* b) {
  VerbPattern p;
  p.code = code;
  p.reverse_code = reverse;
  p.origin = {name, line.number};
  p.anchor = -1;
  std::vector<std::string_view> words = Words(line.text);
  if (!words.empty() && words.back().front() == '[') {
    std::string rev;
    std::string over;
    if (!ParseVerbHeader(words.back(), &over, &rev)) {
      b->AddProblem(Where(name, line.number) + "bad code '" +
                    std::string(words.back()) + "'");
      return;
    }
    p.code = over;
    p.reverse_code = rev;
    words.pop_back();
  }
  for (std::string_view w : words) {
    PatternElement e;
    std::string why;
    if (!ParsePatternElement(w, &e, &why)) {
      b->AddProblem(Where(name, line.number) + why);
      return;
    }
    if (p.anchor < 0 && e.kind == PatternElement::Kind::kWord) {
      p.anchor = static_cast<int>(p.elements.size());
    }
    p.elements.push_back(std::move(e));
  }
  if (p.anchor < 0) {
    b->AddProblem(Where(name, line.number) + "pattern has no word");
    return;
  }
  b->AddPattern(std::move(p));
}

void ReadVerbs(const std::vector<Line>& lines, const std::string& name,
               DictionaryBuilder* b) {
  std::string code;
  std::string reverse;
  for (const Line& line : lines) {
    if (line.text[0] == '[') {
      if (!ParseVerbHeader(line.text, &code, &reverse)) {
        b->AddProblem(Where(name, line.number) + "bad verb block header '" +
                      std::string(line.text) + "'");
        code.clear();
      }
      continue;
    }
    if (code.empty()) {
      b->AddProblem(Where(name, line.number) + "pattern outside a verb block");
      continue;
    }
    ReadPattern(line, name, code, reverse, b);
  }
}

void ReadCodes(std::string_view content, const std::string& name,
               DictionaryBuilder* b) {
  int number = 0;
  bool header_seen = false;
  for (std::string_view raw : base::Split(content, '\n')) {
    ++number;
    std::string_view line = StripComment(raw);
    if (base::Trim(line).empty()) continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    std::vector<std::string_view> f = base::Split(line, '\t');
    double g = 0;
    if (f.size() < 3 || !ValidEventCode(base::Trim(f[0])) ||
        !base::ParseDouble(base::Trim(f[1]), &g) || g < -10 || g > 10) {
      b->AddProblem(Where(name, number) +
                    "want: code<TAB>goldstein<TAB>plover<TAB>mode<TAB>label");
      continue;
    }
    CodeInfo info;
    info.code = std::string(base::Trim(f[0]));
    info.goldstein = g;
    info.plover_event = std::string(base::Trim(f[2]));
    if (f.size() > 3) info.plover_mode = std::string(base::Trim(f[3]));
    if (f.size() > 4) info.label = std::string(base::Trim(f[4]));
    b->AddCode(std::move(info));
  }
}

void ReadDiscardsAndIssues(const std::vector<Line>& lines,
                           const std::string& name, bool issues,
                           DictionaryBuilder* b) {
  for (const Line& line : lines) {
    std::string_view text = line.text;
    if (!issues) {
      // "+phrase" story, "?topic phrase" topic cue, "!phrase" anchor.
      char mark = text[0];
      std::string topic;
      if (mark == '+' || mark == '?' || mark == '!') text.remove_prefix(1);
      if (mark == '?') {
        size_t space = text.find_first_of(" \t");
        topic = base::AsciiLower(text.substr(0, space));
        text = space == std::string_view::npos ? "" : text.substr(space);
        if (topic.empty()) {
          b->AddProblem(Where(name, line.number) + "'?' needs a topic: '?sport coach'");
          continue;
        }
      }
      Phrase p = ParsePhrase(text);
      if (p.empty()) {
        b->AddProblem(Where(name, line.number) + "empty discard phrase");
        continue;
      }
      if (mark == '?') {
        b->AddTopicCue(std::move(p), std::move(topic));
      } else if (mark == '!') {
        b->AddAnchor(std::move(p));
      } else {
        b->AddDiscard(std::move(p), mark == '+');
      }
      continue;
    }
    IssueEntry issue;
    issue.ignore = text[0] == '~';
    if (issue.ignore) text.remove_prefix(1);
    size_t open = text.find('[');
    if (!issue.ignore) {
      size_t close = text.find(']', open == std::string_view::npos ? 0 : open);
      if (open == std::string_view::npos || close == std::string_view::npos) {
        b->AddProblem(Where(name, line.number) + "want: PHRASE [ISSUE]");
        continue;
      }
      issue.code = std::string(base::Trim(text.substr(open + 1, close - open - 1)));
      text = text.substr(0, open);
    }
    issue.phrase = ParsePhrase(text);
    if (issue.phrase.empty()) {
      b->AddProblem(Where(name, line.number) + "empty issue phrase");
      continue;
    }
    b->AddIssue(std::move(issue));
  }
}

}  // namespace

Status ReadOwnDictionary(std::string_view content, const std::string& name,
                         DictionaryBuilder* builder) {
  OwnKind kind;
  if (!SniffOwnFormat(content, &kind)) {
    return InvalidArgument(name +
                           ":1: not a ladder dictionary (want a '%ladder "
                           "<kind> 1' header)");
  }
  if (kind == OwnKind::kCodes) {
    ReadCodes(content, name, builder);
    return Status::Ok();
  }
  std::vector<Line> lines = Lines(content);
  lines.erase(lines.begin());  // the header
  switch (kind) {
    case OwnKind::kActors: ReadActors(lines, name, false, builder); break;
    case OwnKind::kAgents: ReadActors(lines, name, true, builder); break;
    case OwnKind::kVerbs: ReadVerbs(lines, name, builder); break;
    case OwnKind::kDiscards:
      ReadDiscardsAndIssues(lines, name, false, builder);
      break;
    case OwnKind::kIssues:
      ReadDiscardsAndIssues(lines, name, true, builder);
      break;
    case OwnKind::kCodes: break;
  }
  return Status::Ok();
}

}  // namespace ladder::dict
