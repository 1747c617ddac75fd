#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ladder/analytics.h"
#include "ladder/store.h"

namespace ladder::analytics {
namespace {

Event MakeEvent(int n, int day, const std::string& src, const std::string& tgt,
                int quad) {
  Event e;
  e.event_id = "r" + std::to_string(n);
  e.doc_id = "doc";
  e.date = FormatDay(day);
  e.source = Actor{src + "GOV", src, "GOV", src};
  e.target = Actor{tgt + "GOV", tgt, "GOV", tgt};
  static const char* kCameo[] = {"", "040", "070", "130", "190"};
  e.cameo = kCameo[quad];
  e.root = e.cameo.substr(0, 2);
  e.quad_class = quad;
  e.goldstein = quad <= 2 ? 4.0 : -6.0;
  return e;
}

// 30 weeks: RUS-PRK cooperate, RUS-UKR fight (with a spike in the last
// week), USA-UKR cooperate, USA-RUS quarrel.
std::unique_ptr<store::Store> MakeStore(int first_day) {
  auto store = store::Store::Open(":memory:");
  if (!store.ok()) return nullptr;
  std::vector<Event> events;
  int n = 0;
  for (int w = 0; w < 30; ++w) {
    int day = first_day + 7 * w;
    for (int i = 0; i < 3; ++i) events.push_back(MakeEvent(n++, day + i, "RUS", "PRK", 1 + i % 2));
    int fights = w == 29 ? 25 : 2 + w % 2;
    for (int i = 0; i < fights; ++i) events.push_back(MakeEvent(n++, day + i % 5, "RUS", "UKR", 4));
    events.push_back(MakeEvent(n++, day + 1, "USA", "UKR", 2));
    events.push_back(MakeEvent(n++, day + 6, "UKR", "USA", 1));  // Sunday: full weeks
    events.push_back(MakeEvent(n++, day + 3, "USA", "RUS", 3));
  }
  if (!(*store)->Ingest(events).ok()) return nullptr;
  return std::move(store).value();
}

bool Contains(const std::string& s, const std::string& what) {
  return s.find(what) != std::string::npos;
}

TEST(ReportTest, SelfContainedHtmlWithChartsAndAlerts) {
  const int first = ParseDay("2023-01-02").value();  // a Monday
  auto store = MakeStore(first);
  ASSERT_NE(store, nullptr);
  ReportOptions options;
  options.countries = {"RUS", "PRK", "UKR", "USA"};
  options.title = "Test <report>";
  auto data = BuildReportData(*store, options);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_EQ(data->dyads.size(), 6u);
  EXPECT_EQ(data->day_from, first);
  bool spike = false;
  for (const Alert& a : data->alerts) {
    if (a.fired()) {
      EXPECT_EQ(a.a + a.b, "RUSUKR");
      spike |= a.series == "material_conflict" && a.value == 25;
    }
  }
  EXPECT_TRUE(spike);
  EscalationSummary esc;
  esc.dimensions = {"RUS->UKR conflict", "UKR->RUS conflict"};
  esc.mu = {0.5, 0.25};
  esc.branching_ratio = 0.62;
  esc.top_alpha = {{"RUS->UKR conflict", "UKR->RUS conflict", 0.41}};
  data->escalation = esc;
  std::string html = RenderReportHtml(*data);
  EXPECT_TRUE(Contains(html, "<!DOCTYPE html>"));
  EXPECT_TRUE(Contains(html, "<svg"));
  EXPECT_FALSE(Contains(html, "http://"));
  EXPECT_FALSE(Contains(html, "https://"));
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, "<link"));
  EXPECT_FALSE(Contains(html, "<img"));
  EXPECT_FALSE(Contains(html, "<report>"));  // escaped
  EXPECT_TRUE(Contains(html, "Test &lt;report&gt;"));
  for (const char* c : {"RUS", "PRK", "UKR", "USA"}) EXPECT_TRUE(Contains(html, c)) << c;
  EXPECT_TRUE(Contains(html, "RUS &ndash; UKR"));
  EXPECT_TRUE(Contains(html, "alignment network"));
  EXPECT_TRUE(Contains(html, "class=\"fired\""));
  EXPECT_TRUE(Contains(html, "0.620"));  // branching ratio
  EXPECT_TRUE(Contains(html, "polyline"));
  EXPECT_FALSE(Contains(html, "raised the rate"));  // no pairs fitted
}

TEST(ReportTest, EscalationSaysItInWordsWithWarnings) {
  EscalationSummary::PairExcitation pair;
  pair.a = "RUS";
  pair.b = "UKR";
  pair.branching_ratio = 0.2;  // raises the rate by 0.2 / 0.8 = 25%
  pair.lower = 0.1;
  pair.upper = 0.5;            // 11% .. 100%
  pair.p_value = 0.01;
  pair.significant = true;
  pair.events = 300;
  pair.method = "parametric bootstrap, 199 replicates";
  EXPECT_EQ(ExcitationSentence(pair),
            "Conflict between RUS and UKR raised the rate of further conflict by 25% (95% CI "
            "11%-100%; branching ratio 0.20, 300 events), significant against a model with no "
            "excitation (p = 0.01, parametric bootstrap, 199 replicates).");
  pair.significant = false;
  pair.p_value = 0.4;
  EXPECT_NE(ExcitationSentence(pair).find("not significant"), std::string::npos);
  ReportData data;
  data.options.countries = {"RUS", "UKR"};
  EscalationSummary esc;
  esc.pairs = {pair};
  esc.warnings = {"branching ratio 0.95 >= 0.9: <do this>"};
  data.escalation = esc;
  const std::string html = RenderReportHtml(data);
  EXPECT_TRUE(Contains(html, "Conflict between RUS and UKR raised the rate"));
  EXPECT_TRUE(Contains(html, "class=\"warn\">Warning: branching ratio 0.95 &gt;= 0.9: &lt;do"));
}

TEST(ReportTest, NetworkAmongCountriesAndErrors) {
  auto store = MakeStore(ParseDay("2023-01-02").value());
  ASSERT_NE(store, nullptr);
  ReportOptions options;
  options.countries = {"RUS", "PRK", "UKR", "USA"};
  auto data = BuildReportData(*store, options);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->network.nodes.size(), 4u);
  std::map<std::string, int> bloc;
  for (size_t i = 0; i < data->network.nodes.size(); ++i) {
    bloc[data->network.nodes[i]] = data->network.bloc[i];
  }
  EXPECT_EQ(bloc["RUS"], bloc["PRK"]);
  EXPECT_EQ(bloc["USA"], bloc["UKR"]);
  EXPECT_NE(bloc["RUS"], bloc["USA"]);
  options.countries = {"RUS"};
  EXPECT_FALSE(BuildReportData(*store, options).ok());
  options.countries = {"RUS", "RUS"};
  EXPECT_FALSE(BuildReportData(*store, options).ok());
  // No events at all: a report that says so, not an error.
  auto empty = store::Store::Open(":memory:");
  ASSERT_TRUE(empty.ok());
  options.countries = {"IRN", "KOR"};
  auto nothing = BuildReportData(**empty, options);
  ASSERT_TRUE(nothing.ok());
  std::string html = RenderReportHtml(*nothing);
  EXPECT_TRUE(Contains(html, "No events"));
  EXPECT_FALSE(Contains(html, "http"));
}

// The CLI end to end: ingest JSONL, then dyad/network/alerts/report.
TEST(AnalyticsCliTest, DyadNetworkAlertsReport) {
  const std::string binary = LADDER_BINARY;
  if (!std::filesystem::exists(binary)) GTEST_SKIP() << "no ladder binary at " << binary;
  auto dir = std::filesystem::temp_directory_path() /
             ("ladder_analytics_cli_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "t.db").string();
  {
    auto store = store::Store::Open(db);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto src = MakeStore(ParseDay("2023-01-02").value());
    ASSERT_NE(src, nullptr);
    auto events = src->Query({});
    ASSERT_TRUE(events.ok());
    std::vector<Event> copy;
    for (const auto& e : *events) {
      copy.push_back(MakeEvent(static_cast<int>(e.id), e.day, e.source_country,
                               e.target_country, e.quad_class));
    }
    ASSERT_TRUE((*store)->Ingest(copy).ok());
  }
  auto run = [&](const std::string& args, std::string* out) {
    std::string file = (dir / "out.txt").string();
    int rc = std::system((binary + " " + args + " > " + file + " 2>/dev/null").c_str());
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return rc;
  };
  std::string out;
  ASSERT_EQ(run("dyad RUS UKR --db " + db + " --by week", &out), 0);
  EXPECT_TRUE(Contains(out, "period_start,RUS_UKR_q1"));
  EXPECT_TRUE(Contains(out, "\n2023-01-02,0,0,0,2,2,-12,-6,"));
  ASSERT_EQ(run("dyad RUS-UKR --db " + db + " --format json --changepoints", &out), 0);
  EXPECT_TRUE(Contains(out, "\"changepoints\""));
  ASSERT_EQ(run("network --db " + db + " --format csv", &out), 0);
  EXPECT_TRUE(Contains(out, "PRK,RUS,"));
  ASSERT_EQ(run("alerts --db " + db + " --dyad RUS-UKR", &out), 0);
  EXPECT_TRUE(Contains(out, "RUS-UKR material_conflict: 25"));
  const std::string html_path = (dir / "r.html").string();
  ASSERT_EQ(run("report --db " + db + " --countries RUS,PRK,UKR,USA -o " + html_path, &out), 0);
  std::ifstream html_in(html_path);
  std::stringstream html;
  html << html_in.rdbuf();
  EXPECT_TRUE(Contains(html.str(), "<svg"));
  EXPECT_FALSE(Contains(html.str(), "https://"));
  EXPECT_NE(run("dyad RUS --db " + db, &out), 0);
  EXPECT_NE(run("dyad RUS PRK --db " + (dir / "missing.db").string(), &out), 0);
  EXPECT_NE(run("dyad RUS PRK --db " + db + " --from 2023-02-30", &out), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ladder::analytics
