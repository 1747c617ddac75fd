// Rolling-origin evaluation of daily count forecasts: proper scores (CRPS,
// log score), MAE, the PIT histogram and coverage, for the baselines, the
// continuous Hawkes model and the daily count model.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <string>

#include "ladder/hawkes.h"

namespace ladder::analytics {
namespace {

constexpr double kProbFloor = 1e-4;
constexpr double kTail = 1e-10;

double Cdf(const Pmf& pmf, double y) {  // P(X <= y)
  if (y < 0) return 0.0;
  const size_t k = static_cast<size_t>(y);
  double s = 0.0;
  for (size_t j = 0; j <= k && j < pmf.size(); ++j) s += pmf[j];
  return std::min(1.0, s);
}

double Mean(const Pmf& pmf) {
  double m = 0.0;
  for (size_t k = 0; k < pmf.size(); ++k) m += k * pmf[k];
  return m;
}

int Quantile(const Pmf& pmf, double q) {
  double s = 0.0;
  for (size_t k = 0; k < pmf.size(); ++k) {
    s += pmf[k];
    if (s >= q - 1e-12) return static_cast<int>(k);
  }
  return static_cast<int>(pmf.size()) - 1;
}

// Expected randomised PIT distribution function at u.
double PitCdf(double lo, double hi, double u) {
  if (u <= lo) return 0.0;
  if (u >= hi) return 1.0;
  return (u - lo) / std::max(hi - lo, 1e-300);
}

Pmf FromLogRecurrence(double log_p0, double log_ratio_base, double size,
                      double mean) {
  // log p_{k+1} = log p_k + log((k + size)/(k + 1)) + log_ratio_base, with
  // size = 0 meaning Poisson (ratio mean / (k + 1)).
  Pmf pmf;
  double lp = log_p0, cum = 0.0;
  const double limit = mean + 20.0 * std::sqrt(mean + mean * mean /
                                                (size > 0 ? size : 1e300)) +
                       20.0;
  for (int k = 0; k < 100000; ++k) {
    const double p = std::exp(lp);
    pmf.push_back(p);
    cum += p;
    if ((cum >= 1.0 - kTail && k >= mean) || k > limit) break;
    lp += size > 0 ? std::log((k + size) / (k + 1.0)) + log_ratio_base
                   : std::log(mean / (k + 1.0));
  }
  const double total = std::accumulate(pmf.begin(), pmf.end(), 0.0);
  if (total > 0)
    for (double& p : pmf) p /= total;
  return pmf;
}

// Mean and NB size by moments over days [from, to] of dimension i.
void WindowMoments(const DailyCounts& c, int i, int from, int to, double* mean,
                   double* size) {
  from = std::max(0, from);
  const int n = to - from + 1;
  double s = 0.0, ss = 0.0;
  for (int t = from; t <= to; ++t) s += c.At(i, t);
  *mean = s / n;
  for (int t = from; t <= to; ++t)
    ss += (c.At(i, t) - *mean) * (c.At(i, t) - *mean);
  const double var = n > 1 ? ss / (n - 1) : 0.0;
  *size = var > *mean && *mean > 0 ? *mean * *mean / (var - *mean) : 0.0;
}

struct Baseline {
  std::string name;
  int window;  // days; 0 = all training days; -1 = zero; -2 = yesterday
  bool negbin;
};

std::vector<Pmf> BaselineForecast(const DailyCounts& c, int origin, int horizon,
                                  const Baseline& b) {
  std::vector<Pmf> out;
  for (int i = 0; i < c.dimensions; ++i) {
    Pmf pmf;
    if (b.window == -1) {
      pmf = {1.0};
    } else if (b.window == -2) {
      pmf = PoissonPmf(c.At(i, origin));
    } else {
      const int from = b.window == 0 ? 0 : origin - b.window + 1;
      double mean = 0.0, size = 0.0;
      WindowMoments(c, i, from, origin, &mean, &size);
      pmf = b.negbin ? NegBinPmf(mean, size) : PoissonPmf(mean);
    }
    for (int h = 0; h < horizon; ++h) out.push_back(pmf);
  }
  return out;
}

// Hawkes: fit on the points before the day after `origin`, simulate paths.
Result<std::vector<Pmf>> HawkesForecast(const Points& points, int origin,
                                        const EvaluateOptions& o,
                                        std::vector<std::string>* warnings) {
  const double split = points.start + origin + 1;
  const Points train = PointsBefore(points, split);
  if (train.times.size() < 2) return InvalidArgument("too few events");
  HawkesOptions ho = o.hawkes_options;
  ho.standard_errors = false;
  ho.threads = o.threads;
  ASSIGN_OR_RETURN(HawkesFit fit, FitHawkes(train, ho));
  *warnings = HawkesWarnings(fit, ho);
  ForecastOptions fo;
  fo.days = o.horizon;
  fo.paths = o.paths;
  fo.seed = o.seed + origin;
  fo.threads = o.threads;
  fo.keep_paths = true;
  ASSIGN_OR_RETURN(Forecast f, ForecastHawkes(fit.model, train, fo));
  const int d = points.dimensions, h = o.horizon;
  std::vector<Pmf> out(static_cast<size_t>(d) * h);
  const size_t cells = static_cast<size_t>(d) * h;
  for (int p = 0; p < f.paths; ++p) {
    for (size_t cell = 0; cell < cells; ++cell) {
      const int v = f.path_counts[p * cells + cell];
      Pmf& pmf = out[cell];
      if (pmf.size() <= static_cast<size_t>(v)) pmf.resize(v + 1, 0.0);
      pmf[v] += 1.0 / f.paths;
    }
  }
  return out;
}

// Sum of CRPS of the count model with `co` over validation folds before
// `origin` (fit on the days up to each fold's origin).
double ValidationCrps(const DailyCounts& c, int origin,
                      const CountModelOptions& co, const EvaluateOptions& o) {
  double total = 0.0;
  for (int v = origin - o.select_days; v + o.horizon <= origin;
       v += o.horizon) {
    const DailyCounts train = DaysBefore(c, v + 1);
    Result<CountFit> fit = FitCountModel(train, co);
    if (!fit.ok()) return std::numeric_limits<double>::infinity();
    Result<std::vector<Pmf>> f =
        ForecastCountModel(fit->model, train, o.horizon, 200, o.seed + v);
    if (!f.ok()) return std::numeric_limits<double>::infinity();
    for (int i = 0; i < c.dimensions; ++i) {
      for (int h = 0; h < o.horizon; ++h)
        total += Crps((*f)[static_cast<size_t>(i) * o.horizon + h],
                      c.At(i, v + 1 + h));
    }
  }
  return total;
}

std::string Label(const CountModelOptions& co) {
  char buf[96];
  auto days = [](double d) {
    return d > 0 ? std::to_string(static_cast<int>(d)) : std::string("inf");
  };
  std::snprintf(buf, sizeof buf,
                "%s%s, half-life %s, level half-life %s, pool %g",
                co.weekday ? "weekday" : "no weekday",
                co.cross ? ", cross" : "",
                days(co.half_life).c_str(), days(co.level_half_life).c_str(),
                co.pool_days);
  return buf;
}

Result<std::vector<Pmf>> CountForecast(const DailyCounts& c, int origin,
                                       const EvaluateOptions& o,
                                       std::string* chosen) {
  CountModelOptions best = o.count_options;
  best.bootstrap = 0;
  if (o.select && origin + 1 - o.select_days >= 21) {
    double best_score = std::numeric_limits<double>::infinity();
    const CountModelOptions given = best;
    std::vector<bool> weekdays = o.weekday_grid;
    if (!given.weekday || weekdays.empty()) weekdays = {given.weekday};
    std::vector<bool> crosses = o.cross_grid;
    if (given.cross || crosses.empty()) crosses = {given.cross};
    for (const bool cross : crosses)
    for (const bool weekday : weekdays)
    for (double hl : o.half_lives) {
      for (double level : o.level_half_lives) {
        for (double pool : o.pool_grid) {
          CountModelOptions co = given;
          co.weekday = weekday;
          co.cross = cross;
          co.half_life = hl;
          co.level_half_life = level;
          co.pool_days = pool;
          const double s = ValidationCrps(c, origin, co, o);
          if (s < best_score) {
            best_score = s;
            best = co;
          }
        }
      }
    }
  }
  const DailyCounts train = DaysBefore(c, origin + 1);
  ASSIGN_OR_RETURN(CountFit fit, FitCountModel(train, best));
  char buf[240];
  std::snprintf(buf, sizeof buf,
                "%s; alpha %.3f, memory %.2f, pooled NB size %.2f, level %.2f",
                Label(best).c_str(), fit.model.alpha, fit.model.memory,
                fit.model.size, fit.model.level);
  if (best.cross) {
    const size_t used = std::strlen(buf);
    std::snprintf(buf + used, sizeof buf - used, ", reverse %.3f, dyad %.3f",
                  fit.model.alpha_reverse, fit.model.alpha_dyad);
  }
  *chosen = buf;
  return ForecastCountModel(fit.model, train, o.horizon, o.paths,
                            o.seed + origin);
}

}  // namespace

Pmf PoissonPmf(double mean) {
  if (!(mean > 0)) return {1.0};
  return FromLogRecurrence(-mean, 0.0, 0.0, mean);
}

Pmf NegBinPmf(double mean, double size) {
  if (!(mean > 0)) return {1.0};
  if (!(size > 0) || !std::isfinite(size) || size > 1e6)
    return PoissonPmf(mean);
  return FromLogRecurrence(size * std::log(size / (size + mean)),
                           std::log(mean / (size + mean)), size, mean);
}

double Crps(const Pmf& pmf, double y) {
  const size_t top = std::max(pmf.size(), static_cast<size_t>(y) + 1);
  double s = 0.0, cdf = 0.0;
  for (size_t k = 0; k < top; ++k) {
    if (k < pmf.size()) cdf += pmf[k];
    const double step = static_cast<double>(k) >= y ? 1.0 : 0.0;
    const double diff = std::min(cdf, 1.0) - step;
    s += diff * diff;
  }
  return s;
}

void ForecastScore::Add(const Pmf& pmf, double y) {
  ++cells;
  crps += Crps(pmf, y);
  const size_t k = static_cast<size_t>(y);
  const double p = k < pmf.size() ? pmf[k] : 0.0;
  log_score += -std::log(std::max(p, kProbFloor));
  mae += std::abs(Mean(pmf) - y);
  const double lo = Cdf(pmf, y - 1), hi = Cdf(pmf, y);
  for (int b = 0; b < 10; ++b)
    pit[b] += PitCdf(lo, hi, (b + 1) / 10.0) - PitCdf(lo, hi, b / 10.0);
  coverage50 += PitCdf(lo, hi, 0.75) - PitCdf(lo, hi, 0.25);
  coverage90 += PitCdf(lo, hi, 0.95) - PitCdf(lo, hi, 0.05);
  interval50 += y >= Quantile(pmf, 0.25) && y <= Quantile(pmf, 0.75);
  interval90 += y >= Quantile(pmf, 0.05) && y <= Quantile(pmf, 0.95);
}

void ForecastScore::Finish() {
  const double n = std::max<int64_t>(1, cells);
  for (double* v : {&crps, &log_score, &mae, &coverage50, &coverage90,
                    &interval50, &interval90})
    *v /= n;
  pit_max_deviation = 0.0;
  for (double& b : pit) {
    b /= n;
    pit_max_deviation = std::max(pit_max_deviation, std::abs(b - 0.1));
  }
}

Result<Evaluation> EvaluateForecasts(const Points& points,
                                     const DailyCounts& counts,
                                     const EvaluateOptions& options) {
  const EvaluateOptions& o = options;
  if (o.horizon <= 0) return InvalidArgument("evaluate: the horizon must be > 0 days");
  if (o.origins.empty()) return InvalidArgument("evaluate: no origins");
  if (o.paths <= 0) return InvalidArgument("evaluate: the number of paths must be > 0");
  for (int origin : o.origins) {
    if (origin < 13 || origin + o.horizon >= counts.days) {
      return InvalidArgument(
          "evaluate: origin day " + std::to_string(origin) +
          " needs at least 14 days before it and " + std::to_string(o.horizon) +
          " after it (" + std::to_string(counts.days) + " days of data)");
    }
  }
  if (o.hawkes && points.dimensions != counts.dimensions)
    return InvalidArgument("evaluate: points and counts differ in dimensions");
  const std::vector<Baseline> baselines = {
      {"zero", -1, false},
      {"persistence (yesterday), Poisson", -2, false},
      {"mean of last 7 days, Poisson", 7, false},
      {"mean of last 7 days, neg. binomial", 7, true},
      {"mean of last 28 days, Poisson", 28, false},
      {"mean of last 28 days, neg. binomial", 28, true},
      {"training mean, Poisson", 0, false},
      {"training mean, neg. binomial", 0, true}};
  Evaluation ev;
  ev.dimensions = counts.dimensions;
  ev.horizon = o.horizon;
  ev.origins = o.origins;
  auto add = [&](const std::string& name) {
    ev.scores.emplace_back();
    ev.scores.back().model = name;
  };
  for (const Baseline& b : baselines) add(b.name);
  if (o.hawkes) add("ladder Hawkes (continuous time)");
  if (o.count_model) {
    add(std::string("ladder daily (NB") +
        (o.count_options.weekday ? ", weekday" : "") +
        (o.count_options.fit_alpha ? ", excitation" : "") + ")");
    if (o.combine > 0.0) {
      char name[96];
      std::snprintf(name, sizeof name,
                    "ladder daily %.0f%% + training mean NB %.0f%%",
                    100.0 * (1.0 - o.combine), 100.0 * o.combine);
      add(name);
    }
  }
  std::map<std::string, std::pair<int, std::string>> hawkes_warnings;
  for (int origin : o.origins) {
    std::vector<std::vector<Pmf>> forecasts;
    for (const Baseline& b : baselines)
      forecasts.push_back(BaselineForecast(counts, origin, o.horizon, b));
    if (o.hawkes) {
      std::vector<std::string> w;
      ASSIGN_OR_RETURN(std::vector<Pmf> f,
                       HawkesForecast(points, origin, o, &w));
      for (const std::string& x : w) {
        // One line per kind of warning (the text before its first number).
        auto& slot = hawkes_warnings[x.substr(0, x.find_first_of("0123456789"))];
        ++slot.first;
        slot.second = x;
      }
      forecasts.push_back(std::move(f));
    }
    if (o.count_model) {
      std::string chosen;
      ASSIGN_OR_RETURN(std::vector<Pmf> f,
                       CountForecast(counts, origin, o, &chosen));
      if (o.combine > 0.0) {
        // The mixture of the two predictive distributions (a linear pool).
        std::vector<Pmf> mix = f;
        const std::vector<Pmf>& base = forecasts[baselines.size() - 1];
        for (size_t cell = 0; cell < mix.size(); ++cell) {
          Pmf& m = mix[cell];
          const Pmf& b = base[cell];
          if (m.size() < b.size()) m.resize(b.size(), 0.0);
          for (size_t k = 0; k < m.size(); ++k)
            m[k] = (1.0 - o.combine) * m[k] + o.combine * (k < b.size() ? b[k] : 0.0);
        }
        forecasts.push_back(std::move(f));
        forecasts.push_back(std::move(mix));
      } else {
        forecasts.push_back(std::move(f));
      }
      ev.chosen.push_back(chosen);
    }
    for (size_t m = 0; m < forecasts.size(); ++m) {
      ForecastScore& s = ev.scores[m];
      const double before = s.crps;
      for (int i = 0; i < counts.dimensions; ++i) {
        for (int h = 0; h < o.horizon; ++h) {
          s.Add(forecasts[m][static_cast<size_t>(i) * o.horizon + h],
                counts.At(i, origin + 1 + h));
        }
      }
      s.crps_by_origin.push_back((s.crps - before) /
                                 (counts.dimensions * o.horizon));
    }
  }
  for (ForecastScore& s : ev.scores) s.Finish();
  ev.warnings = StationarityWarnings(counts);
  for (const auto& [key, slot] : hawkes_warnings) {
    ev.warnings.push_back("Hawkes fits at " + std::to_string(slot.first) +
                          " of " + std::to_string(o.origins.size()) +
                          " origins (the last shown): " + slot.second);
  }
  return ev;
}

std::vector<std::string> HawkesWarnings(const HawkesFit& fit,
                                        const HawkesOptions& options) {
  std::vector<std::string> out;
  char buf[400];
  if (fit.branching_ratio >= 0.9) {
    std::snprintf(buf, sizeof buf,
                  "branching ratio %.3f >= 0.9: near-critical; over-dispersion, "
                  "weekday cycles and same-day events read as excitation in "
                  "continuous time: trust the daily model's ratio and test "
                  "(printed with it), or add an L1 penalty",
                  fit.branching_ratio);
    out.push_back(buf);
  }
  if (!fit.has_standard_errors && options.standard_errors) {
    out.push_back(
        "standard errors could not be computed: the branching ratio has no "
        "error bar here; read the daily model's bootstrap interval");
  } else if (fit.has_standard_errors) {
    int undefined = !std::isfinite(fit.branching_ratio_se);
    for (double v : fit.mu_se) undefined += !std::isfinite(v);
    for (double v : fit.alpha_se) undefined += !std::isfinite(v);
    if (undefined > 0) {
      std::snprintf(buf, sizeof buf,
                    "standard errors undefined for %d parameters (at zero or "
                    "not identified): read the daily model's bootstrap "
                    "interval, or fit fewer dimensions (fewer dyads or quad classes)",
                    undefined);
      out.push_back(buf);
    }
  }
  if (fit.model.kernels() == 1 && !options.sum_of_exponentials &&
      options.decays.size() > 1) {
    const double b = fit.model.decays[0];
    const auto [lo, hi] =
        std::minmax_element(options.decays.begin(), options.decays.end());
    if (b <= *lo || b >= *hi) {
      std::snprintf(buf, sizeof buf,
                    "decay %.3g/day is at the edge of its grid (%.3g..%.3g): "
                    "the best decay may lie outside; widen the grid with "
                    "more decays%s",
                    b, *lo, *hi,
                    b >= *hi ? " (a decay faster than a day means same-day "
                               "events are being read as excitation)"
                             : "");
      out.push_back(buf);
    }
  }
  return out;
}

}  // namespace ladder::analytics
