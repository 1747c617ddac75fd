// The confidence model: weights file, logistic regression fit, reliability
// table (include/ladder/confidence.h).
#include "ladder/confidence.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "coder/confidence_features.h"

namespace ladder {

const std::vector<std::string>& ConfidenceFeatureNames() { return coder::FeatureNames(); }

double ConfidenceModel::Probability(std::span<const double> features) const {
  double z = bias;
  size_t n = std::min(features.size(), weights.size());
  for (size_t i = 0; i < n; ++i) z += weights[i] * features[i];
  return 1.0 / (1.0 + std::exp(-z));
}

Result<ConfidenceModel> ParseConfidenceModel(std::string_view text, std::string_view file) {
  const std::vector<std::string>& names = ConfidenceFeatureNames();
  std::map<std::string, size_t, std::less<>> index;
  for (size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);
  ConfidenceModel model;
  model.names = names;
  model.weights.assign(names.size(), 0.0);
  std::vector<bool> seen(names.size(), false);
  bool has_bias = false, has_magic = false;
  std::istringstream in{std::string(text)};
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    auto where = [&] { return std::string(file) + ":" + std::to_string(line_no) + ": "; };
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line_no == 1 && line.rfind("# ladder confidence 1", 0) == 0) has_magic = true;
      model.header.push_back(line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1));
      continue;
    }
    std::istringstream fields(line);
    std::string name, value, extra;
    fields >> name >> value;
    if (value.empty() || (fields >> extra)) {
      return InvalidArgument(where() + "want 'NAME WEIGHT', got '" + line + "'");
    }
    char* end = nullptr;
    double w = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || *end != '\0' || !std::isfinite(w)) {
      return InvalidArgument(where() + "bad weight '" + value + "' (want a number)");
    }
    if (name == "bias") {
      if (has_bias) return InvalidArgument(where() + "'bias' given twice");
      has_bias = true;
      model.bias = w;
      continue;
    }
    auto it = index.find(name);
    if (it == index.end()) return InvalidArgument(where() + "unknown feature '" + name + "'");
    if (seen[it->second]) return InvalidArgument(where() + "feature '" + name + "' given twice");
    seen[it->second] = true;
    model.weights[it->second] = w;
  }
  if (!has_magic) {
    return InvalidArgument(std::string(file) +
                           ":1: not a confidence weights file (want '# ladder confidence 1')");
  }
  if (!has_bias) return InvalidArgument(std::string(file) + ": no 'bias' line");
  if (!model.header.empty()) model.header.erase(model.header.begin());  // the magic line
  return model;
}

Result<ConfidenceModel> ReadConfidenceModel(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument(path + ": cannot read the confidence weights");
  std::stringstream buf;
  buf << in.rdbuf();
  return ParseConfidenceModel(buf.str(), path);
}

std::string ConfidenceModelToText(const ConfidenceModel& model) {
  std::string out = "# ladder confidence 1\n";
  for (const std::string& h : model.header) out += "# " + h + "\n";
  char buf[64];
  std::snprintf(buf, sizeof buf, "bias %.6f\n", model.bias);
  out += buf;
  for (size_t i = 0; i < model.weights.size(); ++i) {
    std::string name = i < model.names.size() ? model.names[i] : "x" + std::to_string(i);
    std::snprintf(buf, sizeof buf, " %.6f\n", model.weights[i]);
    out += name + buf;
  }
  return out;
}

namespace {

// Solves a x = b for a symmetric positive definite `a` (n x n, row-major)
// by Cholesky; the penalty keeps it positive definite.
std::vector<double> SolveSpd(std::vector<double> a, std::vector<double> b, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    d = std::sqrt(std::max(d, 1e-12));
    a[j * n + j] = d;
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (size_t i = 0; i < n; ++i) {  // L y = b
    for (size_t k = 0; k < i; ++k) b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {  // L^T x = y
    for (size_t k = i + 1; k < n; ++k) b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return b;
}

}  // namespace

ConfidenceModel FitConfidenceModel(const std::vector<std::vector<double>>& rows,
                                   const std::vector<int>& labels, const FitOptions& options,
                                   const std::vector<std::string>& names) {
  size_t d = rows.empty() ? names.size() : rows[0].size();
  size_t n = d + 1;  // parameter 0 is the bias
  std::vector<double> beta(n, 0.0);
  for (int iter = 0; iter < options.max_iterations; ++iter) {
    std::vector<double> grad(n, 0.0), hess(n * n, 0.0);
    for (size_t r = 0; r < rows.size(); ++r) {
      const std::vector<double>& x = rows[r];
      double z = beta[0];
      for (size_t j = 0; j < d; ++j) z += beta[j + 1] * x[j];
      double p = 1.0 / (1.0 + std::exp(-z));
      double g = labels[r] - p, w = p * (1 - p);
      auto xi = [&](size_t j) { return j == 0 ? 1.0 : x[j - 1]; };
      for (size_t a = 0; a < n; ++a) {
        double xa = xi(a);
        if (xa == 0) continue;
        grad[a] += g * xa;
        for (size_t b = 0; b <= a; ++b) hess[a * n + b] += w * xa * xi(b);
      }
    }
    for (size_t a = 0; a < n; ++a) {
      for (size_t b = 0; b < a; ++b) hess[b * n + a] = hess[a * n + b];
    }
    // Penalised: maximise loglik - l2/2 |w|^2 (the bias is not penalised;
    // a tiny ridge keeps an all-zero column solvable).
    for (size_t a = 0; a < n; ++a) {
      double l2 = a == 0 ? 1e-9 : options.l2 + 1e-9;
      grad[a] -= l2 * beta[a];
      hess[a * n + a] += l2;
    }
    std::vector<double> step = SolveSpd(hess, grad, n);
    double largest = 0;
    for (size_t a = 0; a < n; ++a) {
      beta[a] += step[a];
      largest = std::max(largest, std::fabs(step[a]));
    }
    if (largest < options.tolerance) break;
  }
  ConfidenceModel model;
  model.bias = beta[0];
  model.weights.assign(beta.begin() + 1, beta.end());
  if (names.size() == d) {
    model.names = names;
  } else {
    for (size_t j = 0; j < d; ++j) model.names.push_back("x" + std::to_string(j));
  }
  return model;
}

std::vector<ReliabilityBin> ReliabilityTable(std::span<const double> confidences,
                                             std::span<const int> labels) {
  std::vector<ReliabilityBin> bins(10);
  std::vector<double> sums(10, 0.0);
  for (size_t b = 0; b < bins.size(); ++b) {
    bins[b].lo = b / 10.0;
    bins[b].hi = (b + 1) / 10.0;
  }
  size_t n = std::min(confidences.size(), labels.size());
  for (size_t i = 0; i < n; ++i) {
    if (labels[i] < 0) continue;
    double c = std::clamp(confidences[i], 0.0, 1.0);
    size_t b = std::min<size_t>(static_cast<size_t>(c * 10), 9);
    ++bins[b].count;
    bins[b].matched += labels[i] > 0;
    sums[b] += c;
  }
  for (size_t b = 0; b < bins.size(); ++b) {
    if (bins[b].count == 0) continue;
    bins[b].mean_confidence = sums[b] / bins[b].count;
    bins[b].precision = static_cast<double>(bins[b].matched) / bins[b].count;
  }
  return bins;
}

double CalibrationError(std::span<const ReliabilityBin> bins) {
  double sum = 0;
  size_t n = 0;
  for (const ReliabilityBin& b : bins) {
    sum += b.count * std::fabs(b.precision - b.mean_confidence);
    n += b.count;
  }
  return n ? sum / n : 0.0;
}

}  // namespace ladder
