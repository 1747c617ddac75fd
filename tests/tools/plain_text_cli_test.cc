// End-to-end tests of how `ladder code` names and dates plain-text documents
// and how it reports many bad records (issue 14, items 1, 2 and 9).
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.h"

namespace {

using ladder::testing::CliFixture;
using ladder::testing::CliRun;
using ladder::testing::Quote;

std::vector<std::string> Lines(const std::string &s) {
  std::vector<std::string> lines;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line))
    lines.push_back(line);
  return lines;
}

// The value of "key": "..." in the first line of `jsonl` that has it.
std::string Field(const std::string &jsonl, const std::string &key) {
  std::string pattern = "\"" + key + "\": \"";
  size_t at = jsonl.find(pattern);
  if (at == std::string::npos)
    return "";
  at += pattern.size();
  return jsonl.substr(at, jsonl.find('"', at) - at);
}

class PlainTextCliTest : public CliFixture {
protected:
  std::string WriteIn(const std::string &folder, const std::string &name,
                      const std::string &text) {
    std::filesystem::create_directories(dir_ + "/" + folder);
    return Write(folder + "/" + name, text);
  }
};

TEST_F(PlainTextCliTest, TwoArticlesWithOneNameGetDifferentIds) {
  std::string first =
      WriteIn("a", "article.txt", "Russia condemned Ukraine.\n");
  std::string second = WriteIn("b", "article.txt", "Russia praised Ukraine.\n");
  CliRun one = Ladder("code -q --date 2023-09-08 " + Quote(first));
  CliRun two = Ladder("code -q --date 2023-09-08 " + Quote(second));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  std::string id1 = Field(one.out, "doc_id"), id2 = Field(two.out, "doc_id");
  EXPECT_EQ(id1.rfind("article-", 0), 0u) << id1;
  EXPECT_EQ(id2.rfind("article-", 0), 0u) << id2;
  EXPECT_NE(id1, id2);
  EXPECT_NE(Field(one.out, "event_id"), Field(two.out, "event_id"));
  // The same text gets the same id again (re-runs stay idempotent).
  CliRun again = Ladder("code -q --date 2023-09-08 " + Quote(first));
  EXPECT_EQ(Field(again.out, "doc_id"), id1);
}

TEST_F(PlainTextCliTest, BothArticlesSurviveIngest) {
  // The user's story: two articles with one file name, coded and stored in
  // turn, must give two stored events, not "(0 new)".
  std::string first =
      WriteIn("a", "article.txt", "Russia condemned Ukraine.\n");
  std::string second = WriteIn("b", "article.txt", "Russia praised Ukraine.\n");
  std::string db = dir_ + "/t.db";
  for (const std::string &input : {first, second}) {
    std::string events = dir_ + "/events.jsonl";
    ASSERT_EQ(
        Ladder("code -q --date 2023-09-08 " + Quote(input), events).exit_code,
        0);
    CliRun r = Ladder("ingest --db " + Quote(db) + " " + Quote(events));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("(1 new)"), std::string::npos) << r.err;
  }
}

TEST_F(PlainTextCliTest, IdOption) {
  std::string path = Write("article.txt", "Russia condemned Ukraine.\n");
  CliRun r = Ladder("code -q --date 2023-09-08 --id kim-putin " + Quote(path));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Field(r.out, "doc_id"), "kim-putin");
  EXPECT_EQ(Field(r.out, "event_id"), "kim-putin-s1-e1");
  CliRun two = Ladder("code -q --date 2023-09-08 --id x " + Quote(path) + " " +
                      Quote(path));
  EXPECT_EQ(two.exit_code, 2) << two.err;
}

TEST_F(PlainTextCliTest, PlainTextWithoutDateIsAUsageError) {
  std::string path = Write("article.txt", "Kim Jong-un met Vladimir Putin.\n");
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  std::vector<std::string> lines = Lines(r.err);
  ASSERT_EQ(lines.size(), 1u) << r.err;
  EXPECT_NE(lines[0].find(path + ": no date"), std::string::npos) << r.err;
  EXPECT_NE(lines[0].find("--date"), std::string::npos) << r.err;
  // ingest --code says the same.
  CliRun ingest =
      Ladder("ingest --code --db " + Quote(dir_ + "/t.db") + " " + Quote(path));
  EXPECT_EQ(ingest.exit_code, 2) << ingest.err;
  EXPECT_NE(ingest.err.find("no date"), std::string::npos) << ingest.err;
}

TEST_F(PlainTextCliTest, DatelineWithAFullDateIsTheDocumentDate) {
  std::string path = Write(
      "wire.txt",
      "MOSCOW, September 8, 2023 (Reuters) - Russia condemned Ukraine.\n");
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Field(r.out, "date"), "2023-09-08") << r.out;
  // --date wins over the dateline.
  CliRun given = Ladder("code -q --date 2023-09-10 " + Quote(path));
  EXPECT_EQ(Field(given.out, "date"), "2023-09-10") << given.out;
}

TEST_F(PlainTextCliTest, JsonlDocumentsWithoutADateAreAUsageError) {
  // As plain text: an undated document is named, not coded, and the run
  // exits 2; the dated documents of the same input are still coded (and
  // stored by ingest), so fixing the dates and re-running adds the rest.
  std::string path =
      Write("docs.jsonl", "{\"id\": \"undated\", \"date\": \"\", \"text\": "
                          "\"Russia condemned Ukraine.\"}\n"
                          "{\"id\": \"dated\", \"date\": \"2023-09-08\", "
                          "\"text\": \"Russia condemned Ukraine.\"}\n"
                          "{\"id\": \"no-field\", \"text\": \"Russia praised Ukraine.\"}\n");
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  std::vector<std::string> lines = Lines(r.err);
  ASSERT_EQ(lines.size(), 3u) << r.err;
  EXPECT_NE(lines[0].find(path + ":1: document 'undated' has no date"), std::string::npos)
      << r.err;
  EXPECT_NE(lines[1].find(path + ":3: document 'no-field' has no date"), std::string::npos)
      << r.err;
  EXPECT_NE(lines[2].find("2 document(s) without a date were not coded"), std::string::npos)
      << r.err;
  EXPECT_NE(lines[2].find("--date"), std::string::npos) << r.err;
  EXPECT_EQ(Field(r.out, "doc_id"), "dated");
  EXPECT_EQ(Lines(r.out).size(), 1u) << r.out;

  // A single undated document: one line, exit 2.
  std::string one = Write("one.jsonl", "{\"id\": \"u\", \"text\": \"Russia condemned Ukraine.\"}\n");
  CliRun single = Ladder("code -q " + Quote(one));
  EXPECT_EQ(single.exit_code, 2) << single.err;
  EXPECT_EQ(Lines(single.err).size(), 1u) << single.err;
  EXPECT_EQ(single.out, "");

  // --date dates the documents that carry none; their own dates stay.
  CliRun given = Ladder("code -q --date 2023-09-10 " + Quote(path));
  EXPECT_EQ(given.exit_code, 0) << given.err;
  std::vector<std::string> out = Lines(given.out);
  ASSERT_EQ(out.size(), 3u) << given.out;
  EXPECT_EQ(Field(out[0], "date"), "2023-09-10");
  EXPECT_EQ(Field(out[1], "date"), "2023-09-08");
  EXPECT_EQ(Field(out[2], "date"), "2023-09-10");

  // ingest --code: the dated document is stored, the run exits 2.
  std::string db = dir_ + "/t.db";
  CliRun ingest = Ladder("ingest --code --db " + Quote(db) + " " + Quote(path));
  EXPECT_EQ(ingest.exit_code, 2) << ingest.err;
  EXPECT_NE(ingest.err.find("'no-field' has no date"), std::string::npos) << ingest.err;
  EXPECT_NE(ingest.err.find("(1 new)"), std::string::npos) << ingest.err;
}

TEST_F(PlainTextCliTest, ManyUndatedDocumentsAreCappedWithACount) {
  std::string content;
  for (int i = 0; i < 30; ++i)
    content += "{\"id\": \"x" + std::to_string(i) + "\", \"text\": \"Russia condemned Ukraine.\"}\n";
  std::string path = Write("undated.jsonl", content);
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  std::vector<std::string> lines = Lines(r.err);
  ASSERT_EQ(lines.size(), 22u) << r.err;
  EXPECT_NE(lines[19].find(path + ":20: document 'x19' has no date"), std::string::npos)
      << lines[19];
  EXPECT_NE(lines[20].find("30 document(s) without a date"), std::string::npos) << lines[20];
  EXPECT_NE(lines[21].find("10 more"), std::string::npos) << lines[21];
}

TEST_F(PlainTextCliTest, ManyBadRecordsAreCappedWithACount) {
  std::string content;
  for (int i = 0; i < 50; ++i)
    content += "{\"id\": \"x" + std::to_string(i) + "\"}\n";
  std::string path = Write("bad.jsonl", content);
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 3);
  std::vector<std::string> lines = Lines(r.err);
  ASSERT_EQ(lines.size(), 21u) << r.err;
  EXPECT_NE(lines[19].find(path + ":20:"), std::string::npos) << lines[19];
  EXPECT_NE(lines[20].find("30 more"), std::string::npos) << lines[20];
  EXPECT_NE(lines[20].find("50 in all"), std::string::npos) << lines[20];
}

} // namespace
