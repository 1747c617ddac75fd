// Event confidence: a small logistic regression over features of how an
// event was derived (doc/evaluation.md, "Confidence"; weights format:
// doc/formats/confidence.md).
//
//   auto model = ladder::ReadConfidenceModel("data/confidence.txt");
//   double p = model->Probability(features);   // features: ConfidenceFeatureNames() order
//
//   ladder::ConfidenceModel fitted = ladder::FitConfidenceModel(rows, labels, {});
//
// Thread-safety: a ConfidenceModel is immutable once read or fitted; every
// function is thread-safe (no shared state).
#ifndef LADDER_CONFIDENCE_H_
#define LADDER_CONFIDENCE_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ladder/status.h"

namespace ladder {

// The names of the features the engine computes for each event, in the
// order of Event::confidence_features (doc/evaluation.md lists them).
const std::vector<std::string>& ConfidenceFeatureNames();

// P(analyst codes the event so) = 1 / (1 + exp(-(bias + sum w_i x_i))).
struct ConfidenceModel {
  std::vector<std::string> names;  // feature names, one per weight
  std::vector<double> weights;
  double bias = 0.0;
  std::vector<std::string> header;  // the file's comment lines (training data, command)

  // `features` in the order of `names`; missing trailing values count as 0.
  double Probability(std::span<const double> features) const;
};

// Reads the weights file (doc/formats/confidence.md). Errors name the file
// and line: "confidence.txt:7: unknown feature 'foo'". A feature of
// ConfidenceFeatureNames() that the file does not list weighs 0; `names`
// always holds all of ConfidenceFeatureNames(), in that order.
Result<ConfidenceModel> ReadConfidenceModel(const std::string& path);
Result<ConfidenceModel> ParseConfidenceModel(std::string_view text, std::string_view file);
// The file text: header lines as "# ..." comments, then "bias W", then one
// "feature W" line per weight.
std::string ConfidenceModelToText(const ConfidenceModel& model);

struct FitOptions {
  double l2 = 5.0;           // penalty on the weights (not the bias): l2/2 * |w|^2
  int max_iterations = 100;  // Newton (IRLS) steps
  double tolerance = 1e-9;   // stop when the largest step is smaller
};

// Fits a logistic regression by Newton's method (IRLS) with an L2 penalty:
// deterministic, the same rows give the same weights. `rows[i]` has one
// value per feature (all the same length); `labels[i]` is 0 or 1. The
// model's names are "x0", "x1", ... unless `names` is given.
ConfidenceModel FitConfidenceModel(const std::vector<std::vector<double>>& rows,
                                   const std::vector<int>& labels, const FitOptions& options,
                                   const std::vector<std::string>& names = {});

// One row of a reliability table: events whose confidence is in [lo, hi)
// (the last bin includes 1.0).
struct ReliabilityBin {
  double lo = 0, hi = 0;
  size_t count = 0, matched = 0;
  double mean_confidence = 0, precision = 0;  // 0 for an empty bin
};

// Ten bins of width 0.1 over stated confidence; labels 1 (matches gold) or
// 0; entries with a label below 0 (not scored) are skipped.
std::vector<ReliabilityBin> ReliabilityTable(std::span<const double> confidences,
                                             std::span<const int> labels);

// Expected calibration error: the mean over events of |precision - mean
// confidence| of their bin (0 for no events).
double CalibrationError(std::span<const ReliabilityBin> bins);

}  // namespace ladder

#endif  // LADDER_CONFIDENCE_H_
