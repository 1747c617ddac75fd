// Where ladder finds its own data at run time. Nothing is compiled in: the
// data root is found from the environment or from where the running binary
// is, so a build tree and an installed ladder both work from any directory.
//
// The data root is a folder laid out as an install's `<prefix>/share/ladder`:
//   data/               ladder's dictionaries, codes.txt, confidence.txt,
//                       import/ (the source tree's data/ folder)
//   countries_iso.txt   countries generated from Debian's iso-codes
//   default.ldict       (installs only) the default dictionaries compiled
//                       into one snapshot; used when present
//
// Thread-safety: the functions may be called from any thread; the root is
// found once per process.
#ifndef LADDER_DATA_H_
#define LADDER_DATA_H_

#include <string>

#include "ladder/status.h"

namespace ladder {

// The data root: $LADDER_DATA if it is set (an error if it does not hold
// data/codes.txt), else the first of `share/ladder` beside the running
// binary's folder or one of its parents (an install, <prefix>/bin/ladder ->
// <prefix>/share/ladder; the build tree, build/ladder ->
// build/share/ladder) that holds data/codes.txt. The error names the places
// looked at.
Result<std::string> DataRoot();

// DataRoot() + "/data".
Result<std::string> DataDir();

// A file under the data root ("countries_iso.txt", "data/codes.txt").
Result<std::string> DataFile(const std::string& relative);

}  // namespace ladder

#endif  // LADDER_DATA_H_
