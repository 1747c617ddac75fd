// Reader for ladder's own dictionary format (doc/formats/dictionaries.md).
#ifndef LADDER_DICT_OWN_FORMAT_H_
#define LADDER_DICT_OWN_FORMAT_H_

#include <string>
#include <string_view>

#include "dict/dictionary.h"

namespace ladder::dict {

enum class OwnKind { kActors, kAgents, kVerbs, kCodes, kDiscards, kIssues };

// True if `content` starts (after blank lines and comments) with a
// "%ladder <kind> <version>" header; sets *kind.
bool SniffOwnFormat(std::string_view content, OwnKind* kind);

// Reads one file's content. Problems with single entries are recorded in the
// builder as "name:line: message" and the entry is skipped; a bad header is
// an error.
Status ReadOwnDictionary(std::string_view content, const std::string& name,
                         DictionaryBuilder* builder);

// Splits a phrase into lower-case words exactly as the tokenizer would
// ("Russia's" -> russia 's, "U.S." -> u.s.); a trailing '*' marks a stem.
Phrase ParsePhrase(std::string_view text);

// Parses "YYYY-MM-DD" or "-" (open end); false if malformed.
bool ParseDateBound(std::string_view text, bool is_end, int* ymd);

}  // namespace ladder::dict

#endif  // LADDER_DICT_OWN_FORMAT_H_
