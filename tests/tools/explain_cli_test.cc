// `ladder explain FILE --sentence N` explains sentence N inside its document:
// pronouns and aliases resolve as `ladder code` resolves them (issue 14,
// item 10).
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli_fixture.h"

namespace {

using ladder::testing::CliFixture;
using ladder::testing::CliRun;
using ladder::testing::Quote;

class ExplainCliTest : public CliFixture {};

TEST_F(ExplainCliTest, SentenceInItsDocument) {
  std::string path =
      Write("p.txt",
            "South Korean President Yoon Suk Yeol condemned Japan on Monday. "
            "He also criticized China.\n");
  CliRun alone =
      Ladder("explain 'He also criticized China.' --date 2023-09-08");
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_EQ(alone.out.find("pronoun 'he' -> KOR"), std::string::npos)
      << alone.out;

  CliRun in_doc =
      Ladder("explain " + Quote(path) + " --sentence 2 --date 2023-09-08");
  ASSERT_EQ(in_doc.exit_code, 0) << in_doc.err;
  EXPECT_NE(in_doc.out.find("sentence 2: He also criticized China."),
            std::string::npos)
      << in_doc.out;
  EXPECT_EQ(in_doc.out.find("condemned Japan"), std::string::npos)
      << "only sentence 2 is traced" << in_doc.out;
  EXPECT_NE(in_doc.out.find("pronoun 'he' -> KOR"), std::string::npos)
      << in_doc.out;

  // The events it lists are the ones `ladder code` gives for sentence 2.
  CliRun code = Ladder("code -q --date 2023-09-08 " + Quote(path));
  ASSERT_EQ(code.exit_code, 0) << code.err;
  std::stringstream lines(code.out);
  std::string line;
  int from_code = 0;
  while (std::getline(lines, line)) {
    if (line.find("\"sentence\": 2,") == std::string::npos)
      continue;
    ++from_code;
    EXPECT_NE(in_doc.out.find(line), std::string::npos) << line << "\n"
                                                        << in_doc.out;
  }
  EXPECT_GT(from_code, 0);
}

TEST_F(ExplainCliTest, SaysWhenCodeKeepsNoneOfTheSentencesEvents) {
  // "Russia reached an agreement." has no target: traced, but `code` keeps
  // no one-sided 057; the explanation must not leave "coded:" empty.
  std::string path =
      Write("one.txt", "Russia condemned Ukraine. Russia reached an agreement.\n");
  CliRun r = Ladder("explain " + Quote(path) + " --sentence 2 --date 2023-09-08");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CliRun code = Ladder("code -q --date 2023-09-08 " + Quote(path));
  ASSERT_EQ(code.exit_code, 0) << code.err;
  EXPECT_EQ(code.out.find("\"sentence\": 2,"), std::string::npos) << code.out;
  EXPECT_NE(r.out.find("events: 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  none (events traced above may be left out"), std::string::npos)
      << r.out;
  CliRun first = Ladder("explain " + Quote(path) + " --sentence 1 --date 2023-09-08");
  EXPECT_EQ(first.out.find("  none ("), std::string::npos) << first.out;
}

TEST_F(ExplainCliTest, SentenceOutOfRangeAndMissingDate) {
  std::string path = Write("p.txt", "Russia condemned Ukraine.\n");
  CliRun r =
      Ladder("explain " + Quote(path) + " --sentence 3 --date 2023-09-08");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("no sentence 3"), std::string::npos) << r.err;
  CliRun undated = Ladder("explain " + Quote(path) + " --sentence 1");
  EXPECT_EQ(undated.exit_code, 2) << undated.err;
  EXPECT_NE(undated.err.find("no date"), std::string::npos) << undated.err;
}

} // namespace
