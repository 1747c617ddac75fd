// Dates, periods and dyad series.
#include <algorithm>
#include <cmath>
#include <string>

#include "base/date.h"
#include "ladder/analytics.h"

namespace ladder::analytics {
namespace {

// Refuse series longer than this (e.g. a typo'd year with --by day).
constexpr size_t kMaxPeriods = 200000;

double EventWeight(const store::StoredEvent& e, CountBy count_by) {
  if (count_by == CountBy::kEvents) return 1.0;
  return e.mentions > 0 ? static_cast<double>(e.mentions) : 0.0;
}

void AddEvent(const store::StoredEvent& e, double w, DirectionCounts* c) {
  if (e.quad_class >= 1 && e.quad_class <= 4) c->quad[e.quad_class - 1] += w;
  c->total += w;
  c->goldstein_sum += w * e.goldstein;
}

bool InDyad(const store::StoredEvent& e, std::string_view a,
            std::string_view b) {
  return (e.source_country == a && e.target_country == b) ||
         (e.source_country == b && e.target_country == a);
}

// Index of the period holding `day` in the ascending `starts`.
size_t PeriodIndex(const std::vector<int>& starts, int day) {
  auto it = std::upper_bound(starts.begin(), starts.end(), day);
  return static_cast<size_t>(it - starts.begin()) - 1;
}

}  // namespace

Result<int> ParseDay(std::string_view iso) {
  int day = 0;
  if (!base::ParseIsoDate(iso, &day)) {
    return InvalidArgument("invalid date '" + std::string(iso) +
                           "' (expected YYYY-MM-DD)");
  }
  return day;
}

std::string FormatDay(int day) { return base::FormatIsoDate(day); }

Result<Period> ParsePeriod(std::string_view name) {
  if (name == "day") return Period::kDay;
  if (name == "week") return Period::kWeek;
  if (name == "month") return Period::kMonth;
  return InvalidArgument("unknown period '" + std::string(name) +
                         "' (expected day, week or month)");
}

const char* PeriodName(Period period) {
  switch (period) {
    case Period::kDay: return "day";
    case Period::kWeek: return "week";
    case Period::kMonth: return "month";
  }
  return "week";
}

int PeriodStart(Period period, int day) {
  switch (period) {
    case Period::kDay: return day;
    case Period::kWeek: return day - base::DayOfWeek(day);
    case Period::kMonth: {
      int y, m, d;
      base::CivilFromDays(day, &y, &m, &d);
      return base::DaysFromCivil(y, m, 1);
    }
  }
  return day;
}

int NextPeriodStart(Period period, int start) {
  switch (period) {
    case Period::kDay: return start + 1;
    case Period::kWeek: return start + 7;
    case Period::kMonth: {
      int y, m, d;
      base::CivilFromDays(start, &y, &m, &d);
      return m == 12 ? base::DaysFromCivil(y + 1, 1, 1)
                     : base::DaysFromCivil(y, m + 1, 1);
    }
  }
  return start + 1;
}

int PrecisionNeeded(Period period) { return period == Period::kMonth ? 2 : 3; }

Result<CountBy> ParseCountBy(std::string_view name) {
  if (name == "events") return CountBy::kEvents;
  if (name == "mentions") return CountBy::kMentions;
  return InvalidArgument("unknown count '" + std::string(name) +
                         "' (expected events or mentions)");
}

Result<DyadSeries> BuildDyadSeries(std::span<const store::StoredEvent> events,
                                   std::string_view a, std::string_view b,
                                   const DyadOptions& options) {
  if (a.empty() || b.empty() || a == b) {
    return InvalidArgument("a dyad needs two different countries, got '" +
                           std::string(a) + "' and '" + std::string(b) + "'");
  }
  if (options.day_from && options.day_to && *options.day_from > *options.day_to) {
    return InvalidArgument("the range starts (" + FormatDay(*options.day_from) +
                           ") after it ends (" + FormatDay(*options.day_to) + ")");
  }
  auto keep = [&](const store::StoredEvent& e) {
    if (!InDyad(e, a, b)) return false;
    if (options.asserted_only && e.modality != "asserted") return false;
    if (options.day_from && e.day < *options.day_from) return false;
    if (options.day_to && e.day > *options.day_to) return false;
    return true;
  };
  DyadSeries series{std::string(a), std::string(b), options.period,
                    options.count_by, {}};
  const int precision = PrecisionNeeded(options.period);
  std::optional<int> lo = options.day_from, hi = options.day_to;
  int min_day = 0, max_day = 0;
  bool any = false;
  for (const auto& e : events) {
    if (!keep(e)) continue;
    if (e.date_precision < precision) {
      ++series.left_out_imprecise;
      continue;
    }
    min_day = any ? std::min(min_day, e.day) : e.day;
    max_day = any ? std::max(max_day, e.day) : e.day;
    any = true;
  }
  if (!lo) lo = any ? min_day : hi;
  if (!hi) hi = any ? max_day : lo;
  if (!lo || !hi || *lo > *hi) return series;  // nothing and no range
  std::vector<int> starts;
  for (int s = PeriodStart(options.period, *lo); s <= *hi;
       s = NextPeriodStart(options.period, s)) {
    if (starts.size() >= kMaxPeriods) {
      return InvalidArgument("range " + FormatDay(*lo) + ".." + FormatDay(*hi) +
                             " has too many periods by " + PeriodName(options.period));
    }
    starts.push_back(s);
  }
  series.periods.resize(starts.size());
  for (size_t i = 0; i < starts.size(); ++i) series.periods[i].start = starts[i];
  for (const auto& e : events) {
    if (!keep(e) || e.date_precision < precision || e.day < *lo || e.day > *hi) continue;
    DyadPeriod& p = series.periods[PeriodIndex(starts, e.day)];
    double w = EventWeight(e, options.count_by);
    AddEvent(e, w, e.source_country == a ? &p.ab : &p.ba);
    AddEvent(e, w, &p.both);
  }
  return series;
}

Result<DyadSeries> QueryDyadSeries(const store::Store& store,
                                   std::string_view a, std::string_view b,
                                   const DyadOptions& options) {
  store::EventFilter filter;
  filter.dyad_a = std::string(a);
  filter.dyad_b = std::string(b);
  filter.dyad_both_directions = true;
  filter.day_from = options.day_from;
  filter.day_to = options.day_to;
  filter.asserted_only = options.asserted_only;
  if (a.empty() || b.empty() || a == b) {
    return BuildDyadSeries({}, a, b, options);  // the same error
  }
  ASSIGN_OR_RETURN(std::vector<store::StoredEvent> events, store.Query(filter));
  return BuildDyadSeries(events, a, b, options);
}

DyadSeries CompletePeriods(const DyadSeries& series, int last_day) {
  DyadSeries out = series;
  if (!out.periods.empty() &&
      NextPeriodStart(out.period, out.periods.back().start) - 1 > last_day) {
    out.periods.pop_back();
  }
  return out;
}

PeriodCoverage Coverage::Of(int first, int last) const {
  bool meets = false;
  for (const auto& [lo, hi] : spans) {
    if (first >= lo && last <= hi) return PeriodCoverage::kFull;
    if (last >= lo && first <= hi) meets = true;
  }
  return meets ? PeriodCoverage::kPartial : PeriodCoverage::kNone;
}

Result<Coverage> QueryCoverage(const store::Store& store) {
  ASSIGN_OR_RETURN(std::vector<store::Store::OriginSpan> origins, store.OriginSpans());
  std::vector<std::pair<int, int>> spans;
  for (const auto& o : origins) spans.push_back({o.first_day, o.last_day});
  std::sort(spans.begin(), spans.end());
  Coverage coverage;
  for (const auto& span : spans) {
    if (!coverage.spans.empty() && span.first <= coverage.spans.back().second + 1) {
      coverage.spans.back().second = std::max(coverage.spans.back().second, span.second);
    } else {
      coverage.spans.push_back(span);
    }
  }
  return coverage;
}

void MarkCoverage(const Coverage& coverage, DyadSeries* series) {
  for (DyadPeriod& p : series->periods) {
    p.coverage = coverage.Of(p.start, NextPeriodStart(series->period, p.start) - 1);
  }
}

void MarkWindow(int day_from, int day_to, DyadSeries* series) {
  for (DyadPeriod& p : series->periods) {
    int last = NextPeriodStart(series->period, p.start) - 1;
    if ((p.start < day_from || last > day_to) && p.coverage == PeriodCoverage::kFull) {
      p.coverage = PeriodCoverage::kPartial;
    }
  }
}

DyadSeries CoveredPart(const DyadSeries& series, int* offset) {
  DyadSeries out = series;
  out.periods.clear();
  *offset = 0;
  size_t first = series.periods.size(), last = 0;
  for (size_t i = 0; i < series.periods.size(); ++i) {
    if (series.periods[i].coverage != PeriodCoverage::kFull) continue;
    first = std::min(first, i);
    last = i;
  }
  if (first == series.periods.size()) return out;
  *offset = static_cast<int>(first);
  out.periods.assign(series.periods.begin() + first, series.periods.begin() + last + 1);
  return out;
}

const char* SeriesKindName(SeriesKind kind) {
  switch (kind) {
    case SeriesKind::kConflict: return "conflict";
    case SeriesKind::kCooperation: return "cooperation";
    case SeriesKind::kMaterialConflict: return "material_conflict";
    case SeriesKind::kGoldstein: return "goldstein";
  }
  return "conflict";
}

std::vector<double> ExtractSeries(const DyadSeries& series, SeriesKind kind) {
  std::vector<double> out;
  out.reserve(series.periods.size());
  for (const DyadPeriod& p : series.periods) {
    switch (kind) {
      case SeriesKind::kConflict: out.push_back(p.both.conflict()); break;
      case SeriesKind::kCooperation: out.push_back(p.both.cooperation()); break;
      case SeriesKind::kMaterialConflict: out.push_back(p.both.quad[3]); break;
      case SeriesKind::kGoldstein: out.push_back(p.both.goldstein_sum); break;
    }
  }
  return out;
}

}  // namespace ladder::analytics
