// The HTML report: one self-contained file, inline CSS and SVG, no scripts.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "ladder/analytics.h"

namespace ladder::analytics {
namespace {

constexpr const char* kCoopColor = "#2e7d32";
constexpr const char* kConflictColor = "#c62828";
constexpr const char* kBlocColors[] = {"#1f77b4", "#ff7f0e", "#9467bd", "#8c564b",
                                       "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Num(double v, int digits = 1) {
  if (!std::isfinite(v)) return "n/a";
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    return fmt::format("{}", static_cast<int64_t>(std::llround(v)));
  }
  return fmt::format("{:.{}f}", v, digits);
}

const char* BlocColor(int bloc) {
  return kBlocColors[static_cast<size_t>(std::max(0, bloc)) % std::size(kBlocColors)];
}

// 1, 2, 5 x 10^k at or above v.
double NiceCeil(double v) {
  if (v <= 1) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

const char* kCss = R"(
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#222;background:#f6f7f9}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid #ddd;padding-bottom:4px}
h3{font-size:16px;margin:20px 0 4px}.sub{color:#555;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}.card span{color:#666;font-size:12px}
table{border-collapse:collapse;background:#fff;font-size:13px;margin:6px 0}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right;white-space:nowrap}th{background:#eef0f3}
td.l,th.l{text-align:left}tr.fired td{background:#fdecea}
.panel{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px;margin:10px 0}
.note{color:#666;font-size:12px}.warn{color:#8a4b00;background:#fff4e0;border:1px solid #f0c36d;padding:4px 8px;font-size:13px}.row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.row>div{flex:1 1 300px}caption{text-align:left;font-weight:bold;padding:6px 0 2px}.coop{color:#2e7d32}.conf{color:#c62828}
svg text{font-family:inherit}
)";

}  // namespace

namespace {

// One line per run of periods with data; a period the store has no data
// for breaks the line (no data is not zero), and one it covers only in part
// is an open circle, not a point of the line (not drawn as a drop).
std::string Polyline(const std::vector<double>& v, const DyadSeries& s, double x0,
                     double dx, double y0, double h, double ymax, const char* color) {
  std::string out, pts;
  auto flush = [&] {
    if (!pts.empty()) {
      out += fmt::format(
          "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.8\" points=\"{}\"/>\n",
          color, pts);
    }
    pts.clear();
  };
  for (size_t i = 0; i < v.size(); ++i) {
    double x = x0 + dx * i, y = y0 + h * (1 - v[i] / ymax);
    PeriodCoverage c = s.periods[i].coverage;
    if (c == PeriodCoverage::kFull) {
      pts += fmt::format("{:.1f},{:.1f} ", x, y);
      continue;
    }
    flush();
    if (c == PeriodCoverage::kPartial) {
      out += fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"#fff\" stroke=\"{}\">"
          "<title>{}: partial period (the data cover part of it)</title></circle>\n",
          x, y, color, FormatDay(s.periods[i].start));
    }
  }
  flush();
  return out;
}

std::string ChangePointMarks(const DyadSeries& s, const std::vector<ChangePoint>& cps,
                             double x0, double dx, double top, double h) {
  std::string out;
  for (const ChangePoint& cp : cps) {
    if (cp.series == "goldstein") continue;
    const char* color = cp.series == "cooperation" ? kCoopColor : kConflictColor;
    double x = x0 + dx * cp.index;
    out += fmt::format(
        "<g><title>{} {} {} at {}: mean {} -&gt; {}</title>"
        "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-dasharray=\"4 3\" stroke-width=\"1.2\" opacity=\"0.8\"/>"
        "<path d=\"M{:.1f},{:.1f} l-4,-7 h8 z\" fill=\"{}\"/></g>\n",
        cp.method, cp.series, cp.up ? "rise" : "fall", FormatDay(cp.day),
        Num(cp.mean_before), Num(cp.mean_after), x, x, top, top + h, color, x,
        top, color);
  }
  return out;
}

// Cooperation and conflict (both directions) per period, change points as
// dashed lines with a marker.
std::string DyadChart(const DyadSeries& s, const std::vector<ChangePoint>& cps) {
  const double width = 900, height = 210, left = 46, right = 14, top = 14,
               bottom = 30;
  const double pw = width - left - right, ph = height - top - bottom;
  std::vector<double> coop = ExtractSeries(s, SeriesKind::kCooperation);
  std::vector<double> conf = ExtractSeries(s, SeriesKind::kConflict);
  double ymax = 1;
  for (size_t i = 0; i < coop.size(); ++i) ymax = std::max({ymax, coop[i], conf[i]});
  ymax = NiceCeil(ymax);
  const size_t n = s.periods.size();
  const double dx = n > 1 ? pw / static_cast<double>(n - 1) : 0;
  const double x0 = n > 1 ? left : left + pw / 2;
  std::string out = fmt::format(
      "<svg viewBox=\"0 0 {} {}\" width=\"100%\" "
      "role=\"img\" aria-label=\"{} {} timeline\">\n",
      width, height, Esc(s.a), Esc(s.b));
  for (int k = 0; k <= 2; ++k) {
    double y = top + ph * (1 - k / 2.0);
    out += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#e3e3e3\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\" fill=\"#666\">{}</text>\n",
        left, width - right, y, y, left - 6, y + 4, Num(ymax * k / 2.0));
  }
  for (size_t i : {size_t{0}, n / 2, n - 1}) {
    if (n == 0 || (i == n / 2 && n < 3)) continue;
    const char* anchor = i == 0 ? "start" : (i == n - 1 ? "end" : "middle");
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"{}\" fill=\"#666\">{}</text>\n",
        x0 + dx * i, height - 10, n == 1 ? "middle" : anchor,
        FormatDay(s.periods[i].start));
  }
  out += ChangePointMarks(s, cps, x0, dx, top, ph);
  out += Polyline(coop, s, x0, dx, top, ph, ymax, kCoopColor);
  out += Polyline(conf, s, x0, dx, top, ph, ymax, kConflictColor);
  return out + "</svg>\n";
}

// Says which periods the chart leaves out or marks, and why.
std::string CoverageNote(const DyadSeries& s) {
  int none = 0, partial = 0;
  for (const DyadPeriod& p : s.periods) {
    none += p.coverage == PeriodCoverage::kNone;
    partial += p.coverage == PeriodCoverage::kPartial;
  }
  std::string note;
  if (none > 0) {
    note += fmt::format("{} {}(s) outside the store's data are left blank, not drawn as "
                        "zero. ", none, PeriodName(s.period));
  }
  if (partial > 0) {
    note += fmt::format("{} {}(s) the data cover only in part are open circles. ", partial,
                        PeriodName(s.period));
  }
  if (s.left_out_imprecise > 0) {
    note += fmt::format("{} event(s) dated only by year or month are not in this chart "
                        "by {}. ", s.left_out_imprecise, PeriodName(s.period));
  }
  return note.empty() ? "" : "<p class=\"note\">" + Esc(note) + "</p>\n";
}

std::string DirectionRow(const std::string& label, const DirectionCounts& c) {
  return fmt::format(
      "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
      "<td>{}</td><td>{}</td></tr>\n",
      Esc(label), Num(c.total), Num(c.quad[0]), Num(c.quad[1]), Num(c.quad[2]),
      Num(c.quad[3]), Num(c.goldstein_mean(), 2));
}

DirectionCounts Totals(const DyadSeries& s, int which) {
  DirectionCounts t;
  for (const DyadPeriod& p : s.periods) {
    const DirectionCounts& c = which == 0 ? p.ab : which == 1 ? p.ba : p.both;
    for (int q = 0; q < 4; ++q) t.quad[q] += c.quad[q];
    t.total += c.total;
    t.goldstein_sum += c.goldstein_sum;
  }
  return t;
}

std::string DyadSection(const DyadSeries& s, const std::vector<ChangePoint>& cps) {
  std::string out = fmt::format("<h3 id=\"dyad-{0}-{1}\">{0} &ndash; {1}</h3>\n",
                                Esc(s.a), Esc(s.b));
  DirectionCounts both = Totals(s, 2);
  if (both.total == 0) {
    return out + "<p class=\"note\">No events between these two in the window.</p>\n";
  }
  out += "<div class=\"panel\">" + DyadChart(s, cps);
  out += CoverageNote(s);
  out += "<table><tr><th class=\"l\">direction</th><th>events</th><th>q1 verbal coop</th>"
         "<th>q2 material coop</th><th>q3 verbal conflict</th><th>q4 material conflict</th>"
         "<th>Goldstein mean</th></tr>\n";
  out += DirectionRow(s.a + " \xE2\x86\x92 " + s.b, Totals(s, 0));
  out += DirectionRow(s.b + " \xE2\x86\x92 " + s.a, Totals(s, 1));
  out += DirectionRow("both", both);
  out += "</table>\n";
  // One line per change; CUSUM and BOCPD within a period of each other on
  // the same series are one change found by both.
  int shown = 0;
  std::string list;
  std::vector<bool> merged(cps.size(), false);
  for (size_t i = 0; i < cps.size(); ++i) {
    if (merged[i]) continue;
    const ChangePoint& cp = cps[i];
    std::string methods = cp.method;
    for (size_t j = i + 1; j < cps.size() && cps[j].index <= cp.index + 1; ++j) {
      if (!merged[j] && cps[j].series == cp.series && cps[j].method != cp.method) {
        methods += ", " + cps[j].method;
        merged[j] = true;
      }
    }
    ++shown;
    list += fmt::format("<li>{}: {} {} ({}), mean {} &rarr; {} per {}</li>", FormatDay(cp.day),
                        cp.series == "goldstein" ? "net Goldstein" : Esc(cp.series),
                        cp.up ? "rises" : "falls", Esc(methods), Num(cp.mean_before),
                        Num(cp.mean_after), PeriodName(s.period));
  }
  out += shown == 0 ? "<p class=\"note\">No change points.</p>"
                    : "<p class=\"note\">Change points:</p><ul class=\"note\">" + list + "</ul>";
  return out + "</div>\n";
}

}  // namespace

namespace {

// Nodes on a circle, grouped by bloc; edges green (cooperation > conflict)
// or red, width by |weight|.
std::string NetworkSvg(const AlignmentNetwork& net) {
  const double size = 540, cx = size / 2, cy = size / 2, radius = 210;
  const int n = static_cast<int>(net.nodes.size());
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](int x, int y) { return net.bloc[x] < net.bloc[y]; });
  std::vector<double> px(n), py(n);
  for (int k = 0; k < n; ++k) {
    double angle = 2 * std::numbers::pi * k / std::max(1, n) - std::numbers::pi / 2;
    px[order[k]] = cx + radius * std::cos(angle);
    py[order[k]] = cy + radius * std::sin(angle);
  }
  double wmax = 1e-12;
  for (const auto& e : net.edges) wmax = std::max(wmax, std::fabs(e.weight));
  std::string out = fmt::format(
      "<svg viewBox=\"0 0 {0} {0}\" width=\"100%\" style=\"max-width:{0}px\" "
      "role=\"img\" aria-label=\"alignment network\">\n",
      size);
  for (const auto& e : net.edges) {
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"{:.2f}\" opacity=\"0.65\"><title>{} &ndash; {}: {} cooperation, {} "
        "conflict, weight {}</title></line>\n",
        px[e.ia], py[e.ia], px[e.ib], py[e.ib], e.weight >= 0 ? kCoopColor : kConflictColor,
        0.8 + 6.0 * std::fabs(e.weight) / wmax, Esc(e.a), Esc(e.b), Num(e.cooperation),
        Num(e.conflict), Num(e.weight));
  }
  for (int i = 0; i < n; ++i) {
    out += fmt::format(
        "<g><circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"19\" fill=\"{}\" stroke=\"#fff\" "
        "stroke-width=\"2\"/><text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" "
        "font-weight=\"bold\" fill=\"#fff\" text-anchor=\"middle\">{}</text></g>\n",
        px[i], py[i], BlocColor(net.bloc[i]), px[i], py[i] + 4, Esc(net.nodes[i]));
  }
  return out + "</svg>\n";
}

std::string ChangeRows(const std::vector<PairChange>& changes) {
  std::string out;
  for (const PairChange& c : changes) {
    out += fmt::format(
        "<tr><td class=\"l\">{} &ndash; {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{:+.2f}</td></tr>\n",
        Esc(c.a), Esc(c.b), Num(c.weight_first), Num(c.weight_second),
        Num(c.tone_first, 2), Num(c.tone_second, 2), c.change);
  }
  return out;
}

std::string NetworkSection(const AlignmentNetwork& net) {
  std::string out = "<h2 id=\"network\">Alignment network</h2>\n";
  if (net.nodes.empty()) {
    return out + "<p class=\"note\">No events among these countries in the window.</p>\n";
  }
  out += "<div class=\"panel\"><div class=\"row\"><div>" + NetworkSvg(net) + "</div><div>";
  out += "<p class=\"note\">Edge colour: <span class=\"coop\">green</span> when cooperation "
         "(quad 1&ndash;2) exceeds conflict (quad 3&ndash;4), <span class=\"conf\">red</span> "
         "otherwise; width by |cooperation &minus; conflict|. Node colour: bloc. Blocs maximise "
         "affinity inside and minimise it between, with affinity = weight &minus; mean tone "
         "&times; volume (mean tone " + Num(net.mean_tone, 2) + ").</p>\n";
  out += "<table><tr><th class=\"l\">bloc</th><th class=\"l\">members</th></tr>\n";
  for (int b = 0; b < net.num_blocs; ++b) {
    std::string members;
    for (size_t i = 0; i < net.nodes.size(); ++i) {
      if (net.bloc[i] == b) members += (members.empty() ? "" : ", ") + Esc(net.nodes[i]);
    }
    out += fmt::format("<tr><td class=\"l\"><span style=\"color:{}\">&#9679;</span> {}</td>"
                       "<td class=\"l\">{}</td></tr>\n", BlocColor(b), b + 1, members);
  }
  out += "</table></div></div>\n";
  const char* head = "<tr><th class=\"l\">pair</th><th>weight, 1st half</th><th>weight, 2nd "
                     "half</th><th>tone, 1st</th><th>tone, 2nd</th><th>change</th></tr>\n";
  out += fmt::format("<h3>Converging and diverging pairs</h3><p class=\"note\">Window split at "
                     "its middle; tone = (cooperation &minus; conflict) / events, in [&minus;1, "
                     "1].</p>");
  if (net.converging.empty() && net.diverging.empty()) {
    out += "<p class=\"note\">Too few events in both halves to compare.</p>";
  }
  if (!net.converging.empty()) {
    out += "<table><caption class=\"l\">Converging (tone rose)</caption>" + std::string(head) +
           ChangeRows(net.converging) + "</table>";
  }
  if (!net.diverging.empty()) {
    out += "<table><caption class=\"l\">Diverging (tone fell)</caption>" + std::string(head) +
           ChangeRows(net.diverging) + "</table>";
  }
  return out + "</div>\n";
}

}  // namespace

namespace {

std::string AlertsSection(const ReportData& data) {
  std::string out = "<h2 id=\"alerts\">Alerts</h2>\n";
  const AlertOptions& o = data.options.alerts;
  out += fmt::format(
      "<p class=\"note\">The latest {} against the previous {} and {} {}s: an alert when it "
      "is above mean + {} sd of either baseline or above the long baseline's maximum (and at "
      "least {}).</p>\n", PeriodName(data.options.period), o.short_window, o.long_window,
      PeriodName(data.options.period), Num(o.k), Num(o.min_value));
  if (data.alerts.empty()) return out + "<p class=\"note\">Series too short to compare.</p>\n";
  const Period period = data.options.period;
  if (NextPeriodStart(period, PeriodStart(period, data.day_to)) - 1 > data.day_to) {
    out += fmt::format("<p class=\"note\">The window ends on {}, within a {}: that incomplete "
                       "{} is left out of alerts and change points.</p>\n",
                       FormatDay(data.day_to), PeriodName(period), PeriodName(period));
  }
  out += "<table><tr><th class=\"l\">dyad</th><th class=\"l\">series</th><th class=\"l\">period"
         "</th><th>value</th><th>short mean &plusmn; sd</th><th>long mean &plusmn; sd</th>"
         "<th>long max</th><th class=\"l\">status</th></tr>\n";
  std::vector<const Alert*> sorted;
  int quiet = 0;
  for (const Alert& a : data.alerts) {
    if (a.fired() || a.value > 0 || a.long_mean > 0) {
      sorted.push_back(&a);
    } else {
      ++quiet;
    }
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Alert* x, const Alert* y) { return x->fired() > y->fired(); });
  for (const Alert* a : sorted) {
    std::string status;
    auto add = [&](const char* why) { status += (status.empty() ? "" : "; ") + std::string(why); };
    if (a->above_short) add("above short baseline");
    if (a->above_long) add("above long baseline");
    if (a->above_long_max) add("new long-window high");
    if (status.empty()) status = "normal";
    out += fmt::format(
        "<tr{}><td class=\"l\">{} &ndash; {}</td><td class=\"l\">{}</td><td class=\"l\">{}</td>"
        "<td>{}</td><td>{} &plusmn; {}</td><td>{} &plusmn; {}</td><td>{}</td>"
        "<td class=\"l\">{}</td></tr>\n",
        a->fired() ? " class=\"fired\"" : "", Esc(a->a), Esc(a->b), Esc(a->series),
        FormatDay(a->day), Num(a->value), Num(a->short_mean), Num(a->short_sd),
        Num(a->long_mean), Num(a->long_sd), Num(a->long_max), status);
  }
  out += "</table>\n";
  if (quiet > 0) {
    out += fmt::format("<p class=\"note\">{} series without events in the baseline or the "
                       "latest {} are not listed.</p>\n", quiet, PeriodName(data.options.period));
  }
  return out;
}

}  // namespace

std::string ExcitationSentence(const EscalationSummary::PairExcitation& pair) {
  auto raise = [](double a) { return 100.0 * a / std::max(1e-9, 1.0 - a); };
  // Above a branching ratio of 0.9 the increase (9x) is not bounded usefully.
  const std::string upper = pair.upper >= 0.9 ? std::string("over 900%")
                                              : fmt::format("{:.0f}%", raise(pair.upper));
  return fmt::format(
      "Conflict between {} and {} raised the rate of further conflict by {:.0f}% (95% CI "
      "{:.0f}%-{}; branching ratio {:.2f}, {} events), {} against a model with no "
      "excitation (p = {:.3g}, {}).",
      pair.a, pair.b, raise(pair.branching_ratio), raise(pair.lower), upper,
      pair.branching_ratio, pair.events, pair.significant ? "significant" : "not significant",
      pair.p_value, pair.method);
}

namespace {

std::string EscalationSection(const std::optional<EscalationSummary>& esc) {
  std::string out = "<h2 id=\"escalation\">Escalation fit</h2>\n";
  if (!esc) return out + "<p class=\"note\">No escalation model was fitted for this report.</p>\n";
  out += "<div class=\"cards\">";
  out += fmt::format("<div class=\"card\"><b>{}</b><span>branching ratio</span></div>",
                     Num(esc->branching_ratio, 3));
  out += fmt::format("<div class=\"card\"><b>{}</b><span>events fitted</span></div>", esc->events);
  if (esc->decay > 0) {
    out += fmt::format("<div class=\"card\"><b>{}</b><span>decay per day</span></div>",
                       Num(esc->decay, 3));
  }
  out += "</div>\n<p class=\"note\">Branching ratio: the share of events triggered by earlier "
         "events (below 1: escalation dies out; near 1: escalation breeds escalation).</p>\n";
  out += "<table><tr><th class=\"l\">dimension</th><th>baseline rate &mu; per day</th></tr>\n";
  for (size_t i = 0; i < esc->dimensions.size(); ++i) {
    out += fmt::format("<tr><td class=\"l\">{}</td><td>{}</td></tr>\n", Esc(esc->dimensions[i]),
                       i < esc->mu.size() ? Num(esc->mu[i], 4) : "n/a");
  }
  out += "</table>\n<h3>Strongest excitation</h3><table><tr><th class=\"l\">an event in</th>"
         "<th class=\"l\">triggers in</th><th>&alpha; (expected events)</th></tr>\n";
  for (const auto& x : esc->top_alpha) {
    out += fmt::format("<tr><td class=\"l\">{}</td><td class=\"l\">{}</td><td>{}</td></tr>\n",
                       Esc(x.from), Esc(x.to), Num(x.alpha, 3));
  }
  out += "</table>\n";
  if (!esc->note.empty()) out += "<p class=\"note\">" + Esc(esc->note) + "</p>\n";
  if (!esc->pairs.empty()) {
    out += "<h3>Does conflict breed conflict? (daily counts)</h3>\n<ul>\n";
    for (const auto& pair : esc->pairs) out += "<li>" + Esc(ExcitationSentence(pair)) + "</li>\n";
    out += "</ul>\n<p class=\"note\">Daily count model per pair: conflict events (quad 3-4) in "
           "either direction per day, negative binomial with a day-of-week baseline and "
           "excitation from earlier days only (events of the same day are not read as "
           "excitation); interval and test by parametric bootstrap (doc/report.md).</p>\n";
  }
  for (const std::string& w : esc->warnings) {
    out += "<p class=\"warn\">Warning: " + Esc(w) + "</p>\n";
  }
  return out;
}

std::string SummaryHeader(const ReportData& data) {
  int fired = 0, cps = 0;
  for (const Alert& a : data.alerts) fired += a.fired();
  for (const auto& v : data.changepoints) cps += static_cast<int>(v.size());
  std::string countries;
  for (const auto& c : data.options.countries) countries += (countries.empty() ? "" : ", ") + Esc(c);
  std::string out = fmt::format(
      "<h1>{}</h1><p class=\"sub\">{} &ndash; {} &middot; countries: {} &middot; by {} "
      "&middot; counting {}{}</p>\n<div class=\"cards\">",
      Esc(data.options.title), FormatDay(data.day_from), FormatDay(data.day_to), countries,
      PeriodName(data.options.period),
      data.options.count_by == CountBy::kEvents ? "events" : "mentions",
      data.options.asserted_only ? " (asserted only)" : "");
  auto card = [&](const std::string& v, const char* label) {
    out += fmt::format("<div class=\"card\"><b>{}</b><span>{}</span></div>", v, label);
  };
  card(std::to_string(data.total_events), "events involving them");
  card(std::to_string(data.dyads.size()), "dyads");
  card(std::to_string(cps), "change points");
  card(std::to_string(fired), "alerts");
  card(std::to_string(data.network.num_blocs), "blocs");
  if (data.escalation) card(Num(data.escalation->branching_ratio, 2), "branching ratio");
  return out + "</div>\n";
}

std::string DyadOverview(const ReportData& data) {
  std::string out = "<table><tr><th class=\"l\">dyad</th><th>events</th><th>cooperation</th>"
                    "<th>conflict</th><th>Goldstein mean</th><th>change points</th></tr>\n";
  for (size_t i = 0; i < data.dyads.size(); ++i) {
    const DyadSeries& s = data.dyads[i];
    DirectionCounts t = Totals(s, 2);
    out += fmt::format(
        "<tr><td class=\"l\"><a href=\"#dyad-{0}-{1}\">{0} &ndash; {1}</a></td><td>{2}</td>"
        "<td class=\"coop\">{3}</td><td class=\"conf\">{4}</td><td>{5}</td><td>{6}</td></tr>\n",
        Esc(s.a), Esc(s.b), Num(t.total), Num(t.cooperation()), Num(t.conflict()),
        t.total > 0 ? Num(t.goldstein_mean(), 2) : "&ndash;", data.changepoints[i].size());
  }
  return out + "</table>\n";
}

}  // namespace

std::string RenderReportHtml(const ReportData& data) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" + Esc(data.options.title) + "</title><style>" + kCss +
      "</style></head><body><main>\n";
  out += SummaryHeader(data);
  out += "<h2 id=\"dyads\">Dyads</h2>\n" + DyadOverview(data);
  out += fmt::format("<p class=\"note\">Per {}: <span class=\"coop\">&#9644; cooperation</span> "
                     "(quad 1&ndash;2) and <span class=\"conf\">&#9644; conflict</span> (quad "
                     "3&ndash;4), both directions; dashed lines with a triangle mark change "
                     "points (CUSUM segmentation, Bayesian online detection).</p>\n",
                     PeriodName(data.options.period));
  for (size_t i = 0; i < data.dyads.size(); ++i) {
    out += DyadSection(data.dyads[i], data.changepoints[i]);
  }
  out += NetworkSection(data.network);
  out += AlertsSection(data);
  out += EscalationSection(data.escalation);
  out += "<p class=\"note\" style=\"margin-top:32px\">Generated by ladder. Methods: "
         "doc/report.md.</p>\n</main></body></html>\n";
  return out;
}

}  // namespace ladder::analytics
