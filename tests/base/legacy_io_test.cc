// Tests for src/base/legacy_io.cc: GDELT 2.0, PLOVER and Phoenix writers.
#include "ladder/legacy_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ladder {
namespace {

std::string SharedDir() {
#ifdef LADDER_SHARED_DIR
  return LADDER_SHARED_DIR;
#else
  return "";
#endif
}

// Splits on every tab, keeping empty fields.
std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == '\t') {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

Event SampleEvent() {
  Event e;
  e.event_id = "d17-s3-e1";
  e.doc_id = "d17";
  e.sentence = 3;
  e.date = "2023-09-08";
  e.source = Actor{"USAGOV", "USA", "GOV", "U.S. Vice-President\tKamala Harris"};
  e.target = Actor{"PRKGOV", "PRK", "GOV", "North Korea"};
  e.cameo = "1384";
  e.root = "13";
  e.quad_class = 3;
  e.goldstein = -7.0;
  e.plover_event = "THREATEN";
  e.plover_mode = "";
  e.modality = Modality::kFuture;
  e.attribution = "Seoul \"officials\"";
  e.verb = "warned";
  e.evidence_text = "Harris warned\nNorth Korea. Caf\xC3\xA9";
  e.evidence_begin = 1021;
  e.evidence_end = 1187;
  e.issues = {"NUCLEAR", "SANCTIONS", "NUCLEAR"};
  return e;
}

// GDELT 2.0 columns, 0-based (the codebook numbers them from 1).
enum GdeltCol {
  kId = 0, kSqlDate = 1, kMonthYear = 2, kYear = 3, kFraction = 4,
  kA1Code = 5, kA1Name = 6, kA1Country = 7, kA1Type1 = 12,
  kA2Code = 15, kA2Name = 16, kA2Country = 17, kA2Type1 = 22,
  kIsRoot = 25, kEventCode = 26, kBaseCode = 27, kRootCode = 28,
  kQuad = 29, kGoldstein = 30, kMentions = 31, kTone = 34,
  kA1GeoType = 35, kActionGeoType = 51, kDateAdded = 59, kUrl = 60,
};

TEST(Gdelt2Test, RowHasSixtyOneColumns) {
  EXPECT_EQ(SplitTabs(EventToGdelt2(SampleEvent())).size(), 61u);
  Event bare;  // no actors, no date, nothing
  EXPECT_EQ(SplitTabs(EventToGdelt2(bare)).size(), 61u);
  EXPECT_EQ(kGdelt2Columns, 61);
}

TEST(Gdelt2Test, KeyFieldsRoundTrip) {
  const Event e = SampleEvent();
  const std::string row = EventToGdelt2(e);
  EXPECT_EQ(row.find('\n'), std::string::npos);
  auto f = SplitTabs(row);
  ASSERT_EQ(f.size(), 61u);
  EXPECT_EQ(f[kId], std::to_string(Gdelt2EventId(e.event_id)));
  EXPECT_EQ(f[kSqlDate], "20230908");
  EXPECT_EQ(f[kMonthYear], "202309");
  EXPECT_EQ(f[kYear], "2023");
  // GDELT: 2023 + ((9 - 1) * 30 + 8) / 365 = 2023.6795.
  EXPECT_EQ(f[kFraction], "2023.6795");
  EXPECT_EQ(f[kA1Code], "USAGOV");
  EXPECT_EQ(f[kA1Name], "U.S. VICE-PRESIDENT KAMALA HARRIS");  // tab -> space
  EXPECT_EQ(f[kA1Country], "USA");
  EXPECT_EQ(f[kA1Type1], "GOV");
  EXPECT_EQ(f[kA2Code], "PRKGOV");
  EXPECT_EQ(f[kA2Name], "NORTH KOREA");
  EXPECT_EQ(f[kA2Country], "PRK");
  EXPECT_EQ(f[kA2Type1], "GOV");
  EXPECT_EQ(f[kIsRoot], "1");
  EXPECT_EQ(f[kEventCode], "1384");
  EXPECT_EQ(f[kBaseCode], "138");
  EXPECT_EQ(f[kRootCode], "13");
  EXPECT_EQ(f[kQuad], "3");
  EXPECT_EQ(f[kGoldstein], "-7.0");
  EXPECT_EQ(f[kMentions], "1");
  EXPECT_EQ(f[kTone], "0");
  EXPECT_EQ(f[kA1GeoType], "0");
  EXPECT_EQ(f[kActionGeoType], "0");
  EXPECT_EQ(f[kDateAdded], "20230908000000");
  EXPECT_EQ(f[kUrl], "");
}

TEST(Gdelt2Test, MissingTargetLeavesActor2Empty) {
  Event e = SampleEvent();
  e.target.reset();
  auto f = SplitTabs(EventToGdelt2(e));
  ASSERT_EQ(f.size(), 61u);
  for (int i = kA2Code; i < kA2Code + 10; ++i) EXPECT_EQ(f[i], "") << i;
  EXPECT_EQ(f[kA1Code], "USAGOV");
}

TEST(Gdelt2Test, GlobalEventIdIsStableAndDistinct) {
  const int64_t a = Gdelt2EventId("d17-s3-e1");
  EXPECT_GT(a, 0);
  EXPECT_EQ(a, Gdelt2EventId("d17-s3-e1"));
  EXPECT_NE(a, Gdelt2EventId("d17-s3-e2"));
  EXPECT_NE(a, Gdelt2EventId("d18-s3-e1"));
  EXPECT_GT(Gdelt2EventId(""), 0);
  // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c; the top bit is cleared.
  EXPECT_EQ(Gdelt2EventId("a"), static_cast<int64_t>(0x2f63dc4c8601ec8cULL));
  Event e = SampleEvent();
  EXPECT_EQ(SplitTabs(EventToGdelt2(e))[kId],
            SplitTabs(EventToGdelt2(e))[kId]);
}

TEST(Gdelt2Test, ReducedPrecisionDates) {
  Event e = SampleEvent();
  e.date = "2019-09";
  auto f = SplitTabs(EventToGdelt2(e));
  EXPECT_EQ(f[kSqlDate], "20190900");
  EXPECT_EQ(f[kMonthYear], "201909");
  EXPECT_EQ(f[kYear], "2019");
  EXPECT_EQ(f[kFraction], "2019.6575");  // (8 * 30 + 0) / 365
  EXPECT_EQ(f[kDateAdded], "20190901000000");
  e.date = "2019";
  f = SplitTabs(EventToGdelt2(e));
  EXPECT_EQ(f[kSqlDate], "20190000");
  EXPECT_EQ(f[kMonthYear], "201900");
  EXPECT_EQ(f[kYear], "2019");
  EXPECT_EQ(f[kFraction], "2019.0000");
  EXPECT_EQ(f[kDateAdded], "20190101000000");
  for (const char* bad : {"", "2019-13", "2019-02-30", "19-09-01", "soon"}) {
    e.date = bad;
    f = SplitTabs(EventToGdelt2(e));
    ASSERT_EQ(f.size(), 61u) << bad;
    EXPECT_EQ(f[kSqlDate], "") << bad;
    EXPECT_EQ(f[kFraction], "") << bad;
    EXPECT_EQ(f[kDateAdded], "") << bad;
  }
}

// The real thing: GDELT's own rows have 61 columns, and our date columns and
// unknown-location convention match what GDELT writes.
TEST(Gdelt2Test, MatchesRealGdeltRows) {
  const std::filesystem::path dir =
      std::filesystem::path(SharedDir()) / "data/gdelt-events/gdelt2-15min";
  const auto path = dir / "20191024143000.export.CSV";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "shared GDELT data not found at " << path;
  }
  std::ifstream in(path, std::ios::binary);
  std::string line;
  int rows = 0, checked_geo = 0;
  while (std::getline(in, line) && rows < 200) {
    ++rows;
    auto real = SplitTabs(line);
    ASSERT_EQ(real.size(), 61u) << "row " << rows;
    const std::string& sql = real[kSqlDate];
    ASSERT_EQ(sql.size(), 8u);
    Event e = SampleEvent();
    e.date = sql.substr(0, 4) + "-" + sql.substr(4, 2) + "-" + sql.substr(6, 2);
    auto ours = SplitTabs(EventToGdelt2(e));
    ASSERT_EQ(ours.size(), real.size());
    EXPECT_EQ(ours[kSqlDate], real[kSqlDate]);
    EXPECT_EQ(ours[kMonthYear], real[kMonthYear]);
    EXPECT_EQ(ours[kYear], real[kYear]);
    EXPECT_EQ(ours[kFraction], real[kFraction]) << sql;
    EXPECT_EQ(ours[kDateAdded].size(), real[kDateAdded].size());
    if (real[kA1GeoType] == "0") {
      ++checked_geo;
      for (int i = kA1GeoType; i < kA1GeoType + 8; ++i) {
        EXPECT_EQ(ours[i], real[i]) << "column " << i + 1;
      }
    }
  }
  EXPECT_GT(rows, 0);
  EXPECT_GT(checked_geo, 0);
}

TEST(PloverTest, ValidJsonWithExpectedFields) {
  const Event e = SampleEvent();
  const std::string line = EventToPlover(e);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto j = nlohmann::json::parse(line, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << line;
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["id"], "d17-s3-e1");
  EXPECT_EQ(j["date"], "2023-09-08");
  EXPECT_EQ(j["event_type"], "THREATEN");
  EXPECT_EQ(j["event"], nlohmann::json::array({"THREATEN"}));
  EXPECT_EQ(j["mode"], "");
  EXPECT_TRUE(j["context"].is_array());
  EXPECT_TRUE(j["context"].empty());
  EXPECT_EQ(j["actor1"], "U.S. Vice-President\tKamala Harris");
  EXPECT_EQ(j["actor1_code"], "USAGOV");
  EXPECT_EQ(j["actor2"], "North Korea");
  EXPECT_EQ(j["actor2_code"], "PRKGOV");
  EXPECT_EQ(j["cameo"], "1384");
  EXPECT_DOUBLE_EQ(j["goldstein"].get<double>(), -7.0);
  EXPECT_EQ(j["quad_code"], 3);
  EXPECT_EQ(j["modality"], "future");
  EXPECT_EQ(j["attribution"], "Seoul \"officials\"");
  EXPECT_EQ(j["text"], e.evidence_text);
  EXPECT_EQ(j["text_info"]["sequence"], 3);
  EXPECT_EQ(j["text_info"]["start"], 1021);
  EXPECT_EQ(j["text_info"]["end"], 1187);
  ASSERT_EQ(j["actor"].size(), 1u);
  EXPECT_EQ(j["actor"][0]["code"], "USA");
  EXPECT_EQ(j["actor"][0]["sector"], "GOV");
  EXPECT_EQ(j["actor"][0]["actor_code"], "USAGOV");
  ASSERT_EQ(j["recipient"].size(), 1u);
  EXPECT_EQ(j["recipient"][0]["code"], "PRK");
  EXPECT_EQ(j["event_text"], nlohmann::json::array({"warned"}));
}

TEST(PloverTest, NullsAndEmptyActors) {
  Event e = SampleEvent();
  e.target.reset();
  e.attribution.reset();
  e.plover_mode = "sideAB";
  auto j = nlohmann::json::parse(EventToPlover(e), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_TRUE(j["attribution"].is_null());
  EXPECT_TRUE(j["recipient"].is_array());
  EXPECT_TRUE(j["recipient"].empty());
  EXPECT_EQ(j["actor2"], "");
  EXPECT_EQ(j["actor2_code"], "");
  EXPECT_EQ(j["mode"], "sideAB");
  auto bare = nlohmann::json::parse(EventToPlover(Event()), nullptr, false);
  ASSERT_FALSE(bare.is_discarded());
  EXPECT_TRUE(bare["event"].empty());
}

TEST(PhoenixTest, RowMatchesHeader) {
  const std::vector<std::string> header = SplitTabs(PhoenixHeader());
  ASSERT_EQ(header.size(), 26u);
  EXPECT_EQ(header.front(), "EventID");
  EXPECT_EQ(header.back(), "NewsSources");
  const Event e = SampleEvent();
  auto f = SplitTabs(EventToPhoenix(e));
  ASSERT_EQ(f.size(), header.size());
  auto col = [&](const std::string& name) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return f[i];
    }
    ADD_FAILURE() << "no column " << name;
    return std::string();
  };
  EXPECT_EQ(col("EventID"), "d17-s3-e1");
  EXPECT_EQ(col("Date"), "20230908");
  EXPECT_EQ(col("Year"), "2023");
  EXPECT_EQ(col("Month"), "09");
  EXPECT_EQ(col("Day"), "08");
  EXPECT_EQ(col("SourceActorFull"), "USAGOV");
  EXPECT_EQ(col("SourceActorEntity"), "USA");
  EXPECT_EQ(col("SourceActorRole"), "GOV");
  EXPECT_EQ(col("TargetActorFull"), "PRKGOV");
  EXPECT_EQ(col("EventCode"), "1384");
  EXPECT_EQ(col("EventRootCode"), "13");
  EXPECT_EQ(col("QuadClass"), "3");
  EXPECT_EQ(col("GoldsteinScore"), "-7.0");
  EXPECT_EQ(col("Issues"), "NUCLEAR,2;SANCTIONS,1");
  EXPECT_EQ(col("SentenceID"), "d17-3");
  EXPECT_EQ(col("Lat"), "");

  Event bare;
  bare.date = "2019-09";
  f = SplitTabs(EventToPhoenix(bare));
  ASSERT_EQ(f.size(), header.size());
  EXPECT_EQ(f[1], "20190900");
  EXPECT_EQ(f[4], "00");
}

}  // namespace
}  // namespace ladder
