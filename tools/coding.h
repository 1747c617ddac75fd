// What the commands that code documents share (`ladder code`, `ladder
// eval`, `ladder ingest --code`): the engine flags and the reading loop
// that feeds Engine::CodeBatch, so that every command codes a file into
// exactly the events `ladder code` writes.
#ifndef LADDER_TOOLS_CODING_H_
#define LADDER_TOOLS_CODING_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ladder/engine.h"
#include "ladder/io.h"

namespace ladder::tools {

// --dict, --with-default-dict, --asserted-only, --keep-off-topic, --keep-one-sided,
// --max-doc-mb, --threads, --min-confidence, --confidence, --no-locations
// and --places.
struct EngineFlags {
  std::vector<std::string> dicts;
  std::string confidence_model;
  std::string places_dir;
  bool no_locations = false;
  double min_confidence = 0;
  bool with_default = false, asserted_only = false, keep_off_topic = false,
       keep_one_sided = false;
  double max_doc_mb = 8;
  int threads = 1;

  // Registers the flags on `app`; the values land in this struct, which
  // must outlive the parse.
  void AddTo(CLI::App* app);
  EngineOptions ToOptions() const;
};

// Opens the Engine or prints why not (nullptr).
std::unique_ptr<Engine> OpenEngine(const EngineOptions& options);

struct CodeStats {
  long docs = 0, events = 0, errors = 0;
  long unreadable = 0;  // inputs that could not be opened
  long undated = 0;     // text or JSONL documents without a date (a usage error)
  long too_large = 0;   // documents over --max-doc-mb (counted in errors too)
};

// After a run with `undated` documents left out for want of a date (each
// named by the reader's error) and `coded` documents coded: one summary
// line saying what to do, unless a single document was all the input (its
// own line said it). The run's exit code is then kExitUsage.
void ReportUndated(long undated, long coded);

// Called for each coded document, in input order, with what the Engine
// coded (no events for a discarded story).
using DocumentSink = std::function<void(const Document& document, CodeResult& result)>;

// Reads every input (a path or "-") and codes its documents with `threads`
// workers, as `ladder code` does: bad records and unreadable inputs are
// reported on stderr (one line each, naming the input and line) and counted
// in `stats`; a progress bar shows on a terminal unless `quiet`.
void CodeInputs(const Engine& engine, const std::vector<std::string>& inputs,
                const ReaderOptions& reader_options, int threads, bool quiet,
                const DocumentSink& sink, CodeStats* stats);

}  // namespace ladder::tools

#endif  // LADDER_TOOLS_CODING_H_
