// `ladder dict compile` end to end: a snapshot codes byte-identically to the
// text dictionaries it was compiled from (ladder's own, a TABARI demo
// project, Phoenix when ../shared has it), every command that takes --dict
// accepts it, and bad snapshots or command lines give one error line and
// the documented exit code.
#include <gtest/gtest.h>

#include <cstring>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "cli_fixture.h"

namespace {

using ladder::testing::CliFixture;
using ladder::testing::CliRun;
using ladder::testing::Quote;
using ladder::testing::ReadFile;

const std::string kSource = LADDER_SOURCE_DIR;
const std::string kNews = kSource + "/examples/news.jsonl";
const std::string kDemoProject = kSource + "/tests/golden/tabari/demo.project";

// Sentences for the TABARI demo dictionaries (fictional actors).
constexpr const char* kDemoDocs =
    R"({"id": "d1", "date": "1995-01-01", "text": "Arnor restored full diplomatic ties with Gondor on Sunday."})"
    "\n"
    R"({"id": "d2", "date": "1995-01-02", "text": "Gondor asked Arnor for economic sanctions against Mordor."})"
    "\n"
    R"({"id": "d3", "date": "1995-01-05", "text": "Gondor criticized Mordor, Rohan accused Arnor, Arnor warned Gondor."})"
    "\n";

class SnapshotCliTest : public CliFixture {
 protected:
  // Compiles `dict_args` into dir_/name and returns its path.
  std::string Compile(const std::string& dict_args, const std::string& name) {
    std::string path = dir_ + "/" + name;
    CliRun r = Ladder("dict compile " + dict_args + " -o " + Quote(path));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("wrote " + path + ": ", 0), 0u) << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
    return path;
  }

  // `ladder code` with the text dictionaries and with the snapshot.
  void ExpectSameCoding(const std::string& text_dict_args, const std::string& snapshot,
                        const std::string& input) {
    CliRun text = Ladder("code -q " + text_dict_args + " " + Quote(input));
    CliRun snap = Ladder("code -q --dict " + Quote(snapshot) + " " + Quote(input));
    ASSERT_EQ(text.exit_code, 0) << text.err;
    ASSERT_EQ(snap.exit_code, 0) << snap.err;
    EXPECT_NE(text.out.find("\"cameo\""), std::string::npos) << text.out;
    EXPECT_EQ(snap.out, text.out);
    EXPECT_EQ(snap.err, text.err);
  }

  // `ladder dict check` and `dict stats` (less its timing line) agree.
  void ExpectSameDictReports(const std::string& text_dict_args,
                             const std::string& snapshot) {
    for (const char* action : {"check", "stats"}) {
      CliRun text = Ladder(std::string("dict ") + action + " " + text_dict_args);
      CliRun snap = Ladder(std::string("dict ") + action + " --dict " + Quote(snapshot));
      EXPECT_EQ(snap.exit_code, text.exit_code) << action;
      std::regex timing("load\\+compile [0-9.]+ s");
      EXPECT_EQ(std::regex_replace(snap.out, timing, ""),
                std::regex_replace(text.out, timing, ""))
          << action;
    }
  }
};

TEST_F(SnapshotCliTest, DefaultDictionariesCodeTheSame) {
  std::string snap = Compile("", "default.ldict");
  ExpectSameCoding("", snap, kNews);
  ExpectSameDictReports("", snap);
}

TEST_F(SnapshotCliTest, OwnDictionaryFolderCodesTheSame) {
  // The text run appends data/codes.txt to --dict data; the snapshot
  // carries it and is not given it twice.
  std::string snap = Compile("--dict " + Quote(kSource + "/data"), "own.ldict");
  ExpectSameCoding("--dict " + Quote(kSource + "/data"), snap, kNews);
  ExpectSameDictReports("--dict " + Quote(kSource + "/data"), snap);
}

TEST_F(SnapshotCliTest, WithDefaultDictCodesTheSame) {
  std::string demo = "--dict " + Quote(kDemoProject) + " --with-default-dict";
  std::string snap = Compile(demo, "demo_default.ldict");
  std::string input = Write("demo.jsonl", kDemoDocs);
  ExpectSameCoding(demo, snap, input);
  ExpectSameCoding(demo, snap, kNews);
}

TEST_F(SnapshotCliTest, LegacyTabariDictionaryCodesTheSame) {
  std::string snap = Compile("--dict " + Quote(kDemoProject), "demo.ldict");
  std::string input = Write("demo.jsonl", kDemoDocs);
  ExpectSameCoding("--dict " + Quote(kDemoProject), snap, input);
  ExpectSameDictReports("--dict " + Quote(kDemoProject), snap);
  // `ladder validate --dict` takes the snapshot too.
  CliRun text =
      Ladder("validate " + Quote(kDemoProject) + " --dict " + Quote(kDemoProject));
  CliRun fast = Ladder("validate " + Quote(kDemoProject) + " --dict " + Quote(snap));
  EXPECT_EQ(fast.exit_code, text.exit_code) << fast.err;
  std::regex timing("[0-9.]+ s\n");
  EXPECT_EQ(std::regex_replace(fast.out, timing, ""),
            std::regex_replace(text.out, timing, ""));
  EXPECT_NE(fast.out.find("records"), std::string::npos) << fast.out;
}

TEST_F(SnapshotCliTest, PhoenixDictionariesCodeTheSame) {
  std::string phoenix = std::string(LADDER_SHARED_DIR) + "/data/phoenix-dictionaries";
  if (!std::filesystem::exists(phoenix)) GTEST_SKIP() << phoenix << " not present";
  std::string snap = Compile("--dict " + Quote(phoenix), "phoenix.ldict");
  ExpectSameCoding("--dict " + Quote(phoenix), snap, kNews);
  ExpectSameDictReports("--dict " + Quote(phoenix), snap);
}

TEST_F(SnapshotCliTest, SnapshotOfASnapshotIsTheSameFile) {
  std::string first = Compile("--dict " + Quote(kDemoProject), "first.ldict");
  std::string second = Compile("--dict " + Quote(first), "second.ldict");
  EXPECT_EQ(ReadFile(second), ReadFile(first));
}

TEST_F(SnapshotCliTest, BadCommandLinesAreUsageErrors) {
  CliRun r = Ladder("dict compile --dict " + Quote(kDemoProject));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ladder: dict compile: -o FILE is required\n");
  r = Ladder("dict stats -o " + Quote(dir_ + "/x.ldict"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ladder: dict stats: -o is only for compile\n");
}

TEST_F(SnapshotCliTest, FailuresNameTheFile) {
  CliRun r = Ladder("dict compile --dict " + Quote(dir_ + "/missing") + " -o " +
                    Quote(dir_ + "/x.ldict"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "ladder: " + dir_ + "/missing: no such file or folder\n");
  std::string out = dir_ + "/no/such/dir/x.ldict";
  r = Ladder("dict compile --dict " + Quote(kDemoProject) + " -o " + Quote(out));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("ladder: " + out + ": ", 0), 0u) << r.err;

  std::string snap = Compile("--dict " + Quote(kDemoProject), "demo.ldict");
  std::string bytes = ReadFile(snap);
  // A byte in the middle of the dictionary image (the header's size field,
  // at offset 24, says where the image ends and the places section begins).
  uint64_t image = 0;
  std::memcpy(&image, bytes.data() + 24, 8);
  ASSERT_LE(image, bytes.size());
  std::string flipped = bytes;
  flipped[image / 2] = static_cast<char>(flipped[image / 2] ^ 0x20);
  std::string bad = Write("bad.ldict", flipped);
  std::string input = Write("demo.jsonl", kDemoDocs);
  r = Ladder("code -q --dict " + Quote(bad) + " " + Quote(input));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err.rfind("ladder: " + bad + ": checksum mismatch at offset ", 0), 0u) << r.err;
  // A byte of the places section that follows it.
  if (image < bytes.size()) {
    flipped = bytes;
    size_t at = image + (bytes.size() - image) / 2;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
    std::string bad_places = Write("bad_places.ldict", flipped);
    r = Ladder("code -q --dict " + Quote(bad_places) + " " + Quote(input));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err.rfind("ladder: " + bad_places + ": places section, offset ", 0), 0u)
        << r.err;
  }

  std::string cut = Write("cut.ldict", ReadFile(snap).substr(0, 100));
  r = Ladder("dict stats --dict " + Quote(cut));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("ladder: " + cut + ": truncated snapshot: header says ", 0), 0u)
      << r.err;
  EXPECT_NE(r.err.find(" bytes, file has 100"), std::string::npos) << r.err;
}

}  // namespace
