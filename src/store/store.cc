// Store: opening, schema, transactions and ingest. Queries are in query.cc,
// de-duplication in dedup.cc, importers in import_*.cc.
#include "ladder/store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "base/date.h"
#include "store/sqlite_util.h"

namespace ladder::store {
namespace {

// The schema (doc/formats/store.md). Countries, codes and agents are '' when
// unknown (never NULL) so that equality filters can use the indexes.
constexpr char kSchema[] = R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL);
CREATE TABLE documents(
  doc_id TEXT PRIMARY KEY,
  date TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL);
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL DEFAULT '',
  sentence INTEGER NOT NULL DEFAULT 0,
  date TEXT NOT NULL,
  day INTEGER NOT NULL,
  source_code TEXT NOT NULL DEFAULT '',
  source_country TEXT NOT NULL DEFAULT '',
  source_agent TEXT NOT NULL DEFAULT '',
  source_text TEXT NOT NULL DEFAULT '',
  target_code TEXT NOT NULL DEFAULT '',
  target_country TEXT NOT NULL DEFAULT '',
  target_agent TEXT NOT NULL DEFAULT '',
  target_text TEXT NOT NULL DEFAULT '',
  cameo TEXT NOT NULL,
  root TEXT NOT NULL,
  quad_class INTEGER NOT NULL DEFAULT 0,
  goldstein REAL NOT NULL DEFAULT 0,
  plover TEXT NOT NULL DEFAULT '',
  plover_mode TEXT NOT NULL DEFAULT '',
  modality TEXT NOT NULL DEFAULT 'asserted',
  attribution TEXT,
  verb TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  evidence_begin INTEGER NOT NULL DEFAULT 0,
  evidence_end INTEGER NOT NULL DEFAULT 0,
  origin TEXT NOT NULL,
  mentions INTEGER NOT NULL DEFAULT 1,
  cluster_id INTEGER);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_dyad ON events(source_country, target_country, day);
CREATE INDEX events_root ON events(root, day);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE TABLE mentions(
  event INTEGER NOT NULL REFERENCES events(id),
  doc_id TEXT NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(event, doc_id)) WITHOUT ROWID;
CREATE TABLE clusters(
  cluster_id INTEGER PRIMARY KEY REFERENCES events(id),
  events INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  first_day INTEGER NOT NULL,
  last_day INTEGER NOT NULL);
)sql";

// Where events happened (Event::location), one row per located event. Added
// by Open to stores made before it (doc/formats/store.md): older ladders
// ignore the table, and a read-only old store reads as having no places.
constexpr char kLocationSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS event_locations(
  event INTEGER PRIMARY KEY REFERENCES events(id),
  text TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  admin1 TEXT NOT NULL DEFAULT '',
  lat REAL,
  lon REAL,
  geonames_id INTEGER,
  precision TEXT NOT NULL DEFAULT 'city');
CREATE INDEX IF NOT EXISTS event_locations_country ON event_locations(country);
)sql";

constexpr char kInsertLocation[] = R"sql(
INSERT OR REPLACE INTO event_locations(event, text, name, country, admin1, lat, lon,
  geonames_id, precision) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql";

constexpr char kInsertEvent[] = R"sql(
INSERT OR IGNORE INTO events(event_id, doc_id, sentence, date, day,
  source_code, source_country, source_agent, source_text,
  target_code, target_country, target_agent, target_text,
  cameo, root, quad_class, goldstein, plover, plover_mode, modality,
  attribution, verb, evidence, evidence_begin, evidence_end, origin, mentions)
VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
  ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27))sql";

void BindActor(Statement* s, int first, const std::optional<Actor>& actor) {
  static const Actor kNone;
  const Actor& a = actor ? *actor : kNone;
  s->BindText(first, a.code);
  s->BindText(first + 1, a.country);
  s->BindText(first + 2, a.agent);
  s->BindText(first + 3, a.text);
}

void BindEvent(Statement* s, const StoreRecord& r, int day) {
  const Event& e = r.event;
  s->BindText(1, e.event_id);
  s->BindText(2, e.doc_id);
  s->BindInt(3, e.sentence);
  s->BindText(4, e.date);
  s->BindInt(5, day);
  BindActor(s, 6, e.source);
  BindActor(s, 10, e.target);
  s->BindText(14, e.cameo);
  s->BindText(15, e.root.empty() ? e.cameo.substr(0, 2) : e.root);
  s->BindInt(16, e.quad_class);
  s->BindDouble(17, e.goldstein);
  s->BindText(18, e.plover_event);
  s->BindText(19, e.plover_mode);
  s->BindText(20, ModalityName(e.modality));
  if (e.attribution) {
    s->BindText(21, *e.attribution);
  } else {
    s->BindNull(21);
  }
  s->BindText(22, e.verb);
  s->BindText(23, e.evidence_text);
  s->BindInt(24, e.evidence_begin);
  s->BindInt(25, e.evidence_end);
  s->BindText(26, r.origin);
  s->BindInt(27, r.mentions);
}

// What tells two events with one event_id apart: the stored row's fields
// against the record's. "" when they agree, else the first difference.
std::string Difference(const Statement& stored, const StoreRecord& r) {
  const Event& e = r.event;
  auto code = [](const std::optional<Actor>& a) { return a ? a->code : std::string(); };
  const std::pair<const char*, std::string> given[] = {
      {"date", e.date},
      {"source", code(e.source)},
      {"target", code(e.target)},
      {"cameo", e.cameo},
      {"modality", ModalityName(e.modality)},
      {"evidence", e.evidence_text},
      {"origin", r.origin}};
  for (int i = 0; i < 7; ++i) {
    std::string have = stored.ColumnText(i);
    if (have != given[i].second) {
      std::string a = have.size() > 40 ? have.substr(0, 40) + "..." : have;
      std::string b = given[i].second.size() > 40 ? given[i].second.substr(0, 40) + "..."
                                                  : given[i].second;
      return std::string(given[i].first) + " '" + a + "' stored, '" + b + "' given";
    }
  }
  return "";
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                           const StoreOptions& options) {
  struct stat st;
  if (path != ":memory:" && !path.empty() && stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      return InvalidArgument(path + ": is a directory, not a store file");
    }
    if (st.st_size == 0 && options.read_only) {
      return NotFound(path + ": empty file (0 bytes), not a ladder store: fill it "
                             "with 'ladder ingest' or 'ladder import'");
    }
  }
  sqlite3* db = nullptr;
  int flags = options.read_only ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteError(db, path + ": cannot open store");
    sqlite3_close(db);
    return status;
  }
  std::unique_ptr<Store> store(new Store(path, db));
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  if (!options.read_only) {
    Status wal =
        Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    if (!wal.ok()) return Status(wal.code(), path + ": " + wal.message());
  }
  Status schema = store->CreateOrCheckSchema();
  if (!schema.ok()) return schema;
  return store;
}

Store::~Store() {
  if (in_transaction_) (void)Exec(db_, "ROLLBACK");
  sqlite3_close_v2(db_);
}

Result<bool> Store::HasSchema() const {
  Statement probe;
  Status status = probe.Prepare(
      db_, "SELECT count(*) FROM sqlite_master WHERE name='meta'");
  if (!status.ok() || probe.Step() != Statement::StepResult::kRow) {
    return SqliteError(db_, path_ + ": not a ladder store");
  }
  return probe.ColumnInt(0) > 0;
}

Status Store::CreateOrCheckSchema() {
  ASSIGN_OR_RETURN(bool has_schema, HasSchema());
  if (!has_schema && sqlite3_db_readonly(db_, "main") == 1) {
    return NotFound(path_ + ": not a ladder store (an SQLite file without ladder's tables)");
  }
  if (!has_schema) {
    // BEGIN IMMEDIATE serializes concurrent creators; check again inside.
    RETURN_IF_ERROR(Begin());
    Result<bool> again = HasSchema();
    Status status = again.ok() ? Status::Ok() : again.status();
    if (status.ok() && !*again) {
      status = Exec(db_, kSchema);
      if (status.ok()) {
        status = Exec(db_, "INSERT INTO meta VALUES('schema_version','" +
                               std::to_string(kSchemaVersion) +
                               "'), ('format','ladder event store')");
      }
    }
    if (!status.ok()) {
      (void)Rollback();
      return Status(status.code(),
                    path_ + ": creating schema: " + status.message());
    }
    RETURN_IF_ERROR(Commit());
  }
  Statement version_query;
  RETURN_IF_ERROR(version_query.Prepare(
      db_, "SELECT value FROM meta WHERE key='schema_version'"));
  std::string version = version_query.Step() == Statement::StepResult::kRow
                            ? version_query.ColumnText(0)
                            : std::string("none");
  if (version != std::to_string(kSchemaVersion)) {
    return DataLoss(path_ + ": store schema version " + version +
                    ", this ladder reads version " +
                    std::to_string(kSchemaVersion));
  }
  return AddLocationTable();
}

Status Store::AddLocationTable() {
  if (sqlite3_db_readonly(db_, "main") != 1) {
    Status status = Exec(db_, kLocationSchema);
    if (!status.ok()) {
      return Status(status.code(), path_ + ": adding event_locations: " + status.message());
    }
  }
  Statement probe;
  RETURN_IF_ERROR(probe.Prepare(
      db_, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='event_locations'"));
  has_locations_ = probe.Step() == Statement::StepResult::kRow && probe.ColumnInt(0) > 0;
  return Status::Ok();
}

Status Store::Begin() {
  if (in_transaction_) return Internal(path_ + ": Begin inside a transaction");
  Status status = Exec(db_, "BEGIN IMMEDIATE");
  if (!status.ok())
    return Status(status.code(), path_ + ": " + status.message());
  in_transaction_ = true;
  return Status::Ok();
}

Status Store::Commit() {
  if (!in_transaction_) return Internal(path_ + ": Commit without Begin");
  Status status = Exec(db_, "COMMIT");
  if (!status.ok()) {
    (void)Rollback();
    return Status(status.code(), path_ + ": commit: " + status.message());
  }
  in_transaction_ = false;
  return Status::Ok();
}

Status Store::Rollback() {
  if (!in_transaction_) return Status::Ok();
  in_transaction_ = false;
  return Exec(db_, "ROLLBACK");
}

Status CheckStorable(const Event& event) {
  int day = 0;
  if (event.event_id.empty()) return InvalidArgument("event has no event_id");
  if (!base::ParseIsoDateOrPrefix(event.date, &day)) {
    return InvalidArgument("invalid date '" + event.date + "'");
  }
  return Status::Ok();
}

Result<IngestStats> Store::Ingest(const std::vector<Event>& events) {
  std::vector<StoreRecord> records(events.size());
  for (size_t i = 0; i < events.size(); ++i) records[i].event = events[i];
  return Ingest(records);
}

Result<IngestStats> Store::Ingest(const std::vector<StoreRecord>& records) {
  std::vector<int> days(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const Event& e = records[i].event;
    Status storable = CheckStorable(e);
    if (!storable.ok()) {
      return InvalidArgument(path_ + ": event " + e.event_id + ": " +
                             storable.message());
    }
    base::ParseIsoDateOrPrefix(e.date, &days[i]);
  }
  bool own_transaction = !in_transaction_;
  if (own_transaction) RETURN_IF_ERROR(Begin());
  Statement insert, document, mention, stored, location;
  Status status = insert.Prepare(db_, kInsertEvent);
  if (status.ok() && has_locations_) status = location.Prepare(db_, kInsertLocation);
  if (status.ok()) {
    status = stored.Prepare(db_,
                            "SELECT date, source_code, target_code, cameo, modality, "
                            "evidence, origin FROM events WHERE event_id = ?1");
  }
  if (status.ok()) {
    status = document.Prepare(
        db_,
        "INSERT OR IGNORE INTO documents(doc_id, date, url, origin) "
        "VALUES(?1, ?2, ?3, ?4)");
  }
  if (status.ok()) {
    status =
        mention.Prepare(db_,
                        "INSERT OR IGNORE INTO mentions(event, doc_id, url) "
                        "VALUES(?1, ?2, ?3)");
  }
  IngestStats stats;
  for (size_t i = 0; status.ok() && i < records.size(); ++i) {
    const StoreRecord& r = records[i];
    ++stats.seen;
    BindEvent(&insert, r, days[i]);
    status = insert.Run();
    if (!status.ok()) continue;
    if (sqlite3_changes(db_) == 0) {
      stored.BindText(1, r.event.event_id);
      std::string diff;
      if (stored.Step() == Statement::StepResult::kRow) diff = Difference(stored, r);
      stored.Reset();
      if (!diff.empty()) {
        ++stats.clashes;
        if (stats.clash_messages.size() < 1000) {
          stats.clash_messages.push_back(
              "event '" + r.event.event_id +
              "' is already stored with different content (" + diff +
              "): another document under the same id (give it its own id), or the "
              "same one coded differently (write it to a new store)");
        }
      }
      continue;
    }
    ++stats.inserted;
    int64_t row = sqlite3_last_insert_rowid(db_);
    if (const auto& loc = r.event.location; loc && has_locations_) {
      location.BindInt(1, row);
      location.BindText(2, loc->text);
      location.BindText(3, loc->name);
      location.BindText(4, loc->country);
      location.BindText(5, loc->admin1);
      if (loc->has_coordinates) {
        location.BindDouble(6, loc->lat);
        location.BindDouble(7, loc->lon);
      } else {
        location.BindNull(6);
        location.BindNull(7);
      }
      if (loc->geonames_id > 0) location.BindInt(8, loc->geonames_id);
      else location.BindNull(8);
      location.BindText(9, loc->precision);
      status = location.Run();
      if (!status.ok()) break;
    }
    const std::string& doc = r.event.doc_id.empty() ? r.url : r.event.doc_id;
    if (doc.empty()) continue;
    document.BindText(1, doc);
    document.BindText(2, r.event.date);
    document.BindText(3, r.url);
    document.BindText(4, r.origin);
    status = document.Run();
    if (!status.ok()) break;
    mention.BindInt(1, row);
    mention.BindText(2, doc);
    mention.BindText(3, r.url);
    status = mention.Run();
  }
  if (!status.ok()) {
    if (own_transaction) (void)Rollback();
    return Status(status.code(), path_ + ": " + status.message());
  }
  if (own_transaction) RETURN_IF_ERROR(Commit());
  return stats;
}

Status Store::CheckIntegrity() const {
  Statement check;
  RETURN_IF_ERROR(check.Prepare(db_, "PRAGMA integrity_check"));
  if (check.Step() != Statement::StepResult::kRow) {
    return SqliteError(db_, path_ + ": integrity check");
  }
  std::string result = check.ColumnText(0);
  if (result != "ok") return DataLoss(path_ + ": integrity check: " + result);
  return Status::Ok();
}

}  // namespace ladder::store
