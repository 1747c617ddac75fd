// Readers of the gazetteer's sources and the gazetteer build (geo/gazetteer.h).
//
// - GeoNames cities as Debian's libgeonames0 embeds them: the GResource
//   /com/lomiri/geonames/cities.compiled, a serialized GVariant of type
//   a(sssssssudd) (id, name, admin1 code, admin1 name, country alpha-2,
//   country name, time zone, population, latitude, longitude), extracted at
//   build time with `gresource extract` (CMakeLists.txt).
// - Countries (ISO 3166-1) and first-level regions (ISO 3166-2) from the
//   iso-codes JSON files.
// - ladder's own data/places/*.txt (doc/formats/places.md): aliases and
//   historic names, landmarks, regions, seas and straits, stop names.
//
// Every reader takes the bytes and a name for messages ("file:line: ..."),
// keeps the good records and reports the bad ones in *problems; a file it
// cannot read at all is an error.
#ifndef LADDER_GEO_SOURCES_H_
#define LADDER_GEO_SOURCES_H_

#include <string>
#include <string_view>
#include <vector>

#include "geo/gazetteer.h"
#include "ladder/status.h"

namespace ladder::geo {

struct City {
  int64_t geonames_id = 0;
  std::string name, admin1_code, admin1, country2, country_name, timezone;
  uint32_t population = 0;
  double lat = 0, lon = 0;
};
Status ReadGeonamesCities(std::string_view bytes, const std::string& name,
                          std::vector<City>* cities, std::vector<std::string>* problems);

struct IsoCountry {
  std::string alpha2, alpha3, name, common_name, official_name;
};
Status ReadIsoCountries(std::string_view json, const std::string& name,
                        std::vector<IsoCountry>* countries, std::vector<std::string>* problems);

struct IsoRegion {
  std::string code;  // "US-TX"
  std::string name;  // "Texas"
  std::string type;  // "State"
};
// First-level regions only (entries without a "parent").
Status ReadIsoRegions(std::string_view json, const std::string& name,
                     std::vector<IsoRegion>* regions, std::vector<std::string>* problems);

// One line of data/places/*.txt.
struct PlaceEntry {
  enum class Kind { kAlias, kMain, kPlace, kStop, kCountryCode } kind = Kind::kAlias;
  std::string name;     // the new name
  std::string country;  // alpha-3 ("" for a sea)
  std::string of;       // alias/main: the known name it stands for
  Precision precision = Precision::kCity;  // place
  double lat = 0, lon = 0;                 // place
  std::string code2;                       // country code: alpha-2
  int line = 0;
};
Status ReadPlacesText(std::string_view text, const std::string& name,
                      std::vector<PlaceEntry>* entries, std::vector<std::string>* problems);

struct GazetteerSources {
  std::string geonames_cities;  // extracted cities.compiled; "" or missing: none
  std::string iso_3166_1;       // iso_3166-1.json
  std::string iso_3166_2;       // iso_3166-2.json; "" or missing: no regions
  std::string places_dir;       // data/places; "" : none
};
// Reads the sources and builds the gazetteer. Countries' and regions'
// coordinates are the population-weighted centre of their GeoNames cities
// (none listed: no coordinates). Unreadable required files (iso 3166-1, a
// places file) are errors; bad records are *problems.
Result<Gazetteer> BuildGazetteer(const GazetteerSources& sources,
                                 std::vector<std::string>* problems);

}  // namespace ladder::geo

#endif  // LADDER_GEO_SOURCES_H_
