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

}  // namespace ladder::analytics

#endif  // LADDER_HAWKES_H_
