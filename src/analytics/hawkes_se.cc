// Standard errors from the observed information of the penalized
// log-likelihood. The log-likelihood is a sum over target dimensions i of
// terms in (mu_i, alpha_k[i][.]) only, so the information is block diagonal:
// block i = sum_{n in i} x_n x_n^T / lambda_n^2 with x_n = (1, R_kj(t_n)),
// plus l2 on the alpha diagonal. Each block is inverted exactly when small
// enough (options.max_block), else only its diagonal is used.
#include <algorithm>
#include <cmath>
#include <limits>

#include "analytics/hawkes_internal.h"

namespace ladder::analytics::internal {
namespace {

// Inverts the symmetric positive definite n*n matrix `a` in place by
// Cholesky; false if it is not positive definite.
bool InvertSpd(std::vector<double>* a, int n) {
  std::vector<double>& m = *a;
  std::vector<double> l(static_cast<size_t>(n) * n, 0.0);
  for (int j = 0; j < n; ++j) {
    double d = m[static_cast<size_t>(j) * n + j];
    for (int k = 0; k < j; ++k) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0.0)) return false;
    l[j * n + j] = std::sqrt(d);
    for (int i = j + 1; i < n; ++i) {
      double s = m[static_cast<size_t>(i) * n + j];
      for (int k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / l[j * n + j];
    }
  }
  // inv(L) column by column, then inv(A) = inv(L)^T inv(L).
  std::vector<double> li(static_cast<size_t>(n) * n, 0.0);
  for (int c = 0; c < n; ++c) {
    for (int i = c; i < n; ++i) {
      double s = i == c ? 1.0 : 0.0;
      for (int k = c; k < i; ++k) s -= l[i * n + k] * li[k * n + c];
      li[i * n + c] = s / l[i * n + i];
    }
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j <= i; ++j) {
      double s = 0.0;
      for (int k = i; k < n; ++k) s += li[k * n + i] * li[k * n + j];
      m[static_cast<size_t>(i) * n + j] = m[static_cast<size_t>(j) * n + i] = s;
    }
  }
  return true;
}

// Accumulates the information blocks (full p*p or diagonal p) per target.
std::vector<double> Information(const Sweep& s, const HawkesModel& m,
                                bool exact) {
  const int d = s.dims, kc = s.kernels, p = 1 + kc * d;
  const size_t block = exact ? static_cast<size_t>(p) * p : p;
  const int chunks = static_cast<int>(s.bounds.size()) - 1;
  std::vector<std::vector<double>> parts(chunks);
  RunParallel(chunks, [&](int c) {
    std::vector<double>& info = parts[c];
    info.assign(block * d, 0.0);
    std::vector<double> x(p);
    WalkChunk(s, c, [&](size_t, int i, const double* r) {
      double lam = m.mu[i];
      x[0] = 1.0;
      for (int k = 0; k < kc; ++k) {
        for (int j = 0; j < d; ++j) {
          const double v = r[static_cast<size_t>(k) * d + j];
          x[1 + k * d + j] = v;
          lam += m.AlphaK(k, i, j) * v;
        }
      }
      const double w = 1.0 / std::max(lam * lam, 1e-300);
      double* out = &info[block * i];
      for (int a = 0; a < p; ++a) {
        if (!exact) {
          out[a] += w * x[a] * x[a];
          continue;
        }
        const double wa = w * x[a];
        double* row = out + static_cast<size_t>(a) * p;
        for (int b = 0; b <= a; ++b) row[b] += wa * x[b];
      }
    });
  });
  for (int c = 1; c < chunks; ++c) {
    for (size_t x = 0; x < parts[0].size(); ++x) parts[0][x] += parts[c][x];
  }
  return std::move(parts[0]);
}

// The covariance of row i's informed parameters `idx` from its information
// block `in` (p*p, or p when diagonal); false if it is singular.
bool RowCovariance(const double* in, int p, const std::vector<int>& idx,
                   bool exact, double l2, std::vector<double>* cov) {
  const int q = static_cast<int>(idx.size());
  cov->assign(static_cast<size_t>(q) * q, 0.0);
  std::vector<double>& c = *cov;
  for (int a = 0; a < q; ++a) {
    for (int b = 0; b <= a; ++b) {
      if (!exact && a != b) continue;
      double h =
          exact ? in[static_cast<size_t>(idx[a]) * p + idx[b]] : in[idx[a]];
      if (a == b && a > 0) h += l2;
      c[a * q + b] = c[b * q + a] = h;
    }
  }
  if (exact) return InvertSpd(cov, q);
  for (int a = 0; a < q; ++a) {
    if (!(c[a * q + a] > 0.0)) return false;
    c[a * q + a] = 1.0 / c[a * q + a];
  }
  return true;
}

}  // namespace

void StandardErrors(const Sweep& s, const HawkesOptions& o, HawkesFit* fit) {
  const HawkesModel& m = fit->model;
  const int d = s.dims, kc = s.kernels, p = 1 + kc * d;
  const bool exact = p <= o.max_block;
  const size_t block = exact ? static_cast<size_t>(p) * p : p;
  const std::vector<double> info = Information(s, m, exact);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  fit->mu_se.assign(d, nan);
  fit->alpha_se.assign(static_cast<size_t>(d) * d, nan);
  std::vector<double> u, v;
  PerronVector(m.BranchingMatrix(), d, true, &u);
  PerronVector(m.BranchingMatrix(), d, false, &v);
  double uv = 0.0;
  for (int i = 0; i < d; ++i) uv += u[i] * v[i];
  double rho_var = 0.0;
  bool rho_ok = uv > 0.0;
  for (int i = 0; i < d; ++i) {
    if (s.counts[i] == 0) continue;
    // Parameters of row i that the data inform: mu and sources with events.
    std::vector<int> idx = {0};
    for (int k = 0; k < kc; ++k) {
      for (int j = 0; j < d; ++j) {
        if (s.counts[j] > 0) idx.push_back(1 + k * d + j);
      }
    }
    const int q = static_cast<int>(idx.size());
    std::vector<double> cov;
    const bool ok = RowCovariance(&info[block * i], p, idx, exact, o.l2, &cov);
    if (!ok) {
      rho_ok = false;
      continue;
    }
    fit->mu_se[i] = std::sqrt(cov[0]);
    // alpha[i][j] = sum_k alpha_k[i][j]; its variance sums the k x k' block.
    std::vector<double> grad(q, 0.0);
    for (int a = 1; a < q; ++a) grad[a] = u[i] * v[(idx[a] - 1) % d] / uv;
    std::vector<std::vector<int>> by_source(d);
    for (int a = 1; a < q; ++a) by_source[(idx[a] - 1) % d].push_back(a);
    for (int j = 0; j < d; ++j) {
      if (by_source[j].empty()) continue;
      double var = 0.0;
      for (int a : by_source[j]) {
        for (int b : by_source[j]) var += cov[a * q + b];
      }
      fit->alpha_se[static_cast<size_t>(i) * d + j] = std::sqrt(var);
    }
    for (int a = 1; a < q; ++a) {
      for (int b = 1; b < q; ++b) rho_var += grad[a] * cov[a * q + b] * grad[b];
    }
  }
  fit->branching_ratio_se = rho_ok ? std::sqrt(std::max(0.0, rho_var)) : nan;
  fit->has_standard_errors = true;
  fit->se_method = exact ? "observed information, exact blocks per target"
                         : "observed information, diagonal";
}

}  // namespace ladder::analytics::internal
