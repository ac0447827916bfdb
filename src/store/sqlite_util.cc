#include "store/sqlite_util.h"

namespace headwater::store {

static std::string Short(std::string_view sql) {
  std::string s(sql.substr(0, 120));
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

sqlite3_stmt* StmtCache::Take(const std::string& sql) {
  auto it = cached_.find(sql);
  if (it == cached_.end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  cached_.erase(it);
  return stmt;
}

void StmtCache::Give(const std::string& sql, sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (cached_.size() >= capacity_ || !cached_.emplace(sql, stmt).second) sqlite3_finalize(stmt);
}

void StmtCache::Clear() {
  for (auto& [sql, stmt] : cached_) sqlite3_finalize(stmt);
  cached_.clear();
}

Stmt::Stmt(sqlite3* db, std::string_view sql, StmtCache* cache)
    : db_(db), sql_(sql), cache_(cache) {
  if (cache_) stmt_ = cache_->Take(sql_);
  if (stmt_) return;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK)
    status_ = Status::Internal("SQLite prepare of `" + Short(sql) + "`: " + sqlite3_errmsg(db));
}

Stmt::~Stmt() {
  if (cache_ && stmt_) {
    cache_->Give(sql_, stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
}

Stmt& Stmt::Bind(int i, int64_t v) {
  if (stmt_) sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  if (stmt_) sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  if (stmt_) sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindBlob(int i, std::string_view v) {
  if (stmt_) sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  if (stmt_) sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  if (!stmt_ || !status_.ok()) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    StatusCode code = rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? StatusCode::kUnavailable
                      : rc == SQLITE_CONSTRAINT                 ? StatusCode::kInvalidArgument
                      : rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? StatusCode::kCorruption
                                                                    : StatusCode::kIoError;
    status_ = Status(code, "SQLite `" + Short(sql_) + "`: " + sqlite3_errmsg(db_));
  }
  return false;
}

Status Stmt::Run() {
  while (Step()) {
  }
  return status_;
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::Text(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}
bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Status Exec(sqlite3* db, std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  int rc = sqlite3_exec(db, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    return Status::IoError("SQLite `" + Short(sql) + "`: " + msg);
  }
  return Status::Ok();
}

}  // namespace headwater::store
