// Date expressions in a sentence, resolved against the document date.
#ifndef LADDER_CODER_DATES_H_
#define LADDER_CODER_DATES_H_

#include <climits>
#include <string>
#include <vector>

#include "text/text.h"

namespace ladder::coder {

inline constexpr int kNoDate = INT_MIN;

struct DateMention {
  uint32_t begin = 0;  // token range
  uint32_t end = 0;
  // ISO 8601, possibly of reduced precision: "2023-09-07", "2019-09", "2019".
  std::string iso;
};

// Finds "on Friday", "last week", "yesterday", "in 2019", "in September 2019",
// "Sept. 10", "10 September 2023", ... `doc_days` is the document date as a
// day number (kNoDate: unknown; relative expressions are then skipped).
std::vector<DateMention> FindDates(const std::vector<text::Token>& tokens,
                                   int doc_days);

}  // namespace ladder::coder

#endif  // LADDER_CODER_DATES_H_
