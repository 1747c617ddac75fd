// ladder ingest | import | dedup: writing events into the store.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli_args.h"
#include "coding.h"
#include "commands.h"
#include "ladder/engine.h"
#include "ladder/io.h"
#include "ladder/store.h"

namespace ladder::tools {
namespace {


Result<std::unique_ptr<store::Store>> OpenStore(const std::string& db) {
  return store::Store::Open(db);
}

// A --db that cannot be a store file (a folder) is refused before any work.
Status CheckStorePath(const std::string& path) {
  struct stat st;
  if (path != ":memory:" && stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return InvalidArgument(path + ": is a directory, not a store file (give --db a file name)");
  }
  return Status::Ok();
}

// Removes a store file this run created but wrote nothing into; true if so.
bool RemoveIfUnused(const std::string& path, bool existed, int64_t inserted) {
  if (existed || inserted > 0 || path == ":memory:") return false;
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return true;
}

// The store a writing command writes to, opened (and created) only when
// there is something to write: a command that fails before leaves no file.
class LazyStore {
 public:
  explicit LazyStore(std::string path) : path_(std::move(path)) {}
  Result<store::Store*> Get() {
    if (store_ == nullptr) {
      ASSIGN_OR_RETURN(store_, OpenStore(path_));
    }
    return store_.get();
  }
  const std::string& path() const { return path_; }
  bool opened() const { return store_ != nullptr; }

 private:
  std::string path_;
  std::unique_ptr<store::Store> store_;
};

// Progress on a terminal only, unless quiet.
void ShowProgress(const std::string& name, int64_t lines, bool quiet) {
  static const bool kTty = isatty(fileno(stderr));
  if (kTty && !quiet)
    std::fprintf(stderr, "\r%s: %lld lines", name.c_str(),
                 static_cast<long long>(lines));
}

void EndProgress(bool quiet) {
  static const bool kTty = isatty(fileno(stderr));
  if (kTty && !quiet) std::fprintf(stderr, "\r\033[K");
}

struct IngestTotals {
  int64_t events = 0, inserted = 0, bad = 0, clashes = 0;
  int64_t undated = 0;  // text or JSONL documents without a date (usage error)
  int64_t documents = 0;  // documents coded (ingest --code)
};

// Stores a batch; Store::Ingest is one transaction (all or nothing). Events
// whose id is stored with other content are reported, one line each.
Status WriteBatch(LazyStore* db, std::vector<Event>* batch,
                  IngestTotals* totals) {
  if (batch->empty()) return Status::Ok();
  ASSIGN_OR_RETURN(store::Store * store, db->Get());
  Result<store::IngestStats> stats = store->Ingest(*batch);
  if (!stats.ok()) return stats.status();
  totals->inserted += stats->inserted;
  totals->clashes += stats->clashes;
  for (const std::string& m : stats->clash_messages) PrintRecordError(db->path() + ": " + m);
  batch->clear();
  return Status::Ok();
}

// A JSON line that is a document ({"id", "date", "text"}) rather than an
// event: the user meant --code.
bool LooksLikeDocument(const std::string& line) {
  if (line.find("\"event_id\"") != std::string::npos) return false;
  Result<Document> doc = DocumentFromJson(line, "");
  return doc.ok() || doc.status().message().find("has no date") != std::string::npos;
}

// Reads event JSONL from one input; every `batch_size` lines commit.
Status IngestFile(const std::string& path, int64_t batch_size, bool quiet, LazyStore* db,
                  IngestTotals* totals) {
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return NotFound(path + ": cannot open: " + std::strerror(errno));
  }
  std::istream& in = path == "-" ? std::cin : file;
  std::string name = path == "-" ? "<stdin>" : path;
  std::vector<Event> batch;
  std::string line;
  int64_t line_no = 0, documents = 0, not_json = 0, bad_here = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) {
      Result<Event> event = EventFromJson(line);
      Status ok = event.ok() ? store::CheckStorable(*event) : event.status();
      std::string what = ok.ok() ? "" : ok.message();
      if (what.empty()) {
        ++totals->events;
        batch.push_back(std::move(event).value());
      } else {
        ++totals->bad;
        ++bad_here;
        if (LooksLikeDocument(line)) {
          ++documents;
          what = "a document, not an event";
        } else if (line.find_first_not_of(" \t") != line.find('{')) {
          ++not_json;  // plain text, perhaps
        }
        PrintRecordError(name + ":" + std::to_string(line_no) + ": " + what);
      }
    }
    if (line_no % batch_size == 0) {
      RETURN_IF_ERROR(WriteBatch(db, &batch, totals));
      ShowProgress(name, line_no, quiet);
    }
  }
  // The user probably meant --code: say so once.
  const std::string code_it = "'ladder ingest' stores events as 'ladder code' writes them; to "
                              "code documents and store their events, run 'ladder ingest "
                              "--code " + name + "'";
  if (documents > 0) {
    PrintError(name + ": " + std::to_string(documents) +
               " line(s) are documents ({\"id\", \"date\", \"text\"}), not events: " + code_it);
  } else if (not_json > 0 && not_json == bad_here && totals->events == 0) {
    PrintError(name + ": no line is JSON: if this is a text document, " + code_it);
  }
  return WriteBatch(db, &batch, totals);
}

// Codes documents with the Engine (CodeInputs: the loop `ladder code` runs,
// story discards and threads included) and stores their events; every
// `batch_size` events commit.
Status IngestDocuments(const Engine& engine, const std::vector<std::string>& inputs,
                       const ReaderOptions& options, int threads, bool quiet, int64_t batch_size,
                       LazyStore* db, IngestTotals* totals) {
  std::vector<Event> batch;
  Status failed;
  CodeStats stats;
  CodeInputs(
      engine, inputs, options, threads, quiet,
      [&](const Document& doc, CodeResult& result) {
        if (!failed.ok()) return;
        for (Event& e : result.events) {
          Status storable = store::CheckStorable(e);
          if (!storable.ok()) {
            ++totals->bad;
            PrintRecordError("document '" + doc.id + "': " + storable.message());
            continue;
          }
          ++totals->events;
          batch.push_back(std::move(e));
        }
        if (static_cast<int64_t>(batch.size()) >= batch_size) {
          failed = WriteBatch(db, &batch, totals);
        }
      },
      &stats);
  RETURN_IF_ERROR(failed);
  totals->bad += stats.errors;
  totals->undated += stats.undated;
  totals->documents += stats.docs;
  if (stats.unreadable > 0) return NotFound("some inputs could not be read (above)");
  return WriteBatch(db, &batch, totals);
}

int RunIngest(int argc, char** argv) {
  CLI::App app(
      "Write events into the store. Input is event JSONL as written by "
      "'ladder code' (one event object a line; '-' reads stdin); to code "
      "documents on the fly, pass --code. Events "
      "already stored (same event_id, same content) are skipped, so re-running "
      "is safe; an event_id stored with different content is an error. "
      "Lines are committed in batches, one transaction each. The store is "
      "created only when there is something to write.",
      "ingest");
  std::string db_path = kDefaultDb, date, text_id;
  int64_t batch_size = 10000;
  std::vector<std::string> inputs;
  bool code = false, quiet = false;
  EngineFlags flags;
  app.add_flag("--code", code,
               "inputs are documents (text, JSONL, PETRARCH XML or TABARI records): "
               "code them as 'ladder code' does and store their events");
  app.add_option("--date", date,
                 "with --code: date (YYYY-MM-DD) of documents without one (plain text, "
                 "JSONL records with no \"date\")");
  app.add_option("--id", text_id, "with --code: id of one plain-text document");
  flags.AddTo(&app);
  AddDbOption(&app, &db_path, "store file (created if missing)");
  app.add_flag("-q,--quiet", quiet, "no progress display");
  app.add_option("--batch-size", batch_size, "lines per transaction")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("files", inputs, "event JSONL files ('-' = stdin)")
      ->required();
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (!text_id.empty() && (!code || inputs.size() != 1)) {
    PrintError("ingest: --id names one plain-text document: use it with --code and one input");
    return kExitUsage;
  }
  if (Status db_ok = CheckStorePath(db_path); !db_ok.ok()) {
    PrintError(db_ok.message());
    return kExitFailure;
  }
  LazyStore db(db_path);
  IngestTotals totals;
  if (code) {
    std::unique_ptr<Engine> engine = OpenEngine(flags.ToOptions());
    if (engine == nullptr) return kExitFailure;
    ReaderOptions reader_options;
    reader_options.default_date = date;
    reader_options.text_id = text_id;
    Status status = IngestDocuments(*engine, inputs, reader_options, flags.threads, quiet,
                                    batch_size, &db, &totals);
    if (!status.ok()) {
      PrintError(status.message());
      return ExitCodeFor(status);
    }
  }
  for (const std::string& input : code ? std::vector<std::string>{} : inputs) {
    Status status = IngestFile(input, batch_size, quiet, &db, &totals);
    EndProgress(quiet);
    if (!status.ok()) {
      PrintError(status.message());
      return kExitFailure;
    }
  }
  std::fprintf(stderr, "ingested %lld events (%lld new", static_cast<long long>(totals.events),
               static_cast<long long>(totals.inserted));
  if (totals.clashes > 0) {
    std::fprintf(stderr, ", %lld NOT stored: their ids are taken by other content",
                 static_cast<long long>(totals.clashes));
  }
  std::fprintf(stderr, ") into %s%s\n", db_path.c_str(),
               db.opened() || access(db_path.c_str(), F_OK) == 0
                   ? ""
                   : " (not created: nothing to write)");
  ReportUndated(static_cast<long>(totals.undated), static_cast<long>(totals.documents));
  if (totals.undated > 0) return kExitUsage;
  return totals.bad > 0 || totals.clashes > 0 ? kExitInput : kExitOk;
}

int RunImport(int argc, char** argv) {
  CLI::App app(
      "Import third-party event files into the store: gdelt2 (GDELT 2.0 "
      "export, 61 columns), gdelt1 (GDELT 1.0, 57 or 58 columns), icews18 "
      "(RE-Net quadruples; entity2id.txt and relation2id.txt beside the "
      "file), phoenix (Phoenix/PETRARCH TSV). Re-importing a file adds "
      "nothing. Bad lines are reported as file:line and skipped (exit 3).",
      "import");
  std::string format_name, db_path;
  store::ImportOptions options;
  std::vector<std::string> inputs;
  app.add_option("format", format_name, "gdelt2 | gdelt1 | icews18 | phoenix")
      ->required();
  app.add_option("files", inputs, "input files ('-' = stdin)")->required();
  AddDbOption(&app, &db_path, "store file (created if missing)");
  app.add_option("--batch-size", options.batch_size, "lines per transaction")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--icews-names", options.icews_names_path,
                 "ICEWS event name -> CAMEO code table (default: ladder's "
                 "data/import/icews_cameo.txt)");
  app.add_option("--cameo-dir", options.cameo_dir,
                 "folder with GDELT's CAMEO.goldsteinscale.txt (Goldstein values; "
                 "default: ladder's data/codes.txt)");
  app.add_option("--iso-codes", options.iso_codes_path,
                 "ISO 3166-1 JSON (Debian iso-codes)")
      ->capture_default_str();
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  Result<store::ImportFormat> format = store::ParseImportFormat(format_name);
  if (!format.ok()) {
    PrintError(format.status().message());
    return kExitUsage;
  }
  if (Status db_ok = CheckStorePath(db_path); !db_ok.ok()) {
    PrintError(db_ok.message());
    return kExitFailure;
  }
  for (const std::string& input : inputs) {  // before a store is created
    if (input != "-" && access(input.c_str(), R_OK) != 0) {
      PrintError(input + ": cannot open: " + std::strerror(errno));
      return kExitFailure;
    }
  }
  const bool existed = access(db_path.c_str(), F_OK) == 0;
  Result<std::unique_ptr<store::Store>> db = OpenStore(db_path);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitFailure;
  }
  options.on_error = [](const Status& s) { PrintRecordError(s.message()); };
  store::ImportStats total;
  for (const std::string& input : inputs) {
    Result<store::ImportStats> stats =
        store::Import(db->get(), *format, input, options);
    if (!stats.ok()) {
      PrintError(stats.status().message());
      db->reset();
      RemoveIfUnused(db_path, existed, total.inserted);
      return kExitFailure;
    }
    total.lines += stats->lines;
    total.events += stats->events;
    total.inserted += stats->inserted;
    total.bad_lines += stats->bad_lines;
    total.clashes += stats->clashes;
  }
  db->reset();
  const bool removed = RemoveIfUnused(db_path, existed, total.inserted);
  std::fprintf(stderr,
               "imported %lld events (%lld new, %lld bad lines%s) into %s\n",
               static_cast<long long>(total.events),
               static_cast<long long>(total.inserted),
               static_cast<long long>(total.bad_lines),
               total.clashes > 0 ? (", " + std::to_string(total.clashes) +
                                    " NOT stored: their ids are taken by other content")
                                       .c_str()
                                 : "",
               removed ? (db_path + " (not created: nothing to write)").c_str()
                       : db_path.c_str());
  return total.bad_lines > 0 || total.clashes > 0 ? kExitInput : kExitOk;
}

int RunDedup(int argc, char** argv) {
  CLI::App app(
      "Group reports of one real event into clusters: same directed dyad, "
      "same CAMEO code, compatible agents, within a window of days. "
      "Recomputes all clusters; safe to re-run.",
      "dedup");
  std::string db_path;
  store::DedupOptions options;
  AddDbOption(&app, &db_path, "store file");
  app.add_option("--window-days", options.window_days,
                 "days from a cluster's first report")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--match-root", options.match_root,
               "compare CAMEO roots instead of full codes");
  app.add_flag("--asserted-only", options.asserted_only,
               "leave non-asserted events unclustered");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (db_path != ":memory:" && access(db_path.c_str(), F_OK) != 0) {
    PrintError(db_path + ": no such store (create it with 'ladder ingest' or 'ladder import')");
    return kExitFailure;
  }
  Result<std::unique_ptr<store::Store>> db = OpenStore(db_path);
  if (!db.ok()) {
    PrintError(db.status().message());
    return kExitFailure;
  }
  Result<store::DedupStats> stats = (*db)->Deduplicate(options);
  if (!stats.ok()) {
    PrintError(stats.status().message());
    return kExitFailure;
  }
  std::fprintf(stderr, "%lld events in %lld clusters in %s\n",
               static_cast<long long>(stats->events),
               static_cast<long long>(stats->clusters), db_path.c_str());
  return kExitOk;
}

const CommandRegistrar kIngest("ingest", "write event JSONL into the store",
                               RunIngest);
const CommandRegistrar kImport(
    "import", "import GDELT 1/2, ICEWS18 or Phoenix files into the store",
    RunImport);
const CommandRegistrar kDedup("dedup", "cluster duplicate event reports",
                              RunDedup);

}  // namespace
}  // namespace ladder::tools
