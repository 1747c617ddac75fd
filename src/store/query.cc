// Store queries: EventFilter -> SQL over the indexed columns.
#include <sqlite3.h>

#include <variant>

#include "ladder/store.h"
#include "store/sqlite_util.h"

namespace ladder::store {
namespace {

using BindValue = std::variant<int64_t, std::string>;

// A WHERE clause with its bind values, built from an EventFilter.
struct Where {
  std::string sql;
  std::vector<BindValue> values;

  void And(const std::string& condition) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
  }
  std::string Param(BindValue value) {
    values.push_back(std::move(value));
    return "?" + std::to_string(values.size());
  }
  std::string In(const std::vector<std::string>& list) {
    std::string out = "(";
    for (size_t i = 0; i < list.size(); ++i) {
      if (i) out += ", ";
      out += Param(list[i]);
    }
    return out + ")";
  }
  void Bind(Statement* s) const {
    for (size_t i = 0; i < values.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      if (const auto* n = std::get_if<int64_t>(&values[i])) {
        s->BindInt(index, *n);
      } else {
        s->BindText(index, std::get<std::string>(values[i]));
      }
    }
  }
};

Where BuildWhere(const EventFilter& f) {
  Where w;
  if (f.day_from) w.And("e.day >= " + w.Param(int64_t{*f.day_from}));
  if (f.day_to) w.And("e.day <= " + w.Param(int64_t{*f.day_to}));
  if (!f.source_countries.empty()) {
    w.And("e.source_country IN " + w.In(f.source_countries));
  }
  if (!f.target_countries.empty()) {
    w.And("e.target_country IN " + w.In(f.target_countries));
  }
  if (!f.countries.empty()) {
    std::string list = w.In(f.countries);
    w.And("(e.source_country IN " + list + " OR e.target_country IN " + list +
          ")");
  }
  if (!f.dyad_a.empty() && !f.dyad_b.empty()) {
    std::string a = w.Param(f.dyad_a), b = w.Param(f.dyad_b);
    std::string cond =
        "(e.source_country = " + a + " AND e.target_country = " + b + ")";
    if (f.dyad_both_directions) {
      cond = "(" + cond + " OR (e.source_country = " + b +
             " AND e.target_country = " + a + "))";
    }
    w.And(cond);
  }
  if (!f.roots.empty()) w.And("e.root IN " + w.In(f.roots));
  if (!f.origins.empty()) w.And("e.origin IN " + w.In(f.origins));
  if (f.asserted_only) w.And("e.modality = 'asserted'");
  if (!f.location_countries.empty()) {
    w.And("e.id IN (SELECT event FROM event_locations WHERE country IN " +
          w.In(f.location_countries) + ")");
  }
  if (f.unit == CountUnit::kClusters) {
    w.And("(e.cluster_id IS NULL OR e.cluster_id = e.id)");
  }
  return w;
}

// Mentions of one row: the cluster's total in cluster mode.
std::string MentionsExpr(const EventFilter& f) {
  return f.unit == CountUnit::kClusters ? "COALESCE(c.mentions, e.mentions)"
                                        : "e.mentions";
}

std::string FromClause(const EventFilter& f, bool locations = false) {
  std::string from = " FROM events e";
  if (locations) from += " LEFT JOIN event_locations l ON l.event = e.id";
  if (f.unit == CountUnit::kClusters) {
    from += " LEFT JOIN clusters c ON c.cluster_id = e.id";
  }
  return from;
}

void ReadRow(const Statement& s, StoredEvent* out) {
  out->id = s.ColumnInt(0);
  out->day = static_cast<int>(s.ColumnInt(1));
  out->source_country = s.ColumnText(2);
  out->target_country = s.ColumnText(3);
  out->source_code = s.ColumnText(4);
  out->target_code = s.ColumnText(5);
  out->cameo = s.ColumnText(6);
  out->root = s.ColumnText(7);
  out->quad_class = static_cast<int>(s.ColumnInt(8));
  out->goldstein = s.ColumnDouble(9);
  out->mentions = static_cast<int>(s.ColumnInt(10));
  out->cluster = s.ColumnIsNull(11) ? out->id : s.ColumnInt(11);
  out->modality = s.ColumnText(12);
  out->origin = s.ColumnText(13);
  int64_t length = s.ColumnInt(14);
  out->date_precision = length == 4 ? 1 : length == 7 ? 2 : 3;
  out->location_country = s.ColumnText(15);
}

Result<int64_t> Scalar(sqlite3* db, const std::string& path,
                       const std::string& sql, const Where& where) {
  Statement s;
  RETURN_IF_ERROR(s.Prepare(db, sql));
  where.Bind(&s);
  if (s.Step() != Statement::StepResult::kRow) {
    return SqliteError(db, path + ": query");
  }
  return s.ColumnInt(0);
}

}  // namespace

Status Store::ForEach(
    const EventFilter& filter,
    const std::function<bool(const StoredEvent&)>& callback) const {
  Where where = BuildWhere(filter);
  std::string sql =
      "SELECT e.id, e.day, e.source_country, e.target_country, "
      "e.source_code, e.target_code, e.cameo, e.root, e.quad_class, "
      "e.goldstein, " +
      MentionsExpr(filter) + ", e.cluster_id, e.modality, e.origin, length(e.date), " +
      (has_locations_ ? "COALESCE(l.country, '')" : "''") +
      FromClause(filter, has_locations_) + where.sql + " ORDER BY e.day, e.id";
  if (filter.limit > 0) sql += " LIMIT " + std::to_string(filter.limit);
  Statement s;
  RETURN_IF_ERROR(s.Prepare(db_, sql));
  where.Bind(&s);
  StoredEvent event;
  for (;;) {
    Statement::StepResult step = s.Step();
    if (step == Statement::StepResult::kDone) return Status::Ok();
    if (step == Statement::StepResult::kError) {
      return SqliteError(db_, path_ + ": query");
    }
    ReadRow(s, &event);
    if (!callback(event)) return Status::Ok();
  }
}

Result<std::vector<StoredEvent>> Store::Query(const EventFilter& filter) const {
  std::vector<StoredEvent> events;
  RETURN_IF_ERROR(ForEach(filter, [&events](const StoredEvent& e) {
    events.push_back(e);
    return true;
  }));
  return events;
}

Result<int64_t> Store::Count(const EventFilter& filter) const {
  Where where = BuildWhere(filter);
  std::string sql = "SELECT count(*)" + FromClause(filter) + where.sql;
  if (filter.limit > 0) {
    sql = "SELECT count(*) FROM (SELECT 1" + FromClause(filter) + where.sql +
          " LIMIT " + std::to_string(filter.limit) + ")";
  }
  return Scalar(db_, path_, sql, where);
}

Result<int64_t> Store::CountMentions(const EventFilter& filter) const {
  Where where = BuildWhere(filter);
  return Scalar(db_, path_,
                "SELECT COALESCE(sum(" + MentionsExpr(filter) + "), 0)" +
                    FromClause(filter) + where.sql,
                where);
}

Result<std::vector<Store::OriginSpan>> Store::OriginSpans() const {
  Statement s;
  RETURN_IF_ERROR(s.Prepare(db_,
                            "SELECT origin, min(day), max(day), count(*) FROM events "
                            "GROUP BY origin ORDER BY origin"));
  std::vector<OriginSpan> spans;
  for (;;) {
    Statement::StepResult step = s.Step();
    if (step == Statement::StepResult::kDone) return spans;
    if (step == Statement::StepResult::kError) return SqliteError(db_, path_ + ": query");
    spans.push_back({s.ColumnText(0), static_cast<int>(s.ColumnInt(1)),
                     static_cast<int>(s.ColumnInt(2)), s.ColumnInt(3)});
  }
}

Result<std::vector<std::string>> Store::ClusterSources(
    int64_t cluster_id) const {
  Statement s;
  RETURN_IF_ERROR(s.Prepare(
      db_,
      "SELECT DISTINCT CASE WHEN m.url <> '' THEN m.url ELSE m.doc_id END "
      "FROM events e JOIN mentions m ON m.event = e.id "
      "WHERE e.cluster_id = ?1 OR (e.id = ?1 AND e.cluster_id IS NULL) "
      "ORDER BY 1"));
  s.BindInt(1, cluster_id);
  std::vector<std::string> sources;
  for (;;) {
    Statement::StepResult step = s.Step();
    if (step == Statement::StepResult::kDone) return sources;
    if (step == Statement::StepResult::kError) {
      return SqliteError(db_, path_ + ": query");
    }
    sources.push_back(s.ColumnText(0));
  }
}

}  // namespace ladder::store
