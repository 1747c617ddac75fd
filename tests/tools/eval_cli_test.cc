// `ladder eval` end to end: the same figures as the reference scorer
// score_gold.py on the shared dev gold (events from `ladder code`, and coded
// in-process), error listings with explain traces, and bad input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_fixture.h"

namespace {

using ladder::testing::CliFixture;
using ladder::testing::CliRun;
using ladder::testing::Quote;
using ladder::testing::ReadFile;

std::string GoldDir() { return std::string(LADDER_SHARED_DIR) + "/data/gold-news/"; }

class EvalCliTest : public CliFixture {
 protected:
  // Runs score_gold.py; its stdout.
  std::string Python(const std::string& args) {
    std::string out = dir_ + "/python.out";
    std::string cmd =
        "/usr/bin/python3 " + Quote(GoldDir() + "score_gold.py") + " " + args + " > " + Quote(out);
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return ReadFile(out);
  }

  // Codes the set with `ladder code`, then scores the events with both
  // scorers, and the documents with `ladder eval` coding them itself.
  void CompareOn(const std::string& set, bool units) {
    std::string g = GoldDir();
    std::string events = dir_ + "/" + set + ".events.jsonl";
    CliRun code = Ladder("code -q " + Quote(g + set + ".docs.jsonl") + " -o " + Quote(events));
    ASSERT_EQ(code.exit_code, 0) << code.err;
    std::string gold = Quote(g + set + ".gold.jsonl");
    std::string unit_arg = units ? " --units " + Quote(g + set + ".units.jsonl") : "";

    std::string py_text = Python(gold + " " + Quote(events) + unit_arg);
    auto py = nlohmann::json::parse(Python(gold + " " + Quote(events) + unit_arg + " --json"));
    CliRun ours =
        Ladder("eval " + gold + " --events " + Quote(events) + unit_arg + " --format json");
    ASSERT_EQ(ours.exit_code, 0) << ours.err;
    auto j = nlohmann::json::parse(ours.out);
    for (auto it = py.begin(); it != py.end(); ++it) {
      EXPECT_EQ(j[it.key()], it.value()) << set << ": " << it.key();
    }
    // The text report starts with score_gold.py's three lines.
    CliRun text = Ladder("eval " + gold + " --events " + Quote(events) + unit_arg);
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_EQ(text.out.substr(0, py_text.size()), py_text);

    // Coding in-process gives the same events, so the same report.
    CliRun coded = Ladder("eval -q " + gold + " " + Quote(g + set + ".docs.jsonl") + unit_arg +
                          " --format json");
    ASSERT_EQ(coded.exit_code, 0) << coded.err;
    EXPECT_EQ(coded.out, ours.out);
    std::printf("%s: %s", set.c_str(),
                text.out.substr(0, text.out.find('\n', text.out.find('\n') + 1) + 1).c_str());
  }
};

bool HaveSharedGold() {
  return access("/usr/bin/python3", X_OK) == 0 &&
         access((GoldDir() + "score_gold.py").c_str(), R_OK) == 0;
}

TEST_F(EvalCliTest, AgNewsFiguresEqualScoreGold) {
  if (!HaveSharedGold()) {
    GTEST_SKIP() << "needs " << GoldDir() << " and /usr/bin/python3 (../shared is absent in a "
                 << "user's clone; CI has it)";
  }
  CompareOn("agnews", false);
}

TEST_F(EvalCliTest, ReutersUnitFiguresEqualScoreGold) {
  if (!HaveSharedGold()) {
    GTEST_SKIP() << "needs " << GoldDir() << " and /usr/bin/python3 (../shared is absent in a "
                 << "user's clone; CI has it)";
  }
  CompareOn("reuters", true);
}

constexpr const char* kDocs =
    R"({"id": "d1", "date": "2014-02-27", "text": "Russia condemned Ukraine. France met Germany."})"
    "\n"
    R"({"id": "d2", "date": "2014-02-27", "text": "The weather was fine."})"
    "\n";

TEST_F(EvalCliTest, ErrorsComeWithExplainTraces) {
  std::string gold = Write(
      "gold.jsonl",
      R"({"id": "d1", "events": [{"source": "RUS", "target": "UKR", "cameo": "111", "modality": "asserted"},)"
      R"( {"source": "CHN", "target": "USA", "cameo": "042", "modality": "asserted", "verb_text": "met"}]})"
      "\n"
      R"({"id": "d2", "events": []})"
      "\n");
  std::string docs = Write("docs.jsonl", kDocs);
  CliRun r = Ladder("eval -q " + Quote(gold) + " " + Quote(docs) + " --errors 5");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("--- d1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  missed: CHN -> USA 042 asserted  [met]  (trace 1)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  trace 1:\n    sentence: France met Germany."), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("units 2  gold events 2"), std::string::npos) << r.out;

  CliRun j = Ladder("eval -q " + Quote(gold) + " " + Quote(docs) + " --errors 5 --format json");
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto report = nlohmann::json::parse(j.out);
  ASSERT_EQ(report["errors"].size(), 1u);
  EXPECT_FALSE(report["errors"][0]["traces"].empty());
  EXPECT_NE(report["errors"][0]["traces"][0]["explain"].get<std::string>().find("verbs:"),
            std::string::npos);
}

TEST_F(EvalCliTest, BadInputIsReportedAndTheRestScored) {
  std::string gold = Write("gold.jsonl", R"({"id": "d1", "events": []})"
                                         "\n{\"id\": \"d2\", \"events\": [\n"
                                         R"({"id": "d3", "events": []})"
                                         "\n");
  std::string events =
      Write("events.jsonl", R"({"doc_id": "d1", "source": null, "target": null, "cameo": "010"})"
                            "\nnot json\n");
  CliRun r = Ladder("eval " + Quote(gold) + " --events " + Quote(events));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("ladder: " + gold + ":2: malformed JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ladder: " + events + ":2: malformed JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("units 2  gold events 0  coded 1  matched 0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("coded anyway: 1 (50%)"), std::string::npos) << r.out;

  CliRun missing = Ladder("eval " + Quote(dir_ + "/absent.jsonl") + " --events " + Quote(events));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("absent.jsonl: cannot open"), std::string::npos) << missing.err;

  CliRun usage = Ladder("eval " + Quote(gold));
  EXPECT_EQ(usage.exit_code, 2);
  CliRun both = Ladder("eval " + Quote(gold) + " " + Quote(events) + " --events " + Quote(events));
  EXPECT_EQ(both.exit_code, 2);
}

}  // namespace
