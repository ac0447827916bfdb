// Schema 4: article text stored dictionary-compressed, FTS over a decoding view, URLs and places
// stored once and compactly, and stores of schema 3 (plain text, FTS with positions and
// triggers) migrated forward.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <random>

#include "store/store.h"
#include "store/text_codec.h"
#include "store_test_util.h"
#include "test_util.h"

namespace headwater::store {
namespace {

std::string ArticleText(size_t i) {
  static const char* kParts[] = {
      "Officials in the border city said on Tuesday that ",
      "the committee will publish its findings next week, ",
      "according to a statement released by the ministry. ",
      "Residents told reporters that the water supply had been cut ",
      "since the storm reached the coast on Monday night. ",
      "La alcaldía informó que los trabajos continuarán en Ciudad Juárez. ",
      "The report, which cites two unnamed sources, could not be verified. ",
      "A spokesman for the company declined to comment on the matter.\n"};
  std::mt19937 rng(static_cast<uint32_t>(i) * 7919u + 1u);
  std::string t;
  for (int j = 0; j < 12; ++j) t += kParts[rng() % std::size(kParts)];
  return t + "Marker word w" + std::to_string(i) + "x.";
}

Article MakeArticle(OutletId outlet, size_t i) {
  Article a;
  a.url = "https://example.org/a/" + std::to_string(i);
  a.canonical_url = a.url;
  a.outlet_id = outlet;
  a.title = "Story number " + std::to_string(i);
  a.text = ArticleText(i);
  a.ingested = 1460628000 + static_cast<int64_t>(i);
  return a;
}

int64_t QueryInt(const std::string& path, const std::string& sql) {
  sqlite3* db;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

constexpr const char* kDictEncoded = "substr(text,1,4)=X'00687764'";

TEST(CompressedText, ADictionaryIsTrainedAndEveryTextStillReadsAndSearches) {
  std::string path = testing::TempDir() + "/dict.db";
  const size_t n = TextCodecOptions{}.train_samples + 200;
  std::vector<ArticleId> ids;
  {
    auto s = OpenAt(path);
    ASSERT_TRUE(s);
    Outlet o;
    o.name = "Example";
    auto oid = s->UpsertOutlet(o);
    ASSERT_TRUE(oid.ok());
    ASSERT_TRUE(s->Begin().ok());
    for (size_t i = 0; i < n; ++i) {
      auto id = s->InsertArticle(MakeArticle(*oid, i));
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      ids.push_back(*id);
    }
    ASSERT_TRUE(s->Commit().ok());
  }
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM text_dicts"), 1);
  // Every text is dictionary-encoded: the samples were re-encoded once the dictionary existed.
  EXPECT_EQ(QueryInt(path, std::string("SELECT count(*) FROM articles WHERE ") + kDictEncoded),
            static_cast<int64_t>(n));
  int64_t stored = QueryInt(path, "SELECT sum(length(text)) FROM articles");
  size_t raw = 0;
  for (size_t i = 0; i < n; ++i) raw += ArticleText(i).size();
  EXPECT_LT(stored * 4, static_cast<int64_t>(raw));

  auto s = OpenAt(path);  // a new connection loads the dictionary from the file
  for (size_t i : {size_t{0}, size_t{17}, n - 1}) {
    auto a = s->GetArticle(ids[i]);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    EXPECT_EQ(a->text, ArticleText(i));
  }
  auto hits = s->Search(FtsQueryForText("w17x"), 5);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].article, ids[17]);
  EXPECT_NE((*hits)[0].snippet.find("[w17x]"), std::string::npos) << (*hits)[0].snippet;
  auto many = s->Search(FtsQueryForText("Juarez committee"), 3);
  ASSERT_TRUE(many.ok()) << many.status().ToString();
  EXPECT_EQ(many->size(), 3u);
  for (const SearchHit& h : *many) EXPECT_NE(h.snippet.find('['), std::string::npos);
}

TEST(CompressedText, ARolledBackDictionaryIsForgotten) {
  std::string path = testing::TempDir() + "/rollback.db";
  const size_t n = TextCodecOptions{}.train_samples + 10;
  auto s = OpenAt(path);
  Outlet o;
  o.name = "Example";
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  ASSERT_TRUE(s->Begin().ok());
  for (size_t i = 0; i < n; ++i) ASSERT_TRUE(s->InsertArticle(MakeArticle(*oid, i)).ok());
  ASSERT_TRUE(s->Rollback().ok());
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM text_dicts"), 0);
  // Articles stored after the rollback do not name the dictionary that is gone.
  ASSERT_TRUE(s->Begin().ok());
  auto id = s->InsertArticle(MakeArticle(*oid, 5));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(QueryInt(path, std::string("SELECT count(*) FROM articles WHERE ") + kDictEncoded), 0);
  auto other = OpenAt(path);
  auto a = other->GetArticle(*id);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text, ArticleText(5));
}

TEST(CompressedText, AReaderOpenedBeforeTheDictionaryStillReads) {
  std::string path = testing::TempDir() + "/reader.db";
  auto writer = OpenAt(path);
  auto reader = OpenAt(path);  // no dictionary exists yet when it opens
  Outlet o;
  o.name = "Example";
  auto oid = writer->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  const size_t n = TextCodecOptions{}.train_samples + 5;
  ArticleId last = 0;
  ASSERT_TRUE(writer->Begin().ok());
  for (size_t i = 0; i < n; ++i) {
    auto id = writer->InsertArticle(MakeArticle(*oid, i));
    ASSERT_TRUE(id.ok());
    last = *id;
  }
  ASSERT_TRUE(writer->Commit().ok());
  auto a = reader->GetArticle(last);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text, ArticleText(n - 1));
  auto hits = reader->Search(FtsQueryForText("w3x"), 2);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_NE((*hits)[0].snippet.find("[w3x]"), std::string::npos);
}

// The first bytes of an article's text, cut at a UTF-8 character boundary.
std::string Head(size_t i, size_t bytes) {
  std::string t = ArticleText(i);
  if (t.size() <= bytes) return t;
  while (bytes > 0 && (static_cast<unsigned char>(t[bytes]) & 0xC0) == 0x80) --bytes;
  return t.substr(0, bytes);
}

std::string ReportJson(size_t i) {
  return "{\"schema\":1,\"id\":" + std::to_string(i) + ",\"explanation\":\"" + Head(i, 300) +
         "\",\"origins\":[{\"outlet\":\"Example\",\"country\":\"MX\",\"articles\":["
         "\"https://example.org/a/" +
         std::to_string(i) + "\"]}],\"denials\":[]}";
}

TEST(Schema4, ReportsAndAttributionsGetTheirOwnDictionaries) {
  std::string path = testing::TempDir() + "/kinds.db";
  auto s = OpenAt(path);
  Outlet o;
  o.name = "Example";
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  const size_t n = TextCodecOptions{}.train_samples + 50;
  std::vector<ArticleId> ids;
  ASSERT_TRUE(s->Begin().ok());
  for (size_t i = 0; i < n; ++i) {
    auto id = s->InsertArticle(MakeArticle(*oid, i));
    ASSERT_TRUE(id.ok());
    ids.push_back(*id);
    Attribution a;
    a.cue = {{10, 19}};
    a.cue_text = "according";
    a.source_text = "the ministry";
    a.content_text = Head(i, 120);
    a.source_kind = SourceKind::kOfficial;
    a.stance = i % 7 == 0 ? Stance::kDenies : Stance::kAsserts;
    ASSERT_TRUE(s->InsertAttributions(*id, {a, a}).ok());
    StoryRecord r;
    r.story.id = static_cast<StoryId>(i + 1);
    r.verdict = "single-source";
    r.report_json = ReportJson(i);
    ASSERT_TRUE(s->UpsertStory(r).ok());
  }
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(QueryInt(path, "SELECT count(DISTINCT kind) FROM text_dicts"), 3);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM stories WHERE substr(report,1,4)=X'00687764'"),
            static_cast<int64_t>(n));
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM attributions WHERE substr(data,1,4)=X'00687764'"),
            static_cast<int64_t>(n));
  auto fresh = OpenAt(path);
  for (size_t i : {size_t{0}, size_t{500}, n - 1}) {
    auto r = fresh->GetStory(static_cast<StoryId>(i + 1));
    ASSERT_TRUE(r.ok() && r->has_value());
    EXPECT_EQ((*r)->report_json, ReportJson(i));
    auto attrs = fresh->AttributionsOf(ids[i]);
    ASSERT_TRUE(attrs.ok()) << attrs.status().ToString();
    ASSERT_EQ(attrs->size(), 2u);
    EXPECT_EQ((*attrs)[1].content_text, Head(i, 120));
    EXPECT_EQ((*attrs)[0].stance, i % 7 == 0 ? Stance::kDenies : Stance::kAsserts);
  }
  StoryFilter all;
  auto listed = fresh->ListStories(all);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->size(), n);
}

TEST(Schema4, UrlsAndPlacesRoundTripInTheirCompactForms) {
  std::string path = testing::TempDir() + "/urls.db";
  auto s = OpenAt(path);
  Outlet o;
  o.name = "Example";
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  Article same = MakeArticle(*oid, 1);
  same.places = {{"Ciudad Juárez", "MX", "Chihuahua", 31.72, -106.46, 3},
                 {"Mexico", "MX", "", 23.0, -102.0, 1}};
  Article differs = MakeArticle(*oid, 2);
  differs.url = "https://example.org/a/2?utm_source=feed";
  auto id1 = s->InsertArticle(same);
  auto id2 = s->InsertArticle(differs);
  ASSERT_TRUE(id1.ok() && id2.ok());
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM articles WHERE url=''"), 1);
  auto a1 = s->GetArticle(*id1);
  auto a2 = s->GetArticle(*id2);
  ASSERT_TRUE(a1.ok() && a2.ok());
  EXPECT_EQ(a1->url, same.url);
  EXPECT_EQ(a2->url, differs.url);
  EXPECT_EQ(a2->canonical_url, differs.canonical_url);
  ASSERT_EQ(a1->places.size(), 2u);
  EXPECT_EQ(a1->places[0].name, "Ciudad Juárez");
  EXPECT_EQ(a1->places[0].admin1, "Chihuahua");
  EXPECT_DOUBLE_EQ(a1->places[0].lon, -106.46);
  EXPECT_EQ(a1->places[0].mentions, 3);
  EXPECT_EQ(a1->places[1].country, "MX");
  for (const std::string& u : {same.url, differs.url, differs.canonical_url}) {
    auto found = s->FindByUrl(u);
    ASSERT_TRUE(found.ok() && found->has_value()) << u;
  }
  auto none = s->FindByUrl("");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto hits = s->Search(FtsQueryForText("w1x"), 3);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].url, same.url);  // not ""
}

TEST(Schema4, CompactingAfterABulkLoadShrinksTheFileAndKeepsEverything) {
  std::string path = testing::TempDir() + "/compact.db";
  auto s = OpenAt(path);
  Outlet o;
  o.name = "Example";
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  const size_t n = 1500;
  ASSERT_TRUE(s->Begin().ok());
  for (size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(s->InsertArticle(MakeArticle(*oid, i)).ok());
    // A story report rewritten larger as its story grows, as the pipeline does.
    StoryRecord r;
    r.story.id = 1 + static_cast<StoryId>(i % 50);
    r.report_json = std::string(200 + i, 'x');
    ASSERT_TRUE(s->UpsertStory(r).ok());
  }
  ASSERT_TRUE(s->Commit().ok());
  auto few = s->MaybeCompact(10);
  ASSERT_TRUE(few.ok());
  EXPECT_FALSE(*few);  // a feed poll's few articles: not worth rewriting the file
  int64_t pages_before = QueryInt(path, "PRAGMA page_count");
  auto bulk = s->MaybeCompact(static_cast<int64_t>(n));
  ASSERT_TRUE(bulk.ok()) << bulk.status().ToString();
  EXPECT_TRUE(*bulk);
  int64_t pages_after = QueryInt(path, "PRAGMA page_count");
  EXPECT_LT(pages_after, pages_before);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM articles"), static_cast<int64_t>(n));
  auto a = s->GetArticle(7);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text, ArticleText(6));
  auto hits = s->Search(FtsQueryForText("w1234x"), 3);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  // Compacting inside a batch is refused, and the store still takes writes afterwards.
  ASSERT_TRUE(s->Begin().ok());
  EXPECT_FALSE(s->Compact().ok());
  ASSERT_TRUE(s->InsertArticle(MakeArticle(*oid, n)).ok());
  ASSERT_TRUE(s->Commit().ok());
}

// A store as schema 3 wrote it (plain text, FTS5 with positions fed by triggers) opens as
// schema 4 with every article readable and searchable, and takes new articles.
TEST(CompressedText, MigratesASchema3Store) {
  std::string path = testing::TempDir() + "/v3.db";
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* v3 = R"sql(
CREATE TABLE schema_version(version INTEGER NOT NULL); INSERT INTO schema_version VALUES(0);
)sql";
  ASSERT_EQ(sqlite3_exec(db, v3, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  {
    // Let the binary make schema 4, then take it back to schema 3's layout and contents.
    auto s = OpenAt(path);
    ASSERT_TRUE(s);
  }
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* back = R"sql(
DROP VIEW story_events; ALTER TABLE story_log DROP COLUMN article_id;
ALTER TABLE story_log DROP COLUMN score; ALTER TABLE story_log DROP COLUMN is_new;
ALTER TABLE story_log RENAME TO story_events;
DROP TRIGGER articles_ad; DROP TABLE articles_fts; DROP VIEW articles_text; DROP TABLE text_dicts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
INSERT INTO outlets(id, name) VALUES(1, 'Old Outlet');
INSERT INTO articles(id, url, canonical_url, outlet_id, title, text, ingested, places)
  VALUES(1, 'https://old.example/1', 'https://old.example/1', 1, 'Camp near the border',
         'Judicial Watch reported a camp near Ciudad Juárez, officials denied it.', 1,
         '[{"admin1":"Chihuahua","country":"MX","lat":31.72,"lon":-106.46,"mentions":2,"name":"Ciudad Juárez"}]');
INSERT INTO articles(id, url, canonical_url, outlet_id, title, text, ingested)
  VALUES(2, 'https://old.example/2', 'https://old.example/2', 1, 'Budget vote',
         'The council approved the budget on Monday.', 2);
UPDATE schema_version SET version=3;
)sql";
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, back, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_close(db);
  ASSERT_EQ(QueryInt(path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'juarez'"),
            1);

  auto s = OpenAt(path);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->SchemaVersion(), 5);
  auto a = s->GetArticle(1);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->text, "Judicial Watch reported a camp near Ciudad Juárez, officials denied it.");
  EXPECT_EQ(a->url, "https://old.example/1");
  ASSERT_EQ(a->places.size(), 1u);
  EXPECT_EQ(a->places[0].name, "Ciudad Juárez");
  EXPECT_EQ(a->places[0].mentions, 2);
  auto hits = s->Search(FtsQueryForText("Juárez"), 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].article, 1);
  EXPECT_NE((*hits)[0].snippet.find("[Juárez]"), std::string::npos) << (*hits)[0].snippet;
  StoryFilter f;
  f.query = FtsQueryForText("budget");
  EXPECT_TRUE(s->ListStories(f).ok());
  // New articles go in compressed beside the old plain ones, and both search.
  ASSERT_TRUE(s->Begin().ok());
  Article fresh = MakeArticle(1, 99);
  auto id = s->InsertArticle(fresh);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(s->Commit().ok());
  auto both = s->Search(FtsQueryForText("council"), 10);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->size(), 1u);
  auto mine = s->Search(FtsQueryForText("w99x"), 10);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].article, *id);
  auto back_fresh = s->GetArticle(*id);
  ASSERT_TRUE(back_fresh.ok());
  EXPECT_EQ(back_fresh->text, fresh.text);
}

}  // namespace
}  // namespace headwater::store
