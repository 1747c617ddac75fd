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
// YYYYMMDD integer (for date-restricted codes) <-> ISO.
int IsoToYmd(std::string_view iso);  // 0 if malformed
int DayOfWeek(int days);             // 0 = Monday ... 6 = Sunday

}  // namespace ladder::base

#endif  // LADDER_BASE_DATE_H_
