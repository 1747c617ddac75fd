// PETRARCH/TABARI behaviours ladder reproduces when a legacy suite asks for
// them: comma-clause deletion, new_actor_length, PETRARCH-1 exact pattern
// words, "{}" agents, one report of a triple per sentence.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ladder/engine.h"
#include "ladder/validate.h"

namespace ladder {
namespace {

std::unique_ptr<Engine> Open(const EngineOptions& options) {
  auto opened = Engine::Open(options);
  EXPECT_TRUE(opened.ok()) << opened.status().message();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

TEST(CommaClausesTest, DeletesInternalAndTerminalClauses) {
  EngineOptions o;
  o.comma_clauses = {2, 8, 0, 0, 2, 8};
  auto engine = Open(o);
  ASSERT_NE(engine, nullptr);
  std::string trace = engine->Explain(
      "Russia, the largest country, criticized Poland, officials said.",
      "2023-09-08");
  EXPECT_NE(
      trace.find("after comma-clause deletion: russia criticized poland .\n"),
      std::string::npos)
      << trace;
}

TEST(CommaClausesTest, KeepsListsAndAdjectivesAndShortClauses) {
  EngineOptions o;
  o.comma_clauses = {2, 8, 3, 6, 2, 8};
  auto engine = Open(o);
  ASSERT_NE(engine, nullptr);
  // Names of a list, coordinated adjectives, "and" closing a list; "Kyiv"
  // (one word) is shorter than the minimum.
  std::string trace = engine->Explain(
      "Russia, the Ukraine, Poland and Belarus sent complete, full delegations "
      "to "
      "the talks, and Kyiv, reports said.",
      "2023-09-08");
  EXPECT_NE(
      trace.find(
          "after comma-clause deletion: russia , the ukraine , poland and "
          "belarus sent complete , full delegations to the talks , and kyiv "
          ".\n"),
      std::string::npos)
      << trace;
}

TEST(CommaClausesTest, OffByDefault) {
  auto engine = Open(EngineOptions());
  ASSERT_NE(engine, nullptr);
  std::string trace =
      engine->Explain("Russia, the largest country, said so.", "2023-09-08");
  EXPECT_EQ(trace.find("comma-clause deletion"), std::string::npos);
}

// Options under which unknown noun phrases of up to `new_actor_length`
// words stand as actors, and events need both sides.
EngineOptions UnknownActors(int new_actor_length) {
  EngineOptions o;
  o.require_dyad = true;
  o.code_unknown_actors = true;
  o.new_actor_length = new_actor_length;
  return o;
}

TEST(NewActorLengthTest, UnknownNounPhrasesBecomeQuotedActors) {
  auto engine = Open(UnknownActors(4));
  ASSERT_NE(engine, nullptr);
  Document doc{"d", "2023-09-08", "The Ministry of Magic criticized Russia.", "", "", "", ""};
  auto r = engine->Code(doc);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->events.size(), 1u);
  ASSERT_TRUE(r->events[0].source.has_value());
  EXPECT_EQ(r->events[0].source->code, "\"THE MINISTRY OF MAGIC\"");
  ASSERT_TRUE(r->events[0].target.has_value());
  EXPECT_EQ(r->events[0].target->code, "RUS");
  // Longer than the limit: no actor, and no dyad.
  engine = Open(UnknownActors(3));
  ASSERT_NE(engine, nullptr);
  r = engine->Code(doc);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->events.empty());
}

// A sentence naming no known actor codes nothing, and the coder skips it,
// unless new_actor_length lets unknown noun phrases stand as actors; an
// explanation still lists the verbs it tried.
TEST(NewActorLengthTest, SentenceWithoutKnownActors) {
  auto engine = Open(UnknownActors(4));
  ASSERT_NE(engine, nullptr);
  Document doc{"d", "2023-09-08", "The Ministry of Magic criticized the Wizengamot.", "", "", "",
               ""};
  auto r = engine->Code(doc);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->events.size(), 1u);
  ASSERT_TRUE(r->events[0].source && r->events[0].target);
  EXPECT_EQ(r->events[0].source->code, "\"THE MINISTRY OF MAGIC\"");
  EXPECT_EQ(r->events[0].target->code, "\"THE WIZENGAMOT\"");
  engine = Open(UnknownActors(0));
  ASSERT_NE(engine, nullptr);
  r = engine->Code(doc);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->events.empty());
  std::string trace = engine->Explain(doc.text, doc.date);
  EXPECT_NE(trace.find("'criticized'"), std::string::npos) << trace;
}

class LegacySuiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ladder_petrarch_options_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    Write("v.txt",
          "--- ADOPT  [081]  ---\n"
          "ADOPT\n"
          "- * RESOLUTION  [102]\n"
          "--- WARN  [160] ---\n"
          "WARN\n"
          "- * AT ^ +  [162]\n"
          "--- CELEBRATE  [181] ---\n"
          "CELEBRATE\n"
          "- + HOSTING * FEAST ^ $ [042]\n"
          "- * HARVEST AT ^ ^ +  [044]\n");
    Write("a.txt",
          "ARNOR  [ARN]\nGONDOR  [GON]\nMORDOR  [MOR]\nERIADOR  [ERI]\n"
          "CIRITH UNGOL  [MORMIL]\nPRINCE OF DOL AMROTH  [DOL]\n");
    Write("g.txt", "POLICE {} [~COP]\nSOLDIER [~MIL]\nAMBASSADOR [~GOV]\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  static std::string Record(const std::string& id, const std::string& coding,
                            const std::string& text) {
    return "<Sentence date=\"19950101\" id=\"" + id +
           "\" category=\"T\" sentence=\"true\">\n" + coding + "\n<Text>" +
           text + "</Text>\n</Sentence>\n";
  }
  static std::string Coding(const std::string& s, const std::string& t,
                            const std::string& e) {
    return "<EventCoding sourcecode=\"" + s + "\" targetcode=\"" + t +
           "\" eventcode=\"" + e + "\"></EventCoding>";
  }
  std::filesystem::path dir_;
};

TEST_F(LegacySuiteTest, PetrarchOneSemantics) {
  Write(
      "suite.xml",
      "<Validation><Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt</"
      "Actorfile>"
      "<Agentfile>g.txt</Agentfile></Environment><Sentences>\n" +
          // Pattern words match as written: "resolutions" is not RESOLUTION.
          Record("EXACT-1", Coding("ARN", "GON", "102"),
                 "Arnor will adopt a resolution with Gondor.") +
          Record("EXACT-2", Coding("ARN", "GON", "081"),
                 "Arnor will adopt resolutions with Gondor.") +
          // "POLICE {}": no regular plural, so "polices" is no agent.
          Record("AGENT-1", Coding("ARN", "GON", "081"),
                 "Arnor adopted ties with Gondor's polices.") +
          Record("AGENT-2", Coding("ARN", "GONMIL", "081"),
                 "Arnor adopted ties with Gondor's soldiers.") +
          // Two verbs coding one triple: PETRARCH reports it once.
          Record("ONCE-1", Coding("ARN", "GON", "081"),
                 "Arnor adopted ties with Gondor and Arnor adopted ties with "
                 "Gondor.") +
          // '^' skips one noun phrase; the '+' after it takes the next actor.
          Record("SKIP-1", Coding("ARN", "DOL", "162"),
                 "Arnor warned at the Gondor of the Prince of Dol Amroth.") +
          // '+' and '$' of the pattern itself make a dyad even in one country.
          Record("SKIP-2", Coding("MORMIL", "MOR", "042"),
                 "Mordor will be hosting Gondor to celebrate the feast with "
                 "Eriador next "
                 "week at Cirith Ungol.") +
          // '^' skips a base noun phrase: "the ambassador of Mordor" is two,
          // so the second '^' ends before "of" and '+' is Mordor.
          Record("SKIP-3", Coding("ARN", "MOR", "044"),
                 "Arnor celebrated the harvest at Eriador with the ambassador "
                 "of Mordor in Gondor.") +
          "</Sentences></Validation>\n");
  ValidateOptions options;
  auto r = RunValidation((dir_ / "suite.xml").string(), options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const RecordOutcome& f : r->failures) {
    ADD_FAILURE() << f.id << ": " << f.text << "\n" << f.explain;
  }
  EXPECT_EQ(r->passed, 8u);
}

// Noun phrases as PETRARCH codes them: agents stack on an actor code that
// has agents, adjectives and hyphenated words stand inside actor phrases,
// "X's N and N of Y" subjects, "whether" complements, and new_actor_length
// conjuncts.
TEST_F(LegacySuiteTest, NounPhrases) {
  Write("v2.txt",
        "--- RESTORE  [064] ---\nRESTORE\n"
        "--- WARN  [160] ---\nWARN\n"
        "--- APPEAL  [095] ---\nAPPEAL\n"
        "--- QUESTION  [---] ---\nQUESTION\n- BEGUN *  [212]\n"
        "--- RISEN  [---] ---\nRISEN\n- DEATH TOLL * [223]\n");
  Write("a2.txt",
        "ARNOR  [ARN]\nGONDOR  [GON]\nMORDOR  [MOR]\nERIADOR  [ERI]\n"
        "CALENARDHON  [CAL]\nITHILEN  [ITH]\nITHILEN TELEVISION  [ITHTV]\n"
        "WEST_GERMAN  [GMWGOV]\nGONZO_GMO [GONGMO]\nMORGUL_ORCS [MRGORC]\n"
        "SAM_GAMGEE [HOB]\n");
  Write("g2.txt",
        "WORLD_GOVERNMENT {} [~WGO]\nHUMAN_RIGHTS_ACTIVIST [~OPP]\n"
        "GOVERNMENT [~GOV]\n");
  auto config = [](const std::string& option, const std::string& value) {
    return "<Config option=\"" + option + "\" value=\"" + value +
           "\"></Config>\n";
  };
  Write("suite2.xml",
        "<Validation><Environment><Verbfile>v2.txt</Verbfile><Actorfile>"
        "a2.txt</Actorfile><Agentfile>g2.txt</Agentfile></Environment>"
        "<Sentences>\n" +
            Record("STACK-1", Coding("GMWGOVWGO", "GONGMOOPP", "064"),
                   "West German world government activists will restore ties "
                   "with human rights activists of Gonzo GMO.") +
            Record("STACK-2", Coding("GONGOV", "MOR", "064"),
                   "The Gondor government restored ties with Mordor.") +
            Record("ADJ-1", Coding("ARN", "MOR", "064"),
                   "The evil Arnor awful Gondor restored ties with Mordor.") +
            Record("GAP-1", Coding("ARN", "ITHTV", "095"),
                   "Arnor appealed for peace in Ithilen state-run television "
                   "on Monday.") +
            Record("POSS-1",
                   Coding("ITH", "MOR", "160") + Coding("GON", "MOR", "160"),
                   "Ithilen's sheep and goats of Gondor warned Mordor.") +
            Record("WHETHER-1", Coding("HOB", "MRGORC", "212"),
                   "Sam Gamgee has begun to question whether he really has "
                   "a future with the Morgul Orcs.") +
            config("new_actor_length", "4") +
            Record("NEW-1",
                   Coding("ERI", "MOR", "223") +
                       "<EventCoding sourcecode='\"INJURY TOLL\"' "
                       "targetcode=\"MOR\" eventcode=\"223\"></EventCoding>",
                   "Eriador's death and injury toll has risen in the dispute "
                   "with Mordor.") +
            config("new_actor_length", "0") + "</Sentences></Validation>\n");
  ValidateOptions options;
  auto r = RunValidation((dir_ / "suite2.xml").string(), options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const RecordOutcome& f : r->failures) {
    ADD_FAILURE() << f.id << ": " << f.text << "\n" << f.explain;
  }
  EXPECT_EQ(r->passed, 7u);
}

// Patterns that place an actor before the verb ("$ * +", "+ WERE *"): the
// words between that actor and the verb still hedge it, and a target
// standing where the subject would leaves the doer unnamed.
TEST_F(LegacySuiteTest, ActorsBeforeTheVerb) {
  Write("v3.txt",
        "--- ATTACK  [190] ---\nATTACK\n- $ * +  [190]\n"
        "--- KILL  [---] ---\nKILL\n- + WERE *  [190]\n"
        "--- CRITICIZE  [121] ---\nCRITICIZE\n- HEAVILY *  [122]\n");
  EngineOptions o;
  o.keep_one_sided = true;  // the clause analysis of events whose other side is not named
  o.dictionaries = {(dir_ / "v3.txt").string(), (dir_ / "a.txt").string(),
                    (dir_ / "g.txt").string()};
  auto engine = Open(o);
  ASSERT_NE(engine, nullptr);
  auto code = [&](const std::string& text) {
    auto r = engine->Code(Document{"d", "1995-01-01", text, "", "", "", ""});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->events : std::vector<Event>{};
  };
  std::vector<Event> e = code("Gondor is believed to have attacked Mordor.");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].source->code, "GON");
  EXPECT_EQ(e[0].target->code, "MOR");
  EXPECT_EQ(e[0].modality, Modality::kAlleged);
  EXPECT_FALSE(e[0].attribution.has_value());  // no one named believes it
  e = code("Gondor will attack Mordor.");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].modality, Modality::kFuture);
  // Eriador is not who killed the soldiers.
  e = code("Eriador said the Gondor soldiers were killed.");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_FALSE(e[0].source.has_value());
  EXPECT_EQ(e[0].target->code, "GONMIL");
  EXPECT_EQ(e[0].cameo, "190");
  // A pattern word before the verb does not hide the passive: Gondor is
  // criticized, by someone not named (PETRARCH-1 made Gondor the critic).
  e = code("Gondor was heavily criticized over its dispute with Mordor.");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_FALSE(e[0].source.has_value());
  EXPECT_EQ(e[0].target->code, "GON");
  EXPECT_EQ(e[0].cameo, "122");
  e = code("Gondor was heavily and unjustly criticized by Mordor.");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].source->code, "MOR");
  EXPECT_EQ(e[0].target->code, "GON");
}

}  // namespace
}  // namespace ladder
