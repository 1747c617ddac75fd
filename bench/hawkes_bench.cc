// Hawkes fit benchmarks.
//
//   BM_HawkesEmPasses/N   10 EM passes over N simulated events in 100
//                         dimensions (2 threads): cost per pass is O(N * D),
//                         the Complexity line shows it linear in N.
//   BM_HawkesFit1M        a full fit (accelerated EM to convergence, fixed
//                         decay) of ~1,000,000 events over 100 dimensions;
//                         parameters are checked against the truth first.
//   BM_Icews18HeldOut     ICEWS18 (valid + test, 64 days), the 20 busiest
//                         subject entities: fit without the last 14 days,
//                         held-out log-likelihood against the baselines.
//
// Run: build-hawkes/bench/hawkes_bench --benchmark_counters_tabular=true
// Time is wall clock; CPU is the whole process (both threads).
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <string>

#include "ladder/hawkes.h"

namespace {

namespace an = ladder::analytics;

constexpr int kDims = 100;

// mu 0.2/day, decay 4/day; each dimension excites itself (0.3) and its
// neighbour (0.2): branching ratio 0.5, stationary rate 0.4/day/dimension.
an::HawkesModel BenchModel() {
  an::HawkesModel m;
  m.dimensions = kDims;
  m.decays = {4.0};
  m.mu.assign(kDims, 0.2);
  m.alpha.assign(kDims * kDims, 0.0);
  for (int i = 0; i < kDims; ++i) {
    m.alpha[i * kDims + i] = 0.3;
    m.alpha[i * kDims + (i + 1) % kDims] = 0.2;
  }
  return m;
}

const an::Points& Data(int64_t events) {
  static std::map<int64_t, an::Points> cache;
  auto it = cache.find(events);
  if (it != cache.end()) return it->second;
  an::SimulateOptions so;
  so.seed = 42;
  const double horizon = events / (0.4 * kDims);
  an::Points p = an::SimulateHawkes(BenchModel(), horizon, so).value();
  return cache.emplace(events, std::move(p)).first->second;
}

an::HawkesOptions BenchOptions() {
  an::HawkesOptions o;
  o.decays = {4.0};
  o.threads = 2;
  o.standard_errors = false;
  return o;
}

void BM_HawkesEmPasses(benchmark::State& state) {
  const an::Points& points = Data(state.range(0));
  an::HawkesOptions o = BenchOptions();
  o.max_iterations = 10;
  o.tolerance = -1e300;  // never stop early: exactly 10 passes
  int passes = 0;
  for (auto _ : state) {
    auto fit = an::FitHawkes(points, o);
    if (!fit.ok()) {
      state.SkipWithError(fit.status().message().c_str());
      return;
    }
    passes = fit->iterations + 1;  // + the initial E-step
    benchmark::DoNotOptimize(fit->loglik);
  }
  const double n = static_cast<double>(points.times.size());
  state.SetComplexityN(static_cast<int64_t>(n));
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * passes * n));
  state.counters["events"] = n;
  state.counters["passes"] = passes;
}
BENCHMARK(BM_HawkesEmPasses)
    ->Arg(125000)
    ->Arg(250000)
    ->Arg(500000)
    ->Arg(1000000)
    ->Complexity(benchmark::oN)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

// Max |error| over the true non-zero alphas, mean |error| of mu, and the sum
// of alpha fitted where the truth is zero, per row.
void Recovery(const an::HawkesModel& truth, const an::HawkesModel& fit,
              double* alpha_err, double* mu_err, double* spurious) {
  *alpha_err = *mu_err = *spurious = 0.0;
  for (int i = 0; i < kDims; ++i) {
    *mu_err += std::abs(fit.mu[i] - truth.mu[i]) / kDims;
    for (int j = 0; j < kDims; ++j) {
      const double t = truth.Alpha(i, j), f = fit.Alpha(i, j);
      if (t > 0) *alpha_err = std::max(*alpha_err, std::abs(f - t));
      if (t == 0) *spurious += f / kDims;
    }
  }
}

void BM_HawkesFit1M(benchmark::State& state) {
  const an::Points& points = Data(1000000);
  const an::HawkesModel truth = BenchModel();
  an::HawkesOptions o = BenchOptions();
  o.l1 = static_cast<double>(state.range(0));
  // Check before timing: the fit must recover the parameters.
  auto check = an::FitHawkes(points, o);
  double alpha_err = 0, mu_err = 0, spurious = 0;
  if (check.ok()) Recovery(truth, check->model, &alpha_err, &mu_err, &spurious);
  if (!check.ok() || !check->converged || alpha_err > 0.05 || mu_err > 0.05) {
    state.SkipWithError("parameters not recovered");
    return;
  }
  for (auto _ : state) {
    auto fit = an::FitHawkes(points, o);
    benchmark::DoNotOptimize(fit->loglik);
  }
  state.counters["events"] = static_cast<double>(points.times.size());
  state.counters["passes"] = check->iterations + 1;
  state.counters["rho"] = check->branching_ratio;
  state.counters["alpha_max_err"] = alpha_err;
  state.counters["mu_mean_err"] = mu_err;
  state.counters["spurious_row"] = spurious;
}
// Arg = L1 penalty (0 = plain maximum likelihood).
BENCHMARK(BM_HawkesFit1M)
    ->Arg(0)
    ->Arg(100)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_Icews18HeldOut(benchmark::State& state) {
  const std::string dir =
      std::string(LADDER_SHARED_DIR) + "/data/gdelt-events/icews18/";
  auto points =
      an::ReadQuadruplePoints({dir + "valid.txt", dir + "test.txt"}, 20, 24, 1);
  if (!points.ok()) {
    state.SkipWithError(
        ("ICEWS18 not found: " + points.status().message()).c_str());
    return;
  }
  const double split = points->end - 14.0;
  an::HawkesOptions o;
  o.threads = 2;
  o.standard_errors = false;
  an::HawkesFit fit;
  an::HeldOut h;
  for (auto _ : state) {
    fit = an::FitHawkes(an::PointsBefore(*points, split), o).value();
    h = an::EvaluateHeldOut(fit.model, *points, split, 7.0).value();
  }
  state.counters["events"] = static_cast<double>(points->times.size());
  state.counters["heldout_events"] = static_cast<double>(h.events);
  state.counters["decay"] = fit.model.decays[0];
  state.counters["rho"] = fit.branching_ratio;
  state.counters["ll_hawkes"] = h.loglik;
  state.counters["ll_poisson"] = h.poisson_loglik;
  state.counters["ll_persist"] = h.persistence_loglik;
}
BENCHMARK(BM_Icews18HeldOut)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
