#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/date.h"
#include "ladder/store.h"
#include "store/importers.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::HaveShared;
using testing::ScratchDir;
using testing::SharedDir;

// A GDELT 2.0 row: 61 tab-separated columns with the given values.
std::string GdeltRow(const std::string& id, const std::string& date,
                     const std::string& a1, const std::string& a1_country,
                     const std::string& a2, const std::string& a2_country,
                     const std::string& code, const std::string& url,
                     int columns = 61) {
  std::vector<std::string> f(columns);
  f[0] = id;
  f[1] = date;
  f[5] = a1;
  f[6] = a1.empty() ? "" : "NAME " + a1;
  f[7] = a1_country;
  f[15] = a2;
  f[16] = a2.empty() ? "" : "NAME " + a2;
  f[17] = a2_country;
  if (code.size() >= 2) {
    f[26] = code;
    f[27] = code.substr(0, 3);
    f[28] = code.substr(0, 2);
  }
  f[29] = "4";
  f[30] = "-10.0";
  f[31] = "6";
  f[columns - 1] = url;
  std::string line;
  for (int i = 0; i < columns; ++i) line += (i ? "\t" : "") + f[i];
  return line + "\n";
}

struct Collected {
  std::vector<std::string> errors;
  ImportOptions Options() {
    ImportOptions o;
    o.on_error = [this](const Status& s) { errors.push_back(s.message()); };
    return o;
  }
};

size_t CountLines(const std::string& path) {
  std::ifstream in(path);
  size_t n = 0;
  std::string line;
  while (std::getline(in, line)) n += !line.empty();
  return n;
}

TEST(GdeltImportTest, GoodAndMalformedLines) {
  ScratchDir dir;
  std::string path =
      dir.Write("20150218230000.export.CSV",
                GdeltRow("410412347", "20150218", "RUSMIL", "RUS", "UKR", "UKR",
                         "190", "http://a.example/1") +
                    "410412348\t20150218\ttoo few columns\n" +
                    GdeltRow("410412349", "20151318", "USA", "USA", "", "",
                             "010", "http://a.example/2") +
                    GdeltRow("410412350", "20150217", "USA", "USA", "IRN",
                             "IRN", "X1", "http://a.example/3") +
                    GdeltRow("410412351", "20150217", "USAGOV", "USA", "", "",
                             "043", "http://a.example/4"));
  auto store = Store::Open(dir.File("g.db"));
  ASSERT_TRUE(store.ok());
  Collected c;
  auto stats = Import(store->get(), ImportFormat::kGdelt2, path, c.Options());
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->lines, 5);
  EXPECT_EQ(stats->events, 2);
  EXPECT_EQ(stats->inserted, 2);
  EXPECT_EQ(stats->bad_lines, 3);
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors[0], path + ":2: expected 61 tab-separated columns, got 3");
  EXPECT_NE(c.errors[1].find(":3: SQLDATE '20151318'"), std::string::npos);
  EXPECT_NE(c.errors[2].find(":4: EventCode 'X1'"), std::string::npos);

  auto rows = (*store)->Query(EventFilter{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  const StoredEvent& e = (*rows)[1];  // ordered by day: 20150217 first
  EXPECT_EQ(e.source_country, "RUS");
  EXPECT_EQ(e.target_country, "UKR");
  EXPECT_EQ(e.cameo, "190");
  EXPECT_EQ(e.quad_class, 4);
  EXPECT_DOUBLE_EQ(e.goldstein, -10.0);
  EXPECT_EQ(e.mentions, 6);
  EXPECT_EQ(e.origin, "gdelt2");
  EXPECT_EQ((*rows)[0].target_country, "");

  // Importing again adds nothing.
  auto again = Import(store->get(), ImportFormat::kGdelt2, path, c.Options());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(*(*store)->Count(), 2);
}

TEST(GdeltImportTest, Gdelt1AcceptsBothWidths) {
  ScratchDir dir;
  std::string path = dir.Write(
      "20130401.export.CSV",
      GdeltRow("1", "20130401", "USA", "USA", "CHN", "CHN", "042",
               "http://b.example/1", 58) +
          GdeltRow("2", "19790101", "USA", "USA", "SUN", "SUN", "042", "", 57) +
          GdeltRow("3", "20130401", "USA", "USA", "CHN", "CHN", "042",
                   "http://b.example/3", 61));
  auto store = Store::Open(dir.File("g.db"));
  ASSERT_TRUE(store.ok());
  Collected c;
  auto stats = Import(store->get(), ImportFormat::kGdelt1, path, c.Options());
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->events, 2);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].find(":3: expected 57 or 58"), std::string::npos);
}

TEST(GdeltImportTest, MissingFileIsAnError) {
  ScratchDir dir;
  auto store = Store::Open(dir.File("g.db"));
  ASSERT_TRUE(store.ok());
  auto stats =
      Import(store->get(), ImportFormat::kGdelt2, dir.File("absent.CSV"));
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("absent.CSV"), std::string::npos);
}

TEST(GdeltImportTest, RealGdelt2Files) {
  if (!HaveShared("data/gdelt-events/gdelt2-15min")) {
    GTEST_SKIP() << "shared data folder " << SharedDir()
                 << "/data/gdelt-events absent; skipping real-file import";
  }
  ScratchDir dir;
  auto store = Store::Open(dir.File("g.db"));
  ASSERT_TRUE(store.ok());
  std::string base = SharedDir() + "/data/gdelt-events/gdelt2-15min/";
  int64_t total = 0;
  for (const char* name :
       {"20150218230000.export.CSV", "20180326044500.export.CSV",
        "20191024143000.export.CSV"}) {
    Collected c;
    auto stats =
        Import(store->get(), ImportFormat::kGdelt2, base + name, c.Options());
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    EXPECT_EQ(stats->events + stats->bad_lines,
              static_cast<int64_t>(CountLines(base + name)));
    EXPECT_EQ(stats->bad_lines, 0) << (c.errors.empty() ? "" : c.errors[0]);
    total += stats->inserted;
  }
  EXPECT_EQ(total, 5922);
  EXPECT_EQ(*(*store)->Count(), 5922);
  EventFilter material_conflict;
  material_conflict.roots = {"14", "15", "16", "17", "18", "19", "20"};
  auto quad4 = (*store)->Query(material_conflict);
  ASSERT_TRUE(quad4.ok());
  int64_t q4 = 0;
  for (const StoredEvent& e : *quad4) q4 += e.quad_class == 4;
  EXPECT_EQ(q4, 396 + 228 + 337);  // PROVENANCE.md QuadClass counts
  EventFilter ru_ua;
  ru_ua.dyad_a = "RUS";
  ru_ua.dyad_b = "UKR";
  EXPECT_GE(*(*store)->Count(ru_ua), 7);
}

// ICEWS18 in miniature: names beside the quadruples.
std::string WriteMiniIcews(const ScratchDir& dir) {
  dir.Write("entity2id.txt",
            "North Korea\t0\nUnited States\t1\nPolice (Afghanistan)\t2\n"
            "Barack Obama\t3\nCitizen (India)\t4\n");
  dir.Write("relation2id.txt",
            "Make statement\t0\nThreaten\t1\nUse conventional military "
            "force\t2\nArrest, detain, or charge with legal action\t3\n");
  dir.Write("stat.txt", "5\t4\t0");
  return dir.Write("test.txt",
                   "0\t1\t1\t5760\t0\n"
                   "1 \t0\t0\t5760\t0\n"
                   "2\t3\t4\t5784\t0\n"
                   "2\t3\t4\t5784\t0\n"  // a repeated report stays
                   "3\t2\t0\t7272\n"
                   "9\t0\t0\t5760\t0\n"  // unknown subject
                   "0\tx\t1\t5760\t0\n"  // not an integer
                   "0\t1\n");            // too few fields
}

TEST(IcewsImportTest, SmallFileWithNames) {
  ScratchDir dir;
  std::string path = WriteMiniIcews(dir);
  auto store = Store::Open(dir.File("i.db"));
  ASSERT_TRUE(store.ok());
  Collected c;
  auto stats = Import(store->get(), ImportFormat::kIcews18, path, c.Options());
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->events, 5);
  EXPECT_EQ(stats->bad_lines, 3);
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_NE(c.errors[0].find("test.txt:6: subject id 9"), std::string::npos);
  EXPECT_NE(c.errors[1].find(":7: field 2 'x'"), std::string::npos);
  EXPECT_NE(c.errors[2].find(":8: expected 4 or 5"), std::string::npos);

  auto rows = (*store)->Query(EventFilter{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 5u);
  const StoredEvent& threat = (*rows)[0];
  EXPECT_EQ(threat.source_country, "PRK");
  EXPECT_EQ(threat.target_country, "USA");
  EXPECT_EQ(threat.root, "13");
  EXPECT_EQ(threat.quad_class, 3);
  EXPECT_EQ(base::FormatIsoDate(threat.day), "2018-08-29");
  const StoredEvent& arrest = (*rows)[2];
  EXPECT_EQ(base::FormatIsoDate(arrest.day), "2018-08-30");
  EXPECT_EQ(arrest.source_code, "AFGCOP");
  EXPECT_EQ(arrest.target_code, "INDCVL");
  EXPECT_EQ(arrest.root, "17");
  EXPECT_EQ(base::FormatIsoDate((*rows)[4].day), "2018-10-31");
  EXPECT_EQ((*rows)[4].source_country, "");  // a person: no country

  auto again = Import(store->get(), ImportFormat::kIcews18, path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0);
}

TEST(IcewsImportTest, MissingNameTablesIsAnError) {
  ScratchDir dir;
  std::string path = dir.Write("test.txt", "0\t1\t1\t5760\t0\n");
  auto store = Store::Open(dir.File("i.db"));
  ASSERT_TRUE(store.ok());
  auto stats = Import(store->get(), ImportFormat::kIcews18, path);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("entity2id.txt"), std::string::npos);
}

TEST(IcewsImportTest, StatMismatchIsAnError) {
  ScratchDir dir;
  std::string path = WriteMiniIcews(dir);
  dir.Write("stat.txt", "23033\t256\t0");
  auto store = Store::Open(dir.File("i.db"));
  ASSERT_TRUE(store.ok());
  auto stats = Import(store->get(), ImportFormat::kIcews18, path);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("stat.txt:1: says 23033"),
            std::string::npos)
      << stats.status().message();
}

TEST(IcewsImportTest, RealTestSplit) {
  if (!HaveShared("data/gdelt-events/icews18")) {
    GTEST_SKIP() << "shared data folder " << SharedDir()
                 << "/data/gdelt-events/icews18 absent; skipping";
  }
  ScratchDir dir;
  auto store = Store::Open(dir.File("i.db"));
  ASSERT_TRUE(store.ok());
  std::string path = SharedDir() + "/data/gdelt-events/icews18/test.txt";
  Collected c;
  ImportOptions options = c.Options();
  options.cameo_dir = SharedDir() + "/data/cameo/gdelt-lookups";
  auto stats = Import(store->get(), ImportFormat::kIcews18, path, options);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->bad_lines, 0);
  EXPECT_EQ(stats->events, static_cast<int64_t>(CountLines(path)));
  EXPECT_EQ(stats->inserted, 49545);
  int day = 0;
  ASSERT_TRUE(base::ParseIsoDate("2018-09-28", &day));
  EventFilter before;
  before.day_to = day - 1;
  EXPECT_EQ(*(*store)->Count(before), 0);  // test split starts 2018-09-28
  EventFilter korea;
  korea.dyad_a = "PRK";
  korea.dyad_b = "USA";
  EXPECT_GT(*(*store)->Count(korea), 0);
  EventFilter unknown_code;
  unknown_code.roots = {""};
  EXPECT_EQ(*(*store)->Count(unknown_code), 0);
}

TEST(CameoTablesTest, GoldsteinValues) {
  CameoTables builtin;  // no files: root values
  EXPECT_DOUBLE_EQ(builtin.Goldstein("190"), -10.0);
  // Without --cameo-dir: ladder's data/codes.txt (042 make a visit 1.9,
  // not root 04's 1.0).
  CameoTables own = CameoTables::Load(ImportOptions{});
  EXPECT_DOUBLE_EQ(own.Goldstein("042"), 1.9);
  if (!HaveShared("data/cameo/gdelt-lookups")) {
    GTEST_SKIP() << "shared CAMEO tables absent";
  }
  ImportOptions options;
  options.cameo_dir = SharedDir() + "/data/cameo/gdelt-lookups";
  CameoTables tables = CameoTables::Load(options);
  EXPECT_DOUBLE_EQ(tables.Goldstein("173"), -5.0);
}

TEST(IcewsEntityTest, MapsNamesToCountriesAndAgents) {
  CountryNames names = CountryNames::Load("/nonexistent.json");  // aliases only
  std::string country, agent, code;
  MapIcewsEntity(names, "Police (Russia)", &country, &agent, &code);
  EXPECT_EQ(code, "RUSCOP");
  MapIcewsEntity(names, "North Korea", &country, &agent, &code);
  EXPECT_EQ(country, "PRK");
  EXPECT_EQ(agent, "");
  MapIcewsEntity(names, "Somebody Unknown", &country, &agent, &code);
  EXPECT_EQ(code, "");
  CountryNames iso = CountryNames::Load(ImportOptions().iso_codes_path);
  MapIcewsEntity(iso, "Citizen (India)", &country, &agent, &code);
  if (iso.Lookup("India").empty()) {
    GTEST_SKIP() << "iso-codes JSON not installed";
  }
  EXPECT_EQ(code, "INDCVL");
  EXPECT_EQ(iso.Lookup("Afghanistan"), "AFG");
}

TEST(PhoenixImportTest, PetrarchOedaAndHeaderLayouts) {
  ScratchDir dir;
  std::string petrarch = dir.Write(
      "petrarch.txt",
      "20150101\tUSAGOV\tRUSGOV\t042\tid1\thttp://c.example/1\n"
      "20150102\tRUSMIL\tUKRMIL\t190\n"
      "2015010\tUSA\tRUS\t042\n"                                    // bad date
      "20150103\tUSA\tRUS\tabc\n"                                   // bad code
      "20150101\tUSAGOV\tRUSGOV\t042\tid1\thttp://c.example/1\n");  // repeat
  std::string oeda = dir.Write(
      "phoenix.tsv",
      "2144\t20170101\t2017\t1\t1\tSYRMIL\tSYR\tMIL\t\tSYRREB\tSYR\tREB\t\t"
      "190\t19\t4\t-10.0\t\t0\t0\t\t\tSYR\ts1\thttp://d.example/1\tsrc\n");
  std::string with_header = dir.Write(
      "ladder.tsv",
      "event_id\tdate\tsource\ttarget\tcameo\troot\tquad_class\tgoldstein\t"
      "modality\nd1-s1-e1\t2023-09-08\tUSAGOV\tPRKGOV\t130\t13\t3\t-4.4\t"
      "future\n");
  auto store = Store::Open(dir.File("p.db"));
  ASSERT_TRUE(store.ok());
  Collected c;
  auto a = Import(store->get(), ImportFormat::kPhoenix, petrarch, c.Options());
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->events, 3);
  EXPECT_EQ(a->bad_lines, 2);
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_NE(c.errors[0].find("petrarch.txt:3: date '2015010'"),
            std::string::npos);
  auto b = Import(store->get(), ImportFormat::kPhoenix, oeda, c.Options());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->events, 1);
  auto h = Import(store->get(), ImportFormat::kPhoenix, with_header);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->events, 1);
  EXPECT_EQ(h->lines, 2);

  auto rows = (*store)->Query(EventFilter{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 5u);
  EXPECT_EQ((*rows)[0].source_country, "USA");
  EXPECT_EQ((*rows)[0].quad_class, 1);
  EXPECT_EQ((*rows)[3].target_code, "SYRREB");
  EXPECT_DOUBLE_EQ((*rows)[3].goldstein, -10.0);
  EXPECT_EQ((*rows)[4].modality, "future");
  EXPECT_EQ((*rows)[4].target_country, "PRK");
  // Re-import: nothing new, the repeated line included.
  auto again = Import(store->get(), ImportFormat::kPhoenix, petrarch);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0);
}

TEST(ImportFormatTest, Names) {
  EXPECT_EQ(*ParseImportFormat("icews18"), ImportFormat::kIcews18);
  EXPECT_FALSE(ParseImportFormat("icews").ok());
}

}  // namespace
}  // namespace ladder::store
