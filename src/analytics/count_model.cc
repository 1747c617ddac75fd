// The discrete-time self-exciting count model (negative-binomial INGARCH
// with a day-of-week baseline), its bootstrap test against no excitation,
// simulation and forecast. The model is described in include/ladder/hawkes.h.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <thread>

#include "analytics/hawkes_internal.h"
#include "ladder/hawkes.h"

namespace ladder::analytics {
namespace {

constexpr double kMaxAlpha = 0.99;
constexpr double kMaxSize = 1000.0;  // above: Poisson

int Weekday(int first_weekday, int t) { return (first_weekday + t) % 7; }

// Exponentially weighted history E[i][t] = sum_k g_k y[i][t-k] / w[t-k] of
// weekday-adjusted counts (a quiet Sunday is not read as a lull), started
// at the mean of the first week (a stationary guess for the unseen past).
std::vector<double> Excitation(const DailyCounts& c, double phi,
                               const std::vector<double>& weekday) {
  std::vector<double> e(c.counts.size(), 0.0);
  for (int i = 0; i < c.dimensions; ++i) {
    const int warm = std::min(7, c.days);
    double start = 0.0;
    for (int t = 0; t < warm; ++t)
      start += c.At(i, t) / weekday[Weekday(c.first_weekday, t)];
    double state = warm > 0 ? start / warm : 0.0;
    for (int t = 0; t < c.days; ++t) {
      e[static_cast<size_t>(i) * c.days + t] = state;
      state = phi * state + (1.0 - phi) * c.At(i, t) /
                                weekday[Weekday(c.first_weekday, t)];
    }
  }
  return e;
}

// What drives dimension i's excitation besides its own history: with
// cross excitation, the reverse dyad's state (same quad class) and the sum
// of the states of the same dyad's other quad classes. Empty vectors when
// the model has no cross excitation.
struct Drivers {
  std::vector<double> own, reverse, dyad;
};

double Sum(const CountModel& m, const std::vector<double>& state, int i,
           bool reverse) {
  if (reverse) {
    const int r = i < static_cast<int>(m.reverse.size()) ? m.reverse[i] : -1;
    return r >= 0 ? state[r] : 0.0;
  }
  double s = 0.0;
  if (i >= static_cast<int>(m.dyad.size()) || m.dyad[i] < 0) return 0.0;
  for (int j = 0; j < static_cast<int>(m.dyad.size()); ++j)
    if (j != i && m.dyad[j] == m.dyad[i]) s += state[j];
  return s;
}

// The excitation term of dimension i given every dimension's state.
double Drive(const CountModel& m, const std::vector<double>& state, int i) {
  double x = m.alpha * state[i];
  if (m.alpha_reverse > 0.0) x += m.alpha_reverse * Sum(m, state, i, true);
  if (m.alpha_dyad > 0.0) x += m.alpha_dyad * Sum(m, state, i, false);
  return x;
}

Drivers MakeDrivers(const CountModel& m, const DailyCounts& c,
                    std::vector<double> own) {
  Drivers out;
  if (m.reverse.empty() && m.dyad.empty()) {
    out.own = std::move(own);
    return out;
  }
  out.reverse.assign(own.size(), 0.0);
  out.dyad.assign(own.size(), 0.0);
  std::vector<double> state(c.dimensions);
  for (int t = 0; t < c.days; ++t) {
    for (int i = 0; i < c.dimensions; ++i)
      state[i] = own[static_cast<size_t>(i) * c.days + t];
    for (int i = 0; i < c.dimensions; ++i) {
      const size_t cell = static_cast<size_t>(i) * c.days + t;
      out.reverse[cell] = Sum(m, state, i, true);
      out.dyad[cell] = Sum(m, state, i, false);
    }
  }
  out.own = std::move(own);
  return out;
}

double DayWeight(int days, int t, double half_life) {
  return half_life > 0.0 ? std::exp2(-(days - 1 - t) / half_life) : 1.0;
}

double NegBinLogPmf(double y, double mean, double size) {
  mean = std::max(mean, 1e-12);
  if (size <= 0.0) return y * std::log(mean) - mean - std::lgamma(y + 1.0);
  return std::lgamma(y + size) - std::lgamma(size) - std::lgamma(y + 1.0) +
         size * std::log(size / (size + mean)) +
         y * std::log(mean / (size + mean));
}

struct Means {
  std::vector<double> mu;
  double alpha = 0.0;
  std::vector<double> weekday = std::vector<double>(7, 1.0);
  double alpha_reverse = 0.0, alpha_dyad = 0.0;
};

double Excite(const Means& m, const Drivers& e, size_t cell) {
  double x = m.alpha * e.own[cell];
  if (!e.reverse.empty())
    x += m.alpha_reverse * e.reverse[cell] + m.alpha_dyad * e.dyad[cell];
  return x;
}

double Lambda(const Means& m, const DailyCounts& c, const Drivers& e, int i,
              int t) {
  const size_t cell = static_cast<size_t>(i) * c.days + t;
  return m.weekday[Weekday(c.first_weekday, t)] * (m.mu[i] + Excite(m, e, cell));
}

Means MeansOf(const CountModel& model) {
  Means m{model.mu, model.alpha, model.weekday};
  m.alpha_reverse = model.alpha_reverse;
  m.alpha_dyad = model.alpha_dyad;
  return m;
}

double LogLik(const Means& m, const DailyCounts& c, const Drivers& e,
              const std::vector<double>& sizes, double half_life) {
  double ll = 0.0;
  for (int i = 0; i < c.dimensions; ++i) {
    for (int t = 0; t < c.days; ++t) {
      ll += DayWeight(c.days, t, half_life) *
            NegBinLogPmf(c.At(i, t), Lambda(m, c, e, i, t), sizes[i]);
    }
  }
  return ll;
}

// EM / MM for the weighted Poisson quasi-likelihood of the mean parameters.
// Stops when no parameter moves by more than 1e-7 (relative).
Means FitMeans(const DailyCounts& c, const Drivers& e,
               const CountModelOptions& o) {
  const int d = c.dimensions;
  Means m;
  m.mu.assign(d, 0.0);
  std::vector<double> v(c.days);
  double total_w = 0.0;
  for (int t = 0; t < c.days; ++t) {
    v[t] = DayWeight(c.days, t, o.half_life);
    total_w += v[t];
  }
  for (int i = 0; i < d; ++i) {
    double s = 0.0;
    for (int t = 0; t < c.days; ++t) s += v[t] * c.At(i, t);
    m.mu[i] = std::max(s / total_w, 1e-6);
  }
  const bool cross = !e.reverse.empty();
  if (o.fit_alpha) {
    m.alpha = 0.2;
    if (cross) m.alpha_reverse = m.alpha_dyad = 0.02;
    for (double& mu : m.mu) mu *= 0.8;
  }
  std::vector<double> s_base(d), s_w(d);
  for (int iter = 0; iter < o.max_iterations; ++iter) {
    std::fill(s_base.begin(), s_base.end(), 0.0);
    std::fill(s_w.begin(), s_w.end(), 0.0);
    double s_exc[3] = {0, 0, 0}, s_we[3] = {0, 0, 0};
    double wk_num[7] = {0}, wk_den[7] = {0};
    for (int i = 0; i < d; ++i) {
      const double base = m.mu[i];
      for (int t = 0; t < c.days; ++t) {
        const size_t cell = static_cast<size_t>(i) * c.days + t;
        const int wd = Weekday(c.first_weekday, t);
        const double y = c.counts[cell], w = m.weekday[wd], vt = v[t];
        const double exc = Excite(m, e, cell);
        const double inner = std::max(base + exc, 1e-12);
        const double share = vt * y / inner;
        s_base[i] += share * base;
        s_w[i] += vt * w;
        s_exc[0] += share * m.alpha * e.own[cell];
        s_we[0] += vt * w * e.own[cell];
        if (cross) {
          s_exc[1] += share * m.alpha_reverse * e.reverse[cell];
          s_we[1] += vt * w * e.reverse[cell];
          s_exc[2] += share * m.alpha_dyad * e.dyad[cell];
          s_we[2] += vt * w * e.dyad[cell];
        }
        wk_num[wd] += vt * y;
        wk_den[wd] += vt * inner;
      }
    }
    double pooled_num = 0.0, pooled_den = 0.0;
    for (int i = 0; i < d; ++i) {
      pooled_num += s_base[i];
      pooled_den += s_w[i];
    }
    const double pooled = pooled_den > 0 ? pooled_num / pooled_den : 0.0;
    double moved = 0.0;
    auto update = [&moved](double* x, double fresh) {
      moved = std::max(moved, std::abs(fresh - *x) / (std::abs(*x) + 1e-3));
      *x = fresh;
    };
    std::vector<double> old_mu = m.mu;
    for (int i = 0; i < d; ++i) {
      m.mu[i] = std::max((s_base[i] + o.pool_days * pooled) /
                             std::max(s_w[i] + o.pool_days, 1e-12),
                         1e-6);
    }
    double alpha = m.alpha, alpha_reverse = m.alpha_reverse,
           alpha_dyad = m.alpha_dyad;
    if (o.fit_alpha) {
      alpha = s_we[0] > 0 ? std::min(kMaxAlpha, s_exc[0] / s_we[0]) : 0.0;
      if (cross) {
        alpha_reverse =
            s_we[1] > 0 ? std::min(kMaxAlpha, s_exc[1] / s_we[1]) : 0.0;
        alpha_dyad = s_we[2] > 0 ? std::min(kMaxAlpha, s_exc[2] / s_we[2]) : 0.0;
      }
    }
    if (o.weekday) {
      double mean_w = 0.0;
      int seen = 0;
      for (int k = 0; k < 7; ++k) {
        if (wk_den[k] > 0) {
          update(&m.weekday[k], std::max(wk_num[k] / wk_den[k], 1e-3));
          mean_w += m.weekday[k];
          ++seen;
        }
      }
      mean_w = seen > 0 ? mean_w / seen : 1.0;
      for (double& w : m.weekday) w /= mean_w;
      for (double& mu : m.mu) mu *= mean_w;
      alpha = std::min(kMaxAlpha, alpha * mean_w);
      alpha_reverse = std::min(kMaxAlpha, alpha_reverse * mean_w);
      alpha_dyad = std::min(kMaxAlpha, alpha_dyad * mean_w);
    }
    for (int i = 0; i < d; ++i) {
      double x = old_mu[i];
      update(&x, m.mu[i]);
    }
    update(&m.alpha, alpha);
    update(&m.alpha_reverse, alpha_reverse);
    update(&m.alpha_dyad, alpha_dyad);
    if (moved < 1e-7) break;
  }
  return m;
}

// Per-cell means and weights, for the likelihood in the NB size.
struct Cells {
  std::vector<double> y, lambda, weight;
};

Cells MakeCells(const Means& m, const DailyCounts& c, const Drivers& e,
                double half_life) {
  Cells out;
  for (int i = 0; i < c.dimensions; ++i) {
    for (int t = 0; t < c.days; ++t) {
      out.y.push_back(c.At(i, t));
      out.lambda.push_back(std::max(Lambda(m, c, e, i, t), 1e-12));
      out.weight.push_back(DayWeight(c.days, t, half_life));
    }
  }
  return out;
}

// Weighted log-likelihood of the cells at NB size r (0 = Poisson), without
// the terms that do not depend on r or lambda (-lgamma(y + 1)).
double CellsLogLik(const Cells& c, double r) {
  double ll = 0.0;
  for (size_t n = 0; n < c.y.size(); ++n) {
    const double y = c.y[n], lam = c.lambda[n];
    double term;
    if (r <= 0.0) {
      term = y * std::log(lam) - lam;
    } else {
      double gam = 0.0;  // lgamma(y + r) - lgamma(r) for integer y
      if (y < 50) {
        for (int j = 0; j < static_cast<int>(y); ++j) gam += std::log(r + j);
      } else {
        gam = std::lgamma(y + r) - std::lgamma(r);
      }
      term = gam + r * std::log(r / (r + lam)) + y * std::log(lam / (r + lam));
    }
    ll += c.weight[n] * term;
  }
  return ll;
}

// The NB size maximising the weighted likelihood given the means (golden
// section on log size); 0 (Poisson) when the data are not over-dispersed.
double FitSize(const Cells& cells) {
  auto f = [&](double log_size) { return CellsLogLik(cells, std::exp(log_size)); };
  double a = std::log(0.05), b = std::log(kMaxSize);
  const double g = (std::sqrt(5.0) - 1.0) / 2.0;
  double x1 = b - g * (b - a), x2 = a + g * (b - a);
  double f1 = f(x1), f2 = f(x2);
  for (int k = 0; k < 28; ++k) {
    if (f1 > f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = f(x2);
    }
  }
  const double best = std::exp((a + b) / 2.0);
  return best >= kMaxSize * 0.95 || CellsLogLik(cells, 0.0) >= CellsLogLik(cells, best)
             ? 0.0
             : best;
}

struct PointFit {
  CountModel model;
  double loglik = 0.0;
  std::vector<std::pair<double, double>> profile;
};

PointFit FitOnce(const DailyCounts& c, const CountModelOptions& o) {
  CountModel relations;  // which dimensions drive which (cross excitation)
  if (o.cross && o.fit_alpha) RelateDimensions(c.names, &relations);
  auto drivers = [&](double phi, const std::vector<double>& weekday) {
    return MakeDrivers(relations, c, Excitation(c, phi, weekday));
  };
  PointFit best;
  best.loglik = -std::numeric_limits<double>::infinity();
  const std::vector<double> grid =
      o.fit_alpha && !o.memories.empty() ? o.memories
                                         : std::vector<double>{0.0};
  for (double phi : grid) {
    // The excitation reads weekday-adjusted counts, so the weekday factors
    // and the rest are fitted in turn (three rounds suffice).
    Drivers e = drivers(phi, std::vector<double>(7, 1.0));
    Means m = FitMeans(c, e, o);
    for (int round = 0; round < 2 && o.weekday && o.fit_alpha; ++round) {
      e = drivers(phi, m.weekday);
      m = FitMeans(c, e, o);
    }
    const Cells cells = MakeCells(m, c, e, o.half_life);
    const double size = o.negative_binomial ? FitSize(cells) : 0.0;
    std::vector<double> sizes(c.dimensions, size);
    double ll = 0.0;
    for (int i = 0; i < c.dimensions; ++i) {
      Cells one;  // dimension i's days
      const auto from = static_cast<std::ptrdiff_t>(i) * c.days;
      for (const auto* v : {&cells.y, &cells.lambda, &cells.weight}) {
        auto* dst = v == &cells.y ? &one.y : v == &cells.lambda ? &one.lambda : &one.weight;
        dst->assign(v->begin() + from, v->begin() + from + c.days);
      }
      const double events = std::accumulate(one.y.begin(), one.y.end(), 0.0);
      if (o.negative_binomial && o.size_per_dimension &&
          events >= o.min_events_for_size) {
        sizes[i] = FitSize(one);
      }
      ll += CellsLogLik(one, sizes[i]);
    }
    for (size_t n = 0; n < cells.y.size(); ++n)
      ll -= cells.weight[n] * std::lgamma(cells.y[n] + 1.0);
    if (o.fit_alpha) best.profile.push_back({phi, ll});
    if (ll > best.loglik) {
      best.loglik = ll;
      best.model.mu = m.mu;
      best.model.alpha = m.alpha;
      best.model.alpha_reverse = m.alpha_reverse;
      best.model.alpha_dyad = m.alpha_dyad;
      best.model.weekday = m.weekday;
      best.model.memory = phi;
      best.model.size = size;
      best.model.sizes = sizes;
    }
  }
  best.model.dimensions = c.dimensions;
  best.model.names = c.names;
  best.model.first_weekday = c.first_weekday;
  best.model.reverse = relations.reverse;
  best.model.dyad = relations.dyad;
  if (o.level_half_life > 0.0) {
    const Drivers e = drivers(best.model.memory, best.model.weekday);
    const Means m = MeansOf(best.model);
    double num = 0.0, den = 0.0;
    for (int i = 0; i < c.dimensions; ++i) {
      for (int t = 0; t < c.days; ++t) {
        const double v = DayWeight(c.days, t, o.level_half_life);
        num += v * c.At(i, t);
        den += v * Lambda(m, c, e, i, t);
      }
    }
    if (den > 0 && num > 0) best.model.level = num / den;
  }
  return best;
}

// Draws from NB(mean, size) (Poisson when size is 0) as a gamma mixture.
double DrawCount(std::mt19937_64& rng, double mean, double size) {
  if (mean <= 0.0) return 0.0;
  if (size > 0.0) {
    std::gamma_distribution<double> gamma(size, mean / size);
    mean = gamma(rng);
    if (mean <= 0.0) return 0.0;
  }
  std::poisson_distribution<int64_t> poisson(mean);
  return static_cast<double>(poisson(rng));
}

// Fits of `replicates` data sets simulated from `truth` (same days and
// weekdays), each fitted as the data were; returns the fitted alphas.
std::vector<double> BootstrapAlphas(const CountModel& truth, int days,
                                    int first_weekday,
                                    const CountModelOptions& o,
                                    int replicates, uint64_t seed) {
  std::vector<double> alphas(replicates, 0.0);
  CountModelOptions fit_o = o;
  fit_o.bootstrap = 0;
  fit_o.fit_alpha = true;
  const int threads = internal::ThreadCount(o.threads, replicates);
  internal::RunParallel(threads, [&](int c) {
    for (int b = c; b < replicates; b += threads) {
      const DailyCounts sim =
          SimulateCountModel(truth, days, first_weekday,
                             seed * 7919ULL + static_cast<uint64_t>(b) + 1);
      alphas[b] = FitOnce(sim, fit_o).model.alpha;
    }
  });
  return alphas;
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const double pos = q * (v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (pos - lo) * (v[hi] - v[lo]);
}

// Without a bootstrap: a likelihood-ratio interval for alpha with the other
// parameters at their estimates, and the boundary-corrected chi-square test.
void LikelihoodRatioInterval(const DailyCounts& c, const CountModelOptions& o,
                             CountFit* fit) {
  const CountModel& m = fit->model;
  const Drivers e = MakeDrivers(m, c, Excitation(c, m.memory, m.weekday));
  Means means = MeansOf(m);
  auto ll_at = [&](double a) {
    means.alpha = a;
    std::vector<double> sizes(c.dimensions);
    for (int i = 0; i < c.dimensions; ++i) sizes[i] = m.SizeOf(i);
    return LogLik(means, c, e, sizes, o.half_life);
  };
  const double top = ll_at(m.alpha), drop = 1.92;  // chi-square(1) 95% / 2
  auto search = [&](double from, double to) {
    if (top - ll_at(to) < drop) return to;
    for (int k = 0; k < 50; ++k) {
      const double mid = (from + to) / 2.0;
      (top - ll_at(mid) < drop ? from : to) = mid;
    }
    return (from + to) / 2.0;
  };
  fit->alpha_lower = search(m.alpha, 0.0);
  fit->alpha_upper = search(m.alpha, kMaxAlpha);
  const double lr = std::max(0.0, 2.0 * (fit->loglik - fit->null_loglik));
  fit->p_value = 0.5 * std::erfc(std::sqrt(lr / 2.0));
  if (lr <= 0.0) fit->p_value = 1.0;
  fit->interval_method = "likelihood ratio";
}

}  // namespace

void RelateDimensions(const std::vector<std::string>& names, CountModel* model) {
  const int d = static_cast<int>(names.size());
  model->reverse.assign(d, -1);
  model->dyad.assign(d, -1);
  std::vector<std::string> dyads;
  std::map<std::string, int> index;
  for (int i = 0; i < d; ++i) index[names[i]] = i;
  for (int i = 0; i < d; ++i) {
    const std::string& n = names[i];
    const size_t colon = n.rfind(':'), dash = n.find('-');
    if (colon == std::string::npos || dash == std::string::npos || dash > colon)
      continue;
    const std::string dyad = n.substr(0, colon);
    auto at = std::find(dyads.begin(), dyads.end(), dyad);
    model->dyad[i] = static_cast<int>(at - dyads.begin());
    if (at == dyads.end()) dyads.push_back(dyad);
    const std::string reverse = n.substr(dash + 1, colon - dash - 1) + "-" +
                                n.substr(0, dash) + n.substr(colon);
    auto r = index.find(reverse);
    if (r != index.end() && r->second != i) model->reverse[i] = r->second;
  }
}

Result<DailyCounts> CountDaily(const Points& points, int first_weekday) {
  RETURN_IF_ERROR(ValidatePoints(points, "daily counts"));
  DailyCounts c;
  c.dimensions = points.dimensions;
  c.days = static_cast<int>(std::ceil(points.end - points.start - 1e-9));
  if (c.days <= 0) return InvalidArgument("daily counts: empty window");
  c.first_weekday = ((first_weekday % 7) + 7) % 7;
  c.names = points.names;
  for (int i = static_cast<int>(c.names.size()); i < c.dimensions; ++i)
    c.names.push_back(std::to_string(i));
  c.counts.assign(static_cast<size_t>(c.dimensions) * c.days, 0.0);
  for (size_t n = 0; n < points.times.size(); ++n) {
    const int t = std::clamp(
        static_cast<int>(std::floor(points.times[n] - points.start)), 0,
        c.days - 1);
    c.counts[static_cast<size_t>(points.dims[n]) * c.days + t] += 1.0;
  }
  return c;
}

DailyCounts DaysBefore(const DailyCounts& counts, int days) {
  DailyCounts out = counts;
  days = std::clamp(days, 0, counts.days);
  out.days = days;
  out.counts.assign(static_cast<size_t>(counts.dimensions) * days, 0.0);
  for (int i = 0; i < counts.dimensions; ++i) {
    for (int t = 0; t < days; ++t)
      out.counts[static_cast<size_t>(i) * days + t] = counts.At(i, t);
  }
  return out;
}

DailyCounts SimulateCountModel(const CountModel& model, int days,
                               int first_weekday, uint64_t seed) {
  DailyCounts c;
  c.dimensions = model.dimensions;
  c.days = days;
  c.first_weekday = first_weekday;
  c.names = model.names;
  c.counts.assign(static_cast<size_t>(c.dimensions) * days, 0.0);
  std::mt19937_64 rng(seed);
  const int burn = 60;  // from the stationary mean, then forgotten
  std::vector<double> state(model.dimensions), next(model.dimensions);
  for (int i = 0; i < model.dimensions; ++i)
    state[i] = model.mu[i] / std::max(1e-9, 1.0 - model.alpha);
  for (int t = -burn; t < days; ++t) {
    const int wd = ((first_weekday + t) % 7 + 7) % 7;
    for (int i = 0; i < model.dimensions; ++i) {
      const double lam = model.weekday[wd] * (model.mu[i] + Drive(model, state, i));
      const double y = DrawCount(rng, lam, model.SizeOf(i));
      if (t >= 0) c.counts[static_cast<size_t>(i) * days + t] = y;
      next[i] = model.memory * state[i] + (1.0 - model.memory) * y /
                                              model.weekday[wd];
    }
    state.swap(next);
  }
  return c;
}

Result<CountFit> FitCountModel(const DailyCounts& counts,
                               const CountModelOptions& options) {
  if (counts.dimensions <= 0 || counts.days <= 0 ||
      counts.counts.size() !=
          static_cast<size_t>(counts.dimensions) * counts.days) {
    return InvalidArgument("count model: no days or no dimensions");
  }
  if (counts.days < 14) {
    return InvalidArgument("count model: " + std::to_string(counts.days) +
                           " days; at least 14 are needed");
  }
  for (double phi : options.memories) {
    if (!(phi >= 0.0 && phi < 1.0))
      return InvalidArgument("count model: memory must be in [0, 1)");
  }
  CountFit fit;
  fit.events = static_cast<int64_t>(
      std::accumulate(counts.counts.begin(), counts.counts.end(), 0.0));
  if (fit.events == 0) return InvalidArgument("count model: no events");
  PointFit full = FitOnce(counts, options);
  fit.model = full.model;
  fit.loglik = full.loglik;
  fit.profile = full.profile;
  CountModelOptions null_o = options;
  null_o.fit_alpha = false;
  const PointFit null_fit = FitOnce(counts, null_o);
  fit.null_loglik = null_fit.loglik;
  if (!options.fit_alpha) {
    fit.interval_method = "none (alpha fixed at 0)";
    return fit;
  }
  if (options.bootstrap > 0) {
    const std::vector<double> boot =
        BootstrapAlphas(fit.model, counts.days, counts.first_weekday, options,
                        options.bootstrap, options.seed);
    // The basic bootstrap interval: it corrects the downward bias of the
    // estimate in short series, which a percentile interval inherits. Its
    // upper end is at least the percentile one, so that an estimate at the
    // boundary (0) still gets the width the data allow, not [0, 0].
    const double a = fit.model.alpha;
    const double q_lo = Percentile(boot, 0.025), q_hi = Percentile(boot, 0.975);
    fit.alpha_lower = std::clamp(2.0 * a - q_hi, 0.0, a);
    fit.alpha_upper =
        std::clamp(std::max(2.0 * a - q_lo, q_hi), a, kMaxAlpha);
    const std::vector<double> null_boot =
        BootstrapAlphas(null_fit.model, counts.days, counts.first_weekday,
                        options, options.bootstrap, options.seed + 1);
    int reach = 0;
    for (double a : null_boot) reach += a >= fit.model.alpha - 1e-12;
    fit.p_value = (1.0 + reach) / (1.0 + options.bootstrap);
    fit.bootstrap = options.bootstrap;
    fit.interval_method = "bootstrap";
  } else {
    LikelihoodRatioInterval(counts, options, &fit);
  }
  fit.significant = fit.p_value < 0.05;
  char buf[400];
  if (fit.model.alpha >= 0.9) {
    std::snprintf(buf, sizeof buf,
                  "branching ratio %.2f >= 0.9: near-critical; a trend or a "
                  "level shift in the window reads as excitation: fit a "
                  "shorter, stable window or weigh recent days (a half-life)",
                  fit.model.alpha);
    fit.warnings.push_back(buf);
  }
  if (options.memories.size() > 1 && fit.model.alpha > 0.05 &&
      fit.model.memory >=
          *std::max_element(options.memories.begin(), options.memories.end())) {
    std::snprintf(buf, sizeof buf,
                  "memory %.2f (kernel mean lag %.1f days) is at the edge of "
                  "its grid: the excitation may be a slow drift; widen the "
                  "grid of memories or shorten the window",
                  fit.model.memory, 1.0 / (1.0 - fit.model.memory));
    fit.warnings.push_back(buf);
  }
  for (std::string& w : StationarityWarnings(counts)) fit.warnings.push_back(w);
  return fit;
}

Result<std::vector<Pmf>> ForecastCountModel(const CountModel& model,
                                            const DailyCounts& history,
                                            int horizon, int paths,
                                            uint64_t seed) {
  if (model.dimensions != history.dimensions)
    return InvalidArgument("count forecast: model and history differ");
  if (horizon <= 0 || paths <= 0)
    return InvalidArgument("count forecast: horizon and paths must be > 0");
  const int d = model.dimensions;
  const std::vector<double> e =
      Excitation(history, model.memory, model.weekday);
  std::vector<Pmf> out(static_cast<size_t>(d) * horizon);
  std::mt19937_64 rng(seed);
  std::vector<double> start(d, 0.0), state(d), next(d);
  for (int i = 0; i < d && history.days > 0; ++i) {
    const size_t last = static_cast<size_t>(i) * history.days + history.days - 1;
    start[i] = model.memory * e[last] +
               (1.0 - model.memory) * history.counts[last] /
                   model.weekday[Weekday(history.first_weekday, history.days - 1)];
  }
  const bool excited =
      model.alpha > 0.0 || model.alpha_reverse > 0.0 || model.alpha_dyad > 0.0;
  // No excitation: every path is the same; one suffices.
  const int n = excited ? paths : 1;
  for (int p = 0; p < n; ++p) {
    state = start;
    for (int h = 0; h < horizon; ++h) {
      const int wd = Weekday(history.first_weekday, history.days + h);
      for (int i = 0; i < d; ++i) {
        const double lam = model.level * model.weekday[wd] *
                           (model.mu[i] + Drive(model, state, i));
        const Pmf pmf = NegBinPmf(lam, model.SizeOf(i));
        Pmf& acc = out[static_cast<size_t>(i) * horizon + h];
        if (acc.size() < pmf.size()) acc.resize(pmf.size(), 0.0);
        for (size_t k = 0; k < pmf.size(); ++k) acc[k] += pmf[k] / n;
        const double y = excited ? DrawCount(rng, lam, model.SizeOf(i)) : 0.0;
        next[i] = model.memory * state[i] +
                  (1.0 - model.memory) * y / model.weekday[wd];
      }
      state.swap(next);
    }
  }
  return out;
}

std::vector<std::string> StationarityWarnings(const DailyCounts& counts) {
  std::vector<std::string> out;
  const int n = counts.days / 2;
  if (n < 7) return out;
  std::vector<double> total(counts.days, 0.0);
  for (int i = 0; i < counts.dimensions; ++i) {
    for (int t = 0; t < counts.days; ++t) total[t] += counts.At(i, t);
  }
  auto stats = [&](int from, int to, double* mean, double* var) {
    double s = 0.0, ss = 0.0;
    for (int t = from; t < to; ++t) s += total[t];
    *mean = s / (to - from);
    for (int t = from; t < to; ++t) ss += (total[t] - *mean) * (total[t] - *mean);
    *var = ss / std::max(1, to - from - 1);
  };
  double m1 = 0, v1 = 0, m2 = 0, v2 = 0;
  stats(0, n, &m1, &v1);
  stats(counts.days - n, counts.days, &m2, &v2);
  const double se = std::sqrt(std::max(v1, m1) / n + std::max(v2, m2) / n);
  const double z = se > 0 ? (m2 - m1) / se : 0.0;
  if (std::abs(z) > 3.0) {
    char buf[400];
    std::snprintf(buf, sizeof buf,
                  "non-stationary window: %.1f events/day in the first %d "
                  "days, %.1f in the last %d (z = %.1f); excitation estimates "
                  "absorb the change: fit a shorter window or "
                  "weigh recent days (a half-life)",
                  m1, n, m2, n, z);
    out.push_back(buf);
  }
  return out;
}

}  // namespace ladder::analytics
