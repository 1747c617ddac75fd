// Tests of the legacy dictionary readers (src/dict/legacy.h).
#include "dict/legacy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

namespace ladder::dict {
namespace {

using Kind = PatternElement::Kind;

// What a reader added (the builder's entries) and what they compiled to.
struct Loaded {
  DictionaryBuilder entries;
  std::shared_ptr<const Dictionary> dict;
  const std::vector<ActorEntry>& actors() const { return entries.actors(); }
  const std::vector<AgentEntry>& agents() const { return entries.agents(); }
  const std::vector<VerbPattern>& patterns() const { return entries.patterns(); }
  const std::vector<IssueEntry>& issues() const { return entries.issues(); }
  const TrieView& discard_trie() const { return dict->discard_trie(); }
  bool discard_is_story(uint32_t entry) const { return dict->discard_is_story(entry); }
  std::span<const uint32_t> PatternsFor(std::string_view w) const { return dict->PatternsFor(w); }
};

std::shared_ptr<const Loaded> Load(std::string_view content, std::string_view name,
                                   std::vector<std::string>* problems = nullptr,
                                   LegacyOptions* options = nullptr) {
  auto loaded = std::make_shared<Loaded>();
  Status st = ReadLegacyDictionaryFromString(content, name, &loaded->entries, options);
  EXPECT_TRUE(st.ok()) << st.ToString();
  if (problems != nullptr) *problems = loaded->entries.problems();
  DictionaryBuilder copy = loaded->entries;
  auto dict = copy.Compile();
  EXPECT_TRUE(dict.ok());
  if (!dict.ok()) return nullptr;
  loaded->dict = *dict;
  return loaded;
}

// Renders a pattern compactly: words joined by '|', gaps as "..N".
std::string Render(const VerbPattern& p) {
  std::string out;
  for (size_t i = 0; i < p.elements.size(); ++i) {
    const PatternElement& e = p.elements[i];
    if (!out.empty()) out += ' ';
    switch (e.kind) {
      case Kind::kWord:
        for (size_t j = 0; j < e.words.size(); ++j) {
          out += (j ? "|" : "") + e.words[j];
        }
        break;
      case Kind::kGap:
        out += e.words.empty() ? ".." + std::to_string(e.max_gap) : e.words[0];
        break;
      case Kind::kSource: out += e.words.empty() ? "$" : "$%"; break;
      case Kind::kTarget: out += e.words.empty() ? "+" : "+%"; break;
      case Kind::kVerb: out += "*"; break;
    }
    if (static_cast<int>(i) == p.anchor) out += "@";
  }
  return out + " [" + p.code + (p.reverse_code.empty() ? "" : ":" + p.reverse_code) + "]";
}

std::vector<std::string> RenderAll(const std::vector<VerbPattern>& patterns) {
  std::vector<std::string> out;
  for (const VerbPattern& p : patterns) out.push_back(Render(p));
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(LegacyDetectTest, RecognisesFormatsFromContent) {
  EXPECT_EQ(DetectLegacyFormat("--- GRANT [070] ---\nGRANT\n- * LOAN [071]\n", "x"),
            LegacyFormat::kPetrarchVerbs);
  EXPECT_EQ(DetectLegacyFormat("--- AID [---] ---\nAID\n- * (TO +) [070]\n", "x"),
            LegacyFormat::kPetrarch2Verbs);
  EXPECT_EQ(DetectLegacyFormat("ARRIVE [032:033]\n- * FOR $ [033]\n", "x"),
            LegacyFormat::kTabariVerbs);
  EXPECT_EQ(DetectLegacyFormat("!P! = MAN, MEN\nPRESIDENT [~GOV]\n", "x"),
            LegacyFormat::kAgents);
  EXPECT_EQ(DetectLegacyFormat("ARNOR [ARN]\n+ARNORIAN\n", "x"), LegacyFormat::kActors);
  EXPECT_EQ(DetectLegacyFormat("<ISSUE CATEGORY=\"X\">\nn:school [S]\n", "x"),
            LegacyFormat::kIssues);
  EXPECT_EQ(DetectLegacyFormat("COMPLEX: VERBS[5] CONJ[4]\n", "x"),
            LegacyFormat::kTabariOptions);
  EXPECT_EQ(DetectLegacyFormat("MONTHS LATER\n+TYPHOON\n", "my.discards.txt"),
            LegacyFormat::kDiscards);
  EXPECT_EQ(DetectLegacyFormat("<actors> a.actors\n", "suite.project"),
            LegacyFormat::kTabariProject);
  EXPECT_EQ(DetectLegacyFormat("%ladder actors 1\nX\n    ABC\n", "x"),
            LegacyFormat::kUnknown);
}

TEST(LegacyReadTest, UnknownFormatIsAnError) {
  DictionaryBuilder builder;
  Status st = ReadLegacyDictionaryFromString("hello world\n", "notes.txt", &builder);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("notes.txt:1:"), std::string::npos);
}

TEST(LegacyActorsTest, DateRestrictedCodesAndSynonyms) {
  std::vector<std::string> problems;
  auto d = Load(
      "<!-- header\n comment -->\n"
      "GOLLUM  # pas\n+SMEAGOL\n+SLINKER\n"
      "\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n"
      "#\t[950601-990815]\n\t[HOBREB > 990816]\n"
      "ARNOR_  [ARN]\n"
      "ENT  \n\t[ENT]\n"
      "LORIEN [ELR/GAL]\n"
      "NOCODE\n"
      "BAD [ABC 9999-1]\n",
      "PETR.Validate.actors.txt", &problems);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->actors().size(), 4u);
  const ActorEntry& g = d->actors()[0];
  ASSERT_EQ(g.names.size(), 3u);
  EXPECT_EQ(g.names[1], Phrase({"smeagol"}));
  ASSERT_EQ(g.codes.size(), 3u);
  EXPECT_EQ(g.codes[0].code, "HOB");
  EXPECT_EQ(g.codes[0].from_ymd, 0);
  EXPECT_EQ(g.codes[0].to_ymd, 19950531);
  EXPECT_EQ(g.codes[1].from_ymd, 19950601);
  EXPECT_EQ(g.codes[1].to_ymd, 19990815);
  EXPECT_EQ(g.codes[2].from_ymd, 19990817);
  EXPECT_EQ(g.codes[2].to_ymd, 99999999);
  EXPECT_EQ(g.origin.line, 3);
  // PETRARCH files: exact words (no stems), trailing '_' dropped.
  EXPECT_EQ(d->actors()[1].names[0], Phrase({"arnor"}));
  EXPECT_EQ(d->actors()[2].codes[0].code, "ENT");
  EXPECT_EQ(d->actors()[3].codes[0].code, "ELR/GAL");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].find("PETR.Validate.actors.txt:14: actor 'NOCODE' has no code"),
            std::string::npos)
      << problems[0];
  EXPECT_NE(problems[1].find(":15: bad date range"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find(":15: actor 'BAD' has no code"), std::string::npos);
}

TEST(LegacyActorsTest, ConsecutivePhrasesBeforeCodesNameOneActor) {
  std::vector<std::string> problems;
  auto d = Load(
      "LEONID_BREZHNEV_  # CountryInfo.txt\nSECRETARY_BREZHNEV\n"
      "\t[RUSELI 19240101-641014]\n\t[RUSGOV 641014-821110]\nYURY_ANDROPOV_ [RUSGOV]\n",
      "Phoenix.Countries.actors.txt", &problems);
  ASSERT_TRUE(d);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(d->actors().size(), 2u);
  EXPECT_EQ(d->actors()[0].names.size(), 2u);
  EXPECT_EQ(d->actors()[0].codes.size(), 2u);
  EXPECT_EQ(d->actors()[0].codes[1].from_ymd, 19641014);
}

TEST(LegacyActorsTest, TabariOneLineCodesStemsAndDiscard) {
  std::vector<std::string> problems;
  auto d = Load(
      "ALBRIGHT [USAGOV 991201-010114] [---]\n"
      "ARGENTIN [ARG]\n"
      "NEW_ZEALAND_ [NZE]\n"
      "NASGUL [###]\n",
      "levant.actors", &problems);
  ASSERT_TRUE(d);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(d->actors().size(), 3u);
  ASSERT_EQ(d->actors()[0].codes.size(), 2u);
  EXPECT_EQ(d->actors()[0].codes[0].from_ymd, 19991201);
  EXPECT_EQ(d->actors()[0].codes[0].to_ymd, 20010114);
  EXPECT_EQ(d->actors()[0].codes[1].code, "---");
  EXPECT_EQ(d->actors()[1].names[0], Phrase({"argentin*"}));  // TABARI stem
  EXPECT_EQ(d->actors()[2].names[0], Phrase({"new", "zealand"}));
  // [###] became a sentence discard.
  EXPECT_EQ(d->discard_trie().node_count(), 2u);
  EXPECT_FALSE(d->discard_is_story(0));
}

TEST(LegacyAgentsTest, SubstitutionPluralsAndPrefix) {
  std::vector<std::string> problems;
  auto d = Load(
      "!PERSON! = MAN, MEN, WOMAN\n"
      "CONGRESS!PERSON! [~LEG]\n"
      "GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n"
      "HUMAN_RIGHTS_ORGANIZATION  [  NGO~]\n"
      "POLICE {} [ ~COP]\n"
      "WIZARD [WIZ]\n"
      "!UNKNOWN!_COUNCIL [~GOV]\n",
      "PETR.Validate.agents.txt", &problems);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->agents().size(), 6u);
  const AgentEntry& c = d->agents()[0];
  EXPECT_EQ(c.code, "LEG");
  EXPECT_FALSE(c.prefix);
  ASSERT_EQ(c.names.size(), 3u);
  EXPECT_EQ(c.names[0], Phrase({"congressman"}));
  EXPECT_EQ(c.names[2], Phrase({"congresswoman"}));
  EXPECT_EQ(d->agents()[1].names.size(), 2u);
  EXPECT_EQ(d->agents()[1].names[0], Phrase({"golden", "geese"}));
  EXPECT_TRUE(d->agents()[2].prefix);
  EXPECT_EQ(d->agents()[2].code, "NGO");
  EXPECT_EQ(d->agents()[3].code, "COP");
  EXPECT_EQ(d->agents()[3].names.size(), 1u);
  EXPECT_EQ(problems.size(), 2u);  // WIZARD without '~', unknown set
}

TEST(LegacyDiscardsTest, StoryAndSentence) {
  auto d = Load("MONTHS LATER\n+World Golf Championships   # pas\nBASEBALL\n",
                "PETR.Validate.discards.txt");
  ASSERT_TRUE(d);
  PhraseMatch m;
  std::vector<std::string> words = {"the", "world", "golf", "championships"};
  auto word = [&](size_t i) { return std::string_view(words[i]); };
  ASSERT_TRUE(d->discard_trie().LongestAt(1, words.size(), word, word, &m));
  EXPECT_EQ(m.end, 4u);
  EXPECT_TRUE(d->discard_is_story(m.entry));
  words = {"months", "later"};
  ASSERT_TRUE(d->discard_trie().LongestAt(0, 2, word, word, &m));
  EXPECT_FALSE(d->discard_is_story(m.entry));
}

TEST(LegacyIssuesTest, ExpansionAndIgnore) {
  auto d = Load(
      "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\n"
      "n:preschool [EARLY]\npre+n:school [EARLY]\n~a head start\n"
      "touristry[TOURISM]\n</ISSUE>\n",
      "Phoenix.IssueCoding.txt");
  ASSERT_TRUE(d);
  ASSERT_EQ(d->issues().size(), 4u);
  EXPECT_EQ(d->issues()[0].phrase, Phrase({"preschool"}));
  EXPECT_EQ(d->issues()[0].code, "EARLY");
  EXPECT_EQ(d->issues()[1].phrase.back().find("school") != std::string::npos, true);
  EXPECT_TRUE(d->issues()[2].ignore);
  EXPECT_EQ(d->issues()[3].code, "TOURISM");
}

constexpr const char kPetrarchVerbs[] =
    "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n"
    "&CURRENCY \n+DOLLARS\n+SWISS FRANCS\n\n"
    "&PREPOSIT1_\n+AGAINST\n+IN\n\n"
    "--- GRANT  [070] ---\n"
    "GRANT {GRANTED GRANTS}\n"
    "DOWNPLAY [014]\n"
    "+BREAK_DOWN {+BROKE_DOWN}\n"
    "- * LOAN  [071]  # tony\n"
    "- SUGGESTED_+ * NEW_&TIETYPES_RELATIONS [903]\n"
    "- * &CURRENCY [904]\n"
    "- $ NOT * ^ TO_ +  [124:125]\n"
    "- % * [030:030]\n"
    "- * FOR { ECONOMIC_SANCTIONS | EMBARGO } [172]\n"
    "- IN_AND_*_OUT [074]\n"
    "- * &PREPOSIT1 RESOLUTION [102]\n"
    "- * &NOSUCH [999]\n"
    "- * TIES * [999]\n"
    "--- FORCE [---] ---\n"
    "FORCE\n"
    "- PEACE-KEEPING * [---]\n";

TEST(LegacyVerbsTest, PetrarchOnePatterns) {
  std::vector<std::string> problems;
  auto d = Load(kPetrarchVerbs, "PETR.Validate.verbs.txt", &problems);
  ASSERT_TRUE(d);
  std::vector<std::string> r = RenderAll(d->patterns());
  for (const auto& s : r) SCOPED_TRACE(s);
  // Bare verbs: the block code, a verb's own code, the multi-word verb.
  EXPECT_TRUE(Contains(r, "*@ [070]"));
  EXPECT_TRUE(Contains(r, "*@ [014]"));
  EXPECT_TRUE(Contains(r, "*@ down [070]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 loan [071]"));
  EXPECT_TRUE(Contains(r, "*@ down ..6 loan [071]"));  // multi-word verb too
  EXPECT_TRUE(Contains(r, "suggested + ..6 *@ ..6 new military|economic relations [903]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 dollars [904]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 swiss francs [904]"));
  // '^' after the verb skips one noun phrase.
  EXPECT_TRUE(Contains(r, "$ ..6 not ..6 *@ ^ to ..6 + [124:125]"));
  EXPECT_TRUE(Contains(r, "$% ..6 *@ [030:030]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 for ..6 embargo [172]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 for ..6 economic sanctions [172]"));
  EXPECT_TRUE(Contains(r, "in and *@ out [074]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 against|in ..6 resolution [102]"));
  EXPECT_TRUE(Contains(r, "peace-keeping ..6 *@ [---]"));
  // No bare pattern for a [---] block.
  for (const VerbPattern& p : d->patterns()) {
    if (p.verb_words == std::vector<std::string>{"force"}) {
      EXPECT_NE(p.elements.size(), 1u);
    }
  }
  // Verb words: base form and irregular forms.
  const VerbPattern& loan = d->patterns()[3];
  EXPECT_NE(std::find(loan.verb_words.begin(), loan.verb_words.end(), "granted"),
            loan.verb_words.end());
  EXPECT_FALSE(d->PatternsFor("downplay").empty());
  EXPECT_FALSE(d->PatternsFor("broke").empty());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("PETR.Validate.verbs.txt:25: unknown synset '&NOSUCH'"),
            std::string::npos)
      << problems[0];
  EXPECT_NE(problems[1].find(":26: a pattern needs exactly one '*'"), std::string::npos);
}

TEST(LegacyVerbsTest, PetrarchTwoPatternsAndTransformations) {
  std::vector<std::string> problems;
  auto d = Load(
      "&WEAPON\n+GUN\n+MISSILE\n\n"
      "####### VERB PATTERNS #######\n"
      "---  ADD   [---]  ---\n"
      "ADD  # OY\n"
      "ASK     [020]\n"
      "+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF }\n"
      "- * (TO {BANNED PARTIES}) $                           [1722]        # ADD\n"
      "- * {&WEAPON ATTACK}   [:138]\n"
      "~ a (a b ATTACK) SAY = a b 015\n",
      "CAMEO.2.0.txt", &problems);
  ASSERT_TRUE(d);
  std::vector<std::string> r = RenderAll(d->patterns());
  for (const auto& s : r) SCOPED_TRACE(s);
  EXPECT_TRUE(Contains(r, "*@ [020]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 to ..3 banned ..2 parties ..6 $ [1722]"));
  EXPECT_TRUE(Contains(r, "*@ off ..6 to ..3 banned ..2 parties ..6 $ [1722]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 gun|missile ..2 attack [:138]"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("CAMEO.2.0.txt:12: transformation not supported"),
            std::string::npos)
      << problems[0];
}

std::string SharedDir() {
#ifdef LADDER_SHARED_DIR
  return LADDER_SHARED_DIR;
#else
  return "";
#endif
}

std::string SourceDir() {
#ifdef LADDER_SOURCE_DIR
  return LADDER_SOURCE_DIR;
#else
  return ".";
#endif
}

TEST(LegacyTabariTest, ProjectReadsItsFiles) {
  std::string project = SourceDir() + "/tests/golden/tabari/demo.project";
  DictionaryBuilder builder;
  LegacyOptions options;
  Status st = ReadLegacyDictionary(project, &builder, &options);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(options.max_verbs, 5);
  EXPECT_EQ(options.max_conj, 4);
  EXPECT_GT(builder.actor_count(), 5u);
  EXPECT_GT(builder.agent_count(), 2u);
  EXPECT_GT(builder.pattern_count(), 5u);
  for (const std::string& p : builder.problems()) ADD_FAILURE() << p;
  std::vector<std::string> r = RenderAll(builder.patterns());
  ASSERT_TRUE(builder.Compile().ok());
  for (const auto& s : r) SCOPED_TRACE(s);
  // TABARI pattern words are stems unless they end in '_'.
  EXPECT_TRUE(Contains(r, "*@ ..6 for ..6 embargo* [172]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 for ..6 total boycott* [172]"));
  EXPECT_TRUE(Contains(r, "*@ ..6 for ..6 economic sanctions [172]"));
  EXPECT_TRUE(Contains(r, "$ ..6 *@ ..6 + ..6 about [162]"));
}

TEST(LegacyTabariTest, MissingProjectFileIsAnError) {
  DictionaryBuilder builder;
  Status st = ReadLegacyDictionaryFromString("<actors> no-such.actors\n",
                                             "/nonexistent/x.project", &builder);
  EXPECT_FALSE(st.ok());
  LegacyReadOptions ro;
  ro.follow_project = false;
  EXPECT_TRUE(ReadLegacyDictionaryFromString("<actors> no-such.actors\n",
                                             "/nonexistent/x.project", &builder,
                                             nullptr, ro)
                  .ok());
}

TEST(LegacyRealFilesTest, PetrarchValidationDictionaries) {
  std::string dir = SharedDir() + "/data/petrarch2-validation/";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
  DictionaryBuilder b;
  for (const char* f : {"PETR.Validate.verbs.txt", "PETR.Validate.actors.txt",
                        "PETR.Validate.agents.txt", "PETR.Validate.discards.txt"}) {
    Status st = ReadLegacyDictionary(dir + f, &b);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  EXPECT_GT(b.actor_count(), 100u);
  EXPECT_GT(b.agent_count(), 80u);
  EXPECT_GT(b.pattern_count(), 500u);
  for (const std::string& p : b.problems()) {
    EXPECT_EQ(p.rfind(dir, 0), 0u) << p;  // "file:line: message"
  }
  EXPECT_FALSE(b.problems().empty());
  std::printf("PETR.Validate: %zu actors, %zu agents, %zu patterns, %zu problems\n",
              b.actor_count(), b.agent_count(), b.pattern_count(), b.problems().size());
}

// The real Phoenix files load and compile (how fast: bench/coder_bench,
// BM_OpenPhoenixDictionaries; timings do not belong in unit tests).
TEST(LegacyRealFilesTest, PhoenixDictionariesLoad) {
  std::string dir = SharedDir() + "/data/phoenix-dictionaries/";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
  DictionaryBuilder b;
  for (const char* f : {"CAMEO.2.0.txt", "Phoenix.Countries.actors.txt",
                        "Phoenix.International.actors.txt",
                        "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt",
                        "Phoenix.discards.txt", "Phoenix.IssueCoding.txt",
                        "Phoenix.prepositions.txt"}) {
    Status st = ReadLegacyDictionary(dir + f, &b);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  size_t actors = b.actor_count(), agents = b.agent_count(),
         patterns = b.pattern_count(), problems = b.problems().size();
  auto d = b.Compile();
  ASSERT_TRUE(d.ok());
  EXPECT_GT(actors, 10000u);
  EXPECT_GT(agents, 500u);
  EXPECT_GT(patterns, 4000u);
  EXPECT_GT((*d)->issue_count(), 500u);
  EXPECT_GT(problems, 0u);  // at least the 8 transformations
  // Putin's date-restricted codes.
  bool putin = false;
  for (uint32_t i = 0; i < (*d)->actor_count(); ++i) {
    ActorView a = (*d)->actor(i);
    if (a.names().size() > 0 && a.names()[0].size() == 2 && a.names()[0][0] == "vladimir" &&
        a.names()[0][1] == "putin") {
      putin = true;
      EXPECT_EQ(a.code_count(), 5u);
      EXPECT_EQ(a.code(2).from_ymd, 19990809);
      EXPECT_EQ(a.code(2).to_ymd, 20000507);
    }
  }
  EXPECT_TRUE(putin);
}

// Random bytes and truncations of real-looking inputs must not crash.
TEST(LegacyRobustnessTest, RandomBytesAndTruncations) {
  std::vector<std::pair<std::string, std::string>> inputs = {
      {kPetrarchVerbs, "x.verbs.txt"},
      {"GOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n", "a.txt"},
      {"!P! = A, B\nX!P! {Y!P!} [~GOV]\n", "agents.txt"},
      {"<ISSUE>\nn:a+b [C]\n~x\n", "issues.txt"},
      {"COMPLEX: VERBS[5] CONJ[4]\nSET: X 1\n", "t.options"},
      {"ARRIVE [032:033]\n- * FOR {A_B | C} [172]\n<TIME>\nx\n</TIME>\n", "t.verbs"},
      {"- * (TO {A (B) }) [1]\n--- X [1] ---\nX\n- &&& [\n- {|} *\n", "c.txt"},
  };
  std::mt19937 rng(42);
  LegacyReadOptions ro;
  ro.follow_project = false;
  for (const auto& [content, name] : inputs) {
    for (size_t cut = 0; cut <= content.size(); ++cut) {
      DictionaryBuilder b;
      (void)ReadLegacyDictionaryFromString(content.substr(0, cut), name, &b, nullptr, ro);
    }
    for (int round = 0; round < 300; ++round) {
      std::string mutated = content;
      for (int k = 0; k < 4; ++k) {
        mutated[rng() % mutated.size()] = static_cast<char>(rng() % 256);
      }
      DictionaryBuilder b;
      (void)ReadLegacyDictionaryFromString(mutated, name, &b, nullptr, ro);
      (void)b.Compile();
    }
  }
  for (int round = 0; round < 300; ++round) {
    std::string bytes(rng() % 400, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 256);
    for (const char* name : {"x.actors", "x.verbs", "CAMEO.2.0.txt", "y.txt"}) {
      DictionaryBuilder b;
      (void)ReadLegacyDictionaryFromString(bytes, name, &b, nullptr, ro);
    }
  }
  SUCCEED();
}

}  // namespace
}  // namespace ladder::dict
