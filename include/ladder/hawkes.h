// Multivariate Hawkes processes: fit, held-out scoring, forecast and
// "what if" cascades.
//
// Model. D dimensions (e.g. directed dyad x quad class). The intensity of
// dimension i at time t (days) is
//
//   lambda_i(t) = mu_i + sum_k sum_j alpha_k[i][j] * sum_{t_m < t, dim j}
//                                   beta_k * exp(-beta_k * (t - t_m))
//
// Every kernel beta_k exp(-beta_k s) integrates to one, so alpha[i][j] =
// sum_k alpha_k[i][j] is the expected number of events in dimension i
// directly triggered by one event in dimension j (the branching matrix), and
// its spectral radius is the branching ratio: the share of activity triggered
// by earlier activity (a stable process needs it below 1). K = 1 is the
// exponential kernel; K > 1 fixed decays give a sum-of-exponentials kernel.
//
// Fitting is penalized maximum likelihood by EM (Veen & Schoenberg 2008):
// each E-step is one O(N * D * K) pass with the recursive sums
// R_kj(t) = sum_m beta_k exp(-beta_k (t - t_m)), split into time chunks that
// run on separate threads; the M-step has closed forms, including for an
// L1 + L2 penalty on alpha. A single decay is chosen by profile likelihood
// over a grid.
//
// Thread-safety: all functions are reentrant; they read their inputs and
// share nothing. FitHawkes, ForecastHawkes and SimulateWhatIf start their own
// std::threads (options.threads) and join them before returning.
#ifndef LADDER_HAWKES_H_
#define LADDER_HAWKES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ladder/status.h"

namespace ladder::analytics {

// A sample of a multivariate point process observed on [start, end].
// times are in days and non-decreasing; dims[n] in [0, dimensions).
struct Points {
  std::vector<double> times;
  std::vector<int> dims;
  int dimensions = 0;
  std::vector<std::string> names;  // one per dimension (may be empty)
  double start = 0.0;
  double end = 0.0;
};

// Checks sizes, order, ranges and the window. Messages name `what`.
Status ValidatePoints(const Points& points, const std::string& what);

// The events of `points` with start <= t < split (window [start, split]).
Points PointsBefore(const Points& points, double split);

// Reads a CSV of points with the header "time,dimension" (time in days). A
// dimension is a label; when every label is a non-negative integer the
// labels are the indices (dimensions = max + 1), otherwise dimensions are
// numbered in order of first appearance. Points are sorted by time; the
// window is [min(0, first time), last time]. Errors name the line:
// "points.csv:17: expected 'time,dimension'".
Result<Points> ReadPointsCsv(const std::string& path);

// ICEWS18-style quadruple files ("subject relation object time" per line,
// time in steps of `time_step` per day, e.g. 24). Dimensions are the `top`
// most frequent subject entities over all files; other lines are skipped.
// Times are days since the first day plus a uniform jitter in [0, 1) from
// `seed` (events of one day are spread over that day), window
// [0, last day + 1]. Names come from entity2id.txt beside the first file
// when it exists.
Result<Points> ReadQuadruplePoints(const std::vector<std::string>& paths,
                                   int top, int time_step, uint64_t seed);

// Fitted parameters.
struct HawkesModel {
  int dimensions = 0;
  std::vector<std::string> names;
  std::vector<double> decays;  // beta_k per day, K >= 1
  std::vector<double> mu;      // D baseline rates (events per day)
  std::vector<double> alpha;   // K*D*D, alpha_k[i][j] at (k*D + i)*D + j

  int kernels() const { return static_cast<int>(decays.size()); }
  double AlphaK(int k, int i, int j) const {
    return alpha[(static_cast<size_t>(k) * dimensions + i) * dimensions + j];
  }
  // The branching matrix entry: sum over kernels.
  double Alpha(int i, int j) const;
  // D*D row-major branching matrix.
  std::vector<double> BranchingMatrix() const;
};

// Checks that sizes agree and every parameter is finite and non-negative.
Status ValidateModel(const HawkesModel& model);

struct HawkesOptions {
  // Exponential kernel: candidate decays per day; one is chosen by profile
  // likelihood (one value = fixed). Sum of exponentials: all are used.
  std::vector<double> decays = {0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0};
  bool sum_of_exponentials = false;
  double l1 = 0.0;  // penalty l1 * sum alpha
  double l2 = 0.0;  // penalty l2 / 2 * sum alpha^2
  int max_iterations = 300;
  int profile_iterations = 30;  // EM iterations per grid decay
  // Stop when the penalized log-likelihood gains less than this per event.
  double tolerance = 1e-7;
  int threads = 0;  // 0 = std::thread::hardware_concurrency()
  bool standard_errors = true;
  // Exact (1 + K*D)-square information blocks per target dimension up to
  // this size, the diagonal approximation above it.
  int max_block = 65;
};

struct HawkesFit {
  HawkesModel model;
  double loglik = 0.0;  // unpenalized, on the fitting window
  int64_t events = 0;
  int iterations = 0;
  bool converged = false;
  double branching_ratio = 0.0;  // spectral radius of the branching matrix
  // Standard errors from the observed information of the penalized
  // likelihood. The likelihood separates by target dimension, so the
  // information is block diagonal with one block (mu_i, alpha_k[i][.]) per
  // target; se_method says whether blocks were exact or diagonal. The
  // branching ratio's error follows by the delta method (Perron vectors).
  bool has_standard_errors = false;
  std::string se_method;
  std::vector<double> mu_se;     // D
  std::vector<double> alpha_se;  // D*D, of alpha[i][j] (summed over k)
  double branching_ratio_se = 0.0;
  std::vector<std::pair<double, double>> profile;  // (decay, loglik) grid
  double seconds = 0.0;
};

// Fits the model to `points` on their window.
Result<HawkesFit> FitHawkes(const Points& points, const HawkesOptions& options);

// Log-likelihood of the events in [from, to) given all earlier events of
// `points` (their history), and the number of those events.
struct WindowScore {
  double loglik = 0.0;
  int64_t events = 0;
};
Result<WindowScore> ScoreWindow(const HawkesModel& model, const Points& points,
                                double from, double to);

// Spectral radius of a non-negative D*D row-major matrix (power iteration).
double SpectralRadius(const std::vector<double>& matrix, int dimensions);

// Held-out comparison: fit on [start, split), score [split, end).
struct HeldOut {
  double from = 0.0, to = 0.0;
  int64_t events = 0;
  double loglik = 0.0;              // the Hawkes model given the history
  double poisson_loglik = 0.0;      // constant rate per dimension from train
  double persistence_loglik = 0.0;  // rate of the last `persistence_days`
  double persistence_days = 7.0;
};
// Baselines use rate (count + 0.5) / length so an unseen dimension is not
// impossible; `model` is scored with ScoreWindow over [split, points.end).
Result<HeldOut> EvaluateHeldOut(const HawkesModel& model, const Points& points,
                                double split, double persistence_days);

// ---- Simulation (cluster representation: immigrants and their offspring,
// exact for exponential kernels; no thinning needed) ----

// Simulates the model on [0, horizon] from no history.
struct SimulateOptions {
  uint64_t seed = 1;
  int64_t max_events = 50'000'000;  // stop (error) beyond this
};
Result<Points> SimulateHawkes(const HawkesModel& model, double horizon,
                              const SimulateOptions& options);

struct ForecastOptions {
  int days = 7;
  int paths = 1000;
  double lower = 0.05, upper = 0.95;  // interval quantiles
  uint64_t seed = 1;
  int threads = 0;
  int64_t max_events_per_path = 1'000'000;  // a path beyond is truncated
  bool keep_paths = false;  // fill Forecast::path_counts
};
// Per dimension and day d (the day [end + d, end + d + 1) after the history's
// window): expected count and the quantile interval over simulated futures.
struct Forecast {
  double start = 0.0;
  int days = 0;
  int paths = 0;
  int truncated_paths = 0;
  std::vector<double> mean, lower, upper;  // D*days at i*days + d
  std::vector<double> total_mean, total_lower, total_upper;  // per day
  // With keep_paths: every path's counts, paths*D*days at (p*D + i)*days + d.
  std::vector<int> path_counts;
};
// Futures are conditioned on `history` (its events up to history.end).
Result<Forecast> ForecastHawkes(const HawkesModel& model, const Points& history,
                                const ForecastOptions& options);

struct WhatIfOptions {
  int dimension = 0;      // the injected event's dimension
  double horizon = 30.0;  // days after the event
  int paths = 10000;
  uint64_t seed = 1;
  int threads = 0;
  int64_t max_events_per_path = 1'000'000;
};
// The cascade of one injected event: its descendants within the horizon. In
// a linear Hawkes process they are independent of all other activity, so the
// result does not depend on the history or on when the event happens.
struct WhatIf {
  int dimension = 0;
  double horizon = 0.0;
  int paths = 0;
  int truncated_paths = 0;
  double mean_size = 0.0;  // descendants (the event itself not counted)
  double p_any = 0.0;      // P(at least one descendant)
  double q05 = 0, q50 = 0, q95 = 0;
  std::vector<double> extra_mean;  // D: expected extra events per dimension
  // sum_n A^n e_d for n >= 1 (infinite horizon); empty when the branching
  // ratio is >= 1 (cascades may be infinite).
  std::vector<double> extra_expected;
  std::vector<int64_t> size_histogram;  // sizes 0..63, last bin = 63 and up
};
Result<WhatIf> SimulateWhatIf(const HawkesModel& model,
                              const WhatIfOptions& options);

// ---- Daily counts: a discrete-time self-exciting model and forecast
// scoring (src/analytics/count_model.cc, forecast_eval.cc) ----
//
// Event data are stamped by day, so events of one day carry no order: a
// continuous-time fit reads their coincidence as excitation. The count model
// works on daily counts y[i][t] of each dimension i instead:
//
//   lambda[i][t] = w[dow(t)] * (mu_i(t) + alpha * sum_{k>=1} g_k y[i][t-k]),
//   g_k = (1 - phi) phi^(k-1)  (a geometric kernel summing to one),
//   y[i][t] ~ NegBin(mean lambda[i][t], size r)  (Poisson when r = inf),
//
// with day-of-week factors w (mean one, shared by all dimensions), a
// baseline mu_i per dimension and one excitation alpha: the expected number
// of further events (on later days, in the same dimension) one event
// triggers, i.e. the branching ratio. Same-day coincidence never counts.
// With cross excitation (CountModelOptions::cross) the sum inside also has
// alpha_reverse times the same kernel over the reverse dyad's counts (same
// quad class) and alpha_dyad times it over the dyad's other quad classes.
// Fitting is weighted maximum likelihood: mean parameters by EM (the
// Poisson quasi-likelihood, whose mean estimates stay consistent under
// over-dispersion), then r by one-dimensional search; phi by profile over a
// grid. Past days weigh 0.5^(age / half_life) (a drifting level), and each
// mu_i is shrunk toward the pooled mean by `pool_days` pseudo-days (sparse
// dimensions borrow from the others).

// Counts per dimension and day; day t is [start + t, start + t + 1).
struct DailyCounts {
  int dimensions = 0;
  int days = 0;
  int first_weekday = 0;  // weekday of day 0, 0 = Monday
  std::vector<std::string> names;
  std::vector<double> counts;  // dimensions*days at i*days + t
  double At(int i, int t) const {
    return counts[static_cast<size_t>(i) * days + t];
  }
};
// floor(time - start) days; days = ceil(end - start).
Result<DailyCounts> CountDaily(const Points& points, int first_weekday);
// The first `days` days of `counts`.
DailyCounts DaysBefore(const DailyCounts& counts, int days);

struct CountModel {
  int dimensions = 0;
  std::vector<std::string> names;
  std::vector<double> mu;      // baseline per dimension at the last day
  double alpha = 0.0;          // branching ratio (0 <= alpha < 1)
  double memory = 0.0;         // phi; mean lag of the kernel 1/(1-phi) days
  std::vector<double> weekday = std::vector<double>(7, 1.0);  // Mon..Sun
  double size = 0.0;           // NB size r; 0 = Poisson (pooled)
  std::vector<double> sizes;   // per dimension (empty: `size` for all)
  // A level shared by all dimensions that multiplies every rate in
  // forecasts: the recent observed / fitted ratio (1 = none).
  double level = 1.0;
  int first_weekday = 0;       // of day 0 of the fitted counts
  // Cross excitation (CountModelOptions::cross): the expected further
  // events in dimension i per event of its reverse dyad (same quad class),
  // and per event of its own dyad's other quad classes, through the same
  // kernel. reverse[i] is the reverse dimension (-1 none) and dyad[i] the
  // dyad's group (-1 none); both empty without cross excitation.
  double alpha_reverse = 0.0, alpha_dyad = 0.0;
  std::vector<int> reverse, dyad;
  double SizeOf(int i) const {
    return static_cast<size_t>(i) < sizes.size() ? sizes[i] : size;
  }
};

struct CountModelOptions {
  std::vector<double> memories = {0.0, 0.3, 0.5, 0.7, 0.85};  // phi grid
  bool fit_alpha = true;       // false: alpha = 0 (the null model)
  bool weekday = true;
  bool negative_binomial = true;
  // An NB size per dimension for dimensions with at least this many events
  // (the pooled size for the others).
  bool size_per_dimension = true;
  double min_events_for_size = 20;
  double half_life = 0.0;      // days; 0 = all days weigh the same
  double pool_days = 0.0;      // pseudo-days of shrinkage of mu_i
  // Common drifting level: after the fit, all dimensions together give
  // level = sum v_t y / sum v_t lambda with v_t = 0.5^(age / this) (0 =
  // none). Pooled over dimensions, it follows a shift of the whole window
  // with less noise than a short half_life in each dimension.
  double level_half_life = 0.0;
  // Excitation also from the reverse dyad and from the dyad's other quad
  // classes (dimensions named "SOURCE-TARGET:QUAD", RelateDimensions), with
  // one coefficient each, shared by all dimensions.
  bool cross = false;
  int max_iterations = 400;
  // Parametric bootstrap replicates for the branching ratio's interval and
  // the test against no excitation (0 = none).
  int bootstrap = 0;
  uint64_t seed = 1;
  int threads = 0;
};

struct CountFit {
  CountModel model;
  double loglik = 0.0;       // NB (or Poisson) log-likelihood, weighted
  double null_loglik = 0.0;  // the same model with alpha = 0
  int64_t events = 0;
  std::vector<std::pair<double, double>> profile;  // (phi, loglik)
  // Branching ratio: a 95% basic (bias-correcting) interval from a
  // parametric bootstrap of the fitted model, and the share of bootstrap fits under the null
  // (alpha = 0, same baselines, weekdays and dispersion) whose alpha
  // reaches the fitted one (p_value, with the +1 correction). Without
  // bootstrap: the likelihood-ratio interval and the chi-square p-value
  // (boundary-corrected: half a chi-square(1)).
  double alpha_lower = 0.0, alpha_upper = 0.0;
  double p_value = 1.0;
  bool significant = false;  // p_value < 0.05
  int bootstrap = 0;
  std::string interval_method;  // "bootstrap" or "likelihood ratio"
  std::vector<std::string> warnings;  // each names what to do
};
Result<CountFit> FitCountModel(const DailyCounts& counts,
                               const CountModelOptions& options);

// Fills model->reverse and model->dyad from dimension names of the form
// "SOURCE-TARGET:QUAD" (others relate to nothing).
void RelateDimensions(const std::vector<std::string>& names, CountModel* model);

// Simulates `days` days of counts from the model with no history, starting
// at weekday `first_weekday`.
DailyCounts SimulateCountModel(const CountModel& model, int days,
                               int first_weekday, uint64_t seed);

// A predictive distribution of one count: pmf[k] = P(count = k), k < size.
using Pmf = std::vector<double>;

// Predictive distributions of the `horizon` days after `history` (which the
// model was fitted on), D*horizon at i*horizon + h: an average over `paths`
// simulated futures of the conditional NB pmfs (Rao-Blackwellised).
Result<std::vector<Pmf>> ForecastCountModel(const CountModel& model,
                                            const DailyCounts& history,
                                            int horizon, int paths,
                                            uint64_t seed);

// Scores of count forecasts. CRPS = sum_k (F(k) - [y <= k])^2; log score =
// -log P(y) with P floored at 1e-4; MAE of the predictive mean; the PIT
// histogram (10 bins) is the expectation of the randomised PIT of counts
// (Czado, Gneiting & Held 2009), flat when calibrated; coverage50/90 the
// randomised PIT's share inside [0.25, 0.75] / [0.05, 0.95] (exact for
// counts); interval50/90 the share of counts inside the central integer
// quantile intervals (over-cover for small counts).
struct ForecastScore {
  std::string model;
  int64_t cells = 0;
  double crps = 0, log_score = 0, mae = 0;
  double coverage50 = 0, coverage90 = 0, interval50 = 0, interval90 = 0;
  std::vector<double> pit = std::vector<double>(10, 0.0);  // shares
  double pit_max_deviation = 0;  // max |share - 0.1|
  std::vector<double> crps_by_origin;
  void Add(const Pmf& pmf, double y);  // accumulate one cell
  void Finish();                       // sums -> means
};
Pmf PoissonPmf(double mean);
Pmf NegBinPmf(double mean, double size);  // size <= 0 or inf: Poisson
double Crps(const Pmf& pmf, double y);

struct EvaluateOptions {
  std::vector<int> origins;  // last day index of each training window
  int horizon = 7;
  int paths = 1000;
  uint64_t seed = 1;
  int threads = 0;
  bool hawkes = true;        // the continuous Hawkes model (needs points)
  HawkesOptions hawkes_options;
  bool count_model = true;
  CountModelOptions count_options;  // half_life/pool_days: see select
  // Choose weekday factors (on/off), half_life, level_half_life and
  // pool_days at each origin by CRPS
  // on the last `select_days` days before it (folds of `horizon` days, each
  // fitted on the days before it), from the grids.
  bool select = true;
  int select_days = 14;
  std::vector<double> half_lives = {0.0, 28.0};
  std::vector<double> level_half_lives = {0.0, 7.0};
  std::vector<double> pool_grid = {0.0};
  // Weekday factors on/off. Choosing between both on the 14 held-out days
  // made ICEWS18 worse (BENCHMARKS.md), so by default they stay on.
  std::vector<bool> weekday_grid = {true};
  // Cross excitation (CountModelOptions::cross) off/on, chosen likewise
  // (ignored when count_options.cross is set: then always on).
  std::vector<bool> cross_grid = {false};
  // > 0: also score the mixture (1 - combine) * daily model + combine *
  // training-mean NB baseline (the last baseline), as its own model.
  double combine = 0.0;
};
struct Evaluation {
  int dimensions = 0, horizon = 0;
  std::vector<int> origins;
  std::vector<ForecastScore> scores;  // one per model, baselines first
  std::vector<std::string> chosen;     // per origin: the count model's choice
  std::vector<std::string> warnings;
};
// Rolling origins over `counts` (and `points` for the Hawkes model: the
// same dimensions, day t = [points.start + t, +1)). Every model forecasts
// days origin+1 .. origin+horizon from days 0..origin.
Result<Evaluation> EvaluateForecasts(const Points& points,
                                     const DailyCounts& counts,
                                     const EvaluateOptions& options);

// Warnings about a continuous Hawkes fit (branching ratio >= 0.9, undefined
// standard errors, a decay at the edge of its grid); each names what to do.
std::vector<std::string> HawkesWarnings(const HawkesFit& fit,
                                        const HawkesOptions& options);
// A non-stationary window: the daily totals' first and second halves differ
// by more than chance (Poisson/NB z > 3) or a trend; names what to do.
std::vector<std::string> StationarityWarnings(const DailyCounts& counts);

}  // namespace ladder::analytics

#endif  // LADDER_HAWKES_H_
