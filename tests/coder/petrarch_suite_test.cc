// CI floor for the PETRARCH validation suite: the pass rate must not fall
// below the figure recorded in BENCHMARKS.md ("PETRARCH suite CI floor: N%").
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "ladder/validate.h"

namespace ladder {
namespace {

double RecordedFloor() {
  std::ifstream in(std::string(LADDER_SOURCE_DIR) + "/BENCHMARKS.md");
  std::stringstream text;
  text << in.rdbuf();
  std::smatch m;
  std::string s = text.str();
  static const std::regex kFloor(R"(PETRARCH suite CI floor: ([0-9]+(\.[0-9]+)?)%)");
  if (!std::regex_search(s, m, kFloor)) return -1;
  return std::stod(m[1].str()) / 100.0;
}

TEST(PetrarchSuiteTest, PassRateStaysAboveRecordedFloor) {
  std::string suite = std::string(LADDER_SHARED_DIR) +
                      "/data/petrarch2-validation/PETR.UnitTest.records.xml";
  if (!std::ifstream(suite)) {
    GTEST_SKIP() << "PETRARCH suite not found at " << suite
                 << " (../shared is absent in a user's clone; CI has it)";
  }
  double floor = RecordedFloor();
  ASSERT_GT(floor, 0.0) << "BENCHMARKS.md has no 'PETRARCH suite CI floor: N%' line";
  ValidateOptions options;
  options.explain_failures = false;
  auto report = RunValidation(suite, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_GT(report->records, 270u);
  EXPECT_GE(report->pass_rate, floor)
      << "pass rate " << report->pass_rate << " fell below the recorded floor "
      << floor << " (BENCHMARKS.md)";
  std::printf("PETRARCH suite: %d records, pass rate %.3f, precision %.3f, "
              "recall %.3f, F1 %.3f\n",
              static_cast<int>(report->records), report->pass_rate, report->precision,
              report->recall, report->f1);
}

}  // namespace
}  // namespace ladder
