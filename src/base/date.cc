#include "base/date.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "base/strings.h"

namespace ladder::base {

// Howard Hinnant's civil-calendar algorithms (public-domain formulas).
int DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(int z, int* year, int* month, int* day) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  *year = y + (m <= 2);
  *month = static_cast<int>(m);
  *day = static_cast<int>(d);
}

static bool DigitsAt(std::string_view s, size_t pos, size_t n, int* out) {
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool ParseIsoDate(std::string_view s, int* days) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int y, m, d;
  if (!DigitsAt(s, 0, 4, &y) || !DigitsAt(s, 5, 2, &m) ||
      !DigitsAt(s, 8, 2, &d)) {
    return false;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  int z = DaysFromCivil(y, m, d);
  int y2, m2, d2;
  CivilFromDays(z, &y2, &m2, &d2);
  if (m2 != m || d2 != d) return false;  // e.g. 2023-02-30
  *days = z;
  return true;
}

bool ParseIsoDateOrPrefix(std::string_view s, int* days) {
  if (s.size() == 4) return ParseIsoDate(std::string(s) + "-01-01", days);
  if (s.size() == 7) return ParseIsoDate(std::string(s) + "-01", days);
  return ParseIsoDate(s, days);
}

std::string FormatIsoDate(int days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int IsoToYmd(std::string_view iso) {
  int days;
  if (!ParseIsoDate(iso, &days)) return 0;
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  return y * 10000 + m * 100 + d;
}

int DayOfWeek(int days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int w = (days + 3) % 7;
  return w < 0 ? w + 7 : w;
}

bool ParseLegacyDate(std::string_view text, int* ymd) {
  if (text.size() != 6 && text.size() != 8) return false;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  int year, rest;
  if (text.size() == 6) {
    int yy = static_cast<int>(v / 10000);
    year = yy < 30 ? 2000 + yy : 1900 + yy;
  } else {
    year = static_cast<int>(v / 10000);
  }
  rest = static_cast<int>(v % 10000);
  int month = rest / 100, day = rest % 100;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  *ymd = year * 10000 + month * 100 + day;
  return true;
}

std::string LegacyDateToIso(std::string_view text) {
  int ymd = 0;
  if (!ParseLegacyDate(Trim(text), &ymd)) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100,
                ymd % 100);
  return buf;
}

namespace {

// 1-12 for an English month name or abbreviation ("Sept", "sep", "March"),
// else 0. `word` is letters only.
int MonthNumber(std::string_view word) {
  static const char* kMonths[] = {"january", "february", "march",     "april",
                                  "may",     "june",     "july",      "august",
                                  "september", "october", "november", "december"};
  std::string w = AsciiLower(word);
  if (w.size() < 3) return 0;
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    std::string_view name(kMonths[m]);
    if (w == name || (w.size() == 3 && name.substr(0, 3) == w)) return m + 1;
  }
  return 0;
}

// Splits the head into words of letters or digits; other bytes separate.
std::vector<std::string_view> HeadWords(std::string_view head) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < head.size()) {
    auto alnum = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    if (!alnum(head[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    bool digits = head[i] >= '0' && head[i] <= '9';
    while (i < head.size() && alnum(head[i]) &&
           ((head[i] >= '0' && head[i] <= '9') == digits)) {
      ++i;
    }
    words.push_back(head.substr(start, i - start));
  }
  return words;
}

bool SmallNumber(std::string_view w, int max, int* out) {
  long long v = 0;
  if (w.empty() || w.size() > 4 || !ParseInt(w, &v) || v < 1 || v > max) return false;
  *out = static_cast<int>(v);
  return true;
}

std::string IsoIfValid(int year, int month, int day) {
  if (year < 1800 || year > 2200) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  int days = 0;
  return ParseIsoDate(buf, &days) ? std::string(buf) : std::string();
}

}  // namespace

std::string FindDatelineDate(std::string_view text) {
  std::string_view head = text.substr(0, std::min<size_t>(text.size(), 200));
  size_t nl = head.find('\n');
  if (nl != std::string_view::npos) head = head.substr(0, nl);
  // ISO first: "2023-09-08".
  for (size_t i = 0; i + 10 <= head.size(); ++i) {
    int days = 0;
    bool bounded = (i == 0 || !(head[i - 1] >= '0' && head[i - 1] <= '9')) &&
                   (i + 10 == head.size() || !(head[i + 10] >= '0' && head[i + 10] <= '9'));
    if (bounded && ParseIsoDate(head.substr(i, 10), &days)) {
      return std::string(head.substr(i, 10));
    }
  }
  std::vector<std::string_view> w = HeadWords(head);
  for (size_t i = 0; i + 2 < w.size(); ++i) {
    int month = MonthNumber(w[i]), day = 0, year = 0;
    // "September 8, 2023"
    if (month > 0 && SmallNumber(w[i + 1], 31, &day) && w[i + 2].size() == 4 &&
        SmallNumber(w[i + 2], 9999, &year)) {
      std::string iso = IsoIfValid(year, month, day);
      if (!iso.empty()) return iso;
    }
    // "8 September 2023"
    month = MonthNumber(w[i + 1]);
    if (month > 0 && w[i].size() <= 2 && SmallNumber(w[i], 31, &day) &&
        w[i + 2].size() == 4 && SmallNumber(w[i + 2], 9999, &year)) {
      std::string iso = IsoIfValid(year, month, day);
      if (!iso.empty()) return iso;
    }
  }
  return "";
}

}  // namespace ladder::base
