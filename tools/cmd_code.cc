// ladder code / explain / dict: the coding commands.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>

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

  void Write(const Event& e) {
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
  std::string date, output, format = "jsonl", input_format = "auto";
  bool quiet = false;
  EngineFlags flags;
  app.add_option("inputs", inputs,
                 "text, JSONL, PETRARCH XML or TABARI record files; - for stdin")
      ->default_val(std::vector<std::string>{"-"});
  app.add_option("--date", date, "document date for plain text (YYYY-MM-DD)");
  app.add_option("--output-format", format,
                 "jsonl, tsv, csv, gdelt, plover or phoenix")
      ->check(CLI::IsMember(
          {"jsonl", "tsv", "csv", "gdelt", "plover", "phoenix"}));
  app.add_option("--input-format", input_format,
                 "auto, text, jsonl, petrarch (XML <Sentence> records) or tabari "
                 "(text records)")
      ->check(CLI::IsMember({"auto", "text", "jsonl", "petrarch", "tabari"}));
  app.add_option("-o,--output", output, "write events to FILE");
  flags.AddTo(&app);
  app.add_flag("-q,--quiet", quiet, "no progress bar");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  std::unique_ptr<Engine> engine = OpenEngine(flags.ToOptions());
  if (engine == nullptr) return kExitFailure;
  Output out;
  out.format = format;
  if (!output.empty()) {
    out.file = std::fopen(output.c_str(), "wb");
    if (out.file == nullptr) {
      PrintError(output + ": cannot open for writing");
      return kExitFailure;
    }
  }
  ReaderOptions ropts;
  ropts.default_date = date;
  ropts.format = input_format == "text"       ? InputFormat::kText
                 : input_format == "jsonl"    ? InputFormat::kJsonl
                 : input_format == "petrarch" ? InputFormat::kPetrarchXml
                 : input_format == "tabari"   ? InputFormat::kTabari
                                              : InputFormat::kAuto;
  CodeStats stats;
  CodeInputs(*engine, inputs, ropts, flags.threads, quiet,
             [&out](const Document&, const std::vector<Event>& events) {
               for (const Event& e : events) out.Write(e);
             },
             &stats);
  if (out.file != stdout) std::fclose(out.file);
  if (!quiet && isatty(STDERR_FILENO)) {
    std::fprintf(stderr, "ladder: %ld documents, %ld events, %ld errors\n",
                 stats.docs, stats.events, stats.errors);
  }
  if (stats.unreadable > 0) return kExitFailure;
  return stats.errors > 0 ? kExitInput : kExitOk;
}

int RunExplainCommand(int argc, char** argv) {
  CLI::App app{"Show how a sentence is coded: tokens, actors, verbs, patterns",
               "ladder explain"};
  std::string sentence, date;
  std::vector<std::string> dicts;
  app.add_option("sentence", sentence, "the sentence")->required();
  app.add_option("--date", date, "the sentence's date (YYYY-MM-DD)");
  app.add_option("--dict", dicts, "dictionary file or folder (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  EngineOptions options;
  options.dictionaries = dicts;
  std::unique_ptr<Engine> engine = OpenEngine(options);
  if (engine == nullptr) return kExitFailure;
  std::fputs(engine->Explain(sentence, date).c_str(), stdout);
  Document doc{"explain", date, sentence, "", "", ""};
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
