// Regression: `ladder code --dict DIR input.jsonl` took the input file as a
// second dictionary ("unrecognised dictionary format").
#include <cstdio>
#include <string>

#include "gtest/gtest.h"

namespace {

std::string RunLadder(const std::string& args, int* status) {
  std::string command = std::string(LADDER_BINARY) + " " + args + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  *status = pclose(pipe);
  return out;
}

TEST(DictOptionTest, DictTakesOneValueSoInputsMayFollow) {
  const std::string src = LADDER_SOURCE_DIR;
  int status = 0;
  std::string out = RunLadder("code --dict " + src + "/data " + src +
                                  "/examples/news.jsonl",
                              &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(out.find("unrecognised dictionary format"), std::string::npos) << out;
  EXPECT_NE(out.find("\"cameo\""), std::string::npos) << out;
}

}  // namespace
