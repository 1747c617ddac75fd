// ladder fit-confidence OUT GOLD:DOCS[:UNITS]... [--l2 X] [--folds K]:
// fits the event confidence model (include/ladder/confidence.h) on gold
// sets and writes its weights file (doc/formats/confidence.md). Each coded
// event is a row: its features, labelled 1 if it matches a gold event as
// `ladder eval` matches. With --folds, prints the reliability of
// out-of-fold confidences (k folds by document; and, with several sets,
// each set scored by a model fitted on the others).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "cli_args.h"
#include "coding.h"
#include "commands.h"
#include "ladder/confidence.h"
#include "ladder/engine.h"
#include "ladder/eval.h"

namespace ladder::tools {
namespace {

// One gold set's scored events: features, labels and the fold (the
// document's place in the gold file) of each.
struct Rows {
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  std::vector<size_t> unit;  // index of the event's gold unit
  std::vector<int> set;      // index of its gold set
};

// "GOLD:DOCS[:UNITS]" -> its parts.
bool SplitSet(const std::string& spec, std::vector<std::string>* parts) {
  parts->clear();
  size_t from = 0;
  for (size_t colon; (colon = spec.find(':', from)) != std::string::npos; from = colon + 1) {
    parts->push_back(spec.substr(from, colon - from));
  }
  parts->push_back(spec.substr(from));
  return parts->size() == 2 || parts->size() == 3;
}

// Codes one set's documents and adds its counted events to *rows.
bool AddSet(const Engine& engine, const std::string& spec, int set, Rows* rows,
            std::string* summary) {
  std::vector<std::string> parts;
  if (!SplitSet(spec, &parts)) {
    PrintError("fit-confidence: want GOLD:DOCS[:UNITS], got '" + spec + "'");
    return false;
  }
  GoldSet gold;
  if (Status s = ReadGoldFile(parts[0], &gold); !s.ok()) {
    PrintError(s.message());
    return false;
  }
  for (const std::string& p : gold.problems) PrintError(p);
  std::map<std::string, int64_t> offsets;
  if (parts.size() == 3) {
    std::vector<std::string> problems;
    if (Status s = ReadUnitOffsetsFile(parts[2], &offsets, &problems); !s.ok()) {
      PrintError(s.message());
      return false;
    }
    for (const std::string& p : problems) PrintError(p);
  }
  std::vector<EvalEvent> events;
  CodeStats stats;
  CodeInputs(
      engine, {parts[1]}, ReaderOptions{}, 1, true,
      [&](const Document&, CodeResult& result) {
        for (const Event& e : result.events) events.push_back(EvalEventFromEvent(e));
      },
      &stats);
  if (stats.unreadable > 0) return false;
  EvalReport report = ScoreGold(gold, events, offsets, {0, 0, false});
  std::map<std::string, size_t> unit_of;
  for (size_t u = 0; u < gold.units.size(); ++u) unit_of.emplace(gold.units[u].id, u);
  size_t n = 0, matched = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    if (report.event_labels[i] < 0) continue;
    rows->x.push_back(events[i].features);
    rows->y.push_back(report.event_labels[i]);
    rows->unit.push_back(unit_of[events[i].doc_id]);
    rows->set.push_back(set);
    ++n;
    matched += report.event_labels[i];
  }
  *summary += (summary->empty() ? "" : "; ") + spec + " (" + std::to_string(n) + " events, " +
              std::to_string(matched) + " match gold)";
  return true;
}

// Fits on the rows `train` selects and predicts the others into *out.
void PredictHeldOut(const Rows& rows, const std::vector<bool>& train, const FitOptions& fit,
                    std::vector<double>* out) {
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (size_t i = 0; i < rows.x.size(); ++i) {
    if (train[i]) x.push_back(rows.x[i]), y.push_back(rows.y[i]);
  }
  ConfidenceModel model = FitConfidenceModel(x, y, fit, ConfidenceFeatureNames());
  for (size_t i = 0; i < rows.x.size(); ++i) {
    if (!train[i]) (*out)[i] = model.Probability(rows.x[i]);
  }
}

void PrintReliability(const std::string& title, const std::vector<double>& confidence,
                      const std::vector<int>& labels) {
  double brier = 0;
  for (size_t i = 0; i < confidence.size(); ++i) {
    brier += (confidence[i] - labels[i]) * (confidence[i] - labels[i]);
  }
  std::vector<ReliabilityBin> bins = ReliabilityTable(confidence, labels);
  std::printf(
      "%s\n  Brier score %.3f, expected calibration error %.3f\n"
      "  confidence   events  mean conf  precision  off\n",
      title.c_str(), confidence.empty() ? 0.0 : brier / confidence.size(), CalibrationError(bins));
  for (const ReliabilityBin& b : bins) {
    if (b.count == 0) continue;
    double off = b.precision - b.mean_confidence;
    std::printf("  %.1f-%.1f   %7zu  %9.3f  %9.3f  %+.3f%s\n", b.lo, b.hi, b.count,
                b.mean_confidence, b.precision, off,
                off > 0.1 || off < -0.1 ? "  (off by more than 0.1)" : "");
  }
}

void CrossValidate(const Rows& rows, int folds, int sets, const FitOptions& fit) {
  std::vector<double> out(rows.x.size(), 0.0);
  for (int k = 0; k < folds; ++k) {
    std::vector<bool> train(rows.x.size());
    for (size_t i = 0; i < rows.x.size(); ++i) {
      train[i] = rows.unit[i] % static_cast<size_t>(folds) != static_cast<size_t>(k);
    }
    PredictHeldOut(rows, train, fit, &out);
  }
  PrintReliability(std::to_string(folds) +
                       "-fold cross-validation by document (out-of-fold "
                       "confidences):",
                   out, rows.y);
  for (int held = 0; sets > 1 && held < sets; ++held) {
    std::vector<bool> train(rows.x.size());
    for (size_t i = 0; i < rows.x.size(); ++i) train[i] = rows.set[i] != held;
    std::vector<double> set_out(rows.x.size(), 0.0);
    PredictHeldOut(rows, train, fit, &set_out);
    std::vector<double> c;
    std::vector<int> y;
    for (size_t i = 0; i < rows.x.size(); ++i) {
      if (!train[i]) c.push_back(set_out[i]), y.push_back(rows.y[i]);
    }
    PrintReliability(
        "set " + std::to_string(held + 1) + " scored by a model fitted on the others:", c, y);
  }
}

int RunFitConfidence(int argc, char** argv) {
  CLI::App app{"Fit the event confidence model on gold sets and write its weights",
               "ladder fit-confidence"};
  std::string out;
  std::vector<std::string> sets;
  FitOptions fit;
  int folds = 0;
  EngineFlags flags;
  app.add_option("out", out, "weights file to write (e.g. data/confidence.txt)")->required();
  app.add_option("sets", sets, "gold sets as GOLD:DOCS[:UNITS] (as ladder eval takes them)")
      ->required();
  app.add_option("--l2", fit.l2, "L2 penalty on the weights")->default_val(5.0);
  app.add_option("--folds", folds, "also print k-fold cross-validated reliability")
      ->check(CLI::Range(2, 100));
  flags.AddTo(&app);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  EngineOptions options = flags.ToOptions();
  options.confidence_features = true;
  options.min_confidence = 0;
  std::unique_ptr<Engine> engine = OpenEngine(options);
  if (engine == nullptr) return kExitFailure;
  Rows rows;
  std::string summary;
  for (size_t s = 0; s < sets.size(); ++s) {
    if (!AddSet(*engine, sets[s], static_cast<int>(s), &rows, &summary)) return kExitFailure;
  }
  ConfidenceModel model = FitConfidenceModel(rows.x, rows.y, fit, ConfidenceFeatureNames());
  char l2[32];
  std::snprintf(l2, sizeof l2, "%g", fit.l2);
  model.header = {"Event confidence: logistic regression weights (doc/formats/confidence.md).",
                  "trained by: ladder fit-confidence OUT " +
                      [&] {
                        std::string s;
                        for (const std::string& x : sets) s += x + " ";
                        return s;
                      }() +
                      "--l2 " + l2,
                  "training data: " + summary};
  std::ofstream file(out, std::ios::binary);
  file << ConfidenceModelToText(model);
  if (!file) {
    PrintError(out + ": cannot write");
    return kExitFailure;
  }
  std::vector<double> in_sample;
  for (const auto& x : rows.x) in_sample.push_back(model.Probability(x));
  PrintReliability("in-sample (" + std::to_string(rows.x.size()) + " events):", in_sample, rows.y);
  if (folds > 0) CrossValidate(rows, folds, static_cast<int>(sets.size()), fit);
  return kExitOk;
}

const CommandRegistrar kFitConfidence("fit-confidence",
                                      "fit the event confidence model on gold sets (weights file)",
                                      RunFitConfidence);

}  // namespace
}  // namespace ladder::tools
