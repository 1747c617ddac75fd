// Writing events in the formats of other event data sets: GDELT 2.0 export
// rows, PLOVER JSON records and Phoenix (PETRARCH) TSV rows.
//
// Every writer returns one line without its trailing newline. Text fields are
// sanitized for the format (tabs and line breaks become spaces in the
// tab-separated formats; JSON strings are escaped). The writers never fail:
// a field ladder does not know is written the way the format writes an
// unknown value (empty, or 0 where GDELT writes 0).
//
// Dates: ladder's event date is ISO "YYYY-MM-DD", or reduced precision
// "YYYY-MM" / "YYYY". Unknown parts are written as 00 ("2019-09" ->
// 20190900), the convention of GDELT and Phoenix for partial dates. A date
// that is empty or malformed leaves the date columns empty.
//
// Thread-safety: all functions are pure and thread-safe.
#ifndef LADDER_LEGACY_IO_H_
#define LADDER_LEGACY_IO_H_

#include <cstdint>
#include <string>

#include "ladder/event.h"

namespace ladder {

// Number of columns of a GDELT 2.0 event export row.
inline constexpr int kGdelt2Columns = 61;

// One GDELT 2.0 event export row: exactly 61 tab-separated columns in the
// order of the GDELT Event Codebook V2.0. GDELT 2.0 files have no header row,
// so there is deliberately no Gdelt2Header(): a file of these rows is read by
// GDELT tools as it is.
//  - GLOBALEVENTID: Gdelt2EventId(event.event_id).
//  - SQLDATE/MonthYear/Year from the event date (00 for unknown parts);
//    FractionDate as GDELT computes it: year + ((month-1)*30 + day)/365 with
//    4 decimals (checked against real GDELT rows).
//  - ActorNCode = the actor's code, ActorNName = its text upper-cased,
//    ActorNCountryCode = its country, ActorNType1Code = its agent; known
//    group, ethnic, religion and Type2/3 codes are empty.
//  - IsRootEvent 1; EventCode/EventBaseCode/EventRootCode = the CAMEO code and
//    its first 3 and 2 characters; QuadClass; GoldsteinScale (1 decimal);
//    NumMentions/NumSources/NumArticles 1; AvgTone 0.
//  - Geo blocks as GDELT writes an unknown location: type 0, the rest empty.
//  - DATEADDED: the event date at 000000 (unknown month/day as 01 so the
//    timestamp stays valid); SOURCEURL empty (an Event carries no URL).
std::string EventToGdelt2(const Event& event);

// A stable positive 63-bit id for an event id (FNV-1a 64, top bit cleared;
// never 0). The same event id always gives the same number.
int64_t Gdelt2EventId(const std::string& event_id);

// One PLOVER JSON object (for JSON Lines). It carries the PLOVER manual's
// standard fields -- "id", "date", "event" (list), "actor"/"recipient" (lists
// of entity objects {"code", "sector", "entity_text", "actor_code"}),
// "quad_code", "event_text" (list), "text", "text_info" {"sequence", "start",
// "end"} (byte offsets), "context" (empty list), "cite_info" {"coder"} -- and
// the flat fields of the PLOVER event data sets: "event_type", "mode",
// "actor1", "actor1_code", "actor2", "actor2_code", "cameo", "goldstein",
// "modality", "attribution" (string or null), "doc_id".
std::string EventToPlover(const Event& event);

// Phoenix / PETRARCH tab-separated columns (26): EventID, Date (YYYYMMDD),
// Year, Month, Day, SourceActorFull, SourceActorEntity (country),
// SourceActorRole (agent), SourceActorAttribute, the same four for the
// target, EventCode, EventRootCode, QuadClass, GoldsteinScore, Issues
// ("CODE,count;CODE,count"), Lat, Lon, LocationName, StateName, CountryCode,
// SentenceID ("<doc_id>-<sentence>"), URLs, NewsSources. Unknown: empty.
std::string PhoenixHeader();
std::string EventToPhoenix(const Event& event);

}  // namespace ladder

#endif  // LADDER_LEGACY_IO_H_
