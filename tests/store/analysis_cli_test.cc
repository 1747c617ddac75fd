// Mistyped country codes are errors naming the code, lists are trimmed, and
// GDELT region codes are not countries (issue 14, item 7).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "ladder/io.h"
#include "ladder/store.h"
#include "store/importers.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::MakeEvent;
using testing::ScratchDir;

using CliResult = testing::RunResult;

CliResult Ladder(const std::string& args) { return testing::RunLadder(args); }

class AnalysisCliTest : public ::testing::Test {
protected:
  void SetUp() override {
    db_ = dir_.File("t.db");
    auto store = Store::Open(db_);
    ASSERT_TRUE(store.ok());
    std::vector<Event> events;
    for (int i = 0; i < 12; ++i) {
      std::string day = "2023-09-" + std::string(i + 1 < 10 ? "0" : "") +
                        std::to_string(i + 1);
      events.push_back(
          MakeEvent("e" + std::to_string(i), "d", day, "RUS", "PRK", "190"));
    }
    ASSERT_TRUE((*store)->Ingest(events).ok());
  }
  ScratchDir dir_;
  std::string db_;
};

TEST_F(AnalysisCliTest, UnknownCountryIsAnErrorNamingIt) {
  CliResult dyad = Ladder("dyad XYZ RUS --db '" + db_ + "'");
  EXPECT_EQ(dyad.exit_code, 2) << dyad.output;
  EXPECT_NE(dyad.output.find("unknown country code 'XYZ'"), std::string::npos)
      << dyad.output;
  CliResult report = Ladder("report --countries XYZ,QQQ --db '" + db_ +
                            "' -o '" + dir_.File("r.html") + "'");
  EXPECT_EQ(report.exit_code, 2) << report.output;
  EXPECT_NE(report.output.find("'XYZ'"), std::string::npos) << report.output;
  CliResult alerts = Ladder("alerts --dyad RUS-QQQ --db '" + db_ + "'");
  EXPECT_EQ(alerts.exit_code, 2) << alerts.output;
  EXPECT_NE(alerts.output.find("'QQQ'"), std::string::npos) << alerts.output;
  // A real country without events is no error, but said.
  CliResult fiji = Ladder("dyad RUS FJI --db '" + db_ + "'");
  EXPECT_EQ(fiji.exit_code, 0) << fiji.output;
  EXPECT_NE(fiji.output.find("no events of FJI"), std::string::npos)
      << fiji.output;
  // A region is not a country.
  CliResult europe = Ladder("dyad RUS EUR --db '" + db_ + "'");
  EXPECT_EQ(europe.exit_code, 2) << europe.output;
  EXPECT_NE(europe.output.find("region"), std::string::npos) << europe.output;
}

TEST_F(AnalysisCliTest, ListsAreTrimmed) {
  std::string html = dir_.File("r.html");
  CliResult r = Ladder("report --no-escalation --countries 'rus, PRK' --db '" +
                       db_ + "' -o '" + html + "'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::ifstream in(html);
  std::string page((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  EXPECT_NE(page.find("RUS"), std::string::npos);
  EXPECT_NE(page.find("PRK"), std::string::npos);
  EXPECT_EQ(page.find("  PRK"), std::string::npos)
      << "an untrimmed code reached the report";
  CliResult dyad =
      Ladder("dyad ' rus' 'prk ' --db '" + db_ + "' --format json");
  EXPECT_EQ(dyad.exit_code, 0) << dyad.output;
  EXPECT_NE(dyad.output.find("\"a\": \"RUS\""), std::string::npos)
      << dyad.output;
}

TEST(RegionCodeTest, GdeltRegionsAreNotCountries) {
  EXPECT_TRUE(IsRegionCode("EUR"));
  EXPECT_TRUE(IsRegionCode("AFR"));
  EXPECT_TRUE(IsRegionCode("WST"));
  EXPECT_FALSE(IsRegionCode("RUS"));
  EXPECT_FALSE(IsRegionCode("IGO"));
  std::string country, agent;
  SplitActorCode("EURGOV", &country, &agent);
  EXPECT_EQ(country, "");
}

} // namespace
} // namespace ladder::store
