// The event record: the contract every shell and test uses (DESIGN.md).
#ifndef LADDER_EVENT_H_
#define LADDER_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ladder {

// An input document. `date` is ISO "YYYY-MM-DD" (may be empty: unknown).
struct Document {
  std::string id;
  std::string date;
  std::string text;
  std::string title;   // optional
  std::string url;     // optional
  std::string source;  // optional: the outlet
  // The story the document is part of, "" when it is a story of its own. A
  // PETRARCH <Sentence> record "AFP0808020593-2" belongs to story
  // "AFP0808020593" (DocumentReader sets it): a story discard phrase in one
  // record drops the events of every record of its story
  // (Engine::CodeBatch).
  std::string story;
};

// One side of an event.
struct Actor {
  std::string code;     // full code, e.g. "RUSGOV", "IGOUNO", "---REB"
  std::string country;  // ISO alpha-3 or CAMEO group code (IGO, NGO, ...), may be ""
  std::string agent;    // primary agent code (GOV, MIL, ...), may be ""
  std::string text;     // the words in the sentence that named the actor
};

// Where an event happened, as the text says it (`ladder/geo.h`).
struct Location {
  std::string text;     // the words that named the place ("BAGHDAD", "Gaza City")
  std::string name;     // the gazetteer's name ("Baghdad")
  std::string country;  // ISO 3166 alpha-3, "" for a sea or strait
  std::string admin1;   // first-level region ("Texas"), "" for a country
  bool has_coordinates = false;  // false: lat/lon unknown (written as null)
  double lat = 0.0, lon = 0.0;
  int64_t geonames_id = 0;  // 0: not a GeoNames city
  // "city" (a city or a landmark: a point), "admin1" (a region), "country",
  // or "region" (a sea, strait or area of no single country).
  std::string precision;
};

enum class Modality { kAsserted, kNegated, kFuture, kHypothetical, kAlleged };

const char* ModalityName(Modality modality);
bool ParseModality(const std::string& name, Modality* modality);

struct Event {
  std::string event_id;  // "<doc_id>-s<sentence>-e<n>"
  std::string doc_id;
  int sentence = 0;  // 1-based sentence number within the document
  std::string date;  // ISO date of the event (not always the document's)
  std::optional<Actor> source;
  std::optional<Actor> target;
  std::string cameo;  // "130", "0874", "174K"
  std::string root;   // first two characters of cameo
  int quad_class = 0;  // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  double goldstein = 0.0;
  std::string plover_event;  // "THREATEN"
  std::string plover_mode;   // "" or a PLOVER mode
  Modality modality = Modality::kAsserted;
  std::optional<std::string> attribution;  // who claims it, for alleged events
  std::string verb;           // the verb words as they appear
  std::string evidence_text;  // the sentence
  int64_t evidence_begin = 0;  // byte offsets in the normalized document text
  int64_t evidence_end = 0;
  std::vector<std::string> issues;  // issue codes found in the sentence (optional)
  // The calibrated probability (0-1) that an analyst would code the event
  // so: the same source and target (country/organisation level) and root.
  double confidence = 0.0;
  // The features the confidence was computed from, in the order of
  // ConfidenceFeatureNames() (ladder/confidence.h); filled only with
  // EngineOptions::confidence_features (for fitting the model).
  std::vector<double> confidence_features;
  // Where the event happened when its sentence, or for a physical act its
  // document's dateline, says so; empty otherwise (ladder/geo.h).
  std::optional<Location> location;
};

}  // namespace ladder

#endif  // LADDER_EVENT_H_
