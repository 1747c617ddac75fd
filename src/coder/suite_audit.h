// Suite audit: facts about validation records that no coder reading only
// their text can pass. A PETRARCH record's expected coding was often made
// from its <Parse>; when the parse is of other words ("Congresses" where the
// text says "government"), the coding follows those words. Two records with
// the same text, date and options that expect different codings cannot both
// pass. An expected actor code that no dictionary entry gives cannot be coded.
//
// `ladder validate` prints these findings beside the failing records and
// counts them in its summary; the pass rate itself is over all records.
#ifndef LADDER_CODER_SUITE_AUDIT_H_
#define LADDER_CODER_SUITE_AUDIT_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "coder/validation.h"
#include "dict/dictionary.h"

namespace ladder::coder {

// The codes a suite's dictionaries can give: actor codes, agent codes and
// event codes (a pattern's code and its paired reverse code).
struct SuiteCodes {
  std::set<std::string, std::less<>> actors;  // actor and agent codes
  std::set<std::string, std::less<>> events;
};
SuiteCodes CodesOf(const dict::DictionaryBuilder& dictionaries);

// "" if the leaves of the Penn Treebank `parse` spell the same letters and
// digits as `text` (case, spacing, punctuation and -LRB- style brackets
// ignored) or the parse is empty; otherwise where they part:
// "the <Parse> has 'Congresses condemned' where the text has 'government
// condemned'".
std::string ParseDiffers(std::string_view text, std::string_view parse);

// Whether an actor code (as in <EventCoding>) can be built from whole
// dictionary codes: an actor or "---" and agents, in any order ("NGOARN",
// "---GOV", "IGOCOPITP"). Quoted new actors ("\"INJURY TOLL\"") are
// buildable.
bool CodeBuildable(std::string_view code, const SuiteCodes& codes);

// "" or why `record`'s expected codings name a code no dictionary entry
// gives: "expects actor code '###', which no dictionary entry gives".
std::string UnbuildableCodes(const SuiteRecord& record, const SuiteCodes& codes);

struct Finding {
  size_t record = 0;  // index in Suite::records
  std::string message;
};

// All findings for the records at `indices` (the ones scored), in suite
// order. Twins are compared among those records only.
std::vector<Finding> AuditSuite(const Suite& suite, const std::vector<size_t>& indices,
                                const SuiteCodes& codes);

}  // namespace ladder::coder

#endif  // LADDER_CODER_SUITE_AUDIT_H_
