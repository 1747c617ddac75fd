// Penalized maximum likelihood for the multivariate Hawkes process by EM.
//
// E-step (one O(N*D*K) sweep, time chunks on separate threads): with
// lambda_n the intensity at event n (dimension i), the expected number of
// events of i that are immigrants is mu_i * sum_n 1/lambda_n and the expected
// number triggered through kernel k by dimension j is
// alpha_k[i][j] * sum_n R_kj(t_n)/lambda_n.
// M-step: mu_i = immigrants / T; alpha_k[i][j] maximizes
// A log a - (G_kj + l1) a - l2/2 a^2, i.e. the positive root of
// l2 a^2 + (G + l1) a - A = 0 (a = A / (G + l1) when l2 = 0).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "analytics/hawkes_internal.h"

namespace ladder::analytics {
namespace {

using internal::Sweep;

struct Params {
  std::vector<double> mu, alpha;
};

// The E-step's inner loops work on 2-wide vectors (GCC/Clang vector
// extensions: one SSE2 operation each on plain x86-64) over rows padded to a
// multiple of 4 with two accumulators, so they vectorize without -O3 or
// -ffast-math and sum in a fixed order whatever the number of threads.
using V2 = double __attribute__((vector_size(16)));

struct Accum {
  std::vector<double> mu_num;
  std::vector<V2> alpha_num;  // K*D rows of h vectors
  double log_sum = 0.0;
};

// Number of V2 per padded row (an even number).
int Halves(int d) { return 2 * ((d + 3) / 4); }

// alpha_k[i][.] rows as padded vectors.
std::vector<V2> PadRows(const std::vector<double>& alpha, int rows, int d) {
  const int h = Halves(d);
  std::vector<V2> out(static_cast<size_t>(rows) * h, V2{0, 0});
  for (int row = 0; row < rows; ++row) {
    for (int j = 0; j < d; ++j) {
      out[static_cast<size_t>(row) * h + j / 2][j % 2] =
          alpha[static_cast<size_t>(row) * d + j];
    }
  }
  return out;
}

void Decay(V2* r, int h, double f) {
  const V2 tiny = {1e-200, 1e-200};
  for (int x = 0; x < h; ++x) {
    const V2 v = r[x] * f;
    auto keep = v >= tiny;  // flush would-be denormals to 0
    r[x] = reinterpret_cast<V2>(reinterpret_cast<decltype(keep)>(v) & keep);
  }
}

double Dot(const V2* a, const V2* b, int h) {
  V2 s0 = {0, 0}, s1 = {0, 0};
  for (int x = 0; x < h; x += 2) {
    s0 += a[x] * b[x];
    s1 += a[x + 1] * b[x + 1];
  }
  const V2 s = s0 + s1;
  return s[0] + s[1];
}

void EStepChunk(const Sweep& s, const Params& p, const std::vector<V2>& alpha,
                int c, Accum* a) {
  const int d = s.dims, kc = s.kernels, h = Halves(d);
  std::vector<V2> r(static_cast<size_t>(kc) * h, V2{0, 0});
  for (int k = 0; k < kc; ++k) {
    for (int j = 0; j < d; ++j) {
      r[k * h + j / 2][j % 2] =
          s.state[(static_cast<size_t>(c) * kc + k) * d + j];
    }
  }
  const double* times = s.points->times.data();
  const int* dims = s.points->dims.data();
  double t_prev = times[s.bounds[c]];
  for (size_t n = s.bounds[c]; n < s.bounds[c + 1]; ++n) {
    const double dt = times[n] - t_prev;
    if (dt > 0) {
      for (int k = 0; k < kc; ++k) {
        Decay(&r[static_cast<size_t>(k) * h], h, std::exp(-s.decays[k] * dt));
      }
      t_prev = times[n];
    }
    const int i = dims[n];
    double lam = p.mu[i];
    for (int k = 0; k < kc; ++k) {
      lam += Dot(&alpha[(static_cast<size_t>(k) * d + i) * h],
                 &r[static_cast<size_t>(k) * h], h);
    }
    lam = std::max(lam, 1e-300);
    const double w = 1.0 / lam;
    a->log_sum += std::log(lam);
    a->mu_num[i] += w;
    for (int k = 0; k < kc; ++k) {
      V2* out = &a->alpha_num[(static_cast<size_t>(k) * d + i) * h];
      const V2* rk = &r[static_cast<size_t>(k) * h];
      for (int x = 0; x < h; ++x) out[x] += w * rk[x];
    }
    for (int k = 0; k < kc; ++k) r[k * h + i / 2][i % 2] += s.decays[k];
  }
}

// Sum of log intensities and the EM numerators (before multiplying by the
// current parameters), reduced into (*acc)[0].
void EStep(const Sweep& s, const Params& p, std::vector<Accum>* acc) {
  const int d = s.dims, kc = s.kernels, h = Halves(d);
  const int chunks = static_cast<int>(s.bounds.size()) - 1;
  const std::vector<V2> alpha = PadRows(p.alpha, kc * d, d);
  acc->resize(chunks);
  internal::RunParallel(chunks, [&](int c) {
    Accum& a = (*acc)[c];
    a.mu_num.assign(d, 0.0);
    a.alpha_num.assign(static_cast<size_t>(kc) * d * h, V2{0, 0});
    a.log_sum = 0.0;
    if (s.bounds[c] < s.bounds[c + 1]) EStepChunk(s, p, alpha, c, &a);
  });
  Accum& total = (*acc)[0];
  for (int c = 1; c < chunks; ++c) {
    const Accum& a = (*acc)[c];
    total.log_sum += a.log_sum;
    for (size_t x = 0; x < a.mu_num.size(); ++x) total.mu_num[x] += a.mu_num[x];
    for (size_t x = 0; x < a.alpha_num.size(); ++x) {
      total.alpha_num[x] += a.alpha_num[x];
    }
  }
}

// The numerator sum for alpha index x = (k*D + i)*D + j.
double AlphaNum(const Accum& a, size_t x, int d) {
  const size_t row = x / d;
  const int j = static_cast<int>(x % d);
  return a.alpha_num[row * Halves(d) + j / 2][j % 2];
}

// Unpenalized log-likelihood of `p` given the E-step's log sum.
double LogLik(const Sweep& s, const Params& p, double length, double log_sum) {
  const int d = s.dims;
  double ll = log_sum;
  for (double m : p.mu) ll -= m * length;
  for (size_t x = 0; x < p.alpha.size(); ++x) {
    ll -= p.alpha[x] * s.g[(x / (static_cast<size_t>(d) * d)) * d + x % d];
  }
  return ll;
}

double Penalty(const Params& p, const HawkesOptions& o) {
  double pen = 0.0;
  for (double a : p.alpha) pen += o.l1 * a + 0.5 * o.l2 * a * a;
  return pen;
}

void MStep(const Sweep& s, double length, const HawkesOptions& o,
           const Accum& a, Params* p) {
  const int d = s.dims;
  for (int i = 0; i < d; ++i) {
    const double immigrants = p->mu[i] * a.mu_num[i];
    // A dimension never seen keeps a small rate: 0.5 events per window.
    p->mu[i] = s.counts[i] > 0 ? immigrants / length : 0.5 / length;
  }
  for (size_t x = 0; x < p->alpha.size(); ++x) {
    const double num = p->alpha[x] * AlphaNum(a, x, d);
    const double g = s.g[(x / (static_cast<size_t>(d) * d)) * d + x % d] + o.l1;
    double next = 0.0;
    if (o.l2 > 0.0) {
      next = (-g + std::sqrt(g * g + 4.0 * o.l2 * num)) / (2.0 * o.l2);
    } else if (g > 0.0) {
      next = num / g;
    }
    p->alpha[x] = std::isfinite(next) ? std::max(0.0, next) : 0.0;
  }
}

Params InitialParams(const Sweep& s, double length) {
  Params p;
  const int d = s.dims, kc = s.kernels;
  p.mu.resize(d);
  for (int i = 0; i < d; ++i) {
    p.mu[i] = 0.5 * std::max<double>(0.5, s.counts[i]) / length;
  }
  p.alpha.assign(static_cast<size_t>(kc) * d * d, 0.5 / (kc * d));
  return p;
}

struct EmResult {
  double loglik = 0.0;
  int iterations = 0;  // E-steps (passes over the events)
  bool converged = false;
};

// Parameters with their E-step.
struct EmState {
  Params p;
  std::vector<Accum> acc;
  double loglik = 0.0, objective = 0.0;
};

void Evaluate(const Sweep& s, double length, const HawkesOptions& o,
              EmState* st) {
  EStep(s, st->p, &st->acc);
  st->loglik = LogLik(s, st->p, length, st->acc[0].log_sum);
  st->objective = st->loglik - Penalty(st->p, o);
}

EmState EmStep(const Sweep& s, double length, const HawkesOptions& o,
               const EmState& from) {
  EmState next;
  next.p = from.p;
  MStep(s, length, o, from.acc[0], &next.p);
  Evaluate(s, length, o, &next);
  return next;
}

// SQUAREM (Varadhan & Roland 2008): from x0 and two EM steps x1, x2, tries
// x0 - 2a r + a^2 v with r = x1 - x0, v = x2 - 2 x1 + x0, a = -|r|/|v|;
// kept only if its objective is at least x2's, so the objective never falls.
bool Extrapolate(const EmState& x0, const EmState& x1, const EmState& x2,
                 Params* out) {
  auto walk = [](const std::vector<double>& a, const std::vector<double>& b,
                 const std::vector<double>& c, double* rr, double* vv) {
    for (size_t x = 0; x < a.size(); ++x) {
      const double r = b[x] - a[x], v = c[x] - 2.0 * b[x] + a[x];
      *rr += r * r;
      *vv += v * v;
    }
  };
  double rr = 0.0, vv = 0.0;
  walk(x0.p.mu, x1.p.mu, x2.p.mu, &rr, &vv);
  walk(x0.p.alpha, x1.p.alpha, x2.p.alpha, &rr, &vv);
  if (!(vv > 0.0)) return false;
  const double a = -std::sqrt(rr / vv);
  if (!(a < -1.0) || !std::isfinite(a)) return false;  // plain EM is as good
  auto step = [a](const std::vector<double>& v0, const std::vector<double>& v1,
                  const std::vector<double>& v2, std::vector<double>* res) {
    res->resize(v0.size());
    for (size_t x = 0; x < v0.size(); ++x) {
      const double r = v1[x] - v0[x], v = v2[x] - 2.0 * v1[x] + v0[x];
      const double y = v0[x] - 2.0 * a * r + a * a * v;
      // Zero is absorbing in EM: keep entries alive, at most 1000x smaller.
      (*res)[x] = std::max(y, 1e-3 * v2[x]);
    }
  };
  step(x0.p.mu, x1.p.mu, x2.p.mu, &out->mu);
  step(x0.p.alpha, x1.p.alpha, x2.p.alpha, &out->alpha);
  return true;
}

// Accelerated EM from `p` for at most `max_passes` E-steps; `p` ends at the
// last accepted parameters and loglik is theirs.
EmResult RunEm(const Sweep& s, double length, const HawkesOptions& o,
               int max_passes, Params* p) {
  EmState cur;
  cur.p = std::move(*p);
  Evaluate(s, length, o, &cur);
  EmResult r;
  const double n = std::max<double>(1.0, static_cast<double>(s.events));
  while (r.iterations < max_passes) {
    const int before = r.iterations;
    EmState x1 = EmStep(s, length, o, cur);
    ++r.iterations;
    EmState next = r.iterations < max_passes ? EmStep(s, length, o, x1) : x1;
    if (r.iterations < max_passes) ++r.iterations;
    EmState jump;
    if (r.iterations < max_passes && Extrapolate(cur, x1, next, &jump.p)) {
      Evaluate(s, length, o, &jump);
      ++r.iterations;
      if (std::isfinite(jump.objective) && jump.objective >= next.objective) {
        next = std::move(jump);
      }
    }
    const double gain = next.objective - cur.objective;
    cur = std::move(next);
    if (gain / (n * (r.iterations - before)) < o.tolerance) {
      r.converged = true;
      break;
    }
  }
  r.loglik = cur.loglik;
  *p = std::move(cur.p);
  return r;
}

Status CheckOptions(const HawkesOptions& o) {
  if (o.decays.empty()) return InvalidArgument("hawkes: no decays given");
  for (double b : o.decays) {
    if (!std::isfinite(b) || b <= 0.0) {
      return InvalidArgument("hawkes: decays must be positive");
    }
  }
  if (!(o.l1 >= 0.0) || !(o.l2 >= 0.0) || !std::isfinite(o.l1) ||
      !std::isfinite(o.l2)) {
    return InvalidArgument("hawkes: penalties must be finite and >= 0");
  }
  if (o.max_iterations < 0 || o.profile_iterations < 0) {
    return InvalidArgument("hawkes: negative iteration count");
  }
  return Status::Ok();
}

}  // namespace

namespace internal {
void StandardErrors(const Sweep& s, const HawkesOptions& o, HawkesFit* fit);
}  // namespace internal

Result<HawkesFit> FitHawkes(const Points& points,
                            const HawkesOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  RETURN_IF_ERROR(ValidatePoints(points, "hawkes fit"));
  RETURN_IF_ERROR(CheckOptions(options));
  if (points.times.empty()) return InvalidArgument("hawkes fit: no events");
  const double length = points.end - points.start;
  if (!(length > 0.0)) return InvalidArgument("hawkes fit: empty window");
  const size_t n = points.times.size();
  const int chunks = internal::ThreadCount(options.threads, n / 20000 + 1);

  HawkesFit fit;
  std::vector<double> decays = options.decays;
  Params best;
  if (!options.sum_of_exponentials && decays.size() > 1) {
    double best_ll = -std::numeric_limits<double>::infinity();
    double best_decay = decays[0];
    for (double b : options.decays) {
      Sweep s = internal::MakeSweep(points, {b}, n, chunks, points.end);
      Params p = InitialParams(s, length);
      EmResult r = RunEm(s, length, options, options.profile_iterations, &p);
      fit.profile.emplace_back(b, r.loglik);
      if (r.loglik > best_ll) {
        best_ll = r.loglik;
        best_decay = b;
        best = std::move(p);
      }
    }
    decays = {best_decay};
  } else if (!options.sum_of_exponentials) {
    decays.resize(1);
  }
  Sweep s = internal::MakeSweep(points, decays, n, chunks, points.end);
  if (best.mu.empty()) best = InitialParams(s, length);
  EmResult r = RunEm(s, length, options, options.max_iterations, &best);

  fit.model.dimensions = points.dimensions;
  fit.model.names = points.names;
  fit.model.decays = decays;
  fit.model.mu = std::move(best.mu);
  fit.model.alpha = std::move(best.alpha);
  fit.loglik = r.loglik;
  fit.events = static_cast<int64_t>(n);
  fit.iterations = r.iterations;
  fit.converged = r.converged;
  fit.branching_ratio =
      SpectralRadius(fit.model.BranchingMatrix(), points.dimensions);
  if (options.standard_errors) internal::StandardErrors(s, options, &fit);
  fit.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return fit;
}

}  // namespace ladder::analytics
