// Golden tests: hand-written sentences with the events an analyst expects.
//
// Files: tests/golden/*.test (must all pass) and tests/golden/known_failures/*.test (cases the
// coder gets wrong today; run and reported, never failing the build, so they stay tracked).
//
// File format (DuckDB-like, one case after another):
//
//   # a comment (lines starting with '#'; blank lines are ignored between cases)
//   date: 2023-09-08
//   [options: keep-one-sided]
//   text: North Korea fired two ballistic missiles toward Japan on Thursday.
//   ----
//   PRK JPN 195 asserted 2023-09-07
//   ====
//
// - `options: keep-one-sided` (optional, between `date:` and `text:`) codes the case with
//   EngineOptions::keep_one_sided, for cases about the clause analysis of events whose other side
//   is not named (which ladder code drops by default).
// - `date:` (the document date, YYYY-MM-DD) and `text:` (the whole document on one line; several
//   sentences are allowed, for later mentions) are required, in that order.
// - Between `----` and `====`: one expected event a line,
//     SOURCE TARGET CAMEO MODALITY [DATE] [attribution=CODE]
//   SOURCE/TARGET: the actor code as ladder prints it (RUSGOV, PRK, IGOUNO) or `-` for none.
//   CAMEO: the code ("195", "0841"), or a prefix of at least 2 digits ending in `*` ("19*" accepts
//   any 19x code, "084*" accepts 084 and 0841).
//   MODALITY: asserted | negated | future | hypothetical | alleged.
//   DATE (optional): the event date, exact ("2023-09-07") or a prefix ending in `*` ("2019*");
//   when omitted the date is not checked.
//   attribution=CODE (optional): who claims an alleged event; `attribution=-` means none. When
//   omitted the attribution is not checked.
//   An empty block means "this text codes no event".
//
// Matching rule: the multiset of coded events (source, target, cameo, modality[, date]
// [, attribution]) must equal the multiset of expected lines: same number of events, and a
// one-to-one assignment of expected lines to coded events in which every pair matches.
//
// To add a regression case for a bug: append a case to the topic file (or add a new .test file);
// if the coder cannot pass it yet, put it under known_failures/ and move it back once fixed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ladder/engine.h"
#include "ladder/event.h"

namespace {

namespace fs = std::filesystem;

struct ExpectedEvent {
  std::string source, target, cameo, modality;
  std::string date;         // empty: not checked
  bool check_attribution = false;
  std::string attribution;  // "-" for none
  std::string line_text;
};

struct GoldenCase {
  std::string file;
  int line = 0;  // the `date:` line
  std::string date, text;
  bool keep_one_sided = false;  // `options: keep-one-sided`
  std::vector<ExpectedEvent> expected;
  std::string Where() const { return file + ":" + std::to_string(line); }
};

bool PrefixOrExact(const std::string& pattern, const std::string& value) {
  if (!pattern.empty() && pattern.back() == '*') {
    return value.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  }
  return pattern == value;
}

bool ParseExpectedLine(const std::string& line, ExpectedEvent* out, std::string* error) {
  static const std::regex kActor(R"(-|[A-Z-]{3,15})");
  static const std::regex kCameo(R"([0-9]{2,4}[A-Z]?|[0-9]{2,3}\*)");
  static const std::regex kDate(R"([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}(-[0-9]{2}){0,2}-?\*)");
  std::istringstream in(line);
  std::vector<std::string> f;
  for (std::string w; in >> w;) f.push_back(w);
  if (f.size() < 4 || f.size() > 6) {
    *error = "expected 'SOURCE TARGET CAMEO MODALITY [DATE] [attribution=CODE]'";
    return false;
  }
  ExpectedEvent e;
  e.line_text = line;
  e.source = f[0];
  e.target = f[1];
  e.cameo = f[2];
  e.modality = f[3];
  if (!std::regex_match(e.source, kActor)) { *error = "bad source code '" + f[0] + "'"; return false; }
  if (!std::regex_match(e.target, kActor)) { *error = "bad target code '" + f[1] + "'"; return false; }
  if (!std::regex_match(e.cameo, kCameo)) { *error = "bad CAMEO code '" + f[2] + "'"; return false; }
  ladder::Modality m;
  if (!ladder::ParseModality(e.modality, &m)) {
    *error = "bad modality '" + f[3] + "'";
    return false;
  }
  bool seen_date = false;
  for (size_t i = 4; i < f.size(); ++i) {
    if (f[i].rfind("attribution=", 0) == 0) {
      if (e.check_attribution) { *error = "attribution given twice"; return false; }
      e.check_attribution = true;
      e.attribution = f[i].substr(12);
      if (!std::regex_match(e.attribution, kActor)) {
        *error = "bad attribution code '" + e.attribution + "'";
        return false;
      }
    } else if (!seen_date && !e.check_attribution && std::regex_match(f[i], kDate)) {
      seen_date = true;
      e.date = f[i];
    } else {
      *error = "unexpected field '" + f[i] + "'";
      return false;
    }
  }
  *out = e;
  return true;
}

// Parses one .test file strictly; every problem is reported as "file:line: message".
std::vector<GoldenCase> ParseGoldenText(const std::string& file, const std::string& content,
                                        std::vector<std::string>* errors) {
  static const std::regex kDocDate(R"([0-9]{4}-[0-9]{2}-[0-9]{2})");
  std::vector<GoldenCase> cases;
  enum class State { kBetween, kHaveDate, kHaveText, kExpected } state = State::kBetween;
  GoldenCase cur;
  std::istringstream in(content);
  std::string line;
  int n = 0;
  auto fail = [&](const std::string& msg) {
    errors->push_back(file + ":" + std::to_string(n) + ": " + msg);
  };
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const bool blank = line.find_first_not_of(" \t") == std::string::npos;
    if (state == State::kExpected) {
      if (line == "====") {
        cases.push_back(cur);
        state = State::kBetween;
      } else if (blank) {
        fail("blank line inside an expected block (end the case with ====)");
      } else if (line[0] == '#') {
        // comment inside the block
      } else {
        ExpectedEvent e;
        std::string error;
        if (ParseExpectedLine(line, &e, &error)) {
          cur.expected.push_back(e);
        } else {
          fail(error);
        }
      }
      continue;
    }
    if (blank || line[0] == '#') {
      if (state != State::kBetween && !blank) continue;  // comments allowed anywhere
      if (state == State::kBetween) continue;
      fail("blank line inside a case header");
      continue;
    }
    if (line.rfind("date:", 0) == 0) {
      if (state != State::kBetween) { fail("'date:' before the previous case ended"); }
      cur = GoldenCase();
      cur.file = file;
      cur.line = n;
      cur.date = line.substr(5);
      cur.date.erase(0, cur.date.find_first_not_of(' '));
      if (!std::regex_match(cur.date, kDocDate)) fail("bad date '" + cur.date + "'");
      state = State::kHaveDate;
    } else if (line.rfind("options:", 0) == 0) {
      if (state != State::kHaveDate) { fail("'options:' must follow 'date:'"); continue; }
      std::string value = line.substr(8);
      value.erase(0, value.find_first_not_of(' '));
      if (value != "keep-one-sided") fail("unknown options '" + value + "' (known: keep-one-sided)");
      cur.keep_one_sided = true;
    } else if (line.rfind("text:", 0) == 0) {
      if (state != State::kHaveDate) { fail("'text:' must follow 'date:'"); continue; }
      cur.text = line.substr(5);
      cur.text.erase(0, cur.text.find_first_not_of(' '));
      if (cur.text.empty()) fail("empty text");
      state = State::kHaveText;
    } else if (line == "----") {
      if (state != State::kHaveText) { fail("'----' must follow 'date:' and 'text:'"); continue; }
      state = State::kExpected;
    } else {
      fail("unexpected line '" + line + "' (expected date:, text:, ----, or a # comment)");
    }
  }
  if (state != State::kBetween) {
    errors->push_back(file + ":" + std::to_string(n) + ": file ends inside a case (missing ====)");
  }
  return cases;
}

std::string GoldenDir() { return std::string(LADDER_SOURCE_DIR) + "/tests/golden"; }

std::vector<std::string> TestFiles(const std::string& dir) {
  std::vector<std::string> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".test") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<GoldenCase> LoadDir(const std::string& dir, std::vector<std::string>* errors) {
  std::vector<GoldenCase> all;
  for (const std::string& path : TestFiles(dir)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string rel = fs::relative(path, GoldenDir()).string();
    auto cases = ParseGoldenText("tests/golden/" + rel, ss.str(), errors);
    all.insert(all.end(), cases.begin(), cases.end());
  }
  return all;
}

std::string Code(const std::optional<ladder::Actor>& a) {
  return a && !a->code.empty() ? a->code : "-";
}

std::string Describe(const ladder::Event& e) {
  std::string s = Code(e.source) + " " + Code(e.target) + " " + e.cameo + " " +
                  ladder::ModalityName(e.modality) + " " + e.date;
  if (e.attribution) s += " attribution=" + *e.attribution;
  s += "   (verb: " + e.verb + ")";
  return s;
}

bool Matches(const ExpectedEvent& x, const ladder::Event& e) {
  if (x.source != Code(e.source) || x.target != Code(e.target)) return false;
  if (!PrefixOrExact(x.cameo, e.cameo)) return false;
  if (x.modality != ladder::ModalityName(e.modality)) return false;
  if (!x.date.empty() && !PrefixOrExact(x.date, e.date)) return false;
  if (x.check_attribution && x.attribution != (e.attribution ? *e.attribution : "-")) {
    return false;
  }
  return true;
}

// A one-to-one assignment of expected lines to coded events (augmenting paths).
bool PerfectMatch(const std::vector<ExpectedEvent>& expected,
                  const std::vector<ladder::Event>& coded) {
  if (expected.size() != coded.size()) return false;
  std::vector<int> owner(coded.size(), -1);
  std::function<bool(size_t, std::vector<bool>&)> assign = [&](size_t i, std::vector<bool>& seen) {
    for (size_t j = 0; j < coded.size(); ++j) {
      if (seen[j] || !Matches(expected[i], coded[j])) continue;
      seen[j] = true;
      if (owner[j] < 0 || assign(owner[j], seen)) {
        owner[j] = static_cast<int>(i);
        return true;
      }
    }
    return false;
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    std::vector<bool> seen(coded.size(), false);
    if (!assign(i, seen)) return false;
  }
  return true;
}

std::unique_ptr<ladder::Engine> OpenEngine(bool keep_one_sided) {
  ladder::EngineOptions options;
  options.keep_one_sided = keep_one_sided;
  auto opened = ladder::Engine::Open(options);
  if (!opened.ok()) {
    ADD_FAILURE() << "cannot open the engine: " << opened.status().ToString();
    std::abort();
  }
  return std::move(*opened);
}

// The engine a case is coded with: ladder's defaults, or with every one-sided event kept.
const ladder::Engine& SharedEngine(bool keep_one_sided = false) {
  static std::unique_ptr<ladder::Engine> plain = OpenEngine(false);
  static std::unique_ptr<ladder::Engine> one_sided = OpenEngine(true);
  return keep_one_sided ? *one_sided : *plain;
}

struct Outcome {
  bool pass = false;
  std::string report;  // filled on failure
};

Outcome RunCase(const GoldenCase& c, bool with_trace) {
  const ladder::Engine& engine = SharedEngine(c.keep_one_sided);
  Outcome out;
  ladder::Document doc;
  doc.id = "golden";
  doc.date = c.date;
  doc.text = c.text;
  auto result = engine.Code(doc);
  std::ostringstream r;
  if (!result.ok()) {
    r << c.Where() << ": coding failed: " << result.status().ToString() << "\n";
    out.report = r.str();
    return out;
  }
  const auto& events = result->events;
  out.pass = PerfectMatch(c.expected, events);
  if (out.pass) return out;
  r << c.Where() << ": " << c.text << "\n  expected:\n";
  if (c.expected.empty()) r << "    (no events)\n";
  for (const auto& x : c.expected) r << "    " << x.line_text << "\n";
  r << "  coded:" << (result->discarded ? " (story discarded)" : "") << "\n";
  if (events.empty()) r << "    (no events)\n";
  for (const auto& e : events) r << "    " << Describe(e) << "\n";
  if (with_trace) {
    std::string trace = engine.Explain(c.text, c.date);
    r << "  explain:\n";
    std::istringstream lines(trace);
    for (std::string l; std::getline(lines, l);) {
      if (l.rfind("  {\"event_id\"", 0) == 0) continue;  // the JSON repeats the coded lines
      r << "    | " << l << "\n";
    }
  }
  out.report = r.str();
  return out;
}

TEST(GoldenFiles, ParseStrictly) {
  std::vector<std::string> errors;
  auto passing = LoadDir(GoldenDir(), &errors);
  auto known = LoadDir(GoldenDir() + "/known_failures", &errors);
  for (const auto& e : errors) ADD_FAILURE() << e;
  EXPECT_FALSE(passing.empty()) << "no cases found in " << GoldenDir();
  // Every case text appears once across both folders (a case moved, not copied).
  std::map<std::string, std::string> seen;
  for (const auto* set : {&passing, &known}) {
    for (const auto& c : *set) {
      auto [it, fresh] = seen.emplace(c.date + "|" + c.text, c.Where());
      EXPECT_TRUE(fresh) << c.Where() << ": duplicate of " << it->second;
    }
  }
}

TEST(GoldenFiles, ParserReportsFileAndLine) {
  std::vector<std::string> errors;
  auto ok = ParseGoldenText("ok.test",
                            "# c\ndate: 2023-09-08\ntext: A.\n----\nRUS UKR 19* asserted "
                            "2023-09-07 attribution=-\n====\n\ndate: 2023-09-08\ntext: B.\n----\n====\n",
                            &errors);
  EXPECT_TRUE(errors.empty()) << errors[0];
  ASSERT_EQ(ok.size(), 2u);
  EXPECT_EQ(ok[0].line, 2);
  ASSERT_EQ(ok[0].expected.size(), 1u);
  EXPECT_EQ(ok[0].expected[0].date, "2023-09-07");
  EXPECT_TRUE(ok[0].expected[0].check_attribution);
  EXPECT_TRUE(ok[1].expected.empty());
  const std::pair<const char*, const char*> bad[] = {
      {"date: 2023-9-8\ntext: A.\n----\n====\n", "bad.test:1:"},
      {"text: A.\n----\n====\n", "bad.test:1:"},
      {"date: 2023-09-08\ntext: A.\n----\nRUS UKR 1* asserted\n====\n", "bad.test:4:"},
      {"date: 2023-09-08\ntext: A.\n----\nRUS UKR 190 maybe\n====\n", "bad.test:4:"},
      {"date: 2023-09-08\ntext: A.\n----\nRUS UKR 190\n====\n", "bad.test:4:"},
      {"date: 2023-09-08\ntext: A.\n----\nRUS UKR 190 asserted extra\n====\n", "bad.test:4:"},
      {"date: 2023-09-08\ntext: A.\n----\nRUS UKR 190 asserted\n", "bad.test:4:"},
      {"date: 2023-09-08\nbody: A.\n----\n====\n", "bad.test:2:"},
  };
  for (const auto& [text, where] : bad) {
    std::vector<std::string> errs;
    ParseGoldenText("bad.test", text, &errs);
    ASSERT_FALSE(errs.empty()) << "accepted: " << text;
    EXPECT_EQ(errs[0].rfind(where, 0), 0u) << errs[0];
  }
}

TEST(GoldenFiles, MatchingRule) {
  ladder::Event a;
  a.source = ladder::Actor{"RUS", "RUS", "", "Russia"};
  a.target = ladder::Actor{"UKR", "UKR", "", "Ukraine"};
  a.cameo = "0841";
  a.date = "2023-09-07";
  ladder::Event b = a;
  b.cameo = "190";
  std::vector<std::string> errors;
  auto cases = ParseGoldenText("m.test",
                               "date: 2023-09-08\ntext: x\n----\nRUS UKR 19* asserted\n"
                               "RUS UKR 084* asserted 2023-09*\n====\n",
                               &errors);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_TRUE(PerfectMatch(cases[0].expected, {a, b}));
  EXPECT_TRUE(PerfectMatch(cases[0].expected, {b, a}));
  EXPECT_FALSE(PerfectMatch(cases[0].expected, {a, a}));
  EXPECT_FALSE(PerfectMatch(cases[0].expected, {a}));
  EXPECT_FALSE(PerfectMatch(cases[0].expected, {a, b, b}));
  b.modality = ladder::Modality::kFuture;
  EXPECT_FALSE(PerfectMatch(cases[0].expected, {a, b}));
}

// The suite's coverage: every CAMEO root 01..20 and every modality.
TEST(GoldenFiles, Coverage) {
  std::vector<std::string> errors;
  auto cases = LoadDir(GoldenDir(), &errors);
  std::map<std::string, std::set<std::string>> roots;  // root -> case locations
  std::map<std::string, std::set<std::string>> modalities;
  for (const auto& c : cases) {
    for (const auto& x : c.expected) {
      roots[x.cameo.substr(0, 2)].insert(c.Where());
      modalities[x.modality].insert(c.Where());
    }
  }
  for (int r = 1; r <= 20; ++r) {
    char root[3];
    std::snprintf(root, sizeof root, "%02d", r);
    EXPECT_GE(roots[root].size(), 5u) << "CAMEO root " << root << " has too few passing cases";
  }
  for (const char* m : {"asserted", "negated", "future", "hypothetical", "alleged"}) {
    EXPECT_GE(modalities[m].size(), 12u) << "modality " << m << " has too few passing cases";
  }
}

// Test listings show a case as "file:line".
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.Where(); }

// The cases of a folder, for the parameterised tests below (parse errors
// fail GoldenFiles.ParseStrictly).
std::vector<GoldenCase> CasesIn(const std::string& dir) {
  std::vector<std::string> errors;
  return LoadDir(dir, &errors);
}

// "actors_12": the file's stem and the case's line, as a test name.
std::string CaseName(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name =
      fs::path(info.param.file).stem().string() + "_" + std::to_string(info.param.line);
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

// Each case of tests/golden/*.test is a test of its own
// (--gtest_filter='Golden/GoldenCaseTest.Codes/actors_12').
class GoldenCaseTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenCaseTest, Codes) {
  Outcome o = RunCase(GetParam(), /*with_trace=*/true);
  EXPECT_TRUE(o.pass) << o.report;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenCaseTest, ::testing::ValuesIn(CasesIn(GoldenDir())),
                         CaseName);

// Known coder limitations (tests/golden/known_failures/): each must still
// fail. One that passes fails here, so that it is moved back to
// tests/golden/ and kept passing from then on.
class KnownFailureTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(KnownFailureTest, StillFails) {
  Outcome o = RunCase(GetParam(), /*with_trace=*/false);
  EXPECT_FALSE(o.pass) << GetParam().Where() << ": " << GetParam().text
                       << "\n  passes now: move it back to tests/golden/";
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(KnownFailureTest);
INSTANTIATE_TEST_SUITE_P(KnownFailures, KnownFailureTest,
                         ::testing::ValuesIn(CasesIn(GoldenDir() + "/known_failures")), CaseName);

}  // namespace
