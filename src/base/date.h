// Calendar dates as day numbers (days since 1970-01-01).
#ifndef LADDER_BASE_DATE_H_
#define LADDER_BASE_DATE_H_

#include <string>
#include <string_view>

namespace ladder::base {

int DaysFromCivil(int year, int month, int day);
void CivilFromDays(int days, int* year, int* month, int* day);
// "YYYY-MM-DD" -> day number; false if malformed or not a real date.
bool ParseIsoDate(std::string_view s, int* days);
std::string FormatIsoDate(int days);
// Also accepts ISO 8601 of reduced precision, "YYYY" and "YYYY-MM", as the
// first day of that year or month.
bool ParseIsoDateOrPrefix(std::string_view s, int* days);
// The date of a plain-text document's dateline: a full date (day, month and
// year) in its first line, or its first 200 bytes when the first line is
// longer: "2023-09-08", "September 8, 2023", "Sept. 8, 2023", "8 September
// 2023". "" when there is none (a dateline without a year, "SEOUL, Sept 8
// (Reuters)", gives no date: the year would be a guess).
std::string FindDatelineDate(std::string_view text);
// YYYYMMDD integer (for date-restricted codes) <-> ISO.
int IsoToYmd(std::string_view iso);  // 0 if malformed
int DayOfWeek(int days);             // 0 = Monday ... 6 = Sunday
// A legacy (TABARI/PETRARCH) date, YYMMDD (00-29 -> 20xx, else 19xx) or
// YYYYMMDD, as a YYYYMMDD integer; false if malformed.
bool ParseLegacyDate(std::string_view text, int* ymd);
// The same as "YYYY-MM-DD"; "" if malformed. Spaces around are ignored.
std::string LegacyDateToIso(std::string_view text);

}  // namespace ladder::base

#endif  // LADDER_BASE_DATE_H_
