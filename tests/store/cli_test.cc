// End-to-end tests of `ladder ingest|import|dedup` (the built CLI).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "ladder/io.h"
#include "ladder/store.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::HaveShared;
using testing::MakeEvent;
using testing::ScratchDir;
using testing::SharedDir;

using testing::RunLadder;
using testing::RunResult;

// Writes `count` distinct events starting at number `first`.
void WriteEvents(const std::string& path, int first, int count,
                 const std::string& extra = "") {
  std::ofstream out(path);
  for (int i = first; i < first + count; ++i) {
    Event e = MakeEvent(
        "doc" + std::to_string(i) + "-s1-e1", "doc" + std::to_string(i),
        i % 2 ? "2023-09-08" : "2023-09-09", "USA", "PRK", "130");
    out << EventToJson(e) << "\n";
  }
  out << extra;
}

int64_t CountIn(const std::string& db) {
  StoreOptions options;
  options.read_only = true;
  auto store = Store::Open(db, options);
  if (!store.ok()) return -1;
  auto count = (*store)->Count();
  return count.ok() ? *count : -1;
}

TEST(IngestCliTest, SameFileTwiceKeepsCount) {
  ScratchDir dir;
  std::string events = dir.File("e.jsonl");
  WriteEvents(events, 0, 50);
  std::string db = dir.File("l.db");
  RunResult first = RunLadder("ingest --db '" + db + "' '" + events + "'");
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("ingested 50 events (50 new) into " + db),
            std::string::npos)
      << first.output;
  RunResult second = RunLadder("ingest --db '" + db + "' - < '" + events + "'");
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("ingested 50 events (0 new)"), std::string::npos)
      << second.output;
  EXPECT_EQ(CountIn(db), 50);
}

TEST(IngestCliTest, BadLinesReportedRestIngested) {
  ScratchDir dir;
  std::string events = dir.File("news.jsonl");
  Event bad_date =
      MakeEvent("d9-s1-e1", "d9", "2023-02-30", "USA", "PRK", "130");
  WriteEvents(
      events, 0, 3,
      "{not json\n{\"event_id\": \"x\"}\n" + EventToJson(bad_date) + "\n");
  std::string db = dir.File("l.db");
  RunResult r = RunLadder("ingest --db '" + db + "' '" + events + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(events + ":4: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(events + ":5: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(events + ":6: invalid date '2023-02-30'"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(CountIn(db), 3);
}

TEST(IngestCliTest, UsageAndMissingFile) {
  ScratchDir dir;
  EXPECT_EQ(RunLadder("ingest").exit_code, 2);
  RunResult help = RunLadder("ingest --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("JSONL"), std::string::npos);
  RunResult missing = RunLadder("ingest --db '" + dir.File("l.db") + "' '" +
                                dir.File("no.jsonl") + "'");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.output.find("no.jsonl"), std::string::npos);
  EXPECT_EQ(RunLadder("import gdelt3 x").exit_code, 2);
}

TEST(IngestCliTest, KilledIngestKeepsWholeBatchesAndResumes) {
  ScratchDir dir;
  const int kEvents = 200000, kBatch = 1000;
  std::string events = dir.File("big.jsonl");
  WriteEvents(events, 0, kEvents);
  std::string db = dir.File("kill.db");
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::freopen("/dev/null", "w", stderr);
    execl(LADDER_BINARY, LADDER_BINARY, "ingest", "--db", db.c_str(),
          "--batch-size", "1000", events.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Kill it once a few batches are in.
  int64_t seen = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (access(db.c_str(), F_OK) == 0) seen = CountIn(db);
    if (seen >= 5 * kBatch) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_GE(seen, 5 * kBatch) << "ingest made no progress";

  {
    auto store = Store::Open(db);
    ASSERT_TRUE(store.ok()) << store.status().message();
    EXPECT_TRUE((*store)->CheckIntegrity().ok());
    auto count = (*store)->Count();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count % kBatch, 0) << "a partial batch was committed";
    EXPECT_GE(*count, seen);
    if (WIFSIGNALED(status)) {
      EXPECT_LT(*count, kEvents);
    }
  }
  // Re-run to completion, with a second file repeating some events.
  std::string more = dir.File("more.jsonl");
  WriteEvents(more, kEvents - 500, 1000);
  RunResult rerun =
      RunLadder("ingest --db '" + db + "' '" + events + "' '" + more + "'");
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_EQ(CountIn(db), kEvents + 500);
}

TEST(ImportCliTest, ImportAndDedupRealGdelt) {
  if (!HaveShared("data/gdelt-events/gdelt2-15min")) {
    GTEST_SKIP() << "shared data folder " << SharedDir()
                 << "/data/gdelt-events absent; skipping";
  }
  ScratchDir dir;
  std::string db = dir.File("g.db");
  std::string file =
      SharedDir() + "/data/gdelt-events/gdelt2-15min/20150218230000.export.CSV";
  RunResult r = RunLadder("import gdelt2 --db '" + db + "' '" + file + "'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("imported 2271 events (2271 new, 0 bad lines)"),
            std::string::npos)
      << r.output;
  RunResult d = RunLadder("dedup --db '" + db + "' --window-days 2");
  EXPECT_EQ(d.exit_code, 0) << d.output;
  EXPECT_NE(d.output.find("2271 events in "), std::string::npos) << d.output;
  auto store = Store::Open(db);
  ASSERT_TRUE(store.ok());
  EventFilter clusters;
  clusters.unit = CountUnit::kClusters;
  int64_t n = *(*store)->Count(clusters);
  EXPECT_LT(n, 2271);
  EXPECT_GT(n, 0);
  EXPECT_EQ(*(*store)->CountMentions(clusters),
            *(*store)->CountMentions(EventFilter{}));
}

TEST(ImportCliTest, MalformedLineGivesExitThree) {
  ScratchDir dir;
  std::string bad = dir.Write("x.export.CSV", "1\t2\t3\n");
  RunResult r =
      RunLadder("import gdelt2 --db '" + dir.File("g.db") + "' '" + bad + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(bad + ":1: expected 61 tab-separated columns, got 3"),
            std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace ladder::store
