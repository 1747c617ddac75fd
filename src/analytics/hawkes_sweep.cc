// Sweep construction, threads, Perron vectors and the model's small helpers.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <thread>

#include "analytics/hawkes_internal.h"

namespace ladder::analytics {

double HawkesModel::Alpha(int i, int j) const {
  double sum = 0.0;
  for (int k = 0; k < kernels(); ++k) sum += AlphaK(k, i, j);
  return sum;
}

std::vector<double> HawkesModel::BranchingMatrix() const {
  const size_t dd = static_cast<size_t>(dimensions) * dimensions;
  std::vector<double> m(dd, 0.0);
  for (int k = 0; k < kernels(); ++k) {
    for (size_t x = 0; x < dd; ++x) m[x] += alpha[k * dd + x];
  }
  return m;
}

Status ValidateModel(const HawkesModel& model) {
  const size_t d = static_cast<size_t>(model.dimensions);
  if (model.dimensions <= 0 || model.decays.empty()) {
    return InvalidArgument("hawkes model: no dimensions or no decays");
  }
  if (model.mu.size() != d ||
      model.alpha.size() != model.decays.size() * d * d) {
    return InvalidArgument("hawkes model: parameter sizes do not match");
  }
  auto bad = [](double v) { return !std::isfinite(v) || v < 0.0; };
  for (double b : model.decays) {
    if (bad(b) || b == 0.0) return InvalidArgument("hawkes model: bad decay");
  }
  if (std::any_of(model.mu.begin(), model.mu.end(), bad) ||
      std::any_of(model.alpha.begin(), model.alpha.end(), bad)) {
    return InvalidArgument("hawkes model: negative or non-finite parameter");
  }
  return Status::Ok();
}

Status ValidatePoints(const Points& points, const std::string& what) {
  if (points.dimensions <= 0) {
    return InvalidArgument(what + ": no dimensions");
  }
  if (points.times.size() != points.dims.size()) {
    return InvalidArgument(what + ": times and dims differ in length");
  }
  if (!points.names.empty() &&
      points.names.size() != static_cast<size_t>(points.dimensions)) {
    return InvalidArgument(what + ": names do not match dimensions");
  }
  if (!std::isfinite(points.start) || !std::isfinite(points.end) ||
      points.end < points.start) {
    return InvalidArgument(what + ": bad observation window");
  }
  double prev = points.start;
  for (size_t n = 0; n < points.times.size(); ++n) {
    const double t = points.times[n];
    if (!std::isfinite(t) || t < prev || t > points.end) {
      return InvalidArgument(what + ": point " + std::to_string(n) +
                             " is out of order or outside the window");
    }
    if (points.dims[n] < 0 || points.dims[n] >= points.dimensions) {
      return InvalidArgument(what + ": point " + std::to_string(n) +
                             " has a bad dimension");
    }
    prev = t;
  }
  return Status::Ok();
}

Points PointsBefore(const Points& points, double split) {
  Points out;
  out.dimensions = points.dimensions;
  out.names = points.names;
  out.start = points.start;
  out.end = std::max(points.start, split);
  const size_t n = static_cast<size_t>(
      std::lower_bound(points.times.begin(), points.times.end(), split) -
      points.times.begin());
  out.times.assign(points.times.begin(), points.times.begin() + n);
  out.dims.assign(points.dims.begin(), points.dims.begin() + n);
  return out;
}

namespace internal {

int ThreadCount(int requested, int64_t work) {
  int n = requested > 0 ? requested
                        : static_cast<int>(std::thread::hardware_concurrency());
  n = std::clamp(n, 1, 64);
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(n, work)));
}

void RunParallel(int n, const std::function<void(int)>& fn) {
  std::vector<std::thread> threads;
  threads.reserve(n > 0 ? n - 1 : 0);
  for (int c = 1; c < n; ++c) threads.emplace_back(fn, c);
  if (n > 0) fn(0);
  for (std::thread& t : threads) t.join();
}

Sweep MakeSweep(const Points& points, const std::vector<double>& decays,
                size_t events, int chunks, double end) {
  Sweep s;
  s.points = &points;
  s.dims = points.dimensions;
  s.kernels = static_cast<int>(decays.size());
  s.decays = decays;
  s.events = events;
  const int d = s.dims, kc = s.kernels;
  chunks = std::max(1, chunks);
  for (int c = 0; c <= chunks; ++c) s.bounds.push_back(events * c / chunks);
  s.state.assign(static_cast<size_t>(chunks) * kc * d, 0.0);
  s.g.assign(static_cast<size_t>(kc) * d, 0.0);
  s.counts.assign(d, 0);
  // Sparse recursion: each R_kj is brought up to date only when touched.
  std::vector<double> r(static_cast<size_t>(kc) * d, 0.0);
  std::vector<double> last(d, 0.0);
  size_t m = 0;
  for (int c = 0; c < chunks; ++c) {
    const size_t b = s.bounds[c];
    for (; m < b; ++m) {
      const int j = points.dims[m];
      const double t = points.times[m];
      for (int k = 0; k < kc; ++k) {
        double& v = r[static_cast<size_t>(k) * d + j];
        v = v * std::exp(-decays[k] * (t - last[j])) + decays[k];
      }
      last[j] = t;
    }
    if (b >= events) continue;
    const double at = points.times[b];
    for (int k = 0; k < kc; ++k) {
      for (int j = 0; j < d; ++j) {
        const size_t x = static_cast<size_t>(k) * d + j;
        s.state[static_cast<size_t>(c) * kc * d + x] =
            r[x] * std::exp(-decays[k] * (at - last[j]));
      }
    }
  }
  for (size_t n = 0; n < events; ++n) {
    const int j = points.dims[n];
    ++s.counts[j];
    for (int k = 0; k < kc; ++k) {
      s.g[static_cast<size_t>(k) * d + j] +=
          -std::expm1(-decays[k] * (end - points.times[n]));
    }
  }
  return s;
}

double PerronVector(const std::vector<double>& matrix, int dims, bool transpose,
                    std::vector<double>* vec) {
  std::vector<double> v(dims, 1.0 / dims), next(dims);
  double rho = 0.0;
  for (int it = 0; it < 20000; ++it) {
    for (int i = 0; i < dims; ++i) {
      double s = v[i];  // the + I shift makes the Perron root dominant
      for (int j = 0; j < dims; ++j) {
        const double a = transpose ? matrix[static_cast<size_t>(j) * dims + i]
                                   : matrix[static_cast<size_t>(i) * dims + j];
        s += a * v[j];
      }
      next[i] = s;
    }
    double norm = 0.0;
    for (double x : next) norm += x;  // non-negative: the 1-norm
    if (!(norm > 0.0) || !std::isfinite(norm)) break;
    double change = 0.0;
    for (int i = 0; i < dims; ++i) {
      next[i] /= norm;
      change = std::max(change, std::abs(next[i] - v[i]));
    }
    v.swap(next);
    const bool done =
        std::abs(norm - 1.0 - rho) <= 1e-13 * (1.0 + rho) && change < 1e-12;
    rho = norm - 1.0;  // ||(A + I) v||_1 with ||v||_1 = 1
    if (done) break;
  }
  if (vec != nullptr) *vec = v;
  return std::max(0.0, rho);
}

}  // namespace internal

double SpectralRadius(const std::vector<double>& matrix, int dimensions) {
  if (dimensions <= 0 ||
      matrix.size() != static_cast<size_t>(dimensions) * dimensions) {
    return 0.0;
  }
  return internal::PerronVector(matrix, dimensions, false, nullptr);
}

}  // namespace ladder::analytics
