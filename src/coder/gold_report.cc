// The gold evaluation's reports (include/ladder/eval.h): text, JSON, and the
// explain traces of error listings.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "ladder/engine.h"
#include "ladder/eval.h"
#include "text/text.h"

namespace ladder {
namespace {

using OrderedJson = nlohmann::ordered_json;

std::string Fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

// Python's round(x, 3): the double nearest the correctly rounded decimal.
double Round3(double x) { return std::strtod(Fixed(x, 3).c_str(), nullptr); }

// Python's f"{x:.0%}".
std::string Percent(double x) { return Fixed(x * 100.0, 0) + "%"; }

std::string CodeOrNull(const std::optional<std::string>& code) { return code ? *code : "None"; }

std::string CodeOrNull(const std::string& code) { return code.empty() ? "None" : code; }

// "matched": gold events of the row that were matched (recall); "right":
// coded events of the row that were (precision). They differ where the two
// sides of a match fall in different rows (a modality, an actor kind).
void AppendTable(const char* title, const std::map<std::string, EvalCounts>& rows,
                 std::string* out) {
  char line[256];
  std::snprintf(line, sizeof line, "\n%-16s %6s %6s %8s %6s %7s %7s %7s %9s\n", title, "gold",
                "coded", "matched", "right", "P", "R", "F1", "modality");
  *out += line;
  for (const auto& [name, c] : rows) {
    std::snprintf(line, sizeof line, "  %-14s %6zu %6zu %8zu %6zu %7.3f %7.3f %7.3f %4zu/%zu\n",
                  name.empty() ? "(none)" : name.c_str(), c.gold, c.coded, c.matched_gold,
                  c.matched_coded, c.precision(), c.recall(), c.f1(), c.matched_with_modality,
                  c.matched_gold);
    *out += line;
  }
}

OrderedJson CountsJson(const std::map<std::string, EvalCounts>& rows) {
  OrderedJson j = OrderedJson::object();
  for (const auto& [name, c] : rows) {
    j[name] = {{"gold", c.gold},
               {"coded", c.coded},
               {"matched_gold", c.matched_gold},
               {"matched_coded", c.matched_coded},
               {"matched_with_modality", c.matched_with_modality},
               {"precision", Round3(c.precision())},
               {"recall", Round3(c.recall())},
               {"f1", Round3(c.f1())}};
  }
  return j;
}

OrderedJson Nullable(const std::optional<std::string>& s) {
  return s ? OrderedJson(*s) : OrderedJson(nullptr);
}

OrderedJson ErrorsJson(const std::vector<UnitErrors>& errors) {
  OrderedJson list = OrderedJson::array();
  for (const UnitErrors& u : errors) {
    OrderedJson missed = OrderedJson::array(), spurious = OrderedJson::array(),
                traces = OrderedJson::array();
    for (size_t i = 0; i < u.missed.size(); ++i) {
      const GoldEvent& g = u.missed[i];
      missed.push_back({{"source", g.source.empty() ? OrderedJson(nullptr) : OrderedJson(g.source)},
                        {"target", g.target.empty() ? OrderedJson(nullptr) : OrderedJson(g.target)},
                        {"cameo", g.cameo},
                        {"modality", g.modality},
                        {"verb_text", g.verb_text},
                        {"trace", i < u.missed_trace.size() ? u.missed_trace[i] : -1}});
    }
    for (size_t i = 0; i < u.spurious.size(); ++i) {
      const EvalEvent& e = u.spurious[i];
      spurious.push_back({{"source", Nullable(e.source)},
                          {"target", Nullable(e.target)},
                          {"cameo", e.cameo},
                          {"modality", e.modality},
                          {"verb", e.verb},
                          {"sentence", e.sentence},
                          {"evidence", e.evidence},
                          {"trace", i < u.spurious_trace.size() ? u.spurious_trace[i] : -1}});
    }
    for (const ErrorTrace& t : u.traces) {
      traces.push_back({{"sentence", t.sentence}, {"explain", t.trace}});
    }
    list.push_back({{"id", u.id},
                    {"where", u.where},
                    {"missed", std::move(missed)},
                    {"spurious", std::move(spurious)},
                    {"traces", std::move(traces)}});
  }
  return list;
}

// The index of `sentence`'s trace in `u`, explaining it the first time.
int TraceOf(const Engine& engine, const std::string& sentence, const std::string& date,
            UnitErrors* u) {
  if (sentence.empty()) return -1;
  for (size_t i = 0; i < u->traces.size(); ++i) {
    if (u->traces[i].sentence == sentence) return static_cast<int>(i);
  }
  u->traces.push_back({sentence, engine.Explain(sentence, date)});
  return static_cast<int>(u->traces.size()) - 1;
}

// The reliability table and the precision/recall curve, if any.
void AppendConfidence(const EvalReport& r, std::string* out) {
  if (r.reliability.empty()) return;
  char line[256];
  *out +=
      "\nreliability (counted events by stated confidence; calibrated when precision is "
      "within 0.1 of the mean confidence)\n";
  std::snprintf(line, sizeof line, "  expected calibration error %.3f\n",
                CalibrationError(r.reliability));
  *out += line;
  *out += "  confidence   events  mean conf  precision  off\n";
  for (const ReliabilityBin& b : r.reliability) {
    if (b.count == 0) continue;
    double off = b.precision - b.mean_confidence;
    std::snprintf(line, sizeof line, "  %.1f-%.1f   %7zu  %9.3f  %9.3f  %+.3f%s\n", b.lo, b.hi,
                  b.count, b.mean_confidence, b.precision, off,
                  off > 0.1 || off < -0.1 ? "  (off by more than 0.1)" : "");
    *out += line;
  }
  *out +=
      "\nprecision/recall by minimum confidence (events below it dropped)\n"
      "  min conf   events  matched  precision  recall     F1\n";
  for (const ThresholdRow& t : r.confidence_curve) {
    std::snprintf(line, sizeof line, "  %8.1f  %7zu  %7zu  %9.3f  %6.3f  %5.3f\n", t.threshold,
                  t.coded, t.matched, t.precision, t.recall, t.f1);
    *out += line;
  }
}

}  // namespace

std::string EvalReportToText(const EvalReport& r) {
  std::string out;
  char line[512];
  // score_gold.py's three lines, character for character.
  std::snprintf(line, sizeof line, "units %zu  gold events %zu  coded %zu  matched %zu\n", r.units,
                r.gold_events, r.coded_events, r.matched);
  out += line;
  out += "precision " + Fixed(r.precision, 3) + "  recall " + Fixed(r.recall, 3) + "  F1 " +
         Fixed(r.f1, 3) + "  (with modality: F1 " + Fixed(r.f1_with_modality, 3) +
         "; modality right on " + Percent(Round3(r.modality_accuracy)) + " of matches)\n";
  std::snprintf(line, sizeof line, "units without gold events: %zu, of which coded anyway: %zu",
                r.units_without_gold, r.false_alarm_units);
  out += line;
  out += " (" + Percent(Round3(r.false_alarm_rate)) + ")\n";
  out += "with modality required: precision " + Fixed(r.precision_with_modality, 3) + "  recall " +
         Fixed(r.recall_with_modality, 3) + "  F1 " + Fixed(r.f1_with_modality, 3) + "  (" +
         std::to_string(r.matched_with_modality) + " of " + std::to_string(r.matched) +
         " matches)\n";
  std::snprintf(line, sizeof line,
                "not counted: %zu events of documents without gold, %zu in a unit's context, "
                "%zu repeated in their unit, %zu reverses of matched symmetric events\n",
                r.events_not_in_gold, r.events_in_context, r.duplicate_events,
                r.reversed_symmetric);
  out += line;
  const LocationCounts& loc = r.location;
  if (loc.gold_located_all > 0 || loc.coded_located > 0) {
    std::snprintf(line, sizeof line,
                  "places of matched events: country right on %zu of %zu located where the gold "
                  "names a place (%s); %zu of %zu gold places found (recall %s); %zu located "
                  "where the gold names none; %zu gold events name a place in all\n",
                  loc.country_right, loc.both_located,
                  Percent(Round3(loc.country_accuracy())).c_str(), loc.country_right,
                  loc.gold_located, Fixed(loc.recall(), 3).c_str(), loc.located_not_gold,
                  loc.gold_located_all);
    out += line;
  }
  out +=
      "\nmatched: gold events of the row matched (recall); right: coded events of the row "
      "matched (precision); modality: matches with the gold modality\n";
  AppendTable("by CAMEO root", r.by_root, &out);
  AppendTable("by modality", r.by_modality, &out);
  AppendTable("by source kind", r.by_source_kind, &out);
  AppendTable("by target kind", r.by_target_kind, &out);
  std::snprintf(line, sizeof line,
                "\nroot confusions (a missed gold event and a spurious one with the same "
                "actors): %zu other root, %zu same root reversed\n",
                r.root_confused, r.direction_errors);
  out += line;
  for (const RootConfusion& c : r.root_confusions) {
    std::snprintf(line, sizeof line, "  gold %-4s coded %-4s %4zu\n",
                  c.gold_root.empty() ? "-" : c.gold_root.c_str(),
                  c.coded_root.empty() ? "-" : c.coded_root.c_str(), c.count);
    out += line;
  }
  AppendConfidence(r, &out);
  return out;
}

std::string UnitErrorsToText(const UnitErrors& u) {
  std::string out = "--- " + u.id + "  (" + u.where + ")\n";
  auto trace_note = [&](const std::vector<int>& index, size_t i) -> std::string {
    if (i >= index.size() || index[i] < 0) return "";
    return "  (trace " + std::to_string(index[i] + 1) + ")";
  };
  for (size_t i = 0; i < u.missed.size(); ++i) {
    const GoldEvent& g = u.missed[i];
    out += "  missed: " + CodeOrNull(g.source) + " -> " + CodeOrNull(g.target) + " " +
           CodeOrNull(g.cameo) + " " + CodeOrNull(g.modality) + "  [" + g.verb_text + "]" +
           trace_note(u.missed_trace, i) + "\n";
  }
  for (size_t i = 0; i < u.spurious.size(); ++i) {
    const EvalEvent& e = u.spurious[i];
    out += "  extra:  " + CodeOrNull(e.source) + " -> " + CodeOrNull(e.target) + " " +
           CodeOrNull(e.cameo) + " " + CodeOrNull(e.modality) + "  [" + e.verb + "]" +
           trace_note(u.spurious_trace, i) + "\n";
  }
  for (size_t t = 0; t < u.traces.size(); ++t) {
    out += "  trace " + std::to_string(t + 1) + ":\n";
    std::string indented = "    ";
    for (char c : u.traces[t].trace) {
      indented.push_back(c);
      if (c == '\n') indented += "    ";
    }
    while (!indented.empty() && (indented.back() == ' ' || indented.back() == '\n')) {
      indented.pop_back();
    }
    out += indented + "\n";
  }
  return out;
}

std::string EvalReportToJson(const EvalReport& r) {
  OrderedJson j;
  // score_gold.py --json, key for key.
  j["units"] = r.units;
  j["gold_events"] = r.gold_events;
  j["coded_events"] = r.coded_events;
  j["matched"] = r.matched;
  j["precision"] = Round3(r.precision);
  j["recall"] = Round3(r.recall);
  j["f1"] = Round3(r.f1);
  j["f1_with_modality"] = Round3(r.f1_with_modality);
  j["modality_accuracy_on_matched"] = Round3(r.modality_accuracy);
  j["false_alarm_rate_on_units_without_events"] = Round3(r.false_alarm_rate);
  // Beyond score_gold.py.
  j["matched_with_modality"] = r.matched_with_modality;
  j["precision_with_modality"] = Round3(r.precision_with_modality);
  j["recall_with_modality"] = Round3(r.recall_with_modality);
  j["units_without_gold_events"] = r.units_without_gold;
  j["false_alarm_units"] = r.false_alarm_units;
  j["not_counted"] = {{"not_in_gold", r.events_not_in_gold},
                      {"in_context", r.events_in_context},
                      {"repeated_in_unit", r.duplicate_events},
                      {"reversed_symmetric", r.reversed_symmetric}};
  j["by_root"] = CountsJson(r.by_root);
  j["by_modality"] = CountsJson(r.by_modality);
  j["by_source_kind"] = CountsJson(r.by_source_kind);
  j["by_target_kind"] = CountsJson(r.by_target_kind);
  OrderedJson cells = OrderedJson::array();
  for (const RootConfusion& c : r.root_confusions) {
    cells.push_back({{"gold_root", c.gold_root}, {"coded_root", c.coded_root}, {"count", c.count}});
  }
  j["root_confusions"] = std::move(cells);
  j["root_confused"] = r.root_confused;
  j["direction_errors"] = r.direction_errors;
  j["errors"] = ErrorsJson(r.errors);
  if (!r.reliability.empty()) {
    OrderedJson bins = OrderedJson::array(), curve = OrderedJson::array();
    for (const ReliabilityBin& b : r.reliability) {
      bins.push_back({{"lo", b.lo}, {"hi", b.hi}, {"events", b.count}, {"matched", b.matched},
                      {"mean_confidence", Round3(b.mean_confidence)},
                      {"precision", Round3(b.precision)}});
    }
    for (const ThresholdRow& t : r.confidence_curve) {
      curve.push_back({{"min_confidence", t.threshold}, {"events", t.coded},
                       {"matched", t.matched}, {"precision", Round3(t.precision)},
                       {"recall", Round3(t.recall)}, {"f1", Round3(t.f1)}});
    }
    j["reliability"] = std::move(bins);
    j["expected_calibration_error"] = Round3(CalibrationError(r.reliability));
    j["precision_recall_by_confidence"] = std::move(curve);
  }
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

std::string SentenceWithWords(std::string_view text, std::string_view words) {
  // The words before a "..." gap, without the spaces around them.
  std::string_view head = words.substr(0, words.find("..."));
  while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
  while (!head.empty() && head.front() == ' ') head.remove_prefix(1);
  std::vector<text::Span> spans = text::SplitSentences(text);
  if (!head.empty()) {
    for (const text::Span& s : spans) {
      std::string_view sentence = text.substr(s.begin, s.end - s.begin);
      if (sentence.find(head) != std::string_view::npos) return std::string(sentence);
    }
  }
  return std::string(text);
}

void ExplainErrors(const Engine& engine, const std::map<std::string, Document>& documents,
                   const std::map<std::string, int64_t>& offsets, EvalReport* report) {
  for (UnitErrors& u : report->errors) {
    auto doc = documents.find(u.id);
    if (doc == documents.end()) continue;
    const std::string& date = doc->second.date;
    auto normalized = text::Normalize(doc->second.text);
    std::string scored = normalized.ok() ? *normalized : doc->second.text;
    auto offset = offsets.find(u.id);
    if (offset != offsets.end() && offset->second > 0) {
      size_t from = std::min<size_t>(static_cast<size_t>(offset->second), scored.size());
      scored = scored.substr(from);
    }
    u.missed_trace.assign(u.missed.size(), -1);
    u.spurious_trace.assign(u.spurious.size(), -1);
    for (size_t i = 0; i < u.missed.size(); ++i) {
      u.missed_trace[i] =
          TraceOf(engine, SentenceWithWords(scored, u.missed[i].verb_text), date, &u);
    }
    for (size_t i = 0; i < u.spurious.size(); ++i) {
      u.spurious_trace[i] = TraceOf(engine, u.spurious[i].evidence, date, &u);
    }
  }
}

}  // namespace ladder
