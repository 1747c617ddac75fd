// Status helpers that are not inline.
#include "ladder/status.h"

#include <cstdio>
#include <cstdlib>

namespace ladder {

void DieOnResultError(const Status& status) {
  std::fprintf(stderr, "ladder: internal error: Result::value() read on an error: %s\n",
               status.message().c_str());
  std::abort();
}

}  // namespace ladder
