// The store's events as a point process for the Hawkes and daily count
// models (include/ladder/hawkes.h), and the directed dyads they are about.
// One builder for every shell: `ladder escalation --db`, the report's
// escalation section, the server and the Python binding.
//
//   analytics::StorePointsOptions o;
//   o.dyads = {*analytics::ParseDyadSpec("RUS-UKR")};
//   auto built = analytics::PointsFromStore(*store, o);
//   auto fit = analytics::FitHawkes(built->points, {});
//
// Thread-safety: PointsFromStore only reads the store; the Store's own rules
// apply (one thread at a time per Store).
#ifndef LADDER_POINTS_H_
#define LADDER_POINTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ladder/hawkes.h"
#include "ladder/status.h"
#include "ladder/store.h"

namespace ladder::analytics {

// A directed dyad: events with this source country and target country.
struct DyadSpec {
  std::string source, target;                                 // upper-case country codes
  std::string Name() const { return source + "-" + target; }  // "RUS-PRK"
  bool operator==(const DyadSpec&) const = default;
};

// "RUS-PRK" or " rus-prk " -> {RUS, PRK} (blanks trimmed, upper-cased). An
// error names the spec: "dyad 'RUS': expected SOURCE-TARGET, e.g. RUS-PRK".
Result<DyadSpec> ParseDyadSpec(std::string_view spec);

// How the days of a point process read: dated (day 0 is `first_day`) or
// plain day indexes (points read from a CSV or quadruples).
struct TimeAxis {
  bool dated = false;
  int first_day = 0;  // days since 1970-01-01, when dated
  // "2023-09-08" for the day holding time t when dated, else "t=12".
  std::string Label(double t) const;
  // Weekday (0 = Monday) of day 0: known when dated; 0 otherwise (day
  // index mod 7).
  int FirstWeekday() const;
};

struct StorePointsOptions {
  // The dyads to model; empty: the `top_dyads` busiest directed dyads
  // between two different countries, counting the events of `quads`.
  std::vector<DyadSpec> dyads;
  int top_dyads = 5;
  // Only events whose source and target are both among these (empty: any).
  std::vector<std::string> countries;
  std::vector<int> quads = {1, 2, 3, 4};  // quad classes modelled
  // One dimension per dyad for all `quads` together ("RUS-UKR:3+4"), or one
  // per dyad and quad class ("RUS-UKR:3").
  bool merge_quads = false;
  std::optional<int> day_from, day_to;  // inclusive days since 1970-01-01
  bool asserted_only = true;            // hedged text is not counted as fact
  store::CountUnit unit = store::CountUnit::kEvents;
  // Events of one day are spread over it by a uniform jitter from this seed,
  // so within-day order carries no signal.
  uint64_t seed = 1;
};

struct StorePoints {
  Points points;  // times in days since axis.first_day; window [0, days]
  TimeAxis axis;  // dated
  // The dyad of each dimension (points.names[i] is its name).
  std::vector<DyadSpec> dimension_dyads;
};

// The events of `store` with both countries, a quad class of
// `options.quads` and a day (events dated only by month or year are not
// points) as a point process over `options`' dyads. The window runs from
// day_from (else the first such event's day) to day_to (else the last's)
// inclusive. Errors: no such events, or none between two countries.
Result<StorePoints> PointsFromStore(const store::Store& store, const StorePointsOptions& options);

}  // namespace ladder::analytics

#endif  // LADDER_POINTS_H_
