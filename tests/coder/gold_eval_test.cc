// The gold scorer (include/ladder/eval.h): its matching rules on small
// hand-written gold and event files, its readers on bad input, and a
// differential test against the reference scorer score_gold.py on random
// files (RE2's tester: the same inputs, the same counts).
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ladder/eval.h"

namespace ladder {
namespace {

class GoldEvalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ladder_gold_eval_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Reads the three files (units optional) and scores them.
  EvalReport Score(const std::string& gold_jsonl, const std::string& events_jsonl,
                   const std::string& units_jsonl = "") {
    GoldSet gold;
    EXPECT_TRUE(ReadGoldFile(Write("gold.jsonl", gold_jsonl), &gold).ok());
    std::vector<std::string> problems;
    std::vector<EvalEvent> events;
    EXPECT_TRUE(ReadEvalEventsFile(Write("events.jsonl", events_jsonl), &events, &problems).ok());
    std::map<std::string, int64_t> offsets;
    if (!units_jsonl.empty()) {
      EXPECT_TRUE(ReadUnitOffsetsFile(Write("units.jsonl", units_jsonl), &offsets, &problems).ok());
    }
    for (const std::string& p : gold.problems) ADD_FAILURE() << p;
    for (const std::string& p : problems) ADD_FAILURE() << p;
    return ScoreGold(gold, events, offsets, {10, 12});
  }

  std::string dir_;
};

// A coded event line: source and target codes ("" for null), cameo,
// modality, evidence begin.
std::string Ev(const std::string& doc, const std::string& src, const std::string& tgt,
               const std::string& cameo, const std::string& modality = "asserted", int begin = 0) {
  auto actor = [](const std::string& code) {
    return code.empty() ? std::string("null") : "{\"code\": \"" + code + "\"}";
  };
  return "{\"doc_id\": \"" + doc + "\", \"source\": " + actor(src) + ", \"target\": " + actor(tgt) +
         ", \"cameo\": \"" + cameo + "\", \"modality\": \"" + modality +
         "\", \"evidence\": {\"text\": \"s\", \"begin\": " + std::to_string(begin) + "}}\n";
}

std::string GoldEv(const std::string& src, const std::string& tgt, const std::string& cameo,
                   const std::string& modality = "asserted") {
  auto code = [](const std::string& c) {
    return c.empty() ? std::string("null") : "\"" + c + "\"";
  };
  return "{\"source\": " + code(src) + ", \"target\": " + code(tgt) + ", \"cameo\": \"" + cameo +
         "\", \"modality\": \"" + modality + "\"}";
}

std::string Unit(const std::string& id, const std::vector<std::string>& events) {
  std::string out = "{\"id\": \"" + id + "\", \"events\": [";
  for (size_t i = 0; i < events.size(); ++i) out += (i ? ", " : "") + events[i];
  return out + "]}\n";
}

TEST_F(GoldEvalTest, ActorsCompareAtCountryOrOrganisationLevel) {
  EXPECT_EQ(GoldActorKey(std::string("USAGOV")), "USA");
  EXPECT_EQ(GoldActorKey(std::string(" usamil ")), "USA");
  EXPECT_EQ(GoldActorKey(std::string("IGOUNOKID")), "IGOUNO");
  EXPECT_EQ(GoldActorKey(std::string("NGOAMN")), "NGOAMN");
  EXPECT_EQ(GoldActorKey(std::string("IMGREB")), "IMGREB");
  EXPECT_EQ(GoldActorKey(std::string("---REB")), std::nullopt);
  EXPECT_EQ(GoldActorKey(std::string("")), std::nullopt);
  EXPECT_EQ(GoldActorKey(std::nullopt), std::nullopt);
  EXPECT_EQ(GoldActorKey(std::string("  ")), "");  // as score_gold.py: not None
  EXPECT_STREQ(ActorKind(std::string("RUSGOV")), "country");
  EXPECT_STREQ(ActorKind(std::string("IGOEEC")), "igo/ngo");
  EXPECT_STREQ(ActorKind(std::string("---GOV")), "unknown");
  EXPECT_STREQ(ActorKind(std::nullopt), "none");
}

TEST_F(GoldEvalTest, SymmetricCodesMatchBothWaysAndTheirReverseIsNotCounted) {
  std::string gold = Unit("u1", {GoldEv("USAGOV", "RUSGOV", "040")}) +
                     Unit("u2", {GoldEv("USAGOV", "RUSGOV", "112")});
  std::string events = Ev("u1", "RUS", "USA", "043") +               // root 04, reversed: matches
                       Ev("u1", "RUS", "USAGOV", "046", "future") +  // reverse again: ignored
                       Ev("u2", "RUS", "USA", "112");                // not symmetric: spurious
  EvalReport r = Score(gold, events);
  EXPECT_EQ(r.gold_events, 2u);
  EXPECT_EQ(r.matched, 1u);
  EXPECT_EQ(r.coded_events, 2u);
  EXPECT_EQ(r.reversed_symmetric, 1u);
  EXPECT_EQ(r.direction_errors, 1u);  // u2: same root, actors reversed
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].id, "u2");

  // Only the gold event's reverse is forgiven: another event in the gold
  // direction counts against precision (as score_gold.py).
  r = Score(Unit("u1", {GoldEv("USA", "RUS", "040")}),
            Ev("u1", "RUS", "USA", "043") + Ev("u1", "USA", "RUS", "046"));
  EXPECT_EQ(r.matched, 1u);
  EXPECT_EQ(r.coded_events, 2u);
  EXPECT_EQ(r.reversed_symmetric, 0u);
}

TEST_F(GoldEvalTest, SymmetricIsDecidedByTheGoldCode) {
  // 042 is not symmetric even though the coded 040 is.
  EvalReport r = Score(Unit("u1", {GoldEv("USA", "RUS", "042")}), Ev("u1", "RUS", "USA", "040"));
  EXPECT_EQ(r.matched, 0u);
  EXPECT_EQ(r.coded_events, 1u);
}

TEST_F(GoldEvalTest, RepeatedEventsOfAUnitCountOnce) {
  std::string gold = Unit("u1", {GoldEv("USAGOV", "PRKGOV", "112")});
  std::string events = Ev("u1", "USAGOV", "PRK", "112") +
                       Ev("u1", "USA", "PRKGOV", "111") +          // same key: dropped
                       Ev("u1", "USA", "PRK", "112", "alleged") +  // other modality: kept
                       Ev("u2", "USA", "PRK", "112");              // not in the gold
  EvalReport r = Score(gold, events);
  EXPECT_EQ(r.duplicate_events, 1u);
  EXPECT_EQ(r.events_not_in_gold, 1u);
  EXPECT_EQ(r.coded_events, 2u);
  EXPECT_EQ(r.matched, 1u);
  EXPECT_EQ(r.matched_with_modality, 1u);
}

TEST_F(GoldEvalTest, UnknownActorsAreNone) {
  std::string gold = Unit("u1", {GoldEv("---REB", "AFGMIL", "190", "alleged")});
  std::string events = Ev("u1", "", "AFG", "193") + Ev("u1", "---GOV", "", "010");
  EvalReport r = Score(gold, events);
  EXPECT_EQ(r.matched, 1u);
  EXPECT_EQ(r.matched_with_modality, 0u);
  EXPECT_EQ(r.coded_events, 2u);
  EXPECT_EQ(r.by_source_kind["unknown"].gold, 1u);
  EXPECT_EQ(r.by_source_kind["none"].coded, 1u);
  EXPECT_EQ(r.by_source_kind["unknown"].coded, 1u);
  EXPECT_EQ(r.by_modality["alleged"].matched_gold, 1u);
  EXPECT_EQ(r.by_modality["alleged"].matched_with_modality, 0u);
  EXPECT_EQ(r.by_modality["asserted"].matched_coded, 1u);
}

TEST_F(GoldEvalTest, MatchingIsGreedyInGoldOrder) {
  // Both gold events could take the one coded event; the first does.
  std::string gold =
      Unit("u1", {GoldEv("USA", "RUS", "040", "future"), GoldEv("RUS", "USA", "043")});
  EvalReport r = Score(gold, Ev("u1", "RUS", "USA", "043"));
  EXPECT_EQ(r.matched, 1u);
  EXPECT_EQ(r.matched_with_modality, 0u);  // taken by the future 040
  ASSERT_EQ(r.errors.size(), 1u);
  ASSERT_EQ(r.errors[0].missed.size(), 1u);
  EXPECT_EQ(r.errors[0].missed[0].cameo, "043");
}

TEST_F(GoldEvalTest, UnitsCountOnlyEventsInTheirText) {
  // "Cafe" + U+0301 is "Café" in NFC: 5 bytes, so the text begins at 7.
  std::string units =
      "{\"id\": \"u1\", \"context\": \"Cafe\\u0301\", \"text\": \"x\"}\n"
      "{\"id\": \"u2\", \"context\": \"\", \"text\": \"x\"}\n";
  std::string gold = Unit("u1", {GoldEv("USA", "RUS", "112")}) + Unit("u2", {}) + Unit("u3", {});
  std::string events = Ev("u1", "USA", "RUS", "112", "asserted", 6) +  // in the context
                       Ev("u1", "USA", "RUS", "111", "asserted", 7) +
                       Ev("u2", "USA", "RUS", "111", "asserted", 0);  // no context: counts
  EvalReport r = Score(gold, events, units);
  EXPECT_EQ(r.events_in_context, 1u);
  EXPECT_EQ(r.matched, 1u);
  EXPECT_EQ(r.coded_events, 2u);
  EXPECT_EQ(r.units_without_gold, 2u);
  EXPECT_EQ(r.false_alarm_units, 1u);
  EXPECT_DOUBLE_EQ(r.false_alarm_rate, 0.5);
}

TEST_F(GoldEvalTest, RootConfusionsPairMissedAndSpuriousEventsOfOneDyad) {
  std::string gold = Unit("u1", {GoldEv("USA", "IRN", "112"), GoldEv("FRA", "DEU", "040")}) +
                     Unit("u2", {GoldEv("USA", "IRN", "111")});
  std::string events = Ev("u1", "USAGOV", "IRN", "130") + Ev("u1", "GBR", "DEU", "040") +
                       Ev("u2", "IRN", "USA", "080");  // reversed, other root
  EvalReport r = Score(gold, events);
  EXPECT_EQ(r.root_confused, 2u);
  ASSERT_EQ(r.root_confusions.size(), 2u);
  EXPECT_EQ(r.root_confusions[0].gold_root, "11");
  EXPECT_EQ(r.root_confusions[0].count, 1u);
  EXPECT_EQ(r.by_root["11"].gold, 2u);
  EXPECT_EQ(r.by_root["13"].coded, 1u);
}

TEST_F(GoldEvalTest, TextAndJsonCarryTheReferenceFigures) {
  EvalReport r = Score(Unit("u1", {GoldEv("USA", "RUS", "112")}) + Unit("u2", {}),
                       Ev("u1", "USA", "RUS", "112") + Ev("u1", "USA", "CHN", "130"));
  std::string text = EvalReportToText(r);
  EXPECT_NE(text.find("units 2  gold events 1  coded 2  matched 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("precision 0.500  recall 1.000  F1 0.667  (with modality: F1 0.667; "
                      "modality right on 100% of matches)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("units without gold events: 1, of which coded anyway: 0 (0%)\n"),
            std::string::npos)
      << text;
  auto j = nlohmann::json::parse(EvalReportToJson(r));
  EXPECT_EQ(j["f1"].get<double>(), 0.667);
  EXPECT_EQ(j["coded_events"].get<int>(), 2);
  EXPECT_EQ(j["errors"].size(), 1u);
}

TEST_F(GoldEvalTest, BadRecordsAreReportedWithFileAndLineAndTheRestKept) {
  std::string gold_path =
      Write("bad.gold.jsonl",
            Unit("u1", {GoldEv("USA", "RUS", "112")}) +
                "{\"id\": \"u2\", \"events\": [\n"                   // 2: malformed
                "\n"                                                 // 3: blank
                "[1, 2]\n"                                           // 4: not an object
                "{\"events\": []}\n"                                 // 5: no id
                "{\"id\": \"u3\", \"events\": {}}\n"                 // 6: events not a list
                "{\"id\": \"u4\", \"events\": [{\"source\": 5}]}\n"  // 7: source a number
                "{\"id\": \"u5\", \"events\": [\"x\"]}\n"            // 8: event a string
                "{\"id\": \"bad\xff\", \"events\": []}\n" +          // 9: invalid UTF-8
                Unit("u1", {GoldEv("USA", "RUS", "111")}) +          // 10: id again
                Unit("u6", {}));
  GoldSet gold;
  ASSERT_TRUE(ReadGoldFile(gold_path, &gold).ok());
  ASSERT_EQ(gold.units.size(), 2u);
  EXPECT_EQ(gold.units[0].id, "u1");
  EXPECT_EQ(gold.units[0].events[0].cameo, "111");  // the later line's events
  EXPECT_EQ(gold.units[1].id, "u6");
  ASSERT_EQ(gold.problems.size(), 8u);
  const int lines[] = {2, 4, 5, 6, 7, 8, 9, 10};
  for (size_t i = 0; i < gold.problems.size(); ++i) {
    std::string where = gold_path + ":" + std::to_string(lines[i]) + ": ";
    EXPECT_EQ(gold.problems[i].rfind(where, 0), 0u) << gold.problems[i];
  }

  std::vector<EvalEvent> events;
  std::vector<std::string> problems;
  std::string events_path =
      Write("bad.events.jsonl",
            Ev("u1", "USA", "RUS", "111") +
                "{\"doc_id\": \"u1\", \"source\": \"USA\"}\n"               // 2
                "{\"doc_id\": 7}\n"                                         // 3
                "{\"doc_id\": \"u1\", \"evidence\": {\"begin\": \"x\"}}\n"  // 4
                "{\"doc_id\": \"u1\", \"cameo\": [1]}\n"                    // 5
                "{\"doc_id\": \"u1\", \"cameo\": \"040\", \"evidence\": {\"begin\": 3.5}}\n");
  ASSERT_TRUE(ReadEvalEventsFile(events_path, &events, &problems).ok());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].begin, 3);
  ASSERT_EQ(problems.size(), 4u);
  for (size_t i = 0; i < problems.size(); ++i) {
    std::string where = events_path + ":" + std::to_string(i + 2) + ": ";
    EXPECT_EQ(problems[i].rfind(where, 0), 0u) << problems[i];
  }

  std::map<std::string, int64_t> offsets;
  problems.clear();
  std::string units_path =
      Write("bad.units.jsonl", "{\"id\": \"u1\", \"context\": null}\n{\"id\": \"u2\"}\n");
  ASSERT_TRUE(ReadUnitOffsetsFile(units_path, &offsets, &problems).ok());
  EXPECT_EQ(offsets.size(), 1u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind(units_path + ":1: ", 0), 0u) << problems[0];

  GoldSet none;
  Status missing = ReadGoldFile(dir_ + "/absent.jsonl", &none);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("absent.jsonl"), std::string::npos);
}

TEST_F(GoldEvalTest, SentenceWithWordsFindsTheGoldVerb) {
  std::string text = "Powell visits Haiti. He met the interim leaders on Friday.";
  EXPECT_EQ(SentenceWithWords(text, "met ... on Friday"), "He met the interim leaders on Friday.");
  EXPECT_EQ(SentenceWithWords(text, "talked"), text);
  EXPECT_EQ(SentenceWithWords(text, ""), text);
}

// --- differential test against score_gold.py ------------------------------

std::string SharedScorer() {
  return std::string(LADDER_SHARED_DIR) + "/data/gold-news/score_gold.py";
}

bool HavePythonScorer() {
  return access("/usr/bin/python3", X_OK) == 0 && access(SharedScorer().c_str(), R_OK) == 0;
}

// Runs score_gold.py --json on the files; the parsed JSON.
nlohmann::json RunPythonScorer(const std::string& gold, const std::string& events,
                               const std::string& units, const std::string& out) {
  std::string cmd = "/usr/bin/python3 '" + SharedScorer() + "' '" + gold + "' '" + events + "'" +
                    (units.empty() ? "" : " --units '" + units + "'") + " --json > '" + out + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::ifstream in(out);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str(), nullptr, false);
}

// Random gold and events from small alphabets, so that keys collide often.
struct RandomCase {
  std::string gold, events, units;
};

RandomCase MakeRandomCase(std::mt19937* rng) {
  const char* actors[] = {"USA",    "USAGOV", "usamil", "RUS", "RUSGOV", "IGOUNO", "IGOUNOKID",
                          "IGOEEC", "---REB", "---",    "",    "NGOAMN", "IMGREB", " RUS "};
  const char* codes[] = {"040", "041", "042", "043", "044", "046", "057", "0571", "190",
                         "193", "195", "111", "112", "130", "010", "4",   ""};
  const char* modalities[] = {"asserted", "future", "alleged", "hypothetical", "negated", ""};
  const char* contexts[] = {"", "Cafe\\u0301 talks", "HEADLINE", "Zu\\u0308rich"};
  auto pick = [rng](auto& list) {
    return list[std::uniform_int_distribution<size_t>(0, std::size(list) - 1)(*rng)];
  };
  auto small = [rng](int n) { return std::uniform_int_distribution<int>(0, n)(*rng); };
  RandomCase c;
  int units = 1 + small(5);
  for (int u = 0; u < units; ++u) {
    std::string id = "u" + std::to_string(u);
    std::vector<std::string> gold;
    for (int k = small(3); k > 0; --k) {
      gold.push_back(GoldEv(pick(actors), pick(actors), pick(codes), pick(modalities)));
    }
    c.gold += Unit(id, gold);
    c.units += "{\"id\": \"" + id + "\", \"context\": \"" + pick(contexts) + "\"}\n";
  }
  for (int k = small(12); k > 0; --k) {
    std::string doc = "u" + std::to_string(small(units));  // sometimes not in the gold
    c.events += Ev(doc, pick(actors), pick(actors), pick(codes), pick(modalities), small(14));
  }
  return c;
}

void ExpectSameAsPython(const EvalReport& r, const nlohmann::json& py, const std::string& what) {
  ASSERT_TRUE(py.is_object()) << what;
  EXPECT_EQ(py["units"].get<size_t>(), r.units) << what;
  EXPECT_EQ(py["gold_events"].get<size_t>(), r.gold_events) << what;
  EXPECT_EQ(py["coded_events"].get<size_t>(), r.coded_events) << what;
  EXPECT_EQ(py["matched"].get<size_t>(), r.matched) << what;
  auto ours = nlohmann::json::parse(EvalReportToJson(r));
  for (const char* key :
       {"precision", "recall", "f1", "f1_with_modality", "modality_accuracy_on_matched",
        "false_alarm_rate_on_units_without_events"}) {
    EXPECT_EQ(py[key].get<double>(), ours[key].get<double>()) << what << ": " << key;
  }
}

TEST_F(GoldEvalTest, SameCountsAsScoreGoldOnRandomFiles) {
  if (!HavePythonScorer()) {
    GTEST_SKIP() << "needs /usr/bin/python3 and " << SharedScorer()
                 << " (../shared is absent in a user's clone; CI has it)";
  }
  std::mt19937 rng(20261207);
  for (int round = 0; round < 40; ++round) {
    RandomCase c = MakeRandomCase(&rng);
    bool with_units = round % 2 == 1;
    std::string gold = Write("r.gold.jsonl", c.gold);
    std::string events = Write("r.events.jsonl", c.events);
    std::string units = with_units ? Write("r.units.jsonl", c.units) : "";
    nlohmann::json py = RunPythonScorer(gold, events, units, dir_ + "/py.json");
    EvalReport r = Score(c.gold, c.events, with_units ? c.units : "");
    ExpectSameAsPython(r, py, "round " + std::to_string(round) + "\n" + c.gold + c.events);
    if (HasFailure()) break;
  }
}

}  // namespace
}  // namespace ladder
