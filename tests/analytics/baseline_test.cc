// One baseline rule for `ladder alerts` and `ladder report`, and periods
// outside the store's coverage are no data, not zero (issue 14, item 5).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <numeric>
#include <string>
#include <vector>

#include "ladder/analytics.h"
#include "ladder/store.h"

namespace ladder::analytics {
namespace {

// 2024-01-01 is a Monday: week w starts at kMonday + 7 w.
const int kMonday = ParseDay("2024-01-01").value();

Event Conflict(const std::string &id, int day, const std::string &src,
               const std::string &tgt, const std::string &origin_doc = "doc") {
  Event e;
  e.event_id = id;
  e.doc_id = origin_doc;
  e.date = FormatDay(day);
  e.source = Actor{src, src, "", src};
  e.target = Actor{tgt, tgt, "", tgt};
  e.cameo = "190";
  e.root = "19";
  e.quad_class = 4;
  e.goldstein = -10;
  return e;
}

// Conflict events of RUS-UKR in week w: `count(w)` on its Tuesday.
template <typename Count>
std::vector<Event> Weeks(int first, int last, Count count,
                         const std::string &tag) {
  std::vector<Event> out;
  for (int w = first; w <= last; ++w) {
    for (int k = 0; k < count(w); ++k) {
      out.push_back(Conflict(tag + std::to_string(w) + "-" + std::to_string(k),
                             kMonday + 7 * w + 1, "RUS", "UKR"));
    }
  }
  return out;
}

class BaselineTest : public ::testing::Test {
protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ladder_baseline_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/t.db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_, path_;
};

int Count(int w) { return w < 10 ? 9 : 1 + w % 3; }

TEST_F(BaselineTest, AlertsAndReportAgreeAndStayInsideTheWindow) {
  {
    auto db = store::Store::Open(path_);
    ASSERT_TRUE(db.ok());
    // Weeks 0-9 busy (9 a week), 10-19 quiet (1-3), week 20 a burst of 12,
    // and one event on the Sunday ending week 20 so it is complete.
    std::vector<Event> events = Weeks(0, 19, Count, "w");
    std::vector<Event> burst = Weeks(
        20, 20, [](int) { return 12; }, "b");
    events.insert(events.end(), burst.begin(), burst.end());
    events.push_back(Conflict("end", kMonday + 7 * 20 + 6, "CHN", "TWN"));
    ASSERT_TRUE((*db)->Ingest(events).ok());
  }
  store::StoreOptions read_only;
  read_only.read_only = true;
  auto db = store::Store::Open(path_, read_only);
  ASSERT_TRUE(db.ok());
  const int from = kMonday + 7 * 10, to = kMonday + 7 * 20 + 6;

  ReportOptions report;
  report.countries = {"RUS", "UKR"};
  report.day_from = from;
  report.day_to = to;
  report.period = Period::kWeek;
  report.asserted_only = true;
  auto data = BuildReportData(**db, report);
  ASSERT_TRUE(data.ok()) << data.status().message();
  const Alert *report_alert = nullptr;
  for (const Alert &a : data->alerts) {
    if (a.series == "conflict")
      report_alert = &a;
  }
  ASSERT_NE(report_alert, nullptr);
  // The long baseline is weeks 10-19 only: --from is respected.
  std::vector<double> inside;
  for (int w = 10; w <= 19; ++w)
    inside.push_back(Count(w));
  double mean =
      std::accumulate(inside.begin(), inside.end(), 0.0) / inside.size();
  EXPECT_DOUBLE_EQ(report_alert->long_mean, mean);
  EXPECT_EQ(report_alert->value, 12);
  EXPECT_TRUE(report_alert->above_long_max);

  // The CLI gives the same numbers for the same window.
  std::string cmd = std::string("'") + LADDER_BINARY +
                    "' alerts --dyad RUS-UKR --all " + "--format json --from " +
                    FormatDay(from) + " --to " + FormatDay(to) + " --db '" +
                    path_ + "' 2>/dev/null";
  FILE *pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
    out.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  nlohmann::json alerts = nlohmann::json::parse(out);
  bool found = false;
  for (const auto &a : alerts) {
    if (a["series"] != "conflict")
      continue;
    found = true;
    EXPECT_DOUBLE_EQ(a["long_mean"].get<double>(), report_alert->long_mean);
    EXPECT_DOUBLE_EQ(a["long_sd"].get<double>(), report_alert->long_sd);
    EXPECT_DOUBLE_EQ(a["short_mean"].get<double>(), report_alert->short_mean);
    EXPECT_EQ(a["period_start"], FormatDay(report_alert->day));
  }
  EXPECT_TRUE(found) << out;
}

TEST_F(BaselineTest, PeriodsOutsideCoverageAreNotZero) {
  auto db = store::Store::Open(":memory:");
  ASSERT_TRUE(db.ok());
  // Data only in weeks 10-20, a steady 4 a week.
  ASSERT_TRUE((*db)
                  ->Ingest(Weeks(
                      10, 20, [](int) { return 4; }, "w"))
                  .ok());
  auto coverage = QueryCoverage(**db);
  ASSERT_TRUE(coverage.ok());
  EXPECT_EQ(coverage->first_day(), kMonday + 7 * 10 + 1);
  EXPECT_EQ(coverage->last_day(), kMonday + 7 * 20 + 1);

  DyadOptions options;
  options.period = Period::kWeek;
  options.day_from = kMonday;        // ten weeks before the data
  options.day_to = kMonday + 7 * 30; // ten weeks after
  auto series = QueryDyadSeries(**db, "RUS", "UKR", options);
  ASSERT_TRUE(series.ok());
  MarkCoverage(*coverage, &*series);
  ASSERT_EQ(series->periods.size(), 31u);
  EXPECT_EQ(series->periods[0].coverage, PeriodCoverage::kNone);
  EXPECT_EQ(series->periods[10].coverage,
            PeriodCoverage::kPartial); // data from Tuesday
  EXPECT_EQ(series->periods[15].coverage, PeriodCoverage::kFull);
  EXPECT_EQ(series->periods[25].coverage, PeriodCoverage::kNone);
  // On the whole series the edges look like changes; on the covered part
  // there are none (the level is constant).
  EXPECT_FALSE(DetectChangePoints(*series).empty());
  int offset = 0;
  DyadSeries covered = CoveredPart(*series, &offset);
  EXPECT_EQ(offset, 11);
  EXPECT_TRUE(DetectChangePoints(covered).empty());

  // Alerts after the end of the data: no "new high" against 0 +- 0 and no
  // latest value of 0 from a week without data.
  AlertQuery query;
  query.period = Period::kWeek;
  query.day_to = kMonday + 7 * 30 + 6;
  auto alerts = QueryDyadAlerts(**db, "RUS", "UKR", query, *coverage);
  ASSERT_TRUE(alerts.ok());
  for (const Alert &a : *alerts) {
    EXPECT_FALSE(a.fired()) << a.series;
    EXPECT_LE(a.day, kMonday + 7 * 20) << "the latest period must have data";
    EXPECT_GT(a.long_mean, 0) << "weeks without data are not zeros";
  }
}

} // namespace
} // namespace ladder::analytics

namespace ladder::analytics {
namespace {

// A week cut by --from or --to counts only its days inside the window: it
// is partial, and neither a baseline value nor a point of the line.
TEST(MarkWindowTest, PeriodsCutByTheWindowArePartial) {
  DyadSeries series;
  series.period = Period::kWeek;
  for (int w = 0; w < 4; ++w) series.periods.push_back(DyadPeriod{kMonday + 7 * w});
  MarkWindow(kMonday + 3, kMonday + 7 * 3 + 6, &series);  // from a Thursday
  EXPECT_EQ(series.periods[0].coverage, PeriodCoverage::kPartial);
  EXPECT_EQ(series.periods[1].coverage, PeriodCoverage::kFull);
  EXPECT_EQ(series.periods[3].coverage, PeriodCoverage::kFull);
  MarkWindow(kMonday, kMonday + 7 * 3 + 2, &series);  // to a Wednesday
  EXPECT_EQ(series.periods[3].coverage, PeriodCoverage::kPartial);
  int offset = 0;
  DyadSeries inside = CoveredPart(series, &offset);
  EXPECT_EQ(offset, 1);
  EXPECT_EQ(inside.periods.size(), 2u);
}

}  // namespace
}  // namespace ladder::analytics
