#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "text/text.h"

namespace ladder::text {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  for (Span s : SplitSentences(text)) {
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

using Sentences = std::vector<std::string>;

TEST(SplitSentencesTest, EmptyAndBlank) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences("  \n\n \t ").empty());
}

TEST(SplitSentencesTest, SimpleAndTrimmed) {
  EXPECT_EQ(Split("  Kim met Putin.  Both smiled!  Why?  "),
            (Sentences{"Kim met Putin.", "Both smiled!", "Why?"}));
}

TEST(SplitSentencesTest, RealForumSentence) {
  std::string_view text =
      "Vladivostok is scheduled to host the annual Eastern Economic Forum "
      "from Sept. 10 to 13, with Chinese Vice-Premier Zhang Guoqing among "
      "the confirmed guests. Mr. Zhang previously served...";
  Sentences s = Split(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_TRUE(s[0].ends_with("confirmed guests."));
  EXPECT_EQ(s[1], "Mr. Zhang previously served...");
}

TEST(SplitSentencesTest, Titles) {
  EXPECT_EQ(Split("Mr. Kim and Mrs. Lee met Gen. Park. Dr. Ahn and Sen. "
                  "Lee left."),
            (Sentences{"Mr. Kim and Mrs. Lee met Gen. Park.",
                       "Dr. Ahn and Sen. Lee left."}));
}

TEST(SplitSentencesTest, UsFollowedByNameDoesNotSplit) {
  EXPECT_EQ(Split("The U.S. Vice-President Kamala Harris warned them."),
            (Sentences{"The U.S. Vice-President Kamala Harris warned them."}));
  EXPECT_EQ(Split("He flew to the U.N. Security Council."),
            (Sentences{"He flew to the U.N. Security Council."}));
}

TEST(SplitSentencesTest, UsFollowedBySentenceStarterSplits) {
  EXPECT_EQ(Split("Sanctions were imposed by the U.S. The Kremlin denied it."),
            (Sentences{"Sanctions were imposed by the U.S.",
                       "The Kremlin denied it."}));
  EXPECT_EQ(Split("It came from Apple Inc. But few cared."),
            (Sentences{"It came from Apple Inc.", "But few cared."}));
}

TEST(SplitSentencesTest, Initials) {
  EXPECT_EQ(Split("George W. Bush met John F. Kennedy Jr. in a dream."),
            (Sentences{"George W. Bush met John F. Kennedy Jr. in a dream."}));
}

TEST(SplitSentencesTest, NumbersAndNumberSign) {
  EXPECT_EQ(
      Split("Growth was 3.5 percent. No. 2 official Choe resigned."),
      (Sentences{"Growth was 3.5 percent.", "No. 2 official Choe resigned."}));
  EXPECT_EQ(Split("They met on Jan. 5 in Seoul. It rained."),
            (Sentences{"They met on Jan. 5 in Seoul.", "It rained."}));
}

TEST(SplitSentencesTest, LowercaseAfterAbbreviationOrPeriod) {
  EXPECT_EQ(Split("Tanks, shells, etc. were sent. Officials agreed."),
            (Sentences{"Tanks, shells, etc. were sent.", "Officials agreed."}));
}

TEST(SplitSentencesTest, Ellipsis) {
  EXPECT_EQ(Split("He paused... and went on. Then... Nothing."),
            (Sentences{"He paused... and went on.", "Then...", "Nothing."}));
  EXPECT_EQ(Split("Wait\xE2\x80\xA6 It is over."),
            (Sentences{"Wait\xE2\x80\xA6", "It is over."}));
}

TEST(SplitSentencesTest, QuotationFollowedBySaid) {
  EXPECT_EQ(Split("\xE2\x80\x9CWe want weapons,\xE2\x80\x9D he said. "
                  "\xE2\x80\x9CWhy not?\xE2\x80\x9D she asked."),
            (Sentences{"\xE2\x80\x9CWe want weapons,\xE2\x80\x9D he said.",
                       "\xE2\x80\x9CWhy not?\xE2\x80\x9D she asked."}));
}

TEST(SplitSentencesTest, QuoteClosesSentence) {
  EXPECT_EQ(
      Split("\xE2\x80\x9CIt is done.\xE2\x80\x9D Next came talks. "
            "He said \"no.\" Then he left."),
      (Sentences{"\xE2\x80\x9CIt is done.\xE2\x80\x9D", "Next came talks.",
                 "He said \"no.\"", "Then he left."}));
}

TEST(SplitSentencesTest, NewlinesAlwaysEnd) {
  EXPECT_EQ(Split("Explainer: Kim and Putin may meet\nWhat do they need?\n\n"
                  "Both want\nsomething"),
            (Sentences{"Explainer: Kim and Putin may meet",
                       "What do they need?", "Both want", "something"}));
}

TEST(SplitSentencesTest, ReutersDateline) {
  std::string text = "SEOUL (Reuters) - North Korea fired a missile. It fell.";
  auto spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin),
            "North Korea fired a missile.");
  EXPECT_EQ(spans[0].begin, text.find("North"));
}

TEST(SplitSentencesTest, DatelineWithDateAndEmDash) {
  EXPECT_EQ(Split("MOSCOW, Sept 8 (AP) \xE2\x80\x94 Putin will host Kim."),
            (Sentences{"Putin will host Kim."}));
  EXPECT_EQ(Split("WASHINGTON \xE2\x80\x94 The U.S. warned Pyongyang."),
            (Sentences{"The U.S. warned Pyongyang."}));
  EXPECT_EQ(Split("NEW YORK, March 3 - Stocks fell.\n"
                  "Moscow (Reuters) - Prices rose."),
            (Sentences{"Stocks fell.", "Prices rose."}));
}

TEST(SplitSentencesTest, DatelineWithRegionOrOutlet) {
  // A country or province after the city, and an outlet's name before it:
  // the place is not part of the sentence (it would be coded as an actor).
  EXPECT_EQ(Split("HERAT, Afghanistan (Reuters) - Gunmen attacked a convoy."),
            (Sentences{"Gunmen attacked a convoy."}));
  EXPECT_EQ(Split("KHAN YOUNIS, Gaza Strip -- Israeli tanks entered the town."),
            (Sentences{"Israeli tanks entered the town."}));
  EXPECT_EQ(Split("Example News - VICTORIA, B.C. (CP) - Police arrested a man."),
            (Sentences{"Police arrested a man."}));
  EXPECT_EQ(Split("MOSUL, Iraq, Oct 3 (AP) - Bombs exploded."),
            (Sentences{"Bombs exploded."}));
  EXPECT_EQ(Split("Bamako, Mali - Soldiers took the airport."),
            (Sentences{"Soldiers took the airport."}));
  EXPECT_EQ(Split("Wire - MOSTAR, Bosnia-Herzegovina (AP) - Police left."),
            (Sentences{"Police left."}));
  EXPECT_EQ(Split("HERAT, Afghanistan : Gunmen attacked a convoy."),
            (Sentences{"Gunmen attacked a convoy."}));
  // Not datelines: no agency and no dash, a lower-case place, a comma list.
  EXPECT_EQ(Split("Moscow, Russia and China met."),
            (Sentences{"Moscow, Russia and China met."}));
  EXPECT_EQ(Split("Officials - TEHRAN, Iran said nothing."),
            (Sentences{"Officials - TEHRAN, Iran said nothing."}));
  EXPECT_EQ(Split("Iran Buying Jets, Perhaps MiG-29s\nTehran wants them."),
            (Sentences{"Iran Buying Jets, Perhaps MiG-29s", "Tehran wants them."}));
  EXPECT_EQ(Split("Reuters - the talks, Iran said - failed."),
            (Sentences{"Reuters - the talks, Iran said - failed."}));
}

TEST(SplitSentencesTest, NotADateline) {
  // Title case without an agency, or a dash inside a sentence.
  EXPECT_EQ(Split("Mr. Kim \xE2\x80\x93 whose country needs food \xE2\x80\x93 "
                  "came."),
            (Sentences{"Mr. Kim \xE2\x80\x93 whose country needs food "
                       "\xE2\x80\x93 came."}));
  EXPECT_EQ(Split("Moscow - a city - waited."),
            (Sentences{"Moscow - a city - waited."}));
  EXPECT_EQ(Split("SEOUL -"), (Sentences{"SEOUL -"}));
}

TEST(SplitSentencesTest, MonthAbbreviationAtEnd) {
  EXPECT_EQ(Split("The forum opens on Sept. 10. The talks follow."),
            (Sentences{"The forum opens on Sept. 10.", "The talks follow."}));
}

TEST(SplitSentencesTest, NonAsciiSpacesTrimmed) {
  std::string text = "\xC2\xA0Kim left.\xC2\xA0 Putin stayed.\xE2\x80\x89";
  EXPECT_EQ(Split(text), (Sentences{"Kim left.", "Putin stayed."}));
}

TEST(SplitSentencesTest, SeedArticleParagraph) {
  std::string_view text =
      "Mr. Putin\xE2\x80\x99s army is on its back foot in Ukraine, 18-plus "
      "months after he ordered the full-scale invasion of Russia\xE2\x80\x99s "
      "neighbour. Mr. Kim has the artillery shells, anti-tank weapons and "
      "Scud missiles that Mr. Putin needs.";
  EXPECT_EQ(Split(text).size(), 2u);
}

}  // namespace
}  // namespace ladder::text

namespace ladder::text {
namespace {

// Regression: hard-wrapped paragraphs (Reuters) were split at every line.
TEST(SplitSentencesTest, HardWrappedLinesJoinWithinAParagraph) {
  std::string text =
      "The finance ministers of the seven leading industrial nations agreed\n"
      "on Saturday to keep exchange rates stable, officials said. The\n"
      "agreement was welcomed.\n"
      "    A second paragraph starts with an indent.\n"
      "\n"
      "Short heading\n"
      "Another paragraph.";
  Sentences got = Split(text);
  ASSERT_EQ(got.size(), 5u) << ::testing::PrintToString(got);
  EXPECT_NE(got[0].find("agreed\non Saturday"), std::string::npos);
  EXPECT_EQ(got[1], "The\nagreement was welcomed.");
  EXPECT_EQ(got[2], "A second paragraph starts with an indent.");
  EXPECT_EQ(got[3], "Short heading");
  EXPECT_EQ(got[4], "Another paragraph.");
}

}  // namespace
}  // namespace ladder::text
