// The JSON mapping of every analysis result: the objects `ladder dyad`,
// `network`, `alerts` and `escalation` print with --format json, and what
// the server and the Python binding return, so all shells print the same
// objects. Dates are ISO 8601 ("2023-09-08"); NaN prints as null.
//
// Field names are part of the contract (doc/report.md): add fields, do not
// rename them.
#ifndef LADDER_ANALYTICS_JSON_H_
#define LADDER_ANALYTICS_JSON_H_

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "ladder/analytics.h"
#include "ladder/hawkes.h"
#include "ladder/points.h"

namespace ladder::analytics {

// "full", "partial" (the store has data for part of the period) or "none"
// (no data: its zeros are not zero activity).
const char* CoverageName(PeriodCoverage coverage);

nlohmann::json ChangePointToJson(const ChangePoint& changepoint);
// {a, b, by, count, directions, left_out_imprecise, periods: [{start, ab,
// ba, both, coverage}], changepoints (when given)}.
nlohmann::json DyadSeriesToJson(const DyadSeries& series,
                                const std::vector<ChangePoint>* changepoints);
nlohmann::json PairChangeToJson(const PairChange& change);
// {from, to, mean_tone, blocs, objective, nodes, edges, converging, diverging}.
nlohmann::json NetworkToJson(const AlignmentNetwork& network);
// An array of alerts; only those that fired unless `all`.
nlohmann::json AlertsToJson(std::span<const Alert> alerts, bool all);

// {dimensions (names from `points`), kernel, decay, mu, alpha, ...,
// branching_ratio, standard errors when computed, loglik, events, window,
// iterations, converged, profile, seconds}.
nlohmann::json HawkesFitToJson(const HawkesFit& fit, const Points& points);
// The daily count model: branching ratio with interval and test, rate
// increase, memory, size, weekday factors, mu, log-likelihoods, events.
nlohmann::json CountFitToJson(const CountFit& fit);
nlohmann::json HeldOutToJson(const HeldOut& heldout);
// {dimensions, days (labels on `axis`), mean, lower, upper (per dimension
// and day), interval, total, paths, truncated_paths}.
nlohmann::json ForecastToJson(const Forecast& forecast, const ForecastOptions& options,
                              const std::vector<std::string>& names, const TimeAxis& axis);
nlohmann::json WhatIfToJson(const WhatIf& whatif, const std::vector<std::string>& names);
// {origins (labels on `axis`), horizon, dimensions, models, daily_model_choices, warnings}.
nlohmann::json EvaluationToJson(const Evaluation& evaluation, const TimeAxis& axis);

}  // namespace ladder::analytics

#endif  // LADDER_ANALYTICS_JSON_H_
