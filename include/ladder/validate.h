// Validation suites: run a PETRARCH XML suite (PETR.UnitTest.records.xml) or
// a TABARI project with expected codings in its text records, and score
// ladder against the expected events.
//
//   ladder::ValidateOptions options;
//   auto report = ladder::RunValidation("suite.xml", options);
//   std::puts(ladder::ValidationReportToJson(*report).c_str());
//
// Scoring (legacy-formats.md): a record passes iff the multiset of coded
// (source, target, event) triples equals the expected multiset; a "noevents"
// record passes iff nothing is coded; an error record passes iff that
// condition is reported. Event-level precision/recall count matched triples.
//
// Thread-safety: RunValidation is thread-safe (it opens its own engines).
#ifndef LADDER_VALIDATE_H_
#define LADDER_VALIDATE_H_

#include <map>
#include <string>
#include <vector>

#include "ladder/status.h"

namespace ladder {

// One (source, target, event) triple; codes compare as strings.
struct Coding {
  std::string source;  // "ARNGOV", "---GOV", "---" (no actor)
  std::string target;
  std::string event;   // "064", "174K"
  bool operator==(const Coding& o) const {
    return source == o.source && target == o.target && event == o.event;
  }
  bool operator<(const Coding& o) const {
    if (source != o.source) return source < o.source;
    if (target != o.target) return target < o.target;
    return event < o.event;
  }
};

struct ValidateOptions {
  int limit = 0;  // code at most this many records (0: all)
  bool explain_failures = true;  // attach Engine::Explain to failing records
  // Dictionaries to use instead of the ones the suite names.
  std::vector<std::string> dictionaries;
  // Ignore the suite's <Include> list and its sentence="false" flags.
  bool include_all = false;
  // Delete comma-delimited clauses as the records' comma_* options say
  // (PETRARCH defaults: internal 2-8 words, terminal 2-8, initial off).
  bool comma_clauses = true;
};

// The outcome of one record.
struct RecordOutcome {
  std::string id, category, date, text;
  std::string where;  // "suite.xml:123"
  std::vector<Coding> expected, coded;
  // "" (events expected), "noevents", "dateline", "bad_input_parse",
  // "sentencediscard", "storydiscard", "discard" (TABARI {###}), "complex"
  // (TABARI {+++}).
  std::string expected_condition;
  std::vector<std::string> reported_conditions;
  bool passed = false;
  std::string note;     // e.g. the engine's error for this record
  std::string explain;  // Engine::Explain output (failures only)
  // Why no coder reading only the text could pass this record (suite audit):
  // "the <Parse> has 'Congresses condemned' where the text has ...".
  std::vector<std::string> findings;
};

// A suite-audit finding about a scored record (passing or not).
struct SuiteFinding {
  std::string id, where, message;
  bool passed = false;
};

struct CategoryResult {
  size_t records = 0;
  size_t passed = 0;
};

struct ValidationReport {
  std::string suite;
  size_t records = 0;  // records scored
  size_t passed = 0;
  size_t skipped = 0;  // excluded by <Include>, sentence="false", unchecked
  size_t true_positives = 0, false_positives = 0, false_negatives = 0;
  double pass_rate = 0, precision = 0, recall = 0, f1 = 0;
  std::map<std::string, CategoryResult> by_category;
  std::vector<RecordOutcome> failures;  // in suite order
  std::vector<std::string> problems;    // suite and dictionary problems
  // Records whose <Parse> is of other words, twins (same text, date and
  // options, different expected codings) and expected codes no dictionary
  // entry gives; in suite order. Counted in the pass rate like any record.
  std::vector<SuiteFinding> findings;
  double seconds = 0;
};

// Runs the suite at `suite_path`: a PETRARCH validation XML file (its
// dictionaries are named in <Environment>, relative to its folder), a TABARI
// .project (dictionaries, options and text records named in it), or a TABARI
// text-records file with options.dictionaries given. Errors: unreadable or
// malformed suite, dictionaries that do not load.
Result<ValidationReport> RunValidation(const std::string& suite_path,
                                       const ValidateOptions& options);

// The report as one line of JSON: records, passed, skipped, pass_rate,
// precision, recall, f1, true_positives, false_positives, false_negatives,
// by_category {name: {records, passed, pass_rate}}, failures [ids],
// findings [{id, passed, finding}].
std::string ValidationReportToJson(const ValidationReport& report);

}  // namespace ladder

#endif  // LADDER_VALIDATE_H_
