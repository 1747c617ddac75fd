// ladder eval GOLD [DOCS] [--events FILE] [--units FILE] [--errors N] [--format json]:
// scores coded events against gold events (include/ladder/eval.h).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli_args.h"
#include "coding.h"
#include "commands.h"
#include "ladder/engine.h"
#include "ladder/eval.h"

namespace ladder::tools {
namespace {

struct EvalArgs {
  std::string gold, docs, events, units, format, output;
  size_t errors = 0, top = 12;
  bool quiet = false;
  EngineFlags flags;
};

// Prints each problem; true if there was one.
bool Report(const std::vector<std::string>& problems) {
  for (const std::string& p : problems) PrintError(p);
  return !problems.empty();
}

// Codes `docs` into `events`, keeping the documents of gold units (for the
// explain traces of --errors). False if the coding could not run.
bool CodeDocuments(const Engine& engine, const EvalArgs& args, const GoldSet& gold,
                   std::vector<EvalEvent>* events, std::map<std::string, Document>* documents,
                   bool* bad_input) {
  std::set<std::string> ids;
  for (const GoldUnit& u : gold.units) ids.insert(u.id);
  CodeStats stats;
  CodeInputs(
      engine, {args.docs}, ReaderOptions{}, args.flags.threads, args.quiet,
      [&](const Document& doc, CodeResult& result) {
        for (const Event& e : result.events) events->push_back(EvalEventFromEvent(e));
        if (args.errors > 0 && ids.count(doc.id) > 0) documents->emplace(doc.id, doc);
      },
      &stats);
  // Undated documents are not coded: their gold events count as missed,
  // so the run is flagged as on bad input.
  ReportUndated(stats.undated, stats.docs);
  *bad_input |= stats.errors > 0 || stats.undated > 0;
  return stats.unreadable == 0;
}

int RunEval(int argc, char** argv) {
  CLI::App app{
      "Score coded events against gold events (precision, recall, F1, "
      "breakdowns), with the matching of score_gold.py",
      "ladder eval"};
  EvalArgs args;
  app.add_option("gold", args.gold, "gold events (JSONL, one unit a line)")->required();
  app.add_option("docs", args.docs, "documents to code (JSONL; as ladder code reads)");
  app.add_option("--events", args.events, "score these coded events (JSONL) instead of coding");
  app.add_option("--units", args.units,
                 "sentence units {id, context, text}: only events in `text` count");
  app.add_option("--errors", args.errors,
                 "list the missed and spurious events of up to N units (with explain "
                 "traces when coding)");
  app.add_option("--top", args.top, "root confusion cells to show")->default_val(12);
  AddFormatOption(&app, &args.format, {"text", "json"}, "text, or json: one line of JSON");
  AddOutputOption(&app, &args.output, "write the report to FILE");
  app.add_flag("-q,--quiet", args.quiet, "no progress bar");
  args.flags.AddTo(&app);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (args.docs.empty() == args.events.empty()) {
    PrintError("eval: give either DOCS to code or --events FILE (try 'ladder eval --help')");
    return kExitUsage;
  }
  bool bad_input = false;
  GoldSet gold;
  if (Status s = ReadGoldFile(args.gold, &gold); !s.ok()) {
    PrintError(s.message());
    return kExitFailure;
  }
  bad_input |= Report(gold.problems);
  std::map<std::string, int64_t> offsets;
  if (!args.units.empty()) {
    std::vector<std::string> problems;
    if (Status s = ReadUnitOffsetsFile(args.units, &offsets, &problems); !s.ok()) {
      PrintError(s.message());
      return kExitFailure;
    }
    bad_input |= Report(problems);
  }
  std::vector<EvalEvent> events;
  std::map<std::string, Document> documents;
  std::unique_ptr<Engine> engine;
  if (!args.events.empty()) {
    std::vector<std::string> problems;
    if (Status s = ReadEvalEventsFile(args.events, &events, &problems); !s.ok()) {
      PrintError(s.message());
      return kExitFailure;
    }
    bad_input |= Report(problems);
  } else {
    engine = OpenEngine(args.flags.ToOptions());
    if (engine == nullptr) return kExitFailure;
    if (!CodeDocuments(*engine, args, gold, &events, &documents, &bad_input)) {
      return kExitFailure;
    }
  }
  EvalReport report = ScoreGold(gold, events, offsets, {args.errors, args.top});
  if (engine != nullptr) ExplainErrors(*engine, documents, offsets, &report);
  if (Status s = RedirectStdout(args.output); !s.ok()) {
    PrintError(s.message());
    return kExitFailure;
  }
  if (args.format == "json") {
    std::printf("%s\n", EvalReportToJson(report).c_str());
  } else {
    for (const UnitErrors& u : report.errors) std::fputs(UnitErrorsToText(u).c_str(), stdout);
    if (!report.errors.empty()) std::printf("\n");
    std::fputs(EvalReportToText(report).c_str(), stdout);
  }
  return bad_input ? kExitInput : kExitOk;
}

const CommandRegistrar kEval("eval",
                             "score coded events against gold events (P, R, F1, "
                             "breakdowns, errors)",
                             RunEval);

}  // namespace
}  // namespace ladder::tools
