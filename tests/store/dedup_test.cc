#include <gtest/gtest.h>

#include "ladder/store.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::MakeEvent;
using testing::ScratchDir;

// Twelve reports of one abduction (ISIS militants abduct Iraqi civilians,
// CAMEO 181) from twelve documents across two days; actor codes vary the
// way coders vary (agent missing in some reports, dates a day apart).
std::vector<Event> AbductionReports() {
  std::vector<Event> events;
  for (int i = 0; i < 12; ++i) {
    std::string doc = "news" + std::to_string(i);
    std::string date =
        i < 5 ? "2023-03-01" : (i < 9 ? "2023-03-02" : "2023-03-03");
    std::string source_agent = i % 3 == 0 ? "" : "REB";
    std::string target_agent = i % 4 == 0 ? "" : "CVL";
    events.push_back(MakeEvent(doc + "-s1-e1", doc, date, "IRQ", "IRQ", "181",
                               source_agent, target_agent));
  }
  // Unrelated: the same dyad and code ten days later.
  events.push_back(MakeEvent("later-s1-e1", "later", "2023-03-13", "IRQ", "IRQ",
                             "181", "REB", "CVL"));
  // Unrelated: another dyad on the same day.
  events.push_back(MakeEvent("syr-s1-e1", "syr", "2023-03-01", "SYR", "SYR",
                             "181", "REB", "CVL"));
  // Unrelated: the same dyad, incompatible agents (police, not rebels).
  events.push_back(MakeEvent("cop-s1-e1", "cop", "2023-03-01", "IRQ", "IRQ",
                             "181", "COP", "CVL"));
  return events;
}

TEST(DedupTest, ReportsOfOneEventBecomeOneCluster) {
  ScratchDir dir;
  auto opened = Store::Open(dir.File("d.db"));
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  ASSERT_TRUE(store.Ingest(AbductionReports()).ok());
  auto stats = store.Deduplicate(DedupOptions{});
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->events, 15);
  EXPECT_EQ(stats->clusters, 4);  // abduction, later, syr, cop

  EventFilter clusters;
  clusters.unit = CountUnit::kClusters;
  EXPECT_EQ(*store.Count(clusters), 4);
  EXPECT_EQ(*store.Count(EventFilter{}), 15);
  EXPECT_EQ(*store.CountMentions(clusters), 15);

  auto rows = store.Query(clusters);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 4u);
  const StoredEvent* big = nullptr;
  for (const StoredEvent& e : *rows) {
    if (e.mentions > 1) big = &e;
  }
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->mentions, 12);
  EXPECT_EQ(big->cluster, big->id);
  auto sources = store.ClusterSources(big->cluster);
  ASSERT_TRUE(sources.ok());
  EXPECT_EQ(sources->size(), 12u);

  // Every report points at the cluster.
  EventFilter iraq;
  iraq.dyad_a = "IRQ";
  iraq.dyad_b = "IRQ";
  iraq.day_to = big->day + 2;
  int in_cluster = 0;
  ASSERT_TRUE(store
                  .ForEach(iraq,
                           [&](const StoredEvent& e) {
                             in_cluster += e.cluster == big->cluster;
                             return true;
                           })
                  .ok());
  EXPECT_EQ(in_cluster, 12);
}

TEST(DedupTest, FewerClustersThanExactMatching) {
  ScratchDir dir;
  auto opened = Store::Open(dir.File("d.db"));
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  ASSERT_TRUE(store.Ingest(AbductionReports()).ok());
  DedupOptions exact;
  exact.exact_match = true;
  auto gdelt_style = store.Deduplicate(exact);
  ASSERT_TRUE(gdelt_style.ok());
  auto ours = store.Deduplicate(DedupOptions{});
  ASSERT_TRUE(ours.ok());
  EXPECT_LT(ours->clusters, gdelt_style->clusters);
  EXPECT_GE(gdelt_style->clusters, 3 * 4);  // days x agent variants
}

TEST(DedupTest, WindowAndRootOptions) {
  ScratchDir dir;
  auto opened = Store::Open(dir.File("d.db"));
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  ASSERT_TRUE(store
                  .Ingest(std::vector<Event>{
                      MakeEvent("a", "d1", "2023-01-01", "USA", "CHN", "172"),
                      MakeEvent("b", "d2", "2023-01-04", "USA", "CHN", "172"),
                      MakeEvent("c", "d3", "2023-01-01", "USA", "CHN", "173")})
                  .ok());
  EXPECT_EQ(store.Deduplicate(DedupOptions{})->clusters, 3);
  DedupOptions wide;
  wide.window_days = 3;
  EXPECT_EQ(store.Deduplicate(wide)->clusters, 2);
  wide.match_root = true;
  EXPECT_EQ(store.Deduplicate(wide)->clusters, 1);
  DedupOptions bad;
  bad.window_days = -1;
  EXPECT_FALSE(store.Deduplicate(bad).ok());
}

TEST(DedupTest, EventsWithoutTargetStaySingletons) {
  ScratchDir dir;
  auto opened = Store::Open(dir.File("d.db"));
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  ASSERT_TRUE(store
                  .Ingest(std::vector<Event>{
                      MakeEvent("a", "d1", "2023-01-01", "PRK", "", "150"),
                      MakeEvent("b", "d2", "2023-01-01", "PRK", "", "150")})
                  .ok());
  auto stats = store.Deduplicate(DedupOptions{});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->clusters, 2);
}

TEST(DedupTest, RerunIsIdempotentAndSeesNewEvents) {
  ScratchDir dir;
  auto opened = Store::Open(dir.File("d.db"));
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  ASSERT_TRUE(store.Ingest(AbductionReports()).ok());
  EXPECT_EQ(store.Deduplicate(DedupOptions{})->clusters, 4);
  EXPECT_EQ(store.Deduplicate(DedupOptions{})->clusters, 4);
  ASSERT_TRUE(
      store
          .Ingest(std::vector<Event>{MakeEvent("new", "dnew", "2023-03-02",
                                               "IRQ", "IRQ", "181", "REB", "")})
          .ok());
  EventFilter clusters;
  clusters.unit = CountUnit::kClusters;
  EXPECT_EQ(*store.Count(clusters), 5);  // not yet clustered
  EXPECT_EQ(store.Deduplicate(DedupOptions{})->clusters, 4);
  EXPECT_EQ(*store.CountMentions(clusters), 16);
}

}  // namespace
}  // namespace ladder::store
