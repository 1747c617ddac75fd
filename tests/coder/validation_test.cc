// Tests of the validation-suite readers, scoring and harness.
#include "coder/validation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include <nlohmann/json.hpp>

#include "ladder/validate.h"

namespace ladder::coder {
namespace {

std::string SharedDir() { return LADDER_SHARED_DIR; }
std::string SourceDir() { return LADDER_SOURCE_DIR; }

constexpr const char kXml[] = R"(<Validation>
<Environment>
  <Verbfile>v.txt</Verbfile>
  <Actorfile>a1.txt, a2.txt</Actorfile>
  <Include>valid DEMO ERROR</Include>
  <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore
  full ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Config option="require_dyad" value="FALSE"></Config>
<Config option="new_actor_length" value="4"></Config>
<Sentence date = "20080801" id ="DEMO-00" category="DEMO"  sentence="false">
<EventCoding noevents="True"></EventCoding>
<Text>Nothing here.</Text>
</Sentence>
<Config option="bogus" value="1"></Config>
<Sentence date="1995x" id="ERR-01" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>A typhoon.</Text>
</Sentence>
<Sentence date="19950101" id="OTHER-01" category="OTHER" sentence="true">
<EventCoding sourcecode="a" targetcode="b" eventcode="174K"></EventCoding>
<Text>x</Text>
</Sentence>
</Sentences>
</Validation>
)";

TEST(PetrarchSuiteTest, ReadsEnvironmentRecordsAndOptions) {
  Result<Suite> suite = ReadPetrarchSuite(kXml, "/data/suite/records.xml");
  ASSERT_TRUE(suite.ok()) << suite.status().ToString();
  ASSERT_EQ(suite->dictionaries.size(), 3u);
  EXPECT_EQ(suite->dictionaries[0], "/data/suite/v.txt");
  EXPECT_EQ(suite->dictionaries[2], "/data/suite/a2.txt");
  EXPECT_TRUE(suite->valid_only);
  EXPECT_EQ(suite->include, (std::vector<std::string>{"DEMO", "ERROR"}));
  ASSERT_EQ(suite->records.size(), 4u);
  const SuiteRecord& r0 = suite->records[0];
  EXPECT_EQ(r0.date, "1995-01-01");
  EXPECT_EQ(r0.text, "Arnor is about to restore full ties with Gondor.");
  EXPECT_EQ(r0.expected.size(), 2u);
  EXPECT_TRUE(r0.options.require_dyad);
  EXPECT_EQ(r0.line, 9);
  const SuiteRecord& r1 = suite->records[1];
  EXPECT_EQ(r1.id, "DEMO-00");  // ids are not unique
  EXPECT_EQ(r1.date, "2008-08-01");
  EXPECT_EQ(r1.condition, "noevents");
  EXPECT_FALSE(r1.sentence_flag);
  EXPECT_FALSE(r1.options.require_dyad);
  EXPECT_EQ(r1.options.new_actor_length, 4);
  EXPECT_EQ(suite->records[2].condition, "storydiscard");
  EXPECT_EQ(suite->records[3].expected[0].event, "174K");
  EXPECT_EQ(suite->records[3].expected[0].source, "A");
  // Problems: the unknown option and the bad date, with file:line.
  ASSERT_EQ(suite->problems.size(), 2u);
  EXPECT_EQ(suite->problems[0], "/data/suite/records.xml:24: unknown option 'bogus' = '1'");
  EXPECT_NE(suite->problems[1].find("records.xml:25: record 'ERR-01' has a bad date"),
            std::string::npos);
  EXPECT_TRUE(Included(*suite, r0));
  EXPECT_FALSE(Included(*suite, r1));                  // sentence="false"
  EXPECT_TRUE(Included(*suite, suite->records[2]));
  EXPECT_FALSE(Included(*suite, suite->records[3]));  // not in <Include>
}

TEST(PetrarchSuiteTest, MalformedXmlIsAnErrorWithALine) {
  Result<Suite> suite = ReadPetrarchSuite("<Validation>\n<Sentences>\n<Sentence>\n",
                                          "bad.xml");
  ASSERT_FALSE(suite.ok());
  EXPECT_EQ(suite.status().message().rfind("bad.xml:", 0), 0u) << suite.status().message();
  EXPECT_FALSE(ReadPetrarchSuite("<Other/>", "x.xml").ok());
}

TEST(TabariRecordsTest, ReadsDemoRecords) {
  Result<Suite> suite = ReadSuite(SourceDir() + "/tests/golden/tabari/demo.project");
  ASSERT_TRUE(suite.ok()) << suite.status().ToString();
  for (const std::string& p : suite->problems) ADD_FAILURE() << p;
  EXPECT_EQ(suite->legacy.max_verbs, 5);
  ASSERT_EQ(suite->records.size(), 8u);
  const auto& r = suite->records;
  EXPECT_EQ(r[0].id, "DEMO-01");
  EXPECT_EQ(r[0].date, "1995-01-01");
  EXPECT_EQ(r[0].category, "DEMO");
  EXPECT_EQ(r[0].text, "Arnor restored full diplomatic ties with Gondor on Sunday.");
  ASSERT_EQ(r[0].expected.size(), 1u);
  EXPECT_EQ(r[0].expected[0], (Coding{"ARN", "GON", "064"}));
  EXPECT_EQ(r[2].condition, "noevents");
  EXPECT_EQ(r[3].condition, "discard");
  EXPECT_EQ(r[4].condition, "complex");
  EXPECT_TRUE(r[5].options.require_dyad);   // the option applies after DEMO-06
  EXPECT_FALSE(r[6].options.require_dyad);
  EXPECT_FALSE(r[7].checked);               // only an unchecked -{...} block
}

TEST(TabariRecordsTest, CommentsAcrossLinesAndBadCodings) {
  Suite suite;
  ReadTabariRecords(
      "19950101 X-1 extra fields\nSome text /* { A / B\n / 010 } 950102\n"
      "{ C / D } */ more text\n950101\n950102 X-2\n/* {A/B/020}{A/B/020} */\n",
      "t.text", &suite);
  ASSERT_EQ(suite.records.size(), 2u);
  EXPECT_EQ(suite.records[0].text, "Some text more text 950101");
  ASSERT_EQ(suite.records[0].expected.size(), 1u);
  EXPECT_EQ(suite.records[0].expected[0].event, "010");
  ASSERT_EQ(suite.problems.size(), 1u);
  EXPECT_EQ(suite.problems[0].rfind("t.text:1: expected '{ SOURCE", 0), 0u);
  EXPECT_EQ(suite.records[1].expected.size(), 2u);
}

SuiteRecord Expecting(std::vector<Coding> expected, std::string condition = "") {
  SuiteRecord r;
  r.expected = std::move(expected);
  r.condition = std::move(condition);
  return r;
}

TEST(ScoreTest, MultisetOfTriples) {
  Coding a{"ARN", "GON", "064"}, b{"GON", "ARN", "064"};
  RecordScore s = ScoreRecord(Expecting({a, a}), {a}, {});
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.true_positives, 1u);
  EXPECT_EQ(s.false_negatives, 1u);
  s = ScoreRecord(Expecting({a, b}), {b, a}, {});
  EXPECT_TRUE(s.passed);
  EXPECT_EQ(s.true_positives, 2u);
  s = ScoreRecord(Expecting({a}), {a, b}, {});
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.false_positives, 1u);
  EXPECT_FALSE(ScoreRecord(Expecting({a}), {Coding{"ARN", "GON", "0640"}}, {}).passed);
}

TEST(ScoreTest, NoEventsAndConditions) {
  EXPECT_TRUE(ScoreRecord(Expecting({}, "noevents"), {}, {}).passed);
  RecordScore s = ScoreRecord(Expecting({}, "noevents"), {{"A", "B", "010"}}, {});
  EXPECT_FALSE(s.passed);
  EXPECT_EQ(s.false_positives, 1u);
  EXPECT_TRUE(ScoreRecord(Expecting({}, "storydiscard"), {}, {"storydiscard"}).passed);
  EXPECT_FALSE(ScoreRecord(Expecting({}, "storydiscard"), {}, {"sentencediscard"}).passed);
  EXPECT_TRUE(ScoreRecord(Expecting({}, "discard"), {}, {"sentencediscard"}).passed);
  EXPECT_FALSE(ScoreRecord(Expecting({}, "dateline"), {}, {}).passed);
}

TEST(ScoreTest, ReportRates) {
  ValidationReport r;
  SuiteRecord rec = Expecting({{"A", "B", "010"}});
  rec.category = "DEMO";
  Tally(rec, {true, 3, 1, 0}, &r);
  Tally(rec, {false, 1, 0, 2}, &r);
  FinishReport(&r);
  EXPECT_EQ(r.records, 2u);
  EXPECT_DOUBLE_EQ(r.pass_rate, 0.5);
  EXPECT_DOUBLE_EQ(r.precision, 0.8);
  EXPECT_DOUBLE_EQ(r.recall, 4.0 / 6.0);
  EXPECT_NEAR(r.f1, 2 * 0.8 * (4.0 / 6.0) / (0.8 + 4.0 / 6.0), 1e-12);
  EXPECT_EQ(r.by_category["DEMO"].passed, 1u);
}

TEST(ConditionsTest, DatelineParseAndComplexity) {
  EXPECT_TRUE(LooksLikeDateline("CEBU CITY: -- Cordova Mayor Adelino Sitoy filed a suit."));
  EXPECT_TRUE(LooksLikeDateline("MOSCOW (Reuters) - Russia said on Monday ..."));
  EXPECT_FALSE(LooksLikeDateline("Arnor is about to restore full diplomatic ties."));
  EXPECT_FALSE(LooksLikeDateline("The U.S. and NATO met: talks went well."));
  EXPECT_TRUE(ParseTreeBalanced("(ROOT (S (NP (NNP Arnor))))"));
  EXPECT_FALSE(ParseTreeBalanced("(ROOT (S (NP (NNP Arnor)))"));
  EXPECT_FALSE(ParseTreeBalanced("(ROOT (S )) (NP ))"));
  EXPECT_TRUE(ParseTreeBalanced(""));
  dict::LegacyOptions limits;
  limits.max_verbs = 2;
  limits.max_conj = 1;
  std::vector<std::string> verbs = {"meet", "warn", "criticize"};
  EXPECT_FALSE(TooComplex("Arnor met Gondor and warned Rohan.", limits, verbs));
  EXPECT_TRUE(TooComplex("Arnor warned, criticized and warns.", limits, verbs));
  EXPECT_TRUE(TooComplex("A and B or C", limits, verbs));
  EXPECT_FALSE(TooComplex("A and B or C", dict::LegacyOptions(), verbs));
}

TEST(SuiteRobustnessTest, TruncatedAndRandomInput) {
  std::string xml = kXml;
  std::mt19937 rng(7);
  for (size_t cut = 0; cut < xml.size(); cut += 7) {
    (void)ReadPetrarchSuite(xml.substr(0, cut), "t.xml");
    Suite s;
    ReadTabariRecords(xml.substr(0, cut), "t.text", &s);
  }
  for (int round = 0; round < 500; ++round) {
    std::string m = xml;
    for (int k = 0; k < 6; ++k) m[rng() % m.size()] = static_cast<char>(rng() % 256);
    (void)ReadPetrarchSuite(m, "t.xml");
    Suite s;
    ReadTabariRecords(m, "t.text", &s);
  }
  SUCCEED();
}

TEST(PetrarchSuiteTest, RealSuiteReads) {
  std::string path = SharedDir() + "/data/petrarch2-validation/PETR.UnitTest.records.xml";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  Result<Suite> suite = ReadSuite(path);
  ASSERT_TRUE(suite.ok()) << suite.status().ToString();
  EXPECT_EQ(suite->records.size(), 284u);
  EXPECT_EQ(suite->dictionaries.size(), 4u);
  for (const std::string& d : suite->dictionaries) EXPECT_TRUE(std::filesystem::exists(d)) << d;
  EXPECT_TRUE(suite->valid_only);
  size_t included = 0, errors = 0, no_dyad = 0, new_actor = 0;
  for (const SuiteRecord& r : suite->records) {
    included += Included(*suite, r);
    errors += !r.condition.empty() && r.condition != "noevents";
    no_dyad += !r.options.require_dyad;
    new_actor += r.options.new_actor_length > 0;
    EXPECT_FALSE(r.date.empty()) << r.id;
    EXPECT_FALSE(r.text.empty()) << r.id;
  }
  EXPECT_EQ(included, 278u);
  EXPECT_EQ(errors, 7u);
  EXPECT_GT(no_dyad, 0u);
  EXPECT_GT(new_actor, 0u);
}

TEST(HarnessTest, RunsTheTabariDemoProject) {
  ValidateOptions options;
  Result<ValidationReport> r =
      RunValidation(SourceDir() + "/tests/golden/tabari/demo.project", options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->records, 7u);  // DEMO-08 is unchecked
  EXPECT_EQ(r->skipped, 1u);
  EXPECT_EQ(r->by_category["DEMO"].records, 7u);
  EXPECT_EQ(r->failures.size(), r->records - r->passed);
  // DEMO-05 exceeds COMPLEX: CONJ[4]: reported whatever the coder does.
  for (const RecordOutcome& f : r->failures) EXPECT_NE(f.id, "DEMO-05");
  nlohmann::json j = nlohmann::json::parse(ValidationReportToJson(*r));
  for (const char* key : {"records", "passed", "pass_rate", "precision", "recall", "f1",
                          "by_category"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["records"], 7);
  options.limit = 2;
  r = RunValidation(SourceDir() + "/tests/golden/tabari/demo.project", options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->records, 2u);
}

TEST(HarnessTest, RunsThePetrarchSuite) {
  std::string path = SharedDir() + "/data/petrarch2-validation/PETR.UnitTest.records.xml";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  Result<ValidationReport> r = RunValidation(path, ValidateOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->records, 278u);
  EXPECT_EQ(r->skipped, 6u);
  EXPECT_GT(r->passed, 0u);
  EXPECT_EQ(r->by_category.size(), 11u);
  std::printf("PETRARCH suite: %zu/%zu passed (%.1f%%), P %.3f R %.3f F1 %.3f\n",
              r->passed, r->records, 100 * r->pass_rate, r->precision, r->recall, r->f1);
}

TEST(HarnessTest, MissingSuiteIsAnError) {
  EXPECT_FALSE(RunValidation("/nonexistent/suite.xml", ValidateOptions()).ok());
  Suite empty;
  // A records file alone names no dictionaries.
  std::string text = SourceDir() + "/tests/golden/tabari/demo.text";
  Result<ValidationReport> r = RunValidation(text, ValidateOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("names no dictionaries"), std::string::npos);
}

}  // namespace
}  // namespace ladder::coder
