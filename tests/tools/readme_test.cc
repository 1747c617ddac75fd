// The README's commands name files that exist, and what the quick start
// writes is git-ignored (issue 14, item 11).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

std::string Read(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ReadmeTest, ExampleFilesExist) {
  const std::string root = LADDER_SOURCE_DIR;
  std::string readme = Read(root + "/README.md");
  ASSERT_FALSE(readme.empty());
  std::regex file(R"((examples|scripts)/[A-Za-z0-9_.\-]+)");
  int named = 0;
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), file);
       it != std::sregex_iterator(); ++it) {
    ++named;
    EXPECT_TRUE(std::filesystem::exists(root + "/" + it->str())) << it->str();
  }
  EXPECT_GT(named, 3);
  // The commands' plain-text example and the corpus converter are shown.
  EXPECT_NE(readme.find("ladder code examples/article.txt"), std::string::npos);
  EXPECT_NE(readme.find("corpus_to_jsonl.py"), std::string::npos);
}

TEST(ReadmeTest, QuickstartOutputsAreIgnored) {
  const std::string root = LADDER_SOURCE_DIR;
  std::string script = Read(root + "/scripts/quickstart.sh");
  std::string ignore = Read(root + "/.gitignore");
  ASSERT_NE(script.find("examples-events.jsonl"), std::string::npos);
  EXPECT_NE(ignore.find("examples-events.jsonl"), std::string::npos);
  EXPECT_NE(script.find("quickstart.db"), std::string::npos);
  EXPECT_NE(ignore.find("*.db"), std::string::npos);
  EXPECT_NE(ignore.find("build*/"), std::string::npos);
}

} // namespace
