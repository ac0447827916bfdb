// Schema 5: story counts kept as code strings and story events naming their article by id
// (store/row_codec.h), with the story_events view giving every detail as it was written; stores
// of schema 4 migrate forward and keep their rows readable.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "store/row_codec.h"
#include "store/store.h"
#include "store_test_util.h"
#include "test_util.h"

namespace headwater::store {
namespace {

using json = nlohmann::json;

// Every row of a query, its columns joined with '|' (NULL as "NULL").
std::vector<std::string> Rows(const std::string& path, const std::string& sql) {
  std::vector<std::string> out;
  sqlite3* db;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      if (i) row += "|";
      const unsigned char* t = sqlite3_column_text(st, i);
      row += t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    out.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// A counts object as provenance/format.cc makes it (nlohmann: keys sorted).
std::string CountsJson(int articles, int origins) {
  return json{{"articles", articles},    {"outlets", articles - 1},
              {"origins", origins},      {"independent_origins", origins},
              {"in_country_origins", 0}, {"denials", 2},
              {"denying_origins", 1},    {"anonymous_only_origins", 0},
              {"retractions", 0},        {"corrections", 0}}
      .dump();
}

std::string AssignedJson(const std::string& url, double score, bool is_new) {
  return json{{"url", url}, {"score", score}, {"new", is_new}}.dump();
}

TEST(RowCodec, CountsRoundTripExactlyAndShrink) {
  for (auto [n, o] : {std::pair{1, 0}, {14, 1}, {123456, 7}}) {
    std::string counts = CountsJson(n, o);
    auto code = EncodeCounts(counts);
    ASSERT_TRUE(code.has_value()) << counts;
    EXPECT_EQ((*code)[0], '=');
    EXPECT_LT(code->size() * 4, counts.size()) << *code;
    EXPECT_EQ(DecodeCounts(*code), counts);
  }
  EXPECT_EQ(DecodeCounts(*EncodeCounts("{\"articles\":-3}")), "{\"articles\":-3}");
  EXPECT_EQ(DecodeCounts(*EncodeCounts("{}")), "{}");
  // Forms the code cannot give back exactly are refused (then stored as given).
  EXPECT_FALSE(EncodeCounts("{\"articles\":1,\"unknown\":2}"));
  EXPECT_FALSE(EncodeCounts("{\"articles\":1.5}"));
  EXPECT_FALSE(EncodeCounts("{\"outlets\":1,\"articles\":2}"));  // not sorted: not a dump
  EXPECT_FALSE(EncodeCounts("{\"articles\": 1}"));               // spaced
  EXPECT_FALSE(EncodeCounts("[1,2]"));
  EXPECT_FALSE(EncodeCounts("not json"));
  // Stored JSON (before schema 5) reads unchanged; broken codes read as an empty object.
  EXPECT_EQ(DecodeCounts(CountsJson(3, 1)), CountsJson(3, 1));
  EXPECT_EQ(DecodeCounts("=z1"), "{}");
  EXPECT_EQ(DecodeCounts("=bx"), "{}");
}

TEST(RowCodec, EventDetailsRoundTripOrAreRefused) {
  std::string a = AssignedJson("https://e.org/a?x=1", 0.4172839513572468, false);
  auto d = ParseEventDetail("assigned", a);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->url, "https://e.org/a?x=1");
  EXPECT_TRUE(d->has_score);
  EXPECT_FALSE(d->is_new);
  EXPECT_EQ(RenderEventDetail("assigned", *d), a);
  auto c = ParseEventDetail("created", "https://e.org/a");
  ASSERT_TRUE(c.has_value());
  EXPECT_FALSE(c->has_score);
  EXPECT_EQ(RenderEventDetail("created", *c), "https://e.org/a");
  EXPECT_FALSE(ParseEventDetail("assigned", "{\"url\":\"u\",\"score\":1.0,\"new\":true}"));
  EXPECT_FALSE(ParseEventDetail("assigned", "{\"new\":true,\"score\":1.0,\"url\":\"u\",\"x\":1}"));
  EXPECT_FALSE(ParseEventDetail("merged-into", "12 https://e.org/a"));
  EXPECT_FALSE(ParseEventDetail("created", ""));
}

TEST(RowCodec, PassageRefsNameTheFirstOccurrence) {
  std::string text = "Ciudad Juárez — officials said. Then officials said it again.";
  auto ref = EncodePassageRef(text, "officials said");
  ASSERT_TRUE(ref.has_value());
  EXPECT_TRUE(IsPassageRef(*ref));
  EXPECT_EQ(ref->size(), 12u);
  EXPECT_EQ(DecodePassageRef(text, *ref), "officials said");
  EXPECT_FALSE(EncodePassageRef(text, "not in it"));
  EXPECT_FALSE(EncodePassageRef(text, ""));
  // Out of range for a shorter text (a reference never reads past the end).
  EXPECT_FALSE(DecodePassageRef("short", *ref));
  EXPECT_FALSE(IsPassageRef("officials said"));
}

Article MakeArticle(OutletId outlet, int i) {
  Article a;
  a.url = a.canonical_url = "https://example.org/story/" + std::to_string(i);
  a.outlet_id = outlet;
  a.title = "Title " + std::to_string(i);
  a.text = "Officials said on Tuesday that the water supply was cut. " + std::to_string(i);
  a.ingested = 1460628000 + i;
  return a;
}

TEST(Schema5, EventsNameTheirArticleAndTheViewGivesTheDetailBack) {
  std::string path = testing::TempDir() + "/events5.db";
  auto s = OpenAt(path);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->SchemaVersion(), 5);
  Outlet o;
  o.name = "Example";
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  ASSERT_TRUE(s->Begin().ok());
  auto id = s->InsertArticle(MakeArticle(*oid, 1));
  ASSERT_TRUE(id.ok());
  std::string url = MakeArticle(*oid, 1).canonical_url;
  std::string assigned = AssignedJson(url, 0.625, true);
  ASSERT_TRUE(s->RecordStoryEvent(7, 100, "created", url).ok());
  ASSERT_TRUE(s->RecordStoryEvent(7, 100, "assigned", assigned).ok());
  ASSERT_TRUE(
      s->RecordStoryEvent(7, 101, "assigned", AssignedJson("https://gone.example/x", 0.5, false))
          .ok());
  ASSERT_TRUE(s->RecordStoryEvent(7, 102, "merged-from", "3 content " + url).ok());
  ASSERT_TRUE(s->Commit().ok());
  s.reset();
  // Stored: the article's id, score and flag; detail '' (the URL is not repeated).
  EXPECT_EQ(
      Rows(path, "SELECT kind, detail, article_id, score, is_new FROM story_log ORDER BY id"),
      (std::vector<std::string>{
          "created||" + std::to_string(*id) + "|NULL|NULL",
          "assigned||" + std::to_string(*id) + "|0.625|1",
          "assigned|" + AssignedJson("https://gone.example/x", 0.5, false) + "|NULL|NULL|NULL",
          "merged-from|3 content " + url + "|NULL|NULL|NULL"}));
  // Read through the view: every detail as it was written.
  EXPECT_EQ(Rows(path, "SELECT story_id, at, kind, detail FROM story_events ORDER BY id"),
            (std::vector<std::string>{
                "7|100|created|" + url, "7|100|assigned|" + assigned,
                "7|101|assigned|" + AssignedJson("https://gone.example/x", 0.5, false),
                "7|102|merged-from|3 content " + url}));
}

TEST(Schema5, CountsAreStoredAsCodesAndReadBackAsJson) {
  std::string path = testing::TempDir() + "/counts5.db";
  auto s = OpenAt(path);
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->Begin().ok());
  for (int i = 1; i <= 3; ++i) {
    StoryRecord r;
    r.story.id = i;
    r.story.last_seen = i;
    r.verdict = "single-source";
    r.counts_json = i == 3 ? "{\"articles\":1,\"other\":2}" : CountsJson(i * 5, i);
    r.report_json = "{\"id\":\"" + std::to_string(i) + "\"}";
    ASSERT_TRUE(s->UpsertStory(r).ok());
  }
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(Rows(path, "SELECT substr(counts, 1, 1) FROM stories ORDER BY id"),
            (std::vector<std::string>{"=", "=", "{"}));
  for (int i = 1; i <= 3; ++i) {
    auto r = s->GetStory(i);
    ASSERT_TRUE(r.ok() && r->has_value());
    EXPECT_EQ((*r)->counts_json, i == 3 ? "{\"articles\":1,\"other\":2}" : CountsJson(i * 5, i));
  }
  auto listed = s->ListStories(StoryFilter{});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[1].counts_json, CountsJson(10, 2));
}

TEST(Schema5, AReusePassageFoundInTheCopyIsStoredAsAReference) {
  std::string path = testing::TempDir() + "/reuse5.db";
  auto s = OpenAt(path);
  ASSERT_TRUE(s);
  Outlet o;
  o.name = "Example";
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  ASSERT_TRUE(s->Begin().ok());
  Article src = MakeArticle(*oid, 1), copy = MakeArticle(*oid, 2), other = MakeArticle(*oid, 3);
  copy.text = "A wire story: " + src.text + " Reported by the wire.";
  auto a = s->InsertArticle(src), b = s->InsertArticle(copy), c = s->InsertArticle(other);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ReuseEdge whole{*a, *b, ReuseClass::kWhole, 0.9, 0.95, 0, src.text};
  whole.longest_chars = static_cast<uint32_t>(src.text.size());
  ReuseEdge missing{*a,
                    *c,
                    ReuseClass::kPartial,
                    0.4,
                    0.3,
                    40,
                    "a passage of more than thirty-two bytes that the copy lacks"};
  ReuseEdge shortp{*b, *c, ReuseClass::kPartial, 0.2, 0.2, 9, "Officials"};
  ASSERT_TRUE(s->InsertReuse(whole, "").ok());
  ASSERT_TRUE(s->InsertReuse(missing, "AP").ok());
  ASSERT_TRUE(s->InsertReuse(shortp, "").ok());
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(Rows(path,
                 "SELECT length(longest_text), substr(longest_text, 2, 3) FROM reuse "
                 "ORDER BY source_id, copy_id"),
            (std::vector<std::string>{"12|hwp",
                                      std::to_string(missing.longest_text.size()) + "|" +
                                          missing.longest_text.substr(1, 3),
                                      "9|ffi"}));
  auto list = s->ListReuse(ReuseClass::kPartial);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].first.longest_text, src.text);
  EXPECT_EQ((*list)[1].first.longest_text, missing.longest_text);
  EXPECT_EQ((*list)[1].second, "AP");
  EXPECT_EQ((*list)[2].first.longest_text, "Officials");
  auto of = s->ReuseOf(*b);
  ASSERT_TRUE(of.ok());
  ASSERT_EQ(of->size(), 2u);
  for (const ReuseEdge& e : *of)
    EXPECT_EQ(e.longest_text, e.source_id == *a ? src.text : std::string("Officials"));
}

TEST(Schema5, PlacesGetTheirOwnDictionaryAndReadBack) {
  std::string path = testing::TempDir() + "/places5.db";
  auto s = OpenAt(path);
  ASSERT_TRUE(s);
  Outlet o;
  o.name = "Example";
  auto oid = s->UpsertOutlet(o);
  ASSERT_TRUE(oid.ok());
  const char* kNames[] = {"Ciudad Juárez", "El Paso", "Chihuahua", "Ojinaga",
                          "Nuevo Casas Grandes"};
  auto places_of = [&](int i) {
    std::vector<PlaceMention> out;
    for (int k = 0; k < 1 + i % 3; ++k) {
      PlaceMention p;
      p.name = kNames[(i + k) % 5];
      p.country = k % 2 ? "US" : "MX";
      p.admin1 = "Chihuahua";
      p.lat = 31.72 + 0.01 * (i % 7);
      p.lon = -106.46;
      p.mentions = 1 + i % 4;
      out.push_back(p);
    }
    return out;
  };
  const int n = 1600;  // a third have one place (under 48 bytes): 1,066 count toward training
  ASSERT_TRUE(s->Begin().ok());
  for (int i = 0; i < n; ++i) {
    Article a = MakeArticle(*oid, i);
    a.places = places_of(i);
    ASSERT_TRUE(s->InsertArticle(a).ok());
  }
  ASSERT_TRUE(s->Commit().ok());
  EXPECT_EQ(Rows(path, "SELECT count(*) FROM text_dicts WHERE kind='places'"),
            std::vector<std::string>{"1"});
  // Every row with places of 48 bytes or more is dictionary-encoded, and all read back.
  EXPECT_EQ(Rows(path, "SELECT count(*) FROM articles WHERE substr(places,1,4)=X'00687764'"),
            Rows(path,
                 "SELECT count(*) FROM articles WHERE length(hex(places)) >= 96 OR "
                 "substr(places,1,4)=X'00687764'"));
  EXPECT_GT(std::stoi(Rows(path,
                           "SELECT count(*) FROM articles WHERE "
                           "substr(places,1,4)=X'00687764'")[0]),
            n / 2);
  auto fresh = OpenAt(path);
  for (int i : {0, 1, 500, n - 1}) {
    auto a = fresh->GetArticle(i + 1);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto want = places_of(i);
    ASSERT_EQ(a->places.size(), want.size());
    for (size_t k = 0; k < want.size(); ++k) {
      EXPECT_EQ(a->places[k].name, want[k].name);
      EXPECT_EQ(a->places[k].country, want[k].country);
      EXPECT_DOUBLE_EQ(a->places[k].lat, want[k].lat);
      EXPECT_EQ(a->places[k].mentions, want[k].mentions);
    }
  }
}

// A store as schema 4 left it (table story_events with JSON details, counts as JSON) opens as
// schema 5: its rows read as before, and new rows are written in the compact forms.
TEST(Schema5, MigratesASchema4Store) {
  std::string path = testing::TempDir() + "/v4.db";
  std::string url = "https://example.org/story/1";
  {
    auto s = OpenAt(path);
    ASSERT_TRUE(s);
    Outlet o;
    o.name = "Example";
    ASSERT_TRUE(s->UpsertOutlet(o).ok());
    ASSERT_TRUE(s->Begin().ok());
    ASSERT_TRUE(s->InsertArticle(MakeArticle(1, 1)).ok());
    ASSERT_TRUE(s->InsertArticle(MakeArticle(1, 2)).ok());
    ASSERT_TRUE(s->Commit().ok());
  }
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string back = R"sql(
DROP VIEW story_events;
ALTER TABLE story_log DROP COLUMN article_id;
ALTER TABLE story_log DROP COLUMN score;
ALTER TABLE story_log DROP COLUMN is_new;
ALTER TABLE story_log RENAME TO story_events;
INSERT INTO story_events(story_id, at, kind, detail) VALUES(1, 10, 'created', ')sql" +
                     url + R"sql(');
INSERT INTO story_events(story_id, at, kind, detail) VALUES(1, 10, 'assigned', ')sql" +
                     AssignedJson(url, 0.3, true) + R"sql(');
INSERT INTO stories(id, verdict, counts, report) VALUES(1, 'single-source', ')sql" +
                     CountsJson(2, 1) + R"sql(', '{}');
UPDATE schema_version SET version=4;
)sql";
  char* err = nullptr;
  ASSERT_EQ(sqlite3_exec(db, back.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_close(db);

  auto s = OpenAt(path);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->SchemaVersion(), 5);
  auto r = s->GetStory(1);
  ASSERT_TRUE(r.ok() && r->has_value());
  EXPECT_EQ((*r)->counts_json, CountsJson(2, 1));
  ASSERT_TRUE(s->Begin().ok());
  std::string url2 = "https://example.org/story/2";
  ASSERT_TRUE(s->RecordStoryEvent(1, 11, "assigned", AssignedJson(url2, 0.75, false)).ok());
  ASSERT_TRUE(s->Commit().ok());
  s.reset();
  EXPECT_EQ(Rows(path, "SELECT kind, detail FROM story_events ORDER BY id"),
            (std::vector<std::string>{"created|" + url, "assigned|" + AssignedJson(url, 0.3, true),
                                      "assigned|" + AssignedJson(url2, 0.75, false)}));
  EXPECT_EQ(Rows(path, "SELECT detail, article_id FROM story_log ORDER BY id").back(), "|2");
}

}  // namespace
}  // namespace headwater::store
