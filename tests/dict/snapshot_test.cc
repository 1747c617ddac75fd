// Dictionary snapshots (dict/snapshot.h): every builder field survives a
// save and a load; truncated, corrupted, wrong-version and wrong-magic files
// give an error naming the file and leave the builder as it was; a snapshot
// of real dictionaries compiles to the same Dictionary as the text files.
#include "dict/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "dict/dictionary.h"
#include "dict/loader.h"

namespace ladder::dict {
namespace {

std::string Join(const std::vector<std::string>& words, const char* sep = " ") {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

std::string Names(const std::vector<Phrase>& names) {
  std::string out;
  for (const Phrase& p : names) out += "[" + Join(p) + "]";
  return out;
}

// Everything a compiled Dictionary exposes about its entries, one line each.
std::string Render(const Dictionary& d, const std::vector<std::string>& codes) {
  std::ostringstream out;
  for (const ActorEntry& a : d.actors()) {
    out << "actor " << Names(a.names) << " @" << a.origin.ToString();
    for (const DatedCode& c : a.codes) {
      out << " {" << c.code << " " << c.from_ymd << " " << c.to_ymd << " " << c.note
          << "}";
    }
    out << "\n";
  }
  for (const AgentEntry& a : d.agents()) {
    out << "agent " << Names(a.names) << " " << a.code << " " << a.prefix
        << a.exact_forms << " @"
        << a.origin.ToString() << "\n";
  }
  for (const VerbPattern& p : d.patterns()) {
    out << "pattern " << p.code << ":" << p.reverse_code << " anchor " << p.anchor
        << " spec " << p.specificity << " exact " << p.exact_words << " verbs [" << Join(p.verb_words) << "] @"
        << p.origin.ToString() << " :";
    for (const PatternElement& e : p.elements) {
      out << " (" << static_cast<int>(e.kind) << " " << Join(e.words, "|") << " "
          << e.max_gap << ")";
    }
    out << "\n";
  }
  for (const IssueEntry& i : d.issues()) {
    out << "issue [" << Join(i.phrase) << "] " << i.code << " " << i.ignore << "\n";
  }
  for (const std::string& code : codes) {
    const CodeInfo* c = d.Code(code);
    if (c == nullptr) {
      out << "code " << code << " missing\n";
      continue;
    }
    out.precision(17);
    out << "code " << c->code << " " << c->label << " " << c->goldstein << " "
        << c->quad_class << " " << c->plover_event << " " << c->plover_mode << "\n";
  }
  for (const std::string& p : d.problems()) out << "problem " << p << "\n";
  return out.str();
}

// An element, field by field (the struct gains Compile-time fields).
PatternElement El(PatternElement::Kind kind, std::vector<std::string> words = {},
                  int max_gap = 0) {
  PatternElement e;
  e.kind = kind;
  e.words = std::move(words);
  e.max_gap = max_gap;
  return e;
}

// A builder with every field set, edge values included.
void Fill(DictionaryBuilder* b) {
  ActorEntry putin;
  putin.names = {{"vladimir", "putin"}, {"putin"}, {"влади́мир", "пу́тин"}};
  putin.codes = {{"RUSGOV", 19990809, 20000506, "prime minister"},
                 {"RUSGOV", 20120507, 99999999, "president"},
                 {"RUSELI", 0, 99999999, ""}};
  putin.origin = {"data/actors/people.txt", 212};
  b->AddActor(putin);
  ActorEntry empty;  // no names, no codes, negative line, empty file
  empty.origin = {"", -7};
  b->AddActor(empty);
  ActorEntry stem;
  stem.names = {{"ukrain*"}, {}};
  stem.codes = {{"UKR", -5, 2147483647, std::string("nul\0byte", 8)}};
  stem.origin = {"/very/long/path/to/a/dictionary/file/with/many/parts.actors.txt", 1};
  b->AddActor(stem);

  b->AddAgent({{{"president"}, {"prime", "minister"}}, "GOV", false, false, {"agents.txt", 3}});
  b->AddAgent({{{"ngo"}}, "NGO", true, false, {"Phoenix.agents.txt", 99}});
  b->AddAgent({{{"police"}}, "COP", false, true, {"Phoenix.agents.txt", 120}});

  VerbPattern visit;
  using Kind = PatternElement::Kind;
  visit.elements = {El(Kind::kWord, {"pay"}),         El(Kind::kGap, {}, 4),
                    El(Kind::kWord, {"visit", "trip"}), El(Kind::kWord, {"to"}),
                    El(Kind::kTarget),                  El(Kind::kSource)};
  visit.anchor = 0;
  visit.code = "042";
  visit.reverse_code = "043";
  visit.origin = {"data/verbs.txt", 40};
  visit.exact_words = true;
  b->AddPattern(visit);
  VerbPattern legacy;
  legacy.elements = {El(Kind::kVerb), El(Kind::kGap, {}, -1), El(Kind::kTarget)};
  legacy.anchor = 5;  // out of range: Compile skips it, the snapshot keeps it
  legacy.verb_words = {"threaten", "threatened", "threatens"};
  legacy.code = "130";
  legacy.origin = {"CAMEO.2.0.txt", 1000};
  b->AddPattern(legacy);

  b->AddDiscard({"world", "cup"}, true);
  b->AddDiscard({"horoscope"}, false);
  b->AddIssue({{"nuclear", "weapons"}, "NUCLEAR", false});
  b->AddIssue({{"nuclear", "family"}, "", true});
  b->AddCode({"042", "travel to meet", 1.9, 1, "CONSULT", "visit"});
  b->AddCode({"1384", "", -7.25, 0, "", ""});
  b->AddCode({"XYZ", "odd", -0.0, 9, "", ""});
  b->AddProblem("data/verbs.txt:12: unknown code '999'");
  b->AddProblem("");
}

const std::vector<std::string> kFillCodes = {"042", "1384", "XYZ", "999"};

std::string Bytes(const DictionaryBuilder& b) {
  auto bytes = SerializeSnapshot(b);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ladder_snapshot_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string WriteFile(const std::string& name, const std::string& bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
  }
  std::string dir_;
};

TEST_F(SnapshotTest, RoundTripsEveryField) {
  DictionaryBuilder original;
  Fill(&original);
  std::string path = dir_ + "/fill.ldict";
  ASSERT_TRUE(SaveSnapshot(original, path).ok());
  DictionaryBuilder loaded;
  Status st = LoadSnapshot(path, &loaded);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(loaded.actor_count(), 3u);
  EXPECT_EQ(loaded.agent_count(), 3u);
  EXPECT_EQ(loaded.pattern_count(), 2u);
  EXPECT_EQ(loaded.discard_count(), 2u);
  EXPECT_EQ(loaded.issue_count(), 2u);
  EXPECT_EQ(loaded.code_count(), 3u);
  EXPECT_EQ(loaded.problems(), original.problems());
  // Byte-identical re-serialisation: every stored field came back, the
  // the flags and the out-of-range anchor included.
  EXPECT_EQ(Bytes(loaded), Bytes(original));

  auto a = original.Compile();
  auto b = loaded.Compile();
  ASSERT_TRUE(a.ok() && b.ok());
  std::string rendered = Render(**b, kFillCodes);
  EXPECT_EQ(Render(**a, kFillCodes), rendered);
  EXPECT_NE(rendered.find("{RUSGOV 19990809 20000506 prime minister}"),
            std::string::npos);
  EXPECT_NE(rendered.find("@:-7"), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("code 1384  -7.25 3"), std::string::npos) << rendered;
  EXPECT_EQ((*b)->actors()[2].codes[0].note, std::string("nul\0byte", 8));
  EXPECT_EQ((*b)->actors()[2].codes[0].from_ymd, -5);
  EXPECT_TRUE((*b)->agents()[1].prefix);
  EXPECT_FALSE((*b)->agents()[1].exact_forms);
  EXPECT_TRUE((*b)->agents()[2].exact_forms);
  EXPECT_FALSE((*b)->agents()[2].prefix);
  EXPECT_TRUE((*b)->patterns()[0].exact_words);
  EXPECT_FALSE((*b)->patterns()[1].exact_words);
  EXPECT_EQ((*b)->patterns()[1].elements[1].max_gap, -1);
  EXPECT_TRUE(std::signbit((*b)->Code("XYZ")->goldstein));
  // Discards: the phrases and the story flags.
  std::vector<std::string> words = {"the", "world", "cup", "horoscope"};
  auto word = [&](size_t i) -> std::string_view { return words[i]; };
  PhraseMatch m;
  ASSERT_TRUE((*b)->discard_trie().LongestAt(1, words.size(), word, word, &m));
  EXPECT_EQ(m.end, 3u);
  EXPECT_TRUE((*b)->discard_is_story(m.entry));
  ASSERT_TRUE((*b)->discard_trie().LongestAt(3, words.size(), word, word, &m));
  EXPECT_FALSE((*b)->discard_is_story(m.entry));
}

TEST_F(SnapshotTest, EmptyBuilderRoundTrips) {
  DictionaryBuilder empty;
  std::string bytes = Bytes(empty);
  EXPECT_TRUE(HasSnapshotMagic(bytes));
  DictionaryBuilder loaded;
  ASSERT_TRUE(ParseSnapshot(bytes, "empty.ldict", &loaded).ok());
  EXPECT_EQ(loaded.actor_count() + loaded.pattern_count() + loaded.code_count(), 0u);
}

TEST_F(SnapshotTest, AppendsAfterExistingEntries) {
  DictionaryBuilder source;
  Fill(&source);
  std::string bytes = Bytes(source);
  DictionaryBuilder target;
  target.AddActor({{{"gondor"}}, {{"GON", 0, 99999999, ""}}, {"demo.actors", 1}});
  target.AddProblem("first");
  ASSERT_TRUE(ParseSnapshot(bytes, "x.ldict", &target).ok());
  ASSERT_TRUE(ParseSnapshot(bytes, "x.ldict", &target).ok());
  EXPECT_EQ(target.actor_count(), 7u);
  EXPECT_EQ(target.pattern_count(), 4u);
  ASSERT_EQ(target.problems().size(), 5u);
  EXPECT_EQ(target.problems()[0], "first");
  auto d = target.Compile();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->actors()[0].names[0][0], "gondor");
  EXPECT_EQ((*d)->actors()[1].origin.line, 212);
}

// XXH64 reference values from the xxHash library (libxxhash 0.8).
TEST_F(SnapshotTest, ChecksumIsXxh64) {
  EXPECT_EQ(SnapshotChecksum(""), 0xef46db3751d8e999ULL);
  EXPECT_EQ(SnapshotChecksum("a"), 0xd24ec4f1a98c6e5bULL);
  EXPECT_EQ(SnapshotChecksum("abc"), 0x44bc2cf5ad770999ULL);
  EXPECT_EQ(SnapshotChecksum("0123456789abcdef0123456789abcde"), 0x1fdfc63febacfde7ULL);
  std::string long_input;
  for (int r = 0; r < 3; ++r) {
    for (int i = 0; i < 256; ++i) long_input.push_back(static_cast<char>(i));
  }
  long_input += "xyz";
  EXPECT_EQ(SnapshotChecksum(long_input), 0xe921a1b45bd779f8ULL);
}

// The builder `b` still holds exactly one actor and its problem.
void ExpectUntouched(const DictionaryBuilder& b, const std::string& before) {
  EXPECT_EQ(b.actor_count(), 1u);
  EXPECT_EQ(b.pattern_count(), 0u);
  EXPECT_EQ(Bytes(b), before);
}

void Seed(DictionaryBuilder* b) {
  b->AddActor({{{"gondor"}}, {{"GON", 0, 99999999, ""}}, {"demo.actors", 1}});
}

TEST_F(SnapshotTest, WrongMagicNamesTheFile) {
  std::string path = WriteFile("actors.txt", "%ladder actors 1\nGondor\n    GON\n");
  EXPECT_FALSE(IsSnapshotFile(path));
  DictionaryBuilder b;
  Seed(&b);
  std::string before = Bytes(b);
  Status st = LoadSnapshot(path, &b);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            path + ": offset 0: not a ladder dictionary snapshot (bad magic bytes)");
  ExpectUntouched(b, before);
}

TEST_F(SnapshotTest, WrongVersionsNameTheFile) {
  DictionaryBuilder source;
  Fill(&source);
  const std::string good = Bytes(source);
  for (size_t offset : {size_t{12}, size_t{16}}) {
    std::string bytes = good;
    bytes[offset] = static_cast<char>(bytes[offset] + 1);
    std::string path = WriteFile("v" + std::to_string(offset) + ".ldict", bytes);
    EXPECT_TRUE(IsSnapshotFile(path));
    DictionaryBuilder b;
    Seed(&b);
    std::string before = Bytes(b);
    Status st = LoadSnapshot(path, &b);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.message().rfind(
                  path + ": offset 12: snapshot of dictionary format version", 0),
              0u)
        << st.message();
    EXPECT_NE(st.message().find("ladder dict compile"), std::string::npos);
    ExpectUntouched(b, before);
  }
}

TEST_F(SnapshotTest, EveryTruncationIsACleanError) {
  DictionaryBuilder source;
  Fill(&source);
  const std::string good = Bytes(source);
  for (size_t n = 0; n < good.size(); ++n) {
    DictionaryBuilder b;
    Seed(&b);
    std::string before = Bytes(b);
    Status st = ParseSnapshot(std::string_view(good).substr(0, n), "cut.ldict", &b);
    ASSERT_FALSE(st.ok()) << n;
    ASSERT_EQ(st.message().rfind("cut.ldict: offset ", 0), 0u) << st.message();
    if (n >= sizeof kSnapshotMagic) {
      EXPECT_NE(st.message().find("truncated"), std::string::npos) << st.message();
    }
    ExpectUntouched(b, before);
  }
  // Extra bytes at the end are an error too.
  DictionaryBuilder b;
  Status st = ParseSnapshot(good + "x", "long.ldict", &b);
  EXPECT_NE(st.message().find("unexpected bytes"), std::string::npos) << st.message();
}

TEST_F(SnapshotTest, TruncatedFileOnDiskNamesThePath) {
  DictionaryBuilder source;
  Fill(&source);
  std::string good = Bytes(source);
  std::string path = WriteFile("cut.ldict", good.substr(0, good.size() / 2));
  DictionaryBuilder b;
  Status st = LoadSnapshot(path, &b);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind(path + ": offset " + std::to_string(good.size() / 2) +
                                   ": truncated snapshot",
                               0),
            0u)
      << st.message();
  std::string empty = WriteFile("empty.ldict", "");
  st = LoadSnapshot(empty, &b);
  EXPECT_EQ(st.message(), empty + ": offset 0: truncated snapshot: the file is empty");
  st = LoadSnapshot(dir_ + "/missing.ldict", &b);
  EXPECT_EQ(st.code(), StatusCode::kIoError);
  EXPECT_EQ(st.message().rfind(dir_ + "/missing.ldict: ", 0), 0u);
  EXPECT_EQ(b.actor_count(), 0u);
}

TEST_F(SnapshotTest, ByteFlipsAreCaughtByTheChecksum) {
  DictionaryBuilder source;
  Fill(&source);
  const std::string good = Bytes(source);
  std::mt19937 rng(20261129);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string bytes = good;
    int flips = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < flips; ++k) {
      size_t at = rng() % bytes.size();
      bytes[at] = static_cast<char>(bytes[at] ^ (1 + rng() % 255));
    }
    if (bytes == good) continue;  // two flips cancelled out
    DictionaryBuilder b;
    Seed(&b);
    std::string before = Bytes(b);
    Status st = ParseSnapshot(bytes, "flip.ldict", &b);
    ASSERT_FALSE(st.ok()) << iter;
    ASSERT_EQ(st.message().rfind("flip.ldict: offset ", 0), 0u) << st.message();
    ExpectUntouched(b, before);
  }
}

// Re-seals a damaged image (file size and checksum fixed up), so the damage
// reaches the section parser's bounds checks.
std::string Reseal(std::string bytes) {
  if (bytes.size() < kSnapshotHeaderSize + kSnapshotTrailerSize) return bytes;
  uint64_t size = bytes.size();
  std::memcpy(&bytes[kSnapshotSizeOffset], &size, 8);  // little-endian host
  uint64_t sum = SnapshotChecksum(
      std::string_view(bytes).substr(0, bytes.size() - kSnapshotTrailerSize));
  std::memcpy(&bytes[bytes.size() - kSnapshotTrailerSize], &sum, 8);
  return bytes;
}

TEST_F(SnapshotTest, ResealedCorruptionNeverCrashesOrHalfLoads) {
  DictionaryBuilder source;
  Fill(&source);
  const std::string good = Bytes(source);
  std::mt19937 rng(7);
  int errors = 0;
  for (int iter = 0; iter < 5000; ++iter) {
    std::string bytes = good;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < flips; ++k) {
      size_t at = kSnapshotHeaderSize +
                  rng() % (bytes.size() - kSnapshotHeaderSize - kSnapshotTrailerSize);
      // Small values and all-ones bytes hit counts and indices hardest.
      static const char kValues[] = {0, 1, 2, 5, 9, 13, 14, '\x7f', '\xff'};
      bytes[at] =
          rng() % 2 ? kValues[rng() % sizeof kValues] : static_cast<char>(rng() % 256);
    }
    if (rng() % 4 == 0) bytes.erase(kSnapshotHeaderSize + rng() % 200, 1 + rng() % 16);
    bytes = Reseal(bytes);
    DictionaryBuilder b;
    Seed(&b);
    std::string before = Bytes(b);
    Status st = ParseSnapshot(bytes, "sealed.ldict", &b);
    if (st.ok()) {
      EXPECT_GE(b.actor_count(), 1u);
      (void)b.Compile();
      continue;
    }
    ++errors;
    ASSERT_EQ(st.message().rfind("sealed.ldict: offset ", 0), 0u) << st.message();
    ExpectUntouched(b, before);
    (void)b.Compile();
  }
  EXPECT_GT(errors, 1000);
}

// Patterns of one element each: `words` alternative words (the first
// pattern, or all if `all_long`) or one word (the others).
void AddSharedElementPatterns(DictionaryBuilder* b, int words, int patterns,
                              bool all_long) {
  PatternElement long_element = El(PatternElement::Kind::kWord);
  for (int i = 0; i < words; ++i) long_element.words.push_back("w" + std::to_string(i));
  PatternElement short_element = El(PatternElement::Kind::kWord, {"x"});
  for (int i = 0; i < patterns; ++i) {
    VerbPattern p;
    p.elements = {i == 0 || all_long ? long_element : short_element};
    p.code = "010";
    p.origin = {"verbs.txt", i + 1};
    b->AddPattern(std::move(p));
  }
}

// The offset of the first record of section `id` (layout 1).
size_t SectionData(const std::string& bytes, uint32_t id) {
  size_t pos = kSnapshotHeaderSize;
  while (pos + 16 <= bytes.size()) {
    uint32_t got, width;
    uint64_t count;
    std::memcpy(&got, &bytes[pos], 4);
    std::memcpy(&width, &bytes[pos + 4], 4);
    std::memcpy(&count, &bytes[pos + 8], 8);
    if (got == id) return pos + 16;
    pos += 16 + (width == 0 ? count : count * width * 4);
  }
  return 0;
}

TEST_F(SnapshotTest, TooRepetitiveDictionaryIsRefusedBySave) {
  DictionaryBuilder b;
  // 2.6 million words from about 90 KB.
  AddSharedElementPatterns(&b, 2000, 1300, /*all_long=*/true);
  auto bytes = SerializeSnapshot(b);
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.status().message().find("too repetitive for a snapshot"),
            std::string::npos)
      << bytes.status().message();
  EXPECT_FALSE(SaveSnapshot(b, dir_ + "/x.ldict").ok());
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/x.ldict"));
}

// A crafted file pointing every pattern at one long element would expand
// 110 KB into 4 million words: the loader stops at its entry budget.
TEST_F(SnapshotTest, AmplifiedSnapshotIsRefusedByLoad) {
  DictionaryBuilder source;
  AddSharedElementPatterns(&source, 4000, 1000, /*all_long=*/false);
  std::string bytes = Bytes(source);
  DictionaryBuilder fine;
  ASSERT_TRUE(ParseSnapshot(bytes, "fine.ldict", &fine).ok());
  const uint32_t kElementRefs = 9;
  size_t refs = SectionData(bytes, kElementRefs);
  ASSERT_GT(refs, 0u);
  uint64_t count;
  std::memcpy(&count, &bytes[refs - 8], 8);
  ASSERT_EQ(count, 1000u);
  for (size_t i = 0; i < count; ++i) std::memset(&bytes[refs + 4 * i], 0, 4);
  bytes = Reseal(bytes);
  DictionaryBuilder b;
  Seed(&b);
  std::string before = Bytes(b);
  Status st = ParseSnapshot(bytes, "bomb.ldict", &b);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("section 'patterns' record "), std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("entries expand past what a"), std::string::npos)
      << st.message();
  ExpectUntouched(b, before);
}

TEST_F(SnapshotTest, SaveToABadPathNamesIt) {
  DictionaryBuilder b;
  Fill(&b);
  std::string path = dir_ + "/no/such/folder/x.ldict";
  Status st = SaveSnapshot(b, path);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind(path + ": ", 0), 0u) << st.message();
  // Nothing half-written is left behind.
  ASSERT_TRUE(SaveSnapshot(b, dir_ + "/ok.ldict").ok());
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
}

// The loader recognises a snapshot by its magic bytes, alone or in a folder
// beside text files.
TEST_F(SnapshotTest, LoaderRecognisesSnapshots) {
  DictionaryBuilder source;
  Fill(&source);
  std::string expected = Bytes(source);
  std::string path = dir_ + "/fill.ldict";
  ASSERT_TRUE(SaveSnapshot(source, path).ok());
  EXPECT_TRUE(IsSnapshotFile(path));
  EXPECT_FALSE(IsSnapshotFile(dir_));
  DictionaryBuilder b;
  ASSERT_TRUE(LoadDictionaryPath(path, &b).ok());
  EXPECT_EQ(Bytes(b), expected);
  WriteFile("z_actors.txt", "%ladder actors 1\nGondor\n    GON\n");
  DictionaryBuilder folder;
  Status st = LoadDictionaryPath(dir_, &folder);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(folder.actor_count(), 4u);
}

std::string SourceDir() { return LADDER_SOURCE_DIR; }

// Text dictionaries and their snapshot compile to the same Dictionary.
void ExpectSameAsText(const std::vector<std::string>& paths, const std::string& dir) {
  DictionaryBuilder text;
  for (const std::string& p : paths) {
    Status st = LoadDictionaryPath(p, &text);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  ASSERT_GT(text.actor_count() + text.pattern_count(), 0u);
  std::string path = dir + "/same.ldict";
  ASSERT_TRUE(SaveSnapshot(text, path).ok());
  DictionaryBuilder snap;
  Status st = LoadDictionaryPath(path, &snap);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Bytes(snap), Bytes(text));
  std::vector<std::string> codes;
  for (const char* c : {"01", "010", "042", "043", "0841", "130", "1384", "190", "20"}) {
    codes.push_back(c);
  }
  auto a = text.Compile();
  auto b = snap.Compile();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Render(**a, codes), Render(**b, codes));
  EXPECT_EQ((*a)->actor_trie().node_count(), (*b)->actor_trie().node_count());
  EXPECT_EQ((*a)->agent_trie().node_count(), (*b)->agent_trie().node_count());
  EXPECT_EQ((*a)->discard_trie().node_count(), (*b)->discard_trie().node_count());
}

TEST_F(SnapshotTest, OwnDictionariesCompileTheSameFromASnapshot) {
  ExpectSameAsText({SourceDir() + "/data"}, dir_);
}

TEST_F(SnapshotTest, TabariDictionariesCompileTheSameFromASnapshot) {
  ExpectSameAsText({SourceDir() + "/tests/golden/tabari/demo.project",
                    SourceDir() + "/data/codes.txt"},
                   dir_);
}

TEST_F(SnapshotTest, PhoenixDictionariesCompileTheSameFromASnapshot) {
  std::string phoenix = std::string(LADDER_SHARED_DIR) + "/data/phoenix-dictionaries";
  if (!std::filesystem::exists(phoenix)) GTEST_SKIP() << phoenix << " not present";
  ExpectSameAsText({phoenix, SourceDir() + "/data/codes.txt"}, dir_);
}

}  // namespace
}  // namespace ladder::dict
