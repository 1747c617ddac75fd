// libFuzzer target: the gold evaluation's readers (include/ladder/eval.h) and
// its scorer. Arbitrary bytes must give a gold unit, an event or a unit
// offset, or an error naming the place; whatever parses must score without
// a crash, with counts that add up.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ladder/eval.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

constexpr std::string_view kWhere = "fuzz.jsonl:3";

template <typename R>
void CheckError(const R& result) {
  if (!result.ok()) Check(result.status().message().rfind("fuzz.jsonl:3: ", 0) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto unit = ladder::GoldUnitFromJson(line, kWhere);
  auto event = ladder::EvalEventFromJson(line, kWhere);
  auto offset = ladder::UnitOffsetFromJson(line, kWhere);
  CheckError(unit);
  CheckError(event);
  CheckError(offset);
  if (offset.ok()) Check(offset->second == 0 || offset->second >= 3);

  // Score what parsed: the unit against the event (moved into the unit's
  // document) and against itself read as events.
  ladder::GoldSet gold;
  if (unit.ok()) gold.units.push_back(*unit);
  std::vector<ladder::EvalEvent> events;
  if (event.ok()) {
    events.push_back(*event);
    if (unit.ok()) {
      events.back().doc_id = unit->id;
      events.push_back(events.back());
    }
  }
  if (unit.ok()) {
    for (const ladder::GoldEvent& g : unit->events) {
      ladder::EvalEvent e;
      e.doc_id = unit->id;
      if (!g.source.empty()) e.source = g.source;
      if (!g.target.empty()) e.target = g.target;
      e.cameo = g.cameo;
      e.modality = g.modality;
      events.push_back(e);
    }
  }
  std::map<std::string, int64_t> offsets;
  if (offset.ok()) offsets[offset->first] = offset->second;
  ladder::EvalReport r = ladder::ScoreGold(gold, events, offsets, {4, 4});
  Check(r.matched <= r.gold_events && r.matched <= r.coded_events);
  Check(r.matched_with_modality <= r.matched);
  Check(r.coded_events + r.events_not_in_gold + r.events_in_context + r.duplicate_events +
            r.reversed_symmetric ==
        events.size());
  Check(r.precision >= 0 && r.precision <= 1 && r.recall >= 0 && r.recall <= 1);
  (void)ladder::EvalReportToText(r);
  (void)ladder::EvalReportToJson(r);
  for (const ladder::UnitErrors& u : r.errors) (void)ladder::UnitErrorsToText(u);
  (void)ladder::SentenceWithWords(line, line.substr(0, size / 2));
  return 0;
}
