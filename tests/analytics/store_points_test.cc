// The store's events as Hawkes points and the dyad spec (ladder/points.h).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ladder/analytics.h"
#include "ladder/points.h"
#include "ladder/store.h"

namespace ladder::analytics {
namespace {

Event Conflict(const std::string& id, const std::string& date, const std::string& src,
               const std::string& tgt, int quad) {
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
  return e;
}

TEST(ParseDyadSpecTest, ReadsAndRefuses) {
  auto d = ParseDyadSpec(" rus-prk ");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->source, "RUS");
  EXPECT_EQ(d->target, "PRK");
  EXPECT_EQ(d->Name(), "RUS-PRK");
  for (const char* bad : {"RUS", "-PRK", "RUS-", "A-B-C", ""}) {
    auto r = ParseDyadSpec(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("'" + std::string(bad) + "'"), std::string::npos);
  }
}

class StorePointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(opened).value();
    std::vector<Event> events = {
        Conflict("a", "2023-09-04", "RUS", "UKR", 4), Conflict("b", "2023-09-04", "RUS", "UKR", 3),
        Conflict("c", "2023-09-05", "UKR", "RUS", 4), Conflict("d", "2023-09-06", "RUS", "UKR", 1),
        Conflict("e", "2023-09-07", "RUS", "RUS", 4), Conflict("f", "2023-09", "RUS", "UKR", 4),
        Conflict("g", "2023-09-09", "USA", "UKR", 2)};
    auto ingested = store_->Ingest(events);
    ASSERT_TRUE(ingested.ok()) << ingested.status().message();
  }
  std::unique_ptr<store::Store> store_;
};

// One dimension per dyad and quad class; the busiest dyads between two
// countries; events dated only by month are no points.
TEST_F(StorePointsTest, PerQuadDimensions) {
  StorePointsOptions o;
  o.top_dyads = 2;
  o.quads = {3, 4};
  auto built = PointsFromStore(*store_, o);
  ASSERT_TRUE(built.ok()) << built.status().message();
  const Points& p = built->points;
  ASSERT_EQ(p.dimensions, 4);
  EXPECT_EQ(p.names,
            (std::vector<std::string>{"RUS-UKR:3", "RUS-UKR:4", "UKR-RUS:3", "UKR-RUS:4"}));
  EXPECT_EQ(built->dimension_dyads[2], (DyadSpec{"UKR", "RUS"}));
  ASSERT_EQ(p.times.size(), 3u);  // a, b, c: not the self-dyad, the month-dated or quad 1
  EXPECT_TRUE(built->axis.dated);
  EXPECT_EQ(built->axis.Label(0.5), "2023-09-04");
  EXPECT_EQ(p.start, 0.0);
  // The window is the events' (09-04 .. 09-07, the self-dyad's day: any
  // dyad's events count), not only the chosen dyads'.
  EXPECT_EQ(p.end, 4.0);
  EXPECT_TRUE(ValidatePoints(p, "store").ok());
}

// The report's conflict dimensions: quad classes merged, countries limited,
// the window given; the same seed gives the same points.
TEST_F(StorePointsTest, MergedQuadsInAWindow) {
  StorePointsOptions o;
  o.countries = {"RUS", "UKR"};
  o.quads = {3, 4};
  o.merge_quads = true;
  o.day_from = ParseDay("2023-09-01").value();
  o.day_to = ParseDay("2023-09-30").value();
  auto one = PointsFromStore(*store_, o);
  auto two = PointsFromStore(*store_, o);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(one->points.names, (std::vector<std::string>{"RUS-UKR:3+4", "UKR-RUS:3+4"}));
  EXPECT_EQ(one->points.times, two->points.times);
  EXPECT_EQ(one->points.end, 30.0);
  ASSERT_EQ(one->points.times.size(), 3u);
  EXPECT_GE(one->points.times[0], 3.0);  // 09-04 is day 3 of the window
  o.dyads = {DyadSpec{"USA", "UKR"}};
  o.countries.clear();
  auto none = PointsFromStore(*store_, o);
  ASSERT_TRUE(none.ok());  // a dyad without conflict: a dimension without points
  EXPECT_EQ(none->points.dimensions, 1);
  EXPECT_TRUE(none->points.times.empty());
}

}  // namespace
}  // namespace ladder::analytics
