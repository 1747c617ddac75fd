// The JSON mapping of analysis results (include/ladder/analytics_json.h).
#include "ladder/analytics_json.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace ladder::analytics {

using nlohmann::json;

namespace {

std::string DimName(const Points& p, int i) {
  return i < static_cast<int>(p.names.size()) ? p.names[i] : std::to_string(i);
}

double Raise(double alpha) { return 100.0 * alpha / std::max(1e-9, 1.0 - alpha); }

json CountsJson(const DirectionCounts& c) {
  return {{"q1", c.quad[0]},
          {"q2", c.quad[1]},
          {"q3", c.quad[2]},
          {"q4", c.quad[3]},
          {"total", c.total},
          {"goldstein_sum", c.goldstein_sum},
          {"goldstein_mean", c.goldstein_mean()}};
}

json Matrix(const std::vector<double>& m, int d) {
  json rows = json::array();
  for (int i = 0; i < d; ++i) {
    rows.push_back(std::vector<double>(m.begin() + static_cast<size_t>(i) * d,
                                       m.begin() + static_cast<size_t>(i + 1) * d));
  }
  return rows;
}

}  // namespace

// "full", "partial" (the store has data for part of the period) or "none"
// (no data: its zeros are not zero activity).
const char* CoverageName(PeriodCoverage c) {
  return c == PeriodCoverage::kFull ? "full" : c == PeriodCoverage::kPartial ? "partial" : "none";
}

json ChangePointToJson(const ChangePoint& cp) {
  return {{"date", FormatDay(cp.day)},
          {"index", cp.index},
          {"series", cp.series},
          {"method", cp.method},
          {"direction", cp.up ? "up" : "down"},
          {"mean_before", cp.mean_before},
          {"mean_after", cp.mean_after},
          {"score", cp.score}};
}

json DyadSeriesToJson(const DyadSeries& s, const std::vector<ChangePoint>* cps) {
  json out = {{"a", s.a},
              {"b", s.b},
              {"by", PeriodName(s.period)},
              {"count", s.count_by == CountBy::kEvents ? "events" : "mentions"},
              {"directions", {{"ab", s.a + "->" + s.b}, {"ba", s.b + "->" + s.a}}},
              {"left_out_imprecise", s.left_out_imprecise}};
  json periods = json::array();
  for (const auto& p : s.periods) {
    periods.push_back({{"start", FormatDay(p.start)},
                       {"ab", CountsJson(p.ab)},
                       {"ba", CountsJson(p.ba)},
                       {"both", CountsJson(p.both)},
                       {"coverage", CoverageName(p.coverage)}});
  }
  out["periods"] = std::move(periods);
  if (cps) {
    out["changepoints"] = json::array();
    for (const auto& cp : *cps) out["changepoints"].push_back(ChangePointToJson(cp));
  }
  return out;
}

json PairChangeToJson(const PairChange& c) {
  return {{"a", c.a},
          {"b", c.b},
          {"weight_first", c.weight_first},
          {"weight_second", c.weight_second},
          {"tone_first", c.tone_first},
          {"tone_second", c.tone_second},
          {"change", c.change},
          {"events_first", c.events_first},
          {"events_second", c.events_second}};
}

json NetworkToJson(const AlignmentNetwork& net) {
  json nodes = json::array(), edges = json::array(), conv = json::array(), div = json::array();
  for (size_t i = 0; i < net.nodes.size(); ++i) {
    nodes.push_back({{"country", net.nodes[i]}, {"bloc", net.bloc[i]}});
  }
  for (const auto& e : net.edges) {
    edges.push_back({{"a", e.a},
                     {"b", e.b},
                     {"events", e.events},
                     {"volume", e.volume},
                     {"cooperation", e.cooperation},
                     {"conflict", e.conflict},
                     {"weight", e.weight},
                     {"affinity", e.affinity},
                     {"tone", e.tone()}});
  }
  for (const auto& x : net.converging) conv.push_back(PairChangeToJson(x));
  for (const auto& x : net.diverging) div.push_back(PairChangeToJson(x));
  json out = {{"from", FormatDay(net.day_from)},
              {"to", FormatDay(net.day_to)},
              {"mean_tone", net.mean_tone},
              {"blocs", net.num_blocs},
              {"objective", net.objective},
              {"nodes", nodes},
              {"edges", edges},
              {"converging", conv},
              {"diverging", div}};
  return out;
}

json AlertsToJson(std::span<const Alert> alerts, bool all) {
  json out = json::array();
  for (const auto& a : alerts) {
    if (!all && !a.fired()) continue;
    out.push_back({{"a", a.a},
                   {"b", a.b},
                   {"series", a.series},
                   {"period_start", FormatDay(a.day)},
                   {"value", a.value},
                   {"short_mean", a.short_mean},
                   {"short_sd", a.short_sd},
                   {"long_mean", a.long_mean},
                   {"long_sd", a.long_sd},
                   {"long_max", a.long_max},
                   {"above_short", a.above_short},
                   {"above_long", a.above_long},
                   {"above_long_max", a.above_long_max},
                   {"fired", a.fired()}});
  }
  return out;
}

json HawkesFitToJson(const HawkesFit& fit, const Points& points) {
  const HawkesModel& m = fit.model;
  json j;
  std::vector<std::string> names;
  for (int i = 0; i < m.dimensions; ++i) names.push_back(DimName(points, i));
  j["dimensions"] = names;
  j["kernel"] = m.kernels() == 1 ? "exp" : "sumexp";
  j["decay"] = m.kernels() == 1 ? json(m.decays[0]) : json(m.decays);
  j["mu"] = m.mu;
  j["alpha"] = Matrix(m.BranchingMatrix(), m.dimensions);
  if (m.kernels() > 1) {
    json parts = json::array();
    const size_t dd = static_cast<size_t>(m.dimensions) * m.dimensions;
    for (int k = 0; k < m.kernels(); ++k) {
      parts.push_back(
          Matrix(std::vector<double>(m.alpha.begin() + k * dd, m.alpha.begin() + (k + 1) * dd),
                 m.dimensions));
    }
    j["alpha_by_decay"] = parts;
  }
  j["branching_ratio"] = fit.branching_ratio;
  if (fit.has_standard_errors) {
    j["mu_se"] = fit.mu_se;  // NaN (not identified) prints as null
    j["alpha_se"] = Matrix(fit.alpha_se, m.dimensions);
    j["branching_ratio_se"] = fit.branching_ratio_se;
    j["se_method"] = fit.se_method;
  }
  j["loglik"] = fit.loglik;
  j["events"] = fit.events;
  j["window"] = {{"start", points.start}, {"end", points.end}};
  j["iterations"] = fit.iterations;
  j["converged"] = fit.converged;
  json profile = json::array();
  for (const auto& [b, ll] : fit.profile) profile.push_back({{"decay", b}, {"loglik", ll}});
  j["profile"] = profile;
  j["seconds"] = fit.seconds;
  return j;
}

json CountFitToJson(const CountFit& f) {
  const CountModel& m = f.model;
  json j;
  j["branching_ratio"] = m.alpha;
  j["branching_ratio_ci"] = {f.alpha_lower, f.alpha_upper};
  j["interval_method"] = f.interval_method;
  j["bootstrap"] = f.bootstrap;
  j["p_value"] = f.p_value;
  j["significant"] = f.significant;
  j["rate_increase_percent"] = Raise(m.alpha);
  j["rate_increase_percent_ci"] = {Raise(f.alpha_lower), Raise(f.alpha_upper)};
  j["memory"] = m.memory;
  j["mean_lag_days"] = 1.0 / (1.0 - m.memory);
  j["size"] = m.size;
  j["weekday"] = m.weekday;
  j["mu"] = m.mu;
  if (!m.reverse.empty()) {
    j["alpha_reverse"] = m.alpha_reverse;
    j["alpha_dyad"] = m.alpha_dyad;
  }
  j["loglik"] = f.loglik;
  j["null_loglik"] = f.null_loglik;
  j["events"] = f.events;
  return j;
}

json HeldOutToJson(const HeldOut& h) {
  return {{"from", h.from},
          {"to", h.to},
          {"events", h.events},
          {"loglik", h.loglik},
          {"poisson_loglik", h.poisson_loglik},
          {"persistence_loglik", h.persistence_loglik},
          {"persistence_days", h.persistence_days}};
}

json ForecastToJson(const Forecast& f, const ForecastOptions& options,
                    const std::vector<std::string>& names, const TimeAxis& axis) {
  json j;
  j["dimensions"] = names;
  std::vector<std::string> labels;
  for (int k = 0; k < f.days; ++k) labels.push_back(axis.Label(f.start + k));
  j["days"] = labels;
  json mean = json::array(), lower = json::array(), upper = json::array();
  for (size_t i = 0; i < names.size(); ++i) {
    auto row = [&](const std::vector<double>& v) {
      return std::vector<double>(v.begin() + i * f.days, v.begin() + (i + 1) * f.days);
    };
    mean.push_back(row(f.mean));
    lower.push_back(row(f.lower));
    upper.push_back(row(f.upper));
  }
  j["mean"] = mean;
  j["lower"] = lower;
  j["upper"] = upper;
  j["interval"] = {options.lower, options.upper};
  j["total"] = {{"mean", f.total_mean}, {"lower", f.total_lower}, {"upper", f.total_upper}};
  j["paths"] = f.paths;
  j["truncated_paths"] = f.truncated_paths;
  return j;
}

json WhatIfToJson(const WhatIf& w, const std::vector<std::string>& names) {
  json j;
  j["dimensions"] = names;
  j["event"] = names[w.dimension];
  j["horizon"] = w.horizon;
  j["paths"] = w.paths;
  j["truncated_paths"] = w.truncated_paths;
  j["cascade"] = {{"mean", w.mean_size}, {"p_any", w.p_any}, {"q05", w.q05},
                  {"q50", w.q50},        {"q95", w.q95},     {"histogram", w.size_histogram}};
  j["extra_mean"] = w.extra_mean;
  if (!w.extra_expected.empty()) j["extra_expected"] = w.extra_expected;
  return j;
}

json EvaluationToJson(const Evaluation& ev, const TimeAxis& in) {
  json j;
  std::vector<std::string> origins;
  for (int o : ev.origins) origins.push_back(in.Label(o));
  j["origins"] = origins;
  j["horizon"] = ev.horizon;
  j["dimensions"] = ev.dimensions;
  json models = json::array();
  for (const ForecastScore& s : ev.scores) {
    models.push_back({{"model", s.model},
                      {"forecasts", s.cells},
                      {"crps", s.crps},
                      {"log_score", s.log_score},
                      {"mae", s.mae},
                      {"pit", s.pit},
                      {"pit_max_deviation", s.pit_max_deviation},
                      {"coverage50", s.coverage50},
                      {"coverage90", s.coverage90},
                      {"interval50", s.interval50},
                      {"interval90", s.interval90},
                      {"crps_by_origin", s.crps_by_origin}});
  }
  j["models"] = models;
  j["daily_model_choices"] = ev.chosen;
  j["warnings"] = ev.warnings;
  return j;
}

}  // namespace ladder::analytics
