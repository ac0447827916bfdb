// The prepared-statement cache: statements are reused, nested uses of one SQL text each get their
// own statement, and a statement given back is reset (it holds no read transaction open).
#include <gtest/gtest.h>

#include "store/sqlite_util.h"

namespace headwater::store {
namespace {

class StmtCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_TRUE(Exec(db_, "CREATE TABLE t(x INTEGER)").ok());
    ASSERT_TRUE(Exec(db_, "INSERT INTO t VALUES (1),(2),(3)").ok());
  }
  void TearDown() override {
    cache_.Clear();
    sqlite3_close(db_);
  }
  int BusyStatements() {
    int busy = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s; s = sqlite3_next_stmt(db_, s))
      busy += sqlite3_stmt_busy(s) ? 1 : 0;
    return busy;
  }
  sqlite3* db_ = nullptr;
  StmtCache cache_;
};

TEST_F(StmtCacheTest, ReusesOneStatementPerSqlText) {
  sqlite3_stmt* first = nullptr;
  for (int i = 0; i < 3; ++i) {
    Stmt s(&cache_, db_, "SELECT count(*) FROM t WHERE x >= ?1");
    s.Bind(1, int64_t{2});
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Int(0), 2);
    sqlite3_stmt* now = sqlite3_next_stmt(db_, nullptr);
    if (i == 0) first = now;
    EXPECT_EQ(now, first) << "prepared again on use " << i;
  }
  EXPECT_EQ(cache_.size(), 1u);
}

TEST_F(StmtCacheTest, NestedUsesOfOneSqlGetTheirOwnStatement) {
  const char* sql = "SELECT x FROM t ORDER BY x";
  Stmt outer(&cache_, db_, sql);
  ASSERT_TRUE(outer.Step());
  EXPECT_EQ(outer.Int(0), 1);
  {
    Stmt inner(&cache_, db_, sql);
    int rows = 0;
    while (inner.Step()) ++rows;
    EXPECT_EQ(rows, 3);
  }
  ASSERT_TRUE(outer.Step());
  EXPECT_EQ(outer.Int(0), 2) << "the inner use disturbed the outer statement";
}

TEST_F(StmtCacheTest, StatementsComeBackResetWithBindingsCleared) {
  {
    Stmt s(&cache_, db_, "SELECT x FROM t WHERE x >= ?1 ORDER BY x");
    s.Bind(1, int64_t{1});
    ASSERT_TRUE(s.Step());  // left mid-result
    EXPECT_EQ(BusyStatements(), 1);
  }
  EXPECT_EQ(BusyStatements(), 0) << "a cached statement keeps a read transaction open";
  Stmt again(&cache_, db_, "SELECT x FROM t WHERE x >= ?1 ORDER BY x");
  EXPECT_FALSE(again.Step()) << "the old binding survived (NULL matches no row)";
  EXPECT_TRUE(again.status().ok());
}

TEST_F(StmtCacheTest, KeepsAtMostItsCapacity) {
  StmtCache small(2);
  for (int i = 0; i < 5; ++i) {
    Stmt s(&small, db_, "SELECT " + std::to_string(i));
    ASSERT_TRUE(s.Step());
  }
  EXPECT_EQ(small.size(), 2u);
  small.Clear();
}

}  // namespace
}  // namespace headwater::store
