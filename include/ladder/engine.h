// Engine: the one pipeline behind every shell (CLI, HTTP, Python).
//
//   auto engine = ladder::Engine::Open(options);      // loads + compiles dictionaries
//   auto results = (*engine)->CodeBatch(documents, {.threads = 4});
//   auto one = (*engine)->Code(document);             // one document
//
// Every shell codes through CodeBatch (or Code, a batch of one): story
// grouping, PETRARCH story discards, threading and input order are decided
// here, not in the shells.
//
// Thread-safety and memory: an Engine is immutable after Open and shared by
// all threads; the compiled dictionary is read-only. Coding also needs
// scratch memory, a CoderState: token and event buffers (a sentence's worth,
// a few KB) and the annotator's cache of recent word forms (32,768 slots of
// 64 bytes: 2 MB, allocated when the state codes its first document). A caller that codes
// on one thread can own one (NewState) and pass it to Code; otherwise Code
// and CodeBatch take one from the Engine's pool, which keeps one state per
// thread that was coding at the same time (so 2 MB per concurrent caller,
// kept until the Engine is destroyed). A CoderState is used by one thread at
// a time and must not outlive its Engine. The sentence coder's own match
// buffers (pattern candidates, word bitmaps: tens of KB) are still per
// thread (thread_local), freed when the thread ends.
#ifndef LADDER_ENGINE_H_
#define LADDER_ENGINE_H_

#include <memory>
#include <span>
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
  // Larger documents are refused with a kResourceExhausted error (memory
  // stays bounded: one document's tokens and events are held at a time).
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
  // Drop events whose confidence is below this; 0 keeps every event.
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
  // The document's text after normalization (NFC): the text that the events'
  // evidence_begin/evidence_end byte offsets index.
  std::string text;
  bool discarded = false;  // a story discard phrase matched, or off-topic
  // The topic the document was judged to be about instead of politics
  // ("sport", "business"; EngineOptions::topic_filter), else "".
  std::string off_topic;
  bool sentence_discarded = false;  // some sentence matched a discard phrase
  // Another document of this document's story (Document::story) in the same
  // CodeBatch was discarded (a story discard phrase, or off-topic): `events`
  // is empty and `discarded` is true.
  bool story_discarded = false;
};

struct BatchOptions {
  // Worker threads (1: the calling thread only). Results keep input order
  // whatever the number.
  int threads = 1;
};

// Scratch memory for coding (see the top of this file). Made by
// Engine::NewState; used by one thread at a time; must not outlive the
// Engine.
class CoderState {
 public:
  ~CoderState();
  CoderState(const CoderState&) = delete;
  CoderState& operator=(const CoderState&) = delete;
  class Impl;

 private:
  friend class Engine;
  CoderState();
  std::unique_ptr<Impl> impl_;
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

  // Codes `documents` with `options.threads` workers; result i is document
  // i's. A document's error (invalid UTF-8, a bad date: kInvalidArgument; a
  // text over EngineOptions::max_document_bytes: kResourceExhausted) is its
  // result alone; the others are coded. A document discarded by a story
  // discard phrase (or as off-topic) drops the events of every document of
  // its story (Document::story) in the batch, as PETRARCH does: a caller
  // that cuts a stream into batches cuts between stories.
  std::vector<Result<CodeResult>> CodeBatch(std::span<const Document> documents,
                                            const BatchOptions& options) const;
  // Codes one document (a batch of one). Errors as CodeBatch; a sentence
  // without events is not an error. Without `state`, one is taken from the
  // Engine's pool.
  Result<CodeResult> Code(const Document& document) const;
  Result<CodeResult> Code(const Document& document, CoderState* state) const;
  // Scratch memory for Code on one thread (see the top of this file).
  std::unique_ptr<CoderState> NewState() const;
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
