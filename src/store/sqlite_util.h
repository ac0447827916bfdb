// A thin RAII layer over the sqlite3 C API: every failing call becomes a Status naming the SQL.
// Thread-safety: as sqlite3 connections (one thread at a time per Db).
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "common/status.h"

namespace headwater::store {

class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  const Status& status() const { return status_; }
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& BindBlob(int i, std::string_view v);
  Stmt& BindNull(int i);
  // SQLITE_ROW -> true, SQLITE_DONE -> false; errors set status() and return false.
  bool Step();
  // Step until done; returns the status.
  Status Run();
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
  Status status_;
};

// Runs statements without results; error names the statement.
Status Exec(sqlite3* db, std::string_view sql);

}  // namespace headwater::store
