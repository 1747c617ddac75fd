#include "ladder/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "base/date.h"
#include "store/sqlite_util.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::MakeEvent;
using testing::ScratchDir;

int Day(const char* iso) {
  int d = 0;
  EXPECT_TRUE(base::ParseIsoDate(iso, &d));
  return d;
}

std::vector<Event> SampleEvents() {
  return {MakeEvent("d1-s1-e1", "d1", "2023-09-08", "USA", "PRK", "130"),
          MakeEvent("d1-s2-e1", "d1", "2023-09-09", "PRK", "USA", "138"),
          MakeEvent("d2-s1-e1", "d2", "2023-09-10", "RUS", "UKR", "190"),
          MakeEvent("d2-s2-e1", "d2", "2023-09-12", "RUS", "PRK", "040")};
}

std::string QueryString(sqlite3* db, const std::string& sql, int column = 0) {
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, column);
    out = text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_finalize(stmt);
  return out;
}

TEST(StoreTest, CreatesSchemaWithVersionAndWal) {
  ScratchDir dir;
  auto store = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  sqlite3* db = StoreAccess::Db(**store);
  EXPECT_EQ(
      QueryString(db, "SELECT value FROM meta WHERE key='schema_version'"),
      std::to_string(kSchemaVersion));
  EXPECT_EQ(QueryString(db, "PRAGMA journal_mode"), "wal");
  for (const char* index : {"events_day", "events_dyad", "events_root"}) {
    EXPECT_EQ(QueryString(db, std::string("SELECT name FROM sqlite_master "
                                          "WHERE type='index' AND name='") +
                                  index + "'"),
              index);
  }
  // The dyad index serves a dyad query.
  std::string plan = QueryString(
      db,
      "EXPLAIN QUERY PLAN SELECT id FROM events WHERE source_country='USA' "
      "AND target_country='PRK' AND day > 3",
      3);  // the plan's "detail" column
  EXPECT_NE(plan.find("events_dyad"), std::string::npos) << plan;
  EXPECT_TRUE((*store)->CheckIntegrity().ok());
}

TEST(StoreTest, ReopensExistingStore) {
  ScratchDir dir;
  {
    auto store = Store::Open(dir.File("s.db"));
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Ingest(SampleEvents()).ok());
  }
  auto again = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*(*again)->Count(), 4);
}

TEST(StoreTest, RejectsFileThatIsNotAStore) {
  ScratchDir dir;
  std::string path = dir.Write("junk.db", std::string(4096, 'x'));
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("junk.db"), std::string::npos)
      << store.status().message();
}

TEST(StoreTest, RejectsOtherSchemaVersion) {
  ScratchDir dir;
  {
    auto store = Store::Open(dir.File("s.db"));
    ASSERT_TRUE(store.ok());
    sqlite3_exec(StoreAccess::Db(**store), "UPDATE meta SET value='99' WHERE key='schema_version'",
                 nullptr, nullptr, nullptr);
  }
  auto store = Store::Open(dir.File("s.db"));
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("version 99"), std::string::npos);
}

TEST(StoreTest, IngestIsIdempotent) {
  ScratchDir dir;
  auto store = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(store.ok());
  auto first = (*store)->Ingest(SampleEvents());
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->seen, 4);
  EXPECT_EQ(first->inserted, 4);
  auto second = (*store)->Ingest(SampleEvents());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->inserted, 0);
  EXPECT_EQ(*(*store)->Count(), 4);
  EXPECT_EQ(QueryString(StoreAccess::Db(**store), "SELECT count(*) FROM documents"), "2");
  EXPECT_EQ(QueryString(StoreAccess::Db(**store), "SELECT count(*) FROM mentions"), "4");
}

TEST(StoreTest, BadDateRejectsWholeCall) {
  ScratchDir dir;
  auto store = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(store.ok());
  std::vector<Event> events = SampleEvents();
  events[2].date = "2023-02-30";
  auto result = (*store)->Ingest(events);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("d2-s1-e1"), std::string::npos);
  EXPECT_EQ(*(*store)->Count(), 0);
}

TEST(StoreTest, QueryFilters) {
  ScratchDir dir;
  auto opened = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  std::vector<Event> events = SampleEvents();
  events[1].modality = Modality::kFuture;
  ASSERT_TRUE(store.Ingest(events).ok());

  EventFilter dyad;
  dyad.dyad_a = "USA";
  dyad.dyad_b = "PRK";
  auto both = store.Query(dyad);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[0].day, Day("2023-09-08"));
  EXPECT_EQ((*both)[0].source_country, "USA");
  EXPECT_EQ((*both)[0].cameo, "130");
  EXPECT_EQ((*both)[0].root, "13");
  EXPECT_EQ((*both)[0].origin, "ladder");
  EXPECT_EQ((*both)[0].cluster, (*both)[0].id);
  dyad.dyad_both_directions = false;
  EXPECT_EQ(*store.Count(dyad), 1);
  dyad.dyad_both_directions = true;
  dyad.asserted_only = true;
  EXPECT_EQ(*store.Count(dyad), 1);

  EventFilter days;
  days.day_from = Day("2023-09-09");
  days.day_to = Day("2023-09-10");
  EXPECT_EQ(*store.Count(days), 2);

  EventFilter countries;
  countries.countries = {"PRK"};
  EXPECT_EQ(*store.Count(countries), 3);
  countries.source_countries = {"RUS"};
  EXPECT_EQ(*store.Count(countries), 1);

  EventFilter roots;
  roots.roots = {"13", "19"};
  EXPECT_EQ(*store.Count(roots), 3);
  roots.origins = {"gdelt2"};
  EXPECT_EQ(*store.Count(roots), 0);
  EXPECT_EQ(*store.CountMentions(EventFilter{}), 4);

  EventFilter limited;
  limited.limit = 3;
  int seen = 0;
  ASSERT_TRUE(store
                  .ForEach(limited,
                           [&seen](const StoredEvent&) {
                             return ++seen < 2;  // stop after two
                           })
                  .ok());
  EXPECT_EQ(seen, 2);
  EXPECT_EQ(*store.Count(limited), 3);
}

TEST(StoreTest, BatchRollbackLeavesNothing) {
  ScratchDir dir;
  auto store = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Begin().ok());
  ASSERT_TRUE((*store)->Ingest(SampleEvents()).ok());
  EXPECT_EQ(*(*store)->Count(), 4);  // visible inside the transaction
  ASSERT_TRUE((*store)->Rollback().ok());
  EXPECT_EQ(*(*store)->Count(), 0);
  EXPECT_FALSE((*store)->Commit().ok());  // no transaction open
}

TEST(StoreTest, ReaderSeesCommittedStateWhileWriterWrites) {
  ScratchDir dir;
  std::string path = dir.File("s.db");
  auto writer = Store::Open(path);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Ingest(SampleEvents()).ok());
  StoreOptions read_only;
  read_only.read_only = true;
  read_only.busy_timeout_ms = 100;
  auto reader = Store::Open(path, read_only);
  ASSERT_TRUE(reader.ok()) << reader.status().message();

  // The writer holds an open write transaction with uncommitted rows.
  ASSERT_TRUE((*writer)->Begin().ok());
  std::vector<Event> more;
  for (int i = 0; i < 100; ++i) {
    more.push_back(MakeEvent("w" + std::to_string(i), "dw", "2023-10-01", "CHN",
                             "TWN", "150"));
  }
  ASSERT_TRUE((*writer)->Ingest(more).ok());
  // The reader is not blocked and sees only the committed state.
  auto during = (*reader)->Count();
  ASSERT_TRUE(during.ok()) << during.status().message();
  EXPECT_EQ(*during, 4);
  auto rows = (*reader)->Query(EventFilter{});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 4u);
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(*(*reader)->Count(), 104);
}

TEST(StoreTest, SecondWriterWaitsInsteadOfFailing) {
  ScratchDir dir;
  std::string path = dir.File("s.db");
  auto a = Store::Open(path);
  auto b = Store::Open(path);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->Ingest(SampleEvents()).ok());
  auto more =
      (*b)->Ingest({MakeEvent("x", "dx", "2023-01-01", "FRA", "DEU", "040")});
  ASSERT_TRUE(more.ok()) << more.status().message();
  EXPECT_EQ(*(*a)->Count(), 5);
}

}  // namespace
}  // namespace ladder::store
