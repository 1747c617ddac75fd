#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ladder/analytics.h"

namespace ladder::analytics {
namespace {

store::StoredEvent Ev(int day, const std::string& s, const std::string& t, int quad) {
  store::StoredEvent e;
  e.day = day;
  e.source_country = s;
  e.target_country = t;
  e.quad_class = quad;
  e.goldstein = quad <= 2 ? 3.0 : -5.0;
  e.modality = "asserted";
  return e;
}

// Bloc A = {RUS, PRK, IRN, BLR}, bloc B = {USA, KOR, UKR, JPN}: cooperation
// inside each bloc, conflict between, with some noise of the other sign.
std::vector<store::StoredEvent> TwoBlocs() {
  const std::vector<std::string> a = {"RUS", "PRK", "IRN", "BLR"};
  const std::vector<std::string> b = {"USA", "KOR", "UKR", "JPN"};
  std::vector<store::StoredEvent> events;
  int day = 0;
  auto add = [&](const std::string& s, const std::string& t, int coop, int conf) {
    for (int i = 0; i < coop; ++i) events.push_back(Ev(day++ % 100, s, t, 1 + i % 2));
    for (int i = 0; i < conf; ++i) events.push_back(Ev(day++ % 100, t, s, 3 + i % 2));
  };
  for (const auto* bloc : {&a, &b}) {
    for (size_t i = 0; i < bloc->size(); ++i) {
      for (size_t j = i + 1; j < bloc->size(); ++j) add((*bloc)[i], (*bloc)[j], 10, 2);
    }
  }
  for (const auto& x : a) {
    for (const auto& y : b) add(x, y, 3, 8);
  }
  return events;
}

TEST(SignedBlocsTest, RecoversTwoBlocs) {
  auto events = TwoBlocs();
  for (bool centered : {false, true}) {
    NetworkOptions options;
    options.centered = centered;
    auto net = BuildNetwork(events, options);
    ASSERT_TRUE(net.ok());
    ASSERT_EQ(net->nodes.size(), 8u);
    EXPECT_EQ(net->num_blocs, 2);
    std::map<std::string, int> bloc;
    for (size_t i = 0; i < net->nodes.size(); ++i) bloc[net->nodes[i]] = net->bloc[i];
    for (const char* c : {"PRK", "IRN", "BLR"}) EXPECT_EQ(bloc[c], bloc["RUS"]) << c;
    for (const char* c : {"KOR", "UKR", "JPN"}) EXPECT_EQ(bloc[c], bloc["USA"]) << c;
    EXPECT_NE(bloc["RUS"], bloc["USA"]);
    EXPECT_GT(net->objective, 0);
  }
}

TEST(SignedBlocsTest, EdgesCarryCooperationMinusConflict) {
  auto net = BuildNetwork(TwoBlocs(), NetworkOptions{});
  ASSERT_TRUE(net.ok());
  ASSERT_EQ(net->edges.size(), 28u);
  for (const auto& e : net->edges) {
    EXPECT_LT(e.a, e.b);
    EXPECT_EQ(e.weight, e.cooperation - e.conflict);
    EXPECT_EQ(e.events, 12 + (e.weight < 0 ? -1 : 0));  // 10+2 inside, 3+8 between
  }
}

TEST(SignedBlocsTest, PureGraphAndBadEdges) {
  // Triangle of friends {0,1,2}, pair {3,4}, enemies between; a bad edge.
  std::vector<SignedEdge> edges = {{0, 1, 2}, {1, 2, 2}, {0, 2, 1}, {3, 4, 3},
                                   {0, 3, -2}, {2, 4, -1}, {1, 4, -2}, {7, 1, 5}};
  double objective = 0;
  auto bloc = FindSignedBlocs(5, edges, 4, 1, &objective);
  ASSERT_EQ(bloc.size(), 5u);
  EXPECT_EQ(bloc, (std::vector<int>{0, 0, 0, 1, 1}));
  EXPECT_DOUBLE_EQ(objective, 8 + 5);  // inside 8, between -5
  EXPECT_TRUE(FindSignedBlocs(0, {}, 2, 1, nullptr).empty());
}

TEST(NetworkChangesTest, ConvergingAndDivergingPairs) {
  std::vector<store::StoredEvent> events;
  for (int d = 0; d < 100; ++d) {
    // RUS-PRK: conflict early, cooperation late (converging).
    events.push_back(Ev(d, "RUS", "PRK", d < 50 ? 4 : 1));
    // KOR-RUS: cooperation early, conflict late (diverging).
    events.push_back(Ev(d, "KOR", "RUS", d < 50 ? 2 : 3));
    // USA-KOR: steady cooperation.
    events.push_back(Ev(d, "USA", "KOR", 1));
  }
  NetworkOptions options;
  options.day_from = 0;
  options.day_to = 99;
  auto net = BuildNetwork(events, options);
  ASSERT_TRUE(net.ok());
  ASSERT_EQ(net->converging.size(), 1u);
  EXPECT_EQ(net->converging[0].a, "PRK");
  EXPECT_EQ(net->converging[0].b, "RUS");
  EXPECT_DOUBLE_EQ(net->converging[0].change, 2.0);
  EXPECT_DOUBLE_EQ(net->converging[0].weight_first, -50);
  ASSERT_EQ(net->diverging.size(), 1u);
  EXPECT_EQ(net->diverging[0].a, "KOR");
  EXPECT_EQ(net->diverging[0].b, "RUS");
  EXPECT_DOUBLE_EQ(net->diverging[0].change, -2.0);
}

TEST(NetworkTest, MinEventsAndEmpty) {
  std::vector<store::StoredEvent> events = {Ev(1, "RUS", "PRK", 1), Ev(2, "RUS", "PRK", 1),
                                            Ev(3, "USA", "IRN", 4), Ev(3, "USA", "USA", 4),
                                            Ev(3, "", "IRN", 4)};
  NetworkOptions options;
  options.min_events = 2;
  auto net = BuildNetwork(events, options);
  ASSERT_TRUE(net.ok());
  EXPECT_EQ(net->nodes, (std::vector<std::string>{"PRK", "RUS"}));
  ASSERT_EQ(net->edges.size(), 1u);
  auto empty = BuildNetwork({}, NetworkOptions{});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->nodes.empty());
  options.day_from = 10;
  options.day_to = 5;
  EXPECT_FALSE(BuildNetwork(events, options).ok());
}

}  // namespace
}  // namespace ladder::analytics
