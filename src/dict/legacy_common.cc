// Legacy dictionaries: line handling, phrases, dates, format recognition and
// the entry points.
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "base/date.h"
#include "base/strings.h"
#include "dict/legacy.h"
#include "dict/loader.h"
#include "dict/own_format.h"

namespace ladder::dict {
namespace legacy_internal {
namespace {

// Removes "#" (and optionally ";") comments that are not inside "[...]".
std::string_view StripComment(std::string_view s, bool semicolon) {
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '[') ++depth;
    if (c == ']' && depth > 0) --depth;
    if (depth == 0 && (c == '#' || (semicolon && c == ';'))) {
      return s.substr(0, i);
    }
  }
  return s;
}

std::string_view RightTrim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

void ReadContext::Problem(int line, const std::string& message) const {
  builder->AddProblem(name + ":" + std::to_string(line) + ": " + message);
}

std::vector<Line> SignificantLines(std::string_view content,
                                   bool semicolon_comments) {
  std::vector<Line> lines;
  bool in_comment = false;
  int number = 0;
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view raw = content.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    // Markup comments "<!-- ... -->" (also "<! -- ... -->"), maybe multi-line.
    std::string_view text = raw;
    if (in_comment) {
      size_t close = text.find("-->");
      if (close == std::string_view::npos) continue;
      in_comment = false;
      text = text.substr(close + 3);
    }
    std::string_view trimmed = base::Trim(text);
    if (base::StartsWith(trimmed, "<!")) {
      size_t close = trimmed.find("-->");
      if (close == std::string_view::npos) {
        in_comment = true;
        continue;
      }
      text = trimmed.substr(close + 3);
    }
    text = RightTrim(StripComment(text, semicolon_comments));
    if (base::Trim(text).empty()) continue;
    Line line;
    line.number = number;
    line.indented = text[0] == ' ' || text[0] == '\t';
    line.text = base::Trim(text);
    lines.push_back(line);
    if (end == content.size()) break;
  }
  return lines;
}

Phrase LegacyPhrase(std::string_view text, bool stems) {
  std::string joined;
  bool last_exact = false;
  for (char c : text) {
    if (c == '_' || c == ' ' || c == '\t') {
      if (!joined.empty() && joined.back() != ' ') joined.push_back(' ');
      last_exact = c == '_';
    } else {
      joined.push_back(static_cast<char>(
          std::tolower(static_cast<unsigned char>(c))));
      last_exact = false;
    }
  }
  while (!joined.empty() && joined.back() == ' ') joined.pop_back();
  if (joined.empty()) return {};
  // A stem needs at least three letters: "IN" must not match "into".
  size_t word_start = joined.rfind(' ');
  word_start = word_start == std::string::npos ? 0 : word_start + 1;
  bool stem = stems && !last_exact && joined.size() - word_start >= 3 &&
              joined.back() != '*';
  if (stem) joined.push_back('*');
  return ParsePhrase(joined);
}

namespace {

// The YYYYMMDD of the day before / after `ymd`.
int ShiftDay(int ymd, int delta) {
  int days = base::DaysFromCivil(ymd / 10000, ymd / 100 % 100, ymd % 100);
  int y, m, d;
  base::CivilFromDays(days + delta, &y, &m, &d);
  return y * 10000 + m * 100 + d;
}

}  // namespace

bool ParseDatedCode(std::string_view text, DatedCode* code, std::string* error) {
  text = base::Trim(text);
  size_t space = text.find_first_of(" \t");
  std::string_view head = text.substr(0, space);
  std::string range;
  if (space != std::string_view::npos) {
    for (char c : text.substr(space)) {
      if (c != ' ' && c != '\t') range.push_back(c);
    }
  }
  if (head.empty()) {
    *error = "empty code";
    return false;
  }
  code->code = base::AsciiUpper(head);
  code->from_ymd = 0;
  code->to_ymd = 99999999;
  if (range.empty()) return true;
  int a = 0, b = 0;
  if (range[0] == '<' || range[0] == '>') {
    if (!base::ParseLegacyDate(std::string_view(range).substr(1), &a)) {
      *error = "bad date restriction '" + range + "'";
      return false;
    }
    // Restrictions are strict: "<950601" ends on 950531.
    if (range[0] == '<') code->to_ymd = ShiftDay(a, -1);
    if (range[0] == '>') code->from_ymd = ShiftDay(a, 1);
    return true;
  }
  size_t dash = range.find('-');
  if (dash == std::string::npos ||
      !base::ParseLegacyDate(std::string_view(range).substr(0, dash), &a) ||
      !base::ParseLegacyDate(std::string_view(range).substr(dash + 1), &b) || b < a) {
    *error = "bad date range '" + range + "'";
    return false;
  }
  code->from_ymd = a;
  code->to_ymd = b;
  return true;
}

bool SplitBrackets(std::string_view text, std::string_view* head,
                   std::vector<std::string_view>* groups) {
  size_t open = text.find('[');
  *head = base::Trim(text.substr(0, open));
  while (open != std::string_view::npos) {
    size_t close = text.find(']', open);
    if (close == std::string_view::npos) return false;
    groups->push_back(text.substr(open + 1, close - open - 1));
    open = text.find('[', close);
  }
  return true;
}

}  // namespace legacy_internal

using legacy_internal::Line;
using legacy_internal::ReadContext;
using legacy_internal::SignificantLines;

const char* LegacyFormatName(LegacyFormat format) {
  switch (format) {
    case LegacyFormat::kPetrarchVerbs: return "PETRARCH-1 verbs";
    case LegacyFormat::kPetrarch2Verbs: return "PETRARCH-2 verbs";
    case LegacyFormat::kTabariVerbs: return "TABARI verbs";
    case LegacyFormat::kActors: return "actors";
    case LegacyFormat::kAgents: return "agents";
    case LegacyFormat::kDiscards: return "discards";
    case LegacyFormat::kIssues: return "issues";
    case LegacyFormat::kTabariOptions: return "TABARI options";
    case LegacyFormat::kTabariProject: return "TABARI project";
    case LegacyFormat::kPrepositions: return "prepositions";
    case LegacyFormat::kUnknown: break;
  }
  return "unknown";
}

namespace {

std::string LowerName(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  return base::AsciiLower(name);
}

bool IsVerbHeader(std::string_view t) {
  return base::StartsWith(t, "---") && t.size() > 6 &&
         t.find('[') != std::string_view::npos &&
         t.find("---", 3) != std::string_view::npos;
}

// Counts of tell-tale lines in the first part of a file.
struct Signals {
  int verb_headers = 0, patterns = 0, paren_patterns = 0, agent_codes = 0,
      subst_sets = 0, issue_tags = 0, bracket_lines = 0, plain_lines = 0,
      complex = 0, transformations = 0, plus_lines = 0, indented_codes = 0;
};

Signals Scan(const std::vector<Line>& lines) {
  Signals s;
  size_t n = std::min<size_t>(lines.size(), 4000);
  for (size_t i = 0; i < n; ++i) {
    std::string_view t = lines[i].text;
    if (IsVerbHeader(t)) ++s.verb_headers;
    if (base::StartsWith(t, "- ")) {
      ++s.patterns;
      if (t.find('(') != std::string_view::npos) ++s.paren_patterns;
    }
    if (base::StartsWith(t, "~ ")) ++s.transformations;
    if (t.find("[~") != std::string_view::npos ||
        t.find("~]") != std::string_view::npos ||
        t.find("[ ~") != std::string_view::npos) {
      ++s.agent_codes;
    }
    if (t[0] == '!' && t.find("! =") != std::string_view::npos) ++s.subst_sets;
    if (base::StartsWith(t, "<ISSUE") || base::StartsWith(t, "</ISSUE")) {
      ++s.issue_tags;
    }
    if (base::StartsWith(base::AsciiUpper(t.substr(0, 8)), "COMPLEX:")) {
      ++s.complex;
    }
    if (t[0] == '+') ++s.plus_lines;
    if (lines[i].indented && t[0] == '[') ++s.indented_codes;
    if (t.find('[') != std::string_view::npos) {
      ++s.bracket_lines;
    } else {
      ++s.plain_lines;
    }
  }
  return s;
}

}  // namespace

LegacyFormat DetectLegacyFormat(std::string_view content, std::string_view name) {
  std::string lower = LowerName(name);
  if (base::EndsWith(lower, ".project")) return LegacyFormat::kTabariProject;
  OwnKind own;
  if (SniffOwnFormat(content, &own)) return LegacyFormat::kUnknown;
  Signals s = Scan(SignificantLines(content, false));
  if (s.verb_headers > 0) {
    bool p2 = s.paren_patterns > 0 || s.transformations > 0 ||
              lower.find("cameo.2") != std::string::npos;
    return p2 ? LegacyFormat::kPetrarch2Verbs : LegacyFormat::kPetrarchVerbs;
  }
  if (s.issue_tags > 0) return LegacyFormat::kIssues;
  if (s.complex > 0 || base::EndsWith(lower, ".options")) {
    return LegacyFormat::kTabariOptions;
  }
  if (s.patterns > 0) return LegacyFormat::kTabariVerbs;
  if (s.agent_codes > 0 || s.subst_sets > 0) return LegacyFormat::kAgents;
  if (lower.find("preposition") != std::string::npos) {
    return LegacyFormat::kPrepositions;
  }
  if (lower.find("issue") != std::string::npos) return LegacyFormat::kIssues;
  if (lower.find("discard") != std::string::npos) return LegacyFormat::kDiscards;
  if (lower.find("agent") != std::string::npos) return LegacyFormat::kAgents;
  if (s.bracket_lines > 0 &&
      (s.plus_lines > 0 || s.indented_codes > 0 ||
       s.bracket_lines * 4 >= s.plain_lines)) {
    return LegacyFormat::kActors;
  }
  if (lower.find("actor") != std::string::npos) return LegacyFormat::kActors;
  return LegacyFormat::kUnknown;
}

namespace {

bool TabariName(std::string_view name) {
  std::string lower = LowerName(name);
  return base::EndsWith(lower, ".actors") || base::EndsWith(lower, ".verbs") ||
         base::EndsWith(lower, ".agents") || base::EndsWith(lower, ".options");
}

Status ReadImpl(std::string_view content, std::string_view name,
                DictionaryBuilder* builder, LegacyOptions* options,
                const LegacyReadOptions& ro, bool in_project);

Status ReadProject(std::string_view content, std::string_view name,
                   DictionaryBuilder* builder, LegacyOptions* options,
                   const LegacyReadOptions& ro) {
  std::vector<std::string> problems;
  TabariProject project = ParseTabariProject(content, name, &problems);
  for (std::string& p : problems) builder->AddProblem(std::move(p));
  if (!ro.follow_project) return Status::Ok();
  std::vector<std::string> files;
  for (const auto* list : {&project.options, &project.actors, &project.agents,
                           &project.verbs}) {
    files.insert(files.end(), list->begin(), list->end());
  }
  for (const std::string& file : files) {
    ASSIGN_OR_RETURN(std::string data, ReadFile(file));
    RETURN_IF_ERROR(ReadImpl(data, file, builder, options, ro, true));
  }
  return Status::Ok();
}

Status ReadImpl(std::string_view content, std::string_view name,
                DictionaryBuilder* builder, LegacyOptions* options,
                const LegacyReadOptions& ro, bool in_project) {
  LegacyFormat format = DetectLegacyFormat(content, name);
  if (format == LegacyFormat::kUnknown) {
    return InvalidArgument(std::string(name) +
                           ":1: unrecognised dictionary format");
  }
  if (format == LegacyFormat::kTabariProject) {
    if (in_project) {
      return InvalidArgument(std::string(name) + ":1: a project names a project");
    }
    return ReadProject(content, name, builder, options, ro);
  }
  bool tabari = in_project || format == LegacyFormat::kTabariVerbs ||
                format == LegacyFormat::kTabariOptions || TabariName(name);
  LegacyOptions scratch;
  ReadContext ctx;
  ctx.name = std::string(name);
  ctx.builder = builder;
  ctx.options = options != nullptr ? options : &scratch;
  ctx.stems = ro.stems == StemRule::kAlways ||
              (ro.stems == StemRule::kByFormat && tabari);
  std::vector<Line> lines = SignificantLines(content, tabari);
  using namespace legacy_internal;
  switch (format) {
    case LegacyFormat::kPetrarchVerbs:
    case LegacyFormat::kPetrarch2Verbs:
    case LegacyFormat::kTabariVerbs: ReadVerbs(lines, format, ctx); break;
    case LegacyFormat::kActors: ReadActors(lines, ctx); break;
    case LegacyFormat::kAgents: ReadAgents(lines, ctx); break;
    case LegacyFormat::kDiscards: ReadDiscards(lines, ctx); break;
    case LegacyFormat::kIssues: ReadIssues(lines, ctx); break;
    case LegacyFormat::kTabariOptions: ReadTabariOptions(lines, ctx); break;
    default: break;
  }
  return Status::Ok();
}

}  // namespace

Status ReadLegacyDictionaryFromString(std::string_view content,
                                      std::string_view name,
                                      DictionaryBuilder* builder,
                                      LegacyOptions* options,
                                      const LegacyReadOptions& read_options) {
  return ReadImpl(content, name, builder, options, read_options, false);
}

Status ReadLegacyDictionary(const std::string& path, DictionaryBuilder* builder,
                            LegacyOptions* options,
                            const LegacyReadOptions& read_options) {
  ASSIGN_OR_RETURN(std::string content, ReadFile(path));
  return ReadImpl(content, path, builder, options, read_options, false);
}

Status ReadLegacyDictionary(const std::string& path, DictionaryBuilder* builder) {
  return ReadLegacyDictionary(path, builder, nullptr, {});
}

TabariProject ParseTabariProject(std::string_view content, std::string_view name,
                                 std::vector<std::string>* problems) {
  TabariProject project;
  std::filesystem::path dir = std::filesystem::path(std::string(name)).parent_path();
  for (const Line& line : SignificantLines(content, true)) {
    std::string_view t = line.text;
    // "<actors> file", "actors: file", "actorsfile file" ...
    size_t split = t.find_first_of(" \t");
    std::string key = base::AsciiLower(t.substr(0, split));
    std::string_view value =
        split == std::string_view::npos ? "" : base::Trim(t.substr(split));
    std::string clean;
    for (char c : key) {
      if (std::isalpha(static_cast<unsigned char>(c))) clean.push_back(c);
    }
    std::vector<std::string>* list = nullptr;
    if (base::StartsWith(clean, "actor")) list = &project.actors;
    if (base::StartsWith(clean, "verb")) list = &project.verbs;
    if (base::StartsWith(clean, "agent")) list = &project.agents;
    if (base::StartsWith(clean, "option")) list = &project.options;
    if (base::StartsWith(clean, "text")) list = &project.text;
    if (base::StartsWith(clean, "event") || base::StartsWith(clean, "output")) {
      list = &project.events;
    }
    if (base::StartsWith(clean, "error")) list = &project.errors;
    if (list == nullptr) continue;  // coder, date, log ...: not ladder's business
    if (value.empty()) {
      problems->push_back(std::string(name) + ":" + std::to_string(line.number) +
                          ": '" + key + "' names no file");
      continue;
    }
    // A line may name several files.
    for (std::string_view file : base::Split(value, ' ')) {
      file = base::Trim(file);
      if (file.empty()) continue;
      list->push_back((dir / std::string(file)).string());
    }
  }
  return project;
}

}  // namespace ladder::dict
