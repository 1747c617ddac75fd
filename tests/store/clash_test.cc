// An event_id stored with one content and given again with another is a
// clash: reported, never a silent skip (issue 14, item 1). And a writing
// command that fails leaves no store behind; reading commands say why a
// --db is not a store (items 8 and 9).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ladder/io.h"
#include "ladder/store.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::MakeEvent;
using testing::ScratchDir;

using CliResult = testing::RunResult;

CliResult Ladder(const std::string& args) { return testing::RunLadder(args); }

TEST(ClashTest, SameIdSameContentIsSkippedOtherContentIsAClash) {
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok());
  Event first =
      MakeEvent("article-s1-e1", "article", "2023-09-08", "RUS", "UKR", "111");
  auto a = (*store)->Ingest(std::vector<Event>{first});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->inserted, 1);
  auto again = (*store)->Ingest(std::vector<Event>{first});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->clashes, 0);

  Event other = first;
  other.cameo = "051";
  other.evidence_text = "Russia praised Ukraine.";
  auto clash = (*store)->Ingest(std::vector<Event>{other});
  ASSERT_TRUE(clash.ok());
  EXPECT_EQ(clash->inserted, 0);
  EXPECT_EQ(clash->clashes, 1);
  ASSERT_EQ(clash->clash_messages.size(), 1u);
  EXPECT_NE(clash->clash_messages[0].find("article-s1-e1"), std::string::npos);
  EXPECT_NE(clash->clash_messages[0].find("cameo '111' stored, '051' given"),
            std::string::npos)
      << clash->clash_messages[0];
  // The stored event is the first one.
  auto rows = (*store)->Query(EventFilter{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].cameo, "111");
}

TEST(ClashTest, IngestCliReportsTheClashAndExitsThree) {
  ScratchDir dir;
  Event first =
      MakeEvent("stdin-s1-e1", "stdin", "2023-09-08", "RUS", "UKR", "111");
  Event second = first;
  second.cameo = "190";
  std::string f1 = dir.Write("one.jsonl", EventToJson(first) + "\n");
  std::string f2 = dir.Write("two.jsonl", EventToJson(second) + "\n");
  std::string db = dir.File("t.db");
  CliResult one = Ladder("ingest --db '" + db + "' '" + f1 + "'");
  EXPECT_EQ(one.exit_code, 0) << one.output;
  CliResult two = Ladder("ingest --db '" + db + "' '" + f2 + "'");
  EXPECT_EQ(two.exit_code, 3) << two.output;
  EXPECT_NE(two.output.find(
                "event 'stdin-s1-e1' is already stored with different content"),
            std::string::npos)
      << two.output;
  EXPECT_NE(two.output.find("1 NOT stored"), std::string::npos) << two.output;
}

TEST(NoTraceTest, FailedIngestCreatesNoStore) {
  ScratchDir dir;
  std::string db = dir.File("ladder.db");
  CliResult r =
      Ladder("ingest --db '" + db + "' '" + dir.File("missing.jsonl") + "'");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(
      r.output.find("missing.jsonl: cannot open: No such file or directory"),
      std::string::npos)
      << r.output;
  EXPECT_FALSE(std::filesystem::exists(db));
  // Nothing but bad lines: nothing to write, no store either.
  std::string bad = dir.Write("bad.jsonl", "not json\n");
  EXPECT_EQ(Ladder("ingest --db '" + db + "' '" + bad + "'").exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(db));
  // import of a file with no good line leaves no new store.
  std::string gdelt = dir.Write("x.export.CSV", "1\t2\t3\n");
  EXPECT_EQ(Ladder("import gdelt2 --db '" + db + "' '" + gdelt + "'").exit_code,
            3);
  EXPECT_FALSE(std::filesystem::exists(db));
  CliResult missing =
      Ladder("import gdelt2 --db '" + db + "' '" + dir.File("no.CSV") + "'");
  EXPECT_EQ(missing.exit_code, 1) << missing.output;
  EXPECT_FALSE(std::filesystem::exists(db));
  EXPECT_EQ(Ladder("dedup --db '" + db + "'").exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(NoTraceTest, AnalysesSayWhyThereIsNothing) {
  ScratchDir dir;
  // An empty store (created by the API, no events).
  std::string empty = dir.File("empty.db");
  ASSERT_TRUE(Store::Open(empty).ok());
  for (const std::string &cmd : {std::string("dyad RUS UKR"),
                                 std::string("network"), std::string("alerts"),
                                 std::string("report --countries RUS,UKR -o '" +
                                             dir.File("r.html") + "'")}) {
    CliResult r = Ladder(cmd + " --db '" + empty + "'");
    EXPECT_EQ(r.exit_code, 1) << cmd << ": " << r.output;
    EXPECT_NE(r.output.find("holds no events"), std::string::npos)
        << cmd << ": " << r.output;
  }
  // A 0-byte file and a folder as --db.
  std::string zero = dir.Write("zero.db", "");
  CliResult z = Ladder("dyad RUS UKR --db '" + zero + "'");
  EXPECT_EQ(z.exit_code, 1);
  EXPECT_NE(z.output.find("empty file (0 bytes), not a ladder store"),
            std::string::npos)
      << z.output;
  std::filesystem::create_directories(dir.File("folder.db"));
  CliResult d = Ladder("dyad RUS UKR --db '" + dir.File("folder.db") + "'");
  EXPECT_EQ(d.exit_code, 1);
  EXPECT_NE(d.output.find("is a directory"), std::string::npos) << d.output;
  CliResult w =
      Ladder("ingest --db '" + dir.File("folder.db") + "' '" + zero + "'");
  EXPECT_EQ(w.exit_code, 1);
  EXPECT_NE(w.output.find("is a directory"), std::string::npos) << w.output;
  EXPECT_EQ(w.output.find("disk I/O"), std::string::npos) << w.output;
}

TEST(NoTraceTest, IngestOfDocumentsSuggestsCode) {
  ScratchDir dir;
  std::string docs =
      dir.Write("news.jsonl", "{\"id\": \"d1\", \"date\": \"2023-09-08\", "
                              "\"text\": \"Russia condemned Ukraine.\"}\n");
  CliResult r = Ladder("ingest --db '" + dir.File("t.db") + "' '" + docs + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("ladder ingest --code"), std::string::npos)
      << r.output;
  // A text file too.
  std::string text = dir.Write("article.txt", "Russia condemned Ukraine.\nMoscow warned Kyiv.\n");
  CliResult t = Ladder("ingest --db '" + dir.File("t.db") + "' '" + text + "'");
  EXPECT_EQ(t.exit_code, 3) << t.output;
  EXPECT_NE(t.output.find("no line is JSON"), std::string::npos) << t.output;
  EXPECT_NE(t.output.find("ladder ingest --code"), std::string::npos) << t.output;
}

} // namespace
} // namespace ladder::store
