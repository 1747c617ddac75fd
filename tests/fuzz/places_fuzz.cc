// libFuzzer target: the gazetteer's readers (src/geo/sources.h, gazetteer.h)
// and the locator. The first input byte picks the reader, the rest is its
// input: 0 GeoNames GVariant cities, 1 data/places text, 2 a places
// snapshot section (its checksum fixed up first so mutations reach the
// record checks), 3 ISO 3166-1 JSON, 4 ISO 3166-2 JSON, 5 a document for the
// locator over a small gazetteer. Whatever the input: no crash; errors and
// problems name the input; a section that parses serializes to itself.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "geo/gazetteer.h"
#include "geo/locator.h"
#include "geo/sources.h"

namespace {

using namespace ladder::geo;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

bool Named(const std::string& message, const std::string& name) {
  return message.rfind(name, 0) == 0;
}

// FNV-1a 64 as the section uses it.
uint64_t Fnv(std::string_view b) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : b) h = (h ^ c) * 1099511628211ULL;
  return h;
}

const Gazetteer& Small() {
  static const Gazetteer g = [] {
    GazetteerBuilder b;
    Place paris{"Paris", "FRA", "Ile-de-France", true, 48.85, 2.35, 2988507, 2138551,
                Precision::kCity, false};
    b.AddName("Paris", b.AddPlace(paris));
    Place texas{"Paris", "USA", "Texas", true, 33.66, -95.55, 4717560, 24782, Precision::kCity,
                false};
    b.AddName("Paris", b.AddPlace(texas));
    Place usa{"United States", "USA", "", false, 0, 0, 0, 0, Precision::kCountry, false};
    uint32_t us = b.AddPlace(usa);
    b.AddName("U.S.", us);
    b.AddName("Texas", us);
    Place hormuz{"Strait of Hormuz", "", "", true, 26.6, 56.3, 0, 0, Precision::kRegion, true};
    b.AddName("Strait of Hormuz", b.AddPlace(hormuz));
    b.AddStop("Police");
    return std::move(b).Build();
  }();
  return g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int mode = data[0] % 6;
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::string> problems;
  switch (mode) {
    case 0: {
      std::vector<City> cities;
      ladder::Status s = ReadGeonamesCities(input, "cities", &cities, &problems);
      if (!s.ok()) Check(Named(s.message(), "cities: "));
      for (const City& c : cities) Check(c.lat >= -90 && c.lat <= 90 && !c.name.empty());
      break;
    }
    case 1: {
      std::vector<PlaceEntry> entries;
      Check(ReadPlacesText(input, "places.txt", &entries, &problems).ok());
      for (const std::string& p : problems) Check(Named(p, "places.txt:"));
      break;
    }
    case 2: {
      if (input.size() >= 16) {
        uint64_t sum = Fnv(std::string_view(input).substr(0, input.size() - 8));
        std::memcpy(input.data() + input.size() - 8, &sum, 8);
      }
      auto g = Gazetteer::Parse(input, "x.ldict");
      if (!g.ok()) {
        Check(Named(g.status().message(), "x.ldict: "));
        break;
      }
      std::string again = g->Serialize();
      auto back = Gazetteer::Parse(again, "again");
      Check(back.ok() && back->Serialize() == again);
      break;
    }
    case 3: {
      std::vector<IsoCountry> countries;
      ladder::Status s = ReadIsoCountries(input, "iso1.json", &countries, &problems);
      if (!s.ok()) Check(Named(s.message(), "iso1.json: "));
      break;
    }
    case 4: {
      std::vector<IsoRegion> regions;
      ladder::Status s = ReadIsoRegions(input, "iso2.json", &regions, &problems);
      if (!s.ok()) Check(Named(s.message(), "iso2.json: "));
      break;
    }
    case 5: {
      // Events over the whole input and over its first half.
      std::vector<ladder::Event> events(2);
      for (size_t i = 0; i < events.size(); ++i) {
        events[i].cameo = i ? "130" : "190";
        events[i].root = events[i].cameo.substr(0, 2);
        events[i].quad_class = i ? 3 : 4;
        events[i].evidence_begin = 0;
        events[i].evidence_end = static_cast<int64_t>(i ? input.size() / 2 : input.size());
        events[i].source = ladder::Actor{"USA", "USA", "", input.substr(0, 5)};
      }
      Locator(Small()).Locate(input, &events);
      for (const auto& e : events) {
        if (e.location) Check(!e.location->name.empty() && !e.location->precision.empty());
      }
      break;
    }
  }
  return 0;
}
