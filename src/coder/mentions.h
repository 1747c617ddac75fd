// Actor mentions in a tokenized sentence: dictionary actors and agents
// grouped into noun-phrase mentions ("Russian President Vladimir Putin",
// "Russia's army", "Kremlin spokesman Dmitry Peskov"), document-level
// aliases ("Mr. Kim") and pronouns ("he", "the two sides").
//
// Thread-safety: pure functions over caller-owned data; DocumentContext is
// per document, owned by the caller.
#ifndef LADDER_CODER_MENTIONS_H_
#define LADDER_CODER_MENTIONS_H_

#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "coder/topics.h"
#include "dict/dictionary.h"
#include "text/text.h"

namespace ladder::coder {

struct Mention {
  uint32_t begin = 0;  // token range [begin, end)
  uint32_t end = 0;
  std::string code;     // combined code: RUSGOV
  std::string country;  // RUS
  std::string agent;    // GOV
  bool person = false;  // names a person (for "he"/"she")
  bool possessor = false;  // followed by 's and a non-actor noun ("Russia's claim")
  std::string prep;        // preposition right before it ("of", "with", ...), or ""
  int compound = -1;       // index of the first mention of an "A and B" group
  // An agent distributed over the actor after it ("the parliament of
  // Gondor", GONLEG): the first token of the actor's own words and the
  // actor's own code (GON). 0 and "" otherwise.
  uint32_t actor_begin = 0;
  std::string actor_code;
  // Resolved from the document context, not named here: a pronoun ("he",
  // "it") or "the two sides" (the last two actors). Neither is remembered
  // as an antecedent; agents are not distributed over a pronoun.
  bool pronoun = false;
  bool last_two = false;
  // A capital or seat of government named as such ("Caracas", "the
  // Kremlin"), coded as the government ("VENGOV").
  bool seat = false;
  // A state agent given the document's country ("police" in a story about
  // Nepal; DocumentContext::context_countries), not named with one.
  bool context = false;
  // A group of people named by an agent word alone ("five suspects",
  // "protesters"; DocumentContext::context_countries): code "---CRM". Not a
  // subject or an antecedent; the target of a state's domestic act takes
  // that state's country ("police arrested five suspects"), elsewhere it is
  // no target.
  bool unnamed = false;
  // Which entries made it, for Engine::Explain; filled only when the
  // DocumentContext asks for explanations (building it for every mention
  // cost more than the rest of the mention).
  std::string how;
};

// Aliases and antecedents carried from sentence to sentence of one document.
struct DocumentContext {
  dict::StringMap<Mention> aliases;  // lower-case name token -> mention
  Mention last_person;
  bool has_person = false;
  Mention last_actor;  // last non-person actor mention
  bool has_actor = false;
  std::vector<Mention> recent;  // distinct recent actors (newest last)
  // An agent without a country ("officials") is an actor "---GOV"
  // (EngineOptions::agent_only_actors).
  bool agent_only_actors = false;
  // State agents without a country take the document's country
  // (EngineOptions::context_countries); `country_counts` tallies the
  // countries of the actors met so far, in the order first met.
  bool context_countries = false;
  std::vector<std::pair<std::string, int>> country_counts;
  // Fill Mention::how (Engine::Explain). Coding never prints it.
  bool explain = false;
  // Topic cues and political anchors met so far (coder/topics.h).
  TopicTally topics;
};

// Finds the mentions of one sentence, in token order, and updates `context`.
// `ymd` selects date-restricted codes (0: undated).
std::vector<Mention> FindMentions(const std::vector<text::Token>& tokens,
                                  std::string_view text,
                                  const dict::Dictionary& dict, int ymd,
                                  DocumentContext* context);

// Splits a code into country (first three letters) and first agent.
void SplitCode(std::string_view code, std::string* country,
               std::string* agent);

// A country an actor can belong to: not an organisation, a group or an
// unknown ("IGO", "NGO", "---").
bool StateCountry(std::string_view country);

// Is the token one of `words`? Sizes and first bytes rule most words out
// before a memcmp (the coder's closed-class word tests).
inline bool Is(const text::Token& t, std::initializer_list<std::string_view> words) {
  std::string_view s = t.lower;
  if (s.empty()) return false;
  for (std::string_view w : words) {
    if (w.size() == s.size() && w[0] == s[0] &&
        std::memcmp(w.data(), s.data(), s.size()) == 0) {
      return true;
    }
  }
  return false;
}

// A preposition that makes the actor after it a place ("meeting in
// Luxembourg", "protesters in Caracas").
inline bool Locative(std::string_view prep) {
  return prep == "in" || prep == "at" || prep == "near" || prep == "outside" ||
         prep == "inside" || prep == "across" || prep == "throughout";
}

}  // namespace ladder::coder

#endif  // LADDER_CODER_MENTIONS_H_
