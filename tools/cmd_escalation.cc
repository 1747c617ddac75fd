// ladder escalation fit|forecast|simulate|evaluate: a multivariate Hawkes
// process over (directed dyad, quad class) dimensions from the store, or over
// any points; the daily count model's branching ratio with its interval and
// test (fit); rolling-origin evaluation against baselines (evaluate). The
// models and scores live in src/analytics (include/ladder/hawkes.h); this
// file parses options and prints.
//
// Inputs (one of):
//   --points FILE      CSV with the header "time,dimension", time in days
//   --db FILE          the store (the default input, ladder.db); dimensions =
//                      directed dyad x quad class for the --dyad A-B flags or
//                      the --top-dyads busiest dyads (an::PointsFromStore)
//   --quadruples FILE  ICEWS18-style "s r o t" lines (repeatable);
//                      dimensions = the --top-entities busiest subjects
// Day-stamped events (store, quadruples) are spread over their day by a
// uniform jitter drawn from --seed, so within-day order carries no signal.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli_args.h"
#include "commands.h"
#include "ladder/analytics.h"
#include "ladder/analytics_json.h"
#include "ladder/hawkes.h"
#include "ladder/points.h"
#include "ladder/store.h"

namespace ladder::tools {
namespace {

namespace an = ladder::analytics;
using nlohmann::json;

// ---- options ----

struct InputArgs {
  std::string points, db;
  std::vector<std::string> quadruples;
  std::vector<std::string> dyads;
  int top_dyads = 5;
  int top_entities = 20;
  std::vector<int> quads = {1, 2, 3, 4};
  std::string from, to;
  bool clusters = false;
  bool asserted_only = true;  // hedged text is not counted as fact by default
  uint64_t seed = 1;
  int db_given = 0;  // --db on the command line (else the default store)
};

struct ModelArgs {
  std::string kernel = "exp";
  std::vector<double> decays;
  double l1 = 0.0, l2 = 0.0;
  int max_iter = 300;
  double tol = 1e-7;
  int threads = 0;
  bool no_se = false;
};

void AddInput(CLI::App* app, InputArgs* in) {
  app->add_option("--points", in->points,
                  "CSV of points: header 'time,dimension', time in days");
  // The store is the input when neither --points nor --quadruples is given.
  in->db_given = 0;
  CLI::Option* db = AddDbOption(app, &in->db, "the store (SQLite file)");
  db->each([in](const std::string&) { ++in->db_given; });
  app->add_option("--quadruples", in->quadruples,
                  "ICEWS18-style quadruple files 's r o t' (time in hours)");
  app->add_option("--dyad", in->dyads,
                  "directed dyad A-B (repeatable; default: the busiest)");
  app->add_option("--top-dyads", in->top_dyads, "busiest directed dyads when no --dyad")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app->add_option("--top-entities", in->top_entities, "busiest subjects (--quadruples)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app->add_option("--quad", in->quads, "quad classes to model (1-4)")
      ->delimiter(',')
      ->check(CLI::Range(1, 4));
  app->add_option("--from", in->from, "first day (YYYY-MM-DD, --db)");
  app->add_option("--to", in->to, "last day (YYYY-MM-DD, --db)");
  app->add_flag("--clusters", in->clusters,
                "count de-duplicated clusters, not reports");
  app->add_flag("--asserted-only,!--all-modalities", in->asserted_only, "count only asserted events (the default); --all-modalities adds future, hypothetical, negated and alleged ones");
  app->add_option("--seed", in->seed,
                  "seed for within-day jitter and simulation")
      ->capture_default_str();
}

void AddModel(CLI::App* app, ModelArgs* m) {
  app->add_option("--kernel", m->kernel,
                  "exp (decay by profile likelihood) or sumexp")
      ->check(CLI::IsMember({"exp", "sumexp"}))
      ->capture_default_str();
  app->add_option("--decay", m->decays,
                  "decays per day: the grid (exp) or the components (sumexp)")
      ->delimiter(',');
  app->add_option("--l1", m->l1, "L1 penalty on alpha")->capture_default_str();
  app->add_option("--l2", m->l2, "L2 penalty on alpha")->capture_default_str();
  app->add_option("--max-iter", m->max_iter, "maximum EM passes")
      ->capture_default_str();
  app->add_option("--tol", m->tol, "stop when a pass gains less per event")
      ->capture_default_str();
  AddThreadsOption(app, &m->threads, "threads (0 = all cores)", true);
  app->add_flag("--no-se", m->no_se, "skip standard errors");
}

struct DailyArgs {
  std::vector<double> memories;
  double half_life = 0.0;
  double pool_days = 0.0;
  double level_half_life = 0.0;
  int bootstrap = 200;
  bool no_weekday = false;
  bool no_excitation = false;
  bool cross = false;
};

void AddDaily(CLI::App* app, DailyArgs* d, bool with_bootstrap) {
  app->add_option("--memory", d->memories,
                  "daily model: kernel memories phi in [0,1) (grid)")
      ->delimiter(',');
  app->add_option("--half-life", d->half_life,
                  "daily model: weigh day t by 0.5^(age/H) (0 = equal)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app->add_option("--pool-days", d->pool_days,
                  "daily model: shrink each baseline toward the pooled one")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app->add_option("--level-half-life", d->level_half_life,
                  "daily model: a level shared by all dimensions from days "
                  "weighed 0.5^(age/H) (0 = none)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app->add_flag("--no-weekday", d->no_weekday,
                "daily model: no day-of-week factors (an ablation)");
  app->add_flag("--no-excitation", d->no_excitation,
                "daily model: alpha = 0 (an ablation)");
  app->add_flag("--cross", d->cross,
                "daily model: excitation also from the reverse dyad (same quad "
                "class) and the dyad's other quad classes");
  if (with_bootstrap) {
    app->add_option("--bootstrap", d->bootstrap,
                    "daily model: parametric bootstrap replicates for the "
                    "interval and the test (0 = likelihood ratio)")
        ->capture_default_str()
        ->check(CLI::Range(0, 100000));
  }
}

an::CountModelOptions ToCountOptions(const DailyArgs& d, const ModelArgs& m,
                                     uint64_t seed) {
  an::CountModelOptions o;
  if (!d.memories.empty()) o.memories = d.memories;
  o.half_life = d.half_life;
  o.pool_days = d.pool_days;
  o.level_half_life = d.level_half_life;
  o.bootstrap = d.bootstrap;
  o.weekday = !d.no_weekday;
  o.fit_alpha = !d.no_excitation;
  o.cross = d.cross;
  o.seed = seed;
  o.threads = m.threads;
  return o;
}

an::HawkesOptions ToOptions(const ModelArgs& m) {
  an::HawkesOptions o;
  o.sum_of_exponentials = m.kernel == "sumexp";
  if (!m.decays.empty()) {
    o.decays = m.decays;
  } else if (o.sum_of_exponentials) {
    o.decays = {0.1, 1.0, 10.0};
  }
  o.l1 = m.l1;
  o.l2 = m.l2;
  o.max_iterations = m.max_iter;
  o.tolerance = m.tol;
  o.threads = m.threads;
  o.standard_errors = !m.no_se;
  return o;
}

// ---- points ----

struct Loaded {
  an::Points points;
  an::TimeAxis axis;  // dated for the store; day indexes otherwise
};

// The store options of the command line (--dyad, --from, --to, ...); an
// error is a usage error.
Result<an::StorePointsOptions> StoreOptions(const InputArgs& in) {
  an::StorePointsOptions o;
  for (const std::string& spec : in.dyads) {
    Result<an::DyadSpec> dyad = an::ParseDyadSpec(spec);
    if (!dyad.ok()) return InvalidArgument("--dyad: " + dyad.status().message());
    o.dyads.push_back(*dyad);
  }
  o.top_dyads = in.top_dyads;
  o.quads = in.quads;
  if (!in.from.empty()) {
    Result<int> day = an::ParseDay(in.from);
    if (!day.ok()) return InvalidArgument("--from: " + day.status().message());
    o.day_from = *day;
  }
  if (!in.to.empty()) {
    Result<int> day = an::ParseDay(in.to);
    if (!day.ok()) return InvalidArgument("--to: " + day.status().message());
    o.day_to = *day;
  }
  o.asserted_only = in.asserted_only;
  o.unit = in.clusters ? store::CountUnit::kClusters : store::CountUnit::kEvents;
  o.seed = in.seed;
  return o;
}

// The store's events as points (an::PointsFromStore): dimensions = directed
// dyad x quad class, for the --dyad flags or the --top-dyads busiest.
Result<Loaded> LoadStore(const InputArgs& in) {
  ASSIGN_OR_RETURN(an::StorePointsOptions o, StoreOptions(in));
  if (in.db != ":memory:" && access(in.db.c_str(), F_OK) != 0) {
    return NotFound(in.db + ": no such store (create it with 'ladder ingest' or 'ladder import')");
  }
  store::StoreOptions so;
  so.read_only = true;
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> db, store::Store::Open(in.db, so));
  ASSIGN_OR_RETURN(an::StorePoints built, an::PointsFromStore(*db, o));
  return Loaded{std::move(built.points), built.axis};
}

Result<Loaded> LoadInput(const InputArgs& in) {
  Loaded out;
  if (!in.points.empty()) {
    ASSIGN_OR_RETURN(out.points, an::ReadPointsCsv(in.points));
  } else if (!in.quadruples.empty()) {
    ASSIGN_OR_RETURN(
        out.points,
        an::ReadQuadruplePoints(in.quadruples, in.top_entities, 24, in.seed));
  } else {
    ASSIGN_OR_RETURN(out, LoadStore(in));
  }
  if (out.points.times.empty())
    return InvalidArgument("no events in the chosen dimensions");
  return out;
}

std::string DimName(const an::Points& p, int i) {
  return i < static_cast<int>(p.names.size()) ? p.names[i] : std::to_string(i);
}

// ---- fit ----

std::string Se(const an::HawkesFit& fit, double se) {
  if (!fit.has_standard_errors) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, " ± %.3g", se);
  return std::isfinite(se) ? buf : " ± ?";
}

void PrintFitText(const an::HawkesFit& fit, const an::Points& points) {
  const an::HawkesModel& m = fit.model;
  std::printf(
      "Hawkes fit: %lld events, %d dimensions, window %.1f days, %s kernel",
      static_cast<long long>(fit.events), m.dimensions,
      points.end - points.start,
      m.kernels() == 1 ? "exponential" : "sum-of-exponentials");
  for (double b : m.decays) std::printf(" %.3g/day", b);
  std::printf("\nlog-likelihood %.2f, %d EM passes%s, %.2fs\n", fit.loglik,
              fit.iterations, fit.converged ? "" : " (not converged)",
              fit.seconds);
  std::printf(
      "branching ratio %.3f%s  (share of events triggered by earlier events)\n",
      fit.branching_ratio, Se(fit, fit.branching_ratio_se).c_str());
  std::printf("\n%-28s %10s %10s\n", "dimension", "events/day", "baseline");
  std::vector<int64_t> counts(m.dimensions, 0);
  for (int d : points.dims) ++counts[d];
  for (int i = 0; i < m.dimensions; ++i) {
    std::printf("%-28s %10.3f %10.4f%s\n", DimName(points, i).c_str(),
                counts[i] / std::max(1e-9, points.end - points.start), m.mu[i],
                fit.has_standard_errors ? Se(fit, fit.mu_se[i]).c_str() : "");
  }
  // A dimension with a handful of events gives an excitation estimate with
  // no support; such pairs are left out of the list and counted.
  constexpr int64_t kMinListedEvents = 10;
  int sparse = 0;
  for (int i = 0; i < m.dimensions; ++i) sparse += counts[i] < kMinListedEvents;
  std::vector<std::pair<double, std::pair<int, int>>> pairs;
  for (int i = 0; i < m.dimensions; ++i) {
    for (int j = 0; j < m.dimensions; ++j) {
      if (counts[i] < kMinListedEvents || counts[j] < kMinListedEvents) continue;
      pairs.push_back({-m.Alpha(i, j), {i, j}});
    }
  }
  std::sort(pairs.begin(), pairs.end());
  std::printf(
      "\nstrongest excitation (expected events in TARGET per event in "
      "SOURCE):\n");
  if (sparse > 0) {
    std::printf("  (%d dimension(s) with fewer than %lld events left out of this list)\n",
                sparse, static_cast<long long>(kMinListedEvents));
  }
  for (size_t k = 0; k < pairs.size() && k < 10; ++k) {
    const auto [i, j] = pairs[k].second;
    std::printf("  %-28s -> %-28s %.3f%s\n", DimName(points, j).c_str(),
                DimName(points, i).c_str(), m.Alpha(i, j),
                fit.has_standard_errors
                    ? Se(fit, fit.alpha_se[i * m.dimensions + j]).c_str()
                    : "");
  }
  bool undefined = fit.has_standard_errors && !std::isfinite(fit.branching_ratio_se);
  for (int i = 0; i < m.dimensions && fit.has_standard_errors; ++i) {
    undefined |= !std::isfinite(fit.mu_se[i]);
  }
  for (size_t k = 0; k < fit.alpha_se.size() && fit.has_standard_errors; ++k) {
    undefined |= !std::isfinite(fit.alpha_se[k]);
  }
  if (undefined) {
    std::printf(
        "\n'± ?': the standard error is undefined (the information matrix is singular: an "
        "estimate at its bound, or a dimension with too few events); do not read that "
        "estimate as measured. Fit a shorter window or fewer dimensions (--top-dyads), or use "
        "the daily model's interval below.\n");
  }
}

// A failure to read the input or fit (exit 1).
int Fail(const Status& s) {
  PrintError("escalation: " + s.message());
  return kExitFailure;
}

// A bad argument (exit 2, ExitCodeFor).
int FailArgument(const Status& s) {
  PrintError("escalation: " + s.message());
  return kExitUsage;
}

std::string DayLabel(const Loaded& in, double t) { return in.axis.Label(t); }

// ---- the daily count model and warnings ----

Result<an::CountFit> FitDaily(const Loaded& in, const an::Points& points,
                              const DailyArgs& da, const ModelArgs& ma,
                              uint64_t seed) {
  ASSIGN_OR_RETURN(an::DailyCounts counts, an::CountDaily(points, in.axis.FirstWeekday()));
  return an::FitCountModel(counts, ToCountOptions(da, ma, seed));
}

double Raise(double alpha) { return 100.0 * alpha / std::max(1e-9, 1.0 - alpha); }

void PrintDailyText(const an::CountFit& f, bool dated) {
  const an::CountModel& m = f.model;
  std::printf(
      "\ndaily count model (events of one day are not read as excitation):\n"
      "  branching ratio %.3f (95%% CI %.3f-%.3f, %s%s)\n",
      m.alpha, f.alpha_lower, f.alpha_upper, f.interval_method.c_str(),
      f.bootstrap > 0
          ? (", " + std::to_string(f.bootstrap) + " replicates").c_str()
          : "");
  char upper[32];
  std::snprintf(upper, sizeof upper, "%.0f%%", Raise(f.alpha_upper));
  std::printf(
      "  an event raised the rate of further events by %.0f%% (95%% CI "
      "%.0f%%-%s), %s against a model with no excitation (p = %.3g; "
      "negative binomial, same baselines and weekdays)\n",
      Raise(m.alpha), Raise(f.alpha_lower),
      f.alpha_upper >= 0.9 ? "over 900%" : upper,
      f.significant ? "significant" : "not significant", f.p_value);
  std::printf("  memory %.2f (mean lag %.1f days), NB size %s, weekday %s",
              m.memory, 1.0 / (1.0 - m.memory),
              m.size > 0 ? std::to_string(m.size).substr(0, 5).c_str()
                         : "inf (Poisson)",
              dated ? "Mon..Sun" : "factors (day index mod 7: 0..6)");
  for (double w : m.weekday) std::printf(" %.2f", w);
  std::printf("\n");
  if (!m.reverse.empty()) {
    std::printf(
        "  cross excitation: %.3f further events per event of the reverse "
        "dyad (same quad class), %.3f per event of the dyad's other quad "
        "classes\n",
        m.alpha_reverse, m.alpha_dyad);
  }
}

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::printf("warning: %s\n", w.c_str());
}

struct FitArgs {
  int heldout_days = 0;
  double persistence_days = 7.0;
  std::string format;
};

void PrintHeldOutText(const an::HeldOut& h, const Loaded& in) {
  const double n = std::max<int64_t>(1, h.events);
  std::printf(
      "\nheld-out %s .. %s (%.0f days, %lld events), fit on the days before:\n",
      DayLabel(in, h.from).c_str(), DayLabel(in, h.to - 1e-9).c_str(),
      h.to - h.from, static_cast<long long>(h.events));
  std::printf("  %-34s %14s %12s\n", "model", "log-likelihood", "per event");
  std::printf("  %-34s %14.2f %12.4f\n", "Hawkes (given the history)", h.loglik,
              h.loglik / n);
  std::printf("  %-34s %14.2f %12.4f\n", "Poisson (constant rate from train)",
              h.poisson_loglik, h.poisson_loglik / n);
  char label[64];
  std::snprintf(label, sizeof label, "persistence (rate of last %.0f days)",
                h.persistence_days);
  std::printf("  %-34s %14.2f %12.4f\n", label, h.persistence_loglik,
              h.persistence_loglik / n);
}

int RunFit(const InputArgs& ia, const ModelArgs& ma, const DailyArgs& da,
           const FitArgs& fa) {
  Result<Loaded> in = LoadInput(ia);
  if (!in.ok()) return Fail(in.status());
  const an::Points& points = in->points;
  an::Points train = points;
  double split = points.end;
  if (fa.heldout_days > 0) {
    split = points.end - fa.heldout_days;
    if (!(split > points.start)) {
      PrintError("escalation: --heldout-days leaves no days to fit on");
      return kExitUsage;
    }
    train = an::PointsBefore(points, split);
  }
  Result<an::HawkesFit> fit = an::FitHawkes(train, ToOptions(ma));
  if (!fit.ok()) return Fail(fit.status());
  std::optional<an::HeldOut> heldout;
  if (fa.heldout_days > 0) {
    Result<an::HeldOut> h =
        an::EvaluateHeldOut(fit->model, points, split, fa.persistence_days);
    if (!h.ok()) return Fail(h.status());
    heldout = *h;
  }
  const an::HawkesOptions hawkes_options = ToOptions(ma);
  std::vector<std::string> warnings = an::HawkesWarnings(*fit, hawkes_options);
  Result<an::CountFit> daily = FitDaily(*in, train, da, ma, ia.seed);
  if (daily.ok()) {
    for (const std::string& w : daily->warnings) warnings.push_back(w);
  } else {
    warnings.push_back("no daily count model (" + daily.status().message() +
                       "): the branching ratio above has no test; give a "
                       "longer window");
  }
  if (fa.format == "json") {
    json j = an::HawkesFitToJson(*fit, train);
    if (daily.ok()) j["daily"] = an::CountFitToJson(*daily);
    j["warnings"] = warnings;
    if (in->axis.dated) j["first_day"] = an::FormatDay(in->axis.first_day);
    if (heldout) j["heldout"] = an::HeldOutToJson(*heldout);
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  PrintFitText(*fit, train);
  if (heldout) PrintHeldOutText(*heldout, *in);
  if (daily.ok()) PrintDailyText(*daily, in->axis.dated);
  PrintWarnings(warnings);
  return kExitOk;
}

// ---- forecast ----

struct ForecastArgs {
  int days = 7;
  int paths = 1000;
  std::string format;
};

int RunForecast(const InputArgs& ia, const ModelArgs& ma,
                const ForecastArgs& fa) {
  Result<Loaded> in = LoadInput(ia);
  if (!in.ok()) return Fail(in.status());
  Result<an::HawkesFit> fit = an::FitHawkes(in->points, ToOptions(ma));
  if (!fit.ok()) return Fail(fit.status());
  an::ForecastOptions fo;
  fo.days = fa.days;
  fo.paths = fa.paths;
  fo.seed = ia.seed;
  fo.threads = ma.threads;
  Result<an::Forecast> f = an::ForecastHawkes(fit->model, in->points, fo);
  if (!f.ok()) return Fail(f.status());
  std::vector<std::string> warnings = an::HawkesWarnings(*fit, ToOptions(ma));
  if (Result<an::DailyCounts> c = an::CountDaily(in->points, in->axis.FirstWeekday()); c.ok()) {
    for (const std::string& w : an::StationarityWarnings(*c))
      warnings.push_back(w);
  }
  if (f->truncated_paths > 0) {
    warnings.push_back(std::to_string(f->truncated_paths) +
                       " paths were cut at the event limit: the fitted "
                       "process is explosive; add --l1 or fit a shorter, "
                       "stable window");
  }
  const int d = fit->model.dimensions;
  std::vector<std::string> labels;
  for (int k = 0; k < f->days; ++k)
    labels.push_back(DayLabel(*in, f->start + k));
  if (fa.format == "json") {
    std::vector<std::string> names;
    for (int i = 0; i < d; ++i) names.push_back(DimName(in->points, i));
    json j = an::ForecastToJson(*f, fo, names, in->axis);
    j["branching_ratio"] = fit->branching_ratio;
    j["warnings"] = warnings;
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  std::printf(
      "forecast: expected events per day [5%%, 95%%] over %d simulated futures"
      " (branching ratio %.3f)\n\n%-24s",
      f->paths, fit->branching_ratio, "dimension");
  for (const std::string& l : labels) std::printf(" %16s", l.c_str());
  auto cell = [](double m, double lo, double hi) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.1f [%.0f,%.0f]", m, lo, hi);
    std::printf(" %16s", buf);
  };
  for (int i = 0; i < d; ++i) {
    std::printf("\n%-24s", DimName(in->points, i).c_str());
    for (int k = 0; k < f->days; ++k) {
      const size_t c = static_cast<size_t>(i) * f->days + k;
      cell(f->mean[c], f->lower[c], f->upper[c]);
    }
  }
  std::printf("\n%-24s", "total");
  for (int k = 0; k < f->days; ++k)
    cell(f->total_mean[k], f->total_lower[k], f->total_upper[k]);
  std::printf("\n");
  PrintWarnings(warnings);
  return kExitOk;
}

// ---- simulate (what if) ----

struct SimulateArgs {
  std::string event;
  double horizon = 30.0;
  int paths = 10000;
  std::string format;
};

Result<int> FindDimension(const an::Points& p, const std::string& name) {
  for (int i = 0; i < p.dimensions; ++i) {
    if (DimName(p, i) == name) return i;
  }
  char* end = nullptr;
  const long v = std::strtol(name.c_str(), &end, 10);
  if (!name.empty() && *end == 0 && v >= 0 && v < p.dimensions)
    return static_cast<int>(v);
  std::string known;
  for (int i = 0; i < p.dimensions && i < 12; ++i)
    known += (i ? ", " : "") + DimName(p, i);
  return InvalidArgument("--event '" + name + "': no such dimension (" + known +
                         (p.dimensions > 12 ? ", ..." : "") + ")");
}

int RunSimulate(const InputArgs& ia, const ModelArgs& ma,
                const SimulateArgs& sa) {
  Result<Loaded> in = LoadInput(ia);
  if (!in.ok()) return Fail(in.status());
  Result<int> dim = FindDimension(in->points, sa.event);
  if (!dim.ok()) return FailArgument(dim.status());
  Result<an::HawkesFit> fit = an::FitHawkes(in->points, ToOptions(ma));
  if (!fit.ok()) return Fail(fit.status());
  an::WhatIfOptions wo;
  wo.dimension = *dim;
  wo.horizon = sa.horizon;
  wo.paths = sa.paths;
  wo.seed = ia.seed;
  wo.threads = ma.threads;
  Result<an::WhatIf> w = an::SimulateWhatIf(fit->model, wo);
  if (!w.ok()) return Fail(w.status());
  const int d = fit->model.dimensions;
  std::vector<std::string> names;
  for (int i = 0; i < d; ++i) names.push_back(DimName(in->points, i));
  if (sa.format == "json") {
    json j = an::WhatIfToJson(*w, names);
    j["branching_ratio"] = fit->branching_ratio;
    j["warnings"] = an::HawkesWarnings(*fit, ToOptions(ma));
    std::printf("%s\n", j.dump().c_str());
    return kExitOk;
  }
  std::printf(
      "what if one more event happens in %s: its cascade over %.0f days (%d "
      "runs)\n",
      names[*dim].c_str(), w->horizon, w->paths);
  std::printf(
      "  triggered events: mean %.2f, median %.0f, 90%% interval [%.0f, %.0f], "
      "P(any) %.2f\n",
      w->mean_size, w->q50, w->q05, w->q95, w->p_any);
  std::printf("  size distribution:");
  for (int k = 0; k < 10; ++k) {
    std::printf(" %d:%.3f", k,
                static_cast<double>(w->size_histogram[k]) / w->paths);
  }
  std::printf("\n\n  %-28s %12s %12s\n", "dimension", "extra events",
              w->extra_expected.empty() ? "" : "(no horizon)");
  for (int i = 0; i < d; ++i) {
    std::printf("  %-28s %12.3f", names[i].c_str(), w->extra_mean[i]);
    if (!w->extra_expected.empty())
      std::printf(" %12.3f", w->extra_expected[i]);
    std::printf("\n");
  }
  if (w->extra_expected.empty()) {
    std::printf("  (branching ratio %.3f >= 1: cascades need not die out)\n",
                fit->branching_ratio);
  }
  PrintWarnings(an::HawkesWarnings(*fit, ToOptions(ma)));
  return kExitOk;
}

// ---- evaluate ----

struct EvaluateArgs {
  std::string origins = "22";
  int horizon = 7;
  int paths = 1000;
  bool no_hawkes = false;
  bool no_select = false;
  int select_days = 14;
  std::vector<double> half_lives;
  std::vector<double> level_half_lives;
  std::vector<double> pool_grid;
  std::vector<int> cross_grid, weekday_grid;  // 0/1 each
  double combine = 0.0;
  std::string format;
};

// "N" (the last N daily origins whose horizon fits in the data) or
// "FROM..TO" (dates for store input, day indexes otherwise).
Result<std::vector<int>> ParseOrigins(const std::string& text,
                                      const Loaded& in, int days,
                                      int horizon) {
  const size_t dots = text.find("..");
  auto day_of = [&](const std::string& s, int* out) {
    if (Result<int> day = an::ParseDay(s); in.axis.dated && day.ok()) {
      *out = *day - in.axis.first_day;
      return true;
    }
    char* end = nullptr;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != 0) return false;
    *out = static_cast<int>(v);
    return true;
  };
  std::vector<int> out;
  if (dots == std::string::npos) {
    int n = 0;
    if (!day_of(text, &n) || n <= 0 || text.find('-') != std::string::npos) {
      return InvalidArgument("--origins '" + text +
                             "': expected a count or FROM..TO");
    }
    const int last = days - 1 - horizon;
    for (int o = last - n + 1; o <= last; ++o) out.push_back(o);
    return out;
  }
  int from = 0, to = 0;
  if (!day_of(text.substr(0, dots), &from) ||
      !day_of(text.substr(dots + 2), &to) || to < from) {
    return InvalidArgument("--origins '" + text + "': expected FROM..TO (" +
                           (in.axis.dated ? "YYYY-MM-DD" : "day indexes") + ", FROM <= TO)");
  }
  for (int o = from; o <= to; ++o) out.push_back(o);
  return out;
}

void PrintEvaluationText(const an::Evaluation& ev, const Loaded& in) {
  std::printf(
      "rolling-origin evaluation: %zu origins %s..%s (the last training day), "
      "%d-day horizon, %d dimensions, %lld forecasts per model\n\n",
      ev.origins.size(), DayLabel(in, ev.origins.front()).c_str(),
      DayLabel(in, ev.origins.back()).c_str(), ev.horizon, ev.dimensions,
      static_cast<long long>(ev.scores.front().cells));
  std::printf("%-40s %7s %9s %7s %8s %8s %8s %8s %8s\n", "model", "CRPS",
              "log score", "MAE", "PIT dev", "cover50", "cover90", "int50",
              "int90");
  for (const an::ForecastScore& s : ev.scores) {
    std::printf("%-40s %7.4f %9.4f %7.4f %8.4f %8.3f %8.3f %8.3f %8.3f\n",
                s.model.c_str(), s.crps, s.log_score, s.mae,
                s.pit_max_deviation, s.coverage50, s.coverage90, s.interval50,
                s.interval90);
  }
  const an::ForecastScore* best = nullptr;
  for (const an::ForecastScore& s : ev.scores) {
    if (s.model.rfind("ladder", 0) == 0) continue;
    if (!best || s.crps < best->crps) best = &s;
  }
  std::printf("\nPIT histogram (10 bins, expected randomised PIT; flat = 0.100):\n");
  for (const an::ForecastScore& s : ev.scores) {
    if (s.model.rfind("ladder", 0) != 0 && &s != best) continue;
    std::printf("  %-40s", s.model.c_str());
    for (double b : s.pit) std::printf(" %.3f", b);
    std::printf("\n");
  }
  if (best) {
    std::printf("\nbest baseline: %s (CRPS %.4f)\n", best->model.c_str(),
                best->crps);
    for (const an::ForecastScore& s : ev.scores) {
      if (s.model.rfind("ladder", 0) != 0) continue;
      int wins = 0;
      for (size_t o = 0; o < s.crps_by_origin.size(); ++o)
        wins += s.crps_by_origin[o] < best->crps_by_origin[o];
      std::printf("  %-40s CRPS %+.1f%% against it, lower at %d of %zu origins\n",
                  s.model.c_str(), 100.0 * (s.crps / best->crps - 1.0), wins,
                  s.crps_by_origin.size());
    }
  }
  if (!ev.chosen.empty()) {
    std::printf("\ndaily model, chosen on the %s before each origin:\n",
                "held-out days");
    for (size_t o = 0; o < ev.chosen.size(); ++o) {
      std::printf("  %s  %s\n", DayLabel(in, ev.origins[o]).c_str(),
                  ev.chosen[o].c_str());
    }
  }
  std::printf(
      "\nCRPS and MAE in events per dimension-day; log score = -log P(count), "
      "P floored at 1e-4; cover = randomised-PIT coverage of the central "
      "50%%/90%%; int = central integer quantile intervals (over-cover).\n");
  PrintWarnings(ev.warnings);
}

int RunEvaluate(const InputArgs& ia, const ModelArgs& ma, const DailyArgs& da,
                const EvaluateArgs& ea) {
  Result<Loaded> in = LoadInput(ia);
  if (!in.ok()) return Fail(in.status());
  Result<an::DailyCounts> counts = an::CountDaily(in->points, in->axis.FirstWeekday());
  if (!counts.ok()) return Fail(counts.status());
  Result<std::vector<int>> origins =
      ParseOrigins(ea.origins, *in, counts->days, ea.horizon);
  if (!origins.ok()) {
    PrintError("escalation evaluate: " + origins.status().message());
    return kExitUsage;
  }
  for (int o : *origins) {
    if (o < 13 || o + ea.horizon >= counts->days) {
      PrintError("escalation evaluate: origin " + DayLabel(*in, o) +
                 " needs at least 14 days before it and " +
                 std::to_string(ea.horizon) + " after it (data " +
                 DayLabel(*in, 0) + ".." + DayLabel(*in, counts->days - 1) +
                 ")");
      return kExitUsage;
    }
  }
  an::EvaluateOptions eo;
  eo.origins = *origins;
  eo.horizon = ea.horizon;
  eo.paths = ea.paths;
  eo.seed = ia.seed;
  eo.threads = ma.threads;
  eo.hawkes = !ea.no_hawkes;
  eo.hawkes_options = ToOptions(ma);
  eo.count_options = ToCountOptions(da, ma, ia.seed);
  eo.select = !ea.no_select;
  eo.select_days = ea.select_days;
  if (!ea.half_lives.empty()) eo.half_lives = ea.half_lives;
  if (!ea.pool_grid.empty()) eo.pool_grid = ea.pool_grid;
  if (!ea.level_half_lives.empty()) eo.level_half_lives = ea.level_half_lives;
  eo.combine = ea.combine;
  if (!ea.cross_grid.empty()) eo.cross_grid.assign(ea.cross_grid.begin(), ea.cross_grid.end());
  if (!ea.weekday_grid.empty())
    eo.weekday_grid.assign(ea.weekday_grid.begin(), ea.weekday_grid.end());
  Result<an::Evaluation> ev = an::EvaluateForecasts(in->points, *counts, eo);
  if (!ev.ok()) return Fail(ev.status());
  if (ea.format == "json") {
    std::printf("%s\n", an::EvaluationToJson(*ev, in->axis).dump().c_str());
  } else {
    PrintEvaluationText(*ev, *in);
  }
  return kExitOk;
}

int RunEscalation(int argc, char** argv) {
  CLI::App app(
      "Multivariate Hawkes model of escalation: does activity breed activity?");
  app.name("ladder escalation");
  app.require_subcommand(1);
  InputArgs ia;
  ModelArgs ma;
  FitArgs fa;
  ForecastArgs fo;
  SimulateArgs sa;
  DailyArgs da;
  EvaluateArgs ea;
  CLI::App* fit = app.add_subcommand("fit",
                                     "baseline rates, excitation matrix, "
                                     "branching ratio (with standard errors)");
  CLI::App* forecast =
      app.add_subcommand("forecast", "expected events per day with intervals");
  CLI::App* simulate = app.add_subcommand(
      "simulate", "what if event X happens: the distribution of its cascade");
  CLI::App* evaluate = app.add_subcommand(
      "evaluate",
      "rolling-origin evaluation of daily forecasts against baselines "
      "(CRPS, log score, MAE, PIT, coverage)");
  std::string output;
  for (CLI::App* sub : {fit, forecast, simulate, evaluate}) {
    AddInput(sub, &ia);
    AddModel(sub, &ma);
    AddOutputOption(sub, &output, "write the result to FILE");
  }
  AddDaily(fit, &da, true);
  AddDaily(evaluate, &da, false);
  evaluate
      ->add_option("--origins", ea.origins,
                   "the last N daily origins, or FROM..TO (dates with --db); "
                   "an origin is the last training day")
      ->capture_default_str();
  evaluate->add_option("--horizon", ea.horizon, "days forecast from each origin")
      ->capture_default_str()
      ->check(CLI::Range(1, 365));
  evaluate->add_option("--paths", ea.paths, "simulated futures per origin")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  evaluate->add_flag("--no-hawkes", ea.no_hawkes,
                     "skip the continuous Hawkes model (the slowest)");
  evaluate->add_flag("--no-select", ea.no_select,
                     "daily model: use --half-life/--level-half-life/--pool-days as given, "
                     "not chosen on held-out days");
  evaluate
      ->add_option("--select-days", ea.select_days,
                   "daily model: held-out days before each origin on which "
                   "half-life and pooling are chosen")
      ->capture_default_str()
      ->check(CLI::Range(1, 365));
  evaluate->add_option("--half-lives", ea.half_lives,
                       "daily model: half-lives to choose from (0 = none)")
      ->delimiter(',');
  evaluate->add_option("--level-half-lives", ea.level_half_lives,
                       "daily model: level half-lives to choose from (0 = none)")
      ->delimiter(',');
  evaluate
      ->add_option("--combine", ea.combine,
                   "also score the daily model mixed with the training-mean NB "
                   "baseline, this weight on the baseline (0 = not)")
      ->check(CLI::Range(0.0, 1.0));
  evaluate
      ->add_option("--cross-grid", ea.cross_grid,
                   "daily model: cross excitation off (0) / on (1) to choose from")
      ->delimiter(',')
      ->check(CLI::Range(0, 1));
  evaluate
      ->add_option("--weekday-grid", ea.weekday_grid,
                   "daily model: weekday factors off (0) / on (1) to choose from")
      ->delimiter(',')
      ->check(CLI::Range(0, 1));
  evaluate->add_option("--pool-grid", ea.pool_grid,
                       "daily model: pooling pseudo-days to choose from")
      ->delimiter(',');
  AddFormatOption(evaluate, &ea.format, {"text", "json"}, "text, or json: one JSON object");
  fit->add_option(
      "--heldout-days", fa.heldout_days,
      "fit without the last N days and score them against baselines");
  fit->add_option("--persistence-days", fa.persistence_days,
                  "window of the persistence baseline")
      ->capture_default_str();
  AddFormatOption(fit, &fa.format, {"text", "json"}, "text, or json: one JSON object");
  forecast->add_option("--days", fo.days, "days ahead")->capture_default_str();
  forecast->add_option("--paths", fo.paths, "simulated futures")
      ->capture_default_str();
  AddFormatOption(forecast, &fo.format, {"text", "json"}, "text, or json: one JSON object");
  simulate
      ->add_option("--event", sa.event,
                   "dimension of the injected event (name or index)")
      ->required();
  simulate->add_option("--horizon", sa.horizon, "days to follow the cascade")
      ->capture_default_str();
  simulate->add_option("--paths", sa.paths, "simulated cascades")
      ->capture_default_str();
  AddFormatOption(simulate, &sa.format, {"text", "json"}, "text, or json: one JSON object");
  const int parsed = ParseArgs(app, argc, argv);
  if (parsed >= 0) return parsed;
  if (!ia.points.empty() + (ia.db_given > 0) + !ia.quadruples.empty() > 1) {
    PrintError("escalation: give one of --points, --db, --quadruples (default: --db " +
               std::string(kDefaultDb) + ")");
    return kExitUsage;
  }
  if (!ia.points.empty() || !ia.quadruples.empty()) {
    ia.db.clear();
  } else if (Result<an::StorePointsOptions> o = StoreOptions(ia); !o.ok()) {
    return FailArgument(o.status());
  }
  if (Status s = RedirectStdout(output); !s.ok()) {
    PrintError(s.message());
    return kExitFailure;
  }
  if (fit->parsed()) return RunFit(ia, ma, da, fa);
  if (evaluate->parsed()) return RunEvaluate(ia, ma, da, ea);
  if (forecast->parsed()) return RunForecast(ia, ma, fo);
  return RunSimulate(ia, ma, sa);
}

const CommandRegistrar kRegisterEscalation(
    "escalation",
    "Hawkes model: fit | forecast | simulate (what if) | evaluate",
    RunEscalation);

}  // namespace
}  // namespace ladder::tools
