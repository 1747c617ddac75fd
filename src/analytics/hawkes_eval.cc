// Scoring a fitted model on a window given its history, and the held-out
// comparison with the Poisson and persistence baselines.
#include <algorithm>
#include <cmath>
#include <string>

#include "analytics/hawkes_internal.h"

namespace ladder::analytics {
namespace {

Status CheckModelFitsPoints(const HawkesModel& model, const Points& points) {
  RETURN_IF_ERROR(ValidateModel(model));
  RETURN_IF_ERROR(ValidatePoints(points, "hawkes score"));
  if (model.dimensions != points.dimensions) {
    return InvalidArgument(
        "hawkes score: the model has " + std::to_string(model.dimensions) +
        " dimensions, the points " + std::to_string(points.dimensions));
  }
  return Status::Ok();
}

// Log-likelihood of counts[i] events in a window of `length` under constant
// rates[i].
double PoissonLogLik(const std::vector<int64_t>& counts,
                     const std::vector<double>& rates, double length) {
  double ll = 0.0;
  for (size_t i = 0; i < counts.size(); ++i) {
    ll +=
        static_cast<double>(counts[i]) * std::log(rates[i]) - rates[i] * length;
  }
  return ll;
}

std::vector<int64_t> CountIn(const Points& points, double from, double to) {
  std::vector<int64_t> counts(points.dimensions, 0);
  for (size_t n = 0; n < points.times.size(); ++n) {
    if (points.times[n] >= from && points.times[n] < to) {
      ++counts[points.dims[n]];
    }
  }
  return counts;
}

}  // namespace

Result<WindowScore> ScoreWindow(const HawkesModel& model, const Points& points,
                                double from, double to) {
  RETURN_IF_ERROR(CheckModelFitsPoints(model, points));
  if (!(to > from)) return InvalidArgument("hawkes score: empty window");
  const int d = model.dimensions, kc = model.kernels();
  const size_t n_to = static_cast<size_t>(
      std::lower_bound(points.times.begin(), points.times.end(), to) -
      points.times.begin());
  const int chunks = internal::ThreadCount(0, n_to / 20000 + 1);
  const internal::Sweep s =
      internal::MakeSweep(points, model.decays, n_to, chunks, to);
  std::vector<double> log_sums(chunks, 0.0);
  std::vector<int64_t> counted(chunks, 0);
  internal::RunParallel(chunks, [&](int c) {
    internal::WalkChunk(s, c, [&](size_t n, int i, const double* r) {
      if (points.times[n] < from) return;
      double lam = model.mu[i];
      for (int k = 0; k < kc; ++k) {
        for (int j = 0; j < d; ++j) lam += model.AlphaK(k, i, j) * r[k * d + j];
      }
      log_sums[c] += std::log(std::max(lam, 1e-300));
      ++counted[c];
    });
  });
  WindowScore score;
  for (int c = 0; c < chunks; ++c) {
    score.loglik += log_sums[c];
    score.events += counted[c];
  }
  // Compensator: integral of every intensity over [from, to).
  for (double m : model.mu) score.loglik -= m * (to - from);
  std::vector<double> column(static_cast<size_t>(kc) * d, 0.0);
  for (int k = 0; k < kc; ++k) {
    for (int i = 0; i < d; ++i) {
      for (int j = 0; j < d; ++j) column[k * d + j] += model.AlphaK(k, i, j);
    }
  }
  for (size_t n = 0; n < n_to; ++n) {
    const double t = points.times[n];
    for (int k = 0; k < kc; ++k) {
      const double b = model.decays[k];
      const double mass =
          std::exp(-b * std::max(0.0, from - t)) - std::exp(-b * (to - t));
      score.loglik -= column[k * d + points.dims[n]] * mass;
    }
  }
  return score;
}

Result<HeldOut> EvaluateHeldOut(const HawkesModel& model, const Points& points,
                                double split, double persistence_days) {
  RETURN_IF_ERROR(CheckModelFitsPoints(model, points));
  if (!(split > points.start) || !(split < points.end)) {
    return InvalidArgument(
        "hawkes held-out: the split must fall inside the window");
  }
  if (!(persistence_days > 0.0)) {
    return InvalidArgument("hawkes held-out: persistence window must be > 0");
  }
  HeldOut out;
  out.from = split;
  out.to = points.end;
  out.persistence_days = std::min(persistence_days, split - points.start);
  ASSIGN_OR_RETURN(WindowScore score,
                   ScoreWindow(model, points, split, points.end));
  out.loglik = score.loglik;
  out.events = score.events;

  const std::vector<int64_t> held = CountIn(points, split, points.end);
  const double train_length = split - points.start;
  const std::vector<int64_t> train = CountIn(points, points.start, split);
  const std::vector<int64_t> recent =
      CountIn(points, split - out.persistence_days, split);
  std::vector<double> poisson(points.dimensions),
      persistence(points.dimensions);
  for (int i = 0; i < points.dimensions; ++i) {
    poisson[i] = (static_cast<double>(train[i]) + 0.5) / train_length;
    persistence[i] =
        (static_cast<double>(recent[i]) + 0.5) / out.persistence_days;
  }
  const double length = points.end - split;
  out.poisson_loglik = PoissonLogLik(held, poisson, length);
  out.persistence_loglik = PoissonLogLik(held, persistence, length);
  return out;
}

}  // namespace ladder::analytics
