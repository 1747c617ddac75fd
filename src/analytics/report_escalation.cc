// The report's escalation section (analytics.h, FitReportEscalation): a
// Hawkes fit on conflict between the report's countries and the daily count
// model per pair.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ladder/analytics.h"
#include "ladder/hawkes.h"
#include "ladder/points.h"

namespace ladder::analytics {
namespace {

// Conflict events (quad 3-4) among the countries as a point process: one
// dimension per directed dyad, the `max_dims` busiest.
Result<StorePoints> ConflictPoints(const store::Store& db, const ReportData& data, int max_dims) {
  StorePointsOptions o;
  o.countries = data.options.countries;
  o.top_dyads = max_dims;
  o.quads = {3, 4};
  o.merge_quads = true;
  o.day_from = data.day_from;
  o.day_to = data.day_to;
  o.asserted_only = data.options.asserted_only;
  o.seed = 1;
  return PointsFromStore(db, o);
}

// The daily count model per pair of countries among the fitted dimensions:
// conflict in either direction as one daily series.
void AddPairExcitation(const StorePoints& built, const ReportData& data, int threads,
                       EscalationSummary* s) {
  const Points& points = built.points;
  std::map<std::pair<std::string, std::string>, std::vector<int>> pairs;
  for (int i = 0; i < points.dimensions; ++i) {
    std::string a = built.dimension_dyads[i].source, b = built.dimension_dyads[i].target;
    if (b < a) std::swap(a, b);
    pairs[{a, b}].push_back(i);
  }
  for (const auto& [pair, dims] : pairs) {
    Points one;
    one.dimensions = 1;
    one.names = {pair.first + "-" + pair.second};
    one.start = points.start;
    one.end = points.end;
    for (size_t n = 0; n < points.times.size(); ++n) {
      if (std::find(dims.begin(), dims.end(), points.dims[n]) == dims.end()) continue;
      one.times.push_back(points.times[n]);
      one.dims.push_back(0);
    }
    auto counts = CountDaily(one, ((data.day_from % 7) + 7 + 3) % 7);
    if (!counts.ok()) continue;
    CountModelOptions o;
    o.bootstrap = 199;
    o.threads = threads;
    auto fit = FitCountModel(*counts, o);
    if (!fit.ok()) {
      s->warnings.push_back("no daily model for " + pair.first + "-" + pair.second + ": " +
                            fit.status().message() + "; give a longer window");
      continue;
    }
    EscalationSummary::PairExcitation x;
    x.a = pair.first;
    x.b = pair.second;
    x.branching_ratio = fit->model.alpha;
    x.lower = fit->alpha_lower;
    x.upper = fit->alpha_upper;
    x.p_value = fit->p_value;
    x.significant = fit->significant;
    x.events = fit->events;
    x.method = fit->bootstrap > 0
                   ? "parametric bootstrap, " + std::to_string(fit->bootstrap) + " replicates"
                   : fit->interval_method;
    s->pairs.push_back(x);
    for (const std::string& w : fit->warnings) {
      s->warnings.push_back(pair.first + "-" + pair.second + ": " + w);
    }
  }
}

}  // namespace

Result<EscalationSummary> FitReportEscalation(const store::Store& db, const ReportData& data,
                                              int max_dims, int threads) {
  ASSIGN_OR_RETURN(StorePoints built, ConflictPoints(db, data, max_dims));
  const Points& points = built.points;
  if (points.dimensions == 0 || points.times.size() < 20) {
    return InvalidArgument("too few conflict events among the countries to fit (" +
                           std::to_string(points.times.size()) + ")");
  }
  HawkesOptions options;
  options.threads = threads;
  options.standard_errors = true;  // so that undefined ones are warned
  ASSIGN_OR_RETURN(HawkesFit fit, FitHawkes(points, options));
  EscalationSummary s;
  s.dimensions = fit.model.names;
  s.mu = fit.model.mu;
  s.branching_ratio = fit.branching_ratio;
  s.decay = fit.model.kernels() == 1 ? fit.model.decays[0] : 0.0;
  s.log_likelihood = fit.loglik;
  s.events = fit.events;
  const int d = fit.model.dimensions;
  for (int i = 0; i < d; ++i) {
    for (int j = 0; j < d; ++j) {
      s.top_alpha.push_back({fit.model.names[j], fit.model.names[i], fit.model.Alpha(i, j)});
    }
  }
  std::sort(s.top_alpha.begin(), s.top_alpha.end(),
            [](const auto& x, const auto& y) { return x.alpha > y.alpha; });
  if (s.top_alpha.size() > 10) s.top_alpha.resize(10);
  s.warnings = HawkesWarnings(fit, options);
  AddPairExcitation(built, data, threads, &s);
  s.note =
      "Multivariate Hawkes process (exponential kernel, decay chosen by profile "
      "likelihood, EM fit) on conflict events (quad 3-4) between the countries, one "
      "dimension per directed dyad (the " +
      std::to_string(d) +
      " busiest); events of "
      "one day are spread uniformly over it.";
  return s;
}

}  // namespace ladder::analytics
