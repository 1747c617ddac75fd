// Simulation by the cluster (branching) representation: immigrants arrive as
// Poisson processes with rates mu_i; every event of dimension j has
// Poisson(alpha_k[i][j]) children in dimension i through kernel k, each
// after an Exp(beta_k) delay. For exponential kernels this is exact, and so
// is conditioning on a history: the children that earlier events have yet to
// produce through kernel k in dimension i number
// Poisson(sum_j alpha_k[i][j] R_kj(t0) / beta_k), each after Exp(beta_k)
// (memorylessness). No thinning is needed.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "analytics/hawkes_internal.h"

namespace ladder::analytics {
namespace {

struct Event {
  double t;
  int dim;
};

// Per source dimension j: mean number of children and their cumulative
// distribution over (k, i), laid out at j*K*D + k*D + i.
struct Offspring {
  int d = 0, kc = 0;
  std::vector<double> total;
  std::vector<double> cdf;
};

Offspring MakeOffspring(const HawkesModel& m) {
  Offspring o;
  o.d = m.dimensions;
  o.kc = m.kernels();
  const size_t width = static_cast<size_t>(o.kc) * o.d;
  o.total.assign(o.d, 0.0);
  o.cdf.assign(width * o.d, 0.0);
  for (int j = 0; j < o.d; ++j) {
    double acc = 0.0;
    for (int k = 0; k < o.kc; ++k) {
      for (int i = 0; i < o.d; ++i) {
        acc += m.AlphaK(k, i, j);
        o.cdf[j * width + k * o.d + i] = acc;
      }
    }
    o.total[j] = acc;
  }
  return o;
}

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

int64_t Poisson(std::mt19937_64& rng, double mean) {
  if (!(mean > 0.0)) return 0;
  return std::poisson_distribution<int64_t>(mean)(rng);
}

// Appends the descendants of events[first..] that fall before `end`. False
// when more than `max_events` events would be held.
bool Expand(const HawkesModel& m, const Offspring& o, std::mt19937_64& rng,
            double end, size_t first, int64_t max_events,
            std::vector<Event>* events) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const size_t width = static_cast<size_t>(o.kc) * o.d;
  for (size_t p = first; p < events->size(); ++p) {
    const Event parent = (*events)[p];
    const int64_t children = Poisson(rng, o.total[parent.dim]);
    const double* cdf = &o.cdf[parent.dim * width];
    for (int64_t c = 0; c < children; ++c) {
      const double u = unit(rng) * o.total[parent.dim];
      size_t x =
          static_cast<size_t>(std::upper_bound(cdf, cdf + width, u) - cdf);
      x = std::min(x, width - 1);
      const int k = static_cast<int>(x / o.d), i = static_cast<int>(x % o.d);
      const double t = parent.t - std::log1p(-unit(rng)) / m.decays[k];
      if (t < end) events->push_back({t, i});
    }
    if (static_cast<int64_t>(events->size()) > max_events) return false;
  }
  return true;
}

// Nearest-rank quantile of `values` (reordered).
double Quantile(std::vector<double>* values, double q) {
  if (values->empty()) return 0.0;
  const double n = static_cast<double>(values->size());
  size_t rank = static_cast<size_t>(std::ceil(q * n));
  rank = std::clamp<size_t>(rank, 1, values->size()) - 1;
  std::nth_element(values->begin(), values->begin() + rank, values->end());
  return (*values)[rank];
}

// R_kj at time t0 from all events of `history` (sparse recursion).
std::vector<double> StateAt(const HawkesModel& m, const Points& history,
                            double t0) {
  const int d = m.dimensions, kc = m.kernels();
  std::vector<double> r(static_cast<size_t>(kc) * d, 0.0);
  for (size_t n = 0; n < history.times.size(); ++n) {
    if (history.times[n] > t0) break;
    for (int k = 0; k < kc; ++k) {
      r[k * d + history.dims[n]] +=
          m.decays[k] * std::exp(-m.decays[k] * (t0 - history.times[n]));
    }
  }
  return r;
}

Status CheckSim(const HawkesModel& model, int paths, int64_t max_events) {
  RETURN_IF_ERROR(ValidateModel(model));
  if (paths <= 0) return InvalidArgument("hawkes simulate: paths must be > 0");
  if (max_events <= 0) {
    return InvalidArgument("hawkes simulate: max events must be > 0");
  }
  return Status::Ok();
}

}  // namespace

Result<Points> SimulateHawkes(const HawkesModel& model, double horizon,
                              const SimulateOptions& options) {
  RETURN_IF_ERROR(CheckSim(model, 1, options.max_events));
  if (!(horizon > 0.0) || !std::isfinite(horizon)) {
    return InvalidArgument("hawkes simulate: horizon must be > 0");
  }
  std::mt19937_64 rng(SplitMix(options.seed));
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Event> events;
  for (int i = 0; i < model.dimensions; ++i) {
    const int64_t count = Poisson(rng, model.mu[i] * horizon);
    for (int64_t c = 0; c < count; ++c)
      events.push_back({unit(rng) * horizon, i});
  }
  const Offspring o = MakeOffspring(model);
  if (!Expand(model, o, rng, horizon, 0, options.max_events, &events)) {
    return InvalidArgument("hawkes simulate: more than " +
                           std::to_string(options.max_events) +
                           " events (is the branching ratio >= 1?)");
  }
  std::sort(events.begin(), events.end(),
            [](const Event& a, const Event& b) { return a.t < b.t; });
  Points out;
  out.dimensions = model.dimensions;
  out.names = model.names;
  out.start = 0.0;
  out.end = horizon;
  out.times.reserve(events.size());
  out.dims.reserve(events.size());
  for (const Event& e : events) {
    out.times.push_back(e.t);
    out.dims.push_back(e.dim);
  }
  return out;
}

namespace {

// One simulated future of `days` days after the history: counts[i*days + d].
bool SimulateFuture(const HawkesModel& m, const Offspring& o,
                    const std::vector<double>& pending, int days,
                    int64_t max_events, std::mt19937_64& rng,
                    std::vector<int>* counts) {
  const int d = m.dimensions, kc = m.kernels();
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Event> events;
  for (int i = 0; i < d; ++i) {
    const int64_t count = Poisson(rng, m.mu[i] * days);
    for (int64_t c = 0; c < count; ++c) events.push_back({unit(rng) * days, i});
    for (int k = 0; k < kc; ++k) {
      const int64_t late = Poisson(rng, pending[k * d + i] / m.decays[k]);
      for (int64_t c = 0; c < late; ++c) {
        const double t = -std::log1p(-unit(rng)) / m.decays[k];
        if (t < days) events.push_back({t, i});
      }
    }
  }
  const bool ok = Expand(m, o, rng, days, 0, max_events, &events);
  counts->assign(static_cast<size_t>(d) * days, 0);
  for (const Event& e : events) {
    const int day = std::min(days - 1, static_cast<int>(e.t));
    ++(*counts)[static_cast<size_t>(e.dim) * days + day];
  }
  return ok;
}

}  // namespace

Result<Forecast> ForecastHawkes(const HawkesModel& model, const Points& history,
                                const ForecastOptions& options) {
  RETURN_IF_ERROR(CheckSim(model, options.paths, options.max_events_per_path));
  RETURN_IF_ERROR(ValidatePoints(history, "hawkes forecast"));
  if (history.dimensions != model.dimensions) {
    return InvalidArgument(
        "hawkes forecast: model and history dimensions differ");
  }
  if (options.days <= 0)
    return InvalidArgument("hawkes forecast: days must be > 0");
  const int d = model.dimensions, kc = model.kernels(), days = options.days;
  const std::vector<double> r = StateAt(model, history, history.end);
  std::vector<double> pending(static_cast<size_t>(kc) * d, 0.0);
  for (int k = 0; k < kc; ++k) {
    for (int i = 0; i < d; ++i) {
      for (int j = 0; j < d; ++j) {
        pending[k * d + i] += model.AlphaK(k, i, j) * r[k * d + j];
      }
    }
  }
  const Offspring o = MakeOffspring(model);
  const size_t cells = static_cast<size_t>(d) * days;
  std::vector<int> all(cells * options.paths);
  std::vector<char> truncated(options.paths, 0);
  const int threads = internal::ThreadCount(options.threads, options.paths);
  internal::RunParallel(threads, [&](int c) {
    std::vector<int> counts;
    for (int p = c; p < options.paths; p += threads) {
      std::mt19937_64 rng(SplitMix(options.seed * 1000003ULL + p));
      truncated[p] = !SimulateFuture(model, o, pending, days,
                                     options.max_events_per_path, rng, &counts);
      std::copy(counts.begin(), counts.end(), all.begin() + cells * p);
    }
  });
  Forecast f;
  f.start = history.end;
  f.days = days;
  f.paths = options.paths;
  f.truncated_paths =
      static_cast<int>(std::count(truncated.begin(), truncated.end(), 1));
  if (options.keep_paths) f.path_counts = all;
  f.mean.assign(cells, 0.0);
  f.lower.assign(cells, 0.0);
  f.upper.assign(cells, 0.0);
  std::vector<double> values(options.paths), totals(options.paths);
  for (int day = 0; day < days; ++day) {
    std::fill(totals.begin(), totals.end(), 0.0);
    for (int i = 0; i < d; ++i) {
      const size_t cell = static_cast<size_t>(i) * days + day;
      double sum = 0.0;
      for (int p = 0; p < options.paths; ++p) {
        values[p] = all[cells * p + cell];
        totals[p] += values[p];
        sum += values[p];
      }
      f.mean[cell] = sum / options.paths;
      f.lower[cell] = Quantile(&values, options.lower);
      f.upper[cell] = Quantile(&values, options.upper);
    }
    double sum = 0.0;
    for (double v : totals) sum += v;
    f.total_mean.push_back(sum / options.paths);
    f.total_lower.push_back(Quantile(&totals, options.lower));
    f.total_upper.push_back(Quantile(&totals, options.upper));
  }
  return f;
}

Result<WhatIf> SimulateWhatIf(const HawkesModel& model,
                              const WhatIfOptions& options) {
  RETURN_IF_ERROR(CheckSim(model, options.paths, options.max_events_per_path));
  const int d = model.dimensions;
  if (options.dimension < 0 || options.dimension >= d) {
    return InvalidArgument("hawkes what-if: no dimension " +
                           std::to_string(options.dimension));
  }
  if (!(options.horizon > 0.0)) {
    return InvalidArgument("hawkes what-if: horizon must be > 0");
  }
  const Offspring o = MakeOffspring(model);
  std::vector<double> sizes(options.paths, 0.0);
  std::vector<double> per_dim(static_cast<size_t>(d) * options.paths, 0.0);
  std::vector<char> truncated(options.paths, 0);
  const int threads = internal::ThreadCount(options.threads, options.paths);
  internal::RunParallel(threads, [&](int c) {
    std::vector<Event> events;
    for (int p = c; p < options.paths; p += threads) {
      std::mt19937_64 rng(SplitMix(options.seed * 1000003ULL + p));
      events.assign(1, Event{0.0, options.dimension});
      truncated[p] = !Expand(model, o, rng, options.horizon, 0,
                             options.max_events_per_path, &events);
      sizes[p] = static_cast<double>(events.size() - 1);
      for (size_t e = 1; e < events.size(); ++e) {
        per_dim[static_cast<size_t>(p) * d + events[e].dim] += 1.0;
      }
    }
  });
  WhatIf w;
  w.dimension = options.dimension;
  w.horizon = options.horizon;
  w.paths = options.paths;
  w.truncated_paths =
      static_cast<int>(std::count(truncated.begin(), truncated.end(), 1));
  w.extra_mean.assign(d, 0.0);
  w.size_histogram.assign(64, 0);
  for (int p = 0; p < options.paths; ++p) {
    w.mean_size += sizes[p] / options.paths;
    w.p_any += sizes[p] > 0 ? 1.0 / options.paths : 0.0;
    ++w.size_histogram[std::min<size_t>(63, static_cast<size_t>(sizes[p]))];
    for (int i = 0; i < d; ++i) {
      w.extra_mean[i] +=
          per_dim[static_cast<size_t>(p) * d + i] / options.paths;
    }
  }
  w.q05 = Quantile(&sizes, 0.05);
  w.q50 = Quantile(&sizes, 0.5);
  w.q95 = Quantile(&sizes, 0.95);
  const std::vector<double> a = model.BranchingMatrix();
  if (SpectralRadius(a, d) < 1.0) {
    std::vector<double> v(d, 0.0), next(d);
    v[options.dimension] = 1.0;
    w.extra_expected.assign(d, 0.0);
    for (int it = 0; it < 100000; ++it) {
      double norm = 0.0;
      for (int i = 0; i < d; ++i) {
        next[i] = 0.0;
        for (int j = 0; j < d; ++j)
          next[i] += a[static_cast<size_t>(i) * d + j] * v[j];
        w.extra_expected[i] += next[i];
        norm += next[i];
      }
      v.swap(next);
      if (norm < 1e-12) break;
    }
  }
  return w;
}

}  // namespace ladder::analytics
