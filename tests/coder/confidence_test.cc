// Tests of the event confidence: the features of how an event was derived,
// the logistic regression fit, the weights file and the reliability table.
#include "ladder/confidence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "ladder/engine.h"
#include "ladder/eval.h"

namespace ladder {
namespace {

// The value of feature `name` in `x`.
double Feature(const std::vector<double>& x, const std::string& name) {
  const std::vector<std::string>& names = ConfidenceFeatureNames();
  auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << name;
  size_t i = static_cast<size_t>(it - names.begin());
  return i < x.size() ? x[i] : -1;
}

class ConfidenceEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EngineOptions options;
    options.confidence_features = true;
    auto e = Engine::Open(options);
    ASSERT_TRUE(e.ok()) << e.status().message();
    engine_ = std::move(e).value().release();
  }
  static void TearDownTestSuite() { delete engine_; }

  std::vector<Event> Code(const std::string& text) {
    auto r = engine_->Code({"d", "2014-03-01", text, "", "", "", ""});
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->events : std::vector<Event>{};
  }

  static Engine* engine_;
};

Engine* ConfidenceEngineTest::engine_ = nullptr;

TEST_F(ConfidenceEngineTest, FeaturesOfASimpleAssertedSentence) {
  std::vector<Event> events = Code("Russia condemned Ukraine on Monday.");
  ASSERT_EQ(events.size(), 1u);
  const std::vector<double>& x = events[0].confidence_features;
  ASSERT_EQ(x.size(), ConfidenceFeatureNames().size());
  EXPECT_EQ(Feature(x, "source_subject_adjacent"), 1);  // right before the verb
  EXPECT_EQ(Feature(x, "source_none"), 0);
  EXPECT_EQ(Feature(x, "target_none"), 0);
  EXPECT_EQ(Feature(x, "root_11"), 1);
  EXPECT_EQ(Feature(x, "root_04"), 0);
  EXPECT_EQ(Feature(x, "headline"), 0);
  EXPECT_EQ(Feature(x, "first_sentence"), 1);
  EXPECT_EQ(Feature(x, "negated"), 0);
  EXPECT_EQ(Feature(x, "future"), 0);
  EXPECT_EQ(Feature(x, "source_distance"), 0);  // no token between
  EXPECT_GE(events[0].confidence, 0.0);
  EXPECT_LE(events[0].confidence, 1.0);
}

TEST_F(ConfidenceEngineTest, HeadlineModalityAndDistance) {
  // A headline (no final stop), future, two words between source and verb.
  std::vector<Event> events = Code("Russia on Monday will condemn Ukraine");
  ASSERT_FALSE(events.empty());
  const std::vector<double>& x = events[0].confidence_features;
  EXPECT_EQ(Feature(x, "headline"), 1);
  EXPECT_EQ(Feature(x, "future"), 1);
  EXPECT_GT(Feature(x, "source_distance"), 0);
}

TEST_F(ConfidenceEngineTest, ControlVerbEventIsMarked) {
  std::vector<Event> events = Code("Turkey threatened to attack Syria.");
  bool control = false;
  for (const Event& e : events) {
    if (e.root == "13") control |= Feature(e.confidence_features, "control_event") == 1;
  }
  EXPECT_TRUE(control) << events.size();
}

TEST_F(ConfidenceEngineTest, EveryConfidenceIsAProbability) {
  std::vector<Event> events = Code(
      "Russia condemned Ukraine. France met Germany in Paris. Police arrested "
      "protesters in Kenya. Iran said it would not negotiate with the United States.");
  ASSERT_GE(events.size(), 3u);
  for (const Event& e : events) {
    EXPECT_GE(e.confidence, 0.0) << e.event_id;
    EXPECT_LE(e.confidence, 1.0) << e.event_id;
  }
}

TEST(ConfidenceFilterTest, MinConfidenceDropsLowerEvents) {
  const std::string text =
      "Russia condemned Ukraine. France met Germany in Paris. Police arrested "
      "protesters in Kenya. Iran said it would not negotiate with the United States.";
  auto all = Engine::Open({});
  ASSERT_TRUE(all.ok()) << all.status().message();
  auto every = (*all)->Code({"d", "2014-03-01", text, "", "", "", ""});
  ASSERT_TRUE(every.ok());
  ASSERT_GE(every->events.size(), 2u);
  std::vector<double> c;
  for (const Event& e : every->events) c.push_back(e.confidence);
  std::sort(c.begin(), c.end());
  double threshold = c[c.size() / 2];  // keeps the upper half, ties included
  EngineOptions options;
  options.min_confidence = threshold;
  auto filtered = Engine::Open(options);
  ASSERT_TRUE(filtered.ok());
  auto some = (*filtered)->Code({"d", "2014-03-01", text, "", "", "", ""});
  ASSERT_TRUE(some.ok());
  size_t expected = std::count_if(c.begin(), c.end(), [&](double v) { return v >= threshold; });
  EXPECT_EQ(some->events.size(), expected);
  for (const Event& e : some->events) EXPECT_GE(e.confidence, threshold);
  EXPECT_TRUE(some->events.empty() || some->events[0].confidence_features.empty());
}

TEST(ConfidenceFilterTest, MissingWeightsFileFailsOpen) {
  EngineOptions options;
  options.confidence_model = "/nonexistent/confidence.txt";
  auto e = Engine::Open(options);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("/nonexistent/confidence.txt"), std::string::npos);
}

// A deterministic stream of uniform numbers in [0, 1).
struct Lcg {
  uint64_t state = 42;
  double Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  }
};

TEST(ConfidenceFitTest, RecoversAKnownLogisticModel) {
  const double bias = -0.5, w0 = 2.0, w1 = -1.5;
  Lcg rng;
  std::vector<std::vector<double>> rows;
  std::vector<int> labels;
  for (int i = 0; i < 20000; ++i) {
    double a = rng.Next() * 2 - 1, b = rng.Next() < 0.5 ? 1.0 : 0.0;
    double p = 1 / (1 + std::exp(-(bias + w0 * a + w1 * b)));
    rows.push_back({a, b});
    labels.push_back(rng.Next() < p ? 1 : 0);
  }
  FitOptions options;
  options.l2 = 0.01;
  ConfidenceModel m = FitConfidenceModel(rows, labels, options);
  ASSERT_EQ(m.weights.size(), 2u);
  EXPECT_NEAR(m.bias, bias, 0.12);
  EXPECT_NEAR(m.weights[0], w0, 0.15);
  EXPECT_NEAR(m.weights[1], w1, 0.15);
  // Deterministic: the same rows give the same weights.
  ConfidenceModel again = FitConfidenceModel(rows, labels, options);
  EXPECT_EQ(again.weights, m.weights);
  EXPECT_EQ(again.bias, m.bias);
  // A strong penalty shrinks the weights towards 0.
  options.l2 = 1e4;
  ConfidenceModel shrunk = FitConfidenceModel(rows, labels, options);
  EXPECT_LT(std::fabs(shrunk.weights[0]), 0.5);
}

TEST(ConfidenceModelTest, WeightsFileRoundTrips) {
  ConfidenceModel m;
  m.names = ConfidenceFeatureNames();
  m.weights.assign(m.names.size(), 0.0);
  m.weights[0] = 1.25;
  m.weights.back() = -0.5;
  m.bias = -2;
  m.header = {"training data: test"};
  auto back = ParseConfidenceModel(ConfidenceModelToText(m), "w.txt");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->weights, m.weights);
  EXPECT_EQ(back->bias, -2);
  EXPECT_EQ(back->header, m.header);
  std::vector<double> x(m.names.size(), 0.0);
  EXPECT_NEAR(back->Probability(x), 1 / (1 + std::exp(2.0)), 1e-12);
}

TEST(ConfidenceModelTest, BadFilesNameFileAndLine) {
  struct Case {
    const char* text;
    const char* error;
  } cases[] = {
      {"bias 0\n", "w.txt:1: not a confidence weights file"},
      {"# ladder confidence 1\nbias 0\nnot_a_feature 1\n",
       "w.txt:3: unknown feature 'not_a_feature'"},
      {"# ladder confidence 1\nbias zero\n", "w.txt:2: bad weight 'zero'"},
      {"# ladder confidence 1\nbias 0\nheadline 1 2\n", "w.txt:3: want 'NAME WEIGHT'"},
      {"# ladder confidence 1\nbias 0\nheadline 1\nheadline 2\n",
       "w.txt:4: feature 'headline' given twice"},
      {"# ladder confidence 1\nheadline 1\n", "w.txt: no 'bias' line"},
  };
  for (const Case& c : cases) {
    auto m = ParseConfidenceModel(c.text, "w.txt");
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_NE(m.status().message().find(c.error), std::string::npos)
        << m.status().message() << " / want " << c.error;
  }
}

TEST(ConfidenceModelTest, BundledWeightsLoad) {
  auto m = ReadConfidenceModel(std::string(LADDER_SOURCE_DIR) + "/data/confidence.txt");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->weights.size(), ConfidenceFeatureNames().size());
}

TEST(ReliabilityTableTest, BinsMeansAndPrecision) {
  std::vector<double> c = {0.05, 0.15, 0.18, 0.95, 1.0, 0.5};
  std::vector<int> y = {0, 1, 0, 1, 1, -1};  // the last one is not scored
  std::vector<ReliabilityBin> bins = ReliabilityTable(c, y);
  ASSERT_EQ(bins.size(), 10u);
  EXPECT_EQ(bins[0].count, 1u);
  EXPECT_EQ(bins[0].precision, 0.0);
  EXPECT_EQ(bins[1].count, 2u);
  EXPECT_NEAR(bins[1].mean_confidence, 0.165, 1e-12);
  EXPECT_NEAR(bins[1].precision, 0.5, 1e-12);
  EXPECT_EQ(bins[5].count, 0u);  // unscored
  EXPECT_EQ(bins[9].count, 2u);  // 1.0 falls in the last bin
  EXPECT_NEAR(bins[9].mean_confidence, 0.975, 1e-12);
  EXPECT_EQ(bins[9].matched, 2u);
}

TEST(ReliabilityTableTest, EvalReportsTableAndCurve) {
  GoldSet gold;
  gold.units.push_back({"d1", "g:1", {{"RUS", "UKR", "111", "", "", "", ""}}});
  std::vector<EvalEvent> events(2);
  events[0].doc_id = "d1", events[0].source = "RUSGOV", events[0].target = "UKR";
  events[0].cameo = "111", events[0].confidence = 0.8;
  events[1].doc_id = "d1", events[1].source = "FRA", events[1].target = "UKR";
  events[1].cameo = "042", events[1].confidence = 0.3;
  EvalReport r = ScoreGold(gold, events, {}, {});
  EXPECT_EQ(r.event_labels, (std::vector<int>{1, 0}));
  ASSERT_EQ(r.reliability.size(), 10u);
  EXPECT_EQ(r.reliability[8].count, 1u);
  EXPECT_EQ(r.reliability[3].count, 1u);
  ASSERT_EQ(r.confidence_curve.size(), 10u);
  EXPECT_EQ(r.confidence_curve[0].coded, 2u);
  EXPECT_NEAR(r.confidence_curve[0].precision, 0.5, 1e-12);
  EXPECT_EQ(r.confidence_curve[5].coded, 1u);  // >= 0.5
  EXPECT_NEAR(r.confidence_curve[5].precision, 1.0, 1e-12);
  EXPECT_NEAR(r.confidence_curve[5].recall, 1.0, 1e-12);
  EXPECT_NE(EvalReportToText(r).find("reliability"), std::string::npos);
  EXPECT_NE(EvalReportToJson(r).find("\"precision_recall_by_confidence\""), std::string::npos);
}

}  // namespace
}  // namespace ladder
