// Scoring coded events against gold events: the accuracy figure that counts
// (../shared/data/gold-news/), with exactly the matching of that folder's
// reference scorer score_gold.py:
//
// - an event's key is (source, target, CAMEO root); an actor compares at the
//   country or organisation level (USAGOV ~ USA; IGOUNO ~ IGOUNO; the first
//   six characters of IGO/NGO/IMG codes, the first three of others), and an
//   unknown "---" actor is the same as none;
// - coded events of one unit with the same (source, target, root, modality)
//   count once;
// - for the symmetric codes (040 041 044 046 057 190 193, the first three
//   characters of the gold code) the reverse direction matches too, and an
//   unmatched coded reverse of a matched symmetric event is not counted;
// - matching is one-to-one and greedy, gold events in gold order, each taking
//   the first unused coded event in event order;
// - sentence units: only events whose evidence.begin is at or after the
//   unit's NFC context length in bytes + 2 (0 without context) count.
//
//   ladder::GoldSet gold;       ReadGoldFile("agnews.gold.jsonl", &gold);
//   std::vector<ladder::EvalEvent> events;   (from EvalEventFromEvent, or
//                                             ReadEvalEventsFile)
//   ladder::EvalReport report = ladder::ScoreGold(gold, events, {}, {});
//   std::puts(ladder::EvalReportToText(report).c_str());
//
// Readers of outside input report each bad record as "file:line: message" in
// `problems` and keep the good ones; only an unreadable file is an error.
// Thread-safety: every function is thread-safe (no shared state).
#ifndef LADDER_EVAL_H_
#define LADDER_EVAL_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ladder/confidence.h"
#include "ladder/event.h"
#include "ladder/status.h"

namespace ladder {

class Engine;

// One gold event as annotated. A null or missing code is "".
struct GoldEvent {
  std::string source, target;                       // "USAGOV", "---REB", "" (none)
  std::string cameo;                                // "042"
  std::string modality;                             // "" reads as "asserted"
  std::string source_text, target_text, verb_text;  // for error listings
  // Where the text says the event happened ("location": {"text", "country"});
  // "" when the gold says null.
  std::string location_text, location_country;
};

struct GoldUnit {
  std::string id;
  std::string where;  // "gold.jsonl:12", the line it was read from
  std::vector<GoldEvent> events;
};

struct GoldSet {
  // In file order. A repeated id keeps its first place and takes the later
  // line's events (as score_gold.py's dict does), with a problem reported.
  std::vector<GoldUnit> units;
  std::vector<std::string> problems;  // "gold.jsonl:12: message"
};

// One coded event as the scorer sees it: from an Event, or from one line of
// ladder's JSONL events (or another coder's, with the same field names).
struct EvalEvent {
  std::string doc_id;
  std::optional<std::string> source, target;  // the actors' codes
  std::string cameo;
  std::string modality;  // "" reads as "asserted"
  int64_t begin = 0;     // evidence.begin; 0 when absent
  std::string verb;      // for error listings
  std::string evidence;  // the sentence (evidence.text); may be ""
  int sentence = 0;      // 1-based sentence number; 0 unknown
  double confidence = -1;  // Event::confidence; -1 when absent
  std::vector<double> features;  // Event::confidence_features, when recorded
  bool located = false;          // Event::location set
  std::string location_country;  // its country (alpha-3; "" for a sea)
  std::string location_text;
};

EvalEvent EvalEventFromEvent(const Event& event);

// Parse one JSONL line. Errors start with "<where>: ".
Result<GoldUnit> GoldUnitFromJson(std::string_view line, std::string_view where);
Result<EvalEvent> EvalEventFromJson(std::string_view line, std::string_view where);
// A sentence-units line {"id", "context", "text", ...}: the unit's id and
// the offset where its scored text begins (NFC bytes of context + 2, or 0).
Result<std::pair<std::string, int64_t>> UnitOffsetFromJson(std::string_view line,
                                                           std::string_view where);

// File readers: blank lines are skipped; each bad line adds a problem naming
// the file and line. Error: the file cannot be read.
Status ReadGoldFile(const std::string& path, GoldSet* gold);
Status ReadEvalEventsFile(const std::string& path, std::vector<EvalEvent>* events,
                          std::vector<std::string>* problems);
Status ReadUnitOffsetsFile(const std::string& path, std::map<std::string, int64_t>* offsets,
                           std::vector<std::string>* problems);

// Counts for one row of a breakdown. `matched_gold` gold events of the row
// were matched (recall); `matched_coded` of its counted coded events were
// (precision): they differ only for rows that the two sides of a match can
// fall in differently (a modality, a reversed symmetric event's source).
struct EvalCounts {
  size_t gold = 0, coded = 0, matched_gold = 0, matched_coded = 0;
  size_t matched_with_modality = 0;  // matched gold events whose modality agrees
  double precision() const;
  double recall() const;
  double f1() const;
};

struct RootConfusion {
  std::string gold_root, coded_root;
  size_t count = 0;
};

// An explain trace of one sentence (Engine::Explain), for error listings.
struct ErrorTrace {
  std::string sentence, trace;
};

// The missed and spurious events of one unit.
struct UnitErrors {
  std::string id;
  std::string where;  // the gold line
  std::vector<GoldEvent> missed;
  std::vector<EvalEvent> spurious;
  // Filled by ExplainErrors: the distinct sentences of the errors, and for
  // each missed and spurious event the index of its trace (-1: none).
  std::vector<ErrorTrace> traces;
  std::vector<int> missed_trace, spurious_trace;
};

struct EvalOptions {
  size_t error_units = 0;      // list the errors of up to this many units
  size_t top_confusions = 12;  // root confusion cells to keep
  // The reliability table and the precision/recall curve, when every
  // event has a confidence (EvalReport::reliability).
  bool confidence_figures = true;
};

// Precision and recall of the events whose confidence is at least
// `threshold` (the whole scoring rerun on them).
struct ThresholdRow {
  double threshold = 0;
  size_t coded = 0, matched = 0;
  double precision = 0, recall = 0, f1 = 0;
};

// Places of matched events (Event::location against the gold's location).
struct LocationCounts {
  size_t gold_located = 0;     // matched gold events whose gold names a place
  size_t coded_located = 0;    // matched coded events with a location
  size_t both_located = 0;     // both: the country is compared
  size_t country_right = 0;    // both, and the same country
  size_t located_not_gold = 0; // coded located where the gold says null
  size_t gold_located_all = 0; // every gold event naming a place, matched or not
  // Share of located events (where the gold names a place) with the gold's
  // country; share of gold places found with the right country.
  double country_accuracy() const;
  double recall() const;
};

struct EvalReport {
  LocationCounts location;
  size_t units = 0, gold_events = 0, coded_events = 0, matched = 0;
  size_t matched_with_modality = 0;
  size_t units_without_gold = 0, false_alarm_units = 0;
  // Events of documents not in the gold, before a unit's text, repeated in
  // one unit (not counted), and reverses of matched symmetric events.
  size_t events_not_in_gold = 0, events_in_context = 0, duplicate_events = 0,
         reversed_symmetric = 0;
  double precision = 0, recall = 0, f1 = 0;
  double precision_with_modality = 0, recall_with_modality = 0, f1_with_modality = 0;
  double modality_accuracy = 0;  // matched_with_modality / matched
  double false_alarm_rate = 0;   // false_alarm_units / units_without_gold
  // Keyed by the gold (or coded) root "01".."20"; by modality name; by actor
  // kind: "country" (a country or other three-letter code, with or without
  // a role), "igo/ngo" (IGO, NGO, IMG codes), "unknown" ("---..."), "none".
  std::map<std::string, EvalCounts> by_root, by_modality, by_source_kind, by_target_kind;
  // Missed gold events paired with an unmatched coded event of the same unit
  // and the same two actors (either direction): a different root is a
  // confusion cell (most frequent first), the same root a direction error.
  std::vector<RootConfusion> root_confusions;
  size_t root_confused = 0, direction_errors = 0;
  std::vector<UnitErrors> errors;  // gold order, up to EvalOptions::error_units
  // One per input event, in input order: 1 it matched a gold event, 0 it
  // was counted and did not, -1 not counted (see the counts above).
  std::vector<int> event_labels;
  // When every event carries a confidence (EvalEvent::confidence >= 0):
  // the reliability table over the counted events (ten bins of width 0.1)
  // and precision/recall at thresholds 0.0, 0.1, ..., 0.9.
  std::vector<ReliabilityBin> reliability;
  std::vector<ThresholdRow> confidence_curve;
};

// Scores `events` (in coding order) against `gold`. `offsets`: sentence
// units' scored-text offsets by id (ReadUnitOffsetsFile); empty for whole
// documents.
EvalReport ScoreGold(const GoldSet& gold, const std::vector<EvalEvent>& events,
                     const std::map<std::string, int64_t>& offsets, const EvalOptions& options);

// The actor key score_gold.py compares: nullopt for none and "---" actors.
std::optional<std::string> GoldActorKey(const std::optional<std::string>& code);
// "country", "igo/ngo", "unknown" or "none" (see EvalReport::by_source_kind).
const char* ActorKind(const std::optional<std::string>& code);

// Text: score_gold.py's three summary lines, then the breakdowns and the
// confusions (no error listing: shells add it with their explain traces).
std::string EvalReportToText(const EvalReport& report);
// One line of JSON: score_gold.py's keys and values (figures rounded to
// three decimals), then every count, the breakdowns, confusions and errors.
std::string EvalReportToJson(const EvalReport& report);
// One unit's errors as score_gold.py --errors lists them ("--- id",
// "  missed: ...", "  extra:  ..."), then its explain traces, numbered.
std::string UnitErrorsToText(const UnitErrors& errors);

// Adds to each unit of report->errors the explain traces of its errors'
// sentences: a spurious event's evidence sentence; for a missed event the
// sentence of the unit's scored text (from its `offsets` entry on) that
// holds the gold verb_text's first words (SentenceWithWords). `documents`:
// the coded documents by id (units without one get no traces).
void ExplainErrors(const Engine& engine, const std::map<std::string, Document>& documents,
                   const std::map<std::string, int64_t>& offsets, EvalReport* report);

// The sentence of `text` (split as the coder splits) that holds the first
// words of `words` (a gold verb_text such as "met ... in Cairo"), for an
// explain trace of a missed event; the whole text if none does.
std::string SentenceWithWords(std::string_view text, std::string_view words);

}  // namespace ladder

#endif  // LADDER_EVAL_H_
