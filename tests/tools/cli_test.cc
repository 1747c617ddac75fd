// End-to-end tests of the ladder CLI (LADDER_BINARY) on bad and odd input:
// the good records still come out, each bad one gives one stderr line naming
// file:line, and the exit code says what happened (0 ok, 1 failure, 2 usage,
// 3 some input records bad).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cli_fixture.h"

namespace {

using ladder::testing::CliFixture;
using ladder::testing::CliRun;
using ladder::testing::Quote;
using ladder::testing::ReadFile;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line)) lines.push_back(line);
  return lines;
}


class CliTest : public CliFixture {};

constexpr const char* kGood1 =
    R"({"id": "good1", "date": "2014-02-27", "text": "Russia condemned Ukraine."})";
constexpr const char* kGood2 =
    R"({"id": "good2", "date": "2014-02-28", "text": "Moscow condemned Kyiv on Friday."})";

TEST_F(CliTest, BadRecordsAreReportedAndGoodOnesCoded) {
  std::string content = std::string(kGood1) + "\n" +
                        "{\"id\": \"utf8\", \"date\": \"2014-02-27\", \"text\": \"bad \xC3\x28 byte\"}\n" +
                        "{\"id\": \"broken\", \"date\": \"2014-02-27\", \"text\": \n" +
                        "{\"id\": \"notext\", \"date\": \"2014-02-27\"}\n" +
                        "{\"id\": [\"list\"], \"date\": \"2014-02-27\", \"text\": \"x\"}\n" +
                        "\n" + kGood2 + "\n";
  std::string path = Write("mixed.jsonl", content);
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.out.find("\"doc_id\": \"good1\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"doc_id\": \"good2\""), std::string::npos) << r.out;
  std::vector<std::string> errors = Lines(r.err);
  ASSERT_EQ(errors.size(), 4u) << r.err;
  for (size_t i = 0; i < errors.size(); ++i) {
    std::string where = "ladder: " + path + ":" + std::to_string(i + 2) + ": ";
    EXPECT_EQ(errors[i].rfind(where, 0), 0u) << errors[i];
  }
  EXPECT_NE(errors[0].find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(errors[1].find("malformed JSON"), std::string::npos);
  EXPECT_NE(errors[2].find("'text'"), std::string::npos);
  EXPECT_NE(errors[3].find("'id'"), std::string::npos);
}

TEST_F(CliTest, BadDateIsAnErrorNamingTheDocument) {
  std::string path = Write("dates.jsonl", std::string(kGood1) + "\n" +
                                              R"({"id": "feb30", "date": "2023-02-30", "text": "Russia condemned Ukraine."})" +
                                              "\n" + kGood2 + "\n");
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.out.find("good1"), std::string::npos);
  EXPECT_NE(r.out.find("good2"), std::string::npos);
  std::vector<std::string> errors = Lines(r.err);
  ASSERT_EQ(errors.size(), 1u) << r.err;
  EXPECT_NE(errors[0].find("2023-02-30"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("feb30"), std::string::npos) << errors[0];
}

TEST_F(CliTest, LegacyRecordInputs) {
  // PETRARCH <Sentence> records and TABARI text records: one document each,
  // with the record's id and date; a bad record is reported by line.
  std::string xml = Write(
      "stories.xml",
      "<Sentences>\n"
      "<Sentence date=\"20230908\" id=\"KP-1\" sentence=\"true\">\n"
      "<Text>North Korea fired two missiles toward Japan on Thursday.</Text>\n"
      "</Sentence>\n"
      "<Sentence date=\"2023\" id=\"KP-2\"><Text>Japan protested.</Text></Sentence>\n"
      "</Sentences>\n");
  CliRun r = Ladder("code -q --format tsv " + Quote(xml));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.out.find("KP-1-s1-e1\t2023-09-07\tPRK\tJPN\t195"), std::string::npos) << r.out;
  EXPECT_EQ(Lines(r.err), std::vector<std::string>{"ladder: " + xml +
                                                    ":5: record 'KP-2' has a bad date "
                                                    "'2023' (YYYYMMDD or YYMMDD)"});
  std::string text = Write("records.text",
                           "230908 KP-3 wire\n"
                           "Russia condemned Ukraine.\n"
                           "/* { RUS / UKR / 111 } */\n");
  r = Ladder("code -q --format tsv " + Quote(text));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("KP-3-s1-e1\t2023-09-08\tRUS\tUKR\t1"), std::string::npos) << r.out;
  // A story discard phrase in one sentence of a PETRARCH story drops the
  // story's other sentences too; the next story is coded.
  std::string sport = Write(
      "sport.xml",
      "<Sentences>\n"
      "<Sentence date=\"20230908\" id=\"FOOT-1\"><Text>Brazil attacked Argentina "
      "in the second half.</Text></Sentence>\n"
      "<Sentence date=\"20230908\" id=\"FOOT-2\"><Text>The Champions League match "
      "ended in a draw.</Text></Sentence>\n"
      "<Sentence date=\"20230908\" id=\"WAR-1\"><Text>Russia attacked Ukraine."
      "</Text></Sentence>\n"
      "</Sentences>\n");
  r = Ladder("code -q --format tsv " + Quote(sport));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("FOOT-"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("WAR-1-s1-e1\t2023-09-08\tRUS\tUKR\t19"), std::string::npos) << r.out;
  // `ingest --code` codes through the same pipeline: the story discard drops
  // FOOT-1's event there too, and the store gets what `code` writes.
  CliRun ingested =
      Ladder("ingest -q --code --db " + Quote(dir_ + "/sport.db") + " " + Quote(sport));
  EXPECT_EQ(ingested.exit_code, 0) << ingested.err;
  size_t coded_lines = 0;
  for (char c : r.out) coded_lines += c == '\n';
  EXPECT_NE(ingested.err.find("ingested " + std::to_string(coded_lines - 1) + " events"),
            std::string::npos)
      << ingested.err << r.out;
  // Forced: the same TABARI file read as text is one document named after it.
  r = Ladder("code -q --format tsv --input-format text --date 2023-09-08 " + Quote(text));
  // Its id is the file name and a hash of the text (two texts under one
  // name never share ids).
  EXPECT_NE(r.out.find("records-"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("records-s"), std::string::npos) << r.out;
}

TEST_F(CliTest, ValidateShowsWhyARecordFailed) {
  Write("v.txt", "--- RESTORE  [064] ---\nRESTORE\n");
  Write("a.txt", "ARNOR  [ARN]\nGONDOR  [GON]\n");
  std::string suite = Write(
      "suite.xml",
      "<Validation><Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt</Actorfile>"
      "</Environment><Sentences>\n"
      "<Sentence date=\"19950101\" id=\"OK-1\" category=\"T\" sentence=\"true\">\n"
      "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
      "<Text>Arnor restored ties with Gondor.</Text></Sentence>\n"
      "<Sentence date=\"19950101\" id=\"BAD-1\" category=\"T\" sentence=\"true\">\n"
      "<EventCoding sourcecode=\"GON\" targetcode=\"ARN\" eventcode=\"064\"></EventCoding>\n"
      "<Text>Arnor restored ties with Gondor.</Text></Sentence>\n"
      "</Sentences></Validation>\n");
  CliRun r = Ladder("validate " + Quote(suite));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("FAIL OK-1"), std::string::npos) << r.out;
  size_t fail = r.out.find("FAIL BAD-1");
  ASSERT_NE(fail, std::string::npos) << r.out;
  // Expected, coded, and why: the actors and the pattern that fired.
  EXPECT_NE(r.out.find("expected: GON ARN 064", fail), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("coded:    ARN GON 064", fail), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ARN  'Arnor'", fail), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'restored': pattern", fail), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("source: ARN", fail), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 records, 1 passed (50.0%)"), std::string::npos) << r.out;
  CliRun brief = Ladder("validate --brief " + Quote(suite));
  EXPECT_NE(brief.out.find("FAIL BAD-1"), std::string::npos) << brief.out;
  EXPECT_EQ(brief.out.find("source:"), std::string::npos) << brief.out;
  CliRun verbose = Ladder("validate --verbose " + Quote(suite));
  EXPECT_NE(verbose.out.find("tokens: arnor restored/restore"), std::string::npos)
      << verbose.out;
}

// The problems validate counts are listed where it counts them (issue 14,
// item 9), not left to 'ladder dict check', which reads other dictionaries.
TEST_F(CliTest, ValidateListsTheProblemsItCounts) {
  Write("v.txt", "--- RESTORE  [064] ---\nRESTORE\n");
  Write("a.txt", "ARNOR  [ARN]\nGONDOR  [GON]\n");
  std::string suite = Write(
      "suite.xml",
      "<Validation><Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt</Actorfile>"
      "</Environment><Sentences>\n"
      "<Sentence date=\"19950101\" id=\"OK-1\" category=\"T\" sentence=\"true\">\n"
      "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
      "<Text>Arnor restored ties with Gondor.</Text></Sentence>\n"
      "<Sentence date=\"1995\" id=\"DATE-1\" category=\"T\" sentence=\"true\">\n"
      "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
      "<Text>Arnor restored ties with Gondor.</Text></Sentence>\n"
      "</Sentences></Validation>\n");
  CliRun r = Ladder("validate --brief " + Quote(suite));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  size_t at = r.out.find("dictionary/suite problem(s):");
  ASSERT_NE(at, std::string::npos) << r.out;
  EXPECT_NE(r.out.find("record 'DATE-1' has a bad date", at), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("ladder dict check"), std::string::npos) << r.out;
}

TEST_F(CliTest, BinaryFileGivesAClearErrorNotACrash) {
  std::mt19937 rng(7);
  std::string bytes(64 * 1024, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() % 256);
  bytes[0] = '\x01';  // not '{': read as one text document
  for (size_t i = 0; i < bytes.size(); i += 97) bytes[i] = '\0';
  std::string path = Write("random.bin", bytes);
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err.rfind("ladder: " + path + ": invalid UTF-8 at byte ", 0), 0u) << r.err;

  // Random bytes that look like JSONL: one error per non-blank line, no crash.
  bytes[0] = '{';
  std::string jsonl = Write("random.jsonl", bytes);
  CliRun j = Ladder("code -q " + Quote(jsonl));
  EXPECT_EQ(j.exit_code, 3) << j.err;
  // The first 20 name their line; then one line counts the rest.
  std::vector<std::string> lines = Lines(j.err);
  ASSERT_EQ(lines.size(), 21u) << j.err;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    EXPECT_EQ(lines[i].rfind("ladder: " + jsonl + ":", 0), 0u) << lines[i];
  }
  EXPECT_NE(lines.back().find("more bad records not shown"), std::string::npos) << lines.back();
}

TEST_F(CliTest, HugeSingleLineDocument) {
  // A 100 MB JSONL line: a document over the size limit (8 MB of text by
  // default, --max-doc-mb) is refused with one error naming file:line, the
  // next document is still coded, and memory stays bounded.
  constexpr size_t kMegabytes = 100;
  const std::string sentence = "Russia condemned Ukraine. ";
  std::string path = dir_ + "/huge.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    out << R"({"id": "huge", "date": "2014-02-27", "text": ")";
    std::string chunk;
    for (int i = 0; i < 40000; ++i) chunk += sentence;  // ~1 MB
    for (size_t written = 0; written < kMegabytes << 20; written += chunk.size()) {
      out << chunk;
    }
    out << "\"}\n" << kGood2 << "\n";
  }
  std::string events = dir_ + "/events.jsonl";
  auto start = std::chrono::steady_clock::now();
  CliRun r = Ladder("code -q " + Quote(path), events);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("huge.jsonl:1: document 'huge'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("over the limit"), std::string::npos) << r.err;
  std::ifstream in(events, std::ios::binary);
  std::string line, last;
  size_t count = 0;
  while (std::getline(in, line)) {
    ++count;
    last.swap(line);
  }
  EXPECT_GT(count, 0u);
  EXPECT_NE(last.find("\"doc_id\": \"good2\""), std::string::npos);
  struct rusage usage;
  getrusage(RUSAGE_CHILDREN, &usage);
  long max_rss_mb = usage.ru_maxrss / 1024;
  std::printf("huge line: %zu MB, %.1f s, child max RSS %ld MB\n", kMegabytes,
              seconds, max_rss_mb);
#if defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(max_rss_mb, 4096);  // AddressSanitizer's shadow memory and redzones
#else
  EXPECT_LT(max_rss_mb, 1024);
#endif
}

// A large but allowed document (4 MB of text) is coded in full.
TEST_F(CliTest, LargeDocumentUnderTheLimitIsCoded) {
  std::string path = dir_ + "/large.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    out << R"({"id": "large", "date": "2014-02-27", "text": ")";
    for (int i = 0; i < 160000; ++i) out << "Russia condemned Ukraine. ";
    out << "\"}\n";
  }
  std::string events = dir_ + "/events.jsonl";
  CliRun r = Ladder("code -q " + Quote(path), events);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(events, std::ios::binary);
  size_t count = 0;
  std::string line;
  while (std::getline(in, line)) ++count;
  EXPECT_EQ(count, 160000u);
}

TEST_F(CliTest, EmptyAndWhitespaceFilesGiveNothing) {
  for (const char* content : {"", "  \n\n\t \r\n"}) {
    std::string path = Write("blank.jsonl", content);
    CliRun r = Ladder("code -q " + Quote(path));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
  }
}

TEST_F(CliTest, MissingFileIsAFailure) {
  std::string path = dir_ + "/no-such-file.jsonl";
  CliRun r = Ladder("code -q " + Quote(path));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "ladder: " + path + ": No such file or directory\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(CliTest, PlainTextWithDate) {
  std::string path = Write("story.txt", "Russia condemned Ukraine.\n\nMoscow warned Kyiv.\n");
  CliRun r = Ladder("code -q --date 2014-02-27 " + Quote(path));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> events = Lines(r.out);
  ASSERT_FALSE(events.empty());
  for (const std::string& e : events) {
    EXPECT_NE(e.find("\"doc_id\": \"story-"), std::string::npos) << e;
    EXPECT_NE(e.find("\"date\": \"2014-02-27\""), std::string::npos) << e;
  }
  CliRun bad = Ladder("code -q --date 2014-02-30 " + Quote(path));
  EXPECT_EQ(bad.exit_code, 3) << bad.err;
  EXPECT_NE(bad.err.find("2014-02-30"), std::string::npos) << bad.err;
}

TEST_F(CliTest, ThreadsDoNotChangeTheOutput) {
  const char* texts[] = {
      "Russia condemned Ukraine.", "Moscow warned Kyiv it would impose sanctions.",
      "The United Nations praised Kenya.", "China accused Japan of provocation.",
      "Iran rejected the proposal.", "Nothing happened here today."};
  std::string content;
  for (int i = 0; i < 300; ++i) {
    content += "{\"id\": \"d" + std::to_string(i) + "\", \"date\": \"2014-03-0" +
               std::to_string(1 + i % 9) + "\", \"text\": \"" + texts[i % 6] + " " +
               texts[(i * 7 + 1) % 6] + "\"}\n";
  }
  std::string path = Write("many.jsonl", content);
  CliRun one = Ladder("code -q --threads 1 " + Quote(path));
  CliRun two = Ladder("code -q --threads 2 " + Quote(path));
  CliRun four = Ladder("code -q --threads 4 " + Quote(path));
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_GT(Lines(one.out).size(), 100u);
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.out, four.out);
}

TEST_F(CliTest, TsvAndCsvHaveHeaders) {
  std::string path = Write("one.jsonl", std::string(kGood1) + "\n");
  CliRun tsv = Ladder("code -q --format tsv " + Quote(path));
  EXPECT_EQ(tsv.exit_code, 0) << tsv.err;
  std::vector<std::string> t = Lines(tsv.out);
  ASSERT_GE(t.size(), 2u) << tsv.out;
  EXPECT_EQ(t[0].rfind("event_id\tdate\tsource\ttarget\tcameo\t", 0), 0u) << t[0];
  EXPECT_EQ(t[1].rfind("good1-", 0), 0u) << t[1];
  CliRun csv = Ladder("code -q --format csv " + Quote(path));
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> c = Lines(csv.out);
  ASSERT_GE(c.size(), 2u) << csv.out;
  EXPECT_EQ(c[0].rfind("event_id,date,source,target,cameo,", 0), 0u) << c[0];
  CliRun bad = Ladder("code -q --format xml " + Quote(path));
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(CliTest, DictCheckNamesFileAndLine) {
  std::filesystem::create_directory(dir_ + "/dict");
  std::string path = Write("dict/actors.txt",
                           "%ladder actors 1\n"
                           "Russia\n"
                           "    RUS\n"
                           "Narnia\n"
                           "    not-a-code\n");
  CliRun r = Ladder("dict check --dict " + Quote(dir_ + "/dict"));
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find(path + ":5: "), std::string::npos) << r.out;
  CliRun ok = Ladder("dict check");
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
}

TEST_F(CliTest, ExplainShowsActorsAndVerbs) {
  CliRun r = Ladder("explain 'Russia condemned Ukraine.' --date 2014-02-27");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("actors:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("verbs:"), std::string::npos) << r.out;
}

TEST_F(CliTest, UsageErrors) {
  EXPECT_EQ(Ladder("").exit_code, 2);
  EXPECT_EQ(Ladder("no-such-command").exit_code, 2);
  EXPECT_EQ(Ladder("code --threads 0").exit_code, 2);
}

}  // namespace
