// Tests of the document topic filter: cues and anchors in a discards file,
// and what the engine does with a document about sport or business.
#include "coder/topics.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "dict/own_format.h"
#include "ladder/engine.h"

namespace ladder {
namespace {

TEST(TopicCuesTest, ReadFromADiscardsFile) {
  dict::DictionaryBuilder b;
  ASSERT_TRUE(dict::ReadOwnDictionary("%ladder discards 1\n"
                                      "?sport goalkeeper\n"
                                      "?Business  chief executive\n"
                                      "!prime minister\n"
                                      "+world cup\n"
                                      "horoscope\n"
                                      "?sport\n"
                                      "?\n",
                                      "topics.txt", &b)
                  .ok());
  ASSERT_EQ(b.discards().size(), 5u);
  EXPECT_EQ(b.discards()[0].kind, dict::DiscardKind::kCue);
  EXPECT_EQ(b.discards()[0].topic, "sport");
  EXPECT_EQ(b.discards()[1].topic, "business");
  EXPECT_EQ(b.discards()[1].phrase, (dict::Phrase{"chief", "executive"}));
  EXPECT_EQ(b.discards()[2].kind, dict::DiscardKind::kAnchor);
  EXPECT_EQ(b.discards()[3].kind, dict::DiscardKind::kStory);
  EXPECT_EQ(b.discards()[4].kind, dict::DiscardKind::kSentence);
  // "?sport" has no phrase, "?" no topic: both named by line.
  ASSERT_EQ(b.problems().size(), 2u);
  EXPECT_NE(b.problems()[0].find("topics.txt:7"), std::string::npos) << b.problems()[0];
  EXPECT_NE(b.problems()[1].find("topics.txt:8"), std::string::npos) << b.problems()[1];
  EXPECT_NE(b.problems()[1].find("needs a topic"), std::string::npos) << b.problems()[1];
}

// A folder with a verbs file of ladder's dictionaries and a topics file of
// the test's own, so that the test does not depend on the bundled cue lists.
class TopicFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ladder_topics_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "topics.txt") << "%ladder discards 1\n"
                                          "?sport goalkeeper\n"
                                          "?sport tournament\n"
                                          "?sport coach\n"
                                          "?business shareholder\n"
                                          "!minister\n"
                                          "!government\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Result<CodeResult> Code(const std::string& text, bool filter = true) {
    EngineOptions options;
    options.dictionaries = {(dir_ / "topics.txt").string()};
    options.include_default = true;
    options.topic_filter = filter;
    auto engine = Engine::Open(options);
    EXPECT_TRUE(engine.ok()) << engine.status().message();
    engine_ = std::move(engine).value();
    return engine_->Code({"d1", "2004-08-01", text, "", "", "", ""});
  }

  std::filesystem::path dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(TopicFilterTest, TwoCuesOfOneTopicDropTheDocument) {
  const std::string text =
      "Spain attacked England in the tournament. The goalkeepers of Spain were praised.";
  auto r = Code(text);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->events.empty());
  EXPECT_TRUE(r->discarded);
  EXPECT_EQ(r->off_topic, "sport");
  // The filter off: the same text is coded.
  r = Code(text, /*filter=*/false);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->events.empty());
  EXPECT_EQ(r->off_topic, "");
}

TEST_F(TopicFilterTest, OneCueOrCuesOfTwoTopicsDoNotDrop) {
  auto r = Code("Spain attacked England in the tournament.");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->events.empty());
  EXPECT_FALSE(r->discarded);
  r = Code("Spain attacked England in the tournament. Shareholders of Spain complained.");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->events.empty()) << "one cue of each of two topics";
  // The same cue twice counts once.
  r = Code("The tournament went on. Spain attacked England after the tournament.");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->events.empty());
}

TEST_F(TopicFilterTest, AsManyAnchorsKeepTheDocument) {
  const std::string cues = "Spain attacked England in the tournament, and its coach resigned.";
  auto r = Code(cues);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->events.empty());
  r = Code(cues + " The minister spoke for the government.");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->events.empty()) << "two anchors against two cues";
  r = Code(cues + " The minister spoke.");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->events.empty()) << "one anchor against two cues";
}

TEST_F(TopicFilterTest, ExplainNamesTheCues) {
  ASSERT_TRUE(Code("x").ok());
  std::string out = engine_->Explain(
      "Spain attacked England in the tournament; the coach of Spain and a minister spoke.",
      "2004-08-01");
  EXPECT_NE(out.find("topic cues: sport: 'tournament', 'coach'; anchors: 'minister'"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("off-topic: about sport, not coded"), std::string::npos) << out;
}

TEST(BundledTopicsTest, SportAndCompanyNewsAreNotCoded) {
  auto engine = Engine::Open(EngineOptions());
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  struct Case {
    const char* text;
    const char* topic;  // "" = coded
  };
  const Case cases[] = {
      {"Spain beat England 2-1 in a friendly. The Spanish coach praised his goalkeeper "
       "and the football federation.",
       "sport"},
      {"Vodafone Group Plc attacked its rival. Shareholders and investors welcomed the "
       "merger.",
       "business"},
      {"Russian troops attacked Georgian positions, the defence ministry said.", ""},
      {"The government of Japan imposed sanctions on North Korea after the missile test.",
       ""},
  };
  for (const Case& c : cases) {
    auto r = (*engine)->Code({"d", "2008-08-09", c.text, "", "", "", ""});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->off_topic, c.topic) << c.text;
    if (*c.topic == '\0') {
      EXPECT_FALSE(r->events.empty()) << c.text;
    }
  }
}

}  // namespace
}  // namespace ladder
