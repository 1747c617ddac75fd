// The coding loop shared by `ladder code` and `ladder eval` (coding.h).
#include "coding.h"

#include <unistd.h>

#include <cstdio>
#include <thread>

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

// Codes a batch with `threads` workers; results keep the input order.
void CodeBatch(const Engine& engine, const std::vector<Document>& docs, int threads,
               std::vector<Result<CodeResult>>* results) {
  results->clear();
  for (size_t i = 0; i < docs.size(); ++i) results->emplace_back(CodeResult());
  auto work = [&](size_t first) {
    for (size_t i = first; i < docs.size(); i += threads) {
      (*results)[i] = engine.Code(docs[i]);
    }
  };
  if (threads <= 1 || docs.size() < 2) {
    work(0);
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(work, t);
  for (std::thread& t : pool) t.join();
}

// Documents read but not yet coded. `where[i]` names the input and line of
// docs[i] for error messages; `story[i]` is the story it belongs to.
struct Batch {
  std::vector<Document> docs;
  std::vector<std::string> where;
  std::vector<std::string> story;
};

// The story of a PETRARCH <Sentence> record: its id up to a final
// "-<number>" ("AFP0808020593-2" -> "AFP0808020593"). Other documents are
// stories of their own.
std::string StoryOf(const std::string& id, InputFormat format) {
  if (format != InputFormat::kPetrarchXml) return id;
  size_t dash = id.find_last_of('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == id.size()) return id;
  for (size_t k = dash + 1; k < id.size(); ++k) {
    if (id[k] < '0' || id[k] > '9') return id;
  }
  return id.substr(0, dash);
}

// Codes the batch and hands each document's events to `sink`. A story
// discard phrase in one sentence record drops the events of every record of
// its story, as PETRARCH does (the batch never splits a story: see
// CodeInputs).
void Flush(const Engine& engine, Batch* batch, int threads, const DocumentSink& sink,
           CodeStats* stats) {
  std::vector<Result<CodeResult>> results;
  CodeBatch(engine, batch->docs, threads, &results);
  std::vector<const std::string*> discarded;
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].ok() && results[i]->discarded) discarded.push_back(&batch->story[i]);
  }
  static const std::vector<Event> kNone;
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].ok()) {
      PrintRecordError(batch->where[i] + ": " + results[i].status().message());
      ++stats->errors;
      continue;
    }
    bool story_discarded = false;
    for (const std::string* s : discarded) story_discarded |= *s == batch->story[i];
    const std::vector<Event>& events = story_discarded ? kNone : results[i]->events;
    sink(batch->docs[i], events);
    stats->events += static_cast<long>(events.size());
  }
  batch->docs.clear();
  batch->where.clear();
  batch->story.clear();
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
  app->add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));
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
          PrintRecordError(error.message());
          ++stats->undated;
          continue;
        }
        PrintRecordError(error.message());
        ++stats->errors;
        continue;
      }
      std::string story = StoryOf(doc.id, (*reader)->format());
      // A full batch is coded before the next story starts, not inside one
      // (unless one story outgrows 16 batches: memory stays bounded).
      if (batch.docs.size() >= kBatch &&
          (story != batch.story.back() || batch.docs.size() >= 16 * kBatch)) {
        Flush(engine, &batch, threads, sink, stats);
      }
      batch.docs.push_back(std::move(doc));
      batch.where.push_back((*reader)->where());
      batch.story.push_back(std::move(story));
      ++stats->docs;
      progress.Update(**reader, stats->docs);
    }
    Flush(engine, &batch, threads, sink, stats);
  }
  progress.Done();
}

}  // namespace ladder::tools
