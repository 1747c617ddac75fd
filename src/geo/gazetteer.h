// The gazetteer: places by name, for geolocating events (ladder/geo.h).
//
//   GazetteerBuilder b;                       // countries, regions, cities, aliases
//   uint32_t id = b.AddPlace(place);
//   b.AddName("Kiev", id);
//   Gazetteer g = std::move(b).Build();       // immutable from here on
//   for (uint32_t p : g.Find(NormalizeKey("Gaza City"))) ...
//
// A built Gazetteer is immutable and may be shared by any number of threads.
// Serialize() writes it as a section of a dictionary snapshot
// (doc/formats/places.md); Parse() reads one back, checking every offset.
#ifndef LADDER_GEO_GAZETTEER_H_
#define LADDER_GEO_GAZETTEER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ladder/status.h"

namespace ladder::geo {

enum class Precision : uint8_t { kCity = 0, kAdmin1 = 1, kCountry = 2, kRegion = 3 };
const char* PrecisionName(Precision precision);

struct Place {
  std::string name;     // "Vladivostok"
  std::string country;  // ISO alpha-3; "" for a sea or strait
  std::string admin1;   // first-level region of a city ("Primorskiy (Maritime) Kray")
  bool has_coordinates = false;
  double lat = 0.0, lon = 0.0;
  int64_t geonames_id = 0;
  uint64_t population = 0;  // 0: unknown
  Precision precision = Precision::kCity;
  // Written in ladder's data/places/: a landmark or region news names by
  // itself, matched without a preposition before it.
  bool curated = false;
};

// The lookup key of a name: ASCII lowercase, Latin diacritics folded
// ("Bogotá" -> "bogota"), periods dropped ("U.S." -> "us"), curly
// apostrophes straightened, runs of spaces one space.
std::string NormalizeKey(std::string_view name);

// Hashing that looks up a std::string key by std::string_view without
// building a string (C++20 heterogeneous lookup).
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using KeyMap = std::unordered_map<std::string, V, KeyHash, std::equal_to<>>;

class Gazetteer {
 public:
  Gazetteer() = default;

  // The places a normalized key names, most populous first (an alias
  // marked "main" in data/places/ names one place only).
  std::span<const uint32_t> Find(std::string_view key) const;
  // The most words a name beginning with this normalized word has; 0 when
  // no name begins with it.
  int MaxWords(std::string_view first_word_key) const;
  // Names never taken for a place by themselves ("Police", "Of").
  bool Stopped(std::string_view key) const { return stops_.find(key) != stops_.end(); }
  const Place& place(uint32_t i) const { return places_[i]; }
  size_t size() const { return places_.size(); }
  size_t name_count() const { return names_.size(); }
  bool empty() const { return places_.empty(); }
  // The place of a country by its alpha-3 code, or -1.
  int64_t CountryPlace(std::string_view alpha3) const;

  // The snapshot section's bytes (magic, version, places, names, stops,
  // FNV-1a checksum); Parse reads them back. Errors name `name` and the
  // byte offset.
  std::string Serialize() const;
  static Result<Gazetteer> Parse(std::string_view bytes, const std::string& name);

 private:
  friend class GazetteerBuilder;
  void Index();
  std::vector<Place> places_;
  KeyMap<std::vector<uint32_t>> names_;
  KeyMap<uint8_t> first_words_;
  std::unordered_set<std::string, KeyHash, std::equal_to<>> stops_;
  KeyMap<uint32_t> countries_;
};

class GazetteerBuilder {
 public:
  uint32_t AddPlace(Place place);
  // Another name of place `id` (normalized here).
  void AddName(std::string_view name, uint32_t id);
  // `name` names place `id` only: other places of that name are dropped.
  void SetMainName(std::string_view name, uint32_t id);
  void AddStop(std::string_view name);
  // Places called `name` in `country` (alpha-3; "" any), most populous first.
  std::vector<uint32_t> FindPlaces(std::string_view name, std::string_view country) const;
  Place* mutable_place(uint32_t id) { return &g_.places_[id]; }
  size_t size() const { return g_.places_.size(); }
  Gazetteer Build() &&;

 private:
  Gazetteer g_;
  std::unordered_map<std::string, uint32_t> main_;
};

}  // namespace ladder::geo

#endif  // LADDER_GEO_GAZETTEER_H_
