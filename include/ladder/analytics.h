// Dyad series, the alignment network, change points, alerts and the HTML
// report: analytics over the event store.
//
// Every computation has two entry points: a pure function over a list of
// store::StoredEvent (what tests and other callers with events in memory use)
// and a Query* wrapper that reads the events from a store::Store. Functions
// are thread-safe (no shared state); a Store is used by one thread at a time.
// doc/report.md describes the methods.
#ifndef LADDER_ANALYTICS_H_
#define LADDER_ANALYTICS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ladder/status.h"
#include "ladder/store.h"

namespace ladder::analytics {

// ---- Dates and periods ----

// "YYYY-MM-DD" -> days since 1970-01-01; an error naming the text otherwise.
Result<int> ParseDay(std::string_view iso);
std::string FormatDay(int day);

enum class Period { kDay, kWeek, kMonth };

// "day" | "week" | "month".
Result<Period> ParsePeriod(std::string_view name);
const char* PeriodName(Period period);
// First day of the period holding `day` (weeks start on Monday).
int PeriodStart(Period period, int day);
// First day of the period after the one starting at `start`.
int NextPeriodStart(Period period, int start);

// ---- Dyad series (issue item 4) ----

// What one event adds to a count: 1, or its number of reports (mentions).
enum class CountBy { kEvents, kMentions };
Result<CountBy> ParseCountBy(std::string_view name);  // "events" | "mentions"

// Counts for one direction (or both) in one period. With CountBy::kMentions
// every event weighs its mentions, in the quad counts and in the Goldstein
// sum alike; goldstein_mean is then mention-weighted.
struct DirectionCounts {
  std::array<double, 4> quad = {0, 0, 0, 0};  // q1..q4
  double total = 0;          // sum of weights (events without quad included)
  double goldstein_sum = 0;  // sum of weight * goldstein
  double goldstein_mean() const { return total > 0 ? goldstein_sum / total : 0; }
  double cooperation() const { return quad[0] + quad[1]; }
  double conflict() const { return quad[2] + quad[3]; }
};

// Whether the store has data for all of a period, part of it, or none
// (before the first or after the last event of every source). A period
// without coverage is no data, not zero activity.
enum class PeriodCoverage { kFull, kPartial, kNone };

struct DyadPeriod {
  int start = 0;  // first day of the period
  DirectionCounts ab;    // a -> b
  DirectionCounts ba;    // b -> a
  DirectionCounts both;  // ab + ba
  PeriodCoverage coverage = PeriodCoverage::kFull;  // set by MarkCoverage
};

struct DyadOptions {
  Period period = Period::kWeek;
  // Inclusive range; when absent, the first/last day with an event of the
  // dyad. Every period between is present, empty ones as zeros.
  std::optional<int> day_from, day_to;
  CountBy count_by = CountBy::kEvents;
  bool asserted_only = false;
};

struct DyadSeries {
  std::string a, b;  // country codes as asked
  Period period = Period::kWeek;
  CountBy count_by = CountBy::kEvents;
  std::vector<DyadPeriod> periods;  // consecutive, oldest first
  // Events of the dyad whose date is coarser than the period (a year-only
  // date in a monthly series, a month-only one in a weekly or daily series):
  // left out, not counted in the first period, and counted here.
  int64_t left_out_imprecise = 0;
};

// The date precision (StoredEvent::date_precision) a period needs: 3 (a
// day) for days and weeks, 2 (a month) for months.
int PrecisionNeeded(Period period);

// Builds the series from `events` (any order; events of other dyads, outside
// the range, or non-asserted when asked are ignored). a == b or an empty code
// is an error; no events is an empty series (or zeros if a range is given).
Result<DyadSeries> BuildDyadSeries(std::span<const store::StoredEvent> events,
                                   std::string_view a, std::string_view b,
                                   const DyadOptions& options);
Result<DyadSeries> QueryDyadSeries(const store::Store& store,
                                   std::string_view a, std::string_view b,
                                   const DyadOptions& options);

// `series` without its last period when that period ends after `last_day`
// (a week or month the data does not cover to its end): what alerts and
// change points should look at.
DyadSeries CompletePeriods(const DyadSeries& series, int last_day);

// ---- Coverage (what the store has data for) ----

// Days with data: the union of each source's [first, last] event day.
struct Coverage {
  std::vector<std::pair<int, int>> spans;  // merged, sorted, inclusive
  bool empty() const { return spans.empty(); }
  int first_day() const { return spans.empty() ? 0 : spans.front().first; }
  int last_day() const { return spans.empty() ? 0 : spans.back().second; }
  // kFull: [first, last] lies in one span; kNone: it meets none.
  PeriodCoverage Of(int first, int last) const;
};
Result<Coverage> QueryCoverage(const store::Store& store);
// Sets every period's coverage.
void MarkCoverage(const Coverage& coverage, DyadSeries* series);
// Marks the periods that stick out of the window [day_from, day_to] (a
// week starting before --from, a month ending after --to) as kPartial: the
// series counts only their days inside it.
void MarkWindow(int day_from, int day_to, DyadSeries* series);
// The part of `series` from its first to its last fully covered period
// (periods outside coverage at either end dropped); `*offset` gets the index
// of its first period in `series`. Change points are looked for here, so the
// edge of coverage is not a "fall to 0".
DyadSeries CoveredPart(const DyadSeries& series, int* offset);

// Which column of a dyad series a detector or alert looks at: conflict (quad
// 3 + 4), cooperation (quad 1 + 2), material conflict (quad 4), or the
// Goldstein sum (net intensity: negative when hostile), both directions.
enum class SeriesKind { kConflict, kCooperation, kMaterialConflict, kGoldstein };
const char* SeriesKindName(SeriesKind kind);
// The combined (both directions) values of `kind`, one per period.
std::vector<double> ExtractSeries(const DyadSeries& series, SeriesKind kind);

// ---- Change points (issue item 6) ----

struct CusumOptions {
  // A split is kept when the standardized CUSUM statistic reaches this.
  double threshold = 4.0;
  int min_segment = 3;  // periods on each side of a split, at least
};

struct BocpdOptions {
  double hazard = 1.0 / 50;  // prior probability of a change each period
  // Gamma(shape, rate) prior on the Poisson rate; rate <= 0 = empirical:
  // the series mean is the prior mean, with `prior_shape` pseudo-counts.
  double prior_shape = 1.0;
  double prior_rate = 0.0;
  // A change at period c is reported when, `lag` periods later (or at the
  // end of the series), the posterior probability that the current regime
  // started within one period of c is at least `min_probability`, and c is
  // the most probable start among c-1, c, c+1.
  int lag = 8;
  double min_probability = 0.6;
  int max_run_length = 2000;  // run lengths beyond are merged into the last
};

struct ChangePoint {
  int index = 0;  // first period of the new regime
  int day = 0;    // its first day (0 when detected on a bare vector)
  std::string method;  // "cusum" | "bocpd"
  std::string series;  // SeriesKindName, or "" for a bare vector
  bool up = true;      // the level rose
  double mean_before = 0, mean_after = 0;
  double score = 0;  // CUSUM statistic at the alarm / BOCPD probability
};

// CUSUM binary segmentation: in a segment of n values the split k maximizes
// the standardized CUSUM statistic sqrt(k (n - k) / n) |mean_left -
// mean_right| / sigma; it is kept when that reaches options.threshold, and
// both sides are searched again. sigma is one robust scale for the series:
// 1.4826 MAD(first differences) / sqrt(2) (level shifts do not inflate it),
// floored at sqrt(mean) for count series (Poisson) and at the plain standard
// deviation of the differences when the MAD is 0. A constant series has none.
std::vector<ChangePoint> DetectCusum(std::span<const double> values,
                                     const CusumOptions& options = {});
// Bayesian online change point detection (Adams & MacKay 2007) with a
// Poisson likelihood and a conjugate Gamma prior; values are counts (negative
// values are treated as 0, fractions are allowed).
std::vector<ChangePoint> DetectBocpd(std::span<const double> values,
                                     const BocpdOptions& options = {});

struct ChangePointOptions {
  CusumOptions cusum;
  BocpdOptions bocpd;
  bool use_cusum = true;
  bool use_bocpd = true;
  // Counts (conflict, cooperation) get both methods; Goldstein only CUSUM.
  std::vector<SeriesKind> kinds = {SeriesKind::kConflict,
                                   SeriesKind::kCooperation,
                                   SeriesKind::kGoldstein};
};

// Change points of a dyad series, ordered by index, with day and series set.
std::vector<ChangePoint> DetectChangePoints(const DyadSeries& series,
                                            const ChangePointOptions& options = {});

// ---- Alerts (issue item 6) ----

struct AlertOptions {
  double k = 2.0;          // "above mean + k sd"
  int short_window = 4;    // periods of the short baseline
  int long_window = 52;    // periods of the long baseline
  double min_value = 3.0;  // the latest value must reach this to alert
};

struct Alert {
  std::string a, b;    // dyad (filled by callers that know it)
  std::string series;  // SeriesKindName
  int day = 0;         // first day of the latest period
  double value = 0;    // latest value
  double short_mean = 0, short_sd = 0;
  double long_mean = 0, long_sd = 0, long_max = 0;
  bool above_short = false;    // value > short_mean + k * short_sd
  bool above_long = false;     // value > long_mean + k * long_sd
  bool above_long_max = false;  // value > long_max
  bool fired() const { return above_short || above_long || above_long_max; }
};

// Compares the last value of `values` with the `short_window` and
// `long_window` values before it (fewer when the series is shorter; at least
// two earlier values are needed, else no alert). Always returns the
// comparison; Alert::fired() says whether it is an alert.
std::optional<Alert> CheckLatest(std::span<const double> values,
                                 const AlertOptions& options = {});

// Checks the conflict and material-conflict columns of `series` at its last
// period.
std::vector<Alert> CheckDyadAlerts(const DyadSeries& series,
                                   const AlertOptions& options = {});

// The one baseline rule of `ladder alerts` and `ladder report` (doc/report.md,
// "Alerts"): the latest period is the one holding `day_to`, left out when the
// data or day_to ends inside it (unless include_partial) -- then the period
// before it is the latest; its baselines are the short_window and
// long_window periods before it, never before `day_from` (when given) and
// never outside the store's coverage. Without day_from the series starts
// long_window periods before day_to.
struct AlertQuery {
  Period period = Period::kWeek;
  std::optional<int> day_from;
  int day_to = 0;
  CountBy count_by = CountBy::kEvents;
  bool asserted_only = false;
  bool include_partial = false;
  AlertOptions alerts;
};
Result<std::vector<Alert>> QueryDyadAlerts(const store::Store& store, std::string_view a,
                                           std::string_view b, const AlertQuery& query,
                                           const Coverage& coverage);

// The `top` dyads (a < b, unordered) with the most conflict events in
// [day_from, day_to], most first.
Result<std::vector<std::pair<std::string, std::string>>> TopConflictDyads(
    const store::Store& store, int day_from, int day_to, int top);

// ---- Alignment network (issue item 5) ----

enum class EdgeWeighting {
  kQuadSign,   // +w for quad 1 and 2, -w for quad 3 and 4 (w = count weight)
  kGoldstein,  // w * goldstein
};
Result<EdgeWeighting> ParseEdgeWeighting(std::string_view name);  // "sign" | "goldstein"

struct NetworkOptions {
  std::optional<int> day_from, day_to;  // inclusive; absent = all events
  int64_t min_events = 1;   // edges with fewer events (both directions) dropped
  EdgeWeighting weighting = EdgeWeighting::kQuadSign;
  CountBy count_by = CountBy::kEvents;
  bool asserted_only = false;
  // Bloc affinity = weight - center * volume (see NetworkEdge); true centers
  // on the window's mean tone, false uses the raw weight.
  bool centered = true;
  int restarts = 8;        // random restarts of the bloc search (fixed seed)
  int top_changes = 10;    // converging / diverging pairs reported
  int64_t min_change_events = 3;  // events needed in each half for a change
};

// An undirected edge between two countries (a < b), both directions summed.
struct NetworkEdge {
  std::string a, b;
  int ia = 0, ib = 0;     // indexes into AlignmentNetwork::nodes
  int64_t events = 0;
  double volume = 0;      // sum of count weights
  double cooperation = 0, conflict = 0;  // quad 1+2 and 3+4 volumes
  double weight = 0;      // cooperation minus conflict, per `weighting`
  double affinity = 0;    // weight - mean_tone * volume (or weight)
  double tone() const { return volume > 0 ? weight / volume : 0; }
};

// A pair whose tone changed between the first and second half of the window.
struct PairChange {
  std::string a, b;
  double weight_first = 0, weight_second = 0;  // net weight in each half
  double tone_first = 0, tone_second = 0;      // weight / volume, in [-1, 1]
  double change = 0;                           // tone_second - tone_first
  int64_t events_first = 0, events_second = 0;
};

struct AlignmentNetwork {
  std::vector<std::string> nodes;  // sorted country codes
  std::vector<NetworkEdge> edges;  // sorted by (a, b)
  std::vector<int> bloc;           // per node: 0 = largest bloc, 1, ...
  int num_blocs = 0;
  double mean_tone = 0;  // center used for affinities (0 when not centered)
  double objective = 0;  // affinity inside blocs minus affinity between
  int day_from = 0, day_to = 0;  // the window used (split at the middle)
  std::vector<PairChange> converging;  // largest positive changes first
  std::vector<PairChange> diverging;   // largest negative changes first
};

// Countries ("" or equal source/target dropped) become nodes; edges as above.
Result<AlignmentNetwork> BuildNetwork(std::span<const store::StoredEvent> events,
                                      const NetworkOptions& options);
Result<AlignmentNetwork> QueryNetwork(const store::Store& store,
                                      const NetworkOptions& options);

struct SignedEdge {
  int i = 0, j = 0;
  double w = 0;
};

// Correlation clustering of a signed graph: blocs that maximize the weight
// inside blocs minus the weight between them, i.e. sum of w inside blocs.
// Starts from a spectral split (leading eigenvector of the signed adjacency)
// and from `restarts` random orders (seeded by `seed`), improves each by
// single-node moves until none helps, keeps the best. Returns the bloc of
// each node, renumbered by size (0 = largest); `objective` gets the value.
std::vector<int> FindSignedBlocs(int num_nodes, std::span<const SignedEdge> edges,
                                 int restarts, uint64_t seed, double* objective);

// ---- Escalation summary (rendered by the report; filled from the Hawkes fit) ----

struct EscalationSummary {
  struct Excitation {
    std::string from, to;  // dimension names: an event in `from` raises `to`
    double alpha = 0;      // expected offspring in `to` per event in `from`
  };
  std::vector<std::string> dimensions;  // e.g. "RUS-UKR:3+4"
  std::vector<double> mu;               // baseline rate per day, per dimension
  double branching_ratio = 0;           // spectral radius of the alpha matrix
  std::vector<Excitation> top_alpha;    // largest first
  double decay = 0;                     // kernel decay per day (0 = unknown)
  double log_likelihood = 0;
  int64_t events = 0;
  std::string note;  // free text shown under the table (e.g. the model used)
  // The daily count model per pair (conflict in either direction, one
  // series): the branching ratio with its 95% interval and the test against
  // no excitation (hawkes.h, FitCountModel).
  struct PairExcitation {
    std::string a, b;
    double branching_ratio = 0, lower = 0, upper = 0;
    double p_value = 1;
    bool significant = false;
    int64_t events = 0;
    std::string method;  // e.g. "parametric bootstrap, 199 replicates"
  };
  std::vector<PairExcitation> pairs;
  std::vector<std::string> warnings;  // each names what to do
};
// "conflict between A and B raised the rate of further conflict by X% (95%
// CI L%-U%), significant / not significant against a model with no
// excitation (p = P)": the rate increase is alpha / (1 - alpha), the
// long-run share added by excitation.
std::string ExcitationSentence(const EscalationSummary::PairExcitation& pair);

// ---- Report (issue item 8) ----

struct ReportOptions {
  std::vector<std::string> countries;  // at least two
  std::optional<int> day_from, day_to;  // absent: the store's event range
  Period period = Period::kWeek;
  CountBy count_by = CountBy::kEvents;
  bool asserted_only = false;
  std::string title = "ladder escalation report";
  int64_t network_min_events = 1;
  AlertOptions alerts;
};

// Everything the report shows; BuildReportData fills it from a store.
struct ReportData {
  ReportOptions options;
  int day_from = 0, day_to = 0;
  int64_t total_events = 0;  // events in range touching the countries
  std::vector<DyadSeries> dyads;                      // one per pair asked
  std::vector<std::vector<ChangePoint>> changepoints;  // parallel to dyads
  AlignmentNetwork network;
  std::vector<Alert> alerts;  // latest-period comparisons, fired or not
  Coverage coverage;          // what the store has data for
  std::optional<EscalationSummary> escalation;
};

Result<ReportData> BuildReportData(const store::Store& store,
                                   const ReportOptions& options);

// The report's escalation section: a Hawkes fit on conflict (quad 3-4)
// between the report's countries, one dimension per directed dyad (the
// `max_dimensions` busiest; PointsFromStore in ladder/points.h, seed 1), and
// the daily count model per pair of countries with its bootstrap interval
// (`threads` workers; 0 = all cores). Errors: too few conflict events.
Result<EscalationSummary> FitReportEscalation(const store::Store& store, const ReportData& data,
                                              int max_dimensions, int threads);
// One self-contained HTML document: inline CSS and SVG, no scripts, nothing
// fetched. All text from the data is HTML-escaped.
std::string RenderReportHtml(const ReportData& data);

}  // namespace ladder::analytics

#endif  // LADDER_ANALYTICS_H_
