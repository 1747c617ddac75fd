// The daily count model: its branching ratio on data with and without
// excitation, its test, and the forecast scores.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "ladder/hawkes.h"

namespace ladder::analytics {
namespace {

// Rates like the top ICEWS18 directed dyads x quad classes (events/day).
std::vector<double> IcewsLikeRates(int dims) {
  std::vector<double> mu;
  for (int i = 0; i < dims; ++i) mu.push_back(0.15 + 4.0 * std::pow(0.9, i));
  return mu;
}

CountModel Truth(int dims, double alpha, double memory, double size) {
  CountModel m;
  m.dimensions = dims;
  m.mu = IcewsLikeRates(dims);
  for (double& v : m.mu) v *= 1.0 - alpha;  // same mean rates as alpha = 0
  m.alpha = alpha;
  m.memory = memory;
  m.size = size;
  m.weekday = {1.2, 1.2, 1.15, 1.1, 1.0, 0.7, 0.65};
  return m;
}

TEST(CountModelTest, NoExcitationIsSmallOrNotSignificant) {
  // Constant rates (with a weekday pattern and over-dispersion), 64 days:
  // what the continuous Hawkes fit called 0.67-0.88.
  int significant = 0;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    for (double size : {0.0, 2.0}) {
      const CountModel truth = Truth(40, 0.0, 0.0, size);
      const DailyCounts data = SimulateCountModel(truth, 64, 0, seed);
      CountModelOptions o;
      o.bootstrap = 49;
      o.seed = seed;
      Result<CountFit> fit = FitCountModel(data, o);
      ASSERT_TRUE(fit.ok()) << fit.status().ToString();
      EXPECT_TRUE(fit->model.alpha < 0.1 || !fit->significant)
          << "seed " << seed << " alpha " << fit->model.alpha << " p "
          << fit->p_value;
      EXPECT_LE(fit->alpha_lower, fit->model.alpha + 1e-9);
      EXPECT_GE(fit->alpha_upper, fit->alpha_lower);
      EXPECT_EQ(fit->interval_method, "bootstrap");
      significant += fit->significant;
    }
  }
  EXPECT_LE(significant, 2);  // about 5% of 8 expected
}

TEST(CountModelTest, KnownExcitationIsRecoveredAndSignificant) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const CountModel truth = Truth(40, 0.5, 0.5, 3.0);
    const DailyCounts data = SimulateCountModel(truth, 64, 2, seed);
    CountModelOptions o;
    o.bootstrap = 49;
    o.seed = seed;
    Result<CountFit> fit = FitCountModel(data, o);
    ASSERT_TRUE(fit.ok()) << fit.status().ToString();
    EXPECT_NEAR(fit->model.alpha, 0.5, 0.15) << "seed " << seed;
    EXPECT_TRUE(fit->significant) << "p " << fit->p_value;
    EXPECT_LT(fit->alpha_lower, 0.5 + 0.05);
    EXPECT_GT(fit->alpha_upper, 0.5 - 0.05);
    // The weekday pattern is recovered too (Saturday below Monday).
    EXPECT_LT(fit->model.weekday[5], 0.85 * fit->model.weekday[0]);
  }
}

TEST(CountModelTest, ShufflingTheDaysRemovesTheExcitation) {
  const CountModel truth = Truth(40, 0.6, 0.5, 0.0);
  DailyCounts data = SimulateCountModel(truth, 64, 0, 11);
  CountModelOptions o;
  o.weekday = false;
  Result<CountFit> ordered = FitCountModel(data, o);
  ASSERT_TRUE(ordered.ok());
  std::vector<int> order(data.days);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(5));
  DailyCounts shuffled = data;
  for (int i = 0; i < data.dimensions; ++i) {
    for (int t = 0; t < data.days; ++t)
      shuffled.counts[i * data.days + t] = data.At(i, order[t]);
  }
  Result<CountFit> fit = FitCountModel(shuffled, o);
  ASSERT_TRUE(fit.ok());
  EXPECT_GT(ordered->model.alpha, 0.4);
  EXPECT_LT(fit->model.alpha, 0.5 * ordered->model.alpha);
}

// Five dyads and their reverses x 4 quad classes, named as the store's
// dimensions are ("SOURCE-TARGET:QUAD").
std::vector<std::string> DyadNames() {
  std::vector<std::string> names;
  const char* pairs[][2] = {{"USA", "RUS"}, {"CHN", "USA"}, {"KOR", "PRK"},
                            {"ISR", "PSE"}, {"RUS", "SYR"}};
  for (const auto& p : pairs) {
    for (int reverse = 0; reverse < 2; ++reverse) {
      for (int q = 1; q <= 4; ++q) {
        names.push_back(std::string(p[reverse]) + "-" + p[1 - reverse] + ":" +
                        std::to_string(q));
      }
    }
  }
  return names;
}

TEST(CountModelTest, RelatesReverseDyadsAndQuadClasses) {
  CountModel m;
  RelateDimensions({"USA-RUS:1", "USA-RUS:3", "RUS-USA:3", "CHN-USA:3", "odd"}, &m);
  EXPECT_EQ(m.reverse, (std::vector<int>{-1, 2, 1, -1, -1}));
  EXPECT_EQ(m.dyad, (std::vector<int>{0, 0, 1, 2, -1}));
}

TEST(CountModelTest, CrossExcitationIsRecoveredAndAbsentWhenNone) {
  for (double alpha_reverse : {0.0, 0.3}) {
    CountModel truth = Truth(40, 0.3, 0.5, 0.0);
    truth.names = DyadNames();
    RelateDimensions(truth.names, &truth);
    truth.alpha_reverse = alpha_reverse;
    for (double& v : truth.mu) v *= 0.7;  // stationary despite the cross terms
    const DailyCounts data = SimulateCountModel(truth, 365, 0, 7);
    CountModelOptions o;
    o.cross = true;
    Result<CountFit> fit = FitCountModel(data, o);
    ASSERT_TRUE(fit.ok()) << fit.status().ToString();
    EXPECT_NEAR(fit->model.alpha_reverse, alpha_reverse, 0.1);
    EXPECT_LT(fit->model.alpha_dyad, 0.05);
    EXPECT_NEAR(fit->model.alpha, 0.3, 0.1);
    // The forecast runs the cross terms (one more path each step).
    Result<std::vector<Pmf>> f = ForecastCountModel(fit->model, data, 3, 50, 1);
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f->size(), 40u * 3u);
  }
}

TEST(CountModelTest, DailyCountsDoNotDependOnTheWithinDayJitter) {
  Points a, b;
  for (Points* p : {&a, &b}) {
    p->dimensions = 2;
    p->start = 0;
    p->end = 30;
  }
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int day = 0; day < 30; ++day) {
    for (int k = 0; k < day % 4; ++k) {
      a.times.push_back(day + (k + u(rng) * 0.999) / 4.0);  // sorted
      a.dims.push_back(k % 2);
    }
  }
  b = a;
  for (size_t n = 0; n < b.times.size(); ++n)
    b.times[n] = std::floor(b.times[n]) + 0.5;  // another jitter
  Result<DailyCounts> ca = CountDaily(a, 0), cb = CountDaily(b, 0);
  ASSERT_TRUE(ca.ok() && cb.ok());
  EXPECT_EQ(ca->counts, cb->counts);
  EXPECT_EQ(ca->days, 30);
  EXPECT_DOUBLE_EQ(ca->At(0, 3), 2.0);
  EXPECT_DOUBLE_EQ(ca->At(1, 3), 1.0);
}

TEST(CountModelTest, TooFewDaysIsAnError) {
  const DailyCounts data = SimulateCountModel(Truth(3, 0.0, 0.0, 0.0), 10, 0, 1);
  Result<CountFit> fit = FitCountModel(data, {});
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.status().message().find("at least 14"), std::string::npos);
}

TEST(CountModelTest, WithoutBootstrapTheIntervalIsStillDefined) {
  const DailyCounts data = SimulateCountModel(Truth(10, 0.3, 0.3, 0.0), 64, 0, 2);
  Result<CountFit> fit = FitCountModel(data, {});
  ASSERT_TRUE(fit.ok());
  EXPECT_EQ(fit->interval_method, "likelihood ratio");
  EXPECT_TRUE(std::isfinite(fit->alpha_lower) && std::isfinite(fit->alpha_upper));
  EXPECT_LE(fit->alpha_lower, fit->model.alpha);
  EXPECT_GE(fit->alpha_upper, fit->model.alpha);
}

TEST(CountModelTest, NonStationaryWindowIsWarned) {
  CountModel m = Truth(5, 0.0, 0.0, 0.0);
  DailyCounts first = SimulateCountModel(m, 32, 0, 1);
  for (double& v : m.mu) v *= 3.0;
  DailyCounts second = SimulateCountModel(m, 32, 4, 2);
  DailyCounts both = first;
  both.days = 64;
  both.counts.clear();
  for (int i = 0; i < 5; ++i) {
    for (int t = 0; t < 32; ++t) both.counts.push_back(first.At(i, t));
    for (int t = 0; t < 32; ++t) both.counts.push_back(second.At(i, t));
  }
  ASSERT_EQ(StationarityWarnings(both).size(), 1u);
  EXPECT_NE(StationarityWarnings(both)[0].find("half-life"), std::string::npos);
  EXPECT_TRUE(StationarityWarnings(first).empty());
}

// ---- scores ----

TEST(ForecastScoreTest, CrpsOfKnownDistributions) {
  EXPECT_DOUBLE_EQ(Crps({1.0}, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(Crps({1.0}, 3.0), 3.0);  // point mass: |x - y|
  EXPECT_DOUBLE_EQ(Crps({0.5, 0.5}, 0.0), 0.25);
  // CRPS = E|X - y| - E|X - X'| / 2, by sampling a Poisson(2.5).
  const Pmf pmf = PoissonPmf(2.5);
  std::mt19937_64 rng(1);
  std::poisson_distribution<int> pois(2.5);
  double e1 = 0, e2 = 0;
  const int n = 200000;
  for (int k = 0; k < n; ++k) {
    e1 += std::abs(pois(rng) - 4);
    e2 += std::abs(pois(rng) - pois(rng));
  }
  EXPECT_NEAR(Crps(pmf, 4.0), e1 / n - e2 / n / 2, 0.01);
}

TEST(ForecastScoreTest, CalibratedForecastsHaveAFlatPitAndNominalCoverage) {
  std::mt19937_64 rng(4);
  ForecastScore calibrated, too_narrow;
  for (int k = 0; k < 20000; ++k) {
    const double mean = 0.3 + (k % 10) * 0.4, size = 1.5;
    std::gamma_distribution<double> g(size, mean / size);
    std::poisson_distribution<int> p(g(rng));
    const double y = p(rng);
    calibrated.Add(NegBinPmf(mean, size), y);
    too_narrow.Add(PoissonPmf(mean), y);
  }
  calibrated.Finish();
  too_narrow.Finish();
  EXPECT_LT(calibrated.pit_max_deviation, 0.01);
  EXPECT_NEAR(calibrated.coverage90, 0.9, 0.01);
  EXPECT_NEAR(calibrated.coverage50, 0.5, 0.01);
  EXPECT_GT(too_narrow.pit_max_deviation, 0.03);
  EXPECT_LT(too_narrow.coverage90, 0.87);
  EXPECT_LT(calibrated.log_score, too_narrow.log_score);
  EXPECT_LT(calibrated.crps, too_narrow.crps + 1e-9);
}

TEST(ForecastScoreTest, NegBinPmfHasItsMeanAndVariance) {
  const Pmf pmf = NegBinPmf(3.0, 2.0);
  double s = 0, m = 0, v = 0;
  for (size_t k = 0; k < pmf.size(); ++k) {
    s += pmf[k];
    m += k * pmf[k];
  }
  for (size_t k = 0; k < pmf.size(); ++k) v += (k - m) * (k - m) * pmf[k];
  EXPECT_NEAR(s, 1.0, 1e-9);
  EXPECT_NEAR(m, 3.0, 1e-6);
  EXPECT_NEAR(v, 3.0 + 9.0 / 2.0, 1e-4);
}

// ---- evaluation ----

TEST(EvaluateForecastsTest, TheDailyModelBeatsFlatBaselinesOnWeekdayData) {
  const DailyCounts data = SimulateCountModel(Truth(20, 0.0, 0.0, 4.0), 64, 0, 9);
  Points none;  // no Hawkes model
  EvaluateOptions o;
  o.hawkes = false;
  o.paths = 200;
  for (int origin = 35; origin <= 56; ++origin) o.origins.push_back(origin);
  Result<Evaluation> ev = EvaluateForecasts(none, data, o);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  ASSERT_EQ(ev->scores.size(), 9u);
  const ForecastScore& daily = ev->scores.back();
  EXPECT_EQ(daily.cells, 20 * 7 * 22);
  EXPECT_EQ(daily.crps_by_origin.size(), 22u);
  for (size_t m = 0; m + 1 < ev->scores.size(); ++m) {
    EXPECT_LT(daily.crps, ev->scores[m].crps) << ev->scores[m].model;
  }
  EXPECT_EQ(ev->chosen.size(), 22u);
  EXPECT_LT(daily.pit_max_deviation, 0.05);
}

TEST(EvaluateForecastsTest, TheMixtureWithTheBaselineIsScoredAsItsOwnModel) {
  const DailyCounts data = SimulateCountModel(Truth(12, 0.3, 0.5, 3.0), 56, 0, 4);
  Points none;
  EvaluateOptions o;
  o.hawkes = false;
  o.select = false;
  o.paths = 100;
  o.combine = 0.25;
  for (int origin = 40; origin <= 48; ++origin) o.origins.push_back(origin);
  Result<Evaluation> ev = EvaluateForecasts(none, data, o);
  ASSERT_TRUE(ev.ok()) << ev.status().ToString();
  ASSERT_EQ(ev->scores.size(), 10u);
  const ForecastScore& base = ev->scores[7];  // training mean, NB
  const ForecastScore& daily = ev->scores[8];
  const ForecastScore& mix = ev->scores[9];
  EXPECT_EQ(base.model, "training mean, neg. binomial");
  EXPECT_EQ(mix.model, "ladder daily 75% + training mean NB 25%");
  EXPECT_EQ(mix.cells, daily.cells);
  // CRPS is convex in the forecast distribution: the mixture scores at
  // most the mixture of the two scores, origin by origin.
  for (size_t k = 0; k < o.origins.size(); ++k) {
    EXPECT_LE(mix.crps_by_origin[k],
              0.75 * daily.crps_by_origin[k] + 0.25 * base.crps_by_origin[k] + 1e-9);
  }
}

TEST(EvaluateForecastsTest, OriginsOutsideTheDataAreErrors) {
  const DailyCounts data = SimulateCountModel(Truth(2, 0.0, 0.0, 0.0), 30, 0, 1);
  EvaluateOptions o;
  o.hawkes = false;
  o.origins = {25};  // 25 + 7 > 29
  Result<Evaluation> ev = EvaluateForecasts(Points(), data, o);
  ASSERT_FALSE(ev.ok());
  EXPECT_NE(ev.status().message().find("days of data"), std::string::npos);
  o.origins = {5};
  EXPECT_FALSE(EvaluateForecasts(Points(), data, o).ok());
}

TEST(HawkesWarningsTest, NamesNearCriticalFitsAndGridEdges) {
  HawkesFit fit;
  fit.model.dimensions = 1;
  fit.model.decays = {8.0};
  fit.branching_ratio = 0.95;
  fit.has_standard_errors = true;
  fit.mu_se = {0.1};
  fit.alpha_se = {std::nan("")};
  fit.branching_ratio_se = 0.02;
  const std::vector<std::string> w = HawkesWarnings(fit, HawkesOptions());
  ASSERT_EQ(w.size(), 3u);
  EXPECT_NE(w[0].find(">= 0.9"), std::string::npos);
  EXPECT_NE(w[1].find("undefined for 1"), std::string::npos);
  EXPECT_NE(w[2].find("edge of its grid"), std::string::npos);
  fit.branching_ratio = 0.3;
  fit.alpha_se = {0.1};
  fit.model.decays = {1.0};
  EXPECT_TRUE(HawkesWarnings(fit, HawkesOptions()).empty());
}

}  // namespace
}  // namespace ladder::analytics
