// Tests for src/coder/mentions.h: FindMentions with a small dictionary,
// including the cheap tests that skip most tokens (trie bitmaps, the
// remembered miss of PieceFinder, MayStartAlias, MayStartPronoun): each case
// has a mention right where a wrong shortcut would lose it.
#include "coder/mentions.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "coder/annotator.h"

namespace ladder::coder {
namespace {

class FindMentionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dict::DictionaryBuilder b;
    b.AddActor({{{"gondor"}}, {{"GON", 0, 99999999, ""}}, {}});
    b.AddActor({{{"arnor"}}, {{"ARN", 0, 99999999, ""}}, {}});
    // A dated person: a "person" piece whose words become aliases.
    b.AddActor({{{"aragorn", "elessar"}}, {{"GONGOV", 20200101, 20301231, ""}}, {}});
    b.AddAgent({{{"army"}}, "MIL", false, false, {}});
    b.AddAgent({{{"minister"}}, "GOV", false, false, {}});
    auto compiled = b.Compile();
    ASSERT_TRUE(compiled.ok()) << compiled.status().message();
    dict_ = *compiled;
    lexicon_ = text::Lexicon::ClosedClassOnly();
    annotator_ = std::make_unique<Annotator>(*lexicon_, *dict_);
  }

  // "begin-end:code" for each mention of `sentence`, coded in `context`.
  std::string Mentions(const std::string& sentence, DocumentContext* context) {
    std::vector<text::Token> tokens;
    text::Tokenize(sentence, {0, static_cast<uint32_t>(sentence.size())}, &tokens);
    annotator_->Annotate(&tokens);
    std::string out;
    for (const Mention& m : FindMentions(tokens, sentence, *dict_, 20230908, context)) {
      if (!out.empty()) out += " ";
      out += std::to_string(m.begin) + "-" + std::to_string(m.end) + ":" + m.code;
    }
    return out;
  }

  std::shared_ptr<const dict::Dictionary> dict_;
  std::unique_ptr<text::Lexicon> lexicon_;
  std::unique_ptr<Annotator> annotator_;
};

TEST_F(FindMentionsTest, PiecesAfterAMissAreFound) {
  DocumentContext context;
  // "said" is asked twice (after the phrase, then by the main loop); the
  // actor right after it must still be found.
  EXPECT_EQ(Mentions("Gondor said Arnor", &context), "0-1:GON 2-3:ARN");
  EXPECT_EQ(Mentions("Gondor army attacked Arnor", &context), "0-2:GONMIL 3-4:ARN");
  // "of Gondor" is found while growing "army" but not joined to it: the
  // main loop asks at "Gondor" again and must not take it for a miss.
  EXPECT_EQ(Mentions("The army of Gondor attacked Arnor", &context),
            "1-4:GONMIL 5-6:ARN");
}

TEST_F(FindMentionsTest, AliasesAndPronouns) {
  DocumentContext context;
  EXPECT_EQ(Mentions("Aragorn Elessar visited Arnor", &context), "0-2:GONGOV 3-4:ARN");
  // A title and a bare alias, a capitalised pronoun, "the two sides".
  EXPECT_EQ(Mentions("Mr. Elessar praised Arnor", &context), "0-2:GONGOV 3-4:ARN");
  EXPECT_EQ(Mentions("Later Elessar left", &context), "1-2:GONGOV");
  // A lower-case title starts the alias too.
  EXPECT_EQ(Mentions("Crowds cheered mr Elessar", &context), "2-4:GONGOV");
  EXPECT_EQ(Mentions("He thanked Gondor", &context), "0-1:GONGOV 2-3:GON");
  EXPECT_EQ(Mentions("The two sides met", &context), "0-3:ARN 0-3:GON");
  EXPECT_EQ(Mentions("Both sides met", &context), "0-2:ARN 0-2:GON");
  // Words that look like the pronouns but are not.
  EXPECT_EQ(Mentions("The three sides met in Shire", &context), "");
  EXPECT_EQ(Mentions("Her sister met Arnor", &context), "3-4:ARN");
}

// Pronouns and "the two sides" are flagged, not recognised by their
// explanation: with or without explanations, a pronoun is no antecedent
// and takes no agent.
TEST_F(FindMentionsTest, ResolvedMentionsWithAndWithoutExplanations) {
  for (bool explain : {false, true}) {
    DocumentContext context;
    context.explain = explain;
    EXPECT_EQ(Mentions("Aragorn Elessar visited Arnor", &context), "0-2:GONGOV 3-4:ARN");
    // "he" is not remembered: the last two actors stay Elessar, Arnor.
    EXPECT_EQ(Mentions("Arnor said he left", &context), "0-1:ARN 2-3:GONGOV");
    EXPECT_EQ(Mentions("Both sides met", &context), "0-2:GONGOV 0-2:ARN");
    // The army is not distributed over a pronoun.
    EXPECT_EQ(Mentions("The army of he left", &context), "3-4:GONGOV");
  }
}

TEST_F(FindMentionsTest, HowOnlyWhenExplaining) {
  for (bool explain : {false, true}) {
    DocumentContext context;
    context.explain = explain;
    std::string sentence = "Gondor army attacked Arnor";
    std::vector<text::Token> tokens;
    text::Tokenize(sentence, {0, static_cast<uint32_t>(sentence.size())}, &tokens);
    annotator_->Annotate(&tokens);
    std::vector<Mention> ms = FindMentions(tokens, sentence, *dict_, 20230908, &context);
    ASSERT_EQ(ms.size(), 2u);
    EXPECT_EQ(ms[0].how, explain ? "actor 'Gondor' GON + agent 'army' MIL" : "");
  }
}

}  // namespace
}  // namespace ladder::coder
