// Differential test (RE2's tester): dict::PhraseTrie::LongestAt against a
// simple reference matcher that tries every phrase at every start position,
// and the trie of a compiled Dictionary (the flat image) against PhraseTrie.
//
// Matching rules (dict/dictionary.h): a phrase word "w*" (more than one
// byte before the '*') matches a token whose lower-case form starts with "w";
// any other word matches a token whose lower-case form or lemma equals it.
// The longest match wins; among equally long matches the phrase inserted
// first wins.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "dict/dictionary.h"

namespace ladder::dict {
namespace {

struct Tok {
  std::string lower;
  std::string lemma;
};

bool WordMatches(const std::string& word, const Tok& tok) {
  if (word.size() > 1 && word.back() == '*') {
    std::string_view stem(word.data(), word.size() - 1);
    return std::string_view(tok.lower).substr(0, stem.size()) == stem;
  }
  return word == tok.lower || word == tok.lemma;
}

// The reference: every phrase, in insertion order, at `start`.
// `tied` gets every phrase that matches as long as the winner.
bool ReferenceLongestAt(const std::vector<Phrase>& phrases,
                        const std::vector<Tok>& toks, size_t start,
                        PhraseMatch* match, std::vector<uint32_t>* tied) {
  bool found = false;
  tied->clear();
  for (size_t e = 0; e < phrases.size(); ++e) {
    const Phrase& p = phrases[e];
    if (p.empty() || start + p.size() > toks.size()) continue;
    bool ok = true;
    for (size_t k = 0; k < p.size() && ok; ++k) {
      ok = WordMatches(p[k], toks[start + k]);
    }
    if (!ok) continue;
    size_t end = start + p.size();
    if (found && end == match->end) tied->push_back(static_cast<uint32_t>(e));
    if (!found || end > match->end) {  // strictly longer: first inserted wins ties
      found = true;
      tied->assign(1, static_cast<uint32_t>(e));
      match->begin = static_cast<uint32_t>(start);
      match->end = static_cast<uint32_t>(end);
      match->entry = static_cast<uint32_t>(e);
    }
  }
  return found;
}

class TrieDifferentialTest : public ::testing::Test {
 protected:
  // A small vocabulary with shared prefixes, so stems and lemmas collide.
  const std::vector<std::string> vocab_ = {"a",   "ab",  "abc", "abd", "b",
                                           "ba",  "bab", "c",   "ca",  "'s",
                                           "u.s.", "x"};

  std::string RandomWord(std::mt19937* rng) {
    return vocab_[std::uniform_int_distribution<size_t>(0, vocab_.size() - 1)(*rng)];
  }

  // A phrase word: an exact word or (1 in 4) a stem "prefix*".
  std::string RandomPhraseWord(std::mt19937* rng) {
    std::string w = RandomWord(rng);
    if ((*rng)() % 4 == 0) {
      size_t len = 1 + (*rng)() % w.size();
      return w.substr(0, len) + "*";
    }
    return w;
  }

  Tok RandomTok(std::mt19937* rng) {
    Tok t;
    t.lower = RandomWord(rng);
    // Most tokens are their own lemma; some have another word as lemma.
    t.lemma = (*rng)() % 3 == 0 ? RandomWord(rng) : t.lower;
    return t;
  }

  // Runs `trials` random cases with phrases of 1..max_len words. With
  // `strict_ties`, equally long matches must go to the first inserted phrase;
  // otherwise to any of them.
  void RunTrials(uint32_t seed, int trials, size_t max_phrases, size_t max_len,
                 size_t max_tokens, bool strict_ties = false) {
    std::mt19937 rng(seed);
    for (int trial = 0; trial < trials; ++trial) {
      std::vector<Phrase> phrases(1 + rng() % max_phrases);
      PhraseTrie trie;
      for (size_t e = 0; e < phrases.size(); ++e) {
        size_t len = 1 + rng() % max_len;
        // Sometimes repeat an earlier phrase: the first entry must win.
        if (e > 0 && rng() % 8 == 0) {
          phrases[e] = phrases[rng() % e];
        } else {
          for (size_t k = 0; k < len; ++k) phrases[e].push_back(RandomPhraseWord(&rng));
        }
        trie.Insert(phrases[e], static_cast<uint32_t>(e));
      }
      // The same phrases as actors of a compiled dictionary: its trie is
      // laid out in the flat image (stems' text moved into the string pool).
      DictionaryBuilder builder;
      for (const Phrase& p : phrases) {
        DatedCode code;
        code.code = "XXX";
        builder.AddActor({{p}, {code}, {}});
      }
      auto dict = builder.Compile();
      ASSERT_TRUE(dict.ok()) << dict.status().ToString();
      std::vector<Tok> toks(rng() % (max_tokens + 1));
      for (Tok& t : toks) t = RandomTok(&rng);
      auto word_of = [&](size_t i) -> std::string_view { return toks[i].lower; };
      auto lemma_of = [&](size_t i) -> std::string_view { return toks[i].lemma; };
      std::vector<text::Token> tokens(toks.size());
      for (size_t i = 0; i < toks.size(); ++i) {
        tokens[i].lower = toks[i].lower;
        tokens[i].lemma = toks[i].lemma;
        tokens[i].word_id = trie.vocabulary().Find(toks[i].lower);
        tokens[i].lemma_id = trie.vocabulary().Find(toks[i].lemma);
      }
      for (size_t start = 0; start <= toks.size(); ++start) {
        PhraseMatch want, got;
        std::vector<uint32_t> tied;
        bool want_found = ReferenceLongestAt(phrases, toks, start, &want, &tied);
        bool got_found = trie.LongestAt(start, toks.size(), word_of, lemma_of, &got);
        // The token path (ids assigned once) must agree with the string path.
        PhraseMatch by_ids;
        bool ids_found = trie.LongestAt(tokens, start, &by_ids);
        ASSERT_EQ(ids_found, got_found) << Describe(seed, trial, phrases, toks, start);
        if (got_found) {
          ASSERT_EQ(by_ids.end, got.end);
          ASSERT_EQ(by_ids.entry, got.entry);
        }
        ASSERT_EQ(got_found, want_found) << Describe(seed, trial, phrases, toks, start);
        PhraseMatch in_image;
        bool image_found =
            (*dict)->actor_trie().LongestAt(start, toks.size(), word_of, lemma_of, &in_image);
        ASSERT_EQ(image_found, got_found) << Describe(seed, trial, phrases, toks, start);
        if (got_found) {
          ASSERT_EQ(in_image.end, got.end) << Describe(seed, trial, phrases, toks, start);
          ASSERT_EQ(in_image.entry, got.entry) << Describe(seed, trial, phrases, toks, start);
        }
        if (!want_found) continue;
        ASSERT_EQ(got.begin, want.begin) << Describe(seed, trial, phrases, toks, start);
        ASSERT_EQ(got.end, want.end) << Describe(seed, trial, phrases, toks, start);
        if (strict_ties) {
          ASSERT_EQ(got.entry, want.entry) << Describe(seed, trial, phrases, toks, start);
        } else {
          ASSERT_NE(std::find(tied.begin(), tied.end(), got.entry), tied.end())
              << "entry " << got.entry << "\n" << Describe(seed, trial, phrases, toks, start);
        }
      }
    }
  }

  static std::string Describe(uint32_t seed, int trial,
                              const std::vector<Phrase>& phrases,
                              const std::vector<Tok>& toks, size_t start) {
    std::string out = "seed " + std::to_string(seed) + " trial " +
                      std::to_string(trial) + " start " + std::to_string(start) +
                      "\nphrases:";
    for (size_t e = 0; e < phrases.size(); ++e) {
      out += "\n  " + std::to_string(e) + ":";
      for (const std::string& w : phrases[e]) out += " " + w;
    }
    out += "\ntokens (lower/lemma):";
    for (const Tok& t : toks) out += " " + t.lower + "/" + t.lemma;
    return out;
  }
};

TEST_F(TrieDifferentialTest, ShortPhrasesSmallSets) { RunTrials(1, 4000, 4, 2, 6); }

TEST_F(TrieDifferentialTest, LongerPhrasesLargerSets) { RunTrials(2, 3000, 16, 5, 12); }

TEST_F(TrieDifferentialTest, ManyPhrasesSharingPrefixes) { RunTrials(3, 1000, 64, 4, 16); }

// Equally long matches through different trie paths ("x" and "x*" on the
// token "x") must go to the phrase inserted first, as duplicates of one
// phrase do. LongestAt keeps the first one its depth-first walk reaches, which
// prefers stems and lemmas over exact words; see the report for the fix.
TEST_F(TrieDifferentialTest, EqualLengthTiesGoToFirstInserted) {
  PhraseTrie trie;
  trie.Insert({"russia"}, 0);
  trie.Insert({"russ*"}, 1);
  std::vector<Tok> toks = {{"russia", "russia"}};
  auto word_of = [&](size_t i) -> std::string_view { return toks[i].lower; };
  PhraseMatch m;
  ASSERT_TRUE(trie.LongestAt(0, 1, word_of, word_of, &m));
  EXPECT_EQ(m.end, 1u);
  EXPECT_EQ(m.entry, 0u) << "the exact phrase was inserted first";
}

TEST_F(TrieDifferentialTest, RandomTiesGoToFirstInserted) {
  RunTrials(4, 4000, 8, 3, 8, /*strict_ties=*/true);
}

TEST_F(TrieDifferentialTest, EmptyInputsMatchNothing) {
  PhraseTrie trie;
  trie.Insert({}, 0);  // an empty phrase is never a match
  trie.Insert({"a"}, 1);
  std::vector<std::string> none;
  auto word_of = [&](size_t i) -> std::string_view { return none[i]; };
  PhraseMatch m;
  EXPECT_FALSE(trie.LongestAt(0, 0, word_of, word_of, &m));
}

TEST_F(TrieDifferentialTest, StemMatchesFormNotLemma) {
  PhraseTrie trie;
  trie.Insert({"sanc*"}, 0);
  std::vector<Tok> toks = {{"penalty", "sanction"}};
  auto word_of = [&](size_t i) -> std::string_view { return toks[i].lower; };
  auto lemma_of = [&](size_t i) -> std::string_view { return toks[i].lemma; };
  PhraseMatch m;
  EXPECT_FALSE(trie.LongestAt(0, 1, word_of, lemma_of, &m));
}

// LongestAt over tokens rules out a start before walking when neither the
// token's word nor its lemma has an edge from the root. A phrase may still
// start there by its lemma alone or by a stem edge of the root (matched by
// text: the token's word has no id at all), and no phrase starts past the
// last token.
TEST_F(TrieDifferentialTest, FastRejectKeepsLemmaAndStemStarts) {
  PhraseTrie by_lemma;
  by_lemma.Insert({"go", "home"}, 0);
  std::vector<text::Token> tokens(2);
  tokens[0].lower = "went";
  tokens[0].lemma = "go";
  tokens[1].lower = tokens[1].lemma = "home";
  for (text::Token& t : tokens) {
    t.word_id = by_lemma.vocabulary().Find(t.lower);
    t.lemma_id = by_lemma.vocabulary().Find(t.lemma);
  }
  ASSERT_EQ(tokens[0].word_id, kNoWord);
  PhraseMatch m;
  ASSERT_TRUE(by_lemma.LongestAt(tokens, 0, &m));
  EXPECT_EQ(m.end, 2u);
  EXPECT_FALSE(by_lemma.LongestAt(tokens, 1, &m));
  EXPECT_FALSE(by_lemma.LongestAt(tokens, 2, &m));

  PhraseTrie by_stem;
  by_stem.Insert({"russ*"}, 0);
  by_stem.Insert({"moscow"}, 1);
  std::vector<text::Token> russia(1);
  russia[0].lower = russia[0].lemma = "russia";  // no id: only the stem matches
  ASSERT_TRUE(by_stem.LongestAt(russia, 0, &m));
  EXPECT_EQ(m.entry, 0u);
}

}  // namespace
}  // namespace ladder::dict
