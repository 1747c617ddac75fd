// Validation suites: readers for PETRARCH validation XML and TABARI text
// records, and the scoring rules. The harness itself is RunValidation in
// include/ladder/validate.h.
#ifndef LADDER_CODER_VALIDATION_H_
#define LADDER_CODER_VALIDATION_H_

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "dict/legacy.h"
#include "ladder/status.h"
#include "ladder/validate.h"

namespace ladder::coder {

// Options that <Config> (PETRARCH) or { OPTION: SET: ... } (TABARI) set for
// the records that follow. Defaults as PETRARCH's.
struct RecordOptions {
  bool require_dyad = true;
  int new_actor_length = 0;
  int comma_min = 2, comma_max = 8, comma_bmin = 0, comma_bmax = 0,
      comma_emin = 2, comma_emax = 8;
  auto Key() const {
    return std::make_tuple(require_dyad, new_actor_length, comma_min, comma_max,
                           comma_bmin, comma_bmax, comma_emin, comma_emax);
  }
};

// Applies one option by name (case-insensitive; values "true"/"false" any
// case or integers). False if the name or value is not understood.
bool SetRecordOption(std::string_view name, std::string_view value,
                     RecordOptions* options);

struct SuiteRecord {
  std::string id, category;
  std::string date;  // ISO "YYYY-MM-DD", "" if missing or malformed
  std::string text;  // whitespace collapsed
  std::string parse;  // PETRARCH <Parse> (not used for coding)
  bool sentence_flag = true;  // PETRARCH sentence="true|false"
  bool checked = true;        // TABARI: false if only -{...} blocks
  std::vector<Coding> expected;
  std::string condition;  // as RecordOutcome::expected_condition
  RecordOptions options;
  std::string file;  // the file the record is in (messages)
  int line = 0;
};

struct Suite {
  enum class Kind { kPetrarchXml, kTabari };
  Kind kind = Kind::kPetrarchXml;
  std::string path;
  std::vector<std::string> dictionaries;  // resolved paths
  std::vector<std::string> include;       // categories; empty: all
  bool valid_only = false;                // <Include>valid ...
  std::vector<SuiteRecord> records;
  std::vector<std::string> problems;      // "file:line: message"
  dict::LegacyOptions legacy;             // TABARI .options
};

// PETRARCH validation XML. `path` names the file in messages and resolves
// the dictionary files (relative to its folder).
Result<Suite> ReadPetrarchSuite(std::string_view content, const std::string& path);

// TABARI text records ("YYMMDD ID" header, text lines, /* {codings} */),
// appended to suite->records; problems go to suite->problems.
void ReadTabariRecords(std::string_view content, const std::string& name,
                       Suite* suite);

// A suite from a path: XML, .project, or a TABARI text-records file.
Result<Suite> ReadSuite(const std::string& path);

// Whether `record` is scored under the suite's <Include> list and flags.
bool Included(const Suite& suite, const SuiteRecord& record);

struct RecordScore {
  bool passed = false;
  size_t true_positives = 0, false_positives = 0, false_negatives = 0;
};

// Scores one record: `coded` triples and the conditions ladder reported.
RecordScore ScoreRecord(const SuiteRecord& record, const std::vector<Coding>& coded,
                        const std::vector<std::string>& reported);

// Adds a scored record to the report's totals (not to failures).
void Tally(const SuiteRecord& record, const RecordScore& score,
           ValidationReport* report);
// Computes pass_rate, precision, recall and f1 from the totals.
void FinishReport(ValidationReport* report);

// Input conditions the harness detects itself.
// A leading dateline: "CEBU CITY: -- ...", "MOSCOW (Reuters) - ...".
bool LooksLikeDateline(std::string_view text);
// Whether a Penn Treebank parse has balanced parentheses (empty: true).
bool ParseTreeBalanced(std::string_view parse);
// TABARI COMPLEX: more than max_verbs verb words or max_conj conjunctions.
bool TooComplex(std::string_view text, const dict::LegacyOptions& limits,
                const std::vector<std::string>& verb_words);

}  // namespace ladder::coder

#endif  // LADDER_CODER_VALIDATION_H_
