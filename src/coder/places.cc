// The engine's gazetteer (coder/places.h).
#include "coder/places.h"

#include <map>
#include <mutex>

#include "geo/sources.h"
#include "ladder/data.h"

namespace ladder::coder {

Result<std::shared_ptr<const geo::Gazetteer>> OpenGazetteer(const EngineOptions& options,
                                                            std::vector<std::string>* problems) {
  if (options.dictionaries.size() == 1 && !options.include_default &&
      dict::IsSnapshotFile(options.dictionaries[0])) {
    const std::string& path = options.dictionaries[0];
    ASSIGN_OR_RETURN(std::optional<std::string> bytes,
                     dict::ReadSnapshotSection(path, kPlacesSectionTag));
    if (bytes) {
      ASSIGN_OR_RETURN(geo::Gazetteer g, geo::Gazetteer::Parse(*bytes, path));
      return std::make_shared<const geo::Gazetteer>(std::move(g));
    }
  }
  geo::GazetteerSources sources;
  // The cities extracted at build time sit in the data root (ladder/data.h);
  // without them the gazetteer has countries, regions and data/places/.
  Result<std::string> cities = DataFile("geonames_cities.compiled");
  if (cities.ok()) sources.geonames_cities = *cities;
  // Debian's iso-codes, where the package puts them.
  sources.iso_3166_1 = LADDER_ISO_3166_1;
  sources.iso_3166_2 = LADDER_ISO_3166_2;
  if (options.places_dir.empty()) {
    ASSIGN_OR_RETURN(std::string data, DataDir());
    sources.places_dir = data + "/places";
  } else {
    sources.places_dir = options.places_dir;
  }
  static std::mutex mu;
  static std::map<std::string, std::pair<std::shared_ptr<const geo::Gazetteer>,
                                         std::vector<std::string>>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(sources.places_dir);
  if (it == cache.end()) {
    std::vector<std::string> found;
    ASSIGN_OR_RETURN(geo::Gazetteer g, geo::BuildGazetteer(sources, &found));
    it = cache.emplace(sources.places_dir,
                       std::make_pair(std::make_shared<const geo::Gazetteer>(std::move(g)),
                                      std::move(found))).first;
  }
  problems->insert(problems->end(), it->second.second.begin(), it->second.second.end());
  return it->second.first;
}

}  // namespace ladder::coder
