// Alerts: the latest period against short and long baselines (ACLED-style).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "ladder/analytics.h"

namespace ladder::analytics {
namespace {

void MeanSd(std::span<const double> v, double* mean, double* sd) {
  *mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - *mean) * (x - *mean);
  *sd = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
}

}  // namespace

std::optional<Alert> CheckLatest(std::span<const double> values,
                                 const AlertOptions& options) {
  if (values.size() < 3) return std::nullopt;
  const size_t earlier = values.size() - 1;
  Alert alert;
  alert.value = values.back();
  size_t short_n = std::min(earlier, static_cast<size_t>(std::max(1, options.short_window)));
  size_t long_n = std::min(earlier, static_cast<size_t>(std::max(1, options.long_window)));
  auto short_base = values.subspan(earlier - short_n, short_n);
  auto long_base = values.subspan(earlier - long_n, long_n);
  MeanSd(short_base, &alert.short_mean, &alert.short_sd);
  MeanSd(long_base, &alert.long_mean, &alert.long_sd);
  alert.long_max = *std::max_element(long_base.begin(), long_base.end());
  if (!std::isfinite(alert.value) || alert.value < options.min_value) return alert;
  alert.above_short = alert.value > alert.short_mean + options.k * alert.short_sd;
  alert.above_long = alert.value > alert.long_mean + options.k * alert.long_sd;
  alert.above_long_max = alert.value > alert.long_max;
  return alert;
}

std::vector<Alert> CheckDyadAlerts(const DyadSeries& series,
                                   const AlertOptions& options) {
  std::vector<Alert> out;
  if (series.periods.empty()) return out;
  for (SeriesKind kind : {SeriesKind::kConflict, SeriesKind::kMaterialConflict}) {
    std::vector<double> values = ExtractSeries(series, kind);
    std::optional<Alert> alert = CheckLatest(values, options);
    if (!alert) continue;
    alert->a = series.a;
    alert->b = series.b;
    alert->series = SeriesKindName(kind);
    alert->day = series.periods.back().start;
    out.push_back(*alert);
  }
  return out;
}

Result<std::vector<Alert>> QueryDyadAlerts(const store::Store& store, std::string_view a,
                                           std::string_view b, const AlertQuery& query,
                                           const Coverage& coverage) {
  int from = 0;
  if (query.day_from) {
    from = *query.day_from;
  } else {
    // long_window periods before the latest one, and the latest.
    from = PeriodStart(query.period, query.day_to);
    for (int i = 0; i < std::max(1, query.alerts.long_window) + 1; ++i) {
      from = PeriodStart(query.period, from - 1);
    }
  }
  if (from > query.day_to) return std::vector<Alert>{};
  DyadOptions options{query.period, from, query.day_to, query.count_by, query.asserted_only};
  ASSIGN_OR_RETURN(DyadSeries series, QueryDyadSeries(store, a, b, options));
  MarkCoverage(coverage, &series);
  MarkWindow(from, query.day_to, &series);  // a period cut by the window is partial
  if (!query.include_partial && !series.periods.empty() &&
      series.periods.back().coverage != PeriodCoverage::kFull) {
    series.periods.pop_back();
  }
  // Baselines and the latest value from covered periods only: a period
  // without data is not a zero.
  DyadSeries checked = series;
  checked.periods.clear();
  for (size_t i = 0; i < series.periods.size(); ++i) {
    bool last = i + 1 == series.periods.size();
    if (series.periods[i].coverage == PeriodCoverage::kFull ||
        (last && query.include_partial &&
         series.periods[i].coverage == PeriodCoverage::kPartial)) {
      checked.periods.push_back(series.periods[i]);
    }
  }
  return CheckDyadAlerts(checked, query.alerts);
}

Result<std::vector<std::pair<std::string, std::string>>> TopConflictDyads(
    const store::Store& store, int day_from, int day_to, int top) {
  store::EventFilter filter;
  filter.day_from = day_from;
  filter.day_to = day_to;
  std::map<std::pair<std::string, std::string>, int64_t> counts;
  RETURN_IF_ERROR(store.ForEach(filter, [&](const store::StoredEvent& e) {
    if (e.quad_class < 3 || e.source_country.empty() ||
        e.target_country.empty() || e.source_country == e.target_country ||
        store::IsRegionCode(e.source_country) || store::IsRegionCode(e.target_country)) {
      return true;
    }
    auto key = std::minmax(e.source_country, e.target_country);
    ++counts[{key.first, key.second}];
    return true;
  }));
  std::vector<std::pair<std::pair<std::string, std::string>, int64_t>> sorted(
      counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [dyad, n] : sorted) {
    if (static_cast<int>(out.size()) >= top) break;
    out.push_back(dyad);
  }
  return out;
}

}  // namespace ladder::analytics
