// The locator: where each event of a document happened, from its sentence or
// the document's dateline (ladder/geo.h has the rules in full).
//
//   Locator locator(gazetteer);                 // borrows; the gazetteer outlives it
//   locator.Locate(normalized_text, &events);   // one document's events
//
// Thread-safe: Locate is const and keeps its scratch state on the stack.
#ifndef LADDER_GEO_LOCATOR_H_
#define LADDER_GEO_LOCATOR_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geo/gazetteer.h"
#include "ladder/event.h"

namespace ladder::geo {

// A place name found in a sentence.
struct PlaceMention {
  size_t begin = 0, end = 0;            // byte offsets in the document text
  std::string key;                      // normalized name
  std::span<const uint32_t> places;     // the gazetteer's candidates
  std::string cue;                      // the preposition before it ("in"), or ""
  std::string qualifier_country;        // "Paris, Texas": the country of "Texas"
  std::string qualifier_key;            // and its key ("texas")
  bool possessive = false;              // "Iraq's", "the United States'"
};

// A dateline: "BAGHDAD (Reuters) -", "PORT-AU-PRINCE, Haiti --".
struct Dateline {
  bool found = false;
  PlaceMention mention;
  size_t end = 0;  // where the dateline ends in the text
};

class Locator {
 public:
  explicit Locator(const Gazetteer& gazetteer) : g_(gazetteer) {}

  // Sets Event::location on the events of one document whose evidence
  // offsets point into `text` (the normalized text they were coded from).
  // `how`, if not null, gets one line per event saying how its place was
  // chosen (or why none was).
  void Locate(std::string_view text, std::vector<Event>* events,
              std::vector<std::string>* how = nullptr) const;

  // The place names of text[begin, end).
  std::vector<PlaceMention> FindMentions(std::string_view text, size_t begin, size_t end) const;
  Dateline FindDateline(std::string_view text) const;
  // The places of text[begin, ...) put after "in", "at", "near", "outside"
  // or "inside", line by line (a headline is read on its own).
  std::vector<PlaceMention> DocumentPlaces(std::string_view text, size_t begin) const;

 private:
  const Gazetteer& g_;
};

}  // namespace ladder::geo

#endif  // LADDER_GEO_LOCATOR_H_
