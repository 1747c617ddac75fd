// Tests of the suite audit: parse/text mismatches, twins, unbuildable codes.
#include "coder/suite_audit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "ladder/validate.h"

namespace ladder::coder {
namespace {

TEST(ParseDiffersTest, SameWordsDespiteTokensCaseAndBrackets) {
  EXPECT_EQ(ParseDiffers("Gondor's envoy can't (yet) come.",
                         "(ROOT (S (NP (NP (NNP Gondor) (POS 's)) (NN envoy)) (VP (MD ca) "
                         "(RB n't) (-LRB- -LRB-) (RB yet) (-RRB- -RRB-) (VB come)) (. .)))"),
            "");
  EXPECT_EQ(ParseDiffers("Anything at all.", ""), "");
  EXPECT_EQ(ParseDiffers("Anything at all.", "  \n "), "");
}

TEST(ParseDiffersTest, NamesWhereTheWordsPart) {
  EXPECT_EQ(ParseDiffers("The Calenardhon government condemned an attack",
                         "(ROOT (S (NP (DT The) (NNP Calenardhon) (NNS Congresses)) "
                         "(VP (VBD condemned) (NP (DT an) (NN attack)))))"),
            "the <Parse> has 'Calenardhon Congresses' where the text has "
            "'Calenardhon government'");
  EXPECT_EQ(ParseDiffers("Arnor left. Then Gondor came.",
                         "(ROOT (S (NP (NNP Arnor)) (VP (VBD left)) (. .)))"),
            "the <Parse> stops before 'Then Gondor' of the text");
  EXPECT_EQ(ParseDiffers("Arnor left.",
                         "(ROOT (S (NP (NNP Arnor)) (VP (VBD left) (NP (NNP Gondor)))))"),
            "the <Parse> goes on with 'Gondor' after the end of the text");
}

TEST(ParseDiffersTest, BrokenTreesDoNotCrash) {
  for (const char* parse : {"(", ")", "((((", "(NP", "(NP x", "(NP x)) (", "(( ))", "(A (B"}) {
    (void)ParseDiffers("x y", parse);
  }
}

SuiteCodes Codes() {
  SuiteCodes codes;
  codes.actors = {"ARN", "GON", "GOV", "MIL", "NGO", "IGOCOPITP"};
  codes.events = {"064", "174K"};
  return codes;
}

TEST(CodeBuildableTest, ActorsAgentsAndUnknowns) {
  SuiteCodes codes = Codes();
  for (const char* ok : {"ARN", "ARNGOV", "---GOV", "---", "NGOARN", "IGOCOPITP",
                         "ARNMILGOV", "\"INJURY TOLL\"", ""}) {
    EXPECT_TRUE(CodeBuildable(ok, codes)) << ok;
  }
  for (const char* bad : {"###", "ARNX", "CAL", "ARNLEG", "GO"}) {
    EXPECT_FALSE(CodeBuildable(bad, codes)) << bad;
  }
}

TEST(UnbuildableCodesTest, NamesActorAndEventCodes) {
  SuiteRecord r;
  r.expected = {{"ARN", "GON", "064"}, {"###", "GON", "064"}, {"ARN", "CALGOV", "999"}};
  EXPECT_EQ(UnbuildableCodes(r, Codes()),
            "expects actor codes '###', 'CALGOV', which no dictionary entry gives; "
            "expects event code '999', which no verb pattern gives");
  r.expected = {{"ARNGOV", "---", "174K"}};
  EXPECT_EQ(UnbuildableCodes(r, Codes()), "");
}

SuiteRecord Record(std::string id, std::string text, std::vector<Coding> expected) {
  SuiteRecord r;
  r.id = std::move(id);
  r.text = std::move(text);
  r.date = "1995-01-01";
  r.expected = std::move(expected);
  r.line = 10;
  return r;
}

TEST(AuditSuiteTest, TwinsWithDifferentExpectations) {
  Suite suite;
  suite.records.push_back(Record("A-1", "Arnor attacked Gondor.", {{"ARN", "GON", "064"}}));
  suite.records.push_back(Record("A-2", "Arnor  attacked Gondor", {{"GON", "ARN", "064"}}));
  suite.records.push_back(Record("A-3", "Arnor attacked Gondor.", {{"ARN", "GON", "064"}}));
  suite.records.push_back(Record("A-4", "Arnor attacked Gondor.", {{"GON", "ARN", "064"}}));
  suite.records.back().options.require_dyad = false;  // other options: no twin
  suite.records.push_back(Record("A-5", "Arnor attacked Gondor.", {{"GON", "ARN", "064"}}));
  suite.records.back().date = "1996-01-01";  // other date: no twin
  std::vector<Finding> f = AuditSuite(suite, {0, 1, 2, 3, 4}, Codes());
  std::set<size_t> flagged;
  for (const Finding& x : f) flagged.insert(x.record);
  EXPECT_EQ(flagged, (std::set<size_t>{0, 1, 2}));
  for (const Finding& x : f) {
    EXPECT_NE(x.message.find("they cannot both pass"), std::string::npos) << x.message;
  }
  // Only the scored records are compared.
  EXPECT_TRUE(AuditSuite(suite, {0, 2, 3, 4}, Codes()).empty());
}

TEST(AuditSuiteTest, TheRealSuiteFlagsRecordsNoTextCanPass) {
  std::string path = std::string(LADDER_SHARED_DIR) +
                     "/data/petrarch2-validation/PETR.UnitTest.records.xml";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  ValidateOptions options;
  options.explain_failures = false;
  Result<ValidationReport> r = RunValidation(path, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::set<std::string> ids;
  for (const SuiteFinding& f : r->findings) ids.insert(f.id);
  // The parse is of other words, a twin expects otherwise, or the code is
  // not in any dictionary (the Nasgul line is commented out).
  for (const char* id : {"AGENT-12", "AGENT-13", "ICC-01", "COMPOUND-27", "COMMA-11",
                         "COMPOUND-34", "COMPOUND-35", "AFP0808020593-1a",
                         "AFP0808020593-1b", "AGENT-09"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  // Compound actor codes ("[FRO/BIL/SAM]") are codes the dictionary gives.
  EXPECT_FALSE(ids.count("COMPOUND-10"));
  for (const RecordOutcome& f : r->failures) {
    if (f.id == "ICC-01") {
      ASSERT_EQ(f.findings.size(), 1u);
      EXPECT_NE(f.findings[0].find("'Criminal Police'"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace ladder::coder
