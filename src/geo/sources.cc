// Gazetteer sources (geo/sources.h): GeoNames GVariant, iso-codes JSON,
// ladder's data/places/ text, and the build that joins them.
#include "geo/sources.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/strings.h"

namespace ladder::geo {
namespace {

// GVariant framing offsets are 1, 2, 4 or 8 bytes wide by the container's size.
size_t OffsetSize(size_t container) {
  if (container == 0) return 0;
  if (container <= 0xFF) return 1;
  if (container <= 0xFFFF) return 2;
  if (container <= 0xFFFFFFFFULL) return 4;
  return 8;
}

uint64_t ReadOffset(std::string_view bytes, size_t at, size_t width) {
  uint64_t v = 0;
  std::memcpy(&v, bytes.data() + at, width);  // little-endian hosts only (x86-64, arm64)
  return v;
}

// One (sssssssudd) tuple; false with *why on a malformed one.
bool ReadCityTuple(std::string_view t, City* city, std::string* why) {
  size_t width = OffsetSize(t.size());
  if (t.size() < 7 * width) {
    *why = "tuple too short";
    return false;
  }
  size_t frames = t.size() - 7 * width;
  std::string* fields[7] = {nullptr,       &city->name,         &city->admin1_code,
                            &city->admin1, &city->country2,     &city->country_name,
                            &city->timezone};
  std::string id;
  size_t start = 0;
  for (int i = 0; i < 7; ++i) {
    // Offsets are stored last-first at the tuple's end.
    uint64_t end = ReadOffset(t, t.size() - (i + 1) * width, width);
    if (end <= start || end > frames || t[end - 1] != '\0') {
      *why = "string " + std::to_string(i + 1) + " out of bounds";
      return false;
    }
    std::string_view s = t.substr(start, end - 1 - start);
    if (s.find('\0') != std::string_view::npos) {
      *why = "string " + std::to_string(i + 1) + " holds a NUL";
      return false;
    }
    (i == 0 ? id : *fields[i]) = std::string(s);
    start = end;
  }
  size_t u = (start + 3) & ~size_t{3};
  size_t d = (u + 4 + 7) & ~size_t{7};
  if (d + 16 != frames) {
    *why = "fixed fields do not fit (" + std::to_string(frames) + " bytes before offsets)";
    return false;
  }
  std::memcpy(&city->population, t.data() + u, 4);
  std::memcpy(&city->lat, t.data() + d, 8);
  std::memcpy(&city->lon, t.data() + d + 8, 8);
  long long parsed;
  if (!base::ParseInt(id, &parsed) || parsed <= 0) {
    *why = "id '" + id.substr(0, 20) + "' is not a number";
    return false;
  }
  city->geonames_id = parsed;
  if (!(city->lat >= -90 && city->lat <= 90 && city->lon >= -180 && city->lon <= 180)) {
    *why = "coordinates out of range";
    return false;
  }
  if (city->name.empty() || city->country2.size() != 2) {
    *why = "no name or no two-letter country";
    return false;
  }
  return true;
}

Result<std::string> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": " + std::strerror(errno));
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return IoError(path + ": read error");
  return s.str();
}

std::string JsonString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Status ReadGeonamesCities(std::string_view bytes, const std::string& name,
                          std::vector<City>* cities, std::vector<std::string>* problems) {
  size_t width = OffsetSize(bytes.size());
  if (bytes.size() < width || width == 0) return InvalidArgument(name + ": empty cities array");
  uint64_t table = ReadOffset(bytes, bytes.size() - width, width);
  if (table > bytes.size() || (bytes.size() - table) % width != 0) {
    return InvalidArgument(name + ": offset " + std::to_string(bytes.size() - width) +
                           ": bad array framing (not a GVariant a(sssssssudd))");
  }
  size_t count = (bytes.size() - table) / width;
  size_t start = 0;
  for (size_t i = 0; i < count; ++i) {
    uint64_t end = ReadOffset(bytes, table + i * width, width);
    start = (start + 7) & ~size_t{7};
    if (end < start || end > table) {
      return InvalidArgument(name + ": record " + std::to_string(i + 1) + ": offset " +
                             std::to_string(end) + " out of bounds");
    }
    City city;
    std::string why;
    if (ReadCityTuple(bytes.substr(start, end - start), &city, &why)) {
      cities->push_back(std::move(city));
    } else if (problems->size() < 1000) {
      problems->push_back(name + ": record " + std::to_string(i + 1) + " (offset " +
                          std::to_string(start) + "): " + why);
    }
    start = end;
  }
  return Status::Ok();
}

Status ReadIsoCountries(std::string_view json, const std::string& name,
                        std::vector<IsoCountry>* countries, std::vector<std::string>* problems) {
  auto j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("3166-1") || !j["3166-1"].is_array()) {
    return InvalidArgument(name + ": not ISO 3166-1 JSON (no \"3166-1\" array)");
  }
  size_t i = 0;
  for (const auto& e : j["3166-1"]) {
    ++i;
    IsoCountry c;
    if (e.is_object()) {
      c.alpha2 = JsonString(e, "alpha_2");
      c.alpha3 = JsonString(e, "alpha_3");
      c.name = JsonString(e, "name");
      c.common_name = JsonString(e, "common_name");
      c.official_name = JsonString(e, "official_name");
    }
    if (c.alpha2.size() != 2 || c.alpha3.size() != 3 || c.name.empty()) {
      problems->push_back(name + ": entry " + std::to_string(i) +
                          ": no alpha_2, alpha_3 or name");
      continue;
    }
    countries->push_back(std::move(c));
  }
  return Status::Ok();
}

Status ReadIsoRegions(std::string_view json, const std::string& name,
                      std::vector<IsoRegion>* regions, std::vector<std::string>* problems) {
  auto j = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("3166-2") || !j["3166-2"].is_array()) {
    return InvalidArgument(name + ": not ISO 3166-2 JSON (no \"3166-2\" array)");
  }
  size_t i = 0;
  for (const auto& e : j["3166-2"]) {
    ++i;
    if (!e.is_object()) {
      problems->push_back(name + ": entry " + std::to_string(i) + ": not an object");
      continue;
    }
    if (e.contains("parent")) continue;  // below the first level
    IsoRegion r{JsonString(e, "code"), JsonString(e, "name"), JsonString(e, "type")};
    if (r.code.size() < 4 || r.code[2] != '-' || r.name.empty()) {
      problems->push_back(name + ": entry " + std::to_string(i) + ": no code or name");
      continue;
    }
    regions->push_back(std::move(r));
  }
  return Status::Ok();
}

Status ReadPlacesText(std::string_view text, const std::string& name,
                      std::vector<PlaceEntry>* entries, std::vector<std::string>* problems) {
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = base::Trim(line);
    if (line.empty()) continue;
    std::vector<std::string_view> f = base::Split(line, '|');
    for (auto& x : f) x = base::Trim(x);
    auto bad = [&](const std::string& why) {
      problems->push_back(name + ":" + std::to_string(line_no) + ": " + why);
    };
    PlaceEntry e;
    e.line = line_no;
    std::string_view kind = f[0];
    if (f.size() < 2 || f[1].empty()) {
      bad("want 'kind | name | ...'");
      continue;
    }
    e.name = std::string(f[1]);
    if (kind == "stop") {
      e.kind = PlaceEntry::Kind::kStop;
    } else if (kind == "alias" || kind == "main") {
      if (f.size() != 4 || f[3].empty()) {
        bad(std::string(kind) + " wants 'name | country | known name'");
        continue;
      }
      e.kind = kind == "alias" ? PlaceEntry::Kind::kAlias : PlaceEntry::Kind::kMain;
      e.country = std::string(f[2]);
      e.of = std::string(f[3]);
    } else if (kind == "place") {
      double lat, lon;
      if (f.size() != 6 || !base::ParseDouble(f[4], &lat) || !base::ParseDouble(f[5], &lon) ||
          !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        bad("place wants 'name | country | city|admin1|region | lat | lon' with lat/lon in range");
        continue;
      }
      e.kind = PlaceEntry::Kind::kPlace;
      e.country = std::string(f[2]);
      if (f[3] == "city") e.precision = Precision::kCity;
      else if (f[3] == "admin1") e.precision = Precision::kAdmin1;
      else if (f[3] == "region") e.precision = Precision::kRegion;
      else {
        bad("unknown precision '" + std::string(f[3]) + "' (city, admin1, region)");
        continue;
      }
      e.lat = lat;
      e.lon = lon;
    } else if (kind == "code") {
      if (f.size() != 3 || f[1].size() != 2 || f[2].size() != 3) {
        bad("code wants 'alpha-2 | alpha-3'");
        continue;
      }
      e.kind = PlaceEntry::Kind::kCountryCode;
      e.code2 = std::string(f[1]);
      e.country = std::string(f[2]);
    } else {
      bad("unknown kind '" + std::string(kind) + "' (alias, main, place, stop, code)");
      continue;
    }
    if (!e.country.empty() && e.country != "-" && e.country.size() != 3) {
      bad("country '" + e.country + "' is not an alpha-3 code");
      continue;
    }
    if (e.country == "-") e.country.clear();
    entries->push_back(std::move(e));
  }
  return Status::Ok();
}

namespace {

// A population-weighted mean position on the sphere (safe across the
// antimeridian).
struct Centre {
  double x = 0, y = 0, z = 0, weight = 0;
  void Add(double lat, double lon, double w) {
    double la = lat * M_PI / 180, lo = lon * M_PI / 180;
    x += w * std::cos(la) * std::cos(lo);
    y += w * std::cos(la) * std::sin(lo);
    z += w * std::sin(la);
    weight += w;
  }
  bool Set(Place* p) const {
    if (weight <= 0 || std::hypot(x, y, z) < 1e-9) return false;
    p->lat = std::round(std::atan2(z, std::hypot(x, y)) * 180 / M_PI * 1e4) / 1e4;
    p->lon = std::round(std::atan2(y, x) * 180 / M_PI * 1e4) / 1e4;
    p->has_coordinates = true;
    return true;
  }
};

Status AddPlacesFile(const std::string& path, const std::map<std::string, uint32_t>& countries,
                     GazetteerBuilder* b, std::vector<std::string>* problems) {
  ASSIGN_OR_RETURN(std::string text, Slurp(path));
  std::vector<PlaceEntry> entries;
  RETURN_IF_ERROR(ReadPlacesText(text, path, &entries, problems));
  for (const PlaceEntry& e : entries) {
    std::string where = path + ":" + std::to_string(e.line) + ": ";
    switch (e.kind) {
      case PlaceEntry::Kind::kStop: b->AddStop(e.name); break;
      case PlaceEntry::Kind::kCountryCode: break;  // applied before the cities
      case PlaceEntry::Kind::kPlace: {
        Place p;
        p.name = e.name;
        p.country = e.country;
        p.precision = e.precision;
        p.lat = e.lat;
        p.lon = e.lon;
        p.has_coordinates = true;
        p.curated = true;
        b->AddName(e.name, b->AddPlace(std::move(p)));
        break;
      }
      case PlaceEntry::Kind::kAlias:
      case PlaceEntry::Kind::kMain: {
        // A country is named by its alpha-3 code.
        std::vector<uint32_t> ids;
        if (auto c = countries.find(e.of); c != countries.end()) ids.push_back(c->second);
        else ids = b->FindPlaces(e.of, e.country);
        if (ids.empty()) {
          problems->push_back(where + "no place '" + e.of + "' in " +
                              (e.country.empty() ? std::string("any country") : e.country));
          break;
        }
        if (e.kind == PlaceEntry::Kind::kMain) b->SetMainName(e.name, ids[0]);
        else b->AddName(e.name, ids[0]);
        b->mutable_place(ids[0])->curated = true;
        break;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Gazetteer> BuildGazetteer(const GazetteerSources& sources,
                                 std::vector<std::string>* problems) {
  GazetteerBuilder b;
  std::map<std::string, std::string> a2to3;
  std::map<std::string, uint32_t> country_place;
  ASSIGN_OR_RETURN(std::string iso1, Slurp(sources.iso_3166_1));
  std::vector<IsoCountry> countries;
  RETURN_IF_ERROR(ReadIsoCountries(iso1, sources.iso_3166_1, &countries, problems));
  for (const IsoCountry& c : countries) {
    a2to3[c.alpha2] = c.alpha3;
    Place p;
    p.name = c.common_name.empty() ? c.name : c.common_name;
    p.country = c.alpha3;
    p.precision = Precision::kCountry;
    uint32_t id = b.AddPlace(std::move(p));
    country_place[c.alpha3] = id;
    for (const std::string* n : {&c.name, &c.common_name, &c.official_name}) {
      if (!n->empty() && n->find_first_of(",()") == std::string::npos) b.AddName(*n, id);
    }
  }
  // Codes iso-codes lacks (Kosovo), from data/places/ "code" lines.
  std::vector<std::string> place_files;
  if (!sources.places_dir.empty()) {
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(sources.places_dir, ec)) {
      if (f.path().extension() == ".txt") place_files.push_back(f.path().string());
    }
    if (ec) return IoError(sources.places_dir + ": " + ec.message());
    std::sort(place_files.begin(), place_files.end());
    for (const std::string& path : place_files) {
      ASSIGN_OR_RETURN(std::string text, Slurp(path));
      std::vector<PlaceEntry> entries;
      std::vector<std::string> ignored;  // reported when the file is applied
      RETURN_IF_ERROR(ReadPlacesText(text, path, &entries, &ignored));
      for (const PlaceEntry& e : entries) {
        if (e.kind != PlaceEntry::Kind::kCountryCode || a2to3.count(e.code2)) continue;
        a2to3[e.code2] = e.country;
        Place p;
        p.name = e.country;
        p.country = e.country;
        p.precision = Precision::kCountry;
        country_place[e.country] = b.AddPlace(std::move(p));
      }
    }
  }
  // First-level regions, keyed by (alpha-3, normalized name) to meet the
  // GeoNames admin1 names of cities.
  std::map<std::pair<std::string, std::string>, uint32_t> regions;
  if (!sources.iso_3166_2.empty() && std::filesystem::exists(sources.iso_3166_2)) {
    ASSIGN_OR_RETURN(std::string iso2, Slurp(sources.iso_3166_2));
    std::vector<IsoRegion> list;
    RETURN_IF_ERROR(ReadIsoRegions(iso2, sources.iso_3166_2, &list, problems));
    for (const IsoRegion& r : list) {
      auto c = a2to3.find(r.code.substr(0, 2));
      if (c == a2to3.end()) continue;
      Place p;
      p.name = r.name;
      p.country = c->second;
      p.admin1 = r.name;
      p.precision = Precision::kAdmin1;
      uint32_t id = b.AddPlace(std::move(p));
      regions[{c->second, NormalizeKey(r.name)}] = id;
      b.AddName(r.name, id);
    }
  }
  std::map<uint32_t, Centre> centres;
  if (!sources.geonames_cities.empty() && std::filesystem::exists(sources.geonames_cities)) {
    ASSIGN_OR_RETURN(std::string bytes, Slurp(sources.geonames_cities));
    std::vector<City> cities;
    RETURN_IF_ERROR(ReadGeonamesCities(bytes, sources.geonames_cities, &cities, problems));
    for (City& c : cities) {
      auto code = a2to3.find(c.country2);
      if (code == a2to3.end()) {
        problems->push_back(sources.geonames_cities + ": city " + std::to_string(c.geonames_id) +
                            ": unknown country code '" + c.country2 + "'");
        continue;
      }
      Place p;
      p.name = c.name;
      p.country = code->second;
      p.admin1 = c.admin1;
      p.lat = c.lat;
      p.lon = c.lon;
      p.has_coordinates = true;
      p.geonames_id = c.geonames_id;
      p.population = c.population;
      p.precision = Precision::kCity;
      b.AddName(c.name, b.AddPlace(std::move(p)));
      centres[country_place[code->second]].Add(c.lat, c.lon, c.population);
      auto region = regions.find({code->second, NormalizeKey(c.admin1)});
      if (region != regions.end()) centres[region->second].Add(c.lat, c.lon, c.population);
    }
  }
  for (const auto& [id, centre] : centres) {
    Place* p = b.mutable_place(id);
    centre.Set(p);
    p->population = static_cast<uint64_t>(centre.weight);
  }
  for (const std::string& path : place_files) {
    RETURN_IF_ERROR(AddPlacesFile(path, country_place, &b, problems));
  }
  return std::move(b).Build();
}

}  // namespace ladder::geo
