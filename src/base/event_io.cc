// Event record <-> JSON / TSV / CSV.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "ladder/io.h"

namespace ladder {

const char* ModalityName(Modality modality) {
  switch (modality) {
    case Modality::kAsserted: return "asserted";
    case Modality::kNegated: return "negated";
    case Modality::kFuture: return "future";
    case Modality::kHypothetical: return "hypothetical";
    case Modality::kAlleged: return "alleged";
  }
  return "asserted";
}

bool ParseModality(const std::string& name, Modality* modality) {
  static const Modality kAll[] = {Modality::kAsserted, Modality::kNegated,
                                  Modality::kFuture, Modality::kHypothetical,
                                  Modality::kAlleged};
  for (Modality m : kAll) {
    if (name == ModalityName(m)) {
      *modality = m;
      return true;
    }
  }
  return false;
}

namespace {

void AppendString(std::string_view key, std::string_view value,
                  std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\": \"");
  base::AppendJsonEscaped(value, out);
  out->push_back('"');
}

void AppendActor(std::string_view key, const std::optional<Actor>& actor,
                 std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\": ");
  if (!actor) {
    out->append("null");
    return;
  }
  out->push_back('{');
  AppendString("code", actor->code, out);
  out->append(", ");
  AppendString("country", actor->country, out);
  out->append(", ");
  AppendString("agent", actor->agent, out);
  out->append(", ");
  AppendString("text", actor->text, out);
  out->push_back('}');
}

std::string FormatGoldstein(double g) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", g);
  return buf;
}

std::string FormatCoordinate(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", v);
  return buf;
}

void AppendLocation(const std::optional<Location>& loc, std::string* out) {
  out->append("\"location\": ");
  if (!loc) {
    out->append("null");
    return;
  }
  out->push_back('{');
  AppendString("text", loc->text, out);
  out->append(", ");
  AppendString("name", loc->name, out);
  out->append(", ");
  AppendString("country", loc->country, out);
  out->append(", ");
  AppendString("admin1", loc->admin1, out);
  out->append(", \"lat\": ");
  out->append(loc->has_coordinates ? FormatCoordinate(loc->lat) : "null");
  out->append(", \"lon\": ");
  out->append(loc->has_coordinates ? FormatCoordinate(loc->lon) : "null");
  out->append(", \"geonames_id\": ");
  out->append(loc->geonames_id > 0 ? std::to_string(loc->geonames_id) : "null");
  out->append(", ");
  AppendString("precision", loc->precision, out);
  out->push_back('}');
}

std::string FormatConfidence(double c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", c);
  return buf;
}

}  // namespace

std::string EventToJson(const Event& e) {
  std::string out;
  out.reserve(512 + e.evidence_text.size());
  out.push_back('{');
  AppendString("event_id", e.event_id, &out);
  out.append(", ");
  AppendString("doc_id", e.doc_id, &out);
  out.append(", \"sentence\": ");
  out.append(std::to_string(e.sentence));
  out.append(", ");
  AppendString("date", e.date, &out);
  out.append(", ");
  AppendActor("source", e.source, &out);
  out.append(", ");
  AppendActor("target", e.target, &out);
  out.append(", ");
  AppendString("cameo", e.cameo, &out);
  out.append(", ");
  AppendString("root", e.root, &out);
  out.append(", \"quad_class\": ");
  out.append(std::to_string(e.quad_class));
  out.append(", \"goldstein\": ");
  out.append(FormatGoldstein(e.goldstein));
  out.append(", \"plover\": {");
  AppendString("event", e.plover_event, &out);
  out.append(", ");
  AppendString("mode", e.plover_mode, &out);
  out.append("}, ");
  AppendString("modality", ModalityName(e.modality), &out);
  out.append(", \"attribution\": ");
  if (e.attribution) {
    out.push_back('"');
    base::AppendJsonEscaped(*e.attribution, &out);
    out.push_back('"');
  } else {
    out.append("null");
  }
  out.append(", ");
  AppendString("verb", e.verb, &out);
  out.append(", \"evidence\": {");
  AppendString("text", e.evidence_text, &out);
  out.append(", \"begin\": ");
  out.append(std::to_string(e.evidence_begin));
  out.append(", \"end\": ");
  out.append(std::to_string(e.evidence_end));
  out.push_back('}');
  out.append(", \"confidence\": ");
  out.append(FormatConfidence(e.confidence));
  out.append(", ");
  AppendLocation(e.location, &out);
  if (!e.issues.empty()) {
    out.append(", \"issues\": [");
    for (size_t i = 0; i < e.issues.size(); ++i) {
      if (i) out.append(", ");
      out.push_back('"');
      base::AppendJsonEscaped(e.issues[i], &out);
      out.push_back('"');
    }
    out.push_back(']');
  }
  out.push_back('}');
  return out;
}

namespace {

using Json = nlohmann::json;

std::string GetString(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

Result<std::optional<Actor>> ActorFromJson(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::optional<Actor>();
  if (!it->is_object()) {
    return InvalidArgument(std::string("'") + key + "' is not an object");
  }
  Actor a;
  a.code = GetString(*it, "code");
  a.country = GetString(*it, "country");
  a.agent = GetString(*it, "agent");
  a.text = GetString(*it, "text");
  return std::optional<Actor>(std::move(a));
}

// "location": null or {text, name, country, admin1, lat, lon, geonames_id,
// precision}; lat/lon both numbers in range or both null.
Result<std::optional<Location>> LocationFromJson(const Json& j) {
  auto it = j.find("location");
  if (it == j.end() || it->is_null()) return std::optional<Location>();
  if (!it->is_object()) return InvalidArgument("'location' is not an object");
  Location loc;
  loc.text = GetString(*it, "text");
  loc.name = GetString(*it, "name");
  loc.country = GetString(*it, "country");
  loc.admin1 = GetString(*it, "admin1");
  loc.precision = GetString(*it, "precision");
  if (loc.precision.empty()) loc.precision = "city";
  if (loc.precision != "city" && loc.precision != "admin1" && loc.precision != "country" &&
      loc.precision != "region") {
    return InvalidArgument("'location.precision' must be city, admin1, country or region");
  }
  auto lat = it->find("lat");
  auto lon = it->find("lon");
  bool has_lat = lat != it->end() && lat->is_number();
  bool has_lon = lon != it->end() && lon->is_number();
  if (has_lat != has_lon) return InvalidArgument("'location' has only one of lat and lon");
  if (has_lat) {
    loc.lat = lat->get<double>();
    loc.lon = lon->get<double>();
    if (!(loc.lat >= -90 && loc.lat <= 90 && loc.lon >= -180 && loc.lon <= 180)) {
      return InvalidArgument("'location' lat/lon out of range");
    }
    // As written: five decimals, so the record reads back the same.
    loc.lat = std::round(loc.lat * 1e5) / 1e5;
    loc.lon = std::round(loc.lon * 1e5) / 1e5;
    loc.has_coordinates = true;
  }
  if (auto g = it->find("geonames_id"); g != it->end() && g->is_number_integer()) {
    loc.geonames_id = std::max<int64_t>(0, g->get<int64_t>());
  }
  return std::optional<Location>(std::move(loc));
}

}  // namespace

Result<Event> EventFromJson(std::string_view line) {
  Json j = Json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded()) return InvalidArgument("malformed JSON");
  if (!j.is_object()) return InvalidArgument("event is not a JSON object");
  Event e;
  e.event_id = GetString(j, "event_id");
  e.doc_id = GetString(j, "doc_id");
  e.cameo = GetString(j, "cameo");
  if (e.cameo.empty()) return InvalidArgument("event has no 'cameo' code");
  e.date = GetString(j, "date");
  e.root = GetString(j, "root");
  // The root is the code's first two characters; never half of a UTF-8
  // sequence (found by the jsonl fuzzer: the event did not read back).
  if (e.root.empty() && e.cameo.size() >= 2 &&
      static_cast<unsigned char>(e.cameo[0]) < 0x80 &&
      static_cast<unsigned char>(e.cameo[1]) < 0x80) {
    e.root = e.cameo.substr(0, 2);
  }
  if (auto it = j.find("sentence"); it != j.end() && it->is_number_integer()) {
    e.sentence = it->get<int>();
  }
  if (auto it = j.find("quad_class"); it != j.end() && it->is_number()) {
    // Checked as a double first: casting 1e300 to int is undefined.
    double q = it->get<double>();
    if (!(q >= 0 && q <= 4)) {
      return InvalidArgument("'quad_class' must be a number 0-4");
    }
    e.quad_class = static_cast<int>(q);
  }
  if (auto it = j.find("goldstein"); it != j.end() && it->is_number()) {
    e.goldstein = it->get<double>();
  }
  ASSIGN_OR_RETURN(e.source, ActorFromJson(j, "source"));
  ASSIGN_OR_RETURN(e.target, ActorFromJson(j, "target"));
  if (auto it = j.find("plover"); it != j.end() && it->is_object()) {
    e.plover_event = GetString(*it, "event");
    e.plover_mode = GetString(*it, "mode");
  }
  std::string modality = GetString(j, "modality");
  if (!modality.empty() && !ParseModality(modality, &e.modality)) {
    return InvalidArgument("unknown modality '" + modality + "'");
  }
  if (auto it = j.find("attribution"); it != j.end() && it->is_string()) {
    e.attribution = it->get<std::string>();
  }
  e.verb = GetString(j, "verb");
  if (auto it = j.find("evidence"); it != j.end() && it->is_object()) {
    e.evidence_text = GetString(*it, "text");
    if (auto b = it->find("begin"); b != it->end() && b->is_number_integer()) {
      e.evidence_begin = b->get<int64_t>();
    }
    if (auto b = it->find("end"); b != it->end() && b->is_number_integer()) {
      e.evidence_end = b->get<int64_t>();
    }
  }
  if (auto it = j.find("confidence"); it != j.end() && it->is_number()) {
    e.confidence = it->get<double>();
  }
  if (auto it = j.find("issues"); it != j.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) e.issues.push_back(v.get<std::string>());
    }
  }
  ASSIGN_OR_RETURN(e.location, LocationFromJson(j));
  return e;
}

namespace {

std::string Fields(const Event& e, bool csv) {
  const std::string empty;
  const std::string src = e.source ? e.source->code : "";
  const std::string tgt = e.target ? e.target->code : "";
  const Location* loc = e.location ? &*e.location : nullptr;
  const std::string fields[] = {
      e.event_id,
      e.date,  // ISO 8601, as in the JSONL record
      src,
      tgt,
      e.cameo,
      e.root,
      std::to_string(e.quad_class),
      FormatGoldstein(e.goldstein),
      e.source ? e.source->country : empty,
      e.source ? e.source->agent : empty,
      e.target ? e.target->country : empty,
      e.target ? e.target->agent : empty,
      e.plover_event,
      ModalityName(e.modality),
      e.attribution.value_or(""),
      e.doc_id,
      std::to_string(e.sentence),
      e.source ? e.source->text : empty,
      e.target ? e.target->text : empty,
      e.verb,
      FormatConfidence(e.confidence),
      loc ? loc->text : empty,
      loc ? loc->name : empty,
      loc ? loc->country : empty,
      loc ? loc->admin1 : empty,
      loc && loc->has_coordinates ? FormatCoordinate(loc->lat) : empty,
      loc && loc->has_coordinates ? FormatCoordinate(loc->lon) : empty,
      loc && loc->geonames_id > 0 ? std::to_string(loc->geonames_id) : empty,
      loc ? loc->precision : empty,
  };
  std::string out;
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) out.push_back(csv ? ',' : '\t');
    first = false;
    if (csv) {
      base::AppendCsvField(f, &out);
    } else {
      for (char c : f) out.push_back(c == '\t' || c == '\n' ? ' ' : c);
    }
  }
  return out;
}

const char* const kColumns[] = {
    "event_id",      "date",          "source",       "target",
    "cameo",         "root",          "quad_class",   "goldstein",
    "source_country", "source_agent", "target_country", "target_agent",
    "plover",        "modality",      "attribution",  "doc_id",
    "sentence",      "source_text",   "target_text",  "verb",
    "confidence",    "location_text", "location_name", "location_country",
    "location_admin1", "location_lat", "location_lon", "location_geonames_id",
    "location_precision"};

std::string Header(char sep) {
  std::string out;
  for (const char* c : kColumns) {
    if (!out.empty()) out.push_back(sep);
    out.append(c);
  }
  return out;
}

}  // namespace

std::string TsvHeader() { return Header('\t'); }
std::string CsvHeader() { return Header(','); }
std::string EventToTsv(const Event& event) { return Fields(event, false); }
std::string EventToCsv(const Event& event) { return Fields(event, true); }

}  // namespace ladder
