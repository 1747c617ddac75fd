// Dictionary snapshots (dict/snapshot.h): a compiled dictionary saved and
// memory-mapped back exposes every field it was compiled with; its entries
// can be added to a builder again; truncated, corrupted, crafted,
// wrong-version and wrong-magic files give an error naming the file and leave
// the builder as it was; a snapshot of real dictionaries is the same
// Dictionary as the text files compiled.
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
#include <type_traits>
#include <vector>

#include "dict/dictionary.h"
#include "dict/loader.h"

namespace ladder::dict {
namespace {

template <typename List>
std::string Join(const List& words, const char* sep = " ") {
  std::string out;
  bool first = true;
  for (const auto& w : words) {
    if (!first) out += sep;
    first = false;
    if constexpr (std::is_integral_v<std::decay_t<decltype(w)>>) {
      out += std::to_string(w);
    } else {
      out += std::string(w);
    }
  }
  return out;
}

std::string Names(const PhraseList& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += "[" + Join(names[i]) + "]";
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
  for (uint32_t i = 0; i < d.actor_count(); ++i) {
    ActorView a = d.actor(i);
    out << "actor " << Names(a.names()) << " @" << a.origin().ToString();
    for (size_t k = 0; k < a.code_count(); ++k) {
      DatedCodeView c = a.code(k);
      out << " {" << c.code << " " << c.from_ymd << " " << c.to_ymd << " " << c.note << "}";
    }
    out << "\n";
  }
  for (uint32_t i = 0; i < d.agent_count(); ++i) {
    AgentView a = d.agent(i);
    out << "agent " << Names(a.names()) << " " << a.code() << " " << a.prefix()
        << a.exact_forms() << " @" << a.origin().ToString() << "\n";
  }
  for (uint32_t i = 0; i < d.pattern_count(); ++i) {
    PatternView p = d.pattern(i);
    out << "pattern " << p.code() << ":" << p.reverse_code() << " anchor " << p.anchor()
        << " spec " << p.specificity() << " exact " << p.exact_words() << " needs "
        << p.needs_complete() << " verbs [" << Join(p.verb_words()) << "] @"
        << p.origin().ToString() << " required [" << Join(p.required(), ",") << "] :";
    for (size_t e = 0; e < p.elements().size(); ++e) {
      ElementView el = p.elements()[e];
      out << " (" << static_cast<int>(el.kind()) << " " << Join(el.words(), "|") << " "
          << el.max_gap() << " " << el.has_stem() << ")";
    }
    out << "\n";
  }
  for (uint32_t i = 0; i < d.discard_count(); ++i) {
    out << "discard [" << Join(d.discard_phrase(i)) << "] "
        << static_cast<int>(d.discard_kind(i)) << " " << d.discard_topic(i) << "\n";
  }
  for (uint32_t i = 0; i < d.issue_count(); ++i) {
    IssueView is = d.issue(i);
    out << "issue [" << Join(is.phrase()) << "] " << is.code() << " " << is.ignore() << "\n";
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
  out << "vocabulary " << d.vocabulary().size() << " tries " << d.actor_trie().node_count()
      << " " << d.agent_trie().node_count() << " " << d.discard_trie().node_count() << " "
      << d.issue_trie().node_count() << "\n";
  return out.str();
}

// A builder's entries, one line each (what AddAll must give back).
std::string Render(const DictionaryBuilder& b) {
  std::ostringstream out;
  out.precision(17);
  for (const ActorEntry& a : b.actors()) {
    out << "actor " << Names(a.names) << " @" << a.origin.ToString();
    for (const DatedCode& c : a.codes) {
      out << " {" << c.code << " " << c.from_ymd << " " << c.to_ymd << " " << c.note << "}";
    }
    out << "\n";
  }
  for (const AgentEntry& a : b.agents()) {
    out << "agent " << Names(a.names) << " " << a.code << " " << a.prefix << a.exact_forms
        << " @" << a.origin.ToString() << "\n";
  }
  for (const VerbPattern& p : b.patterns()) {
    out << "pattern " << p.code << ":" << p.reverse_code << " anchor " << p.anchor
        << " exact " << p.exact_words << " verbs [" << Join(p.verb_words) << "] @"
        << p.origin.ToString() << " :";
    for (const PatternElement& e : p.elements) {
      out << " (" << static_cast<int>(e.kind) << " " << Join(e.words, "|") << " " << e.max_gap
          << ")";
    }
    out << "\n";
  }
  for (const DiscardEntry& d : b.discards()) {
    out << "discard [" << Join(d.phrase) << "] " << static_cast<int>(d.kind) << " "
        << d.topic << "\n";
  }
  for (const IssueEntry& i : b.issues()) {
    out << "issue [" << Join(i.phrase) << "] " << i.code << " " << i.ignore << "\n";
  }
  for (const CodeInfo& c : b.codes()) {
    // Compile fills in a missing quad class.
    int quad = c.quad_class == 0 ? QuadClassOfCode(c.code) : c.quad_class;
    out << "code " << c.code << " " << c.label << " " << c.goldstein << " " << quad
        << " " << c.plover_event << " " << c.plover_mode << "\n";
  }
  for (const std::string& p : b.problems()) out << "problem " << p << "\n";
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
  legacy.anchor = 5;  // out of range: Compile indexes it nowhere, the entry stays
  legacy.verb_words = {"threaten", "threatened", "threatens"};
  legacy.code = "130";
  legacy.origin = {"CAMEO.2.0.txt", 1000};
  b->AddPattern(legacy);

  b->AddDiscard({"world", "cup"}, true);
  b->AddDiscard({"horoscope"}, false);
  b->AddTopicCue({"goalkeeper"}, "sport");
  b->AddAnchor({"minister"});
  b->AddIssue({{"nuclear", "weapons"}, "NUCLEAR", false});
  b->AddIssue({{"nuclear", "family"}, "", true});
  b->AddCode({"042", "travel to meet", 1.9, 1, "CONSULT", "visit"});
  b->AddCode({"1384", "", -7.25, 0, "", ""});
  b->AddCode({"XYZ", "odd", -0.0, 9, "", ""});
  b->AddProblem("data/verbs.txt:12: unknown code '999'");
  b->AddProblem("");
}

const std::vector<std::string> kFillCodes = {"042", "1384", "XYZ", "999"};

// Compiles a copy of `b`.
std::shared_ptr<const Dictionary> CompileCopy(const DictionaryBuilder& b) {
  DictionaryBuilder copy = b;
  auto d = copy.Compile();
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? *d : nullptr;
}

std::string Bytes(const DictionaryBuilder& b) {
  auto d = CompileCopy(b);
  return d ? SerializeSnapshot(*d) : std::string();
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
  std::string before = Render(original);
  auto compiled = CompileCopy(original);
  ASSERT_NE(compiled, nullptr);
  std::string path = dir_ + "/fill.ldict";
  ASSERT_TRUE(SaveSnapshot(*compiled, path).ok());
  auto mapped = OpenSnapshot(path);
  ASSERT_TRUE(mapped.ok()) << mapped.status().ToString();
  const Dictionary& d = **mapped;
  std::string rendered = Render(d, kFillCodes);
  EXPECT_EQ(Render(*compiled, kFillCodes), rendered);
  EXPECT_NE(rendered.find("{RUSGOV 19990809 20000506 prime minister}"), std::string::npos);
  EXPECT_NE(rendered.find("@:-7"), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("code 1384  -7.25 3"), std::string::npos) << rendered;
  EXPECT_EQ(d.actor(2).code(0).note, std::string("nul\0byte", 8));
  EXPECT_EQ(d.actor(2).code(0).from_ymd, -5);
  EXPECT_TRUE(d.agent(1).prefix());
  EXPECT_FALSE(d.agent(1).exact_forms());
  EXPECT_TRUE(d.agent(2).exact_forms());
  EXPECT_FALSE(d.agent(2).prefix());
  EXPECT_TRUE(d.pattern(0).exact_words());
  EXPECT_FALSE(d.pattern(1).exact_words());
  EXPECT_EQ(d.pattern(1).elements()[1].max_gap(), -1);
  // Compiled fields: "visit|trip" and "to" are required, fewest first.
  ASSERT_EQ(d.pattern(0).required().size(), 2u);
  EXPECT_EQ(d.pattern(0).required()[0], 3u);
  EXPECT_EQ(d.pattern(0).specificity(), 10 - 1 + 10 + 10 + 6 + 6);
  EXPECT_EQ(d.PatternsFor("pay").size(), 1u);
  EXPECT_TRUE(d.PatternsFor("threaten").empty());  // its anchor is out of range
  EXPECT_TRUE(std::signbit(d.Code("XYZ")->goldstein));
  // Discards: the phrases and the story flags.
  std::vector<std::string> words = {"the", "world", "cup", "horoscope"};
  auto word = [&](size_t i) -> std::string_view { return words[i]; };
  PhraseMatch m;
  ASSERT_TRUE(d.discard_trie().LongestAt(1, words.size(), word, word, &m));
  EXPECT_EQ(m.end, 3u);
  EXPECT_TRUE(d.discard_is_story(m.entry));
  ASSERT_TRUE(d.discard_trie().LongestAt(3, words.size(), word, word, &m));
  EXPECT_FALSE(d.discard_is_story(m.entry));
  // Stems and non-ASCII names are found in the mapped trie.
  std::vector<std::string> names = {"ukrainian", "влади́мир", "пу́тин"};
  auto name = [&](size_t i) -> std::string_view { return names[i]; };
  ASSERT_TRUE(d.actor_trie().LongestAt(0, 1, name, name, &m));
  EXPECT_EQ(m.entry, 2u);
  ASSERT_TRUE(d.actor_trie().LongestAt(1, 3, name, name, &m));
  EXPECT_EQ(m.entry, 0u);
  EXPECT_EQ(m.end, 3u);
  // The entries come back into a builder unchanged.
  DictionaryBuilder loaded;
  Status st = LoadSnapshot(path, &loaded);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Render(loaded), before);
  EXPECT_EQ(Bytes(loaded), SerializeSnapshot(*compiled));
}

TEST_F(SnapshotTest, EmptyDictionaryRoundTrips) {
  DictionaryBuilder empty;
  std::string bytes = Bytes(empty);
  EXPECT_TRUE(HasSnapshotMagic(bytes));
  auto d = ParseSnapshot(bytes, "empty.ldict");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ((*d)->actor_count() + (*d)->pattern_count() + (*d)->code_count(), 0u);
  EXPECT_TRUE((*d)->PatternsFor("anything").empty());
}

TEST_F(SnapshotTest, AppendsAfterExistingEntries) {
  DictionaryBuilder source;
  Fill(&source);
  std::string path = WriteFile("x.ldict", Bytes(source));
  DictionaryBuilder target;
  target.AddActor({{{"gondor"}}, {{"GON", 0, 99999999, ""}}, {"demo.actors", 1}});
  target.AddProblem("first");
  ASSERT_TRUE(LoadSnapshot(path, &target).ok());
  ASSERT_TRUE(LoadSnapshot(path, &target).ok());
  EXPECT_EQ(target.actor_count(), 7u);
  EXPECT_EQ(target.pattern_count(), 4u);
  ASSERT_EQ(target.problems().size(), 5u);
  EXPECT_EQ(target.problems()[0], "first");
  auto d = target.Compile();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->actor(0).names()[0][0], "gondor");
  EXPECT_EQ((*d)->actor(1).origin().line, 212);
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
  EXPECT_EQ(Render(b), before);
}

void Seed(DictionaryBuilder* b) {
  b->AddActor({{{"gondor"}}, {{"GON", 0, 99999999, ""}}, {"demo.actors", 1}});
}

TEST_F(SnapshotTest, WrongMagicNamesTheFile) {
  std::string path = WriteFile("actors.txt", "%ladder actors 1\nGondor\n    GON\n");
  EXPECT_FALSE(IsSnapshotFile(path));
  DictionaryBuilder b;
  Seed(&b);
  std::string before = Render(b);
  Status st = LoadSnapshot(path, &b);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), path + ": not a ladder dictionary snapshot (no magic bytes)");
  ExpectUntouched(b, before);
}

// Re-seals a damaged image (file size and checksum fixed up), so the damage
// reaches the image checks.
std::string Reseal(std::string bytes) {
  if (bytes.size() < kSnapshotHeaderSize + kSnapshotTrailerSize) return bytes;
  uint64_t size = bytes.size();
  std::memcpy(&bytes[kSnapshotSizeOffset], &size, 8);  // little-endian host
  uint64_t sum = SnapshotChecksum(
      std::string_view(bytes).substr(0, bytes.size() - kSnapshotTrailerSize));
  std::memcpy(&bytes[bytes.size() - kSnapshotTrailerSize], &sum, 8);
  return bytes;
}

TEST_F(SnapshotTest, WrongVersionsNameTheFile) {
  DictionaryBuilder source;
  Fill(&source);
  const std::string good = Bytes(source);
  for (size_t offset : {size_t{12}, size_t{16}}) {
    std::string bytes = good;
    bytes[offset] = static_cast<char>(bytes[offset] + 1);
    std::string path = WriteFile("v" + std::to_string(offset) + ".ldict", Reseal(bytes));
    EXPECT_TRUE(IsSnapshotFile(path));
    DictionaryBuilder b;
    Seed(&b);
    std::string before = Render(b);
    Status st = LoadSnapshot(path, &b);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.message().rfind(path + ": compiled for dictionary format ", 0), 0u)
        << st.message();
    EXPECT_NE(st.message().find("ladder dict compile"), std::string::npos);
    ExpectUntouched(b, before);
    // Without resealing, the checksum catches it first.
    EXPECT_NE(ParseSnapshot(bytes, "v.ldict").status().message().find("checksum mismatch"),
              std::string::npos);
  }
}

TEST_F(SnapshotTest, EveryTruncationIsACleanError) {
  DictionaryBuilder source;
  Fill(&source);
  const std::string good = Bytes(source);
  for (size_t n = 0; n < good.size(); ++n) {
    auto d = ParseSnapshot(std::string_view(good).substr(0, n), "cut.ldict");
    ASSERT_FALSE(d.ok()) << n;
    const std::string& message = d.status().message();
    ASSERT_EQ(message.rfind("cut.ldict: ", 0), 0u) << message;
    if (n >= sizeof kSnapshotMagic) {
      EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    }
  }
  // Extra bytes at the end are an error too.
  auto d = ParseSnapshot(good + "x", "long.ldict");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("oversized"), std::string::npos)
      << d.status().message();
}

TEST_F(SnapshotTest, TruncatedFileOnDiskNamesThePath) {
  DictionaryBuilder source;
  Fill(&source);
  std::string good = Bytes(source);
  std::string path = WriteFile("cut.ldict", good.substr(0, good.size() / 2));
  DictionaryBuilder b;
  Status st = LoadSnapshot(path, &b);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), path + ": truncated snapshot: header says " +
                              std::to_string(good.size()) + " bytes, file has " +
                              std::to_string(good.size() / 2))
      << st.message();
  std::string empty = WriteFile("empty.ldict", "");
  st = LoadSnapshot(empty, &b);
  EXPECT_EQ(st.message(), empty + ": empty file, not a dictionary snapshot");
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
    auto d = ParseSnapshot(bytes, "flip.ldict");
    ASSERT_FALSE(d.ok()) << iter;
    ASSERT_EQ(d.status().message().rfind("flip.ldict: ", 0), 0u) << d.status().message();
  }
}

// Uses everything a dictionary holds, as coding and combining would: every
// entry, every trie from every token, every anchor and key lookup.
void Exercise(const Dictionary& d) {
  (void)Render(d, kFillCodes);
  std::vector<std::string> words;
  for (uint32_t id = 1; id <= d.vocabulary().size(); ++id) {
    words.emplace_back(d.vocabulary().Word(id));
  }
  words.push_back("ukrainian");
  auto word = [&](size_t i) -> std::string_view { return words[i]; };
  for (size_t i = 0; i < words.size(); ++i) {
    PhraseMatch m;
    for (const TrieView* t : {&d.actor_trie(), &d.agent_trie(), &d.discard_trie(),
                              &d.issue_trie()}) {
      (void)t->LongestAt(i, words.size(), word, word, &m);
    }
  }
  for (uint32_t id = 0; id <= d.vocabulary().size() + 1; ++id) {
    AnchorView a = d.AnchoredOn(id);
    if (!a) continue;
    for (size_t k = 0; k < a.all().size(); ++k) {
      (void)d.pattern(a.all()[k]).elements()[d.pattern(a.all()[k]).anchor()].ids();
      (void)a.needs(k);
    }
    for (uint32_t key = 0; key <= d.vocabulary().size(); ++key) (void)a.Keyed(key);
  }
  DictionaryBuilder b;
  if (AddSnapshotEntries(d, "x", &b).ok()) (void)b.Compile();
}

TEST_F(SnapshotTest, ResealedCorruptionNeverCrashesOrMisreads) {
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
    auto d = ParseSnapshot(bytes, "sealed.ldict");
    if (d.ok()) {
      Exercise(**d);  // under the sanitizers: no read outside the image
      continue;
    }
    ++errors;
    ASSERT_EQ(d.status().message().rfind("sealed.ldict: ", 0), 0u) << d.status().message();
  }
  EXPECT_GT(errors, 1000);
}

// Image section `index`: (offset, bytes) from the directory after the header.
std::pair<uint64_t, uint64_t> Section(const std::string& bytes, size_t index) {
  uint64_t offset, size;
  std::memcpy(&offset, &bytes[kSnapshotHeaderSize + 16 * index], 8);
  std::memcpy(&size, &bytes[kSnapshotHeaderSize + 16 * index + 8], 8);
  return {offset, size};
}

// A crafted file pointing every pattern at one long element list would
// expand under a megabyte into 32 million words when combined with
// other dictionaries: AddSnapshotEntries stops at its budget. Used in place,
// the same file is harmless.
TEST_F(SnapshotTest, AmplifiedSnapshotIsRefusedWhenExpanded) {
  DictionaryBuilder source;
  PatternElement long_element;
  for (int i = 0; i < 4000; ++i) long_element.words.push_back("w" + std::to_string(i));
  const size_t kCount = 8000;
  for (size_t i = 0; i < kCount; ++i) {
    VerbPattern p;
    p.elements = {i == 0 ? long_element : El(PatternElement::Kind::kWord, {"x"})};
    p.code = "010";
    p.origin = {"verbs.txt", static_cast<int>(i) + 1};
    source.AddPattern(std::move(p));
  }
  std::string bytes = Bytes(source);
  const size_t kPatterns = 10;  // section order: dict/image.cc
  auto [offset, size] = Section(bytes, kPatterns);
  ASSERT_EQ(size, kCount * sizeof(flat::Pattern));
  flat::Range first;
  std::memcpy(&first, &bytes[offset], sizeof first);  // Pattern::elements
  for (size_t i = 1; i < kCount; ++i) {
    std::memcpy(&bytes[offset + i * sizeof(flat::Pattern)], &first, sizeof first);
  }
  std::string path = WriteFile("bomb.ldict", Reseal(bytes));
  auto d = OpenSnapshot(path);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ((*d)->pattern(kCount - 1).elements()[0].words().size(), 4000u);
  DictionaryBuilder b;
  Seed(&b);
  std::string before = Render(b);
  Status st = LoadSnapshot(path, &b);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("snapshot describes more entries than its size allows"),
            std::string::npos)
      << st.message();
  EXPECT_EQ(st.message().rfind(path + ": ", 0), 0u);
  ExpectUntouched(b, before);
}

TEST_F(SnapshotTest, SaveToABadPathNamesIt) {
  DictionaryBuilder b;
  Fill(&b);
  auto d = CompileCopy(b);
  std::string path = dir_ + "/no/such/folder/x.ldict";
  Status st = SaveSnapshot(*d, path);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind(path + ": ", 0), 0u) << st.message();
  // Nothing half-written is left behind.
  ASSERT_TRUE(SaveSnapshot(*d, dir_ + "/ok.ldict").ok());
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
  std::string expected = Render(source);
  std::string path = WriteFile("fill.ldict", Bytes(source));
  EXPECT_TRUE(IsSnapshotFile(path));
  EXPECT_FALSE(IsSnapshotFile(dir_));
  DictionaryBuilder b;
  ASSERT_TRUE(LoadDictionaryPath(path, &b).ok());
  EXPECT_EQ(Render(b), expected);
  WriteFile("z_actors.txt", "%ladder actors 1\nGondor\n    GON\n");
  DictionaryBuilder folder;
  Status st = LoadDictionaryPath(dir_, &folder);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(folder.actor_count(), 4u);
}

std::string SourceDir() { return LADDER_SOURCE_DIR; }

// Text dictionaries and their snapshot are the same Dictionary, used in
// place or compiled again from its entries.
void ExpectSameAsText(const std::vector<std::string>& paths, const std::string& dir) {
  DictionaryBuilder text;
  for (const std::string& p : paths) {
    Status st = LoadDictionaryPath(p, &text);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  ASSERT_GT(text.actor_count() + text.pattern_count(), 0u);
  auto a = CompileCopy(text);
  ASSERT_NE(a, nullptr);
  std::string path = dir + "/same.ldict";
  ASSERT_TRUE(SaveSnapshot(*a, path).ok());
  auto mapped = OpenSnapshot(path);
  ASSERT_TRUE(mapped.ok()) << mapped.status().ToString();
  std::vector<std::string> codes;
  for (const char* c : {"01", "010", "042", "043", "0841", "130", "1384", "190", "20"}) {
    codes.push_back(c);
  }
  std::string rendered = Render(*a, codes);
  EXPECT_EQ(Render(**mapped, codes), rendered);
  DictionaryBuilder again;
  Status st = LoadDictionaryPath(path, &again);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(Render(again), Render(text));
  auto b = CompileCopy(again);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(SerializeSnapshot(*b), SerializeSnapshot(*a));
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
