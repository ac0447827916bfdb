// Packed (zstd) column values: round trips through the store, and rows written the old way
// (plain text, one attribution per row) directly with sqlite3 still read.
#include "store/packed.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/store.h"
#include "store_test_util.h"
#include "test_util.h"

namespace headwater::store {
namespace {

std::string Repetitive(size_t n) {
  std::string s;
  for (size_t i = 0; s.size() < n; ++i)
    s += "{\"url\":\"https://example.org/a/" + std::to_string(i % 17) +
         "\",\"text\":\"said the mayor\"},";
  return s;
}

TEST(Packed, RoundTripsAndShrinksRepetitiveValues) {
  std::string raw = Repetitive(5000);
  std::string packed = Pack(raw);
  EXPECT_TRUE(LooksPacked(packed));
  EXPECT_LT(packed.size(), raw.size() / 4);
  EXPECT_EQ(Unpack(packed), raw);
}

TEST(Packed, ShortOrIncompressibleValuesStayRaw) {
  EXPECT_EQ(Pack("{}"), "{}");
  std::string noise;
  uint32_t x = 12345;
  for (int i = 0; i < 4000; ++i) {
    x = x * 1103515245u + 12345u;
    noise.push_back(static_cast<char>(x >> 24));
  }
  std::string p = Pack(noise);
  EXPECT_EQ(p, noise);  // not smaller packed: kept as it is
  EXPECT_EQ(Unpack(noise), noise);
}

TEST(Packed, AMarkerWithoutAValidFrameIsReadAsIs) {
  std::string fake = std::string(kPackMarker) + "not a zstd frame at all";
  EXPECT_TRUE(LooksPacked(fake));
  EXPECT_EQ(Unpack(fake), fake);
  std::string truncated = Pack(Repetitive(3000));
  truncated.resize(truncated.size() - 5);
  EXPECT_EQ(Unpack(truncated), truncated);
}

Attribution MakeAttribution(int i) {
  Attribution a;
  a.cue = {{10u + i, 14u + i}};
  a.source = {{0, 9}};
  a.content = {{15u + i, 60u + i}};
  a.cue_text = "said";
  a.source_text = "The mayor";
  a.content_text = "the camp was closed " + std::to_string(i);
  a.source_kind = SourceKind::kOfficial;
  a.person = "Ana López";
  a.stance = i % 2 ? Stance::kDenies : Stance::kAsserts;
  return a;
}

// The type and leading bytes of one column value, read with sqlite3 directly.
std::pair<int, std::string> RawColumn(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  std::pair<int, std::string> out{SQLITE_NULL, ""};
  if (sqlite3_step(st) == SQLITE_ROW) {
    out.first = sqlite3_column_type(st, 0);
    const char* p = static_cast<const char*>(sqlite3_column_blob(st, 0));
    out.second.assign(p ? p : "", sqlite3_column_bytes(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

void ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << "\n" << sql;
  sqlite3_free(err);
  sqlite3_close(db);
}

class PackedStore : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/packed-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::remove(path_.c_str());
    std::remove((path_ + "-wal").c_str());
    auto s = OpenAt(path_);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->Begin().ok());
    Outlet o;
    o.name = "El Diario";
    auto oid = s->UpsertOutlet(o);
    ASSERT_TRUE(oid.ok());
    Article a;
    a.url = a.canonical_url = "https://eldiario.mx/a";
    a.outlet_id = *oid;
    a.title = "Camp";
    a.text = "The mayor said the camp was closed, and the governor denied it.";
    a.ingested = 1460628000;
    for (int i = 0; i < 6; ++i) {
      PlaceMention p;
      p.name = "Ciudad Juárez " + std::to_string(i);
      p.country = "MX";
      p.lat = 31.7;
      p.lon = -106.4;
      a.places.push_back(p);
    }
    place_count_ = a.places.size();
    auto aid = s->InsertArticle(a);
    ASSERT_TRUE(aid.ok());
    article_ = *aid;
    ASSERT_TRUE(s->Commit().ok());
  }

  std::string path_;
  ArticleId article_ = 0;
  size_t place_count_ = 0;
};

TEST_F(PackedStore, CompressedRowsRoundTrip) {
  std::string report = "{\"evidence\":[" + Repetitive(6000) + "{}]}";
  std::string blob = Repetitive(20000);
  std::string passage = Repetitive(800);
  {
    auto s = OpenAt(path_);
    ASSERT_TRUE(s->Begin().ok());
    std::vector<Attribution> list;
    for (int i = 0; i < 5; ++i) list.push_back(MakeAttribution(i));
    ASSERT_TRUE(s->InsertAttributions(article_, list).ok());
    StoryRecord r;
    r.story.id = 7;
    r.story.title = "Camp";
    r.verdict = "disputed";
    r.report_json = report;
    ASSERT_TRUE(s->UpsertStory(r).ok());
    ASSERT_TRUE(s->PutBlob("clusterer", blob).ok());
    ReuseEdge e;
    e.source_id = article_;
    e.copy_id = article_;
    e.cls = ReuseClass::kPartial;
    e.longest_text = passage;
    ASSERT_TRUE(s->InsertReuse(e, "").ok());
    ASSERT_TRUE(s->Commit().ok());
  }
  // On disk the large values are packed BLOBs, not the text.
  for (const char* sql : {"SELECT report FROM stories WHERE id=7", "SELECT data FROM attributions",
                          "SELECT value FROM blobs", "SELECT longest_text FROM reuse"}) {
    auto [type, bytes] = RawColumn(path_, sql);
    EXPECT_EQ(type, SQLITE_BLOB) << sql;
    EXPECT_TRUE(LooksPacked(bytes)) << sql;
  }
  // The text stays plain until its dictionary exists (FTS5 reads it through hw_text()); places
  // are packed like the other kinds (schema 5: with their own dictionary once trained).
  EXPECT_EQ(RawColumn(path_, "SELECT places FROM articles").first, SQLITE_BLOB);
  EXPECT_EQ(RawColumn(path_, "SELECT text FROM articles").first, SQLITE_TEXT);
  EXPECT_LT(RawColumn(path_, "SELECT report FROM stories").second.size(), report.size() / 4);

  auto s = OpenAt(path_);
  auto r = s->GetStory(7);
  ASSERT_TRUE(r.ok() && r->has_value());
  EXPECT_EQ((*r)->report_json, report);
  auto listed = s->ListStories({});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].report_json, report);
  auto b = s->GetBlob("clusterer");
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_EQ(**b, blob);
  auto attrs = s->AttributionsOf(article_);
  ASSERT_TRUE(attrs.ok());
  ASSERT_EQ(attrs->size(), 5u);
  for (int i = 0; i < 5; ++i) {
    const Attribution& a = (*attrs)[i];
    EXPECT_EQ(a.article_id, article_);
    EXPECT_EQ(a.content_text, MakeAttribution(i).content_text);
    EXPECT_EQ(a.cue[0].begin, 10u + i);
    EXPECT_EQ(a.stance, MakeAttribution(i).stance);
    EXPECT_EQ(a.person, "Ana López");
    EXPECT_EQ(a.source_kind, SourceKind::kOfficial);
  }
  auto edges = s->ReuseOf(article_);
  ASSERT_TRUE(edges.ok());
  ASSERT_EQ(edges->size(), 1u);
  EXPECT_EQ((*edges)[0].longest_text, passage);
  auto art = s->GetArticle(article_);
  ASSERT_TRUE(art.ok());
  ASSERT_EQ(art->places.size(), place_count_);
  EXPECT_EQ(art->places[5].name, "Ciudad Juárez 5");
  // Full-text search still reads the (never packed) article text.
  auto hits = s->Search(FtsQueryForText("governor"), 5);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_NE(hits->at(0).snippet.find("[governor]"), std::string::npos);
}

TEST_F(PackedStore, RowsWrittenBeforePackingStillRead) {
  // Rows as stores made before this change hold them: plain TEXT, one attribution object per
  // row, a raw blob, plain places and passage.
  std::string report = "{\"id\":7,\"verdict\":\"disputed\",\"origins\":[]," +
                       std::string("\"pad\":\"") + std::string(500, 'x') + "\"}";
  std::string attr1 =
      R"({"cue":[[4,8]],"source":[[0,3]],"content":[[9,20]],"cue_text":"said","source_text":"He",)"
      R"("content_text":"it was shut","kind":"person","outlet_id":0,"outlet":"","person":"Luis",)"
      R"("role":"","anonymous":false,"anonymous_reason":"","stance":"asserts","self_citation":false,"link":""})";
  std::string attr2 =
      R"({"cue":[[30,36]],"source":[[22,29]],"content":[],"cue_text":"denied","source_text":"officials",)"
      R"("kind":"official","stance":"denies"})";
  std::string aid = std::to_string(article_);
  ExecSql(path_, "INSERT INTO stories(id, title, verdict, report) VALUES(7, 'Camp', 'disputed', '" +
                     report +
                     "');"
                     "INSERT INTO attributions(article_id, data) VALUES(" +
                     aid + ", '" + attr1 +
                     "');"
                     "INSERT INTO attributions(article_id, data) VALUES(" +
                     aid + ", '" + attr2 +
                     "');"
                     "INSERT INTO blobs(key, value) VALUES('clusterer', x'0001020304ff');"
                     "INSERT INTO reuse(source_id, copy_id, class, copy_in_source, source_in_copy,"
                     " longest_chars, longest_text) VALUES(" +
                     aid + "," + aid +
                     ", 'whole', 1, 1, 11, 'it was shut');"
                     "UPDATE articles SET places='[{\"name\":\"Ojinaga\",\"country\":\"MX\"}]';");
  EXPECT_EQ(RawColumn(path_, "SELECT report FROM stories").first, SQLITE_TEXT);

  auto s = OpenAt(path_);
  auto r = s->GetStory(7);
  ASSERT_TRUE(r.ok() && r->has_value());
  EXPECT_EQ((*r)->report_json, report);
  auto attrs = s->AttributionsOf(article_);
  ASSERT_TRUE(attrs.ok());
  ASSERT_EQ(attrs->size(), 2u);
  EXPECT_EQ((*attrs)[0].person, "Luis");
  EXPECT_EQ((*attrs)[0].content_text, "it was shut");
  EXPECT_EQ((*attrs)[1].stance, Stance::kDenies);
  EXPECT_EQ((*attrs)[1].source_kind, SourceKind::kOfficial);
  auto b = s->GetBlob("clusterer");
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_EQ(**b, std::string("\x00\x01\x02\x03\x04\xff", 6));
  auto edges = s->ReuseOf(article_);
  ASSERT_TRUE(edges.ok() && edges->size() == 1u);
  EXPECT_EQ((*edges)[0].longest_text, "it was shut");
  auto art = s->GetArticle(article_);
  ASSERT_TRUE(art.ok());
  ASSERT_EQ(art->places.size(), 1u);
  EXPECT_EQ(art->places[0].name, "Ojinaga");

  // A legacy store gets new rows packed beside its old ones; both read, in insertion order.
  ASSERT_TRUE(s->Begin().ok());
  ASSERT_TRUE(s->InsertAttributions(article_, {MakeAttribution(0), MakeAttribution(1)}).ok());
  ASSERT_TRUE(s->Commit().ok());
  attrs = s->AttributionsOf(article_);
  ASSERT_TRUE(attrs.ok());
  ASSERT_EQ(attrs->size(), 4u);
  EXPECT_EQ((*attrs)[0].person, "Luis");
  EXPECT_EQ((*attrs)[3].content_text, MakeAttribution(1).content_text);
}

}  // namespace
}  // namespace headwater::store
