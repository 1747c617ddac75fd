// The alignment network: signed country graph, blocs, converging pairs.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "ladder/analytics.h"

namespace ladder::analytics {
namespace {

// Per-pair sums over one half of the window.
struct HalfSums {
  int64_t events = 0;
  double volume = 0, weight = 0;
};

struct PairSums {
  NetworkEdge edge;
  HalfSums half[2];
};

double SignedWeight(const store::StoredEvent& e, double w, EdgeWeighting weighting) {
  if (weighting == EdgeWeighting::kGoldstein) return w * e.goldstein;
  if (e.quad_class == 1 || e.quad_class == 2) return w;
  if (e.quad_class == 3 || e.quad_class == 4) return -w;
  return 0;
}

using Adjacency = std::vector<std::vector<std::pair<int, double>>>;

// Sum of w over edges inside blocs.
double Inside(std::span<const SignedEdge> edges, const std::vector<int>& bloc) {
  double s = 0;
  for (const auto& e : edges) {
    if (bloc[e.i] == bloc[e.j]) s += e.w;
  }
  return s;
}

// Moves single nodes to the bloc (or a new one) that gains most, until no
// move gains; nodes are visited in `order`.
void LocalMoves(const Adjacency& adj, const std::vector<int>& order,
                std::vector<int>* bloc) {
  const int n = static_cast<int>(adj.size());
  for (int sweep = 0; sweep < 100; ++sweep) {
    bool moved = false;
    for (int i : order) {
      std::map<int, double> to_bloc;
      for (auto [j, w] : adj[i]) to_bloc[(*bloc)[j]] += w;
      double here = to_bloc.count((*bloc)[i]) ? to_bloc[(*bloc)[i]] : 0.0;
      int best = (*bloc)[i];
      double best_gain = 1e-12;
      for (auto [b, w] : to_bloc) {
        if (b != (*bloc)[i] && w - here > best_gain) {
          best_gain = w - here;
          best = b;
        }
      }
      if (best == (*bloc)[i] && -here > best_gain) {  // alone is better
        std::vector<bool> used(n + 1, false);
        for (int b : *bloc) used[b] = true;
        best = static_cast<int>(std::find(used.begin(), used.end(), false) - used.begin());
      }
      if (best != (*bloc)[i]) {
        (*bloc)[i] = best;
        moved = true;
      }
    }
    if (!moved) break;
  }
}

// Sign split by the leading eigenvector of A + c I (power iteration).
std::vector<int> SpectralSplit(const Adjacency& adj) {
  const int n = static_cast<int>(adj.size());
  double shift = 0;
  for (const auto& row : adj) {
    double s = 0;
    for (auto [j, w] : row) s += std::fabs(w);
    shift = std::max(shift, s);
  }
  std::vector<double> v(n), next(n);
  for (int i = 0; i < n; ++i) v[i] = 1.0 + 0.01 * ((i * 7919) % 13);
  for (int iter = 0; iter < 300; ++iter) {
    double norm = 0;
    for (int i = 0; i < n; ++i) {
      next[i] = shift * v[i];
      for (auto [j, w] : adj[i]) next[i] += w * v[j];
      norm += next[i] * next[i];
    }
    norm = std::sqrt(norm);
    if (!(norm > 0)) break;
    for (int i = 0; i < n; ++i) v[i] = next[i] / norm;
  }
  std::vector<int> bloc(n);
  for (int i = 0; i < n; ++i) bloc[i] = v[i] >= 0 ? 0 : 1;
  return bloc;
}

// 0 = largest bloc; ties by the smallest node.
std::vector<int> Renumber(const std::vector<int>& bloc) {
  std::map<int, std::pair<int, int>> info;  // bloc -> (-size, first node)
  for (int i = 0; i < static_cast<int>(bloc.size()); ++i) {
    auto [it, added] = info.try_emplace(bloc[i], 0, i);
    --it->second.first;
  }
  std::vector<std::pair<std::pair<int, int>, int>> keys;
  for (auto& [b, key] : info) keys.push_back({key, b});
  std::sort(keys.begin(), keys.end());
  std::map<int, int> rank;
  for (size_t r = 0; r < keys.size(); ++r) rank[keys[r].second] = static_cast<int>(r);
  std::vector<int> out(bloc.size());
  for (size_t i = 0; i < bloc.size(); ++i) out[i] = rank[bloc[i]];
  return out;
}

}  // namespace

std::vector<int> FindSignedBlocs(int num_nodes, std::span<const SignedEdge> edges,
                                 int restarts, uint64_t seed, double* objective) {
  const int n = std::max(0, num_nodes);
  Adjacency adj(n);
  std::vector<SignedEdge> valid;
  for (const auto& e : edges) {
    if (e.i < 0 || e.j < 0 || e.i >= n || e.j >= n || e.i == e.j ||
        !std::isfinite(e.w)) {
      continue;
    }
    adj[e.i].push_back({e.j, e.w});
    adj[e.j].push_back({e.i, e.w});
    valid.push_back(e);
  }
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::vector<int> best = SpectralSplit(adj);
  LocalMoves(adj, order, &best);
  double best_value = Inside(valid, best);
  std::mt19937_64 rng(seed);
  for (int r = 0; r < restarts; ++r) {
    std::vector<int> bloc(n);
    std::iota(bloc.begin(), bloc.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    LocalMoves(adj, order, &bloc);
    double value = Inside(valid, bloc);
    if (value > best_value + 1e-9) {
      best_value = value;
      best = bloc;
    }
  }
  double total = 0;
  for (const auto& e : valid) total += e.w;
  if (objective) *objective = 2 * best_value - total;  // inside - between
  return Renumber(best);
}

namespace {

// Fills converging / diverging from the per-half sums.
void FindChanges(const std::vector<PairSums>& pairs, const NetworkOptions& options,
                 AlignmentNetwork* net) {
  std::vector<PairChange> changes;
  for (const PairSums& p : pairs) {
    if (p.half[0].events < options.min_change_events ||
        p.half[1].events < options.min_change_events ||
        p.half[0].volume <= 0 || p.half[1].volume <= 0) {
      continue;
    }
    PairChange c{p.edge.a, p.edge.b, p.half[0].weight, p.half[1].weight,
                 p.half[0].weight / p.half[0].volume,
                 p.half[1].weight / p.half[1].volume, 0,
                 p.half[0].events, p.half[1].events};
    c.change = c.tone_second - c.tone_first;
    changes.push_back(c);
  }
  const size_t top = static_cast<size_t>(std::max(0, options.top_changes));
  std::stable_sort(changes.begin(), changes.end(),
                   [](const PairChange& x, const PairChange& y) { return x.change > y.change; });
  for (const auto& c : changes) {
    if (c.change > 1e-12 && net->converging.size() < top) net->converging.push_back(c);
  }
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    if (it->change < -1e-12 && net->diverging.size() < top) net->diverging.push_back(*it);
  }
}

}  // namespace

namespace {

bool Keep(const store::StoredEvent& e, const NetworkOptions& options) {
  if (e.source_country.empty() || e.target_country.empty() ||
      e.source_country == e.target_country || store::IsRegionCode(e.source_country) ||
      store::IsRegionCode(e.target_country)) {
    return false;
  }
  if (options.asserted_only && e.modality != "asserted") return false;
  if (options.day_from && e.day < *options.day_from) return false;
  return !(options.day_to && e.day > *options.day_to);
}

Status CheckRange(const NetworkOptions& options) {
  if (options.day_from && options.day_to && *options.day_from > *options.day_to) {
    return InvalidArgument("the range starts (" + FormatDay(*options.day_from) +
                           ") after it ends (" + FormatDay(*options.day_to) + ")");
  }
  return Status::Ok();
}

// Sums events per unordered pair over the window [day_from, day_to].
class NetworkAccumulator {
 public:
  NetworkAccumulator(const NetworkOptions& options, int day_from, int day_to)
      : options_(options), day_from_(day_from), day_to_(day_to),
        mid_(day_from + (day_to - day_from + 1) / 2) {}

  void Add(const store::StoredEvent& e) {
    if (!Keep(e, options_)) return;
    auto [a, b] = std::minmax(e.source_country, e.target_country);
    PairSums& p = sums_[{a, b}];
    double w = options_.count_by == CountBy::kMentions ? std::max(0, e.mentions) : 1.0;
    double sw = SignedWeight(e, w, options_.weighting);
    p.edge.events += 1;
    p.edge.volume += w;
    if (e.quad_class == 1 || e.quad_class == 2) p.edge.cooperation += w;
    if (e.quad_class == 3 || e.quad_class == 4) p.edge.conflict += w;
    p.edge.weight += sw;
    HalfSums& h = p.half[e.day < mid_ ? 0 : 1];
    h.events += 1;
    h.volume += w;
    h.weight += sw;
  }

  AlignmentNetwork Finish();

 private:
  const NetworkOptions& options_;
  int day_from_, day_to_, mid_;
  std::map<std::pair<std::string, std::string>, PairSums> sums_;
};

AlignmentNetwork NetworkAccumulator::Finish() {
  AlignmentNetwork net;
  net.day_from = day_from_;
  net.day_to = day_to_;
  std::vector<PairSums> kept;
  std::map<std::string, int> index;
  for (auto& [key, p] : sums_) {
    if (p.edge.events < options_.min_events) continue;
    p.edge.a = key.first;
    p.edge.b = key.second;
    index[key.first] = index[key.second] = 0;
    kept.push_back(p);
  }
  for (auto& [name, i] : index) {
    i = static_cast<int>(net.nodes.size());
    net.nodes.push_back(name);
  }
  double total_weight = 0, total_volume = 0;
  for (PairSums& p : kept) {
    p.edge.ia = index[p.edge.a];
    p.edge.ib = index[p.edge.b];
    total_weight += p.edge.weight;
    total_volume += p.edge.volume;
  }
  net.mean_tone =
      options_.centered && total_volume > 0 ? total_weight / total_volume : 0;
  std::vector<SignedEdge> signed_edges;
  for (PairSums& p : kept) {
    p.edge.affinity = p.edge.weight - net.mean_tone * p.edge.volume;
    signed_edges.push_back({p.edge.ia, p.edge.ib, p.edge.affinity});
    net.edges.push_back(p.edge);
  }
  net.bloc = FindSignedBlocs(static_cast<int>(net.nodes.size()), signed_edges,
                             options_.restarts, 20240917, &net.objective);
  net.num_blocs =
      net.bloc.empty() ? 0 : *std::max_element(net.bloc.begin(), net.bloc.end()) + 1;
  FindChanges(kept, options_, &net);
  return net;
}

}  // namespace

Result<AlignmentNetwork> BuildNetwork(std::span<const store::StoredEvent> events,
                                      const NetworkOptions& options) {
  RETURN_IF_ERROR(CheckRange(options));
  std::optional<int> lo = options.day_from, hi = options.day_to;
  for (const auto& e : events) {
    if (!Keep(e, options)) continue;
    if (!options.day_from) lo = lo ? std::min(*lo, e.day) : e.day;
    if (!options.day_to) hi = hi ? std::max(*hi, e.day) : e.day;
  }
  if (!lo || !hi) return AlignmentNetwork{};
  NetworkAccumulator acc(options, *lo, *hi);
  for (const auto& e : events) acc.Add(e);
  return acc.Finish();
}

Result<AlignmentNetwork> QueryNetwork(const store::Store& store,
                                      const NetworkOptions& options) {
  RETURN_IF_ERROR(CheckRange(options));
  store::EventFilter filter;
  filter.day_from = options.day_from;
  filter.day_to = options.day_to;
  filter.asserted_only = options.asserted_only;
  std::optional<int> lo = options.day_from, hi = options.day_to;
  if (!lo || !hi) {  // one pass for the window's ends
    RETURN_IF_ERROR(store.ForEach(filter, [&](const store::StoredEvent& e) {
      if (!Keep(e, options)) return true;
      if (!options.day_from) lo = lo ? std::min(*lo, e.day) : e.day;
      if (!options.day_to) hi = hi ? std::max(*hi, e.day) : e.day;
      return true;
    }));
  }
  if (!lo || !hi) return AlignmentNetwork{};
  NetworkAccumulator acc(options, *lo, *hi);
  RETURN_IF_ERROR(store.ForEach(filter, [&](const store::StoredEvent& e) {
    acc.Add(e);
    return true;
  }));
  return acc.Finish();
}

Result<EdgeWeighting> ParseEdgeWeighting(std::string_view name) {
  if (name == "sign") return EdgeWeighting::kQuadSign;
  if (name == "goldstein") return EdgeWeighting::kGoldstein;
  return InvalidArgument("unknown weighting '" + std::string(name) +
                         "' (expected sign or goldstein)");
}

}  // namespace ladder::analytics
