// Change points: CUSUM binary segmentation and Bayesian online change point
// detection (Poisson-Gamma). doc/report.md describes both.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "ladder/analytics.h"

namespace ladder::analytics {
namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + mid, v.end());
  double m = v[mid];
  if (v.size() % 2 == 0) {
    m = (m + *std::max_element(v.begin(), v.begin() + mid)) / 2;
  }
  return m;
}

bool IsCountSeries(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double x) {
    return x >= 0 && std::floor(x) == x;
  });
}

// The robust scale of the series (see analytics.h); 0 when constant.
double RobustScale(std::span<const double> values) {
  std::vector<double> diffs;
  for (size_t i = 1; i < values.size(); ++i) {
    diffs.push_back(values[i] - values[i - 1]);
  }
  if (diffs.empty()) return 0;
  std::vector<double> abs_dev;
  double med = Median(diffs);
  for (double d : diffs) abs_dev.push_back(std::fabs(d - med));
  double sigma = 1.4826 * Median(abs_dev) / std::sqrt(2.0);
  if (sigma <= 1e-12) {
    double mean = std::accumulate(diffs.begin(), diffs.end(), 0.0) / diffs.size();
    double ss = 0;
    for (double d : diffs) ss += (d - mean) * (d - mean);
    sigma = std::sqrt(ss / diffs.size() / 2.0);
  }
  if (IsCountSeries(values)) {
    double mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
    sigma = std::max(sigma, std::sqrt(mean));
  }
  return sigma;
}

// Recursive binary segmentation of [begin, end) using prefix sums.
void Segment(const std::vector<double>& prefix, size_t begin, size_t end,
             double sigma, const CusumOptions& options,
             std::vector<ChangePoint>* out) {
  const size_t min_seg = static_cast<size_t>(std::max(1, options.min_segment));
  if (end - begin < 2 * min_seg) return;
  const double n = static_cast<double>(end - begin);
  const double total = prefix[end] - prefix[begin];
  double best = -1;
  size_t best_k = 0;
  for (size_t k = begin + min_seg; k + min_seg <= end; ++k) {
    double nl = static_cast<double>(k - begin), nr = n - nl;
    double left = prefix[k] - prefix[begin];
    double diff = left / nl - (total - left) / nr;
    double stat = std::sqrt(nl * nr / n) * std::fabs(diff) / sigma;
    if (stat > best) {
      best = stat;
      best_k = k;
    }
  }
  if (best < options.threshold) return;
  ChangePoint cp;
  cp.index = static_cast<int>(best_k);
  cp.method = "cusum";
  cp.score = best;
  out->push_back(cp);
  Segment(prefix, begin, best_k, sigma, options, out);
  Segment(prefix, best_k, end, sigma, options, out);
}

// Fills index order, direction and the means of the neighbouring segments.
void FinishChangePoints(std::span<const double> values,
                        std::vector<ChangePoint>* cps) {
  std::sort(cps->begin(), cps->end(),
            [](const ChangePoint& x, const ChangePoint& y) { return x.index < y.index; });
  auto mean = [&](size_t from, size_t to) {
    if (to <= from) return 0.0;
    return std::accumulate(values.begin() + from, values.begin() + to, 0.0) /
           static_cast<double>(to - from);
  };
  for (size_t i = 0; i < cps->size(); ++i) {
    size_t prev = i == 0 ? 0 : (*cps)[i - 1].index;
    size_t next = i + 1 < cps->size() ? (*cps)[i + 1].index : values.size();
    ChangePoint& cp = (*cps)[i];
    cp.mean_before = mean(prev, cp.index);
    cp.mean_after = mean(cp.index, next);
    cp.up = cp.mean_after >= cp.mean_before;
  }
}

// log of the negative binomial predictive of x under Gamma(alpha, beta).
double LogPredictive(double x, double alpha, double beta) {
  return std::lgamma(x + alpha) - std::lgamma(alpha) - std::lgamma(x + 1) +
         alpha * std::log(beta / (beta + 1)) - x * std::log(beta + 1);
}

}  // namespace

std::vector<ChangePoint> DetectCusum(std::span<const double> values,
                                     const CusumOptions& options) {
  std::vector<ChangePoint> out;
  double sigma = RobustScale(values);
  if (!(sigma > 1e-12) || !std::isfinite(sigma)) return out;
  std::vector<double> prefix(values.size() + 1, 0.0);
  for (size_t i = 0; i < values.size(); ++i) prefix[i + 1] = prefix[i] + values[i];
  Segment(prefix, 0, values.size(), sigma, options, &out);
  FinishChangePoints(values, &out);
  return out;
}

namespace {

// Posterior over run lengths for BOCPD. run[r] = P(the current regime holds
// the last r + 1 values); alpha/beta are its Gamma posterior parameters.
struct RunPosterior {
  std::vector<double> prob, alpha, beta;
};

void BocpdStep(double x, double a0, double b0, const BocpdOptions& options,
               RunPosterior* post) {
  const size_t n = post->prob.size();
  std::vector<double> logp(n);
  double max_log = -INFINITY;
  for (size_t r = 0; r < n; ++r) {
    logp[r] = LogPredictive(x, post->alpha[r], post->beta[r]);
    max_log = std::max(max_log, logp[r]);
  }
  double prior_log = LogPredictive(x, a0, b0);
  max_log = std::max(max_log, prior_log);
  // Growth: the regime of run index r also holds x. Change: the old regime
  // ended before x (probability H whatever its length) and the prior
  // predicts x.
  std::vector<double> prob(n + 1), alpha(n + 1), beta(n + 1);
  double total_old = 0;
  for (size_t r = 0; r < n; ++r) {
    prob[r + 1] = post->prob[r] * std::exp(logp[r] - max_log) * (1 - options.hazard);
    total_old += post->prob[r];
    alpha[r + 1] = post->alpha[r] + x;
    beta[r + 1] = post->beta[r] + 1;
  }
  prob[0] = options.hazard * total_old * std::exp(prior_log - max_log);
  alpha[0] = a0 + x;
  beta[0] = b0 + 1;
  const size_t cap = static_cast<size_t>(std::max(2, options.max_run_length));
  if (prob.size() > cap) {  // merge the longest runs into the last kept
    prob[cap - 1] += std::accumulate(prob.begin() + cap, prob.end(), 0.0);
    prob.resize(cap);
    alpha.resize(cap);
    beta.resize(cap);
  }
  double norm = std::accumulate(prob.begin(), prob.end(), 0.0);
  if (norm > 0 && std::isfinite(norm)) {
    for (double& p : prob) p /= norm;
  }
  post->prob = std::move(prob);
  post->alpha = std::move(alpha);
  post->beta = std::move(beta);
}

// P(the regime holding value t started at `start`) from the posterior
// after value t: run index t - start.
double StartProbability(const RunPosterior& post, int t, int start) {
  int r = t - start;
  if (r < 0 || r >= static_cast<int>(post.prob.size())) return 0;
  return post.prob[r];
}

}  // namespace

std::vector<ChangePoint> DetectBocpd(std::span<const double> values,
                                     const BocpdOptions& options) {
  std::vector<ChangePoint> out;
  const int n = static_cast<int>(values.size());
  if (n < 3 || !(options.hazard > 0 && options.hazard < 1)) return out;
  std::vector<double> x(values.begin(), values.end());
  for (double& v : x) v = std::isfinite(v) ? std::max(0.0, v) : 0.0;
  double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  if (mean <= 0) return out;
  double a0 = options.prior_shape > 0 ? options.prior_shape : 1.0;
  double b0 = options.prior_rate > 0 ? options.prior_rate : a0 / mean;
  const int lag = std::max(1, options.lag);
  // For each candidate start c: P(start in {c-1, c, c+1}) and whether c is
  // the most likely of the three, seen at min(c + lag, n - 1).
  std::vector<double> score(n, 0.0);
  std::vector<bool> peak(n, false);
  auto record = [&](const RunPosterior& post, int t, int c) {
    double p0 = StartProbability(post, t, c - 1), p1 = StartProbability(post, t, c);
    double p2 = c + 1 <= t ? StartProbability(post, t, c + 1) : 0.0;
    score[c] = p0 + p1 + p2;
    peak[c] = p1 >= p0 && p1 >= p2 && p1 > 0;
  };
  RunPosterior post{{1.0}, {a0 + x[0]}, {b0 + 1}};
  for (int t = 1; t < n; ++t) {
    BocpdStep(x[t], a0, b0, options, &post);
    if (t - lag >= 1) record(post, t, t - lag);
  }
  for (int c = std::max(1, n - lag); c < n; ++c) record(post, n - 1, c);
  // Non-maximum suppression: strongest first, none within `lag` of another.
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int i, int j) { return score[i] > score[j]; });
  for (int c : order) {
    if (c < 1 || !peak[c] || score[c] < options.min_probability) continue;
    bool near = std::any_of(out.begin(), out.end(), [&](const ChangePoint& cp) {
      return std::abs(cp.index - c) < lag;
    });
    if (near) continue;
    ChangePoint cp;
    cp.index = c;
    cp.method = "bocpd";
    cp.score = score[c];
    out.push_back(cp);
  }
  FinishChangePoints(values, &out);
  return out;
}

std::vector<ChangePoint> DetectChangePoints(const DyadSeries& series,
                                            const ChangePointOptions& options) {
  std::vector<ChangePoint> all;
  for (SeriesKind kind : options.kinds) {
    std::vector<double> values = ExtractSeries(series, kind);
    std::vector<ChangePoint> found;
    if (options.use_cusum) found = DetectCusum(values, options.cusum);
    if (options.use_bocpd && kind != SeriesKind::kGoldstein) {
      std::vector<ChangePoint> b = DetectBocpd(values, options.bocpd);
      found.insert(found.end(), b.begin(), b.end());
    }
    for (ChangePoint& cp : found) {
      cp.series = SeriesKindName(kind);
      cp.day = series.periods[cp.index].start;
      all.push_back(std::move(cp));
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const ChangePoint& x, const ChangePoint& y) {
    return x.index < y.index;
  });
  return all;
}

}  // namespace ladder::analytics
