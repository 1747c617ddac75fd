// Comma-delimited clause deletion, as PETRARCH-1 and TABARI did before coding
// (their comma_min/max, comma_bmin/bmax, comma_emin/emax options): a clause
// between two commas, before the first comma or after the last one is
// removed when its length in words lies within the bounds, so that
// appositions ("Dagolath, its biggest trading partner,") and attributions
// (", officials said.") do not supply actors to the main clause.
#ifndef LADDER_CODER_COMMA_CLAUSES_H_
#define LADDER_CODER_COMMA_CLAUSES_H_

#include <vector>

#include "ladder/engine.h"
#include "text/text.h"

namespace ladder::coder {

// Removes the clauses that `bounds` selects from `tokens` (one sentence,
// already annotated). A maximum of 0 turns that kind of clause off. Tokens
// keep their byte offsets. A comma inside a noun phrase ("complete, full
// diplomatic ties") or ending a list ("A, B, and C") delimits no clause.
void DeleteCommaClauses(const CommaClauseBounds& bounds,
                        std::vector<text::Token>* tokens);

}  // namespace ladder::coder

#endif  // LADDER_CODER_COMMA_CLAUSES_H_
