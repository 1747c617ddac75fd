#include "ladder/hawkes.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace ladder::analytics {
namespace {

HawkesModel ThreeDimModel() {
  HawkesModel m;
  m.dimensions = 3;
  m.decays = {1.5};
  m.mu = {0.3, 0.2, 0.4};
  m.alpha = {0.3, 0.0, 0.2,  // dim 0 is excited by 0 and 2
             0.4, 0.2, 0.0,  // dim 1 by 0 and itself
             0.0, 0.0, 0.25};
  return m;
}

Points Simulate(const HawkesModel& m, double horizon, uint64_t seed) {
  SimulateOptions so;
  so.seed = seed;
  Result<Points> p = SimulateHawkes(m, horizon, so);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return std::move(p).value();
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("ladder_hawkes_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path) << text;
  return path.string();
}

TEST(HawkesFitTest, RecoversKnownParametersWithCalibratedErrors) {
  const HawkesModel truth = ThreeDimModel();
  const Points points = Simulate(truth, 8000.0, 7);
  ASSERT_GT(points.times.size(), 10000u);
  HawkesOptions o;
  o.decays = {1.5};
  Result<HawkesFit> fit = FitHawkes(points, o);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_TRUE(fit->converged);
  int within_3se = 0;
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(fit->model.mu[i], truth.mu[i], 0.15 * truth.mu[i]) << i;
    for (int j = 0; j < 3; ++j) {
      const double se = fit->alpha_se[i * 3 + j];
      EXPECT_NEAR(fit->model.Alpha(i, j), truth.Alpha(i, j), 0.06)
          << i << "," << j;
      EXPECT_GT(se, 0.0);
      EXPECT_LT(se, 0.05);
      if (std::abs(fit->model.Alpha(i, j) - truth.Alpha(i, j)) < 3 * se) {
        ++within_3se;
      }
    }
  }
  EXPECT_GE(within_3se, 8);  // of 9; errors are neither tiny nor huge
  const double rho = SpectralRadius(truth.BranchingMatrix(), 3);
  EXPECT_NEAR(fit->branching_ratio, rho,
              0.08);  // rho is sensitive to small cross terms
  EXPECT_LT(std::abs(fit->branching_ratio - rho), 3 * fit->branching_ratio_se);
}

TEST(HawkesFitTest, ProfileLikelihoodPicksTheTrueDecay) {
  const Points points = Simulate(ThreeDimModel(), 4000.0, 11);
  HawkesOptions o;
  o.decays = {0.3, 1.5, 7.5};
  o.standard_errors = false;
  Result<HawkesFit> fit = FitHawkes(points, o);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  ASSERT_EQ(fit->model.decays.size(), 1u);
  EXPECT_DOUBLE_EQ(fit->model.decays[0], 1.5);
  ASSERT_EQ(fit->profile.size(), 3u);
  EXPECT_GT(fit->profile[1].second, fit->profile[0].second);
  EXPECT_GT(fit->profile[1].second, fit->profile[2].second);
}

TEST(HawkesFitTest, SumOfExponentialsSeparatesFastAndSlowExcitation) {
  HawkesModel truth;
  truth.dimensions = 2;
  truth.decays = {0.2, 5.0};
  truth.mu = {0.5, 0.5};
  // slow: 1 excites 0; fast: 0 excites 1.
  truth.alpha = {0.0, 0.4, 0.0, 0.0,  //
                 0.0, 0.0, 0.5, 0.0};
  const Points points = Simulate(truth, 6000.0, 3);
  HawkesOptions o;
  o.decays = {0.2, 5.0};
  o.sum_of_exponentials = true;
  Result<HawkesFit> fit = FitHawkes(points, o);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_NEAR(fit->model.AlphaK(0, 0, 1), 0.4, 0.08);
  EXPECT_NEAR(fit->model.AlphaK(1, 1, 0), 0.5, 0.08);
  EXPECT_LT(fit->model.AlphaK(1, 0, 1), 0.08);
  EXPECT_LT(fit->model.AlphaK(0, 1, 0), 0.08);
}

TEST(HawkesFitTest, PoissonDataGivesNoExcitationAndL1ShrinksFurther) {
  HawkesModel poisson = ThreeDimModel();
  std::fill(poisson.alpha.begin(), poisson.alpha.end(), 0.0);
  const Points points = Simulate(poisson, 5000.0, 5);
  HawkesOptions o;
  o.decays = {1.0};
  Result<HawkesFit> plain = FitHawkes(points, o);
  ASSERT_TRUE(plain.ok());
  EXPECT_LT(plain->branching_ratio, 0.05);
  o.l1 = 50.0;
  Result<HawkesFit> lasso = FitHawkes(points, o);
  ASSERT_TRUE(lasso.ok());
  EXPECT_LT(lasso->branching_ratio, plain->branching_ratio);
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(lasso->model.mu[i], poisson.mu[i], 0.05);
}

TEST(HawkesFitTest, ThreadCountDoesNotChangeTheFit) {
  const Points points = Simulate(ThreeDimModel(), 2000.0, 9);
  HawkesOptions o;
  o.decays = {1.5};
  o.max_iterations = 40;
  o.threads = 1;
  Result<HawkesFit> one = FitHawkes(points, o);
  o.threads = 3;
  Result<HawkesFit> three = FitHawkes(points, o);
  ASSERT_TRUE(one.ok() && three.ok());
  for (size_t x = 0; x < one->model.alpha.size(); ++x) {
    EXPECT_NEAR(one->model.alpha[x], three->model.alpha[x], 1e-9);
  }
  EXPECT_NEAR(one->loglik, three->loglik, 1e-6 * std::abs(one->loglik));
}

TEST(HawkesScoreTest, MatchesAHandComputedLikelihood) {
  HawkesModel m;
  m.dimensions = 1;
  m.decays = {2.0};
  m.mu = {0.5};
  m.alpha = {0.4};
  Points p;
  p.dimensions = 1;
  p.times = {1.0, 1.5, 4.0};
  p.dims = {0, 0, 0};
  p.start = 0.0;
  p.end = 5.0;
  const double b = 2.0, a = 0.4, mu = 0.5;
  const double l2 = mu + a * b * std::exp(-b * 0.5);
  const double l3 = mu + a * b * (std::exp(-b * 3.0) + std::exp(-b * 2.5));
  double expected = std::log(mu) + std::log(l2) + std::log(l3) - mu * 5.0;
  for (double t : p.times) expected -= a * (1.0 - std::exp(-b * (5.0 - t)));
  Result<WindowScore> s = ScoreWindow(m, p, 0.0, 5.0);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(s->loglik, expected, 1e-12);
  EXPECT_EQ(s->events, 3);
  // The window [1.2, 5) sees event 1 only as history.
  Result<WindowScore> tail = ScoreWindow(m, p, 1.2, 5.0);
  ASSERT_TRUE(tail.ok());
  double tail_expected =
      std::log(l2) + std::log(l3) - mu * 3.8 - a * std::exp(-b * 0.2) -
      a * (1.0 - std::exp(-b * 3.5)) - a * (1.0 - std::exp(-b * 1.0));
  tail_expected += a * std::exp(-b * 4.0);  // event 1's mass after t = 5
  EXPECT_NEAR(tail->loglik, tail_expected, 1e-12);
  EXPECT_EQ(tail->events, 2);
}

TEST(HawkesScoreTest, FitLikelihoodEqualsScoreOverTheWindow) {
  const Points points = Simulate(ThreeDimModel(), 1000.0, 2);
  HawkesOptions o;
  o.decays = {1.5};
  Result<HawkesFit> fit = FitHawkes(points, o);
  ASSERT_TRUE(fit.ok());
  Result<WindowScore> s =
      ScoreWindow(fit->model, points, points.start, points.end);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(s->loglik, fit->loglik, 1e-6 * std::abs(fit->loglik));
}

TEST(HawkesHeldOutTest, BeatsBaselinesOnSelfExcitingData) {
  HawkesModel truth = ThreeDimModel();
  truth.decays = {0.3};  // slow enough that a burst carries into held-out days
  const Points points = Simulate(truth, 1500.0, 4);
  const double split = 1400.0;
  HawkesOptions o;
  o.decays = {0.1, 0.3, 1.0};
  Result<HawkesFit> fit = FitHawkes(PointsBefore(points, split), o);
  ASSERT_TRUE(fit.ok());
  Result<HeldOut> h = EvaluateHeldOut(fit->model, points, split, 7.0);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_GT(h->events, 50);
  EXPECT_GT(h->loglik, h->poisson_loglik);
  EXPECT_GT(h->loglik, h->persistence_loglik);
}

TEST(HawkesHeldOutTest, RejectsASplitOutsideTheWindow) {
  const Points points = Simulate(ThreeDimModel(), 100.0, 4);
  Result<HeldOut> h = EvaluateHeldOut(ThreeDimModel(), points, 150.0, 7.0);
  EXPECT_FALSE(h.ok());
}

TEST(HawkesSpectralTest, HandlesPeriodicAndDiagonalMatrices) {
  EXPECT_NEAR(SpectralRadius({0.0, 2.0, 0.5, 0.0}, 2), 1.0, 1e-9);
  EXPECT_NEAR(SpectralRadius({0.3, 0.0, 0.0, 0.7}, 2), 0.7, 1e-9);
  EXPECT_NEAR(SpectralRadius({0.2, 0.2, 0.2, 0.2}, 2), 0.4, 1e-9);
}

TEST(HawkesForecastTest, PoissonForecastHasPoissonMeanAndIntervals) {
  HawkesModel m = ThreeDimModel();
  std::fill(m.alpha.begin(), m.alpha.end(), 0.0);
  m.mu = {4.0, 0.5, 10.0};
  Points history;
  history.dimensions = 3;
  history.end = 10.0;
  ForecastOptions fo;
  fo.days = 3;
  fo.paths = 4000;
  Result<Forecast> f = ForecastHawkes(m, history, fo);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  for (int i = 0; i < 3; ++i) {
    for (int d = 0; d < 3; ++d) {
      EXPECT_NEAR(f->mean[i * 3 + d], m.mu[i], 0.1 * m.mu[i] + 0.05);
    }
  }
  // Poisson(10): 5% quantile 5, 95% quantile 15.
  EXPECT_NEAR(f->lower[2 * 3 + 1], 5.0, 1.0);
  EXPECT_NEAR(f->upper[2 * 3 + 1], 15.0, 1.0);
  EXPECT_NEAR(f->total_mean[0], 14.5, 0.5);
}

TEST(HawkesForecastTest, ARecentBurstRaisesTheNearForecast) {
  HawkesModel m;
  m.dimensions = 1;
  m.decays = {0.5};
  m.mu = {1.0};
  m.alpha = {0.5};
  Points history;
  history.dimensions = 1;
  history.end = 20.0;
  for (int n = 0; n < 40; ++n) {
    history.times.push_back(19.0 + n / 40.0);
    history.dims.push_back(0);
  }
  ForecastOptions fo;
  fo.days = 10;
  fo.paths = 2000;
  Result<Forecast> f = ForecastHawkes(m, history, fo);
  ASSERT_TRUE(f.ok());
  EXPECT_GT(f->mean[0], 5.0);
  EXPECT_GT(f->mean[0], f->mean[9] + 3.0);
  // Heading back towards the stationary mu / (1 - 0.5) = 2 per day.
  EXPECT_GT(f->mean[9], 1.5);
  EXPECT_LT(f->mean[9], 3.5);
}

TEST(HawkesWhatIfTest, CascadeMatchesBranchingTheory) {
  const HawkesModel m = ThreeDimModel();
  WhatIfOptions wo;
  wo.dimension = 0;
  wo.horizon = 200.0;
  wo.paths = 20000;
  Result<WhatIf> w = SimulateWhatIf(m, wo);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_EQ(w->extra_expected.size(), 3u);
  double theory = 0.0;
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(w->extra_mean[i], w->extra_expected[i],
                0.05 + 0.05 * w->extra_expected[i]);
    theory += w->extra_expected[i];
  }
  EXPECT_NEAR(w->mean_size, theory, 0.05 * theory);
  // No child at all: Poisson(sum_i alpha[i][0] = 0.7) is zero.
  EXPECT_NEAR(1.0 - w->p_any, std::exp(-0.7), 0.02);
  EXPECT_LE(w->q05, w->q50);
  EXPECT_LE(w->q50, w->q95);
  EXPECT_EQ(w->extra_mean[2], 0.0);  // nothing reaches dimension 2
}

TEST(HawkesWhatIfTest, RejectsAnUnknownDimension) {
  WhatIfOptions wo;
  wo.dimension = 7;
  EXPECT_FALSE(SimulateWhatIf(ThreeDimModel(), wo).ok());
}

TEST(HawkesInputTest, BadPointsAreErrorsNotCrashes) {
  Points p;
  p.dimensions = 2;
  p.times = {1.0, 0.5};
  p.dims = {0, 1};
  p.end = 2.0;
  EXPECT_FALSE(FitHawkes(p, {}).ok());  // out of order
  p.times = {0.5, 1.0};
  p.dims = {0, 2};
  EXPECT_FALSE(FitHawkes(p, {}).ok());  // bad dimension
  p.dims = {0, 1};
  HawkesOptions o;
  o.decays = {-1.0};
  EXPECT_FALSE(FitHawkes(p, o).ok());
  Points empty;
  empty.dimensions = 2;
  empty.end = 1.0;
  EXPECT_FALSE(FitHawkes(empty, {}).ok());
  HawkesModel bad = ThreeDimModel();
  bad.alpha.pop_back();
  EXPECT_FALSE(SimulateHawkes(bad, 10.0, {}).ok());
}

TEST(HawkesInputTest, ExplosiveModelIsAnErrorNotAHang) {
  HawkesModel m;
  m.dimensions = 1;
  m.decays = {1.0};
  m.mu = {1.0};
  m.alpha = {1.5};
  SimulateOptions so;
  so.max_events = 10000;
  EXPECT_FALSE(SimulateHawkes(m, 1000.0, so).ok());
}

TEST(HawkesCsvTest, ReadsLabelsAndIntegers) {
  const std::string labels = WriteTemp(
      "labels.csv",
      "time,dimension\n2.5,RUS-UKR:4\n0.5,USA-CHN:1\n1.0,RUS-UKR:4\n");
  Result<Points> p = ReadPointsCsv(labels);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->dimensions, 2);
  ASSERT_EQ(p->times.size(), 3u);
  EXPECT_DOUBLE_EQ(p->times[0], 0.5);
  EXPECT_EQ(p->names[p->dims[0]], "USA-CHN:1");
  EXPECT_EQ(p->dims[1], p->dims[2]);
  EXPECT_DOUBLE_EQ(p->end, 2.5);
  const std::string ints =
      WriteTemp("ints.csv", "time,dimension\r\n0.1,3\r\n\r\n0.2,0\r\n");
  Result<Points> q = ReadPointsCsv(ints);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->dimensions, 4);
  EXPECT_EQ(q->dims[0], 3);
}

TEST(HawkesCsvTest, MalformedLinesNameTheLine) {
  const std::string bad = WriteTemp("bad.csv", "time,dimension\n1.0,a\n2.0\n");
  Result<Points> p = ReadPointsCsv(bad);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(), bad + ":3: expected 'time,dimension'");
  const std::string nan_time = WriteTemp("nan.csv", "time,dimension\nnan,a\n");
  EXPECT_NE(ReadPointsCsv(nan_time).status().message().find(":2: bad time"),
            std::string::npos);
  const std::string no_header = WriteTemp("nohdr.csv", "1.0,a\n");
  EXPECT_NE(ReadPointsCsv(no_header).status().message().find(
                ":1: expected the header"),
            std::string::npos);
  EXPECT_EQ(ReadPointsCsv("/nonexistent/points.csv").status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace ladder::analytics
