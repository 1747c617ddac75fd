// Engine: the one pipeline behind every shell (CLI, HTTP, Python).
//
//   auto engine = ladder::Engine::Open(options);      // loads + compiles dictionaries
//   auto events = (*engine)->Code(document);           // thread-safe, const
//
// Thread-safety: an Engine is immutable after Open; Code/Explain may be called
// from any number of threads at once (each call uses its own scratch state).
#ifndef LADDER_ENGINE_H_
#define LADDER_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "ladder/event.h"
#include "ladder/status.h"

namespace ladder {

// Lengths (in words) of comma-delimited clauses that are deleted before a
// sentence is coded, as PETRARCH-1/TABARI's comma_* options: `min`..`max`
// between two commas, `bmin`..`bmax` before the first comma, `emin`..`emax`
// after the last one. A maximum of 0 turns that kind off (the default).
struct CommaClauseBounds {
  int min = 0, max = 0, bmin = 0, bmax = 0, emin = 0, emax = 0;
  bool any() const { return max > 0 || bmax > 0 || emax > 0; }
};

struct EngineOptions {
  // Dictionary sources: files or folders, in ladder's own format, a legacy
  // one or a compiled snapshot (recognised from the content). Empty:
  // ladder's bundled dictionaries. With custom sources, ladder's CAMEO code
  // table (data/codes.txt) is loaded after them, unless every source is a
  // snapshot that already carries a code table (SaveDictionarySnapshot saves
  // it).
  std::vector<std::string> dictionaries;
  // Also load ladder's bundled dictionaries when `dictionaries` is not empty.
  bool include_default = false;
  std::string wordnet_dir;     // empty: the build-time default
  bool require_dyad = false;   // drop events without both source and target
  // An event with one side only (or one side of unknown country, "---") is
  // kept only where analysts code such events: a statement, appeal, protest
  // or show of force with no addressee (roots 01, 02, 14, 15), an
  // organisation meeting (04 with an IGO source) and a bombing
  // by an unnamed attacker (root 18). True keeps every one-sided event (the
  // legacy suites, `ladder code --keep-one-sided`).
  bool keep_one_sided = false;
  // "Powell arrives in Seoul": a visit is the visitor's 042. The host's
  // 043 that a paired pattern ([042:043]) would add is coded only when the
  // text makes the host act ("hosted", "welcomed"), as analysts code it;
  // true adds it for every visit (the legacy suites).
  bool visit_hosts = false;
  bool code_unknown_actors = false;  // PETRARCH new_actor_length-like
  int new_actor_length = 0;
  bool keep_non_asserted = true;  // emit future/hypothetical/... events
  // Larger documents are refused with an error (memory stays bounded: one
  // document's tokens and events are held at a time).
  size_t max_document_bytes = size_t{8} << 20;
  // Legacy coders' convention: an agent without a country ("a senior
  // official said", "arrested students") is an actor of unknown country
  // ("---GOV", "---EDU"). Off: such phrases are not actors.
  bool agent_only_actors = false;
  // A state institution named without its country ("the government",
  // "police", "the court", "President Jaime Lusinchi") belongs to the
  // country the document is about so far: the country its actors name most
  // often (ties: the first named). Off (the legacy suites): such phrases follow
  // agent_only_actors.
  bool context_countries = true;
  CommaClauseBounds comma_clauses;  // off by default
  // Do not code a document that the dictionaries' topic cues say is about
  // sport, business or science rather than politics (at least two cues of
  // one topic and more than its political anchors; doc/formats/
  // dictionaries.md, "discards"). Dictionaries without cues: no effect.
  bool topic_filter = true;
  // The confidence model's weights (doc/formats/confidence.md); empty: the
  // bundled data/confidence.txt. A missing or bad file fails Open.
  std::string confidence_model;
  // Drop events whose confidence is below this (`ladder code
  // --min-confidence`); 0 keeps every event.
  double min_confidence = 0.0;
  // Fill Event::confidence_features (`ladder fit-confidence`).
  bool confidence_features = false;
  // Give each event the place where it happened, when the text says so
  // (Event::location; ladder/geo.h). `ladder code --no-locations` turns it off.
  bool geolocate = true;
  // ladder's places (aliases, landmarks, seas; doc/formats/places.md); empty:
  // the bundled data/places/. A snapshot saved with its places ignores it.
  std::string places_dir;
};

struct DictionaryStats {
  size_t actors = 0, agents = 0, patterns = 0, codes = 0, discards = 0,
         issues = 0;
  double compile_seconds = 0.0;
  std::vector<std::string> problems;  // "file:line: message"
};

// The outcome of coding one document.
struct CodeResult {
  std::vector<Event> events;
  bool discarded = false;  // a story discard phrase matched, or off-topic
  // The topic the document was judged to be about instead of politics
  // ("sport", "business"; EngineOptions::topic_filter), else "".
  std::string off_topic;
  bool sentence_discarded = false;  // some sentence matched a discard phrase
};

// Loads the dictionaries that Engine::Open(options) would load (the same
// sources in the same order, the code table included; WordNet is not read)
// and saves their entries, before compilation, as one snapshot file at
// `path` (doc/formats/dictionaries.md, "Compiled snapshots"). Opening an
// Engine with `dictionaries = {path}` then codes exactly as with `options`,
// without parsing dictionary text. Returns the counts of what was saved,
// problems included; an error names the dictionary or `path`.
Result<DictionaryStats> SaveDictionarySnapshot(const EngineOptions& options,
                                               const std::string& path);

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> Open(const EngineOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Codes one document. Invalid UTF-8 or a bad date is an error naming the
  // document; a sentence without events is not.
  Result<CodeResult> Code(const Document& document) const;
  // Human-readable trace for one sentence: tokens, actors, verbs, the pattern
  // that fired and why others did not.
  std::string Explain(const std::string& sentence, const std::string& date) const;
  // The same trace for sentence `sentence_no` (1-based, as events number
  // them) of `document`, read in its place: the sentences before it are
  // analysed first (quietly), so aliases ("Mr. Kim") and pronouns resolve as
  // Code resolves them. Errors: the document's bad date or text, or a
  // sentence number out of range.
  Result<std::string> ExplainInDocument(const Document& document, int sentence_no) const;
  const DictionaryStats& stats() const;

  class Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ladder

#endif  // LADDER_ENGINE_H_
