#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "ladder/analytics.h"

namespace ladder::analytics {
namespace {

std::vector<double> Poisson(std::mt19937* rng, double rate, int n) {
  std::poisson_distribution<int> dist(rate);
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(dist(*rng));
  return out;
}

std::vector<double> PlantedShift(uint32_t seed, int at, double before,
                                 double after, int n) {
  std::mt19937 rng(seed);
  std::vector<double> v = Poisson(&rng, before, at);
  std::vector<double> tail = Poisson(&rng, after, n - at);
  v.insert(v.end(), tail.begin(), tail.end());
  return v;
}

TEST(CusumTest, FindsPlantedShift) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    auto values = PlantedShift(seed, 60, 3.0, 12.0, 100);
    auto cps = DetectCusum(values);
    ASSERT_EQ(cps.size(), 1u) << "seed " << seed;
    EXPECT_NEAR(cps[0].index, 60, 1) << "seed " << seed;
    EXPECT_TRUE(cps[0].up);
    EXPECT_EQ(cps[0].method, "cusum");
    EXPECT_NEAR(cps[0].mean_before, 3.0, 1.0);
    EXPECT_NEAR(cps[0].mean_after, 12.0, 2.0);
  }
}

TEST(CusumTest, FindsDownwardShiftInGoldsteinLikeSeries) {
  std::mt19937 rng(7);
  std::normal_distribution<double> before(2.0, 1.0), after(-3.0, 1.0);
  std::vector<double> v;
  for (int i = 0; i < 40; ++i) v.push_back(before(rng));
  for (int i = 0; i < 40; ++i) v.push_back(after(rng));
  auto cps = DetectCusum(v);
  ASSERT_EQ(cps.size(), 1u);
  EXPECT_NEAR(cps[0].index, 40, 1);
  EXPECT_FALSE(cps[0].up);
}

TEST(CusumTest, NoneOnStationarySeries) {
  for (uint32_t seed : {11u, 12u, 13u}) {
    std::mt19937 rng(seed);
    auto values = Poisson(&rng, 5.0, 150);
    EXPECT_TRUE(DetectCusum(values).empty()) << "seed " << seed;
  }
  std::vector<double> flat(30, 4.0);
  EXPECT_TRUE(DetectCusum(flat).empty());
  EXPECT_TRUE(DetectCusum(std::vector<double>{}).empty());
}

TEST(BocpdTest, FindsPlantedShift) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    auto values = PlantedShift(seed, 60, 3.0, 12.0, 100);
    auto cps = DetectBocpd(values);
    ASSERT_EQ(cps.size(), 1u) << "seed " << seed;
    EXPECT_NEAR(cps[0].index, 60, 1) << "seed " << seed;
    EXPECT_TRUE(cps[0].up);
    EXPECT_GE(cps[0].score, 0.5);
  }
}

TEST(BocpdTest, FindsShiftNearTheEnd) {
  auto values = PlantedShift(5, 95, 2.0, 20.0, 100);
  auto cps = DetectBocpd(values);
  ASSERT_FALSE(cps.empty());
  EXPECT_NEAR(cps.back().index, 95, 1);
}

TEST(BocpdTest, NoneOnStationarySeries) {
  for (uint32_t seed : {11u, 12u, 13u}) {
    std::mt19937 rng(seed);
    auto values = Poisson(&rng, 5.0, 150);
    EXPECT_TRUE(DetectBocpd(values).empty()) << "seed " << seed;
  }
  EXPECT_TRUE(DetectBocpd(std::vector<double>(50, 0.0)).empty());
}

TEST(ChangePointsTest, DyadSeriesGetsDaysAndSeriesNames) {
  DyadSeries series;
  series.a = "RUS";
  series.b = "UKR";
  auto conflict = PlantedShift(4, 30, 2.0, 10.0, 50);
  for (int i = 0; i < 50; ++i) {
    DyadPeriod p;
    p.start = 1000 + 7 * i;
    p.both.quad[2] = conflict[i];
    p.both.quad[0] = 5;
    p.both.total = conflict[i] + 5;
    series.periods.push_back(p);
  }
  auto cps = DetectChangePoints(series);
  bool cusum = false, bocpd = false;
  for (const auto& cp : cps) {
    EXPECT_NE(cp.series, "cooperation");  // constant
    if (cp.series == "conflict" && std::abs(cp.index - 30) <= 1) {
      EXPECT_EQ(cp.day, 1000 + 7 * cp.index);
      cusum |= cp.method == "cusum";
      bocpd |= cp.method == "bocpd";
    }
  }
  EXPECT_TRUE(cusum);
  EXPECT_TRUE(bocpd);
}

TEST(AlertTest, FiresOnSpikeNotOnFlat) {
  std::vector<double> flat(60, 5.0);
  auto quiet = CheckLatest(flat);
  ASSERT_TRUE(quiet.has_value());
  EXPECT_FALSE(quiet->fired());
  std::vector<double> spike = flat;
  spike.back() = 15;
  auto loud = CheckLatest(spike);
  ASSERT_TRUE(loud.has_value());
  EXPECT_TRUE(loud->fired());
  EXPECT_TRUE(loud->above_short);
  EXPECT_TRUE(loud->above_long);
  EXPECT_TRUE(loud->above_long_max);
  EXPECT_DOUBLE_EQ(loud->long_mean, 5.0);
}

TEST(AlertTest, BaselineWindows) {
  // 52 weeks around 10 with one week at 30, then 4 quiet weeks, latest 20:
  // above the 4-week baseline, not above the 52-week max.
  std::vector<double> v(60, 10.0);
  for (int i = 0; i < 60; i += 2) v[i] = 8;
  v[20] = 30;
  v.push_back(20);
  auto alert = CheckLatest(v);
  ASSERT_TRUE(alert.has_value());
  EXPECT_TRUE(alert->above_short);
  EXPECT_FALSE(alert->above_long_max);
  EXPECT_DOUBLE_EQ(alert->long_max, 30);
  EXPECT_NEAR(alert->short_mean, 9.0, 1e-9);
  // Below min_value nothing fires, even from zeros.
  std::vector<double> small(10, 0.0);
  small.back() = 2;
  EXPECT_FALSE(CheckLatest(small)->fired());
  EXPECT_FALSE(CheckLatest(std::vector<double>{1, 2}).has_value());
}

}  // namespace
}  // namespace ladder::analytics
