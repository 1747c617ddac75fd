// Scoring against gold events (include/ladder/eval.h): the readers, the
// matching of score_gold.py, the breakdowns and the reports.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <unordered_map>

#include "ladder/eval.h"
#include "text/text.h"

namespace ladder {
namespace {

using Json = nlohmann::json;
using Key = std::optional<std::string>;

// The codes that read both ways (score_gold.py's SYMMETRIC).
constexpr std::string_view kSymmetric[] = {"040", "041", "044", "046", "057", "190", "193"};

// The first `n` code points of UTF-8 `s` (Python's s[:n]).
std::string PrefixChars(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t chars = 0; i < s.size() && chars < n; ++chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return std::string(s.substr(0, i));
}

// Python's str.strip() for the whitespace an actor code can carry.
std::string_view StripSpace(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string Root(std::string_view cameo) { return PrefixChars(cameo, 2); }

bool IsSymmetric(std::string_view cameo) {
  std::string three = PrefixChars(cameo, 3);
  return std::find(std::begin(kSymmetric), std::end(kSymmetric), three) != std::end(kSymmetric);
}

std::string ModalityOf(const std::string& modality) {
  return modality.empty() ? "asserted" : modality;
}

Key OptionalCode(const std::string& code) { return code.empty() ? Key() : Key(code); }

std::string Where(std::string_view where) { return std::string(where) + ": "; }

// A string or null member: "" when null or missing; false if another type.
bool OptionalString(const Json& j, const char* key, std::string* out) {
  out->clear();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

Result<Json> ParseObject(std::string_view line, std::string_view where, const char* what) {
  Json j = Json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded()) return InvalidArgument(Where(where) + "malformed JSON");
  if (!j.is_object()) {
    return InvalidArgument(Where(where) + what + " is not a JSON object");
  }
  return j;
}

Result<std::string> RequiredId(const Json& j, const char* key, std::string_view where) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) {
    return InvalidArgument(Where(where) + "no string '" + key + "'");
  }
  return it->get<std::string>();
}

Result<GoldEvent> GoldEventFromJson(const Json& j, std::string_view where, size_t n) {
  std::string at = Where(where) + "event " + std::to_string(n) + ": ";
  if (!j.is_object()) return InvalidArgument(at + "not a JSON object");
  GoldEvent g;
  const std::pair<const char*, std::string*> fields[] = {
      {"source", &g.source},      {"target", &g.target},           {"cameo", &g.cameo},
      {"modality", &g.modality},  {"source_text", &g.source_text}, {"target_text", &g.target_text},
      {"verb_text", &g.verb_text}};
  for (const auto& [key, value] : fields) {
    if (!OptionalString(j, key, value)) {
      return InvalidArgument(at + "'" + key + "' is not a string or null");
    }
  }
  if (auto loc = j.find("location"); loc != j.end() && !loc->is_null()) {
    if (!loc->is_object() || !OptionalString(*loc, "text", &g.location_text) ||
        !OptionalString(*loc, "country", &g.location_country)) {
      return InvalidArgument(at + "'location' is not null or {\"text\", \"country\"}");
    }
  }
  return g;
}

// An actor member of an event: null, missing or an object with a "code".
Result<Key> EventActor(const Json& j, const char* key, std::string_view where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Key();
  if (!it->is_object()) {
    return InvalidArgument(Where(where) + "'" + key + "' is not an object or null");
  }
  std::string code;
  if (!OptionalString(*it, "code", &code)) {
    return InvalidArgument(Where(where) + "'" + key + ".code' is not a string");
  }
  auto code_it = it->find("code");
  if (code_it == it->end() || code_it->is_null()) return Key();
  return Key(code);
}

// evidence.begin as score_gold.py compares it (a fraction is floored, which
// compares the same with the integer offsets).
Status ReadEvidence(const Json& j, std::string_view where, EvalEvent* e) {
  auto it = j.find("evidence");
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (!it->is_object()) {
    return InvalidArgument(Where(where) + "'evidence' is not an object or null");
  }
  if (!OptionalString(*it, "text", &e->evidence)) {
    return InvalidArgument(Where(where) + "'evidence.text' is not a string");
  }
  auto begin = it->find("begin");
  if (begin == it->end() || begin->is_null()) return Status::Ok();
  if (begin->is_number_integer()) {
    e->begin = begin->is_number_unsigned()
                   ? static_cast<int64_t>(std::min<uint64_t>(begin->get<uint64_t>(), INT64_MAX))
                   : begin->get<int64_t>();
  } else if (begin->is_number()) {
    double b = std::floor(begin->get<double>());
    e->begin = b >= 9e18 ? INT64_MAX : b <= -9e18 ? INT64_MIN : static_cast<int64_t>(b);
  } else {
    return InvalidArgument(Where(where) + "'evidence.begin' is not a number");
  }
  return Status::Ok();
}

// Calls `each(line, where)` for every non-blank line of `path`; false if
// the file cannot be opened.
template <typename Fn>
Status ForEachLine(const std::string& path, Fn each) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::string line;
  for (int64_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (StripSpace(line).empty()) continue;
    each(line, path + ":" + std::to_string(n));
  }
  if (in.bad()) return IoError(path + ": read error");
  return Status::Ok();
}

}  // namespace

std::optional<std::string> GoldActorKey(const std::optional<std::string>& code) {
  if (!code || code->empty()) return std::nullopt;
  std::string c(StripSpace(*code));
  for (char& ch : c) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  if (c.rfind("---", 0) == 0) return std::nullopt;
  std::string group = PrefixChars(c, 3);
  if (group == "IGO" || group == "NGO" || group == "IMG") return PrefixChars(c, 6);
  return group;
}

const char* ActorKind(const std::optional<std::string>& code) {
  if (!code || StripSpace(*code).empty()) return "none";
  std::string_view c = StripSpace(*code);
  if (c.rfind("---", 0) == 0) return "unknown";
  std::string group = PrefixChars(c, 3);
  for (char& ch : group) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  if (group == "IGO" || group == "NGO" || group == "IMG") return "igo/ngo";
  return "country";
}

EvalEvent EvalEventFromEvent(const Event& event) {
  EvalEvent e;
  e.doc_id = event.doc_id;
  if (event.source) e.source = event.source->code;
  if (event.target) e.target = event.target->code;
  e.cameo = event.cameo;
  e.modality = ModalityName(event.modality);
  e.begin = event.evidence_begin;
  e.verb = event.verb;
  e.evidence = event.evidence_text;
  e.sentence = event.sentence;
  e.confidence = event.confidence;
  e.features = event.confidence_features;
  if (event.location) {
    e.located = true;
    e.location_country = event.location->country;
    e.location_text = event.location->text;
  }
  return e;
}

Result<GoldUnit> GoldUnitFromJson(std::string_view line, std::string_view where) {
  ASSIGN_OR_RETURN(Json j, ParseObject(line, where, "gold unit"));
  GoldUnit unit;
  ASSIGN_OR_RETURN(unit.id, RequiredId(j, "id", where));
  unit.where = std::string(where);
  auto events = j.find("events");
  if (events == j.end()) return unit;
  if (!events->is_array()) {
    return InvalidArgument(Where(where) + "'events' is not a list");
  }
  for (size_t i = 0; i < events->size(); ++i) {
    ASSIGN_OR_RETURN(GoldEvent g, GoldEventFromJson((*events)[i], where, i + 1));
    unit.events.push_back(std::move(g));
  }
  return unit;
}

Result<EvalEvent> EvalEventFromJson(std::string_view line, std::string_view where) {
  ASSIGN_OR_RETURN(Json j, ParseObject(line, where, "event"));
  EvalEvent e;
  ASSIGN_OR_RETURN(e.doc_id, RequiredId(j, "doc_id", where));
  ASSIGN_OR_RETURN(e.source, EventActor(j, "source", where));
  ASSIGN_OR_RETURN(e.target, EventActor(j, "target", where));
  const std::pair<const char*, std::string*> fields[] = {
      {"cameo", &e.cameo}, {"modality", &e.modality}, {"verb", &e.verb}};
  for (const auto& [key, value] : fields) {
    if (!OptionalString(j, key, value)) {
      return InvalidArgument(Where(where) + "'" + key + "' is not a string or null");
    }
  }
  RETURN_IF_ERROR(ReadEvidence(j, where, &e));
  if (auto it = j.find("sentence");
      it != j.end() && it->is_number_integer() && !it->is_number_unsigned()) {
    e.sentence = static_cast<int>(std::clamp<int64_t>(it->get<int64_t>(), 0, INT32_MAX));
  }
  if (auto loc = j.find("location"); loc != j.end() && loc->is_object()) {
    e.located = true;
    if (!OptionalString(*loc, "country", &e.location_country) ||
        !OptionalString(*loc, "text", &e.location_text)) {
      return InvalidArgument(Where(where) + "'location' country or text is not a string");
    }
  }
  if (auto it = j.find("confidence"); it != j.end() && it->is_number()) {
    e.confidence = std::clamp(it->get<double>(), 0.0, 1.0);
  }
  return e;
}

Result<std::pair<std::string, int64_t>> UnitOffsetFromJson(std::string_view line,
                                                           std::string_view where) {
  ASSIGN_OR_RETURN(Json j, ParseObject(line, where, "unit"));
  ASSIGN_OR_RETURN(std::string id, RequiredId(j, "id", where));
  std::string context;
  auto it = j.find("context");
  if (it != j.end() && !it->is_string()) {
    return InvalidArgument(Where(where) + "'context' is not a string");
  }
  if (it != j.end()) context = it->get<std::string>();
  if (context.empty()) return std::make_pair(std::move(id), int64_t{0});
  auto nfc = text::ComposeNfc(context);
  if (!nfc.ok()) return InvalidArgument(Where(where) + "context: " + nfc.status().message());
  return std::make_pair(std::move(id), static_cast<int64_t>(nfc->size()) + 2);
}

Status ReadGoldFile(const std::string& path, GoldSet* gold) {
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < gold->units.size(); ++i) index[gold->units[i].id] = i;
  return ForEachLine(path, [&](const std::string& line, const std::string& where) {
    auto unit = GoldUnitFromJson(line, where);
    if (!unit.ok()) {
      gold->problems.push_back(unit.status().message());
      return;
    }
    auto [it, fresh] = index.try_emplace(unit->id, gold->units.size());
    if (fresh) {
      gold->units.push_back(std::move(unit).value());
      return;
    }
    GoldUnit& first = gold->units[it->second];
    gold->problems.push_back(where + ": unit '" + unit->id + "' again (first at " + first.where +
                             "); its events replace the first line's");
    first.events = std::move(unit->events);
  });
}

Status ReadEvalEventsFile(const std::string& path, std::vector<EvalEvent>* events,
                          std::vector<std::string>* problems) {
  return ForEachLine(path, [&](const std::string& line, const std::string& where) {
    auto event = EvalEventFromJson(line, where);
    if (event.ok()) {
      events->push_back(std::move(event).value());
    } else {
      problems->push_back(event.status().message());
    }
  });
}

Status ReadUnitOffsetsFile(const std::string& path, std::map<std::string, int64_t>* offsets,
                           std::vector<std::string>* problems) {
  return ForEachLine(path, [&](const std::string& line, const std::string& where) {
    auto unit = UnitOffsetFromJson(line, where);
    if (unit.ok()) {
      (*offsets)[unit->first] = unit->second;
    } else {
      problems->push_back(unit.status().message());
    }
  });
}

double EvalCounts::precision() const {
  return coded ? static_cast<double>(matched_coded) / coded : 0.0;
}
double EvalCounts::recall() const { return gold ? static_cast<double>(matched_gold) / gold : 0.0; }
double EvalCounts::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

namespace {

// (source key, target key, root): what a match compares.
using MatchKey = std::tuple<Key, Key, std::string>;

MatchKey GoldKey(const GoldEvent& g) {
  return {GoldActorKey(OptionalCode(g.source)), GoldActorKey(OptionalCode(g.target)),
          Root(g.cameo)};
}

MatchKey CodedKey(const EvalEvent& e) {
  return {GoldActorKey(e.source), GoldActorKey(e.target), Root(e.cameo)};
}

MatchKey Reversed(const MatchKey& k) { return {std::get<1>(k), std::get<0>(k), std::get<2>(k)}; }

// One unit's matching: which coded event each gold event took (-1: none),
// and which coded events are reverses of matched symmetric events.
struct UnitMatch {
  std::vector<int> hit;
  std::vector<bool> used, ignored;
  std::vector<MatchKey> coded_keys;
};

UnitMatch MatchUnit(const GoldUnit& unit, const std::vector<const EvalEvent*>& coded) {
  UnitMatch m;
  m.used.assign(coded.size(), false);
  m.ignored.assign(coded.size(), false);
  for (const EvalEvent* e : coded) m.coded_keys.push_back(CodedKey(*e));
  std::vector<MatchKey> symmetric_matches;
  for (const GoldEvent& g : unit.events) {
    MatchKey key = GoldKey(g);
    bool sym = IsSymmetric(g.cameo);
    MatchKey reverse = Reversed(key);
    int hit = -1;
    for (size_t i = 0; i < coded.size() && hit < 0; ++i) {
      if (m.used[i]) continue;
      if (m.coded_keys[i] == key || (sym && m.coded_keys[i] == reverse)) {
        hit = static_cast<int>(i);
      }
    }
    m.hit.push_back(hit);
    if (hit < 0) continue;
    m.used[hit] = true;
    if (sym) symmetric_matches.push_back(reverse);
  }
  for (size_t i = 0; i < coded.size(); ++i) {
    if (m.used[i]) continue;
    for (const MatchKey& reverse : symmetric_matches) {
      if (m.coded_keys[i] == reverse) m.ignored[i] = true;
    }
  }
  return m;
}

// Pairs each missed gold event with an unmatched coded event of the same
// two actors (the same direction first, then the reverse): root confusions
// and direction errors.
void Confusions(const GoldUnit& unit, const UnitMatch& m,
                std::map<std::pair<std::string, std::string>, size_t>* cells, EvalReport* report) {
  std::vector<bool> taken(m.used.size(), false);
  std::vector<bool> paired(unit.events.size(), false);
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t g = 0; g < unit.events.size(); ++g) {
      if (m.hit[g] >= 0 || paired[g]) continue;
      MatchKey key = GoldKey(unit.events[g]);
      MatchKey wanted = pass == 0 ? key : Reversed(key);
      for (size_t i = 0; i < m.used.size(); ++i) {
        if (m.used[i] || m.ignored[i] || taken[i]) continue;
        const MatchKey& k = m.coded_keys[i];
        if (std::get<0>(k) != std::get<0>(wanted) || std::get<1>(k) != std::get<1>(wanted)) {
          continue;
        }
        taken[i] = true;
        paired[g] = true;
        if (std::get<2>(k) == std::get<2>(key)) {
          ++report->direction_errors;
        } else {
          ++report->root_confused;
          ++(*cells)[{std::get<2>(key), std::get<2>(k)}];
        }
        break;
      }
    }
  }
}

// Adds one unit's gold and counted coded events to the breakdowns.
void AddToBreakdowns(const GoldUnit& unit, const std::vector<const EvalEvent*>& coded,
                     const UnitMatch& m, EvalReport* r) {
  for (size_t g = 0; g < unit.events.size(); ++g) {
    const GoldEvent& e = unit.events[g];
    int hit = m.hit[g];
    bool modality_right = hit >= 0 && ModalityOf(coded[hit]->modality) == ModalityOf(e.modality);
    for (EvalCounts* row : {&r->by_root[Root(e.cameo)], &r->by_modality[ModalityOf(e.modality)],
                            &r->by_source_kind[ActorKind(OptionalCode(e.source))],
                            &r->by_target_kind[ActorKind(OptionalCode(e.target))]}) {
      ++row->gold;
      if (hit >= 0) ++row->matched_gold;
      if (modality_right) ++row->matched_with_modality;
    }
  }
  for (size_t i = 0; i < coded.size(); ++i) {
    if (m.ignored[i]) continue;
    const EvalEvent& e = *coded[i];
    for (EvalCounts* row :
         {&r->by_root[Root(e.cameo)], &r->by_modality[ModalityOf(e.modality)],
          &r->by_source_kind[ActorKind(e.source)], &r->by_target_kind[ActorKind(e.target)]}) {
      ++row->coded;
      if (m.used[i]) ++row->matched_coded;
    }
  }
}

// The coded events of each gold unit, as score_gold.py keeps them: in the
// unit (by doc_id), in its scored text, once per (source, target, root,
// modality).
std::vector<std::vector<const EvalEvent*>> EventsByUnit(
    const GoldSet& gold, const std::vector<EvalEvent>& events,
    const std::map<std::string, int64_t>& offsets, EvalReport* r) {
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < gold.units.size(); ++i) index.emplace(gold.units[i].id, i);
  std::vector<std::vector<const EvalEvent*>> coded(gold.units.size());
  std::vector<std::set<std::tuple<Key, Key, std::string, std::string>>> seen(gold.units.size());
  for (const EvalEvent& e : events) {
    auto it = index.find(e.doc_id);
    if (it == index.end()) {
      ++r->events_not_in_gold;
      continue;
    }
    auto offset = offsets.find(e.doc_id);
    if (offset != offsets.end() && e.begin < offset->second) {
      ++r->events_in_context;
      continue;
    }
    if (!seen[it->second]
             .emplace(GoldActorKey(e.source), GoldActorKey(e.target), Root(e.cameo),
                      ModalityOf(e.modality))
             .second) {
      ++r->duplicate_events;  // a headline and its sentence telling one event
      continue;
    }
    coded[it->second].push_back(&e);
  }
  return coded;
}

void Figures(EvalReport* r) {
  auto ratio = [](size_t a, size_t b) { return b ? static_cast<double>(a) / b : 0.0; };
  auto f1 = [](double p, double q) { return p + q > 0 ? 2 * p * q / (p + q) : 0.0; };
  r->precision = ratio(r->matched, r->coded_events);
  r->recall = ratio(r->matched, r->gold_events);
  r->f1 = f1(r->precision, r->recall);
  r->precision_with_modality = ratio(r->matched_with_modality, r->coded_events);
  r->recall_with_modality = ratio(r->matched_with_modality, r->gold_events);
  r->f1_with_modality = f1(r->precision_with_modality, r->recall_with_modality);
  r->modality_accuracy = ratio(r->matched_with_modality, r->matched);
  r->false_alarm_rate = ratio(r->false_alarm_units, r->units_without_gold);
}

}  // namespace

namespace {

// The reliability table and the precision/recall curve of r's events.
void ConfidenceFigures(const GoldSet& gold, const std::vector<EvalEvent>& events,
                       const std::map<std::string, int64_t>& offsets, EvalReport* r) {
  if (events.empty()) return;
  std::vector<double> confidences;
  for (const EvalEvent& e : events) {
    if (e.confidence < 0) return;  // not every event has one
    confidences.push_back(e.confidence);
  }
  r->reliability = ReliabilityTable(confidences, r->event_labels);
  for (int t = 0; t < 10; ++t) {
    double threshold = t / 10.0;
    std::vector<EvalEvent> kept;
    for (const EvalEvent& e : events) {
      if (e.confidence >= threshold) kept.push_back(e);
    }
    EvalReport part = ScoreGold(gold, kept, offsets, {0, 0, false});
    r->confidence_curve.push_back(
        {threshold, part.coded_events, part.matched, part.precision, part.recall, part.f1});
  }
}

}  // namespace

namespace {

// One matched pair's places.
void CountLocation(const GoldEvent& gold, const EvalEvent& coded, LocationCounts* c) {
  bool gold_located = !gold.location_text.empty();
  c->gold_located += gold_located;
  c->coded_located += coded.located;
  if (coded.located && !gold_located) ++c->located_not_gold;
  if (coded.located && gold_located) {
    ++c->both_located;
    c->country_right += coded.location_country == gold.location_country;
  }
}

}  // namespace

double LocationCounts::country_accuracy() const {
  return both_located ? static_cast<double>(country_right) / both_located : 0.0;
}

double LocationCounts::recall() const {
  return gold_located ? static_cast<double>(country_right) / gold_located : 0.0;
}

EvalReport ScoreGold(const GoldSet& gold, const std::vector<EvalEvent>& events,
                     const std::map<std::string, int64_t>& offsets, const EvalOptions& options) {
  EvalReport r;
  r.event_labels.assign(events.size(), -1);
  r.units = gold.units.size();
  std::vector<std::vector<const EvalEvent*>> coded = EventsByUnit(gold, events, offsets, &r);
  std::map<std::pair<std::string, std::string>, size_t> cells;
  for (size_t u = 0; u < gold.units.size(); ++u) {
    const GoldUnit& unit = gold.units[u];
    const std::vector<const EvalEvent*>& pred = coded[u];
    UnitMatch m = MatchUnit(unit, pred);
    UnitErrors errors{unit.id, unit.where, {}, {}, {}, {}, {}};
    for (size_t g = 0; g < unit.events.size(); ++g) {
      int hit = m.hit[g];
      if (hit < 0) {
        errors.missed.push_back(unit.events[g]);
        continue;
      }
      ++r.matched;
      if (ModalityOf(pred[hit]->modality) == ModalityOf(unit.events[g].modality)) {
        ++r.matched_with_modality;
      }
      CountLocation(unit.events[g], *pred[hit], &r.location);
    }
    for (const GoldEvent& g : unit.events) r.location.gold_located_all += !g.location_text.empty();
    r.gold_events += unit.events.size();
    for (size_t i = 0; i < pred.size(); ++i) {
      if (m.ignored[i]) {
        ++r.reversed_symmetric;
        continue;
      }
      ++r.coded_events;
      r.event_labels[pred[i] - events.data()] = m.used[i] ? 1 : 0;
      if (!m.used[i]) errors.spurious.push_back(*pred[i]);
    }
    if (unit.events.empty()) {
      ++r.units_without_gold;
      if (!pred.empty()) ++r.false_alarm_units;
    }
    AddToBreakdowns(unit, pred, m, &r);
    Confusions(unit, m, &cells, &r);
    if (r.errors.size() < options.error_units &&
        (!errors.missed.empty() || !errors.spurious.empty())) {
      errors.missed_trace.assign(errors.missed.size(), -1);
      errors.spurious_trace.assign(errors.spurious.size(), -1);
      r.errors.push_back(std::move(errors));
    }
  }
  for (const auto& [roots, count] : cells) {
    r.root_confusions.push_back({roots.first, roots.second, count});
  }
  std::stable_sort(
      r.root_confusions.begin(), r.root_confusions.end(),
      [](const RootConfusion& a, const RootConfusion& b) { return a.count > b.count; });
  if (r.root_confusions.size() > options.top_confusions) {
    r.root_confusions.resize(options.top_confusions);
  }
  Figures(&r);
  if (options.confidence_figures) ConfidenceFigures(gold, events, offsets, &r);
  return r;
}

}  // namespace ladder
