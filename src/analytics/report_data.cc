// Collects what the HTML report shows from a store.
#include <algorithm>
#include <set>

#include "ladder/analytics.h"

namespace ladder::analytics {
namespace {

Status CheckCountries(const std::vector<std::string>& countries) {
  if (countries.size() < 2) {
    return InvalidArgument("the report needs at least two countries");
  }
  std::set<std::string> seen;
  for (const std::string& c : countries) {
    if (c.empty()) return InvalidArgument("empty country code in the list of countries");
    if (!seen.insert(c).second) {
      return InvalidArgument("country '" + c + "' given twice");
    }
  }
  if (countries.size() > 30) {
    return InvalidArgument("at most 30 countries fit in one report");
  }
  return Status::Ok();
}

// The first and last day with an event touching the countries; nullopt when
// there is none.
Result<std::optional<std::pair<int, int>>> EventRange(
    const store::Store& store, const store::EventFilter& filter) {
  std::optional<std::pair<int, int>> range;
  RETURN_IF_ERROR(store.ForEach(filter, [&](const store::StoredEvent& e) {
    if (!range) range = std::make_pair(e.day, e.day);
    range->first = std::min(range->first, e.day);
    range->second = std::max(range->second, e.day);
    return true;
  }));
  return range;
}

}  // namespace

Result<ReportData> BuildReportData(const store::Store& store,
                                   const ReportOptions& options) {
  RETURN_IF_ERROR(CheckCountries(options.countries));
  ReportData data;
  data.options = options;
  store::EventFilter filter;
  filter.countries = options.countries;
  filter.asserted_only = options.asserted_only;
  filter.day_from = options.day_from;
  filter.day_to = options.day_to;
  if (!options.day_from || !options.day_to) {
    ASSIGN_OR_RETURN(auto range, EventRange(store, filter));
    data.day_from = options.day_from.value_or(range ? range->first : 0);
    data.day_to = options.day_to.value_or(range ? range->second : data.day_from);
  } else {
    data.day_from = *options.day_from;
    data.day_to = *options.day_to;
  }
  if (data.day_from > data.day_to) {
    return InvalidArgument("the range starts (" + FormatDay(data.day_from) +
                           ") after it ends (" + FormatDay(data.day_to) + ")");
  }
  filter.day_from = data.day_from;
  filter.day_to = data.day_to;
  ASSIGN_OR_RETURN(data.total_events, store.Count(filter));

  ASSIGN_OR_RETURN(data.coverage, QueryCoverage(store));
  DyadOptions dyad;
  dyad.period = options.period;
  dyad.count_by = options.count_by;
  dyad.asserted_only = options.asserted_only;
  dyad.day_from = data.day_from;
  dyad.day_to = data.day_to;
  AlertQuery alert_query;
  alert_query.period = options.period;
  alert_query.day_from = data.day_from;
  alert_query.day_to = data.day_to;
  alert_query.count_by = options.count_by;
  alert_query.asserted_only = options.asserted_only;
  alert_query.alerts = options.alerts;
  const auto& c = options.countries;
  for (size_t i = 0; i < c.size(); ++i) {
    for (size_t j = i + 1; j < c.size(); ++j) {
      ASSIGN_OR_RETURN(DyadSeries series, QueryDyadSeries(store, c[i], c[j], dyad));
      MarkCoverage(data.coverage, &series);
      MarkWindow(data.day_from, data.day_to, &series);
      // Change points inside the store's coverage and without an incomplete
      // last period: neither the edge of the data nor a partial week is a fall.
      int offset = 0;
      DyadSeries complete = CompletePeriods(CoveredPart(series, &offset), data.day_to);
      std::vector<ChangePoint> cps = DetectChangePoints(complete);
      for (ChangePoint& cp : cps) cp.index += offset;
      data.changepoints.push_back(std::move(cps));
      ASSIGN_OR_RETURN(std::vector<Alert> alerts,
                       QueryDyadAlerts(store, c[i], c[j], alert_query, data.coverage));
      for (Alert& a : alerts) data.alerts.push_back(std::move(a));
      data.dyads.push_back(std::move(series));
    }
  }

  // The network among the countries asked: both sides in the list.
  store::EventFilter among;
  among.source_countries = c;
  among.target_countries = c;
  among.asserted_only = options.asserted_only;
  among.day_from = data.day_from;
  among.day_to = data.day_to;
  ASSIGN_OR_RETURN(std::vector<store::StoredEvent> events, store.Query(among));
  NetworkOptions net;
  net.day_from = data.day_from;
  net.day_to = data.day_to;
  net.count_by = options.count_by;
  net.asserted_only = options.asserted_only;
  net.min_events = options.network_min_events;
  ASSIGN_OR_RETURN(data.network, BuildNetwork(events, net));
  return data;
}

}  // namespace ladder::analytics
