// ICEWS event names map to CAMEO codes through ladder's own table
// (data/import/icews_cameo.txt), without --cameo-dir; a name the table does
// not hold is a bad line naming it (issue 14, item 3).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "base/date.h"
#include "ladder/store.h"
#include "store/importers.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::HaveShared;
using testing::ScratchDir;
using testing::SharedDir;

struct Errors {
  std::vector<std::string> lines;
  ImportOptions Options() {
    ImportOptions o;
    o.on_error = [this](const Status &s) { lines.push_back(s.message()); };
    return o;
  }
};

// One event per relation name, all on 2018-01-02.
std::string WriteIcews(const ScratchDir &dir,
                       const std::vector<std::string> &relations) {
  dir.Write("entity2id.txt", "Russia\t0\nUkraine\t1\n");
  std::string table, events;
  for (size_t i = 0; i < relations.size(); ++i) {
    table += relations[i] + "\t" + std::to_string(i) + "\n";
    events += "0\t" + std::to_string(i) + "\t1\t24\t0\n";
  }
  dir.Write("relation2id.txt", table);
  return dir.Write("test.txt", events);
}

TEST(IcewsTableTest, LaddersTableMapsNamesWithoutCameoDir) {
  ScratchDir dir;
  std::vector<std::string> names = {
      "Make a visit", "Praise or endorse", "Threaten with military force",
      "Demand mediation", "Use conventional military force"};
  std::string path = WriteIcews(dir, names);
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok());
  Errors errors;
  auto stats =
      Import(store->get(), ImportFormat::kIcews18, path, errors.Options());
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->bad_lines, 0)
      << (errors.lines.empty() ? "" : errors.lines[0]);
  auto rows = (*store)->Query(EventFilter{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), names.size());
  // CAMEO codebook: 042 make a visit, 051 praise or endorse, 138 threaten
  // with military force, 108 demand mediation (GDELT's table numbers root
  // 10 differently), 190 use conventional military force.
  const char *want[] = {"042", "051", "138", "108", "190"};
  const int quad[] = {1, 1, 3, 3, 4};
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ((*rows)[i].cameo, want[i]) << names[i];
    EXPECT_EQ((*rows)[i].quad_class, quad[i]) << names[i];
  }
  // Goldstein values from ladder's code table, not only the root's.
  EXPECT_DOUBLE_EQ((*rows)[0].goldstein, 1.9);
}

TEST(IcewsTableTest, AnUnmappedNameIsABadLineNamingIt) {
  ScratchDir dir;
  std::string path =
      WriteIcews(dir, {"Make a visit", "Frobnicate the neighbours"});
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok());
  Errors errors;
  auto stats =
      Import(store->get(), ImportFormat::kIcews18, path, errors.Options());
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->events, 1);
  EXPECT_EQ(stats->bad_lines, 1);
  ASSERT_EQ(errors.lines.size(), 1u);
  EXPECT_NE(errors.lines[0].find(
                "test.txt:2: event name 'Frobnicate the neighbours'"),
            std::string::npos)
      << errors.lines[0];
  // Another table can be given.
  std::string table =
      dir.Write("names.txt", "Frobnicate the neighbours\t190\n");
  ImportOptions options = errors.Options();
  options.icews_names_path = table;
  auto other = Store::Open(":memory:");
  auto with_table = Import(other->get(), ImportFormat::kIcews18, path, options);
  ASSERT_TRUE(with_table.ok());
  EXPECT_EQ(with_table->events, 1); // now "Make a visit" is the unmapped one
  EXPECT_EQ(with_table->bad_lines, 1);
}

TEST(IcewsTableTest, EveryIcews18NameIsMapped) {
  if (!HaveShared("data/gdelt-events/icews18")) {
    GTEST_SKIP() << "shared data folder " << SharedDir()
                 << "/data/gdelt-events/icews18 absent; skipping";
  }
  ScratchDir dir;
  auto store = Store::Open(dir.File("i.db"));
  ASSERT_TRUE(store.ok());
  std::string path = SharedDir() + "/data/gdelt-events/icews18/test.txt";
  Errors errors;
  auto stats =
      Import(store->get(), ImportFormat::kIcews18, path, errors.Options());
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->bad_lines, 0)
      << (errors.lines.empty() ? "" : errors.lines[0]);
  EXPECT_EQ(stats->inserted, 49545);
  EventFilter no_quad;
  int64_t zero_quad = 0;
  ASSERT_TRUE((*store)
                  ->ForEach(no_quad,
                            [&](const StoredEvent &e) {
                              zero_quad += e.quad_class == 0 || e.cameo.empty();
                              return true;
                            })
                  .ok());
  EXPECT_EQ(zero_quad, 0);
}

} // namespace
} // namespace ladder::store
