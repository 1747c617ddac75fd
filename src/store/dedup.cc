// De-duplication: many reports of one real event become one cluster.
//
// Events are streamed sorted by (dyad key, event key, day, id). Within one
// (dyad, event) group, an event joins the first open cluster whose first day
// is at most window_days before it and whose agents are compatible (equal, or
// one side empty); otherwise it opens a new cluster. A cluster's id is the id
// of its first event (the earliest by day, then id), and the clusters table
// keeps its size and mention total. Events lacking a source or target key stay
// singletons: "someone did X" reports cannot be told apart.
#include <sqlite3.h>

#include <vector>

#include "ladder/store.h"
#include "store/sqlite_util.h"

namespace ladder::store {
namespace {

struct OpenCluster {
  int64_t id = 0;
  int first_day = 0;
  int last_day = 0;
  std::string source_agent, target_agent;
  int64_t events = 0;
  int64_t mentions = 0;
};

bool AgentCompatible(const std::string& cluster_agent,
                     const std::string& agent) {
  return agent.empty() || cluster_agent.empty() || cluster_agent == agent;
}

std::string SelectSql(const DedupOptions& o) {
  std::string side_s = o.exact_match ? "source_code"
                                     : "CASE WHEN source_country <> '' THEN "
                                       "source_country ELSE source_code END";
  std::string side_t = o.exact_match ? "target_code"
                                     : "CASE WHEN target_country <> '' THEN "
                                       "target_country ELSE target_code END";
  std::string code = o.match_root && !o.exact_match ? "root" : "cameo";
  std::string sql = "SELECT id, day, " + side_s + " AS sk, " + side_t +
                    " AS tk, " + code +
                    " AS ck, source_agent, target_agent, mentions "
                    "FROM events";
  if (o.asserted_only) sql += " WHERE modality = 'asserted'";
  return sql + " ORDER BY sk, tk, ck, day, id";
}

// Writes one finished cluster (only clusters of two or more events are
// written; singletons keep cluster_id NULL, which reads as "own cluster").
Status WriteCluster(const OpenCluster& c, const std::vector<int64_t>& members,
                    Statement* set_cluster, Statement* insert_cluster) {
  if (members.size() < 2) return Status::Ok();
  for (int64_t member : members) {
    set_cluster->BindInt(1, c.id);
    set_cluster->BindInt(2, member);
    RETURN_IF_ERROR(set_cluster->Run());
  }
  insert_cluster->BindInt(1, c.id);
  insert_cluster->BindInt(2, c.events);
  insert_cluster->BindInt(3, c.mentions);
  insert_cluster->BindInt(4, c.first_day);
  insert_cluster->BindInt(5, c.last_day);
  return insert_cluster->Run();
}

// Clusters of the current (dyad, event) group with their member ids.
// Days arrive in order, so clusters that can no longer grow are a prefix
// [0, first_open).
struct Group {
  std::vector<OpenCluster> clusters;
  std::vector<std::vector<int64_t>> members;
  size_t first_open = 0;
};

void AddToGroup(Group* g, int64_t id, int day, const std::string& s_agent,
                const std::string& t_agent, int64_t mentions,
                const DedupOptions& o) {
  int window = o.exact_match ? 0 : o.window_days;
  while (g->first_open < g->clusters.size() &&
         day - g->clusters[g->first_open].first_day > window) {
    ++g->first_open;
  }
  for (size_t i = g->first_open; i < g->clusters.size(); ++i) {
    OpenCluster& c = g->clusters[i];
    if (day - c.first_day > window) continue;
    if (o.exact_match ? (c.source_agent != s_agent || c.target_agent != t_agent)
                      : (!AgentCompatible(c.source_agent, s_agent) ||
                         !AgentCompatible(c.target_agent, t_agent))) {
      continue;
    }
    if (c.source_agent.empty()) c.source_agent = s_agent;
    if (c.target_agent.empty()) c.target_agent = t_agent;
    c.last_day = day;
    ++c.events;
    c.mentions += mentions;
    g->members[i].push_back(id);
    return;
  }
  g->clusters.push_back({id, day, day, s_agent, t_agent, 1, mentions});
  g->members.push_back({id});
}

}  // namespace

Result<DedupStats> Store::Deduplicate(const DedupOptions& options) {
  if (options.window_days < 0) {
    return InvalidArgument("dedup: window_days must be >= 0");
  }
  bool own_transaction = !in_transaction_;
  if (own_transaction) RETURN_IF_ERROR(Begin());
  Status status = Exec(db_,
                       "UPDATE events SET cluster_id = NULL "
                       "WHERE cluster_id IS NOT NULL; "
                       "DELETE FROM clusters;");
  Statement select, set_cluster, insert_cluster;
  if (status.ok()) status = select.Prepare(db_, SelectSql(options));
  if (status.ok()) {
    status = set_cluster.Prepare(
        db_, "UPDATE events SET cluster_id = ?1 WHERE id = ?2");
  }
  if (status.ok()) {
    status = insert_cluster.Prepare(
        db_, "INSERT INTO clusters VALUES(?1, ?2, ?3, ?4, ?5)");
  }
  DedupStats stats;
  Group group;
  std::string group_key = "\x01";
  auto flush = [&]() -> Status {
    stats.clusters += static_cast<int64_t>(group.clusters.size());
    for (size_t i = 0; i < group.clusters.size(); ++i) {
      RETURN_IF_ERROR(WriteCluster(group.clusters[i], group.members[i],
                                   &set_cluster, &insert_cluster));
    }
    group = Group();
    return Status::Ok();
  };
  while (status.ok()) {
    Statement::StepResult step = select.Step();
    if (step == Statement::StepResult::kError) {
      status = SqliteError(db_, path_ + ": dedup");
      break;
    }
    if (step == Statement::StepResult::kDone) {
      status = flush();
      break;
    }
    ++stats.events;
    std::string sk = select.ColumnText(2), tk = select.ColumnText(3);
    if (sk.empty() || tk.empty()) {  // singleton
      ++stats.clusters;
      continue;
    }
    std::string key = sk + '\t' + tk + '\t' + select.ColumnText(4);
    if (key != group_key) {
      status = flush();
      group_key = key;
    }
    AddToGroup(&group, select.ColumnInt(0),
               static_cast<int>(select.ColumnInt(1)), select.ColumnText(5),
               select.ColumnText(6), select.ColumnInt(7), options);
  }
  if (!status.ok()) {
    if (own_transaction) (void)Rollback();
    return status;
  }
  if (own_transaction) RETURN_IF_ERROR(Commit());
  return stats;
}

}  // namespace ladder::store
