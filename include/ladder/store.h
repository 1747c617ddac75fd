// The event store: one SQLite file (WAL) holding coded and imported events,
// the documents that reported them, and de-duplication clusters.
// doc/formats/store.md specifies the schema.
//
// Order of calls: Store::Open, then any mix of Ingest / Import / Query /
// ForEach / Count / Deduplicate. Importers batch their writes with
// Begin/Commit; Ingest alone is one transaction.
//
// Ownership and thread-safety: a Store owns its SQLite connection and is used
// by one thread at a time (no internal locking). Several Store handles, in one
// process or many, may open the same file at once: readers see the last
// committed state while a writer writes (WAL); writers wait up to
// StoreOptions::busy_timeout_ms for each other.
#ifndef LADDER_STORE_H_
#define LADDER_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ladder/event.h"
#include "ladder/status.h"

struct sqlite3;

namespace ladder::store {

// Where an event came from: "ladder" (coded by ladder), "gdelt2", "gdelt1",
// "icews18", "phoenix".
inline constexpr std::string_view kOriginLadder = "ladder";
inline constexpr std::string_view kOriginGdelt2 = "gdelt2";
inline constexpr std::string_view kOriginGdelt1 = "gdelt1";
inline constexpr std::string_view kOriginIcews18 = "icews18";
inline constexpr std::string_view kOriginPhoenix = "phoenix";

// The schema version written in the `meta` table; Open refuses other versions.
inline constexpr int kSchemaVersion = 1;

// A compact view of one stored event, as analytics reads it.
struct StoredEvent {
  int64_t id = 0;                              // row id (stable; events.id)
  int day = 0;                                 // days since 1970-01-01
  std::string source_country, target_country;  // may be ""
  std::string source_code, target_code;        // may be ""
  std::string cameo, root;
  int quad_class = 0;
  double goldstein = 0.0;
  // Reports of this event: the row's own count, or the whole cluster's total
  // when the filter asks for clusters (EventFilter::unit == kClusters).
  int mentions = 1;
  int64_t cluster = 0;   // cluster id after Deduplicate; else equals `id`
  std::string modality;  // "asserted", "negated", ...
  std::string origin;    // "ladder", "gdelt2", ...
  // What the stored date says: 3 a day ("2019-09-07"), 2 only a month
  // ("2019-09"), 1 only a year ("2019"). `day` is then the period's first day.
  int date_precision = 3;
  // The country where the event happened (Event::location; ISO alpha-3),
  // "" when unknown or a sea.
  std::string location_country;
};

// What to count: every stored row, or one row per de-duplicated cluster (the
// cluster's first event, with the cluster's mention total). Before
// Deduplicate every event is its own cluster.
enum class CountUnit { kEvents, kClusters };

// Query filter. Empty fields do not filter; all given fields must hold.
struct EventFilter {
  std::optional<int> day_from;  // inclusive, days since 1970-01-01
  std::optional<int> day_to;    // inclusive
  std::vector<std::string> source_countries;  // source_country IN (...)
  std::vector<std::string> target_countries;  // target_country IN (...)
  std::vector<std::string> countries;         // either side IN (...)
  // A dyad: source==dyad_a and target==dyad_b; with dyad_both_directions
  // also source==dyad_b and target==dyad_a. Used when both are non-empty.
  std::string dyad_a, dyad_b;
  bool dyad_both_directions = true;
  std::vector<std::string> roots;    // root IN ("14", "18", ...)
  std::vector<std::string> origins;  // origin IN ("gdelt2", ...)
  bool asserted_only = false;        // modality == "asserted"
  // The country of action (event_locations.country) IN (...).
  std::vector<std::string> location_countries;
  CountUnit unit = CountUnit::kEvents;
  int64_t limit = 0;  // 0 = no limit; results are ordered by (day, id)
};

// One row to write: an event plus what the Event record does not carry.
struct StoreRecord {
  Event event;  // event.event_id must be unique within the store
  std::string origin = std::string(kOriginLadder);
  int mentions = 1;  // reports merged into this record upstream (GDELT)
  std::string url;   // where it was reported; "" if unknown
};

struct IngestStats {
  int64_t seen = 0;      // records given
  int64_t inserted = 0;  // records that were new (the rest already stored)
  // Records whose event_id was already stored with different content (date,
  // actors, code, modality, evidence or origin): not written, and an error
  // for the caller to report. `clash_messages` holds the first 1,000,
  // "event '<id>' is already stored with different content (...)".
  int64_t clashes = 0;
  std::vector<std::string> clash_messages;
};

struct DedupOptions {
  int window_days = 2;  // same cluster if within this many days of its first
  bool match_root = false;     // compare CAMEO roots instead of full codes
  bool asserted_only = false;  // leave non-asserted events unclustered
  // GDELT-style merging instead, for comparison: identical full actor codes,
  // identical CAMEO code, same day.
  bool exact_match = false;
};

struct DedupStats {
  int64_t events = 0;    // events considered
  int64_t clusters = 0;  // clusters formed (singletons included)
};

struct StoreOptions {
  int busy_timeout_ms = 10000;
  bool read_only = false;  // open an existing store for reading only
};

class Store {
 public:
  // Opens or creates the store at `path` (":memory:" for a private one).
  // A new file gets the schema; an existing one must carry kSchemaVersion.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }

  // Explicit transaction for batched writers: Begin, many Ingest calls,
  // Commit. Ingest inside Begin/Commit joins that transaction. Rollback
  // undoes everything since Begin. The destructor rolls back an open one.
  Status Begin();
  Status Commit();
  Status Rollback();
  bool in_transaction() const { return in_transaction_; }

  // Inserts events coded by ladder (origin "ladder"). Events whose event_id
  // is already stored with the same content are skipped, so ingesting the
  // same events twice changes nothing; one stored with different content is
  // a clash (IngestStats::clashes), never silently skipped. One transaction unless inside Begin/Commit. An event
  // with an unparsable date is an error naming its event_id; nothing of the
  // call is then written (outside Begin/Commit).
  Result<IngestStats> Ingest(const std::vector<Event>& events);
  Result<IngestStats> Ingest(const std::vector<StoreRecord>& records);

  // Matching events ordered by (day, id).
  Result<std::vector<StoredEvent>> Query(const EventFilter& filter) const;
  // Streams matching events to `callback` in (day, id) order without
  // holding them all; `callback` returns false to stop early.
  Status ForEach(const EventFilter& filter,
                 const std::function<bool(const StoredEvent&)>& callback) const;
  // Number of matching rows (events or clusters, per filter.unit).
  Result<int64_t> Count(const EventFilter& filter = {}) const;
  // Sum of mentions over matching rows.
  Result<int64_t> CountMentions(const EventFilter& filter = {}) const;
  // The urls/doc ids that reported the events of cluster `cluster_id`.
  Result<std::vector<std::string>> ClusterSources(int64_t cluster_id) const;

  // Groups reports of one real event into clusters (see dedup.cc): same
  // directed dyad (countries, or actor codes when a country is missing), same
  // CAMEO code (or root), compatible agents, within window_days. Recomputes
  // all clusters in one transaction; idempotent.
  Result<DedupStats> Deduplicate(const DedupOptions& options = {});

  // Per origin ("ladder", "gdelt2", ...): its first and last event day and
  // its number of events, in origin order. What the store covers: outside
  // these spans it has no data (not zero activity).
  struct OriginSpan {
    std::string origin;
    int first_day = 0, last_day = 0;
    int64_t events = 0;
  };
  Result<std::vector<OriginSpan>> OriginSpans() const;

  // "PRAGMA integrity_check" == "ok".
  Status CheckIntegrity() const;

 private:
  // The connection is not part of the API: the store's own modules (and
  // its tests) reach it through StoreAccess (src/store/sqlite_util.h).
  friend struct StoreAccess;
  Store(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  Status CreateOrCheckSchema();
  // Adds the event_locations table to a store made before it existed (when
  // writable) and records whether the store has it.
  Status AddLocationTable();
  bool has_locations_ = false;
  Result<bool> HasSchema() const;

  std::string path_;
  sqlite3* db_ = nullptr;
  bool in_transaction_ = false;
};

// OK if Store::Ingest accepts `event`: it has an event_id and a real ISO
// date. The message names neither input nor line; callers prefix them.
Status CheckStorable(const Event& event);

// True for the CAMEO region codes GDELT writes where a country would go
// (AFR Africa, EUR Europe, MEA Middle East, WST the West, ...: the 25
// regions of CAMEO's country table). They are not countries: importers leave
// an event's country empty for them, and the network and alerts skip them.
bool IsRegionCode(std::string_view code);

// ---- Importers (src/store/import_*.cc) ----

enum class ImportFormat { kGdelt2, kGdelt1, kIcews18, kPhoenix };

// "gdelt2" | "gdelt1" | "icews18" | "phoenix".
Result<ImportFormat> ParseImportFormat(std::string_view name);

struct ImportOptions {
  int64_t batch_size = 10000;  // lines per transaction
  // ISO 3166 JSON (Debian iso-codes) for ICEWS country names; only the
  // built-in aliases are used when it cannot be read.
  std::string iso_codes_path = "/usr/share/iso-codes/json/iso_3166-1.json";
  // ICEWS event names -> CAMEO codes: "name<TAB>code" lines; "" = ladder's
  // own table, data/import/icews_cameo.txt. A name not in it is a bad line.
  std::string icews_names_path;
  // CAMEO facts read at run time, for Goldstein values of files that lack
  // them (Phoenix, ICEWS): a folder holding GDELT's CAMEO.goldsteinscale.txt,
  // or its path. Without them the Goldstein values of ladder's
  // data/codes.txt are used.
  std::string cameo_dir;
  std::string goldstein_path;
  // Called for each malformed line with "file:line: what"; may be empty.
  std::function<void(const Status&)> on_error;
};

struct ImportStats {
  int64_t lines = 0;      // non-empty lines read
  int64_t events = 0;     // lines parsed into events
  int64_t inserted = 0;   // events new to the store
  int64_t bad_lines = 0;  // malformed lines (reported, skipped)
  int64_t clashes = 0;    // ids already stored with other content (reported)
};

// Imports one file (`path` "-" = stdin) into `store`, one transaction per
// options.batch_size lines. Malformed lines are reported via on_error and
// skipped; the result is an error only when the file cannot be read or the
// store refuses a write. Event ids are stable ("gdelt2:<GLOBALEVENTID>", ...)
// so importing a file twice adds nothing.
Result<ImportStats> Import(Store* store, ImportFormat format,
                           const std::string& path,
                           const ImportOptions& options = {});

}  // namespace ladder::store

#endif  // LADDER_STORE_H_
