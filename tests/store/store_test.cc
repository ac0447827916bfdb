#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store_test_util.h"
#include "test_util.h"

namespace headwater::store {
namespace {

Article MakeArticle(OutletId outlet, const std::string& url, const std::string& text) {
  Article a;
  a.url = url;
  a.canonical_url = url;
  a.outlet_id = outlet;
  a.title = "Camp near Ciudad Juárez";
  a.text = text;
  a.published = 1460628000;
  a.ingested = 1460628000;
  a.content_hash = std::hash<std::string>()(text) | 1;
  a.links = {"https://judicialwatch.org/r"};
  a.dateline.text = "CIUDAD JUÁREZ, Chih.—";
  a.dateline.country = "MX";
  return a;
}

TEST(SqliteStore, CreatesSchemaAndReopens) {
  std::string path = testing::TempDir() + "/s.db";
  {
    auto s = OpenAt(path);
    EXPECT_EQ(s->SchemaVersion(), 5);
  }
  auto s = OpenAt(path);
  EXPECT_EQ(s->SchemaVersion(), 5);
}

TEST(SqliteStore, RefusesAForeignSqliteFile) {
  std::string path = testing::TempDir() + "/other.db";
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  StoreOptions o;
  o.path = path;
  auto s = Store::Open(o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a Headwater store"), std::string::npos);
  EXPECT_NE(s.status().message().find(path), std::string::npos);
}

TEST(SqliteStore, ArticlesRoundTripAndDuplicatesAreFound) {
  auto s = OpenAt(testing::TempDir() + "/a.db");
  ASSERT_TRUE(s->Begin().ok());
  Outlet o;
  o.name = "El Diario";
  o.domains = {"eldiario.mx"};
  o.country = "MX";
  o.verified = true;
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  Article a = MakeArticle(*oid, "https://eldiario.mx/a", "Vecinos de Anapra confirmaron el campamento.");
  auto id = s->InsertArticle(a);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  Attribution at;
  at.cue = {{0, 5}};
  at.cue_text = "dijo";
  at.source_kind = SourceKind::kPerson;
  at.person = "Ana Ruiz";
  at.stance = Stance::kDenies;
  ASSERT_TRUE(s->InsertAttributions(*id, {at}).ok());
  ASSERT_TRUE(s->Commit().ok());

  auto got = s->GetArticle(*id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->text, a.text);
  EXPECT_EQ(got->outlet_name, "El Diario");
  EXPECT_EQ(got->dateline.country, "MX");
  EXPECT_EQ(got->links, a.links);
  ASSERT_TRUE(got->published.has_value());
  EXPECT_EQ(*got->published, 1460628000);

  auto attrs = s->AttributionsOf(*id);
  ASSERT_TRUE(attrs.ok());
  ASSERT_EQ(attrs->size(), 1u);
  EXPECT_EQ((*attrs)[0].person, "Ana Ruiz");
  EXPECT_EQ((*attrs)[0].stance, Stance::kDenies);
  EXPECT_EQ((*attrs)[0].cue, (std::vector<Span>{{0, 5}}));

  auto by_url = s->FindDuplicate("https://eldiario.mx/a", 0);
  ASSERT_TRUE(by_url.ok() && by_url->has_value());
  auto by_hash = s->FindDuplicate("https://elsewhere.mx/b", a.content_hash);
  ASSERT_TRUE(by_hash.ok() && by_hash->has_value());
  auto none = s->FindDuplicate("https://elsewhere.mx/b", 12345);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto hits = s->Search("anapra", 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].outlet, "El Diario");
  auto accentless = s->Search("juarez", 10);  // FTS removes diacritics: "Juárez" in the title
  ASSERT_TRUE(accentless.ok());
  EXPECT_EQ(accentless->size(), 1u);
}

TEST(SqliteStore, RollbackKeepsNothingOfTheBatch) {
  auto s = OpenAt(testing::TempDir() + "/r.db");
  Outlet o;
  o.name = "X";
  ASSERT_TRUE(s->Begin().ok());
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(s->Commit().ok());
  ASSERT_TRUE(s->Begin().ok());
  ASSERT_TRUE(s->InsertArticle(MakeArticle(*oid, "https://x.com/1", "one")).ok());
  ASSERT_TRUE(s->Rollback().ok());
  EXPECT_EQ(*s->CountArticles(), 0);
  auto hits = s->Search("camp", 10);
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits->empty());
}

TEST(SqliteStore, ReadersSeeWholeBatchesOnly) {
  std::string path = testing::TempDir() + "/w.db";
  auto writer = OpenAt(path);
  auto reader = OpenAt(path);
  Outlet o;
  o.name = "X";
  ASSERT_TRUE(writer->Begin().ok());
  auto oid = writer->UpsertOutlet(o);
  ASSERT_TRUE(writer->InsertArticle(MakeArticle(*oid, "https://x.com/1", "one")).ok());
  ASSERT_TRUE(writer->InsertArticle(MakeArticle(*oid, "https://x.com/2", "two")).ok());
  EXPECT_EQ(*reader->CountArticles(), 0);  // uncommitted: invisible
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(*reader->CountArticles(), 2);
}

TEST(SqliteStore, UniqueCanonicalUrlIsEnforced) {
  auto s = OpenAt(testing::TempDir() + "/u.db");
  Outlet o;
  o.name = "X";
  ASSERT_TRUE(s->Begin().ok());
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(s->InsertArticle(MakeArticle(*oid, "https://x.com/1", "one")).ok());
  auto again = s->InsertArticle(MakeArticle(*oid, "https://x.com/1", "two"));
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("INSERT INTO articles"), std::string::npos);
  ASSERT_TRUE(s->Rollback().ok());
}

TEST(SqliteStore, UnverifiedOutletNeverOverwritesARegistryRecord) {
  auto s = OpenAt(testing::TempDir() + "/o.db");
  Outlet reg;
  reg.name = "Judicial Watch";
  reg.country = "US";
  reg.kind = OutletKind::kAdvocacy;
  reg.verified = true;
  auto a = s->UpsertOutlet(reg);
  Outlet guess;
  guess.name = "Judicial Watch";
  auto b = s->UpsertOutlet(guess);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  auto list = s->ListOutlets();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].country, "US");
  EXPECT_EQ((*list)[0].kind, OutletKind::kAdvocacy);
}

TEST(SqliteStore, StoriesFilterAndWatches) {
  auto s = OpenAt(testing::TempDir() + "/st.db");
  StoryRecord r;
  r.story.id = 7;
  r.story.title = "Camp";
  r.story.country = "MX";
  r.story.last_seen = 100;
  r.verdict = "single-source";
  ASSERT_TRUE(s->UpsertStory(r).ok());
  r.story.id = 8;
  r.story.country = "US";
  r.verdict = "corroborated";
  ASSERT_TRUE(s->UpsertStory(r).ok());
  StoryFilter f;
  f.country = "MX";
  auto l = s->ListStories(f);
  ASSERT_EQ(l->size(), 1u);
  EXPECT_EQ((*l)[0].story.id, 7);
  f = {};
  f.verdict = "corroborated";
  EXPECT_EQ(s->ListStories(f)->size(), 1u);
  Watch w;
  w.kind = WatchKind::kQuery;
  w.target = "border camp";
  auto wid = s->AddWatch(w);
  ASSERT_TRUE(wid.ok());
  ASSERT_TRUE(s->UpdateWatchState(*wid, "{\"7\":{}}").ok());
  auto ws = s->ListWatches();
  ASSERT_EQ(ws->size(), 1u);
  EXPECT_EQ((*ws)[0].state_json, "{\"7\":{}}");
}

TEST(SqliteStore, CountStoriesIgnoresLimitAndDeleteWatchDropsItsAlerts) {
  auto s = OpenAt(testing::TempDir() + "/cw.db");
  StoryRecord r;
  r.verdict = "single-source";
  for (StoryId id = 1; id <= 5; ++id) {
    r.story.id = id;
    r.story.last_seen = 100 + id;
    ASSERT_TRUE(s->UpsertStory(r).ok());
  }
  StoryFilter f;
  f.limit = 2;
  f.offset = 1;
  EXPECT_EQ(s->ListStories(f)->size(), 2u);
  EXPECT_EQ(*s->CountStories(f), 5);
  f.verdict = "corroborated";
  EXPECT_EQ(*s->CountStories(f), 0);

  Watch w;
  w.target = "1";
  auto wid = s->AddWatch(w);
  ASSERT_TRUE(wid.ok());
  Alert a;
  a.watch_id = *wid;
  a.story_id = 1;
  a.what = "verdict";
  ASSERT_TRUE(s->AddAlert(a).ok());
  ASSERT_TRUE(s->DeleteWatch(*wid).ok());
  EXPECT_TRUE(s->ListWatches()->empty());
  EXPECT_TRUE(s->ListAlerts(10)->empty());
  EXPECT_EQ(s->DeleteWatch(*wid).code(), StatusCode::kNotFound);
}

TEST(SqliteStore, TokensAreFoundByHashOnly) {
  auto s = OpenAt(testing::TempDir() + "/tok.db");
  ApiToken t;
  t.name = "ci";
  t.hash = std::string(64, 'a');
  t.created = 42;
  ASSERT_TRUE(s->AddToken(t).ok());
  auto found = s->FindToken(std::string(64, 'a'));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->name, "ci");
  EXPECT_FALSE(s->FindToken(std::string(64, 'b'))->has_value());
  EXPECT_FALSE(s->AddToken(t).ok());  // hashes are unique
  EXPECT_EQ(s->ListTokens()->size(), 1u);
}

TEST(SqliteStore, AReadTransactionSeesOneSnapshot) {
  std::string path = testing::TempDir() + "/rt.db";
  auto writer = OpenAt(path);
  auto reader = OpenAt(path);
  Outlet o;
  o.name = "X";
  auto oid = writer->UpsertOutlet(o);
  auto v0 = reader->DataVersion();
  ASSERT_TRUE(v0.ok());
  ASSERT_TRUE(reader->BeginRead().ok());
  EXPECT_EQ(*reader->CountArticles(), 0);
  ASSERT_TRUE(writer->Begin().ok());
  ASSERT_TRUE(writer->InsertArticle(MakeArticle(*oid, "https://x.com/1", "one")).ok());
  ASSERT_TRUE(writer->Commit().ok());  // a reader never blocks the writer (WAL)
  EXPECT_EQ(*reader->CountArticles(), 0);  // still the snapshot taken at BeginRead
  ASSERT_TRUE(reader->EndRead().ok());
  EXPECT_EQ(*reader->CountArticles(), 1);
  EXPECT_NE(*reader->DataVersion(), *v0);  // the writer's commit is seen as a change
}

}  // namespace
}  // namespace headwater::store

namespace headwater::store {
namespace {

TEST(SqliteStore, MigratesAnOlderStoreForward) {
  std::string path = testing::TempDir() + "/old.db";
  {
    auto s = OpenAt(path);
    ASSERT_TRUE(s->AddFeed("https://a.example/feed.xml", "A").ok());
  }
  // Make it a version-1 store (as written before feeds existed).
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP VIEW story_events; ALTER TABLE story_log DROP COLUMN article_id; "
                         "ALTER TABLE story_log DROP COLUMN score; "
                         "ALTER TABLE story_log DROP COLUMN is_new; "
                         "ALTER TABLE story_log RENAME TO story_events; "
                         "DROP TABLE feeds; DROP TABLE api_tokens; DROP TABLE text_dicts; "
                         "DROP VIEW articles_text; DROP TRIGGER articles_ad; "
                         "UPDATE schema_version SET version=1",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = OpenAt(path);
  EXPECT_EQ(s->SchemaVersion(), 5);
  auto feeds = s->ListFeeds();
  ASSERT_TRUE(feeds.ok()) << feeds.status().ToString();
  EXPECT_TRUE(feeds->empty());
  auto id = s->AddFeed("https://a.example/feed.xml", "A");
  auto again = s->AddFeed("https://a.example/feed.xml", "A");
  ASSERT_TRUE(id.ok() && again.ok());
  EXPECT_EQ(*id, *again);
}

}  // namespace
}  // namespace headwater::store
