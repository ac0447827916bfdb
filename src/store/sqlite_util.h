// A thin RAII layer over the sqlite3 C API: every failing call becomes a Status naming the SQL.
// Thread-safety: as sqlite3 connections (one thread at a time per Db).
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"

namespace headwater::store {

// Prepared statements kept for reuse, keyed by their SQL text (preparing is a large share of a
// small query's cost). A statement is taken out while a Stmt uses it, so nested uses of one SQL
// text each get their own; it comes back reset with its bindings cleared, so a cached statement
// never holds a read transaction open. At most `capacity` are kept. Not thread-safe: one per
// connection, cleared before the connection closes.
class StmtCache {
 public:
  explicit StmtCache(size_t capacity = 256) : capacity_(capacity) {}
  ~StmtCache() { Clear(); }
  StmtCache(const StmtCache&) = delete;
  StmtCache& operator=(const StmtCache&) = delete;

  sqlite3_stmt* Take(const std::string& sql);
  void Give(const std::string& sql, sqlite3_stmt* stmt);
  void Clear();
  size_t size() const { return cached_.size(); }

 private:
  size_t capacity_;
  std::unordered_map<std::string, sqlite3_stmt*> cached_;
};

class Stmt {
 public:
  // With a cache, the statement is taken from it when there, and given back when done.
  Stmt(sqlite3* db, std::string_view sql, StmtCache* cache = nullptr);
  Stmt(StmtCache* cache, sqlite3* db, std::string_view sql) : Stmt(db, sql, cache) {}
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
  StmtCache* cache_ = nullptr;
  Status status_;
};

// Runs statements without results; error names the statement.
Status Exec(sqlite3* db, std::string_view sql);

}  // namespace headwater::store
