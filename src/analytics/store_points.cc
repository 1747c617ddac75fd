// The store's events as Hawkes points (include/ladder/points.h).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "ladder/analytics.h"
#include "ladder/points.h"

namespace ladder::analytics {
namespace {

// Upper-cased, without surrounding blanks ("rus " -> "RUS").
std::string UpperTrimmed(std::string_view s) {
  size_t first = s.find_first_not_of(" \t");
  size_t last = s.find_last_not_of(" \t");
  std::string out(first == std::string_view::npos ? std::string_view()
                                                  : s.substr(first, last - first + 1));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string QuadsLabel(const std::set<int>& quads) {
  std::string out;
  for (int q : quads) out += (out.empty() ? "" : "+") + std::to_string(q);
  return out;
}

struct Row {
  int day;
  int dyad;
  int quad;
};

// The dyads to model: the given ones, or the busiest between two countries.
Result<std::vector<DyadSpec>> ChooseDyads(const store::Store& store,
                                          const StorePointsOptions& options,
                                          const std::vector<DyadSpec>& seen,
                                          const std::vector<int64_t>& counts) {
  if (!options.dyads.empty()) return options.dyads;
  std::vector<std::pair<int64_t, std::string>> ranked;
  std::map<std::string, DyadSpec> by_name;
  for (size_t i = 0; i < seen.size(); ++i) {
    if (seen[i].source == seen[i].target) continue;
    ranked.push_back({-counts[i], seen[i].Name()});
    by_name[seen[i].Name()] = seen[i];
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<DyadSpec> out;
  for (size_t k = 0; k < ranked.size() && static_cast<int>(k) < options.top_dyads; ++k) {
    out.push_back(by_name[ranked[k].second]);
  }
  if (out.empty()) return InvalidArgument(store.path() + ": no events with both countries");
  return out;
}

}  // namespace

Result<DyadSpec> ParseDyadSpec(std::string_view spec) {
  const size_t dash = spec.find('-');
  DyadSpec out;
  if (dash != std::string_view::npos) {
    out.source = UpperTrimmed(spec.substr(0, dash));
    out.target = UpperTrimmed(spec.substr(dash + 1));
  }
  if (out.source.empty() || out.target.empty() || out.target.find('-') != std::string::npos) {
    return InvalidArgument("dyad '" + std::string(spec) +
                           "': expected SOURCE-TARGET, e.g. RUS-PRK");
  }
  return out;
}

std::string TimeAxis::Label(double t) const {
  const int day = static_cast<int>(std::floor(t));
  if (!dated) return "t=" + std::to_string(day);
  return FormatDay(first_day + day);
}

int TimeAxis::FirstWeekday() const { return dated ? ((first_day % 7 + 7 + 3) % 7) : 0; }

Result<StorePoints> PointsFromStore(const store::Store& store, const StorePointsOptions& options) {
  store::EventFilter filter;
  filter.day_from = options.day_from;
  filter.day_to = options.day_to;
  filter.source_countries = options.countries;
  filter.target_countries = options.countries;
  filter.asserted_only = options.asserted_only;
  filter.unit = options.unit;
  const std::set<int> quads(options.quads.begin(), options.quads.end());
  std::map<std::string, int> dyad_ids;
  std::vector<DyadSpec> seen;
  std::vector<int64_t> counts;
  std::vector<Row> rows;
  RETURN_IF_ERROR(store.ForEach(filter, [&](const store::StoredEvent& e) {
    // A point process needs days: events dated only by year or month are
    // not points on their period's first day.
    if (e.source_country.empty() || e.target_country.empty() || e.date_precision < 3 ||
        quads.count(e.quad_class) == 0) {
      return true;
    }
    DyadSpec dyad{e.source_country, e.target_country};
    auto [it, fresh] = dyad_ids.emplace(dyad.Name(), static_cast<int>(seen.size()));
    if (fresh) {
      seen.push_back(std::move(dyad));
      counts.push_back(0);
    }
    ++counts[it->second];
    rows.push_back({e.day, it->second, e.quad_class});
    return true;
  }));
  if (rows.empty()) {
    return InvalidArgument(store.path() + ": no events with both countries and a quad class " +
                           QuadsLabel(quads));
  }
  ASSIGN_OR_RETURN(std::vector<DyadSpec> chosen, ChooseDyads(store, options, seen, counts));
  StorePoints out;
  out.axis.dated = true;
  out.axis.first_day = options.day_from.value_or(rows.front().day);
  const int last_day = options.day_to.value_or(rows.back().day);
  std::map<std::pair<int, int>, int> dim_of;  // (dyad id, quad) -> dimension
  Points& points = out.points;
  for (const DyadSpec& dyad : chosen) {
    auto it = dyad_ids.find(dyad.Name());
    if (options.merge_quads) {
      for (int q : quads) {
        if (it != dyad_ids.end()) dim_of[{it->second, q}] = points.dimensions;
      }
      points.names.push_back(dyad.Name() + ":" + QuadsLabel(quads));
      out.dimension_dyads.push_back(dyad);
      ++points.dimensions;
      continue;
    }
    for (int q : quads) {
      if (it != dyad_ids.end()) dim_of[{it->second, q}] = points.dimensions;
      points.names.push_back(dyad.Name() + ":" + std::to_string(q));
      out.dimension_dyads.push_back(dyad);
      ++points.dimensions;
    }
  }
  std::mt19937_64 rng(options.seed);
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  std::vector<std::pair<double, int>> timed;
  for (const Row& r : rows) {
    auto it = dim_of.find({r.dyad, r.quad});
    if (it == dim_of.end()) continue;
    timed.push_back({r.day - out.axis.first_day + jitter(rng), it->second});
  }
  std::sort(timed.begin(), timed.end());
  for (const auto& [t, d] : timed) {
    points.times.push_back(t);
    points.dims.push_back(d);
  }
  points.start = 0.0;
  points.end = last_day - out.axis.first_day + 1.0;
  return out;
}

}  // namespace ladder::analytics
