// Shared pieces of the Hawkes implementation (src/analytics/hawkes*.cc):
// the recursive sweep over events and a tiny thread runner.
#ifndef LADDER_ANALYTICS_HAWKES_INTERNAL_H_
#define LADDER_ANALYTICS_HAWKES_INTERNAL_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "ladder/hawkes.h"

namespace ladder::analytics::internal {

// Number of worker threads for `requested` (0 = hardware) capped at `work`.
int ThreadCount(int requested, int64_t work);

// Runs fn(0) .. fn(n - 1), each on its own thread (fn(0) on the caller's).
void RunParallel(int n, const std::function<void(int)>& fn);

// The parameter-free part of a fit for one set of decays: the events split
// into time chunks, the recursive sums R_kj at the start of each chunk, and
// the compensator integrals G_kj = sum_{m in j} (1 - exp(-beta_k (end - t_m))).
struct Sweep {
  const Points* points = nullptr;
  int dims = 0;
  int kernels = 0;
  std::vector<double> decays;
  size_t events = 0;            // events [0, events) take part
  std::vector<size_t> bounds;   // chunk c is [bounds[c], bounds[c + 1])
  std::vector<double> state;    // chunk c: K*D values at (c*K + k)*D + j
  std::vector<double> g;        // K*D at k*D + j
  std::vector<int64_t> counts;  // events per dimension
};

// Builds a Sweep over the first `events` events of `points` in `chunks`
// chunks, with compensators up to `end`.
Sweep MakeSweep(const Points& points, const std::vector<double>& decays,
                size_t events, int chunks, double end);

// Walks chunk `c` in time order calling visit(n, dim, R) with R the K*D sums
// R_kj(t_n) over earlier events (the event itself excluded).
template <typename Visit>
void WalkChunk(const Sweep& sweep, int c, Visit&& visit) {
  const int d = sweep.dims, k_count = sweep.kernels;
  const size_t width = static_cast<size_t>(d) * k_count;
  std::vector<double> r(sweep.state.begin() + c * width,
                        sweep.state.begin() + (c + 1) * width);
  const size_t begin = sweep.bounds[c], end = sweep.bounds[c + 1];
  if (begin >= end) return;
  const double* times = sweep.points->times.data();
  const int* dims = sweep.points->dims.data();
  double t_prev = times[begin];
  for (size_t n = begin; n < end; ++n) {
    const double dt = times[n] - t_prev;
    if (dt > 0) {
      for (int k = 0; k < k_count; ++k) {
        const double f = std::exp(-sweep.decays[k] * dt);
        double* rk = r.data() + static_cast<size_t>(k) * d;
        for (int j = 0; j < d; ++j) {
          const double v = rk[j] * f;
          rk[j] = v < 1e-200 ? 0.0 : v;  // no denormals
        }
      }
      t_prev = times[n];
    }
    const int i = dims[n];
    visit(n, i, static_cast<const double*>(r.data()));
    for (int k = 0; k < k_count; ++k) {
      r[static_cast<size_t>(k) * d + i] += sweep.decays[k];
    }
  }
}

// Power iteration on matrix + I (non-negative): the Perron root and vector.
// `transpose` iterates on the transpose (left vector).
double PerronVector(const std::vector<double>& matrix, int dims, bool transpose,
                    std::vector<double>* vec);

}  // namespace ladder::analytics::internal

#endif  // LADDER_ANALYTICS_HAWKES_INTERNAL_H_
