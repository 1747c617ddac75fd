// ladder validate SUITE [--format text|json] [-o FILE] [--verbose|--brief]
// [--limit N] [--dict PATH]... [--all]
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cli_args.h"
#include "commands.h"
#include "ladder/validate.h"

namespace ladder::tools {
namespace {

std::string Codings(const std::vector<Coding>& codings, const std::string& condition) {
  if (codings.empty()) return condition.empty() ? "(none)" : "(" + condition + ")";
  std::string out;
  for (const Coding& c : codings) {
    if (!out.empty()) out += ", ";
    out += c.source + " " + c.target + " " + c.event;
  }
  return out;
}

enum class Detail { kBrief, kWhy, kVerbose };

// The "actors:" to "verbs:" part of an explanation, indented: how each
// actor was built, each verb's pattern (or why none fired), source, target
// and modality.
std::string WhyPart(const std::string& explain) {
  size_t begin = explain.find("\nactors:");
  if (begin == std::string::npos) return "";
  size_t end = explain.find("\nevents:", begin + 1);
  std::string part = explain.substr(
      begin + 1, end == std::string::npos ? std::string::npos : end - begin - 1);
  std::string out = "  ";
  for (char c : part) {
    out.push_back(c);
    if (c == '\n') out += "  ";
  }
  return out;
}

void PrintFailure(const RecordOutcome& f, Detail detail) {
  std::printf("FAIL %s [%s] %s\n", f.id.c_str(), f.category.c_str(), f.where.c_str());
  std::printf("  text:     %s\n", f.text.c_str());
  std::printf("  expected: %s\n", Codings(f.expected, f.expected_condition).c_str());
  std::string reported;
  for (const std::string& c : f.reported_conditions) reported += " (" + c + ")";
  std::printf("  coded:    %s%s\n", Codings(f.coded, "").c_str(), reported.c_str());
  if (!f.note.empty()) std::printf("  note:     %s\n", f.note.c_str());
  for (const std::string& finding : f.findings) {
    std::printf("  suite:    %s\n", finding.c_str());
  }
  if (detail == Detail::kVerbose && !f.explain.empty()) {
    std::printf("%s\n", f.explain.c_str());
  } else if (detail == Detail::kWhy) {
    std::string why = WhyPart(f.explain);
    if (!why.empty()) std::printf("%s\n", why.c_str());
  }
}

// The suite audit: records that cannot pass from their text alone.
void PrintFindings(const ValidationReport& r) {
  if (r.findings.empty()) return;
  size_t failing = 0;
  for (const SuiteFinding& f : r.findings) failing += !f.passed;
  std::printf("\nsuite audit: %zu findings, %zu on failing records (a record with a finding\n"
              "cannot pass from its text, or passes only where the difference is harmless)\n",
              r.findings.size(), failing);
  for (const SuiteFinding& f : r.findings) {
    std::printf("  %-18s %-6s %s\n", f.id.c_str(), f.passed ? "passes" : "fails",
                f.message.c_str());
  }
}

void PrintSummary(const ValidationReport& r) {
  std::printf("\n%-12s %8s %8s %8s\n", "category", "records", "passed", "rate");
  for (const auto& [name, c] : r.by_category) {
    std::printf("%-12s %8zu %8zu %7.1f%%\n", name.c_str(), c.records, c.passed,
                c.records ? 100.0 * c.passed / c.records : 0.0);
  }
  std::printf("\n%s: %zu records, %zu passed (%.1f%%), %zu skipped; events: "
              "precision %.3f recall %.3f F1 %.3f (TP %zu FP %zu FN %zu); %.2f s\n",
              r.suite.c_str(), r.records, r.passed, 100.0 * r.pass_rate, r.skipped,
              r.precision, r.recall, r.f1, r.true_positives, r.false_positives,
              r.false_negatives, r.seconds);
  if (!r.problems.empty()) {
    // The suite's own dictionaries and records: 'ladder dict check' on the
    // default dictionaries would not show these, so they are listed here.
    std::printf("%zu dictionary/suite problem(s):\n", r.problems.size());
    for (const std::string& p : r.problems) std::printf("  %s\n", p.c_str());
  }
}

int RunValidate(int argc, char** argv) {
  CLI::App app{
      "Run a PETRARCH validation XML file or a TABARI .project and print the failing "
      "records (expected, coded, and why: the verbs ladder found, the pattern that "
      "fired, where source and target came from) and a summary (pass rates per "
      "category, precision, recall, F1)",
      "ladder validate"};
  ValidateOptions options;
  std::string suite, format, output;
  bool verbose = false, brief = false;
  app.add_option("suite", suite, "PETRARCH XML suite or TABARI .project")->required();
  AddFormatOption(&app, &format, {"text", "json"},
                  "text, or json: one line of JSON (records, passed, pass_rate, precision, "
                  "recall, f1, by_category, ...)");
  AddOutputOption(&app, &output, "write the report to FILE");
  app.add_flag("-v,--verbose", verbose,
               "print ladder's whole explanation of each failing record (tokens, actors, "
               "dates too)");
  app.add_flag("--brief", brief, "only expected and coded");
  app.add_option("--limit", options.limit, "code at most N records")->check(CLI::NonNegativeNumber);
  app.add_option("--dict", options.dictionaries, "use these dictionaries instead of the suite's")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--all", options.include_all,
               "ignore the suite's <Include> list and sentence flags");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (verbose && brief) {
    PrintError("validate: --verbose and --brief exclude each other");
    return kExitUsage;
  }
  const Detail detail = verbose ? Detail::kVerbose : brief ? Detail::kBrief : Detail::kWhy;
  options.explain_failures = detail != Detail::kBrief && format == "text";
  Result<ValidationReport> report = RunValidation(suite, options);
  if (!report.ok()) {
    PrintError(report.status().ToString());
    return kExitFailure;
  }
  if (Status s = RedirectStdout(output); !s.ok()) {
    PrintError(s.message());
    return kExitFailure;
  }
  if (format == "json") {
    std::printf("%s\n", ValidationReportToJson(*report).c_str());
    return kExitOk;
  }
  for (const RecordOutcome& f : report->failures) PrintFailure(f, detail);
  PrintFindings(*report);
  PrintSummary(*report);
  return kExitOk;
}

const CommandRegistrar kRegistrar(
    "validate", "run a PETRARCH XML or TABARI validation suite", RunValidate);

}  // namespace
}  // namespace ladder::tools
