// Places in the store: event_locations, added to stores made before it.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "ladder/store.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::MakeEvent;
using testing::ScratchDir;

Event Located(const std::string& id, const std::string& country) {
  Event e = MakeEvent(id, "d-" + id, "2023-09-13", "PRK", "RUS", "190");
  Location loc;
  loc.text = "Vladivostok";
  loc.name = "Vladivostok";
  loc.country = country;
  loc.admin1 = "Primorskiy (Maritime) Kray";
  loc.has_coordinates = true;
  loc.lat = 43.10562;
  loc.lon = 131.87353;
  loc.geonames_id = 2013348;
  loc.precision = "city";
  e.location = loc;
  return e;
}

void Sql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST(LocationStoreTest, StoresPlacesAndFiltersByCountryOfAction) {
  ScratchDir dir;
  auto store = Store::Open(dir.File("s.db"));
  ASSERT_TRUE(store.ok()) << store.status().message();
  Event unlocated = MakeEvent("e3", "d3", "2023-09-14", "USA", "CHN", "190");
  ASSERT_TRUE((*store)->Ingest({Located("e1", "RUS"), Located("e2", "KOR"), unlocated}).ok());
  auto all = (*store)->Query({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].location_country, "RUS");
  EXPECT_EQ((*all)[2].location_country, "");
  EventFilter f;
  f.location_countries = {"RUS"};
  auto rus = (*store)->Query(f);
  ASSERT_TRUE(rus.ok());
  ASSERT_EQ(rus->size(), 1u);
  auto n = (*store)->Count(f);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
}

TEST(LocationStoreTest, AStoreMadeBeforePlacesGetsTheTableOnOpen) {
  ScratchDir dir;
  std::string path = dir.File("old.db");
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Ingest({MakeEvent("old1", "d", "2020-01-01", "USA", "IRN", "190")}).ok());
  }
  // As ladder wrote stores before event locations existed.
  Sql(path, "DROP TABLE event_locations");
  StoreOptions read_only;
  read_only.read_only = true;
  {
    auto store = Store::Open(path, read_only);
    ASSERT_TRUE(store.ok()) << store.status().message();
    auto all = (*store)->Query({});
    ASSERT_TRUE(all.ok()) << all.status().message();
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ((*all)[0].location_country, "");
  }
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->Ingest({Located("new1", "RUS")}).ok());
  EventFilter f;
  f.location_countries = {"RUS"};
  auto rus = (*store)->Query(f);
  ASSERT_TRUE(rus.ok()) << rus.status().message();
  ASSERT_EQ(rus->size(), 1u);
  auto all = (*store)->Query({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
}

}  // namespace
}  // namespace ladder::store
