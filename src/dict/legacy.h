// Readers for the dictionary formats of the classic event coders, compiled
// into ladder's one internal representation (dict/dictionary.h):
//
//   PETRARCH-1 verb patterns (PETR.Validate.verbs.txt, CAMEO.verbpatterns.*)
//   PETRARCH-2 verbs (CAMEO.2.0.txt)
//   Phoenix / PETRARCH actors, agents, discards, issues
//   TABARI .actors .verbs .agents .options .project
//
// The format is recognised from the content, with the file name as a hint
// (doc/formats/legacy.md lists the rules and every mapping). Problems with
// single entries are recorded as "file:line: message" with
// DictionaryBuilder::AddProblem and the rest of the file is loaded; only an
// unreadable file or an unrecognised format is an error. The readers never
// crash on bad input (tests/fuzz/legacy_fuzz.cc).
//
// Thread-safety: the functions are thread-safe; a builder is used by one
// thread at a time.
#ifndef LADDER_DICT_LEGACY_H_
#define LADDER_DICT_LEGACY_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dict/dictionary.h"
#include "ladder/status.h"

namespace ladder::dict {

enum class LegacyFormat {
  kUnknown,
  kPetrarchVerbs,   // PETRARCH-1: "--- GRANT [070] ---" blocks
  kPetrarch2Verbs,  // PETRARCH-2 CAMEO.2.0.txt: the same blocks, 5-part patterns
  kTabariVerbs,     // TABARI .verbs: "ARRIVE [032:033]" then "- ..." patterns
  kActors,          // Phoenix / PETRARCH / TABARI actors
  kAgents,          // "PRESIDENT [~GOV]", "!SET! = a, b"
  kDiscards,        // one phrase a line, "+" = story
  kIssues,          // "<ISSUE ...>" blocks, "n:word [CODE]", "~phrase"
  kTabariOptions,   // "COMPLEX: VERBS[5] CONJ[4]", "SET: ..."
  kTabariProject,   // names the other files (recognised by ".project")
  kPrepositions,    // Phoenix.prepositions.txt: read, nothing to add
};

const char* LegacyFormatName(LegacyFormat format);

// Recognises the format of `content`; `name` (a path or a bare file name) is
// a hint used where the content is ambiguous. kUnknown for ladder's own
// format and for anything else.
LegacyFormat DetectLegacyFormat(std::string_view content, std::string_view name);

// TABARI .options settings that the validation harness applies.
struct LegacyOptions {
  int max_verbs = 0;  // COMPLEX: VERBS[n]; 0 = no limit
  int max_conj = 0;   // COMPLEX: CONJ[n]; 0 = no limit
  // SET: and other commands, as (lower-case name, value) in file order.
  std::vector<std::pair<std::string, std::string>> settings;
};

// Whether a legacy word without a trailing '_' matches as a stem.
enum class StemRule {
  kByFormat,  // TABARI files: yes; PETRARCH / Phoenix files: no (exact + lemma)
  kNever,
  kAlways,
};

struct LegacyReadOptions {
  StemRule stems = StemRule::kByFormat;
  // A .project reads the files it names (relative to its folder). Off in
  // fuzzing, where the content is arbitrary.
  bool follow_project = true;
};

// Reads one legacy dictionary file (or a TABARI .project and the dictionary
// files it names). `options`, if not null, receives TABARI .options settings.
Status ReadLegacyDictionary(const std::string& path, DictionaryBuilder* builder);
Status ReadLegacyDictionary(const std::string& path, DictionaryBuilder* builder,
                            LegacyOptions* options,
                            const LegacyReadOptions& read_options = {});

// The same from memory; `name` is used in messages, as the format hint and,
// for a project, to resolve the files it names.
Status ReadLegacyDictionaryFromString(std::string_view content,
                                      std::string_view name,
                                      DictionaryBuilder* builder,
                                      LegacyOptions* options = nullptr,
                                      const LegacyReadOptions& read_options = {});

// A TABARI .project: the files it names, resolved relative to its folder.
struct TabariProject {
  std::vector<std::string> actors, verbs, agents, options, text, events, errors;
};
// Parses a .project; unknown keywords are problems appended to `problems`.
TabariProject ParseTabariProject(std::string_view content, std::string_view name,
                                 std::vector<std::string>* problems);

// ---------------------------------------------------------------------------
// Internals shared by the legacy_*.cc files (not for other modules).
namespace legacy_internal {

// One significant line: comments removed, right-trimmed, never empty.
struct Line {
  std::string_view text;
  int number = 0;
  bool indented = false;  // started with a space or tab
};

// Splits `content` into significant lines. Removes "\r", "<!-- ... -->"
// (also over several lines), "#" comments (not inside "[...]"), and with
// `semicolon_comments` also ";" comments (TABARI).
std::vector<Line> SignificantLines(std::string_view content,
                                   bool semicolon_comments);

// Context passed to every reader.
struct ReadContext {
  std::string name;  // for messages
  bool stems = false;
  bool exact_words = false;  // VerbPattern::exact_words for the patterns read
  DictionaryBuilder* builder = nullptr;
  LegacyOptions* options = nullptr;
  void Problem(int line, const std::string& message) const;
};

// Converts one legacy phrase ("NEW_ZEALAND_", "Hamas wing", "U.S.") into
// lower-case words as the tokenizer splits them. With ctx.stems the last
// word becomes a stem ("word*") unless it ends in '_'.
Phrase LegacyPhrase(std::string_view text, bool stems);

// Parses the inside of a code bracket, "HOB < 950601", "USAGOV 991201-010114",
// "RUSGOV >080508", "ARN": fills *code (upper-case) and the range.
bool ParseDatedCode(std::string_view text, DatedCode* code, std::string* error);
// Extracts every "[...]" group of `text` (contents without brackets); the
// text before the first '[' goes to *head. False on an unclosed '['.
bool SplitBrackets(std::string_view text, std::string_view* head,
                   std::vector<std::string_view>* groups);

void ReadActors(const std::vector<Line>& lines, const ReadContext& ctx);
void ReadAgents(const std::vector<Line>& lines, const ReadContext& ctx);
void ReadDiscards(const std::vector<Line>& lines, const ReadContext& ctx);
void ReadIssues(const std::vector<Line>& lines, const ReadContext& ctx);
void ReadVerbs(const std::vector<Line>& lines, LegacyFormat format,
               const ReadContext& ctx);
void ReadTabariOptions(const std::vector<Line>& lines, const ReadContext& ctx);

// The gap a space between two legacy pattern words stands for.
inline constexpr int kLegacyGap = 6;
// Patterns expanding into more variants than this are cut and reported.
inline constexpr int kMaxPatternVariants = 256;

}  // namespace legacy_internal
}  // namespace ladder::dict

#endif  // LADDER_DICT_LEGACY_H_
