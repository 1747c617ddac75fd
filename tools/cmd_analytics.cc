// ladder dyad | network | alerts | report: analytics over the store.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli_args.h"
#include "commands.h"
#include "ladder/analytics.h"
#include "ladder/analytics_json.h"
#include "ladder/hawkes.h"
#include "ladder/points.h"
#include "ladder/store.h"

namespace ladder::tools {
namespace {

namespace an = ladder::analytics;
using nlohmann::json;


// Upper-cased, without surrounding blanks ("rus " -> "RUS").
std::string Upper(std::string s) {
  size_t first = s.find_first_not_of(" \t");
  size_t last = s.find_last_not_of(" \t");
  s = first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// ISO 3166-1 alpha-3 codes (Debian iso-codes); empty if unreadable.
const std::set<std::string>& IsoCountryCodes() {
  static const std::set<std::string> codes = [] {
    std::set<std::string> out;
    std::ifstream in("/usr/share/iso-codes/json/iso_3166-1.json");
    json doc = json::parse(in, nullptr, false);
    if (doc.is_object() && doc.contains("3166-1") && doc["3166-1"].is_array()) {
      for (const auto& c : doc["3166-1"]) {
        if (c.is_object() && c.contains("alpha_3") && c["alpha_3"].is_string()) {
          out.insert(c["alpha_3"].get<std::string>());
        }
      }
    }
    return out;
  }();
  return codes;
}

// Checks the country codes a user typed (already Upper()): a code some event
// in the store has is fine; an ISO 3166 code without events gets a note; a
// region or anything else is an error naming it (the caller exits 2).
Status CheckCountries(const store::Store& db, const std::vector<std::string>& codes) {
  for (const std::string& code : codes) {
    if (code.empty()) return InvalidArgument("empty country code in the list");
    if (store::IsRegionCode(code)) {
      return InvalidArgument("'" + code + "' is a region code (CAMEO), not a country");
    }
    store::EventFilter filter;
    filter.countries = {code};
    filter.limit = 1;
    ASSIGN_OR_RETURN(int64_t n, db.Count(filter));
    if (n > 0) continue;
    if (IsoCountryCodes().count(code) == 0) {
      return InvalidArgument("unknown country code '" + code +
                             "' (not an ISO 3166 alpha-3 code, and no event in " +
                             db.path() + " has it)");
    }
    std::fprintf(stderr, "note: no events of %s in %s\n", code.c_str(), db.path().c_str());
  }
  return Status::Ok();
}

// Options shared by the subcommands, as typed.
struct Common {
  std::string db;
  std::string by = "week", from, to, count = "events";
  bool asserted_only = true;  // hedged text is not counted as fact by default
};

void AddCommon(CLI::App& app, Common* c, bool with_period) {
  AddDbOption(&app, &c->db, "store file");
  app.add_option("--from", c->from, "first day (YYYY-MM-DD)");
  app.add_option("--to", c->to, "last day (YYYY-MM-DD)");
  app.add_option("--count", c->count, "events or mentions")->capture_default_str();
  app.add_flag("--asserted-only,!--all-modalities", c->asserted_only, "count only asserted events (the default); --all-modalities adds future, hypothetical, negated and alleged ones");
  if (with_period) app.add_option("--by", c->by, "day, week or month")->capture_default_str();
}

// Parsed common options; the first error is reported and returned.
struct Parsed {
  std::optional<int> from, to;
  an::Period period = an::Period::kWeek;
  an::CountBy count = an::CountBy::kEvents;
};

bool ParseCommon(const Common& c, Parsed* p) {
  auto fail = [](const Status& s) {
    PrintError(s.message());
    return false;
  };
  if (!c.from.empty()) {
    auto d = an::ParseDay(c.from);
    if (!d.ok()) return fail(d.status());
    p->from = *d;
  }
  if (!c.to.empty()) {
    auto d = an::ParseDay(c.to);
    if (!d.ok()) return fail(d.status());
    p->to = *d;
  }
  auto period = an::ParsePeriod(c.by);
  if (!period.ok()) return fail(period.status());
  p->period = *period;
  auto count = an::ParseCountBy(c.count);
  if (!count.ok()) return fail(count.status());
  p->count = *count;
  return true;
}

Result<std::unique_ptr<store::Store>> OpenForReading(const std::string& path) {
  if (path != ":memory:" && !std::ifstream(path).good()) {
    return NotFound(path + ": no such store (create it with 'ladder ingest' or 'ladder import')");
  }
  store::StoreOptions options;
  options.read_only = true;
  ASSIGN_OR_RETURN(std::unique_ptr<store::Store> db, store::Store::Open(path, options));
  ASSIGN_OR_RETURN(int64_t events, db->Count());
  if (events == 0) {
    return NotFound(path + ": the store holds no events (fill it with 'ladder ingest' "
                           "or 'ladder import'); nothing to analyse");
  }
  return db;
}

std::string CsvNum(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void PrintDyadCsv(const an::DyadSeries& s, const std::vector<an::ChangePoint>* cps) {
  std::string header = "period_start";
  for (const std::string& d : {s.a + "_" + s.b, s.b + "_" + s.a, std::string("both")}) {
    for (const char* f : {"q1", "q2", "q3", "q4", "total", "goldstein_sum", "goldstein_mean"}) {
      header += "," + d + "_" + f;
    }
  }
  header += ",coverage";
  if (cps) header += ",changepoints";
  std::cout << header << "\n";
  for (size_t i = 0; i < s.periods.size(); ++i) {
    const auto& p = s.periods[i];
    std::string row = an::FormatDay(p.start);
    for (const auto* c : {&p.ab, &p.ba, &p.both}) {
      for (double v : c->quad) row += "," + CsvNum(v);
      row += "," + CsvNum(c->total) + "," + CsvNum(c->goldstein_sum) + "," +
             CsvNum(c->goldstein_mean());
    }
    row += std::string(",") + an::CoverageName(p.coverage);
    if (cps) {
      std::string marks;
      for (const auto& cp : *cps) {
        if (cp.index != static_cast<int>(i)) continue;
        marks += (marks.empty() ? "" : ";") + cp.method + ":" + cp.series + ":" +
                 (cp.up ? "up" : "down");
      }
      row += "," + marks;
    }
    std::cout << row << "\n";
  }
}

int RunDyad(int argc, char** argv) {
  CLI::App app(
      "Event series of one dyad per day, week or month: counts per quad class "
      "(q1 verbal cooperation .. q4 material conflict), Goldstein sum and mean, "
      "for each direction and both; empty periods are zeros, and a coverage "
      "column says whether the store has data for the period (full, partial, "
      "none: no data is not zero).",
      "dyad");
  Common c;
  std::vector<std::string> countries;
  std::string format, output;
  bool changepoints = false;
  app.add_option("countries", countries, "two country codes (RUS PRK or RUS-PRK)")
      ->required()->expected(1, 2);
  AddCommon(app, &c, true);
  AddFormatOption(&app, &format, {"csv", "json"}, "csv or json");
  AddOutputOption(&app, &output, "write the series to FILE");
  app.add_flag("--changepoints", changepoints,
               "detect change points (CUSUM and Bayesian online)");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (countries.size() == 1) {
    Result<an::DyadSpec> dyad = an::ParseDyadSpec(countries[0]);
    if (!dyad.ok()) {
      PrintError("dyad: give two countries ('RUS PRK' or 'RUS-PRK'): " + dyad.status().message());
      return kExitUsage;
    }
    countries = {dyad->source, dyad->target};
  }
  Parsed p;
  if (!ParseCommon(c, &p)) return kExitUsage;
  an::DyadOptions options{p.period, p.from, p.to, p.count, c.asserted_only};
  auto db = OpenForReading(c.db);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitFailure;
  }
  countries = {Upper(countries[0]), Upper(countries[1])};
  if (Status ok = CheckCountries(**db, countries); !ok.ok()) {
    PrintError("dyad: " + ok.message());
    return kExitUsage;
  }
  auto series = an::QueryDyadSeries(**db, countries[0], countries[1], options);
  if (!series.ok()) {
    PrintError(series.status().message());
    return ExitCodeFor(series.status());
  }
  if (series->left_out_imprecise > 0) {
    std::fprintf(stderr,
                 "note: %lld event(s) of %s-%s dated only by %s left out of this "
                 "%s series (not counted in its first period)\n",
                 static_cast<long long>(series->left_out_imprecise), series->a.c_str(),
                 series->b.c_str(), p.period == an::Period::kMonth ? "year" : "year or month",
                 an::PeriodName(p.period));
  }
  auto coverage = an::QueryCoverage(**db);
  if (!coverage.ok()) {
    PrintError(coverage.status().message());
    return kExitFailure;
  }
  an::MarkCoverage(*coverage, &*series);
  if (p.from || p.to) {
    an::MarkWindow(p.from.value_or(INT_MIN), p.to.value_or(INT_MAX), &*series);
  }
  std::vector<an::ChangePoint> cps;
  if (changepoints) {
    // Inside the store's coverage only: its edges are no change.
    int offset = 0;
    cps = an::DetectChangePoints(an::CoveredPart(*series, &offset));
    for (auto& cp : cps) cp.index += offset;
  }
  if (Status s = RedirectStdout(output); !s.ok()) {
    PrintError(s.message());
    return kExitFailure;
  }
  if (format == "json") {
    std::cout << an::DyadSeriesToJson(*series, changepoints ? &cps : nullptr).dump(2) << "\n";
  } else {
    PrintDyadCsv(*series, changepoints ? &cps : nullptr);
  }
  return kExitOk;
}

void PrintNetworkCsv(const an::AlignmentNetwork& net) {
  std::cout << "# edges\na,b,events,cooperation,conflict,weight,affinity,bloc_a,bloc_b\n";
  for (const auto& e : net.edges) {
    std::cout << e.a << "," << e.b << "," << e.events << "," << CsvNum(e.cooperation) << ","
              << CsvNum(e.conflict) << "," << CsvNum(e.weight) << "," << CsvNum(e.affinity)
              << "," << net.bloc[e.ia] << "," << net.bloc[e.ib] << "\n";
  }
  std::cout << "\n# pair changes (first half -> second half)\n"
               "kind,a,b,weight_first,weight_second,tone_first,tone_second,change\n";
  for (const auto* list : {&net.converging, &net.diverging}) {
    for (const auto& x : *list) {
      std::cout << (list == &net.converging ? "converging," : "diverging,") << x.a << ","
                << x.b << "," << CsvNum(x.weight_first) << "," << CsvNum(x.weight_second)
                << "," << CsvNum(x.tone_first) << "," << CsvNum(x.tone_second) << ","
                << CsvNum(x.change) << "\n";
    }
  }
}

int RunNetwork(int argc, char** argv) {
  CLI::App app(
      "The alignment network: countries as nodes, edge weight = cooperation "
      "minus conflict (quad 1-2 count +1, quad 3-4 count -1; or Goldstein-"
      "weighted), blocs by signed clustering, and the pairs converging or "
      "diverging between the first and second half of the window.",
      "network");
  Common c;
  an::NetworkOptions options;
  std::string format, output, weighting = "sign";
  bool raw = false;
  AddCommon(app, &c, false);
  app.add_option("--min-events", options.min_events, "drop edges with fewer events")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app.add_option("--weighting", weighting, "sign or goldstein")->capture_default_str();
  app.add_flag("--raw", raw, "blocs on raw weights (default: centered on the mean tone)");
  app.add_option("--top", options.top_changes, "converging/diverging pairs to list")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  AddFormatOption(&app, &format, {"json", "csv"}, "json or csv");
  AddOutputOption(&app, &output, "write the network to FILE");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  Parsed p;
  if (!ParseCommon(c, &p)) return kExitUsage;
  auto w = an::ParseEdgeWeighting(weighting);
  if (!w.ok()) {
    PrintError(w.status().message());
    return kExitUsage;
  }
  options.day_from = p.from;
  options.day_to = p.to;
  options.count_by = p.count;
  options.weighting = *w;
  options.asserted_only = c.asserted_only;
  options.centered = !raw;
  auto db = OpenForReading(c.db);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitFailure;
  }
  auto net = an::QueryNetwork(**db, options);
  if (!net.ok()) {
    PrintError(net.status().message());
    return kExitFailure;
  }
  if (Status s = RedirectStdout(output); !s.ok()) {
    PrintError(s.message());
    return kExitFailure;
  }
  if (format == "json") {
    std::cout << an::NetworkToJson(*net).dump(2) << "\n";
  } else {
    PrintNetworkCsv(*net);
  }
  return kExitOk;
}

// The last day with an event in the store; nullopt when empty.
Result<std::optional<int>> LastDay(const store::Store& db, bool asserted_only) {
  std::optional<int> last;
  store::EventFilter filter;
  filter.asserted_only = asserted_only;
  RETURN_IF_ERROR(db.ForEach(filter, [&](const store::StoredEvent& e) {
    last = last ? std::max(*last, e.day) : e.day;
    return true;
  }));
  return last;
}

// The first day of the period `back` periods before the one holding `day`.
int PeriodsBack(an::Period period, int day, int back) {
  int start = an::PeriodStart(period, day);
  for (int i = 0; i < back; ++i) start = an::PeriodStart(period, start - 1);
  return start;
}

// The --dyad specs ("RUS-PRK") as (source, target) pairs.
Result<std::vector<std::pair<std::string, std::string>>> ParseDyads(
    const std::vector<std::string>& specs) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& spec : specs) {
    Result<an::DyadSpec> dyad = an::ParseDyadSpec(spec);
    if (!dyad.ok()) return InvalidArgument("--dyad: " + dyad.status().message());
    out.push_back({dyad->source, dyad->target});
  }
  return out;
}

void PrintAlertsText(const std::vector<an::Alert>& alerts, bool all) {
  int shown = 0;
  for (const auto& a : alerts) {
    if (!all && !a.fired()) continue;
    ++shown;
    std::string why;
    if (a.above_short) why += " above-short-baseline";
    if (a.above_long) why += " above-long-baseline";
    if (a.above_long_max) why += " new-high";
    std::printf("%s %s-%s %s: %g (short %.1f +- %.1f, long %.1f +- %.1f, max %g)%s\n",
                an::FormatDay(a.day).c_str(), a.a.c_str(), a.b.c_str(), a.series.c_str(),
                a.value, a.short_mean, a.short_sd, a.long_mean, a.long_sd, a.long_max,
                why.empty() ? " normal" : why.c_str());
  }
  if (shown == 0) std::fprintf(stderr, "no alerts\n");
}

int RunAlerts(int argc, char** argv) {
  CLI::App app(
      "Alerts: the latest period's conflict count of each dyad against the "
      "previous 4 and 52 periods (ACLED-style): flagged when above the "
      "baseline mean + k sd or above the 52-period maximum. Without --dyad, "
      "the dyads with the most conflict in the long window. A last period "
      "the data (or --to) ends inside is left out unless --include-partial.",
      "alerts");
  Common c;
  std::vector<std::string> dyad_specs;
  an::AlertOptions options;
  std::string format, output;
  int top = 20;
  bool all = false;
  AddCommon(app, &c, true);
  app.add_option("--dyad", dyad_specs, "dyad to check, e.g. RUS-PRK (repeatable)");
  app.add_option("--top", top, "dyads to check without --dyad")->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("-k", options.k, "standard deviations above the mean")->capture_default_str();
  app.add_option("--min", options.min_value, "smallest count that can alert")
      ->capture_default_str();
  app.add_flag("--all", all, "also print dyads without an alert");
  bool partial = false;
  app.add_flag("--include-partial", partial,
               "check the last period even when the data ends inside it");
  AddFormatOption(&app, &format, {"text", "json"}, "text or json");
  AddOutputOption(&app, &output, "write the alerts to FILE");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  Parsed p;
  if (!ParseCommon(c, &p)) return kExitUsage;
  auto dyads = ParseDyads(dyad_specs);
  if (!dyads.ok()) {
    PrintError(dyads.status().message());
    return kExitUsage;
  }
  auto db = OpenForReading(c.db);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitFailure;
  }
  std::optional<int> to = p.to;
  if (!to) {
    auto last = LastDay(**db, c.asserted_only);
    if (!last.ok()) {
      PrintError(last.status().message());
      return kExitFailure;
    }
    to = *last;
  }
  if (!to) {
    std::fprintf(stderr, "no events in %s\n", c.db.c_str());
    return kExitOk;
  }
  for (const auto& [a, b] : *dyads) {
    if (Status ok = CheckCountries(**db, {a, b}); !ok.ok()) {
      PrintError("alerts: " + ok.message());
      return kExitUsage;
    }
  }
  const int from = p.from ? *p.from : PeriodsBack(p.period, *to, options.long_window);
  if (dyads->empty()) {
    auto found = an::TopConflictDyads(**db, from, *to, top);
    if (!found.ok()) {
      PrintError(found.status().message());
      return kExitFailure;
    }
    *dyads = std::move(found).value();
  }
  auto coverage = an::QueryCoverage(**db);
  if (!coverage.ok()) {
    PrintError(coverage.status().message());
    return kExitFailure;
  }
  an::AlertQuery query;
  query.period = p.period;
  query.day_from = p.from;
  query.day_to = *to;
  query.count_by = p.count;
  query.asserted_only = c.asserted_only;
  query.include_partial = partial;
  query.alerts = options;
  std::vector<an::Alert> alerts;
  for (const auto& [a, b] : *dyads) {
    auto found = an::QueryDyadAlerts(**db, a, b, query, *coverage);
    if (!found.ok()) {
      PrintError(found.status().message());
      return kExitFailure;
    }
    for (auto& alert : *found) alerts.push_back(alert);
  }
  if (Status s = RedirectStdout(output); !s.ok()) {
    PrintError(s.message());
    return kExitFailure;
  }
  if (format == "json") {
    std::cout << an::AlertsToJson(alerts, all).dump(2) << "\n";
  } else {
    PrintAlertsText(alerts, all);
  }
  return kExitOk;
}

int RunReport(int argc, char** argv) {
  CLI::App app(
      "One self-contained HTML report (inline CSS and SVG, nothing fetched): "
      "dyad timelines with change points, the alignment network, alerts and "
      "the escalation (Hawkes) fit among the countries given.",
      "report");
  Common c;
  std::vector<std::string> countries;
  std::string output = "report.html", title = "ladder escalation report";
  bool no_escalation = false;
  int max_dims = 8, threads = 2;
  AddCommon(app, &c, true);
  app.add_option("--countries", countries, "country codes, e.g. RUS,PRK,IRN,UKR")
      ->required()->delimiter(',');
  AddOutputOption(&app, &output, "HTML file to write")->capture_default_str();
  AddThreadsOption(&app, &threads, "threads of the escalation fit (0 = all cores)", true);
  app.add_option("--title", title, "report title");
  app.add_flag("--no-escalation", no_escalation, "skip the Hawkes fit");
  app.add_option("--escalation-dims", max_dims, "directed dyads in the Hawkes fit")
      ->capture_default_str()->check(CLI::Range(1, 64));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  Parsed p;
  if (!ParseCommon(c, &p)) return kExitUsage;
  an::ReportOptions options;
  for (auto& country : countries) options.countries.push_back(Upper(country));
  options.day_from = p.from;
  options.day_to = p.to;
  options.period = p.period;
  options.count_by = p.count;
  options.asserted_only = c.asserted_only;
  options.title = title;
  auto db = OpenForReading(c.db);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitFailure;
  }
  if (Status ok = CheckCountries(**db, options.countries); !ok.ok()) {
    PrintError("report: " + ok.message());
    return kExitUsage;
  }
  auto data = an::BuildReportData(**db, options);
  if (!data.ok()) {
    PrintError(data.status().message());
    return ExitCodeFor(data.status());
  }
  if (!no_escalation) {
    auto esc = an::FitReportEscalation(**db, *data, max_dims, threads);
    if (esc.ok()) {
      data->escalation = std::move(esc).value();
    } else {
      PrintError("report: escalation fit skipped: " + esc.status().message());
    }
  }
  std::ofstream out(output, std::ios::binary);
  out << an::RenderReportHtml(*data);
  out.close();
  if (!out) {
    PrintError(output + ": cannot write");
    return kExitFailure;
  }
  std::fprintf(stderr, "wrote %s (%zu dyads, %lld events)\n", output.c_str(),
               data->dyads.size(), static_cast<long long>(data->total_events));
  return kExitOk;
}

const CommandRegistrar kDyad("dyad", "event series of one dyad (csv/json, change points)",
                             RunDyad);
const CommandRegistrar kNetwork("network", "alignment network: signed edges, blocs, shifts",
                                RunNetwork);
const CommandRegistrar kAlerts("alerts", "latest period against 4- and 52-period baselines",
                               RunAlerts);
const CommandRegistrar kReport("report", "self-contained HTML report with charts",
                               RunReport);

}  // namespace
}  // namespace ladder::tools
