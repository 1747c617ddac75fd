// Differential tests of the coder's fast paths against their references:
// - the key-word pattern index and the required-word test against trying
//   every pattern of a verb (SentenceCoder with filter_patterns = false);
// - the Annotator's cached annotation against Lexicon::Annotate followed by
//   Dictionary::AssignWordIds.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "coder/annotator.h"
#include "coder/mentions.h"
#include "coder/sentence_coder.h"
#include "dict/loader.h"
#include "text/text.h"

namespace ladder::coder {
namespace {

namespace fs = std::filesystem;

std::string SourceDir() { return LADDER_SOURCE_DIR; }
std::string SharedDir() { return LADDER_SHARED_DIR; }

// Words the synthetic patterns and sentences are made of: function words,
// content words with inflections, and a few actors.
const std::vector<std::string>& Pool() {
  static const std::vector<std::string> pool = {
      "the",      "to",       "of",        "with",     "on",      "over",
      "its",      "a",        "new",       "said",     "warned",  "warn",
      "warning",  "accused",  "sanctions", "sanction", "troops",  "border",
      "talks",    "nuclear",  "weapons",   "missile",  "deal",    "aid",
      "economic", "military", "attack",    "attacked", "strikes", "ceasefire",
      "Russia",   "Ukraine",  "Iran",      "China",    "Japan",   "and",
      "not",      "will",     "plans",     "meeting",  "met",     "visit",
  };
  return pool;
}

// A verbs file with many patterns on the anchors "warn" and "attack", so
// their lists are long enough to be indexed by key word (kAnchorIndexMin).
std::string SyntheticVerbs(std::mt19937* rng) {
  const std::vector<std::string> words = {
      "of",   "with",    "on",      "over",     "sanction", "troop",
      "border", "talk",  "nuclear", "weapon",   "missile",  "deal",
      "aid",  "economic", "military", "strike", "ceasefire", "new",
      "sanc*", "nucl*",  "the",     "its",      "meeting",  "visit"};
  const char* codes[] = {"130", "1311", "138", "111", "190", "172"};
  std::string out = "%ladder verbs 1\n";
  for (const char* anchor : {"warn", "attack", "accuse"}) {
    for (int block = 0; block < 6; ++block) {
      out += std::string("[") + codes[block] + "] synthetic\n";
      for (int n = 0; n < 12; ++n) {
        std::string line = anchor;
        int len = 1 + (*rng)() % 4;
        for (int k = 0; k < len; ++k) {
          switch ((*rng)() % 6) {
            case 0: line += " +"; break;
            case 1: line += " .."; break;
            case 2:
              line += " " + words[(*rng)() % words.size()] + "|" +
                      words[(*rng)() % words.size()];
              break;
            default: line += " " + words[(*rng)() % words.size()]; break;
          }
        }
        if (line.size() >= 3 && line.compare(line.size() - 3, 3, " ..") == 0) {
          line += " +";  // a gap must lead somewhere
        }
        out += line + "\n";
      }
    }
  }
  return out;
}

struct Loaded {
  std::shared_ptr<const dict::Dictionary> dict;
  std::unique_ptr<text::Lexicon> lexicon;
};

Loaded Load(const std::vector<std::string>& paths) {
  Loaded s;
  dict::DictionaryBuilder builder;
  for (const std::string& p : paths) {
    Status st = dict::LoadDictionaryPath(p, &builder);
    EXPECT_TRUE(st.ok()) << st.message();
  }
  auto compiled = builder.Compile();
  EXPECT_TRUE(compiled.ok());
  s.dict = *compiled;
  auto lex = text::Lexicon::Load("/usr/share/wordnet");
  s.lexicon = lex.ok() ? std::move(lex).value() : text::Lexicon::ClosedClassOnly();
  return s;
}

std::string Describe(const std::vector<CodedEvent>& events) {
  std::string out;
  for (const CodedEvent& e : events) {
    out += e.code + " " + (e.source ? e.source->code : "-") + "->" +
           (e.target ? e.target->code : "-") + " '" + e.verb + "' " +
           std::string(ModalityName(e.modality)) + "\n";
  }
  return out;
}

// Codes `text` with and without the pattern filters; the events must agree.
// Returns the number of events.
size_t ExpectSameCoding(const Loaded& s, const Annotator& annotator,
                        const std::string& text) {
  size_t n = 0;
  for (text::Span span : text::SplitSentences(text)) {
    std::vector<text::Token> tokens;
    text::Tokenize(text, span, &tokens);
    annotator.Annotate(&tokens);
    DocumentContext context_fast, context_all;
    auto mentions = FindMentions(tokens, text, *s.dict, 20230908, &context_fast);
    SentenceContext sc{&tokens, text, kNoDate, 20230908, "2023-09-08"};
    std::vector<CodedEvent> fast, all;
    SentenceCoder(*s.dict, 0, true).Code(sc, mentions, &fast, nullptr);
    SentenceCoder(*s.dict, 0, false).Code(sc, mentions, &all, nullptr);
    EXPECT_EQ(Describe(fast), Describe(all)) << text;
    if (fast.size() != all.size()) return n;
    for (size_t k = 0; k < fast.size(); ++k) {
      EXPECT_EQ(fast[k].pattern, all[k].pattern) << text;
    }
    n += fast.size();
  }
  return n;
}

// Random sentences of `min_len` to `min_len + spread - 1` pool words over the
// synthetic verbs, coded with and without the filters; returns the events.
size_t CodeRandomSentences(int min_len, int spread, int trials) {
  std::mt19937 rng(7);
  // A folder of this process and call: ctest runs the tests of this file in
  // parallel processes, and one removing a shared folder broke the other.
  fs::path dir = fs::temp_directory_path() /
                 ("ladder_pattern_index_test_" + std::to_string(::getpid()) + "_" +
                  std::to_string(min_len));
  fs::create_directories(dir);
  std::ofstream(dir / "verbs.txt") << SyntheticVerbs(&rng);
  Loaded s = Load({SourceDir() + "/data/actors", (dir / "verbs.txt").string()});
  fs::remove_all(dir);
  // The synthetic anchors must really be indexed, or this tests nothing.
  dict::AnchorView warn = s.dict->AnchoredOn(s.dict->vocabulary().Find("warn"));
  EXPECT_TRUE(warn);
  if (!warn) return 0;
  EXPECT_GE(warn.all().size(), dict::kAnchorIndexMin);
  EXPECT_GT(warn.keyed_count(), 0u);
  Annotator annotator(*s.lexicon, *s.dict);
  const auto& pool = Pool();
  size_t events = 0;
  for (int trial = 0; trial < trials; ++trial) {
    std::string text;
    int len = min_len + rng() % spread;
    for (int k = 0; k < len; ++k) {
      if (!text.empty()) text += ' ';
      text += pool[rng() % pool.size()];
    }
    text += ".";
    events += ExpectSameCoding(s, annotator, text);
    if (::testing::Test::HasFailure()) return events;
  }
  return events;
}

TEST(PatternIndexTest, FastPathCodesAsTryingEveryPattern) {
  size_t events = CodeRandomSentences(3, 14, 3000);
  EXPECT_GT(events, 300u) << "the random sentences must code events";
}

// Long sentences hold many key words of one verb, so the candidate lists
// the coder merges are many (more than 8 take the gather-and-sort path) and
// a pattern keyed under two alternatives comes from two lists.
TEST(PatternIndexTest, FastPathCodesAsTryingEveryPatternInLongSentences) {
  size_t events = CodeRandomSentences(25, 20, 600);
  EXPECT_GT(events, 300u) << "the random sentences must code events";
}

TEST(PatternIndexTest, FastPathCodesAsTryingEveryPatternWithPhoenix) {
  std::string phoenix = SharedDir() + "/data/phoenix-dictionaries";
  if (SharedDir().empty() || !fs::exists(phoenix)) {
    GTEST_SKIP() << "skipped: " << phoenix << " is not here";
  }
  Loaded s = Load({phoenix, SourceDir() + "/data/codes.txt"});
  Annotator annotator(*s.lexicon, *s.dict);
  // Sentences of news shape, including the verbs with the longest lists.
  const char* texts[] = {
      "Russia said on Friday it would not accept new sanctions against Iran.",
      "North Korean leader Kim Jong Un will visit Russia to meet President "
      "Vladimir Putin, a U.S. official said.",
      "The United States accused China of supplying weapons to Russia.",
      "Israeli troops attacked a Hamas post near the border with Egypt.",
      "Japan and South Korea agreed to resume talks on economic cooperation.",
      "The Security Council condemned the missile launch and called for "
      "restraint.",
      "Iran rejected the European Union's demand to halt uranium enrichment.",
      "Ukrainian forces shelled Russian positions as peace talks stalled.",
      "The president warned that the army would retaliate against any attack.",
      "Turkey expelled the French ambassador and recalled its envoy from "
      "Paris.",
  };
  size_t events = 0;
  for (const char* text : texts) events += ExpectSameCoding(s, annotator, text);
  EXPECT_GT(events, 5u);
}

TEST(AnnotatorTest, CachedAnnotationEqualsDirectAnnotation) {
  Loaded s = Load({SourceDir() + "/data/actors", SourceDir() + "/data/verbs.txt"});
  Annotator annotator(*s.lexicon, *s.dict);
  // Repeated forms hit the cache; the long word is never cached.
  std::string text =
      "Russia warned Ukraine. Russia warned Ukraine again. The troops said "
      "the sanctions were counterrevolutionarily imposed; troops, sanctions "
      "and warnings. RUSSIA WARNED. 2,000 soldiers met on Friday.\n"
      // Non-word tokens are cached too, keyed by kind: "'" is a quote here
      // and a possessive after "allies"; "No." and "no" differ in form.
      "The allies' troops said 'no' to 2,000 more; the allies' 3.5 "
      "-- ' \xE2\x80\x9Cno\xE2\x80\x9D No. 5 (U.S.) \xC3\xA9t\xC3\xA9 "
      "internationalizations internationalizations 'no'.";
  for (int round = 0; round < 3; ++round) {
    for (text::Span span : text::SplitSentences(text)) {
      std::vector<text::Token> cached, direct;
      text::Tokenize(text, span, &cached);
      direct = cached;
      annotator.Annotate(&cached);
      s.lexicon->Annotate(&direct);
      s.dict->AssignWordIds(&direct);
      ASSERT_EQ(cached.size(), direct.size());
      for (size_t k = 0; k < cached.size(); ++k) {
        EXPECT_EQ(cached[k].lemma, direct[k].lemma) << direct[k].lower;
        EXPECT_EQ(cached[k].pos, direct[k].pos) << direct[k].lower;
        EXPECT_EQ(cached[k].word_id, direct[k].word_id) << direct[k].lower;
        EXPECT_EQ(cached[k].lemma_id, direct[k].lemma_id) << direct[k].lower;
      }
    }
  }
}

// Two annotators in one thread (two engines with different dictionaries)
// must not see each other's cached word ids.
TEST(AnnotatorTest, CacheIsPerAnnotator) {
  Loaded a = Load({SourceDir() + "/data/verbs.txt"});
  Loaded b = Load({SourceDir() + "/data/actors"});
  Annotator first(*a.lexicon, *a.dict), second(*b.lexicon, *b.dict);
  std::string text = "Russia warned Ukraine";
  text::Span span{0, static_cast<uint32_t>(text.size())};
  std::vector<text::Token> x, y;
  text::Tokenize(text, span, &x);
  y = x;
  first.Annotate(&x);
  second.Annotate(&y);
  EXPECT_EQ(x[0].word_id, a.dict->vocabulary().Find("russia"));
  EXPECT_EQ(x[1].lemma_id, a.dict->vocabulary().Find("warn"));
  EXPECT_EQ(y[0].word_id, b.dict->vocabulary().Find("russia"));
  EXPECT_EQ(y[1].lemma_id, b.dict->vocabulary().Find("warn"));
  EXPECT_NE(y[0].word_id, dict::kNoWord);
  EXPECT_NE(x[1].lemma_id, dict::kNoWord);
}

}  // namespace
}  // namespace ladder::coder
