// Input records of the legacy coders, for `ladder code` and `ladder
// validate`: TABARI text-record headers and PETRARCH XML <Sentence> records
// (../shared/legacy-formats.md; doc/formats/legacy.md).
#ifndef LADDER_BASE_LEGACY_RECORDS_H_
#define LADDER_BASE_LEGACY_RECORDS_H_

#include <string>
#include <string_view>

#include "ladder/event.h"
#include "ladder/status.h"

namespace ladder::base {

// A TABARI record header, "YYMMDD<spaces>RECORD-ID [more fields]" (or
// YYYYMMDD): sets *date ("YYYY-MM-DD", "" if the digits are no date) and
// *id. False if the line is not a header.
bool ParseTabariHeader(std::string_view line, std::string* date, std::string* id);

// Appends one line of a TABARI record to *text, and its /* comments */ (the
// expected codings of a suite) to *comments unless that is null, each part
// followed by a space. *in_comment carries a comment open at the end of
// the line to the next one.
void SplitTabariComments(std::string_view line, bool* in_comment, std::string* text,
                         std::string* comments);

// Runs of white space as one space, none at the ends.
std::string CollapseSpace(std::string_view s);

// One PETRARCH <Sentence date="YYYYMMDD" id="..." [source="..."]> element
// with its <Text> (other children, such as <Parse> and <EventCoding>, are
// ignored) as a document: id, ISO date, text with spaces collapsed, source.
// Errors (malformed XML, no id, a bad date, no text) name `where`.
Result<Document> ParsePetrarchSentence(std::string_view element, std::string_view where);

}  // namespace ladder::base

#endif  // LADDER_BASE_LEGACY_RECORDS_H_
