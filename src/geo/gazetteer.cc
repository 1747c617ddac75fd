// The gazetteer (geo/gazetteer.h): name index, normalization, snapshot section.
#include "geo/gazetteer.h"

#include <algorithm>
#include <cstring>

namespace ladder::geo {
namespace {

// Lowercase ASCII letters of U+00C0..U+00FF and U+0100..U+017F; '*' keeps
// the character.
constexpr char kLatin1[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
                           "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
constexpr char kLatinA[] =
    "aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk"
    "llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu"
    "ww" "yyy" "zzzzzz" "s";
static_assert(sizeof kLatin1 == 65 && sizeof kLatinA == 129);

// Decodes one UTF-8 sequence at s[i] (no validation beyond lengths);
// returns its length, or 1 for a stray byte (cp = the byte).
size_t Decode(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0xC0 || i + 1 >= s.size()) {
    *cp = c;
    return 1;
  }
  auto cont = [&](size_t k) { return static_cast<unsigned char>(s[i + k]) & 0x3F; };
  if (c < 0xE0) {
    *cp = ((c & 0x1F) << 6) | cont(1);
    return 2;
  }
  if (c < 0xF0 && i + 2 < s.size()) {
    *cp = ((c & 0x0F) << 12) | (cont(1) << 6) | cont(2);
    return 3;
  }
  *cp = c;
  return 1;
}

// FNV-1a, 64 bits: the section's checksum.
uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

constexpr char kMagic[8] = {'L', 'D', 'R', 'P', 'L', 'A', 'C', 'E'};
constexpr uint32_t kVersion = 1;
// A place's record is at least this many bytes: a crafted count is refused
// before anything is allocated for it.
constexpr size_t kMinPlaceBytes = 4 * 3 + 8 * 4 + 1 + 1 + 1;

void Put32(uint32_t v, std::string* out) { out->append(reinterpret_cast<const char*>(&v), 4); }
void Put64(uint64_t v, std::string* out) { out->append(reinterpret_cast<const char*>(&v), 8); }
void PutDouble(double v, std::string* out) { out->append(reinterpret_cast<const char*>(&v), 8); }
void PutString(std::string_view s, std::string* out) {
  Put32(static_cast<uint32_t>(s.size()), out);
  out->append(s);
}

// Bounds-checked reading of a section; the first failure is kept.
struct Reader {
  std::string_view bytes;
  size_t pos = 0;
  bool failed = false;
  bool Need(size_t n) {
    if (failed || bytes.size() - pos < n) failed = true;
    return !failed;
  }
  uint32_t U32() {
    uint32_t v = 0;
    if (Need(4)) std::memcpy(&v, bytes.data() + pos, 4), pos += 4;
    return v;
  }
  uint64_t U64() {
    uint64_t v = 0;
    if (Need(8)) std::memcpy(&v, bytes.data() + pos, 8), pos += 8;
    return v;
  }
  double Double() {
    double v = 0;
    if (Need(8)) std::memcpy(&v, bytes.data() + pos, 8), pos += 8;
    return v;
  }
  uint8_t U8() { return Need(1) ? static_cast<uint8_t>(bytes[pos++]) : 0; }
  std::string String() {
    uint32_t n = U32();
    if (!Need(n)) return {};
    std::string s(bytes.substr(pos, n));
    pos += n;
    return s;
  }
};

}  // namespace

const char* PrecisionName(Precision precision) {
  switch (precision) {
    case Precision::kCity: return "city";
    case Precision::kAdmin1: return "admin1";
    case Precision::kCountry: return "country";
    case Precision::kRegion: return "region";
  }
  return "city";
}

std::string NormalizeKey(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for (size_t i = 0; i < name.size();) {
    uint32_t cp;
    size_t len = Decode(name, i, &cp);
    char c = 0;
    if (cp < 0x80) {
      c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c == '.' || c == '\'') c = 0;  // "U.S." = "US", "Sana'a" = "Sanaa"
      else if (c == ' ' || c == '\t' || c == '\n' || c == '-' || c == ',') c = ' ';
    } else if (cp >= 0xC0 && cp <= 0xFF && kLatin1[cp - 0xC0] != '*') {
      c = kLatin1[cp - 0xC0];
    } else if (cp >= 0x100 && cp <= 0x17F) {
      c = kLatinA[cp - 0x100];
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BB || cp == 0x02BC) {
      c = 0;  // apostrophes and the ʻokina-like marks of transliterations
    } else if (cp == 0x2010 || cp == 0x2011) {
      c = ' ';  // hyphens
    } else {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.append(name.substr(i, len));
      i += len;
      continue;
    }
    i += len;
    if (c == 0) continue;
    if (c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::span<const uint32_t> Gazetteer::Find(std::string_view key) const {
  auto it = names_.find(key);
  if (it == names_.end()) return {};
  return it->second;
}

int Gazetteer::MaxWords(std::string_view first_word_key) const {
  auto it = first_words_.find(first_word_key);
  return it == first_words_.end() ? 0 : it->second;
}

int64_t Gazetteer::CountryPlace(std::string_view alpha3) const {
  auto it = countries_.find(alpha3);
  return it == countries_.end() ? -1 : it->second;
}

// Sorts each name's places (most populous first, countries before regions
// before cities of equal population) and indexes first words.
void Gazetteer::Index() {
  first_words_.clear();
  countries_.clear();
  for (auto& [key, ids] : names_) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    // Countries, then cities of 100,000 or more ("New York" the city, not
    // the state), then regions, then smaller cities; by population within.
    auto rank = [&](const Place& p) {
      if (p.precision == Precision::kCountry) return 0;
      if (p.precision == Precision::kCity && p.population >= 100000) return 1;
      if (p.precision != Precision::kCity) return 2;
      return 3;
    };
    std::stable_sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      const Place& x = places_[a];
      const Place& y = places_[b];
      if (rank(x) != rank(y)) return rank(x) < rank(y);
      return x.population > y.population;
    });
    size_t words = 1 + std::count(key.begin(), key.end(), ' ');
    std::string first = key.substr(0, key.find(' '));
    uint8_t& max = first_words_[first];
    max = static_cast<uint8_t>(std::max<size_t>(max, std::min<size_t>(words, 255)));
  }
  for (uint32_t i = 0; i < places_.size(); ++i) {
    if (places_[i].precision == Precision::kCountry) countries_.emplace(places_[i].country, i);
  }
}

std::string Gazetteer::Serialize() const {
  std::string out(kMagic, sizeof kMagic);
  Put32(kVersion, &out);
  Put32(static_cast<uint32_t>(places_.size()), &out);
  for (const Place& p : places_) {
    PutString(p.name, &out);
    PutString(p.country, &out);
    PutString(p.admin1, &out);
    PutDouble(p.lat, &out);
    PutDouble(p.lon, &out);
    Put64(static_cast<uint64_t>(p.geonames_id), &out);
    Put64(p.population, &out);
    out.push_back(static_cast<char>(p.precision));
    out.push_back(p.has_coordinates ? 1 : 0);
    out.push_back(p.curated ? 1 : 0);
  }
  // Names in a fixed order: the same gazetteer gives the same bytes.
  std::vector<const std::string*> keys;
  keys.reserve(names_.size());
  for (const auto& [key, ids] : names_) keys.push_back(&key);
  std::sort(keys.begin(), keys.end(), [](auto* a, auto* b) { return *a < *b; });
  Put32(static_cast<uint32_t>(keys.size()), &out);
  for (const std::string* key : keys) {
    const std::vector<uint32_t>& ids = names_.at(*key);
    PutString(*key, &out);
    Put32(static_cast<uint32_t>(ids.size()), &out);
    for (uint32_t id : ids) Put32(id, &out);
  }
  std::vector<std::string> stops(stops_.begin(), stops_.end());
  std::sort(stops.begin(), stops.end());
  Put32(static_cast<uint32_t>(stops.size()), &out);
  for (const std::string& s : stops) PutString(s, &out);
  Put64(Fnv1a(out), &out);
  return out;
}

Result<Gazetteer> Gazetteer::Parse(std::string_view bytes, const std::string& name) {
  auto error = [&](size_t at, const std::string& what) {
    return InvalidArgument(name + ": places section, offset " + std::to_string(at) + ": " + what);
  };
  if (bytes.size() < sizeof kMagic + 8 + 8 ||
      std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return error(0, "no places magic bytes");
  }
  size_t body = bytes.size() - 8;
  uint64_t stored;
  std::memcpy(&stored, bytes.data() + body, 8);
  if (stored != Fnv1a(bytes.substr(0, body))) return error(body, "checksum mismatch");
  Reader r{bytes.substr(0, body), sizeof kMagic};
  if (uint32_t v = r.U32(); v != kVersion) {
    return error(sizeof kMagic, "version " + std::to_string(v) + ", this ladder reads " +
                                    std::to_string(kVersion));
  }
  Gazetteer g;
  uint32_t count = r.U32();
  if (count > (body - r.pos) / kMinPlaceBytes) return error(r.pos, "too many places for its size");
  g.places_.resize(count);
  for (Place& p : g.places_) {
    p.name = r.String();
    p.country = r.String();
    p.admin1 = r.String();
    p.lat = r.Double();
    p.lon = r.Double();
    p.geonames_id = static_cast<int64_t>(r.U64());
    p.population = r.U64();
    uint8_t precision = r.U8();
    if (precision > 3) return error(r.pos - 1, "bad precision " + std::to_string(precision));
    p.precision = static_cast<Precision>(precision);
    p.has_coordinates = r.U8() != 0;
    p.curated = r.U8() != 0;
    if (r.failed) return error(r.pos, "truncated place record");
  }
  uint32_t names = r.U32();
  for (uint32_t i = 0; i < names && !r.failed; ++i) {
    std::string key = r.String();
    uint32_t n = r.U32();
    if (!r.Need(size_t{n} * 4)) break;
    std::vector<uint32_t> ids(n);
    for (uint32_t& id : ids) {
      id = r.U32();
      if (id >= count) return error(r.pos - 4, "place " + std::to_string(id) + " out of range");
    }
    g.names_[std::move(key)] = std::move(ids);
  }
  uint32_t stops = r.U32();
  for (uint32_t i = 0; i < stops && !r.failed; ++i) g.stops_.insert(r.String());
  if (r.failed) return error(r.pos, "truncated");
  if (r.pos != body) return error(r.pos, "trailing bytes");
  g.Index();
  return g;
}

uint32_t GazetteerBuilder::AddPlace(Place place) {
  g_.places_.push_back(std::move(place));
  return static_cast<uint32_t>(g_.places_.size() - 1);
}

void GazetteerBuilder::AddName(std::string_view name, uint32_t id) {
  std::string key = NormalizeKey(name);
  if (key.empty() || main_.count(key)) return;
  g_.names_[key].push_back(id);
}

void GazetteerBuilder::SetMainName(std::string_view name, uint32_t id) {
  std::string key = NormalizeKey(name);
  if (key.empty()) return;
  main_[key] = id;
  g_.names_[key] = {id};
}

void GazetteerBuilder::AddStop(std::string_view name) {
  std::string key = NormalizeKey(name);
  if (!key.empty()) g_.stops_.insert(key);
}

std::vector<uint32_t> GazetteerBuilder::FindPlaces(std::string_view name,
                                                   std::string_view country) const {
  std::vector<uint32_t> out;
  auto it = g_.names_.find(NormalizeKey(name));
  if (it == g_.names_.end()) return out;
  for (uint32_t id : it->second) {
    if (country.empty() || g_.places_[id].country == country) out.push_back(id);
  }
  std::stable_sort(out.begin(), out.end(), [&](uint32_t a, uint32_t b) {
    return g_.places_[a].population > g_.places_[b].population;
  });
  return out;
}

Gazetteer GazetteerBuilder::Build() && {
  g_.Index();
  return std::move(g_);
}

}  // namespace ladder::geo
