#include "coder/dates.h"

#include <cstdio>
#include <string_view>

#include "base/date.h"
#include "base/strings.h"

namespace ladder::coder {

using namespace std::string_view_literals;  // "x"sv: compared inline, no strlen

namespace {

// The document date, broken down once per sentence rather than per token.
struct DocDate {
  int days = kNoDate;
  int year = 0, month = 0, day = 0;  // 0 when unknown

  explicit DocDate(int doc_days) : days(doc_days) {
    if (days != kNoDate) base::CivilFromDays(days, &year, &month, &day);
  }
};

int Weekday(std::string_view w) {
  static constexpr std::string_view kDays[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday"};
  if (w.size() < 6 || w.size() > 9 || w.substr(w.size() - 3) != "day"sv) {
    return -1;
  }
  for (int i = 0; i < 7; ++i) {
    if (w == kDays[i]) return i;
  }
  return -1;
}

int Month(std::string_view w) {
  if (w.size() < 3 || w.size() > 9) return 0;
  static constexpr std::string_view kMonths[][3] = {
      {"january", "jan.", "jan"},   {"february", "feb.", "feb"},
      {"march", "mar.", "mar"},     {"april", "apr.", "apr"},
      {"may", "may", "may"},        {"june", "jun.", "jun"},
      {"july", "jul.", "jul"},      {"august", "aug.", "aug"},
      {"september", "sept.", "sep."}, {"october", "oct.", "oct"},
      {"november", "nov.", "nov"},  {"december", "dec.", "dec"}};
  // Only the months that share the word's first letter are compared.
  int first = 0, last = -1;
  if (w.empty()) return 0;
  switch (w[0]) {
    case 'j': first = 0, last = 6; break;  // january, june, july
    case 'f': first = last = 1; break;
    case 'm': first = 2, last = 4; break;  // march, may
    case 'a': first = 3, last = 7; break;  // april, august
    case 's': first = last = 8; break;
    case 'o': first = last = 9; break;
    case 'n': first = last = 10; break;
    case 'd': first = last = 11; break;
    default: return 0;
  }
  for (int i = first; i <= last; ++i) {
    if (kMonths[i][0][0] != w[0]) continue;
    for (std::string_view form : kMonths[i]) {
      if (w == form) return i + 1;
    }
  }
  if (w == "sept"sv || w == "sep"sv) return 9;
  return 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool Number(const text::Token& t, int lo, int hi, int* value) {
  // Only digits parse to a value in [lo, hi] (lo >= 1: no sign), so a
  // token that does not start with one is ruled out without parsing.
  std::string_view digits = t.lower;
  if (digits.empty() || !IsDigit(digits[0])) return false;
  // "10th", "1st"
  while (!IsDigit(digits.back())) digits.remove_suffix(1);
  long long v;
  if (!base::ParseInt(digits, &v) || v < lo || v > hi) return false;
  *value = static_cast<int>(v);
  return true;
}

std::string YearMonth(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

bool FullDate(int year, int month, int day, std::string* iso) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  int days;
  if (!base::ParseIsoDate(buf, &days)) return false;
  *iso = buf;
  return true;
}

// Relative expressions: weekdays, yesterday, tomorrow, last/next week/month/year.
bool Relative(const std::vector<text::Token>& t, size_t i, const DocDate& doc,
              DateMention* out) {
  if (doc.days == kNoDate) return false;
  const std::string& w = t[i].lower;
  // Every relative expression is a word of 4 to 9 letters.
  if (w.size() < 4 || w.size() > 9) return false;
  std::string_view prev = i > 0 ? std::string_view(t[i - 1].lower) : "";
  const int doc_days = doc.days, y = doc.year, m = doc.month;
  out->begin = static_cast<uint32_t>(i);
  out->end = static_cast<uint32_t>(i + 1);
  if (w == "yesterday"sv) {
    out->iso = base::FormatIsoDate(doc_days - 1);
    return true;
  }
  if (w == "today"sv) {
    out->iso = base::FormatIsoDate(doc_days);
    return true;
  }
  if (w == "tomorrow"sv) {
    out->iso = base::FormatIsoDate(doc_days + 1);
    return true;
  }
  int wd = Weekday(w);
  if (wd >= 0 && t[i].capitalized) {
    int today = base::DayOfWeek(doc_days);
    int back = (today - wd + 7) % 7;
    if (prev == "last"sv && back == 0) back = 7;
    if (prev == "next"sv) {
      int ahead = (wd - today + 7) % 7;
      out->iso = base::FormatIsoDate(doc_days + (ahead == 0 ? 7 : ahead));
    } else {
      out->iso = base::FormatIsoDate(doc_days - back);
    }
    if (prev == "last"sv || prev == "next"sv || prev == "on"sv) --out->begin;
    return true;
  }
  if (prev == "last"sv && (w == "week"sv || w == "month"sv || w == "year"sv)) {
    --out->begin;
    if (w == "week"sv) out->iso = base::FormatIsoDate(doc_days - 7);
    if (w == "month"sv) out->iso = m == 1 ? YearMonth(y - 1, 12) : YearMonth(y, m - 1);
    if (w == "year"sv) out->iso = std::to_string(y - 1);
    return true;
  }
  if (prev == "next"sv && (w == "week"sv || w == "month"sv || w == "year"sv)) {
    --out->begin;
    if (w == "week"sv) out->iso = base::FormatIsoDate(doc_days + 7);
    if (w == "month"sv) out->iso = m == 12 ? YearMonth(y + 1, 1) : YearMonth(y, m + 1);
    if (w == "year"sv) out->iso = std::to_string(y + 1);
    return true;
  }
  return false;
}

// Absolute expressions: "in 2019", "September 2019", "Sept. 10", "10 May 2021".
bool Absolute(const std::vector<text::Token>& t, size_t i, const DocDate& doc,
              DateMention* out) {
  size_t n = t.size();
  int year = 0, month = 0, day = 0;
  out->begin = static_cast<uint32_t>(i);
  const int doc_year = doc.year;
  month = t[i].capitalized ? Month(t[i].lower) : 0;
  if (month > 0 && !(t[i].lower == "may"sv && i + 1 < n &&
                     t[i + 1].kind != text::TokenKind::kNumber)) {
    size_t k = i + 1;
    if (k < n && Number(t[k], 1, 31, &day)) {
      ++k;
      if (k < n && t[k].lower == ","sv) ++k;
      if (k < n && Number(t[k], 1900, 2100, &year)) {
        out->end = static_cast<uint32_t>(k + 1);
      } else {
        year = doc_year;
        out->end = static_cast<uint32_t>(i + 2);
      }
      return year > 0 && FullDate(year, month, day, &out->iso);
    }
    if (k < n && Number(t[k], 1900, 2100, &year)) {
      out->end = static_cast<uint32_t>(k + 1);
      out->iso = YearMonth(year, month);
      return true;
    }
    return false;
  }
  if (Number(t[i], 1, 31, &day) && i + 1 < n && t[i + 1].capitalized &&
      (month = Month(t[i + 1].lower)) > 0) {
    if (i + 2 < n && Number(t[i + 2], 1900, 2100, &year)) {
      out->end = static_cast<uint32_t>(i + 3);
    } else {
      year = doc_year;
      out->end = static_cast<uint32_t>(i + 2);
    }
    return year > 0 && FullDate(year, month, day, &out->iso);
  }
  std::string_view prev = i > 0 ? std::string_view(t[i - 1].lower) : "";
  if ((prev == "in"sv || prev == "during"sv) && Number(t[i], 1900, 2100, &year)) {
    out->begin = static_cast<uint32_t>(i - 1);
    out->end = static_cast<uint32_t>(i + 1);
    out->iso = std::to_string(year);
    return true;
  }
  return false;
}

}  // namespace

namespace {

// Cheap filter: a date expression has a number, a capitalised word (weekday,
// month) or one of a few words at this token.
bool MayBeDate(const text::Token& t) {
  if (t.kind == text::TokenKind::kNumber) return true;
  if (t.kind != text::TokenKind::kWord) return false;
  if (t.capitalized) return true;
  return t.lower == "yesterday"sv || t.lower == "today"sv ||
         t.lower == "tomorrow"sv || t.lower == "week"sv || t.lower == "month"sv ||
         t.lower == "year"sv;
}

}  // namespace

std::vector<DateMention> FindDates(const std::vector<text::Token>& tokens,
                                   int doc_days) {
  std::vector<DateMention> dates;
  const DocDate doc(doc_days);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!MayBeDate(tokens[i])) continue;
    DateMention d;
    if (Relative(tokens, i, doc, &d) || Absolute(tokens, i, doc, &d)) {
      dates.push_back(d);
      if (d.end > i + 1) i = d.end - 1;
    }
  }
  return dates;
}

}  // namespace ladder::coder
