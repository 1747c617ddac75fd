#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "text/text.h"

namespace ladder::text {
namespace {

std::vector<Token> Tok(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, &tokens);
  return tokens;
}

std::vector<std::string> Surfaces(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tok(text)) {
    EXPECT_LE(t.begin, t.end);
    EXPECT_LE(t.end, text.size());
    out.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

std::vector<std::string> Lowers(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tok(text)) out.push_back(t.lower);
  return out;
}

using Strings = std::vector<std::string>;

TEST(TokenizeTest, OffsetsMatchSurfaceInsideSpan) {
  std::string text =
      "First one. North Korea\xE2\x80\x99s Kim Jong-un met Putin.";
  Span span{11, static_cast<uint32_t>(text.size())};
  std::vector<Token> tokens;
  Tokenize(text, span, &tokens);
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[0].begin, 11u);
  Strings expected = {"North",   "Korea", "\xE2\x80\x99s", "Kim",
                      "Jong-un", "met",   "Putin",         "."};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin),
              expected[i]);
  }
}

TEST(TokenizeTest, HyphensAndApostrophesInsideWords) {
  EXPECT_EQ(Surfaces("Jong-un co-operation Vice-President O'Brien anti-tank"),
            (Strings{"Jong-un", "co-operation", "Vice-President", "O'Brien",
                     "anti-tank"}));
}

TEST(TokenizeTest, DottedAcronymsAndAbbreviations) {
  EXPECT_EQ(Surfaces("The U.S. and U.N. met Mr. Kim on Sept. 10 at 3 p.m."),
            (Strings{"The", "U.S.", "and", "U.N.", "met", "Mr.", "Kim", "on",
                     "Sept.", "10", "at", "3", "p.m."}));
  EXPECT_EQ(Surfaces("George W. Bush left."),
            (Strings{"George", "W.", "Bush", "left", "."}));
  auto tokens = Tok("U.S.");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_TRUE(tokens[0].all_caps);
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_EQ(tokens[0].lower, "u.s.");
}

TEST(TokenizeTest, Possessives) {
  auto tokens =
      Tok("Russia\xE2\x80\x99s allies' Russia's Workers\xE2\x80\x99 Party");
  Strings lowers;
  std::vector<TokenKind> kinds;
  for (const Token& t : tokens) {
    lowers.push_back(t.lower);
    kinds.push_back(t.kind);
  }
  EXPECT_EQ(lowers, (Strings{"russia", "'s", "allies", "'", "russia", "'s",
                             "workers", "'", "party"}));
  EXPECT_EQ(kinds[1], TokenKind::kPossessive);
  EXPECT_EQ(kinds[3], TokenKind::kPossessive);
  EXPECT_EQ(kinds[5], TokenKind::kPossessive);
  EXPECT_EQ(kinds[7], TokenKind::kPossessive);
  EXPECT_EQ(kinds[0], TokenKind::kWord);
}

TEST(TokenizeTest, AcronymPossessive) {
  auto tokens = Tok("the U.S.\xE2\x80\x99s claim");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].lower, "u.s.");
  EXPECT_EQ(tokens[2].lower, "'s");
  EXPECT_EQ(tokens[2].kind, TokenKind::kPossessive);
}

TEST(TokenizeTest, ContractionsAreNotPossessives) {
  auto tokens = Tok("It\xE2\x80\x99s what\xE2\x80\x99s they're");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[1].lower, "'s");
  EXPECT_EQ(tokens[1].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[3].kind, TokenKind::kWord);
  EXPECT_EQ(tokens[5].lower, "'re");
}

TEST(TokenizeTest, Negations) {
  EXPECT_EQ(Lowers("didn't won't can't Don\xE2\x80\x99t"),
            (Strings{"did", "n't", "wo", "n't", "ca", "n't", "do", "n't"}));
  EXPECT_EQ(Surfaces("didn't"), (Strings{"did", "n't"}));
}

TEST(TokenizeTest, Numbers) {
  auto tokens =
      Tok("2,000 troops, 3.5 percent, 18-plus months in 2009, 5 more");
  Strings numbers;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kNumber) numbers.push_back(t.lower);
  }
  EXPECT_EQ(numbers, (Strings{"2,000", "3.5", "18-plus", "2009", "5"}));
  EXPECT_EQ(Surfaces("in 2009."), (Strings{"in", "2009", "."}));
}

TEST(TokenizeTest, PunctuationKinds) {
  auto tokens =
      Tok("\xE2\x80\x9CNo,\xE2\x80\x9D he said \xE2\x80\x93 \"yes\" "
          "\xE2\x80\x94 -- why?! Wait...");
  std::vector<TokenKind> kinds;
  for (const Token& t : tokens) kinds.push_back(t.kind);
  using K = TokenKind;
  EXPECT_EQ(kinds,
            (std::vector<K>{K::kQuote, K::kWord, K::kPunct, K::kQuote, K::kWord,
                            K::kWord, K::kPunct, K::kQuote, K::kWord, K::kQuote,
                            K::kPunct, K::kPunct, K::kWord, K::kSentenceEnd,
                            K::kWord, K::kPunct}));
  EXPECT_EQ(tokens[13].end - tokens[13].begin, 2u);  // "?!" is one token
}

TEST(TokenizeTest, CaseFlagsAndFolding) {
  auto tokens =
      Tok("NATO Putin \xC3\x89LYS\xC3\x89"
          "E \xC3\xA9t\xC3\xA9 iPhone");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_TRUE(tokens[0].all_caps);
  EXPECT_TRUE(tokens[1].capitalized);
  EXPECT_FALSE(tokens[1].all_caps);
  EXPECT_TRUE(tokens[2].all_caps);
  EXPECT_EQ(tokens[2].lower,
            "\xC3\xA9lys\xC3\xA9"
            "e");
  EXPECT_FALSE(tokens[3].capitalized);
  EXPECT_FALSE(tokens[4].capitalized);
  EXPECT_FALSE(tokens[4].all_caps);
}

TEST(TokenizeTest, SpanOutOfRangeIsClipped) {
  std::vector<Token> tokens = {Token{}};
  Tokenize("abc", Span{5, 9}, &tokens);
  EXPECT_TRUE(tokens.empty());
  Tokenize("abc def", Span{4, 100}, &tokens);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].lower, "def");
}

TEST(TokenizeTest, InvalidBytesDoNotCrash) {
  std::string text = "ab\xFF\xC3 c\xE2\x80";
  auto tokens = Tok(text);
  ASSERT_FALSE(tokens.empty());
  for (const Token& t : tokens) EXPECT_LE(t.end, text.size());
}

// Case folding of ASCII words by the byte-by-byte definition.
void ExpectAsciiFold(std::string_view surface, const Token& t) {
  std::string lower;
  bool upper_seen = false, lower_seen = false, first = true,
       capitalized = false;
  for (char c : surface) {
    bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
    if ((up || low) && first) capitalized = up, first = false;
    upper_seen |= up;
    lower_seen |= low;
    lower.push_back(up ? static_cast<char>(c + 32) : c);
  }
  EXPECT_EQ(t.lower, lower);
  EXPECT_EQ(t.capitalized, capitalized);
  EXPECT_EQ(t.all_caps, upper_seen && !lower_seen);
}

// Words of up to 16 bytes are folded 8 bytes at a time when 16 bytes of
// text are readable: every length and case mix, far from and near the end.
TEST(TokenizeTest, ShortAsciiFoldMatchesBytewise) {
  const std::string_view shapes[] = {
      "a", "A", "Zz", "aZ", "AZ", "N9", "9n", "x-Y", "MiXeD", "uPPER", "Lower"};
  for (size_t len = 1; len <= 20; ++len) {
    for (std::string_view shape : shapes) {
      std::string word;
      for (size_t i = 0; i < len; ++i) word.push_back(shape[i % shape.size()]);
      if (word[0] >= '0' && word[0] <= '9') continue;  // a number token
      for (size_t tail : {0, 1, 15, 16, 30}) {
        std::string text = "Q " + word + std::string(tail, ' ');
        SCOPED_TRACE(text);
        auto tokens = Tok(text);
        size_t words = 0;
        for (const Token& t : tokens) {
          ExpectAsciiFold(
              std::string_view(text).substr(t.begin, t.end - t.begin), t);
          words += t.kind == TokenKind::kWord;
        }
        EXPECT_GE(words, 2u);
      }
    }
  }
}

// Tokenize reuses the tokens a vector already holds: the result must not
// depend on them (longer or shorter strings, set lemmas, ids and flags).
TEST(TokenizeTest, ReusedTokensEqualFreshOnes) {
  const std::string texts[] = {
      "NATO's Secretary-General met Putin in \xC3\x89LYS\xC3\x89"
      "E.",
      "a",
      "Counterinsurgency internationalization, 2,000 troops (U.S.) "
      "\xE2\x80\x9Cleft\xE2\x80\x9D; iPhone caf\xC3\xA9 don't allies' ",
      "",
      "ab\xFF\xC3 c\xE2\x80",
      "SEOUL (Reuters) - NORTH KOREA said it would respond.",
  };
  std::vector<Token> reused;
  for (const std::string& previous : texts) {
    for (const std::string& text : texts) {
      Tokenize(previous, Span{0, static_cast<uint32_t>(previous.size())},
               &reused);
      for (Token& t : reused) {  // as the annotator and coder leave them
        t.lemma = "some-lemma-longer-than-fifteen";
        t.pos = 7;
        t.word_id = t.lemma_id = 9;
        t.capitalized = t.all_caps = true;
      }
      Tokenize(text, Span{0, static_cast<uint32_t>(text.size())}, &reused);
      std::vector<Token> fresh = Tok(text);
      SCOPED_TRACE(previous + " -> " + text);
      ASSERT_EQ(reused.size(), fresh.size());
      for (size_t i = 0; i < fresh.size(); ++i) {
        EXPECT_EQ(reused[i].begin, fresh[i].begin);
        EXPECT_EQ(reused[i].end, fresh[i].end);
        EXPECT_EQ(reused[i].kind, fresh[i].kind);
        EXPECT_EQ(reused[i].capitalized, fresh[i].capitalized);
        EXPECT_EQ(reused[i].all_caps, fresh[i].all_caps);
        EXPECT_EQ(reused[i].lower, fresh[i].lower);
        EXPECT_EQ(reused[i].lemma, "");
        EXPECT_EQ(reused[i].pos, 0);
        EXPECT_EQ(reused[i].word_id, 0u);
        EXPECT_EQ(reused[i].lemma_id, 0u);
      }
    }
  }
}

// Words are scanned eight bytes at a time up to the first byte that is not
// an ASCII letter or digit: every stop position, and non-ASCII letters,
// hyphens and apostrophes after long runs.
TEST(TokenizeTest, LongWordsEndWhereTheyShould) {
  for (size_t len = 1; len <= 24; ++len) {
    std::string word;
    for (size_t i = 0; i < len; ++i) word.push_back("aB3"[i % 3]);
    word[0] = 'w';
    EXPECT_EQ(Surfaces(word), Strings({word}));
    EXPECT_EQ(Surfaces(word + ", x"), Strings({word, ",", "x"}));
    EXPECT_EQ(Surfaces(word + "\xC3\xA9t\xC3\xA9 x"),
              Strings({word + "\xC3\xA9t\xC3\xA9", "x"}));
    EXPECT_EQ(Surfaces(word + "-Un x"), Strings({word + "-Un", "x"}));
    EXPECT_EQ(Surfaces(word + "\xE2\x80\x99s x"),
              Strings({word, "\xE2\x80\x99s", "x"}));
    EXPECT_EQ(Surfaces(word + "\xE2\x80\x94x"),
              Strings({word, "\xE2\x80\x94", "x"}));
  }
}

}  // namespace
}  // namespace ladder::text
