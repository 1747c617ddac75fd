// code -> GDELT / Phoenix -> import keeps what the events say: future,
// hypothetical, negated and alleged events are not written as facts, and a
// year-only date comes back as a year (issue 14, item 4).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "ladder/store.h"
#include "test_util.h"

namespace ladder::store {
namespace {

using testing::ScratchDir;

int RunLadder(const std::string &args, std::string *output) {
  std::string command =
      std::string("'") + LADDER_BINARY + "' " + args + " 2>&1";
  FILE *pipe = popen(command.c_str(), "r");
  if (pipe == nullptr)
    return -1;
  char buf[4096];
  size_t n;
  output->clear();
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0)
    output->append(buf, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Coded {
  int asserted = 0, other = 0, year_only_asserted = 0;
};

Coded CountJsonl(const std::string &path) {
  Coded c;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    bool asserted =
        line.find("\"modality\": \"asserted\"") != std::string::npos;
    (asserted ? c.asserted : c.other) += 1;
    if (asserted && line.find("\"date\": \"2019\"") != std::string::npos)
      ++c.year_only_asserted;
  }
  return c;
}

class RoundTripTest
    : public ::testing::TestWithParam<std::pair<const char *, const char *>> {};

TEST_P(RoundTripTest, CodeWriteImport) {
  const auto [output_format, import_format] = GetParam();
  ScratchDir dir;
  std::string docs =
      dir.Write("docs.jsonl", "{\"id\": \"r1\", \"date\": \"2023-09-08\", "
                              "\"text\": \"Russia attacked Ukraine in "
                              "2019. Russia will attack Poland. Russia "
                              "condemned Ukraine. If Ukraine joins NATO, "
                              "Russia could attack it.\"}\n");
  std::string out;
  std::string jsonl = dir.File("events.jsonl");
  ASSERT_EQ(RunLadder("code -q -o '" + jsonl + "' '" + docs + "'", &out), 0)
      << out;
  Coded coded = CountJsonl(jsonl);
  ASSERT_GT(coded.asserted, 0);
  ASSERT_GT(coded.other, 0) << "the sample must have a non-asserted event";
  ASSERT_GT(coded.year_only_asserted, 0)
      << "the sample must have a year-only date";

  std::string file = dir.File(std::string("events.") + output_format);
  ASSERT_EQ(RunLadder("code -q --format " + std::string(output_format) + " -o '" + file + "' '" +
                          docs + "'",
                      &out),
            0)
      << out;
  EXPECT_NE(out.find("not written"), std::string::npos) << out;
  std::string db = dir.File("t.db");
  int rc = RunLadder("import " + std::string(import_format) + " --db '" + db +
                         "' '" + file + "'",
                     &out);
  EXPECT_EQ(rc, 0) << out;
  auto store = Store::Open(db);
  ASSERT_TRUE(store.ok());
  auto rows = (*store)->Query(EventFilter{});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(static_cast<int>(rows->size()), coded.asserted);
  int year_only = 0;
  for (const StoredEvent &e : *rows) {
    EXPECT_EQ(e.modality, "asserted");
    year_only += e.date_precision == 1;
  }
  EXPECT_EQ(year_only, coded.year_only_asserted);
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTripTest,
                         ::testing::Values(std::make_pair("gdelt", "gdelt2"),
                                           std::make_pair("phoenix",
                                                          "phoenix")));

} // namespace
} // namespace ladder::store
