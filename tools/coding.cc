// The coding loop shared by `ladder code` and `ladder eval` (coding.h).
#include "coding.h"

#include <unistd.h>

#include <cstdio>

#include "cli_args.h"
#include "commands.h"

namespace ladder::tools {
namespace {

class Progress {
 public:
  explicit Progress(bool quiet) : on_(!quiet && isatty(STDERR_FILENO)) {}
  void Update(const DocumentReader& r, long docs) {
    if (!on_ || ++ticks_ % 64 != 0) return;
    if (r.size() > 0) {
      double f = static_cast<double>(r.bytes_read()) / r.size();
      int width = 30;
      int fill = static_cast<int>(f * width);
      std::fprintf(stderr, "\r%s [%.*s%*s] %3.0f%% %ld docs", r.name().c_str(), fill,
                   "##############################", width - fill, "", f * 100, docs);
    } else {
      std::fprintf(stderr, "\r%s %ld docs", r.name().c_str(), docs);
    }
  }
  void Done() {
    if (on_ && ticks_ >= 64) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool on_;
  long ticks_ = 0;
};

// Documents read but not yet coded. `where[i]` names the input and line of
// docs[i] for error messages.
struct Batch {
  std::vector<Document> docs;
  std::vector<std::string> where;
};

// A document's story for batching: its Document::story, or itself.
const std::string& StoryKey(const Document& doc) { return doc.story.empty() ? doc.id : doc.story; }

// Codes the batch (Engine::CodeBatch: story discards, threads, order) and
// hands each document's events to `sink`.
void Flush(const Engine& engine, Batch* batch, int threads, const DocumentSink& sink,
           CodeStats* stats) {
  std::vector<Result<CodeResult>> results = engine.CodeBatch(batch->docs, {threads});
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].ok()) {
      const bool too_large = results[i].status().code() == StatusCode::kResourceExhausted;
      PrintRecordError(batch->where[i] + ": " + results[i].status().message() +
                       (too_large ? " (raise --max-doc-mb)" : ""));
      ++stats->errors;
      stats->too_large += too_large;
      continue;
    }
    sink(batch->docs[i], *results[i]);
    stats->events += static_cast<long>(results[i]->events.size());
  }
  batch->docs.clear();
  batch->where.clear();
}

}  // namespace

void EngineFlags::AddTo(CLI::App* app) {
  app->add_option("--dict", dicts, "dictionary file or folder (repeatable)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app->add_flag("--with-default-dict", with_default,
                "also load ladder's own dictionaries beside --dict");
  app->add_flag("--asserted-only", asserted_only,
                "drop future, hypothetical, negated and alleged events");
  app->add_flag("--keep-off-topic", keep_off_topic,
                "code documents the topic cues say are about sport, business or science");
  app->add_flag("--keep-one-sided", keep_one_sided,
                "keep events with one side only of every kind (by default only "
                "statements, appeals, protests, shows of force and bombings)");
  AddThreadsOption(app, &threads, "worker threads");
  app->add_option("--max-doc-mb", max_doc_mb, "refuse documents larger than this (MB of text)")
      ->check(CLI::Range(0.001, 4096.0));
  app->add_option("--min-confidence", min_confidence,
                  "drop events whose confidence is below this (0-1)")
      ->check(CLI::Range(0.0, 1.0));
  app->add_option("--confidence", confidence_model,
                  "confidence weights file (default: the bundled data/confidence.txt)");
  app->add_flag("--no-locations", no_locations,
                "do not geolocate events (no 'location'; saves the gazetteer's start-up)");
  app->add_option("--places", places_dir,
                  "folder of ladder's places files (default: the bundled data/places)");
}

EngineOptions EngineFlags::ToOptions() const {
  EngineOptions options;
  options.dictionaries = dicts;
  options.include_default = with_default;
  options.keep_non_asserted = !asserted_only;
  options.topic_filter = !keep_off_topic;
  options.keep_one_sided = keep_one_sided;
  options.max_document_bytes = static_cast<size_t>(max_doc_mb * (1 << 20));
  options.min_confidence = min_confidence;
  options.confidence_model = confidence_model;
  options.geolocate = !no_locations;
  options.places_dir = places_dir;
  return options;
}

std::unique_ptr<Engine> OpenEngine(const EngineOptions& options) {
  auto engine = Engine::Open(options);
  if (!engine.ok()) {
    PrintError(engine.status().message());
    return nullptr;
  }
  return std::move(engine).value();
}

void ReportUndated(long undated, long coded) {
  // One undated document alone has said all in its own line.
  if (undated == 0 || (undated == 1 && coded == 0)) return;
  PrintError(std::to_string(undated) +
             " document(s) without a date were not coded (each is named above; "
             "the dated ones were): give each a date (\"date\" in JSONL, a "
             "dateline in text) or --date YYYY-MM-DD for those without one");
}

void CodeInputs(const Engine& engine, const std::vector<std::string>& inputs,
                const ReaderOptions& reader_options, int threads, bool quiet,
                const DocumentSink& sink, CodeStats* stats) {
  Progress progress(quiet);
  Batch batch;
  const size_t kBatch = 64 * static_cast<size_t>(threads);
  for (const std::string& input : inputs) {
    auto reader = DocumentReader::Open(input, reader_options);
    if (!reader.ok()) {
      PrintError(reader.status().message());
      ++stats->unreadable;
      continue;
    }
    Document doc;
    Status error;
    DocumentReader::Outcome outcome;
    while ((outcome = (*reader)->Next(&doc, &error)) != DocumentReader::Outcome::kEnd) {
      if (outcome == DocumentReader::Outcome::kError) {
        if ((*reader)->date_missing()) {
          PrintRecordError(error.message() + " (or --date YYYY-MM-DD for input without one)");
          ++stats->undated;
          continue;
        }
        PrintRecordError(error.message());
        ++stats->errors;
        continue;
      }
      // A full batch is coded before the next story starts, not inside one
      // (unless one story outgrows 16 batches: memory stays bounded).
      if (batch.docs.size() >= kBatch &&
          (StoryKey(doc) != StoryKey(batch.docs.back()) || batch.docs.size() >= 16 * kBatch)) {
        Flush(engine, &batch, threads, sink, stats);
      }
      batch.docs.push_back(std::move(doc));
      batch.where.push_back((*reader)->where());
      ++stats->docs;
      progress.Update(**reader, stats->docs);
    }
    Flush(engine, &batch, threads, sink, stats);
  }
  progress.Done();
}

}  // namespace ladder::tools
