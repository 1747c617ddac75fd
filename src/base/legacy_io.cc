// Event record -> GDELT 2.0 export rows, PLOVER JSON, Phoenix TSV.
#include "ladder/legacy_io.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/strings.h"
#include "ladder/io.h"

namespace ladder {
namespace {

// A possibly partial date: month/day 0 = unknown. ok=false: no usable date.
struct PartialDate {
  bool ok = false;
  int year = 0, month = 0, day = 0;
};

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Accepts "YYYY", "YYYY-MM" and "YYYY-MM-DD" (a real calendar date).
PartialDate ParsePartialDate(std::string_view s) {
  PartialDate d;
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return d;
  if (!AllDigits(s.substr(0, 4))) return d;
  d.year = ToInt(s.substr(0, 4));
  if (s.size() >= 7) {
    if (s[4] != '-' || !AllDigits(s.substr(5, 2))) return d;
    d.month = ToInt(s.substr(5, 2));
    if (d.month < 1 || d.month > 12) return d;
  }
  if (s.size() == 10) {
    int days = 0;
    if (s[7] != '-' || !base::ParseIsoDate(s, &days)) return d;
    d.day = ToInt(s.substr(8, 2));
  }
  d.ok = true;
  return d;
}

std::string Format(const char* fmt, int a, int b = 0, int c = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

std::string OneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Text for a tab-separated column: tabs and line breaks become spaces.
std::string TsvText(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string JoinTabs(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back('\t');
    out.append(TsvText(fields[i]));
  }
  return out;
}

std::string Prefix(const std::string& s, size_t n) {
  return s.substr(0, std::min(n, s.size()));
}

std::string RootCode(const Event& e) {
  if (e.cameo.size() >= 2) return e.cameo.substr(0, 2);
  return e.root;
}

}  // namespace

int64_t Gdelt2EventId(const std::string& event_id) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  for (unsigned char c : event_id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h &= 0x7FFFFFFFFFFFFFFFULL;
  if (h == 0) h = 1;
  return static_cast<int64_t>(h);
}

// ---------------------------------------------------------------- GDELT 2.0

namespace {

void AppendGdeltActor(const std::optional<Actor>& a,
                      std::vector<std::string>* f) {
  // Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
  // Religion2Code, Type1Code, Type2Code, Type3Code.
  if (!a) {
    f->insert(f->end(), 10, std::string());
    return;
  }
  f->push_back(a->code);
  f->push_back(base::AsciiUpper(a->text));
  f->push_back(a->country);
  f->insert(f->end(), 4, std::string());
  f->push_back(a->agent);
  f->insert(f->end(), 2, std::string());
}

// Type 0 (unknown) and the seven fields after it empty, as GDELT writes it.
void AppendUnknownGeo(std::vector<std::string>* f) {
  f->push_back("0");
  f->insert(f->end(), 7, std::string());
}

// Coordinates as GDELT and Phoenix print them: up to 4 decimals.
std::string Coordinate(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

// ActionGeo_*: Type (1 country, 2 US state, 3 US city, 4 world city, 5 world
// state; a sea or strait, which GDELT has no type for, is 5), FullName,
// CountryCode (ladder writes ISO alpha-3 where GDELT has FIPS 10-4),
// ADM1Code (empty), ADM2Code (empty), Lat, Long, FeatureID (the GeoNames id).
void AppendGeo(const std::optional<Location>& loc, std::vector<std::string>* f) {
  if (!loc) {
    AppendUnknownGeo(f);
    return;
  }
  bool us = loc->country == "USA";
  int type = loc->precision == "country" ? 1
             : loc->precision == "city"  ? (us ? 3 : 4)
                                         : (us ? 2 : 5);
  f->push_back(std::to_string(type));
  std::string full = loc->name;
  if (!loc->admin1.empty() && loc->admin1 != loc->name) full += ", " + loc->admin1;
  if (loc->precision != "country" && !loc->country.empty()) full += ", " + loc->country;
  f->push_back(full);
  f->push_back(loc->country);
  f->emplace_back();
  f->emplace_back();
  f->push_back(loc->has_coordinates ? Coordinate(loc->lat) : std::string());
  f->push_back(loc->has_coordinates ? Coordinate(loc->lon) : std::string());
  f->push_back(loc->geonames_id > 0 ? std::to_string(loc->geonames_id) : std::string());
}

}  // namespace

std::string EventToGdelt2(const Event& e) {
  std::vector<std::string> f;
  f.reserve(kGdelt2Columns);
  const PartialDate d = ParsePartialDate(e.date);
  f.push_back(std::to_string(Gdelt2EventId(e.event_id)));
  if (d.ok) {
    f.push_back(Format("%04d%02d%02d", d.year, d.month, d.day));  // SQLDATE
    f.push_back(Format("%04d%02d", d.year, d.month));             // MonthYear
    f.push_back(Format("%04d", d.year));                          // Year
    // GDELT's FractionDate: ((month - 1) * 30 + day) / 365.
    int part = (d.month > 0 ? d.month - 1 : 0) * 30 + d.day;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", d.year + part / 365.0);
    f.push_back(buf);
  } else {
    f.insert(f.end(), 4, std::string());
  }
  AppendGdeltActor(e.source, &f);
  AppendGdeltActor(e.target, &f);
  f.push_back("1");  // IsRootEvent
  f.push_back(e.cameo);
  f.push_back(Prefix(e.cameo, 3));
  f.push_back(RootCode(e));
  f.push_back(std::to_string(e.quad_class));
  f.push_back(OneDecimal(e.goldstein));
  f.push_back("1");  // NumMentions
  f.push_back("1");  // NumSources
  f.push_back("1");  // NumArticles
  f.push_back("0");  // AvgTone
  AppendUnknownGeo(&f);  // Actor1Geo_*
  AppendUnknownGeo(&f);  // Actor2Geo_*
  AppendGeo(e.location, &f);  // ActionGeo_*
  if (d.ok) {
    f.push_back(Format("%04d%02d%02d000000", d.year,
                       d.month > 0 ? d.month : 1, d.day > 0 ? d.day : 1));
  } else {
    f.emplace_back();
  }
  f.emplace_back();  // SOURCEURL
  return JoinTabs(f);
}

// ------------------------------------------------------------------ PLOVER

namespace {

void Key(std::string_view key, std::string* out) {
  if (out->size() > 1) out->append(", ");
  out->push_back('"');
  out->append(key);
  out->append("\": ");
}

void Str(std::string_view s, std::string* out) {
  out->push_back('"');
  base::AppendJsonEscaped(s, out);
  out->push_back('"');
}

void KeyStr(std::string_view key, std::string_view value, std::string* out) {
  Key(key, out);
  Str(value, out);
}

void EntityList(const std::optional<Actor>& a, std::string* out) {
  if (!a) {
    out->append("[]");
    return;
  }
  out->append("[{\"code\": ");
  Str(a->country, out);
  out->append(", \"sector\": ");
  Str(a->agent, out);
  out->append(", \"entity_text\": ");
  Str(a->text, out);
  out->append(", \"actor_code\": ");
  Str(a->code, out);
  out->append("}]");
}

void StrList(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->append("[]");
    return;
  }
  out->push_back('[');
  Str(s, out);
  out->push_back(']');
}

}  // namespace

std::string EventToPlover(const Event& e) {
  static const std::string kEmpty;
  std::string out;
  out.reserve(640 + 2 * e.evidence_text.size());
  out.push_back('{');
  // The PLOVER manual's standard fields.
  KeyStr("id", e.event_id, &out);
  KeyStr("date", e.date, &out);
  Key("event", &out);
  StrList(e.plover_event, &out);
  Key("actor", &out);
  EntityList(e.source, &out);
  Key("recipient", &out);
  EntityList(e.target, &out);
  Key("quad_code", &out);
  out.append(std::to_string(e.quad_class));
  Key("context", &out);
  out.append("[]");
  Key("event_text", &out);
  StrList(e.verb, &out);
  KeyStr("text", e.evidence_text, &out);
  Key("text_info", &out);
  out.append("{\"sequence\": ");
  out.append(std::to_string(e.sentence));
  out.append(", \"start\": ");
  out.append(std::to_string(e.evidence_begin));
  out.append(", \"end\": ");
  out.append(std::to_string(e.evidence_end));
  out.push_back('}');
  Key("cite_info", &out);
  out.append("{\"coder\": \"ladder\"}");
  // Flat fields of the PLOVER data sets, plus ladder's own.
  KeyStr("event_type", e.plover_event, &out);
  KeyStr("mode", e.plover_mode, &out);
  KeyStr("actor1", e.source ? e.source->text : kEmpty, &out);
  KeyStr("actor1_code", e.source ? e.source->code : kEmpty, &out);
  KeyStr("actor2", e.target ? e.target->text : kEmpty, &out);
  KeyStr("actor2_code", e.target ? e.target->code : kEmpty, &out);
  KeyStr("cameo", e.cameo, &out);
  Key("goldstein", &out);
  out.append(OneDecimal(e.goldstein));
  KeyStr("modality", ModalityName(e.modality), &out);
  Key("attribution", &out);
  if (e.attribution) {
    Str(*e.attribution, &out);
  } else {
    out.append("null");
  }
  KeyStr("doc_id", e.doc_id, &out);
  // The PLOVER data sets' place fields.
  const Location* loc = e.location ? &*e.location : nullptr;
  KeyStr("geo_text", loc ? loc->text : kEmpty, &out);
  KeyStr("geo_name", loc ? loc->name : kEmpty, &out);
  KeyStr("geo_country", loc ? loc->country : kEmpty, &out);
  KeyStr("geo_admin1", loc ? loc->admin1 : kEmpty, &out);
  Key("geo_lat", &out);
  out.append(loc && loc->has_coordinates ? Coordinate(loc->lat) : "null");
  Key("geo_lon", &out);
  out.append(loc && loc->has_coordinates ? Coordinate(loc->lon) : "null");
  Key("geonames_id", &out);
  out.append(loc && loc->geonames_id > 0 ? std::to_string(loc->geonames_id) : "null");
  KeyStr("geo_precision", loc ? loc->precision : kEmpty, &out);
  out.push_back('}');
  return out;
}

// ----------------------------------------------------------------- Phoenix

namespace {

const char* const kPhoenixColumns[] = {
    "EventID",          "Date",
    "Year",             "Month",
    "Day",              "SourceActorFull",
    "SourceActorEntity", "SourceActorRole",
    "SourceActorAttribute", "TargetActorFull",
    "TargetActorEntity", "TargetActorRole",
    "TargetActorAttribute", "EventCode",
    "EventRootCode",    "QuadClass",
    "GoldsteinScore",   "Issues",
    "Lat",              "Lon",
    "LocationName",     "StateName",
    "CountryCode",      "SentenceID",
    "URLs",             "NewsSources"};

void AppendPhoenixActor(const std::optional<Actor>& a,
                        std::vector<std::string>* f) {
  if (!a) {
    f->insert(f->end(), 4, std::string());
    return;
  }
  f->push_back(a->code);
  f->push_back(a->country);
  f->push_back(a->agent);
  f->emplace_back();  // Attribute
}

// "CODE,count;CODE,count" in first-seen order, as Phoenix writes issues.
std::string PhoenixIssues(const std::vector<std::string>& issues) {
  std::vector<std::pair<std::string, int>> counts;
  for (const std::string& issue : issues) {
    bool found = false;
    for (auto& [code, n] : counts) {
      if (code == issue) {
        ++n;
        found = true;
        break;
      }
    }
    if (!found) counts.emplace_back(issue, 1);
  }
  std::string out;
  for (const auto& [code, n] : counts) {
    if (!out.empty()) out.push_back(';');
    out.append(code);
    out.push_back(',');
    out.append(std::to_string(n));
  }
  return out;
}

}  // namespace

std::string PhoenixHeader() {
  std::string out;
  for (const char* c : kPhoenixColumns) {
    if (!out.empty()) out.push_back('\t');
    out.append(c);
  }
  return out;
}

std::string EventToPhoenix(const Event& e) {
  std::vector<std::string> f;
  f.reserve(std::size(kPhoenixColumns));
  const PartialDate d = ParsePartialDate(e.date);
  f.push_back(e.event_id);
  if (d.ok) {
    f.push_back(Format("%04d%02d%02d", d.year, d.month, d.day));
    f.push_back(Format("%04d", d.year));
    f.push_back(Format("%02d", d.month));
    f.push_back(Format("%02d", d.day));
  } else {
    f.insert(f.end(), 4, std::string());
  }
  AppendPhoenixActor(e.source, &f);
  AppendPhoenixActor(e.target, &f);
  f.push_back(e.cameo);
  f.push_back(RootCode(e));
  f.push_back(std::to_string(e.quad_class));
  f.push_back(OneDecimal(e.goldstein));
  f.push_back(PhoenixIssues(e.issues));
  if (const auto& loc = e.location) {  // Lat Lon LocationName StateName CountryCode
    f.push_back(loc->has_coordinates ? Coordinate(loc->lat) : std::string());
    f.push_back(loc->has_coordinates ? Coordinate(loc->lon) : std::string());
    f.push_back(loc->name);
    f.push_back(loc->admin1);
    f.push_back(loc->country);
  } else {
    f.insert(f.end(), 5, std::string());
  }
  f.push_back(e.doc_id + "-" + std::to_string(e.sentence));
  f.emplace_back();  // URLs
  f.emplace_back();  // NewsSources
  return JoinTabs(f);
}

}  // namespace ladder
