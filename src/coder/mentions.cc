#include "coder/mentions.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "base/strings.h"

namespace ladder::coder {

using namespace std::string_view_literals;  // "x"sv: compared inline, no strlen

// A country an actor can belong to: not an organisation, a group or an
// unknown ("IGO", "NGO", "---").
bool StateCountry(std::string_view country) {
  return country.size() == 3 && country != "---"sv && country != "IGO"sv &&
         country != "NGO"sv && country != "IMG"sv && country != "MNC"sv &&
         std::isupper(static_cast<unsigned char>(country[0]));
}


using text::Token;
using text::TokenKind;

namespace {

// SplitCode's country and agent, as views into the code.
struct CodeParts {
  std::string_view country, agent;
};

CodeParts PartsOf(std::string_view code) {
  CodeParts parts;
  if (code.size() >= 3) {
    if (code.substr(0, 3) != "---"sv) parts.country = code.substr(0, 3);
    if (code.size() >= 6) parts.agent = code.substr(3, 3);
  }
  return parts;
}

}  // namespace

void SplitCode(std::string_view code, std::string* country,
               std::string* agent) {
  CodeParts parts = PartsOf(code);
  country->assign(parts.country);
  agent->assign(parts.agent);
}

namespace {

enum class PieceKind { kActor, kAgent, kAlias, kName };

struct Piece {
  PieceKind kind;
  uint32_t begin, end;
  std::string code;  // actor code, agent code, or alias code
  bool person = false;
  bool prefix_agent = false;
};

bool IsTitle(std::string_view lower) {
  // Every title starts with 'm' or 'd': other words are not compared.
  if (lower.empty() || (lower[0] != 'm' && lower[0] != 'd')) return false;
  static constexpr std::string_view kTitles[] = {
      "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "miss"};
  for (std::string_view t : kTitles) {
    if (lower == t) return true;
  }
  return false;
}

// A lower-case adjective that may stand inside a noun phrase ("the evil
// awful Gondor", "in south Ithilen").
bool Modifier(const Token& t) {
  constexpr uint16_t kClosed = text::kPosAux | text::kPosModal | text::kPosNeg |
                               text::kPosDet | text::kPosPrep | text::kPosPron |
                               text::kPosConj | text::kPosSub;
  return t.kind == TokenKind::kWord && !t.capitalized &&
         (t.pos & text::kPosAdj) != 0 && (t.pos & kClosed) == 0;
}

bool IsPreposition(const Token& t) {
  return (t.pos & text::kPosPrep) != 0 && t.lower != "that"sv;
}

// Do the tokens of `m` spell one of `names` word for word (stems as
// prefixes), without lemmas?
bool MatchesAsWritten(const std::vector<Token>& tokens,
                      const dict::PhraseMatch& m,
                      const dict::PhraseList& names) {
  for (size_t n = 0; n < names.size(); ++n) {
    dict::WordList name = names[n];
    if (name.size() != m.end - m.begin) continue;
    bool all = true;
    for (size_t w = 0; w < name.size() && all; ++w) {
      std::string_view word = name[w];
      std::string_view tok = tokens[m.begin + w].lower;
      all = !word.empty() && word.back() == '*'
                ? tok.substr(0, word.size() - 1) == word.substr(0, word.size() - 1)
                : tok == word;
    }
    if (all) return true;
  }
  return false;
}

// Longest dictionary piece (actor or agent) starting at token i.
bool PieceAt(const std::vector<Token>& tokens, size_t i,
             const dict::Dictionary& dict, int ymd, Piece* piece) {
  dict::PhraseMatch am, gm;
  bool a = dict.actor_trie().LongestAt(tokens, i, &am);
  bool g = dict.agent_trie().LongestAt(tokens, i, &gm);
  if (g && dict.agent(gm.entry).exact_forms() &&
      !MatchesAsWritten(tokens, gm, dict.agent(gm.entry).names())) {
    g = false;
  }
  if (a && (!g || am.end >= gm.end)) {
    dict::ActorView e = dict.actor(am.entry);
    std::optional<dict::DatedCodeView> c = e.CodeOn(ymd);
    if (!c) return false;
    // Lower-case one-word matches of capitalised names ("turkey", "chad")
    // are ordinary words, not actors.
    if (am.end - am.begin == 1 && !tokens[i].capitalized &&
        !tokens[i].all_caps) {
      return false;
    }
    piece->kind = PieceKind::kActor;
    piece->begin = am.begin;
    piece->end = am.end;
    piece->code = c->code;
    bool dated = c->from_ymd != 0 || c->to_ymd != 99999999 ||
                 e.code_count() > 1;
    piece->person = dated && am.end - am.begin >= 1 && c->code.size() >= 6;
    return true;
  }
  if (g) {
    dict::AgentView e = dict.agent(gm.entry);
    piece->kind = PieceKind::kAgent;
    piece->begin = gm.begin;
    piece->end = gm.end;
    piece->code = e.code();
    piece->prefix_agent = e.prefix();
    return true;
  }
  return false;
}

// PieceAt over one sentence. Most tokens start no piece: two bitmap tests
// rule them out before PieceAt. The token after a phrase is asked twice
// (GrowPhrase, then the main loop), so the last token found to start no
// piece is remembered (PieceAt writes nothing when it finds none).
class PieceFinder {
 public:
  PieceFinder(const std::vector<Token>& tokens, const dict::Dictionary& dict,
              int ymd)
      : tokens_(tokens), dict_(dict), ymd_(ymd) {}

  bool At(size_t i, Piece* piece) {
    if (i == miss_) return false;
    const Token& t = tokens_[i];
    if (!dict_.actor_trie().MayStartAt(t.word_id, t.lemma_id) &&
        !dict_.agent_trie().MayStartAt(t.word_id, t.lemma_id)) {
      return false;
    }
    if (PieceAt(tokens_, i, dict_, ymd_, piece)) return true;
    miss_ = i;
    return false;
  }

 private:
  const std::vector<Token>& tokens_;
  const dict::Dictionary& dict_;
  int ymd_;
  size_t miss_ = SIZE_MAX;
};

// "Mr. Kim", or a bare alias not followed by another capitalised word.
// Can an alias start at `t`? Not before the document has aliases, nor at a
// word that is neither capitalised nor a title: cheap tests that spare
// most tokens the call to AliasAt.
bool MayStartAlias(const Token& t, const DocumentContext& context) {
  return !context.aliases.empty() && (t.capitalized || IsTitle(t.lower));
}

bool AliasAt(const std::vector<Token>& tokens, size_t i,
             const DocumentContext& context, Piece* piece) {
  if (!MayStartAlias(tokens[i], context)) return false;
  size_t k = i;
  bool titled = false;
  if (IsTitle(tokens[i].lower) && i + 1 < tokens.size()) {
    titled = true;
    k = i + 1;
  }
  if (!tokens[k].capitalized) return false;
  auto it = context.aliases.find(tokens[k].lower);
  if (it == context.aliases.end()) return false;
  if (!titled && k + 1 < tokens.size() && tokens[k + 1].capitalized &&
      tokens[k + 1].kind == TokenKind::kWord) {
    return false;  // "Kim Kyou-hyun" is somebody else
  }
  piece->kind = PieceKind::kAlias;
  piece->begin = static_cast<uint32_t>(i);
  piece->end = static_cast<uint32_t>(k + 1);
  piece->code = it->second.code;
  piece->person = it->second.person;
  return true;
}

bool Capitalized(const Token& t) {
  return t.kind == TokenKind::kWord && t.capitalized &&
         (t.pos & (text::kPosDet | text::kPosPrep | text::kPosPron |
                   text::kPosConj | text::kPosSub)) == 0;
}

// The agents of a code after another agent is added: appended, unless the
// actor's agents end with it already (PETRARCH: RUSGOV + ~GOV = RUSGOV).
std::string StackAgent(std::string_view actor_agents, std::string_view agent) {
  if (actor_agents.empty()) return std::string(agent);
  if (agent.empty() || base::EndsWith(actor_agents, agent)) {
    return std::string(actor_agents);
  }
  // "GOV" + "GOVMED": the agent already starts with the actor's own.
  if (agent.substr(0, actor_agents.size()) == actor_agents) {
    return std::string(agent);
  }
  return std::string(actor_agents) + std::string(agent);
}

// Combines the pieces of one noun phrase into a code. An agent added to an
// actor whose code has agents already is appended, as PETRARCH does ("West
// German" GMWGOV + "world government" ~WGO: GMWGOVWGO). The parts are views
// into the pieces' codes: only the result is copied.
void Combine(const std::vector<Piece>& pieces, Mention* m) {
  std::string_view country, agent, person_code, prefix, actor_agents, agent_piece;
  for (const Piece& p : pieces) {
    std::string_view code = p.code;
    if (p.kind == PieceKind::kAgent) {
      if (p.prefix_agent) {
        prefix = code;
      } else {
        agent = code;
        agent_piece = code;
      }
      continue;
    }
    if (p.kind == PieceKind::kName) continue;
    CodeParts parts = PartsOf(code);
    if (p.person || p.kind == PieceKind::kAlias) {
      person_code = code;
      m->person = m->person || p.person;
    }
    if (country.empty() && !parts.country.empty()) {
      country = parts.country;
      if (code.size() > 3 && code.substr(0, 3) != "---"sv) {
        actor_agents = code.substr(3);
      }
    }
    if (!parts.agent.empty()) agent = parts.agent;
    if (code.size() > 6 && code.substr(0, 3) == country) {
      person_code = code;  // a long specific code (IGOUNO..., PRKGOVMIL)
    }
  }
  std::string stacked;  // StackAgent's result, which `agent` may view
  if (!person_code.empty() && person_code.substr(0, 3) == country) {
    m->code = person_code;
  } else {
    if (!actor_agents.empty() && !agent_piece.empty()) {
      stacked = StackAgent(actor_agents, agent_piece);
      agent = stacked;
    } else if (!actor_agents.empty() && agent.size() < 3) {
      agent = actor_agents;  // a short code of its own: "ITHTV"
    }
    m->code.assign(prefix).append(country.empty() ? "---"sv : country).append(agent);
  }
  if (!prefix.empty() && std::string_view(m->code).substr(0, prefix.size()) != prefix) {
    m->code.insert(0, prefix);
  }
  SplitCode(std::string_view(m->code).substr(prefix.size()), &m->country, &m->agent);
  if (m->country.empty() && m->agent.empty()) m->code.clear();
}

void RegisterAliases(const std::vector<Token>& tokens,
                     const std::vector<Piece>& pieces, const Mention& m,
                     DocumentContext* context) {
  if (m.code.empty()) return;
  for (const Piece& p : pieces) {
    bool name = p.kind == PieceKind::kName ||
                (p.kind == PieceKind::kActor && p.person);
    if (!name) continue;
    for (uint32_t k = p.begin; k < p.end; ++k) {
      if (tokens[k].capitalized && tokens[k].lower.size() > 1 &&
          tokens[k].kind == TokenKind::kWord) {
        Mention alias = m;
        alias.person = true;
        context->aliases[tokens[k].lower] = alias;
      }
    }
  }
}

}  // namespace

namespace {

// A word that may stand inside an actor's noun phrase: a lower-case
// adjective that is not also a noun or verb ("awful"), or a lower-case
// hyphenated word ("state-run", "war-torn").
bool InnerModifier(const Token& t) {
  if (t.kind != TokenKind::kWord || t.capitalized) return false;
  if (t.lower.find('-') != std::string::npos) return true;
  return Modifier(t) && !(t.pos & (text::kPosVerb | text::kPosNoun));
}

// An actor phrase whose words are not adjacent: the words of `actor` then
// those from `k` on, the modifiers between them skipped ("Ithilen
// state-run television" as ITHILEN TELEVISION). The trie has no gaps, so
// the tokens are presented to it without them (a rare path: words are
// looked up by string).
bool GappedActor(const std::vector<Token>& tokens, const Piece& actor, size_t k,
                 const dict::Dictionary& dict, int ymd, Piece* out) {
  size_t len = actor.end - actor.begin;
  auto at = [&](size_t c) -> const Token& {
    return tokens[c < len ? actor.begin + c : k + (c - len)];
  };
  dict::PhraseMatch pm;
  if (!dict.actor_trie().LongestAt(
          0, len + (tokens.size() - k),
          [&](size_t c) -> std::string_view { return at(c).lower; },
          [&](size_t c) -> std::string_view { return at(c).lemma; }, &pm) ||
      pm.end <= len) {
    return false;
  }
  std::optional<dict::DatedCodeView> code = dict.actor(pm.entry).CodeOn(ymd);
  if (!code) return false;
  *out = actor;
  out->code = code->code;
  out->end = static_cast<uint32_t>(k + (pm.end - len));
  return true;
}

// Grows a noun phrase from the piece at `i`; returns the end token.
uint32_t GrowPhrase(const std::vector<Token>& tokens, size_t i,
                    const dict::Dictionary& dict, int ymd,
                    const DocumentContext& context, PieceFinder* finder,
                    std::vector<Piece>* pieces) {
  size_t n = tokens.size();
  uint32_t end = pieces->back().end;
  while (end < n) {
    Piece next;
    size_t j = end;
    if (tokens[j].kind == TokenKind::kPossessive && j + 1 < n) {
      // "Russia's army": join only if an agent/actor follows.
      if (finder->At(j + 1, &next) ||
          AliasAt(tokens, j + 1, context, &next)) {
        pieces->push_back(next);
        end = next.end;
        continue;
      }
      // "Russia's new defence minister", "X's awful and evil minister":
      // adjectives between the possessive and an agent.
      size_t k = j + 1;
      while (k < n && k - j <= 5 &&
             (Modifier(tokens[k]) ||
              ((tokens[k].lower == "and"sv || tokens[k].lower == ","sv) &&
               k > j + 1 && k + 1 < n && Modifier(tokens[k + 1])))) {
        ++k;
      }
      if (k > j + 1 && k < n && finder->At(k, &next) &&
          next.kind == PieceKind::kAgent) {
        pieces->push_back(next);
        end = next.end;
        continue;
      }
      break;
    }
    if (finder->At(j, &next) ||
        AliasAt(tokens, j, context, &next)) {
      pieces->push_back(next);
      end = next.end;
      continue;
    }
    // "US Deputy Secretary of State", "Russian vice foreign minister": rank
    // words between an actor and its agent.
    if (pieces->back().kind == PieceKind::kActor) {
      size_t k = j;
      while (k < n && k - j < 2 &&
             Is(tokens[k], {"deputy", "vice", "assistant", "acting", "under", "former",
                            "chief", "senior", "interim", "first", "top", "outgoing",
                            "incoming", "caretaker", "then"})) {
        ++k;
      }
      if (k > j && k < n && finder->At(k, &next) && next.kind == PieceKind::kAgent) {
        pieces->push_back(next);
        end = next.end;
        continue;
      }
    }
    // "the evil Arnor awful Gondor", "Russian state-run media", "Ithilen
    // state-run television": modifiers inside an actor's noun phrase.
    if (pieces->back().kind == PieceKind::kActor && InnerModifier(tokens[j])) {
      size_t k = j + 1;
      while (k < n && k - j < 3 && InnerModifier(tokens[k])) ++k;
      if (k < n && finder->At(k, &next)) {
        // A second actor: the phrase is named by its first actor, as
        // PETRARCH codes a noun phrase.
        pieces->push_back(next);
        end = next.end;
        continue;
      }
      if (k < n && GappedActor(tokens, pieces->back(), k, dict, ymd, &next)) {
        pieces->back() = next;
        end = next.end;
        continue;
      }
    }
    // Unknown capitalised words: a name after a title/agent ("President
    // Zhang Guoqing") or inside ("The Chosun Ilbo newspaper").
    size_t k = j;
    while (k < n && k - j < 4 && Capitalized(tokens[k])) ++k;
    if (k > j) {
      Piece name{PieceKind::kName, static_cast<uint32_t>(j),
                 static_cast<uint32_t>(k), "", false, false};
      bool after_agent = pieces->back().kind == PieceKind::kAgent;
      Piece after;
      bool more = k < n && finder->At(k, &after) &&
                  after.kind == PieceKind::kAgent;
      if (after_agent || more) {
        pieces->push_back(name);
        end = static_cast<uint32_t>(k);
        continue;
      }
    }
    // "the head of South Korea's intelligence service" (other "agent of
    // actor" phrases are joined after compounds are known: DistributeAgents)
    if (tokens[j].lower == "of"sv && pieces->size() == 1 &&
        pieces->back().kind == PieceKind::kAgent && j + 1 < n) {
      size_t s = j + 1;
      if (tokens[s].lower == "the"sv && s + 1 < n) ++s;
      if (finder->At(s, &next) &&
          next.kind == PieceKind::kActor && next.end < n &&
          tokens[next.end].kind == TokenKind::kPossessive) {
        pieces->insert(pieces->begin(), next);
        end = next.end;
        continue;
      }
    }
    break;
  }
  return end;
}

// Engine::Explain's account of a mention's pieces: "actor 'Russian' RUS +
// agent 'President' GOV".
std::string PiecesHow(const std::vector<Token>& tokens, std::string_view text,
                      const std::vector<Piece>& pieces) {
  std::string how;
  for (const Piece& p : pieces) {
    if (!how.empty()) how += " + ";
    static constexpr std::string_view kKind[] = {"actor", "agent", "alias", "name"};
    how.append(kKind[static_cast<int>(p.kind)]).append(" '");
    how.append(text.substr(tokens[p.begin].begin,
                           tokens[p.end - 1].end - tokens[p.begin].begin));
    how += '\'';
    if (!p.code.empty()) how.append(" ").append(p.code);
  }
  return how;
}

// Is `m` a capital or a seat of government named as such ("Caracas", "the
// Kremlin": one actor entry coded as a government, written as a name)?
bool SeatOfGovernment(const std::vector<Token>& tokens, const std::vector<Piece>& pieces,
                      const Mention& m) {
  if (pieces.size() != 1 || pieces[0].kind != PieceKind::kActor || m.agent != "GOV" ||
      m.code.size() != 6) {
    return false;
  }
  for (uint32_t k = m.begin; k < m.end; ++k) {
    if (!tokens[k].capitalized && tokens[k].lower != "the") return false;
  }
  return true;
}

std::string PreviousPreposition(const std::vector<Token>& tokens,
                                uint32_t begin) {
  size_t k = begin;
  while (k > 0 && begin - k < 4 &&
         (tokens[k - 1].lower == "the"sv ||
          (tokens[k - 1].pos & text::kPosDet) != 0 ||
          Modifier(tokens[k - 1]))) {
    --k;
  }
  if (k > 0 && IsPreposition(tokens[k - 1])) return tokens[k - 1].lower;
  return "";
}

void CountCountry(const Mention& m, DocumentContext* context) {
  if (!context->context_countries || !StateCountry(m.country)) return;
  auto& counts = context->country_counts;
  auto it = std::find_if(counts.begin(), counts.end(),
                         [&](const auto& c) { return c.first == m.country; });
  if (it != counts.end()) {
    ++it->second;
  } else {
    counts.emplace_back(m.country, 1);  // in the order first met
  }
}

// Remembers a sentence's mention for later sentences. The antecedents of
// "he" and "it" are the sentence's first person and first actor that is not
// a place ("Saudi Arabia met Iran in Vienna. It ...": Saudi Arabia), as the
// subject a later pronoun most often continues; `first_*` say whether this
// sentence has set them already.
void Remember(const Mention& m, DocumentContext* context, bool* first_person,
              bool* first_actor) {
  if (m.code.empty() || m.country.empty()) return;
  CountCountry(m, context);
  if (m.person) {
    if (!*first_person) {
      context->last_person = m;
      context->has_person = true;
      *first_person = true;
    }
  } else if (!Locative(m.prep) && !*first_actor) {
    context->last_actor = m;
    context->has_actor = true;
    *first_actor = true;
  }
  auto& r = context->recent;
  r.erase(std::remove_if(r.begin(), r.end(),
                         [&](const Mention& x) { return x.country == m.country; }),
          r.end());
  r.push_back(m);
  if (r.size() > 4) r.erase(r.begin());
}

// "it" followed by a lexical verb ("it launched"), possibly after a modal;
// not the expletive "it is", "it would be".
bool ItIsReferential(const std::vector<Token>& tokens, size_t i) {
  size_t k = i + 1;
  while (k < tokens.size() && (tokens[k].pos & (text::kPosModal | text::kPosNeg |
                                                text::kPosAdv)) &&
         !(tokens[k].pos & text::kPosVerb)) {
    ++k;
  }
  if (k >= tokens.size()) return false;
  const Token& v = tokens[k];
  if (v.lemma == "be"sv || v.lower == "'s"sv || v.lower == "seems"sv ||
      v.lower == "appears"sv) {
    return false;
  }
  // "it does not accept", "it has sent": an auxiliary before the verb.
  if (v.lemma == "do"sv || v.lemma == "have"sv) return true;
  return (v.pos & text::kPosVerb) != 0;
}

// A pronoun at token i: the nearest earlier mention in this sentence of the
// right kind (a person for he/she, not a person for it), else the document's
// last one.
bool ResolvePronoun(size_t i, const std::string& word, bool person,
                    const DocumentContext& context, std::vector<Mention>* out) {
  const Mention* antecedent = nullptr;
  if (person && context.has_person) antecedent = &context.last_person;
  if (!person && context.has_actor) antecedent = &context.last_actor;
  for (auto it = out->rbegin(); it != out->rend(); ++it) {
    if (it->person == person) {
      antecedent = &*it;
      break;
    }
  }
  if (antecedent == nullptr) return false;
  Mention m = *antecedent;
  m.begin = static_cast<uint32_t>(i);
  m.end = m.begin + 1;
  m.possessor = false;
  m.compound = -1;
  m.pronoun = true;
  m.last_two = false;
  if (context.explain) m.how = "pronoun '" + word + "' -> " + m.code;
  out->push_back(std::move(m));
  return true;
}

// Can a pronoun mention start at `t`? Only "he", "she", "both", "the" and
// "it" start one: most tokens are ruled out by their length and first
// letter, before PronounAt is called.
bool MayStartPronoun(const Token& t) {
  const std::string& w = t.lower;
  if (w.size() < 2 || w.size() > 4) return false;
  char c = w[0];
  return c == 'h' || c == 's' || c == 'b' || c == 't' || c == 'i';
}

// Pronouns and "the two sides": resolved from the document context. Call
// only where MayStartPronoun holds.
bool PronounAt(const std::vector<Token>& tokens, size_t i,
               const DocumentContext& context, std::vector<Mention>* out) {
  const std::string& w = tokens[i].lower;
  if (w == "he"sv || w == "she"sv) {
    return ResolvePronoun(i, w, /*person=*/true, context, out);
  }
  bool two = i + 1 < tokens.size() &&
             (w == "both"sv || (w == "the"sv && i + 2 < tokens.size() &&
                              tokens[i + 1].lower == "two"sv)) ;
  if (two && context.recent.size() >= 2) {
    size_t last = w == "both"sv ? i + 1 : i + 2;
    const std::string& noun = tokens[last].lower;
    if (noun == "sides"sv || noun == "countries"sv || noun == "leaders"sv ||
        noun == "nations"sv) {
      for (size_t r = context.recent.size() - 2; r < context.recent.size(); ++r) {
        Mention m = context.recent[r];
        m.begin = static_cast<uint32_t>(i);
        m.end = static_cast<uint32_t>(last + 1);
        m.compound = static_cast<int>(out->size() - (r - (context.recent.size() - 2)));
        m.pronoun = false;
        m.last_two = true;
        if (context.explain) {
          m.how = "'" + std::string(w) + " ... " + noun + "' -> last two actors";
        }
        out->push_back(std::move(m));
      }
      (*out)[out->size() - 1].compound = static_cast<int>(out->size() - 2);
      (*out)[out->size() - 2].compound = static_cast<int>(out->size() - 2);
      return true;
    }
  }
  if (w == "it"sv && ItIsReferential(tokens, i)) {
    return ResolvePronoun(i, w, /*person=*/false, context, out);
  }
  return false;
}

// Do tokens [b, e) join two mentions of a list? ", ", "and", ", and", "or",
// optionally followed by determiners and adjectives of the second member
// ("Fornost and the evil awful Gondor"). Sets *conj when "and"/"or" occurs.
bool JoinGap(const std::vector<Token>& tokens, uint32_t b, uint32_t e,
             bool* conj) {
  *conj = false;
  if (e <= b || e - b > 6) return false;
  uint32_t k = b;
  int seps = 0;
  while (k < e && seps < 2 &&
         (tokens[k].lower == "and"sv || tokens[k].lower == ","sv ||
          tokens[k].lower == "or"sv || tokens[k].lower == "nor"sv)) {
    if (tokens[k].lower != ","sv) *conj = true;
    ++k;
    ++seps;
  }
  if (seps == 0) return false;
  // "attacked Ukraine and threatened Poland", "visit Beijing and meet Xi":
  // a past or bare verb right after the conjunction starts a second verb
  // phrase; "and the occupied town" keeps its article.
  if (*conj && k < e && (tokens[k].pos & text::kPosVerb) &&
      (base::EndsWith(tokens[k].lower, "ed") || tokens[k].lower == tokens[k].lemma)) {
    return false;  // "and meet Xi": a bare verb too
  }
  for (; k < e; ++k) {
    const Token& t = tokens[k];
    if (t.lower == "the"sv || t.lower == "a"sv || t.lower == "an"sv ||
        Modifier(t)) {
      continue;
    }
    return false;
  }
  return true;
}

bool HasComma(const std::vector<Token>& tokens, uint32_t b, uint32_t e) {
  for (uint32_t k = b; k < e; ++k) {
    if (tokens[k].lower == ","sv) return true;
  }
  return false;
}

// Are mentions k-1 and k joined by "and"/"or" without a comma ("A and B")?
bool BareConjunction(const std::vector<Token>& tokens,
                     const std::vector<Mention>& ms, size_t k) {
  if (k == 0 || k >= ms.size()) return false;
  bool conj = false;
  return JoinGap(tokens, ms[k - 1].end, ms[k].begin, &conj) && conj &&
         !HasComma(tokens, ms[k - 1].end, ms[k].begin);
}

void MarkCompounds(const std::vector<Token>& tokens,
                   std::vector<Mention>* mentions) {
  // "A and B", "A, B and C": adjacent mentions joined by and/, .
  for (size_t k = 1; k < mentions->size(); ++k) {
    Mention& prev = (*mentions)[k - 1];
    Mention& cur = (*mentions)[k];
    if (cur.compound >= 0 && prev.compound == cur.compound) continue;
    if (prev.possessor) continue;  // "Russia's and ..." is not a list member
    if (prev.unnamed || cur.unnamed) continue;
    bool conj = false;
    if (!JoinGap(tokens, prev.end, cur.begin, &conj)) continue;
    // "between A and B, and C and D": "between" pairs its parties; two
    // pairs, not one list of four.
    if (conj && HasComma(tokens, prev.end, cur.begin) && k >= 2 &&
        (*mentions)[k - 2].prep == "between"sv &&
        BareConjunction(tokens, *mentions, k - 1) &&
        BareConjunction(tokens, *mentions, k + 1)) {
      continue;
    }
    // "A, B" joins only as part of a list that ends in "and"/"or".
    if (!conj) {
      bool list_end = false;
      for (size_t j = k + 1; j < mentions->size(); ++j) {
        bool c = false;
        if (!JoinGap(tokens, (*mentions)[j - 1].end, (*mentions)[j].begin, &c)) {
          break;
        }
        if (c) {
          list_end = true;
          break;
        }
      }
      if (!list_end) continue;
    }
    int first = prev.compound >= 0 ? prev.compound : static_cast<int>(k - 1);
    prev.compound = first;
    int old = cur.compound;
    for (Mention& m : *mentions) {
      if (old >= 0 && m.compound == old) m.compound = first;
    }
    cur.compound = first;
  }
}

// An agent phrase without a country, e.g. "soldiers", "lawmakers".
struct LoneAgent {
  uint32_t begin, end;
  std::string agent;
  bool prefix = false;
  uint32_t name_begin = 0;  // "President Jaime Lusinchi": "Jaime"; 0 if none
};

// "Soldiers from Gondor", "the ambassadors of Arnor, Osgiliath and Gondor",
// "lawmakers and officials in Fornost and Gondor": the agents apply to each
// member of the actor (compound) after "of"/"from"/"in". Mentions must have
// their compounds marked; they are re-indexed.
// "Danish media and government": an agent right after "and" that follows an
// actor with an agent shares that actor's country (DNKMED, DNKGOV). Appends
// the mention to `merged` and returns true if so.
bool SharedCountry(const std::vector<Token>& tokens, const LoneAgent& agent,
                   bool explain, std::vector<Mention>& merged) {
  if (agent.prefix || agent.begin < 2 || merged.empty()) return false;
  const Mention& prev = merged.back();
  if (tokens[agent.begin - 1].lower != "and"sv || prev.end != agent.begin - 1 ||
      prev.country.empty() || prev.country == "---"sv || prev.agent.empty() ||
      prev.possessor) {
    return false;
  }
  Mention m;
  m.begin = agent.begin;
  m.end = agent.end;
  m.country = prev.country;
  m.agent = agent.agent.substr(0, 3);
  m.code = prev.country + agent.agent;
  m.prep = prev.prep;
  if (explain) {
    m.how = "agent '" + agent.agent +
            "' sharing the country of the actor before 'and'";
  }
  merged.push_back(std::move(m));
  return true;
}

// Agents that name a state's own institutions: a lone one is that of the
// country the document is about ("police" in a story about Nepal).
bool StateAgent(std::string_view agent) {
  std::string_view a = agent.substr(0, 3);
  return a == "GOV"sv || a == "MIL"sv || a == "COP"sv || a == "JUD"sv ||
         a == "LEG"sv || a == "SPY"sv;
}

// The country the document is about so far: the one its actors (and this
// sentence's, before `before`) name most often; ties go to the one named
// first (a story names its subject in its headline and first sentence).
std::string_view DocumentCountry(const DocumentContext& context,
                                 const std::vector<Mention>& sentence,
                                 uint32_t before) {
  // The document's tally so far, plus this sentence's actors before the
  // agent (countries new to the document after the others, in order).
  std::vector<std::pair<std::string_view, int>> tally(context.country_counts.begin(),
                                                      context.country_counts.end());
  for (const Mention& m : sentence) {
    if (m.begin >= before || !StateCountry(m.country)) continue;
    auto it = std::find_if(tally.begin(), tally.end(),
                           [&](const auto& c) { return c.first == m.country; });
    if (it != tally.end()) {
      ++it->second;
    } else {
      tally.emplace_back(m.country, 1);
    }
  }
  std::string_view best;
  int best_n = 0;
  for (const auto& [country, n] : tally) {
    if (n > best_n) {
      best = country;
      best_n = n;
    }
  }
  return best;
}

// A word of a person's name after a title: capitalised, and not a word a
// title-case headline would capitalise ("President Visits", "Minister
// Monday").
bool PersonNameWord(const Token& t) {
  return Capitalized(t) && !t.all_caps && t.lower.size() > 1 &&
         (t.pos & (text::kPosVerb | text::kPosAdj | text::kPosAdv | text::kPosNum |
                   text::kPosAux | text::kPosModal)) == 0 &&
         !Is(t, {"monday", "tuesday", "wednesday", "thursday", "friday",
                 "saturday", "sunday", "january", "february", "march", "april",
                 "may", "june", "july", "august", "september", "october",
                 "november", "december"});
}

// "the government", "police", "President Jaime Lusinchi": a state agent
// with no country of its own belongs to the document's country
// (DocumentContext::context_countries). A title's capitalised unknown name
// joins the mention, which names a person and whose surname is an alias
// for later sentences.
bool ContextCountry(const std::vector<Token>& tokens, const LoneAgent& agent,
                    DocumentContext& context, std::vector<Mention>* merged) {
  if (!context.context_countries || agent.prefix || !StateAgent(agent.agent)) {
    return false;
  }
  // "a spokesman for the Ukrainian army": the agent's own actor follows.
  if (agent.end < tokens.size() && Is(tokens[agent.end], {"for", "of", "from", "at"})) {
    return false;
  }
  std::string_view country = DocumentCountry(context, *merged, agent.begin);
  if (country.empty()) return false;
  Mention m;
  m.begin = agent.begin;
  m.end = agent.end;
  if (agent.name_begin > 0) {
    // "President Jaime Lusinchi" names a person; "President Visits" (a
    // title-case headline) does not, and the title stands alone.
    bool person = !tokens[m.begin].all_caps;
    for (uint32_t k = agent.name_begin; k < m.end && person; ++k) {
      person = PersonNameWord(tokens[k]);
    }
    if (person) {
      m.person = true;
    } else {
      m.end = agent.name_begin;
    }
  }
  m.context = true;
  m.country = std::string(country);
  m.agent = agent.agent.substr(0, 3);
  m.code = m.country + agent.agent;
  m.prep = PreviousPreposition(tokens, m.begin);
  m.possessor = m.end < tokens.size() && tokens[m.end].kind == TokenKind::kPossessive;
  if (context.explain) {
    m.how = "agent '" + agent.agent + "' of the document's country " + m.country;
  }
  if (m.person) {
    Mention alias = m;
    context.aliases[tokens[m.end - 1].lower] = alias;
  }
  merged->push_back(std::move(m));
  return true;
}

void DistributeAgents(const std::vector<Token>& tokens,
                      const std::vector<LoneAgent>& lone, bool explain,
                      std::vector<Mention>* mentions,
                      std::vector<bool>* consumed) {
  if (lone.empty() || mentions->empty()) return;
  std::vector<Mention>& ms = *mentions;
  // For each mention index: the agents to distribute over it (if any).
  std::vector<std::vector<const LoneAgent*>> add(ms.size());
  std::vector<uint32_t> new_begin(ms.size());
  for (size_t m = 0; m < ms.size(); ++m) new_begin[m] = ms[m].begin;
  bool any = false;
  for (size_t a = 0; a < lone.size();) {
    // A group of lone agents joined by "and"/",".
    size_t b = a + 1;
    while (b < lone.size()) {
      uint32_t gb = lone[b - 1].end, ge = lone[b].begin;
      bool ok = ge > gb && ge - gb <= 2;
      for (uint32_t k = gb; ok && k < ge; ++k) {
        ok = tokens[k].lower == "and"sv || tokens[k].lower == ","sv;
      }
      if (!ok) break;
      ++b;
    }
    uint32_t k = lone[b - 1].end;
    // "its ambassador from Niger": owned already. "from"/"in" name the
    // group's country only in subject position ("Soldiers from Gondor
    // have ..."); after a verb or preposition they are places ("withdrew
    // troops from Syria", "attacked militants in Syria").
    size_t p = lone[a].begin;
    while (p > 0 && lone[a].begin - p < 4 &&
           (Is(tokens[p - 1], {"the", "a", "an"}) || Modifier(tokens[p - 1]))) {
      --p;
    }
    const Token* before = p > 0 ? &tokens[p - 1] : nullptr;
    bool owned = before != nullptr &&
                 (before->kind == TokenKind::kPossessive ||
                  Is(*before, {"its", "his", "her", "their", "our", "my", "your"}));
    bool subject = before == nullptr ||
                   before->kind == TokenKind::kPunct ||
                   before->kind == TokenKind::kQuote ||
                   Is(*before, {"and", "but", "that", "while", "as", "when"});
    if (k >= tokens.size()) {  // the agents end the sentence
      a = b;
      continue;
    }
    bool of = tokens[k].lower == "of"sv;
    if (!owned && (of || subject) && k + 1 < tokens.size() &&
        (of || tokens[k].lower == "from"sv || tokens[k].lower == "in"sv)) {
      ++k;
      if (tokens[k].lower == "the"sv && k + 1 < tokens.size()) ++k;
      for (size_t m = 0; m < ms.size(); ++m) {
        if (ms[m].begin != k) continue;
        if (ms[m].possessor || ms[m].country.empty() || ms[m].pronoun) {
          break;
        }
        std::vector<size_t> members;
        if (ms[m].compound < 0) {
          members.push_back(m);
        } else {
          for (size_t x = 0; x < ms.size(); ++x) {
            if (ms[x].compound == ms[m].compound) members.push_back(x);
          }
        }
        for (size_t x : members) {
          for (size_t g = a; g < b; ++g) add[x].push_back(&lone[g]);
        }
        for (size_t g = a; g < b; ++g) (*consumed)[g] = true;
        new_begin[members.front()] = lone[a].begin;
        any = true;
        break;
      }
    }
    a = b;
  }
  if (!any) return;
  std::vector<Mention> out;
  std::vector<int> first_copy(ms.size());
  for (size_t m = 0; m < ms.size(); ++m) {
    first_copy[m] = static_cast<int>(out.size());
    if (add[m].empty()) {
      out.push_back(ms[m]);
      continue;
    }
    std::string prep = PreviousPreposition(tokens, new_begin[m]);
    for (const LoneAgent* a : add[m]) {
      Mention c = ms[m];
      c.begin = new_begin[m];
      c.prep = prep;
      // "activists of Gonzo GMO" (GONGMO): the agent stacks on the actor's
      // own agents (GONGMOOPP).
      // "protesters in Caracas": a capital after the agent is a place, so
      // VENCVL, not VENGOVCVL.
      std::string own = ms[m].code.size() > 3 && !(ms[m].seat && Locative(ms[m].prep))
                            ? ms[m].code.substr(3)
                            : "";
      c.code = a->prefix ? a->agent + ms[m].code
                         : c.country + StackAgent(own, a->agent);
      c.agent = a->prefix ? ms[m].agent : c.code.substr(3, 3);
      if (explain) c.how = "agent '" + a->agent + "' of " + ms[m].how;
      if (c.begin < ms[m].begin) {
        c.actor_begin = ms[m].begin;
        c.actor_code = ms[m].code;
      }
      out.push_back(std::move(c));
    }
  }
  for (Mention& m : out) {
    if (m.compound >= 0) m.compound = first_copy[m.compound];
  }
  // Several agents on one actor ("lawmakers and officials in Fornost"):
  // the copies form a compound.
  for (size_t m = 0; m < ms.size(); ++m) {
    if (add[m].size() < 2 || ms[m].compound >= 0) continue;
    for (size_t c = 0; c < add[m].size(); ++c) {
      out[first_copy[m] + c].compound = first_copy[m];
    }
  }
  *mentions = std::move(out);
}

}  // namespace

// "... on Great Barrier Reef (Canadian Press)", "(AFP)": a phrase in
// parentheses that closes the sentence credits the outlet; it is not an
// actor of the sentence. Up to three more capitalised words may follow the
// phrase inside the parentheses.
bool OutletCredit(const std::vector<Token>& tokens, size_t begin, size_t end) {
  if (begin == 0 || tokens[begin - 1].lower != "("sv) return false;
  size_t k = end;
  while (k < tokens.size() && k < end + 3 && tokens[k].kind == TokenKind::kWord &&
         tokens[k].capitalized) {
    ++k;
  }
  if (k >= tokens.size() || tokens[k].lower != ")"sv) return false;
  for (++k; k < tokens.size(); ++k) {
    if (tokens[k].kind != TokenKind::kSentenceEnd && tokens[k].kind != TokenKind::kQuote) {
      return false;
    }
  }
  return true;
}

// "Ali Hassan, the Iraqi defence minister, said": a name set off by a
// comma before an actor phrase names that actor's person; the name's words
// become aliases for later sentences ("Hassan later said").
void ApposedNames(const std::vector<Token>& tokens, const std::vector<Mention>& mentions,
                  DocumentContext* context) {
  size_t prev_end = 0;
  for (const Mention& m : mentions) {
    uint32_t b = m.begin;
    bool usable = !m.pronoun && !m.unnamed && !m.last_two && !m.code.empty() &&
                  (m.person || !m.agent.empty());
    uint32_t from = static_cast<uint32_t>(prev_end);
    prev_end = std::max<size_t>(prev_end, m.end);
    if (!usable) continue;
    while (b > 0 && Is(tokens[b - 1], {"the", "a", "an"})) --b;
    if (b < 3 || tokens[b - 1].lower != ","sv) continue;
    uint32_t k = b - 1;  // at the comma
    uint32_t n = 0;
    while (k > from && n < 4 && tokens[k - 1].kind == TokenKind::kWord &&
           PersonNameWord(tokens[k - 1])) {
      --k;
      ++n;
    }
    if (n < 2 || n > 3) continue;
    if (k > 0 && !(Is(tokens[k - 1], {",", ":", ";", "(", "--", "-"}) ||
                   tokens[k - 1].kind == TokenKind::kQuote)) {
      continue;
    }
    for (uint32_t j = k; j < b - 1; ++j) {
      Mention alias = m;
      alias.person = true;
      alias.context = false;
      context->aliases[tokens[j].lower] = alias;
    }
  }
}

// "Nakasone and Reagan are likely to reaffirm the accord when they meet":
// "they" after a compound subject ("A and B", no preposition before it)
// with no other actor in between stands for that compound. Inserted as a
// compound of its own at the pronoun; mentions stay in token order.
void ResolveThey(const std::vector<Token>& tokens, bool explain,
                 std::vector<Mention>* mentions) {
  // Most sentences have no compound to stand for.
  if (std::none_of(mentions->begin(), mentions->end(),
                   [](const Mention& m) { return m.compound >= 0; })) {
    return;
  }
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (tokens[k].lower != "they"sv) continue;
    // The mentions before the pronoun; the last of them must end a compound.
    size_t at = 0;
    while (at < mentions->size() && (*mentions)[at].begin < k) ++at;
    if (at == 0 || (*mentions)[at - 1].end > k) continue;
    const Mention& last = (*mentions)[at - 1];
    if (last.compound < 0 || last.unnamed) continue;
    size_t first = static_cast<size_t>(last.compound);
    if (!(*mentions)[first].prep.empty() || (*mentions)[first].pronoun) continue;
    std::vector<Mention> copies((*mentions).begin() + first, (*mentions).begin() + at);
    if (copies.size() < 2) continue;
    for (Mention& m : copies) {
      m.begin = static_cast<uint32_t>(k);
      m.end = static_cast<uint32_t>(k + 1);
      m.compound = static_cast<int>(at);
      m.pronoun = true;
      m.possessor = false;
      m.prep = PreviousPreposition(tokens, k);
      if (explain) m.how = "pronoun 'they' -> the compound subject before it";
    }
    size_t n = copies.size();
    for (Mention& m : *mentions) {
      if (m.compound >= static_cast<int>(at)) m.compound += static_cast<int>(n);
    }
    mentions->insert(mentions->begin() + at, copies.begin(), copies.end());
  }
}

std::vector<Mention> FindMentions(const std::vector<Token>& tokens,
                                  std::string_view text,
                                  const dict::Dictionary& dict, int ymd,
                                  DocumentContext* context) {
  std::vector<Mention> mentions;
  std::vector<LoneAgent> lone;
  dict.actor_trie().Prefetch(tokens);
  dict.agent_trie().Prefetch(tokens);
  PieceFinder finder(tokens, dict, ymd);
  size_t i = 0;
  while (i < tokens.size()) {
    Piece first;
    // The cheap May* tests rule out most tokens before the calls.
    if (!finder.At(i, &first) &&
        !(MayStartAlias(tokens[i], *context) &&
          AliasAt(tokens, i, *context, &first))) {
      if (MayStartPronoun(tokens[i]) &&
          PronounAt(tokens, i, *context, &mentions)) {
        mentions.back().prep = PreviousPreposition(tokens, mentions.back().begin);
        i = mentions.back().end;
        continue;
      }
      ++i;
      continue;
    }
    std::vector<Piece> pieces{first};
    uint32_t end = GrowPhrase(tokens, i, dict, ymd, *context, &finder, &pieces);
    if (OutletCredit(tokens, i, end)) {
      i = end;
      continue;
    }
    // A lone agent word ("officials", "the army") with no country is not an
    // actor unless it names a known group.
    Mention m;
    m.begin = static_cast<uint32_t>(i);
    m.end = end;
    Combine(pieces, &m);
    if (context->explain) m.how = PiecesHow(tokens, text, pieces);
    if (!m.code.empty() && !m.country.empty()) {
      m.prep = PreviousPreposition(tokens, m.begin);
      m.seat = SeatOfGovernment(tokens, pieces, m);
      m.possessor = end < tokens.size() &&
                    tokens[end].kind == TokenKind::kPossessive;
      RegisterAliases(tokens, pieces, m, context);
      mentions.push_back(std::move(m));
    } else if (!pieces.empty() && pieces.front().kind == PieceKind::kAgent &&
               std::all_of(pieces.begin(), pieces.end(), [](const Piece& p) {
                 return p.kind == PieceKind::kAgent || p.kind == PieceKind::kName;
               })) {
      LoneAgent a{m.begin, end, "", false};
      for (const Piece& p : pieces) {
        if (p.kind == PieceKind::kName) {
          if (a.name_begin == 0) a.name_begin = p.begin;
          continue;
        }
        if (p.prefix_agent) {
          a.prefix = true;
          a.agent = p.code;
        } else if (!a.prefix) {
          a.agent = p.code;
        }
      }
      if (!a.agent.empty()) lone.push_back(a);
    }
    i = end;
  }
  MarkCompounds(tokens, &mentions);
  if (!lone.empty()) {
    std::vector<bool> consumed(lone.size(), false);
    DistributeAgents(tokens, lone, context->explain, &mentions, &consumed);
    // The other agents stand alone as actors of unknown country ("---GOV":
    // "a senior official said", "arrested students").
    std::vector<Mention> merged;
    std::vector<int> index(mentions.size());
    size_t next = 0;
    for (size_t a = 0; a <= lone.size(); ++a) {
      uint32_t until = a < lone.size() ? lone[a].begin : UINT32_MAX;
      while (next < mentions.size() && mentions[next].begin < until) {
        index[next] = static_cast<int>(merged.size());
        merged.push_back(mentions[next++]);
      }
      if (a == lone.size() || consumed[a]) continue;
      if (SharedCountry(tokens, lone[a], context->explain, merged)) continue;
      if (ContextCountry(tokens, lone[a], *context, &merged)) continue;
      if (!context->agent_only_actors) {
        // Not a modifier of the noun after it: a singular agent word before
        // a noun ("refugee camp", "student union") modifies it; plural
        // people may act ("protesters clash").
        uint32_t e = lone[a].end;
        bool modifier = e < tokens.size() && tokens[e].kind == TokenKind::kWord &&
                        !tokens[e].capitalized && (tokens[e].pos & text::kPosNoun) &&
                        (!(tokens[e].pos & text::kPosVerb) ||
                         !base::EndsWith(tokens[e - 1].lower, "s"));
        if (context->context_countries && !lone[a].prefix && lone[a].name_begin == 0 &&
            !StateAgent(lone[a].agent) && !modifier) {
          Mention m;
          m.begin = lone[a].begin;
          m.end = lone[a].end;
          m.code = "---" + lone[a].agent;
          m.agent = lone[a].agent.substr(0, 3);
          m.prep = PreviousPreposition(tokens, m.begin);
          m.unnamed = true;
          if (context->explain) m.how = "people named by agent '" + lone[a].agent + "' only";
          merged.push_back(std::move(m));
        }
        continue;
      }
      Mention m;
      m.begin = lone[a].begin;
      m.end = lone[a].end;
      m.code = lone[a].prefix ? lone[a].agent + "---" : "---" + lone[a].agent;
      m.agent = lone[a].prefix ? "" : lone[a].agent.substr(0, 3);
      m.prep = PreviousPreposition(tokens, m.begin);
      m.possessor = m.end < tokens.size() &&
                    tokens[m.end].kind == TokenKind::kPossessive;
      if (context->explain) m.how = "agent only '" + lone[a].agent + "'";
      merged.push_back(std::move(m));
    }
    for (Mention& m : merged) {
      if (m.compound >= 0) m.compound = index[m.compound];
    }
    mentions = std::move(merged);
    MarkCompounds(tokens, &mentions);
  }
  ResolveThey(tokens, context->explain, &mentions);
  ApposedNames(tokens, mentions, context);
  bool first_person = false, first_actor = false;
  for (const Mention& m : mentions) {
    if (!m.pronoun && !m.last_two && !m.unnamed) {
      Remember(m, context, &first_person, &first_actor);
    }
  }
  return mentions;
}

}  // namespace ladder::coder
