// GDELT 1.0 (57 or 58 columns) and 2.0 (61 columns) event files:
// tab-separated, no header row. Column numbers are GDELT's codebook order.
#include <cctype>

#include "base/strings.h"
#include "store/importers.h"

namespace ladder::store {
namespace {

// 0-based indexes of the columns ladder keeps.
constexpr int kEventId = 0, kSqlDate = 1;
constexpr int kActor1Code = 5, kActor1Name = 6, kActor1Country = 7,
              kActor1Type1 = 12;
constexpr int kActor2Code = 15, kActor2Name = 16, kActor2Country = 17,
              kActor2Type1 = 22;
constexpr int kEventCode = 26, kEventRoot = 28, kQuadClass = 29,
              kGoldstein = 30, kNumMentions = 31;

std::optional<Actor> MakeActor(const std::vector<std::string_view>& f, int code,
                               int name, int country, int type) {
  if (f[code].empty() && f[name].empty() && f[country].empty()) {
    return std::nullopt;
  }
  Actor a;
  a.code = std::string(f[code]);
  a.text = std::string(f[name]);
  a.country = std::string(f[country]);
  if (IsRegionCode(a.country)) a.country.clear();  // a region, not a country
  a.agent = std::string(f[type]);
  return a;
}

// ActionGeo_*: Type, FullName, CountryCode, ADM1Code, [ADM2Code (2.0)], Lat,
// Long, FeatureID, from column `first`. Type 0 (or empty) is no place. GDELT's
// own files give FIPS 10-4 country codes, which ladder does not map: the
// place keeps its name and coordinates with country "" (ladder's GDELT output
// writes ISO alpha-3 there, read back as it is, with its GeoNames id).
std::optional<Location> MakeLocation(const std::vector<std::string_view>& f, size_t first,
                                     bool v2) {
  if (f.size() < first + (v2 ? 8 : 7)) return std::nullopt;
  long long type = 0;
  if (!base::ParseInt(f[first], &type) || type < 1 || type > 5) return std::nullopt;
  Location loc;
  loc.text = std::string(f[first + 1]);
  loc.name = loc.text.substr(0, loc.text.find(','));
  std::string_view country = f[first + 2];
  bool iso = country.size() == 3;
  if (iso) loc.country = std::string(country);
  loc.precision = type == 1 ? "country" : (type == 2 || type == 5) ? "admin1" : "city";
  size_t lat = first + (v2 ? 5 : 4);
  double la, lo;
  if (base::ParseDouble(f[lat], &la) && base::ParseDouble(f[lat + 1], &lo) && la >= -90 &&
      la <= 90 && lo >= -180 && lo <= 180) {
    loc.has_coordinates = true;
    loc.lat = la;
    loc.lon = lo;
  }
  long long id = 0;
  if (iso && base::ParseInt(f[lat + 2], &id) && id > 0) loc.geonames_id = id;
  return loc;
}

bool IsCameoCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return std::isdigit(static_cast<unsigned char>(code[0])) &&
         std::isdigit(static_cast<unsigned char>(code[1]));
}

class GdeltParser : public LineParser {
 public:
  explicit GdeltParser(ImportFormat format) : format_(format) {}

  Outcome Parse(std::string_view line, StoreRecord* record,
                std::string* error) override {
    std::vector<std::string_view> f = base::Split(line, '\t');
    if (!f.empty() && f[0] == "GLOBALEVENTID") return Outcome::kSkip;
    if (!ColumnsOk(f.size(), error)) return Outcome::kError;
    long long id = 0;
    if (!base::ParseInt(f[kEventId], &id)) {
      *error =
          "GLOBALEVENTID '" + std::string(f[kEventId]) + "' is not an integer";
      return Outcome::kError;
    }
    Event& e = record->event;
    if (!YmdToIso(f[kSqlDate], &e.date)) {
      *error =
          "SQLDATE '" + std::string(f[kSqlDate]) + "' is not a YYYYMMDD date";
      return Outcome::kError;
    }
    if (!IsCameoCode(f[kEventCode])) {
      *error =
          "EventCode '" + std::string(f[kEventCode]) + "' is not a CAMEO code";
      return Outcome::kError;
    }
    return FillRest(f, id, record, error);
  }

 private:
  bool ColumnsOk(size_t n, std::string* error) const {
    bool ok = format_ == ImportFormat::kGdelt2 ? n == 61 : (n == 57 || n == 58);
    if (!ok) {
      *error = std::string("expected ") +
               (format_ == ImportFormat::kGdelt2 ? "61" : "57 or 58") +
               " tab-separated columns, got " + std::to_string(n);
    }
    return ok;
  }

  Outcome FillRest(const std::vector<std::string_view>& f, long long id,
                   StoreRecord* record, std::string* error) const {
    Event& e = record->event;
    bool v2 = format_ == ImportFormat::kGdelt2;
    e.event_id = std::string(v2 ? kOriginGdelt2 : kOriginGdelt1) + ":" +
                 std::to_string(id);
    e.source =
        MakeActor(f, kActor1Code, kActor1Name, kActor1Country, kActor1Type1);
    e.target =
        MakeActor(f, kActor2Code, kActor2Name, kActor2Country, kActor2Type1);
    e.cameo = std::string(f[kEventCode]);
    e.root = f[kEventRoot].empty() ? e.cameo.substr(0, 2)
                                   : std::string(f[kEventRoot]);
    long long quad = 0, mentions = 1;
    if (!base::ParseInt(f[kQuadClass], &quad) || quad < 1 || quad > 4) {
      *error = "QuadClass '" + std::string(f[kQuadClass]) + "' is not 1-4";
      return Outcome::kError;
    }
    e.quad_class = static_cast<int>(quad);
    if (!f[kGoldstein].empty() &&
        !base::ParseDouble(f[kGoldstein], &e.goldstein)) {
      *error =
          "GoldsteinScale '" + std::string(f[kGoldstein]) + "' is not a number";
      return Outcome::kError;
    }
    if (!f[kNumMentions].empty() &&
        (!base::ParseInt(f[kNumMentions], &mentions) || mentions < 0)) {
      *error =
          "NumMentions '" + std::string(f[kNumMentions]) + "' is not a count";
      return Outcome::kError;
    }
    record->mentions = static_cast<int>(std::max<long long>(1, mentions));
    e.location = MakeLocation(f, v2 ? 51 : 49, v2);
    record->origin = v2 ? kOriginGdelt2 : kOriginGdelt1;
    if (f.size() == 61 || f.size() == 58) {
      record->url = std::string(base::Trim(f.back()));
    }
    e.doc_id = record->url;
    return Outcome::kRecord;
  }

  ImportFormat format_;
};

}  // namespace

std::unique_ptr<LineParser> MakeGdeltParser(ImportFormat format) {
  return std::make_unique<GdeltParser>(format);
}

}  // namespace ladder::store
