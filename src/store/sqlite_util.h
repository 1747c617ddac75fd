// Thin RAII helpers over the SQLite C API, private to src/store/.
//
// Thread-safety: a Statement belongs to one connection and one thread.
#ifndef LADDER_STORE_SQLITE_UTIL_H_
#define LADDER_STORE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "ladder/status.h"
#include "ladder/store.h"

namespace ladder::store {

// The Store's connection, for the store's own modules and its tests (not
// part of the public API). Owned by the Store.
struct StoreAccess {
  static sqlite3* Db(const Store& store) { return store.db_; }
};

// "<what>: <sqlite message>" as a Status (kIoError, or kDataLoss for a
// corrupt file).
Status SqliteError(sqlite3* db, std::string_view what);

// Runs one or more SQL statements that return no rows.
Status Exec(sqlite3* db, std::string_view sql);

// A prepared statement. Bind parameters are 1-based, as in SQLite.
class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Status Prepare(sqlite3* db, std::string_view sql);
  void BindText(int index, std::string_view value);
  // Binds NULL for an empty value.
  void BindTextOrNull(int index, std::string_view value);
  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindNull(int index);

  // Steps once: kRow -> a row is ready, kDone -> finished, else an error.
  enum class StepResult { kRow, kDone, kError };
  StepResult Step();
  // Steps a statement that returns no rows; resets it for reuse.
  Status Run();
  void Reset();

  int64_t ColumnInt(int index) const;
  double ColumnDouble(int index) const;
  // "" for NULL.
  std::string ColumnText(int index) const;
  bool ColumnIsNull(int index) const;

  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace ladder::store

#endif  // LADDER_STORE_SQLITE_UTIL_H_
