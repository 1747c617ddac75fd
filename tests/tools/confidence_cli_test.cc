// CLI tests of the event confidence: "confidence" in the JSONL record,
// --min-confidence, a bad --confidence file, and fit-confidence.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_fixture.h"

namespace ladder::testing {
namespace {

class ConfidenceCliTest : public CliFixture {};

constexpr const char* kDocs =
    R"({"id": "d1", "date": "2014-02-27", "text": "Russia condemned Ukraine. France met Germany in Paris. Police arrested protesters in Kenya."})"
    "\n"
    R"({"id": "d2", "date": "2014-02-27", "text": "Iran said it would not negotiate with the United States."})"
    "\n";

std::vector<double> Confidences(const std::string& jsonl) {
  std::vector<double> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    out.push_back(j.at("confidence").get<double>());
  }
  return out;
}

TEST_F(ConfidenceCliTest, MinConfidenceFilters) {
  std::string docs = Write("docs.jsonl", kDocs);
  CliRun all = Ladder("code -q " + Quote(docs));
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::vector<double> c = Confidences(all.out);
  ASSERT_GE(c.size(), 2u);
  for (double v : c) {
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, 1.0);
  }
  double top = *std::max_element(c.begin(), c.end());
  std::ostringstream t;
  t << top;
  CliRun some = Ladder("code -q --min-confidence " + t.str() + " " + Quote(docs));
  ASSERT_EQ(some.exit_code, 0) << some.err;
  std::vector<double> kept = Confidences(some.out);
  EXPECT_EQ(kept.size(), static_cast<size_t>(std::count_if(c.begin(), c.end(),
                                                           [&](double v) { return v >= top; })));
  for (double v : kept) EXPECT_GE(v, top);
}

TEST_F(ConfidenceCliTest, BadWeightsFileIsNamedWithItsLine) {
  std::string docs = Write("docs.jsonl", kDocs);
  std::string w = Write("w.txt", "# ladder confidence 1\nbias 0\nno_such_feature 1\n");
  CliRun r = Ladder("code -q --confidence " + Quote(w) + " " + Quote(docs));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(w + ":3: unknown feature 'no_such_feature'"), std::string::npos) << r.err;
}

TEST_F(ConfidenceCliTest, FitWritesALoadableWeightsFile) {
  std::string docs = Write("docs.jsonl", kDocs);
  std::string gold =
      Write("gold.jsonl",
            R"({"id": "d1", "events": [{"source": "RUS", "target": "UKR", "cameo": "111"}]})"
            "\n"
            R"({"id": "d2", "events": []})"
            "\n");
  std::string out = dir_ + "/fitted.txt";
  CliRun fit = Ladder("fit-confidence " + Quote(out) + " " + Quote(gold + ":" + docs));
  ASSERT_EQ(fit.exit_code, 0) << fit.err;
  EXPECT_NE(fit.out.find("in-sample"), std::string::npos) << fit.out;
  std::string text = ReadFile(out);
  EXPECT_EQ(text.rfind("# ladder confidence 1\n", 0), 0u) << text;
  EXPECT_NE(text.find("# training data: " + gold + ":" + docs), std::string::npos) << text;
  CliRun eval =
      Ladder("eval -q --confidence " + Quote(out) + " " + Quote(gold) + " " + Quote(docs));
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  EXPECT_NE(eval.out.find("reliability"), std::string::npos) << eval.out;
  EXPECT_NE(eval.out.find("precision/recall by minimum confidence"), std::string::npos);
}

}  // namespace
}  // namespace ladder::testing
