// ladder code / explain / dict: the coding commands.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli_args.h"
#include "coding.h"
#include "commands.h"
#include "ladder/engine.h"
#include "ladder/io.h"
#include "ladder/legacy_io.h"

namespace ladder::tools {
namespace {

struct Output {
  std::FILE* file = stdout;
  std::string format = "jsonl";
  bool header_written = false;
  long not_asserted_left_out = 0;

  // GDELT and Phoenix rows have no modality column: written there, an
  // expected or conditional event would read back as having happened.
  bool KeepsModality() const { return format != "gdelt" && format != "phoenix"; }

  void Write(const Event& e) {
    if (!KeepsModality() && e.modality != Modality::kAsserted) {
      ++not_asserted_left_out;
      return;
    }
    std::string line;
    if (format == "tsv") {
      if (!header_written) std::fprintf(file, "%s\n", TsvHeader().c_str());
      line = EventToTsv(e);
    } else if (format == "csv") {
      if (!header_written) std::fprintf(file, "%s\n", CsvHeader().c_str());
      line = EventToCsv(e);
    } else if (format == "phoenix") {
      if (!header_written) std::fprintf(file, "%s\n", PhoenixHeader().c_str());
      line = EventToPhoenix(e);
    } else if (format == "gdelt") {
      line = EventToGdelt2(e);  // GDELT 2.0 files have no header row
    } else if (format == "plover") {
      line = EventToPlover(e);
    } else {
      line = EventToJson(e);
    }
    header_written = true;
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), file);
  }
};

int RunCodeCommand(int argc, char** argv) {
  CLI::App app{"Code news text into events (JSONL on stdout by default)",
               "ladder code"};
  std::vector<std::string> inputs;
  std::string date, output, format, input_format = "auto", text_id;
  bool quiet = false;
  EngineFlags flags;
  app.add_option("inputs", inputs,
                 "text, JSONL, PETRARCH XML or TABARI record files; - for stdin")
      ->default_val(std::vector<std::string>{"-"});
  app.add_option("--date", date,
                 "date (YYYY-MM-DD) of documents without one: plain text, or JSONL "
                 "records with no \"date\"; without it an undated document is an "
                 "error (exit 2) unless its first line carries a full date");
  app.add_option("--id", text_id,
                 "document id for one plain-text input (default: its file name and "
                 "a hash of its text)");
  AddFormatOption(&app, &format, {"jsonl", "tsv", "csv", "gdelt", "plover", "phoenix"},
                  "jsonl, tsv, csv, gdelt, plover or phoenix (gdelt and phoenix "
                  "have no modality column: only asserted events are written)");
  app.add_option("--input-format", input_format,
                 "auto, text, jsonl, petrarch (XML <Sentence> records) or tabari "
                 "(text records)")
      ->check(CLI::IsMember({"auto", "text", "jsonl", "petrarch", "tabari"}));
  AddOutputOption(&app, &output, "write events to FILE");
  flags.AddTo(&app);
  app.add_flag("-q,--quiet", quiet, "no progress bar");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (!text_id.empty() && inputs.size() != 1) {
    PrintError("code: --id names one plain-text document; give one input");
    return kExitUsage;
  }
  std::unique_ptr<Engine> engine = OpenEngine(flags.ToOptions());
  if (engine == nullptr) return kExitFailure;
  Output out;
  out.format = format;
  if (!output.empty()) {
    out.file = std::fopen(output.c_str(), "wb");
    if (out.file == nullptr) {
      PrintError(output + ": cannot open for writing: " + std::strerror(errno));
      return kExitFailure;
    }
  }
  ReaderOptions ropts;
  ropts.default_date = date;
  ropts.text_id = text_id;
  ropts.format = input_format == "text"       ? InputFormat::kText
                 : input_format == "jsonl"    ? InputFormat::kJsonl
                 : input_format == "petrarch" ? InputFormat::kPetrarchXml
                 : input_format == "tabari"   ? InputFormat::kTabari
                                              : InputFormat::kAuto;
  CodeStats stats;
  CodeInputs(
      *engine, inputs, ropts, flags.threads, quiet,
      [&out](const Document&, CodeResult& result) {
        for (const Event& e : result.events) out.Write(e);
      },
      &stats);
  if (out.file != stdout) std::fclose(out.file);
  if (out.not_asserted_left_out > 0) {
    std::fprintf(stderr,
                 "ladder: note: %ld future, hypothetical, negated or alleged event(s) "
                 "not written: %s rows have no modality column (jsonl, tsv, csv and "
                 "plover keep them)\n",
                 out.not_asserted_left_out, format == "gdelt" ? "GDELT" : "Phoenix");
  }
  if (!quiet && isatty(STDERR_FILENO)) {
    std::fprintf(stderr, "ladder: %ld documents, %ld events, %ld errors\n",
                 stats.docs, stats.events, stats.errors);
  }
  ReportUndated(stats.undated, stats.docs);
  if (stats.unreadable > 0) return kExitFailure;
  if (stats.undated > 0) return kExitUsage;
  return stats.errors > 0 ? kExitInput : kExitOk;
}

// `ladder explain FILE --sentence N`: the document `doc_id` of FILE (or its
// first), explained at sentence N in its context; then what `ladder code`
// codes there.
int ExplainInFile(const Engine& engine, const std::string& path, const std::string& date,
                  const std::string& doc_id, int sentence_no) {
  ReaderOptions options;
  options.default_date = date;
  auto reader = DocumentReader::Open(path, options);
  if (!reader.ok()) {
    PrintError(reader.status().message());
    return kExitFailure;
  }
  Document doc;
  Status error;
  DocumentReader::Outcome outcome;
  bool found = false;
  while ((outcome = (*reader)->Next(&doc, &error)) != DocumentReader::Outcome::kEnd) {
    if (outcome == DocumentReader::Outcome::kError) {
      if ((*reader)->date_missing()) {
        PrintError(error.message() + "; give it with --date YYYY-MM-DD");
        return kExitUsage;
      }
      PrintError(error.message());
      continue;
    }
    if (doc_id.empty() || doc.id == doc_id) {
      found = true;
      break;
    }
  }
  if (!found) {
    PrintError(path + ": " + (doc_id.empty() ? "no document" : "no document '" + doc_id + "'"));
    return kExitUsage;
  }
  auto trace = engine.ExplainInDocument(doc, sentence_no);
  if (!trace.ok()) {
    PrintError(path + ": " + trace.status().message());
    return kExitUsage;
  }
  std::printf("document: %s (%s)\n", doc.id.c_str(), doc.date.c_str());
  std::fputs(trace->c_str(), stdout);
  auto result = engine.Code(doc);
  if (!result.ok()) {
    PrintError(result.status().message());
    return kExitInput;
  }
  std::printf("coded (as 'ladder code' codes this sentence in its document):\n");
  int kept = 0;
  for (const Event& e : result->events) {
    if (e.sentence != sentence_no) continue;
    std::printf("  %s\n", EventToJson(e).c_str());
    ++kept;
  }
  // The trace counts the events its patterns made; `code` may keep fewer
  // (one-sided events, --asserted-only, --min-confidence).
  if (kept == 0) {
    std::printf("  none (events traced above may be left out: one-sided ones unless "
                "--keep-one-sided, others by --asserted-only or --min-confidence)\n");
  }
  return kExitOk;
}

int RunExplainCommand(int argc, char** argv) {
  CLI::App app{"Show how a sentence is coded: tokens, actors, verbs, patterns. "
               "With --sentence N the argument is a file (text, JSONL, PETRARCH "
               "XML or TABARI records) and sentence N of its document is "
               "explained in its context, aliases and pronouns resolved as "
               "'ladder code' resolves them",
               "ladder explain"};
  std::string sentence, date, doc_id;
  int sentence_no = 0;
  std::vector<std::string> dicts;
  app.add_option("sentence", sentence, "the sentence, or with --sentence a file")->required();
  app.add_option("--date", date, "the sentence's date (YYYY-MM-DD)");
  app.add_option("--sentence", sentence_no,
                 "explain sentence N (1-based, as events number them) of the file's document")
      ->check(CLI::PositiveNumber);
  app.add_option("--doc", doc_id, "with --sentence: the document id in a multi-document file");
  std::string output;
  AddOutputOption(&app, &output, "write the trace to FILE");
  app.add_option("--dict", dicts, "dictionary file or folder (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (!doc_id.empty() && sentence_no == 0) {
    PrintError("explain: --doc needs --sentence N");
    return kExitUsage;
  }
  if (Status s = RedirectStdout(output); !s.ok()) {
    PrintError(s.message());
    return kExitFailure;
  }
  EngineOptions options;
  options.dictionaries = dicts;
  std::unique_ptr<Engine> engine = OpenEngine(options);
  if (engine == nullptr) return kExitFailure;
  if (sentence_no > 0) return ExplainInFile(*engine, sentence, date, doc_id, sentence_no);
  std::fputs(engine->Explain(sentence, date).c_str(), stdout);
  Document doc{"explain", date, sentence, "", "", "", ""};
  auto result = engine->Code(doc);
  if (!result.ok()) {
    PrintError(result.status().message());
    return kExitInput;
  }
  std::printf("coded:\n");
  for (const Event& e : result->events) {
    std::printf("  %s\n", EventToJson(e).c_str());
  }
  return kExitOk;
}

// `ladder dict compile`: saves the dictionaries as one snapshot file.
int CompileDictionaries(const EngineOptions& options, const std::string& output) {
  auto saved = SaveDictionarySnapshot(options, output);
  if (!saved.ok()) {
    PrintError(saved.status().message());
    return kExitFailure;
  }
  const DictionaryStats& s = *saved;
  std::printf("wrote %s: %zu actors, %zu agents, %zu patterns, %zu discards, "
              "%zu issues, %zu codes, %zu problem(s) in %.3f s\n",
              output.c_str(), s.actors, s.agents, s.patterns, s.discards,
              s.issues, s.codes, s.problems.size(), s.compile_seconds);
  return kExitOk;
}

int RunDictCommand(int argc, char** argv) {
  CLI::App app{"Check dictionaries, show their statistics or compile them "
               "into a snapshot file",
               "ladder dict"};
  std::vector<std::string> dicts;
  std::string action, output;
  bool with_default = false;
  app.add_option("action", action, "check, stats or compile")
      ->required()
      ->check(CLI::IsMember({"check", "stats", "compile"}));
  app.add_option("--dict", dicts, "dictionary file or folder (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--with-default-dict", with_default,
               "also load ladder's own dictionaries beside --dict");
  app.add_option("-o,--output", output,
                 "compile: the snapshot file to write (e.g. phoenix.ldict)");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if ((action == "compile") != !output.empty()) {
    PrintError(action == "compile" ? "dict compile: -o FILE is required"
                                   : "dict " + action + ": -o is only for compile");
    return kExitUsage;
  }
  EngineOptions options;
  options.dictionaries = dicts;
  options.include_default = with_default;
  if (action == "compile") return CompileDictionaries(options, output);
  std::unique_ptr<Engine> engine = OpenEngine(options);
  if (engine == nullptr) return kExitFailure;
  const DictionaryStats& s = engine->stats();
  if (action == "check") {
    for (const std::string& p : s.problems) std::printf("%s\n", p.c_str());
    std::printf("%zu problem(s)\n", s.problems.size());
    return s.problems.empty() ? kExitOk : kExitInput;
  }
  std::printf("actors    %zu\nagents    %zu\npatterns  %zu\nissues    %zu\n"
              "problems  %zu\nload+compile %.3f s\n",
              s.actors, s.agents, s.patterns, s.issues, s.problems.size(),
              s.compile_seconds);
  return kExitOk;
}

const CommandRegistrar kCode("code", "code news text into events",
                             RunCodeCommand);
const CommandRegistrar kExplain("explain", "show how a sentence is coded",
                                RunExplainCommand);
const CommandRegistrar kDict("dict",
                             "check dictionaries, show statistics or compile "
                             "a snapshot",
                             RunDictCommand);

}  // namespace
}  // namespace ladder::tools
