#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "text/text.h"

namespace ladder::text {
namespace {

constexpr char kWordNetDir[] = "/usr/share/wordnet";

class LexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(std::string(kWordNetDir) + "/index.verb")) {
      return;
    }
    // CPU time, so that a busy machine does not fail the test.
    std::clock_t start = std::clock();
    auto loaded = Lexicon::Load(kWordNetDir);
    load_seconds_ = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    lexicon_ = std::move(loaded).value().release();
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    lexicon_ = nullptr;
  }
  void SetUp() override {
    if (lexicon_ == nullptr) {
      GTEST_SKIP() << "WordNet not found at " << kWordNetDir
                   << " (install Debian's wordnet-base)";
    }
  }

  static const Lexicon* lexicon_;
  static double load_seconds_;
};

const Lexicon* LexiconTest::lexicon_ = nullptr;
double LexiconTest::load_seconds_ = 0;

TEST_F(LexiconTest, LoadsQuickly) {
  std::printf("WordNet load: %.3f s CPU\n", load_seconds_);
#ifdef NDEBUG
  EXPECT_LT(load_seconds_, 0.3);
#endif
}

TEST_F(LexiconTest, VerbLemmas) {
  EXPECT_EQ(lexicon_->VerbLemma("accused"), "accuse");
  EXPECT_EQ(lexicon_->VerbLemma("used"), "use");
  EXPECT_EQ(lexicon_->VerbLemma("met"), "meet");
  EXPECT_EQ(lexicon_->VerbLemma("said"), "say");
  EXPECT_EQ(lexicon_->VerbLemma("supplying"), "supply");
  EXPECT_EQ(lexicon_->VerbLemma("launched"), "launch");
  EXPECT_EQ(lexicon_->VerbLemma("planned"), "plan");
  EXPECT_EQ(lexicon_->VerbLemma("hitting"), "hit");
  EXPECT_EQ(lexicon_->VerbLemma("hoped"), "hope");
  EXPECT_EQ(lexicon_->VerbLemma("wanted"), "want");
  EXPECT_EQ(lexicon_->VerbLemma("applied"), "apply");
  EXPECT_EQ(lexicon_->VerbLemma("tied"), "tie");
  EXPECT_EQ(lexicon_->VerbLemma("watches"), "watch");
  EXPECT_EQ(lexicon_->VerbLemma("fixes"), "fix");
  EXPECT_EQ(lexicon_->VerbLemma("goes"), "go");
  // "-es" only follows a sibilant or "o": "departes" is no form of "depart".
  EXPECT_EQ(lexicon_->VerbLemma("departes"), "departes");
  EXPECT_EQ(lexicon_->VerbLemma("is"), "be");
  EXPECT_EQ(lexicon_->VerbLemma("zhang"), "zhang");  // unknown: itself
}

TEST_F(LexiconTest, NounLemmas) {
  EXPECT_EQ(lexicon_->NounLemma("sanctions"), "sanction");
  EXPECT_EQ(lexicon_->NounLemma("troops"), "troop");
  EXPECT_EQ(lexicon_->NounLemma("drones"), "drone");
  EXPECT_EQ(lexicon_->NounLemma("countries"), "country");
  EXPECT_EQ(lexicon_->NounLemma("buses"), "bus");
  EXPECT_EQ(lexicon_->NounLemma("women"), "woman");
  EXPECT_EQ(lexicon_->NounLemma("crises"), "crisis");
}

TEST_F(LexiconTest, PosCandidates) {
  EXPECT_TRUE(lexicon_->Pos("accused") & kPosVerb);
  EXPECT_TRUE(lexicon_->Pos("missiles") & kPosNoun);
  EXPECT_FALSE(lexicon_->Pos("missiles") & kPosVerb);
  EXPECT_TRUE(lexicon_->Pos("larger") & kPosAdj);
  // Closed-class words keep WordNet's own bits but get no regular morphology.
  EXPECT_TRUE(lexicon_->Pos("is") & kPosAux);
  EXPECT_FALSE(lexicon_->Pos("is") & kPosNoun);  // not "i" + s
  EXPECT_FALSE(lexicon_->Pos("its") & kPosNoun);
  EXPECT_TRUE(lexicon_->Pos("its") & kPosPron);
  EXPECT_TRUE(lexicon_->Pos("will") & kPosModal);
  EXPECT_TRUE(lexicon_->Pos("will") & kPosNoun);  // WordNet's bit, OR-ed
  EXPECT_EQ(lexicon_->Pos("qxzv"), 0);
}

TEST_F(LexiconTest, AnnotateSentence) {
  std::string text =
      "The U.S. accused Pyongyang of supplying 2,000 drones and didn't "
      "sanction troops.";
  std::vector<Token> tokens;
  Tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, &tokens);
  lexicon_->Annotate(&tokens);
  std::vector<std::string> lemmas;
  for (const Token& t : tokens) lemmas.push_back(t.lemma);
  EXPECT_EQ(lemmas,
            (std::vector<std::string>{"the", "u.s.", "accuse", "pyongyang",
                                      "of", "supply", "2,000", "drone", "and",
                                      "do", "n't", "sanction", "troop", "."}));
  EXPECT_TRUE(tokens[0].pos & kPosDet);
  EXPECT_EQ(tokens[6].pos, kPosNum);
  EXPECT_TRUE(tokens[9].pos & kPosAux);
  EXPECT_TRUE(tokens[10].pos & kPosNeg);
}

TEST(LexiconLoadTest, MissingDirectoryIsNotFound) {
  auto r = Lexicon::Load("/nonexistent/wordnet");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/wordnet/index.noun"),
            std::string::npos);
}

TEST(LexiconLoadTest, SmallDirectoryAndBadLine) {
  auto dir = std::filesystem::temp_directory_path() /
             ("ladder_lexicon_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto write = [&](const char* name, const char* body) {
    std::ofstream(dir / name) << body;
  };
  write("index.noun", "  license header line\nwar n 1 1 @ 1 0 1\n");
  write("index.verb", "strike v 1 1 @ 1 0 1\nwage v 1 1 @ 1 0 1\n");
  write("index.adj", "");
  write("index.adv", "");
  write("noun.exc", "");
  write("verb.exc", "struck strike\n");
  write("adj.exc", "");
  write("adv.exc", "");
  auto good = Lexicon::Load(dir.string());
  ASSERT_TRUE(good.ok()) << good.status().message();
  EXPECT_EQ((*good)->VerbLemma("struck"), "strike");
  EXPECT_EQ((*good)->VerbLemma("waging"), "wage");
  EXPECT_EQ((*good)->NounLemma("wars"), "war");
  EXPECT_TRUE((*good)->Pos("wars") & kPosNoun);
  write("verb.exc", "struck strike\nbroken\n");
  auto bad = Lexicon::Load(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("verb.exc:2:"), std::string::npos)
      << bad.status().message();
  std::filesystem::remove_all(dir);
}

TEST(LexiconClosedClassTest, ClosedClassOnly) {
  auto lexicon = Lexicon::ClosedClassOnly();
  EXPECT_TRUE(lexicon->Pos("the") & kPosDet);
  EXPECT_TRUE(lexicon->Pos("with") & kPosPrep);
  EXPECT_TRUE(lexicon->Pos("their") & kPosPron);
  EXPECT_TRUE(lexicon->Pos("but") & kPosConj);
  EXPECT_TRUE(lexicon->Pos("were") & kPosAux);
  EXPECT_TRUE(lexicon->Pos("might") & kPosModal);
  EXPECT_TRUE(lexicon->Pos("wo") & kPosModal);
  EXPECT_TRUE(lexicon->Pos("never") & kPosNeg);
  EXPECT_TRUE(lexicon->Pos("unless") & kPosSub);
  EXPECT_EQ(lexicon->Pos("missile"), 0);
  EXPECT_EQ(lexicon->VerbLemma("wo"), "will");
  EXPECT_EQ(lexicon->VerbLemma("launched"), "launched");
}

}  // namespace
}  // namespace ladder::text
