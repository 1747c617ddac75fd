#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ladder/analytics.h"
#include "ladder/store.h"

namespace ladder::analytics {
namespace {

Event MakeEvent(const std::string& id, const std::string& date,
                const std::string& src, const std::string& tgt, int quad,
                double goldstein, Modality modality = Modality::kAsserted) {
  Event e;
  e.event_id = id;
  e.doc_id = "doc";
  e.date = date;
  e.source = Actor{src + "GOV", src, "GOV", src};
  e.target = Actor{tgt + "GOV", tgt, "GOV", tgt};
  static const char* kCameo[] = {"", "040", "070", "130", "190"};
  e.cameo = kCameo[quad];
  e.root = e.cameo.substr(0, 2);
  e.quad_class = quad;
  e.goldstein = goldstein;
  e.modality = modality;
  return e;
}

int Day(const char* iso) { return ParseDay(iso).value(); }

class DyadSeriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::Store::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    // Weeks start on Monday: 2023-09-04, 09-11, 09-18, 09-25.
    std::vector<Event> events = {
        MakeEvent("e1", "2023-09-04", "RUS", "PRK", 1, 3.0),
        MakeEvent("e2", "2023-09-06", "RUS", "PRK", 4, -10.0),
        MakeEvent("e3", "2023-09-10", "PRK", "RUS", 2, 7.0),
        // Week of 09-11 and 09-18: nothing for the dyad.
        MakeEvent("e4", "2023-09-12", "USA", "PRK", 3, -4.0),
        MakeEvent("e5", "2023-09-26", "PRK", "RUS", 3, -4.4),
        MakeEvent("e6", "2023-09-27", "PRK", "RUS", 3, -2.0,
                  Modality::kFuture),
    };
    auto stats = store_->Ingest(events);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    ASSERT_EQ(stats->inserted, 6);
  }
  std::unique_ptr<store::Store> store_;
};

TEST_F(DyadSeriesTest, WeeklyCountsBothDirectionsAndZeroGaps) {
  DyadOptions options;
  options.period = Period::kWeek;
  auto series = QueryDyadSeries(*store_, "RUS", "PRK", options);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_EQ(series->periods.size(), 4u);
  const auto& p = series->periods;
  EXPECT_EQ(p[0].start, Day("2023-09-04"));
  EXPECT_EQ(p[3].start, Day("2023-09-25"));
  // Week 1: RUS->PRK q1 + q4, PRK->RUS q2.
  EXPECT_EQ(p[0].ab.quad[0], 1);
  EXPECT_EQ(p[0].ab.quad[3], 1);
  EXPECT_EQ(p[0].ab.total, 2);
  EXPECT_DOUBLE_EQ(p[0].ab.goldstein_sum, -7.0);
  EXPECT_DOUBLE_EQ(p[0].ab.goldstein_mean(), -3.5);
  EXPECT_EQ(p[0].ba.quad[1], 1);
  EXPECT_EQ(p[0].ba.total, 1);
  EXPECT_EQ(p[0].both.total, 3);
  EXPECT_DOUBLE_EQ(p[0].both.goldstein_sum, 0.0);
  // Gaps are zeros; USA->PRK is not in the dyad.
  EXPECT_EQ(p[1].both.total, 0);
  EXPECT_EQ(p[2].both.total, 0);
  // Week 4: two PRK->RUS q3 events (one of them "future").
  EXPECT_EQ(p[3].ba.quad[2], 2);
  EXPECT_EQ(p[3].ab.total, 0);
  EXPECT_EQ(ExtractSeries(*series, SeriesKind::kConflict),
            (std::vector<double>{1, 0, 0, 2}));
}

TEST_F(DyadSeriesTest, AssertedOnlyAndExplicitRange) {
  DyadOptions options;
  options.period = Period::kWeek;
  options.asserted_only = true;
  options.day_from = Day("2023-08-28");
  options.day_to = Day("2023-10-08");
  auto series = QueryDyadSeries(*store_, "PRK", "RUS", options);
  ASSERT_TRUE(series.ok());
  ASSERT_EQ(series->periods.size(), 6u);  // 08-28 .. 10-02, zero-filled ends
  EXPECT_EQ(series->periods[0].both.total, 0);
  EXPECT_EQ(series->periods[5].both.total, 0);
  EXPECT_EQ(series->periods[4].both.quad[2], 1);  // the future one dropped
  // a = PRK now, so ab is PRK->RUS.
  EXPECT_EQ(series->periods[1].ab.quad[1], 1);
  EXPECT_EQ(series->periods[1].ba.total, 2);
}

TEST_F(DyadSeriesTest, DailyAndMonthly) {
  DyadOptions options;
  options.period = Period::kDay;
  auto daily = QueryDyadSeries(*store_, "RUS", "PRK", options);
  ASSERT_TRUE(daily.ok());
  EXPECT_EQ(daily->periods.size(), 24u);  // 09-04 .. 09-27
  EXPECT_EQ(daily->periods[2].ab.quad[3], 1);
  options.period = Period::kMonth;
  options.day_to = Day("2023-11-02");
  auto monthly = QueryDyadSeries(*store_, "RUS", "PRK", options);
  ASSERT_TRUE(monthly.ok());
  ASSERT_EQ(monthly->periods.size(), 3u);
  EXPECT_EQ(monthly->periods[0].start, Day("2023-09-01"));
  EXPECT_EQ(monthly->periods[1].start, Day("2023-10-01"));
  EXPECT_EQ(monthly->periods[0].both.total, 5);
}

TEST_F(DyadSeriesTest, CompletePeriodsDropsAnUnfinishedLastWeek) {
  auto series = QueryDyadSeries(*store_, "RUS", "PRK", DyadOptions{});
  ASSERT_TRUE(series.ok());
  ASSERT_EQ(series->periods.size(), 4u);
  // The data ends on Wednesday 09-27: the week of 09-25 is incomplete.
  EXPECT_EQ(CompletePeriods(*series, Day("2023-09-27")).periods.size(), 3u);
  EXPECT_EQ(CompletePeriods(*series, Day("2023-10-01")).periods.size(), 4u);
}

TEST(DyadSeriesPureTest, MentionsWeighting) {
  std::vector<store::StoredEvent> events(2);
  events[0].day = 10;
  events[0].source_country = "UKR";
  events[0].target_country = "RUS";
  events[0].quad_class = 4;
  events[0].goldstein = -10;
  events[0].mentions = 5;
  events[1] = events[0];
  events[1].quad_class = 1;
  events[1].goldstein = 2;
  events[1].mentions = 1;
  DyadOptions options;
  options.period = Period::kDay;
  options.count_by = CountBy::kMentions;
  auto series = BuildDyadSeries(events, "RUS", "UKR", options);
  ASSERT_TRUE(series.ok());
  ASSERT_EQ(series->periods.size(), 1u);
  EXPECT_EQ(series->periods[0].ba.quad[3], 5);
  EXPECT_EQ(series->periods[0].ba.total, 6);
  EXPECT_DOUBLE_EQ(series->periods[0].ba.goldstein_mean(), -48.0 / 6);
}

TEST(DyadSeriesPureTest, BadInputIsAnError) {
  DyadOptions options;
  EXPECT_FALSE(BuildDyadSeries({}, "RUS", "RUS", options).ok());
  EXPECT_FALSE(BuildDyadSeries({}, "", "RUS", options).ok());
  options.day_from = 100;
  options.day_to = 10;
  EXPECT_FALSE(BuildDyadSeries({}, "RUS", "PRK", options).ok());
  EXPECT_FALSE(ParseDay("2023-02-30").ok());
  EXPECT_FALSE(ParsePeriod("year").ok());
  auto empty = BuildDyadSeries({}, "RUS", "PRK", DyadOptions{});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->periods.empty());
}

}  // namespace
}  // namespace ladder::analytics

namespace ladder::analytics {
namespace {

// A year-only date ("in 2019") is kept with its precision; a monthly or
// weekly series does not count it in January or in week 1 but leaves it out
// and says how many (issue 14, item 2).
TEST(DatePrecisionTest, CoarseDatesAreLeftOutOfFinerSeries) {
  auto opened = store::Store::Open(":memory:");
  ASSERT_TRUE(opened.ok());
  store::Store& db = **opened;
  std::vector<Event> events = {MakeEvent("y", "2019", "RUS", "UKR", 4, -10),
                               MakeEvent("m", "2019-03", "RUS", "UKR", 4, -10),
                               MakeEvent("d", "2019-03-05", "RUS", "UKR", 4, -10)};
  ASSERT_TRUE(db.Ingest(events).ok());
  auto rows = db.Query(store::EventFilter{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  for (const auto& e : *rows) {
    EXPECT_EQ(e.date_precision, static_cast<int>(e.id));  // year, month, day in order
  }
  DyadOptions by_month;
  by_month.period = Period::kMonth;
  auto month = QueryDyadSeries(db, "RUS", "UKR", by_month);
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(month->left_out_imprecise, 1);
  double total = 0;
  for (const auto& p : month->periods) total += p.both.total;
  EXPECT_EQ(total, 2);
  ASSERT_FALSE(month->periods.empty());
  EXPECT_EQ(FormatDay(month->periods.front().start), "2019-03-01");  // not January
  DyadOptions by_week;
  by_week.period = Period::kWeek;
  auto week = QueryDyadSeries(db, "RUS", "UKR", by_week);
  ASSERT_TRUE(week.ok());
  EXPECT_EQ(week->left_out_imprecise, 2);
  ASSERT_EQ(week->periods.size(), 1u);
  EXPECT_EQ(week->periods[0].both.total, 1);
}

}  // namespace
}  // namespace ladder::analytics
