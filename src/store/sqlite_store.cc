// The embedded SQLite store: WAL journal, foreign keys, FTS5 over title and text, a schema
// version table and forward migrations (kMigrations[i] takes version i to i+1).
// Large values never searched by SQL are stored compressed: article text, reuse passages, story
// reports and attributions with zstd dictionaries trained on the store's own rows
// (store/text_codec.h, schema 4), named blobs packed without one (store/packed.h). Rows written
// in any earlier form still read, as every read goes through a codec's Decode or Unpack. The
// FTS5 index reads the text through the view articles_text and the SQL function hw_text().
#include <nlohmann/json.hpp>

#include "common/text.h"
#include "store/packed.h"
#include "store/row_codec.h"
#include "store/sqlite_util.h"
#include "store/store.h"
#include "store/text_codec.h"

namespace headwater::store {

using json = nlohmann::json;

const char* WatchKindName(WatchKind k) {
  switch (k) {
    case WatchKind::kStory: return "story";
    case WatchKind::kOutlet: return "outlet";
    case WatchKind::kQuery: return "query";
  }
  return "story";
}

std::optional<WatchKind> ParseWatchKind(std::string_view s) {
  if (s == "story") return WatchKind::kStory;
  if (s == "outlet") return WatchKind::kOutlet;
  if (s == "query") return WatchKind::kQuery;
  return std::nullopt;
}

namespace {

const char* kMigrations[] = {
    // 0 -> 1: the first schema.
    R"sql(
CREATE TABLE outlets(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, aliases TEXT NOT NULL DEFAULT '[]',
  domains TEXT NOT NULL DEFAULT '[]', country TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '[]', kind TEXT NOT NULL DEFAULT 'unknown',
  owner_group TEXT NOT NULL DEFAULT '', verified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE stories(
  id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active', first_seen INTEGER NOT NULL DEFAULT 0,
  last_seen INTEGER NOT NULL DEFAULT 0, merged_into INTEGER NOT NULL DEFAULT 0,
  key_terms TEXT NOT NULL DEFAULT '[]', verdict TEXT NOT NULL DEFAULT '',
  policy TEXT NOT NULL DEFAULT '', counts TEXT NOT NULL DEFAULT '{}',
  report TEXT NOT NULL DEFAULT '{}', updated INTEGER NOT NULL DEFAULT 0);
CREATE TABLE articles(
  id INTEGER PRIMARY KEY, url TEXT NOT NULL, canonical_url TEXT NOT NULL UNIQUE,
  outlet_id INTEGER NOT NULL REFERENCES outlets(id), title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '', lang TEXT NOT NULL DEFAULT 'und',
  lang_confidence REAL NOT NULL DEFAULT 0, published INTEGER, ingested INTEGER NOT NULL,
  byline TEXT NOT NULL DEFAULT '', dateline TEXT NOT NULL DEFAULT '{}',
  links TEXT NOT NULL DEFAULT '[]', places TEXT NOT NULL DEFAULT '[]',
  content_hash INTEGER NOT NULL DEFAULT 0, story_id INTEGER REFERENCES stories(id),
  signature BLOB);
CREATE INDEX articles_hash ON articles(content_hash) WHERE content_hash != 0;
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_outlet ON articles(outlet_id);
CREATE INDEX articles_url ON articles(url);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TABLE attributions(
  id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  data TEXT NOT NULL);
CREATE INDEX attributions_article ON attributions(article_id);
CREATE TABLE reuse(
  source_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  copy_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  class TEXT NOT NULL, copy_in_source REAL NOT NULL, source_in_copy REAL NOT NULL,
  longest_chars INTEGER NOT NULL, longest_text TEXT NOT NULL, upstream TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(source_id, copy_id));
CREATE INDEX reuse_copy ON reuse(copy_id);
CREATE TABLE story_events(
  id INTEGER PRIMARY KEY, story_id INTEGER NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '');
CREATE TABLE blobs(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE watches(
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, created INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT '{}', webhook TEXT NOT NULL DEFAULT '');
CREATE TABLE alerts(
  id INTEGER PRIMARY KEY, watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
  story_id INTEGER NOT NULL, what TEXT NOT NULL, from_value TEXT NOT NULL, to_value TEXT NOT NULL,
  at INTEGER NOT NULL, evidence TEXT NOT NULL DEFAULT '[]');
)sql",
    // 1 -> 2: feeds followed by `headwater feeds add` / `feeds poll`.
    R"sql(
CREATE TABLE feeds(
  id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '', last_modified TEXT NOT NULL DEFAULT '',
  last_polled INTEGER NOT NULL DEFAULT 0, next_poll INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '');
)sql",
    // 2 -> 3: API tokens of `headwater serve` (only a SHA-256 of each token is kept).
    R"sql(
CREATE TABLE api_tokens(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL UNIQUE,
  created INTEGER NOT NULL);
)sql",
    // 3 -> 4: article text, story reports and attributions compressed with zstd dictionaries
    // trained on the store's own rows (store/text_codec.h, table text_dicts: one dictionary per
    // kind; old plain or "\0hwz"-packed rows still read), and the FTS index without token
    // positions or columns (detail=none: every query the CLI and server make is a set of single
    // quoted words, FtsQueryForText; on the 10k bench corpus the index is 1.7 MB against 3.8 MB
    // with detail=column and 6.5 MB with positions) over a view that decodes the text, so bm25()
    // and snippet() see the plain text and give the same results (they tokenize each matching
    // row again to find its hits). The index is rebuilt from the stored articles. hw_text() is
    // the function each connection registers.
    R"sql(
CREATE TABLE text_dicts(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, dict BLOB NOT NULL,
  created INTEGER NOT NULL);
DROP TRIGGER IF EXISTS articles_ai;
DROP TRIGGER IF EXISTS articles_ad;
DROP TABLE articles_fts;
CREATE VIEW articles_text AS SELECT id, title, hw_text(text) AS text FROM articles;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles_text',
  content_rowid='id', detail=none, tokenize='unicode61 remove_diacritics 2');
INSERT INTO articles_fts(articles_fts) VALUES('rebuild');
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, hw_text(old.text));
END;
)sql",
    // 4 -> 5: story events name their article by id (store/row_codec.h): the table becomes
    // story_log with the article's id, the assignment score and the new-story flag in columns
    // (detail '' for such rows), and story_events is a view giving every row's detail as it was
    // written (the URL, or the JSON object {"new","score","url"}), so readers of the old table
    // keep working. Rows written before keep their detail text. Story counts are kept as code
    // strings ("=a0b14…") by the store's writes from now on; no rewrite of old rows here.
    R"sql(
ALTER TABLE story_events RENAME TO story_log;
ALTER TABLE story_log ADD COLUMN article_id INTEGER;
ALTER TABLE story_log ADD COLUMN score REAL;
ALTER TABLE story_log ADD COLUMN is_new INTEGER;
CREATE VIEW story_events AS
  SELECT e.id AS id, e.story_id AS story_id, e.at AS at, e.kind AS kind,
         CASE WHEN e.article_id IS NULL THEN e.detail
              WHEN e.kind = 'assigned' THEN json_object(
                  'new', json(iif(e.is_new, 'true', 'false')), 'score', e.score,
                  'url', a.canonical_url)
              ELSE a.canonical_url END AS detail
  FROM story_log e LEFT JOIN articles a ON a.id = e.article_id;
)sql",
};
constexpr int kSchemaVersion = sizeof(kMigrations) / sizeof(kMigrations[0]);

json ToJson(const std::vector<std::string>& v) { return json(v); }

std::vector<std::string> StrList(const std::string& s) {
  std::vector<std::string> out;
  json j = json::parse(s, nullptr, false);
  if (j.is_array())
    for (auto& e : j)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

json SpansJson(const std::vector<Span>& spans) {
  json a = json::array();
  for (const Span& s : spans) a.push_back({s.begin, s.end});
  return a;
}

std::vector<Span> SpansFrom(const json& j) {
  std::vector<Span> out;
  if (!j.is_array()) return out;
  for (auto& p : j)
    if (p.is_array() && p.size() == 2) out.push_back({p[0].get<uint32_t>(), p[1].get<uint32_t>()});
  return out;
}

json AttributionToJson(const Attribution& a) {
  return {{"cue", SpansJson(a.cue)},
            {"source", SpansJson(a.source)},
            {"content", SpansJson(a.content)},
            {"cue_text", a.cue_text},
            {"source_text", a.source_text},
            {"content_text", a.content_text},
            {"kind", SourceKindName(a.source_kind)},
            {"outlet_id", a.outlet_id},
            {"outlet", a.outlet_name},
            {"person", a.person},
            {"role", a.role},
            {"anonymous", a.anonymous},
            {"anonymous_reason", a.anonymous_reason},
            {"stance", StanceName(a.stance)},
            {"self_citation", a.self_citation},
            {"link", a.link}};
}

Attribution AttributionFromJson(const json& j) {
  Attribution a;
  if (!j.is_object()) return a;
  a.cue = SpansFrom(j.value("cue", json()));
  a.source = SpansFrom(j.value("source", json()));
  a.content = SpansFrom(j.value("content", json()));
  a.cue_text = j.value("cue_text", "");
  a.source_text = j.value("source_text", "");
  a.content_text = j.value("content_text", "");
  std::string kind = j.value("kind", "none");
  for (SourceKind k : {SourceKind::kOutlet, SourceKind::kPerson, SourceKind::kOfficial,
                       SourceKind::kAnonymous, SourceKind::kDocument, SourceKind::kNone})
    if (kind == SourceKindName(k)) a.source_kind = k;
  a.outlet_id = j.value("outlet_id", int64_t{0});
  a.outlet_name = j.value("outlet", "");
  a.person = j.value("person", "");
  a.role = j.value("role", "");
  a.anonymous = j.value("anonymous", false);
  a.anonymous_reason = j.value("anonymous_reason", "");
  a.stance = j.value("stance", "asserts") == "denies" ? Stance::kDenies : Stance::kAsserts;
  a.self_citation = j.value("self_citation", false);
  a.link = j.value("link", "");
  return a;
}

std::string DatelineToJson(const Dateline& d) {
  if (d.empty()) return "{}";
  return json{{"text", d.text}, {"place", d.place}, {"country", d.country}, {"credit", d.credit},
              {"begin", d.begin}, {"end", d.end}}
      .dump();
}

Dateline DatelineFromJson(const std::string& s) {
  Dateline d;
  json j = json::parse(s, nullptr, false);
  if (!j.is_object()) return d;
  d.text = j.value("text", "");
  d.place = j.value("place", "");
  d.country = j.value("country", "");
  d.credit = j.value("credit", "");
  d.begin = j.value("begin", 0u);
  d.end = j.value("end", 0u);
  return d;
}

// Places as a JSON array of [name, country, admin1, lat, lon, mentions] rows (schema 4; a third
// of the size of the objects with keys that earlier stores hold, which still read).
std::string PlacesToJson(const std::vector<PlaceMention>& places) {
  json a = json::array();
  for (const PlaceMention& p : places)
    a.push_back(json::array({p.name, p.country, p.admin1, p.lat, p.lon, p.mentions}));
  return a.dump();
}

std::vector<PlaceMention> PlacesFromJson(const std::string& s) {
  std::vector<PlaceMention> out;
  json j = json::parse(s, nullptr, false);
  if (!j.is_array()) return out;
  for (auto& e : j) {
    PlaceMention p;
    if (e.is_array() && e.size() == 6 && e[0].is_string() && e[1].is_string() && e[2].is_string() &&
        e[3].is_number() && e[4].is_number() && e[5].is_number()) {
      p.name = e[0].get<std::string>();
      p.country = e[1].get<std::string>();
      p.admin1 = e[2].get<std::string>();
      p.lat = e[3].get<double>();
      p.lon = e[4].get<double>();
      p.mentions = e[5].get<int>();
      out.push_back(std::move(p));
      continue;
    }
    if (!e.is_object()) continue;
    p.name = e.value("name", "");
    p.country = e.value("country", "");
    p.admin1 = e.value("admin1", "");
    p.lat = e.value("lat", 0.0);
    p.lon = e.value("lon", 0.0);
    p.mentions = e.value("mentions", 0);
    out.push_back(std::move(p));
  }
  return out;
}

constexpr const char* kArticleColumns =
    "a.id, a.url, a.canonical_url, a.outlet_id, o.name, a.title, a.text, a.lang, "
    "a.lang_confidence, a.published, a.ingested, a.byline, a.dateline, a.links, a.places, "
    "a.content_hash, a.story_id";

// The article of a row selected with kArticleColumns; Corruption when its text does not decode.
StatusOr<Article> ReadArticle(const Stmt& s, TextCodec& codec, TextCodec& places) {
  Article a;
  a.id = s.Int(0);
  a.canonical_url = s.Text(2);
  a.url = s.Text(1);
  if (a.url.empty()) a.url = a.canonical_url;  // schema 4 keeps "" when the two are equal
  a.outlet_id = s.Int(3);
  a.outlet_name = s.Text(4);
  a.title = s.Text(5);
  HW_ASSIGN_OR_RETURN(a.text, codec.Decode(s.Text(6)));
  a.lang = s.Text(7);
  a.lang_confidence = s.Double(8);
  if (!s.IsNull(9)) a.published = s.Int(9);
  a.ingested = s.Int(10);
  a.byline = s.Text(11);
  a.dateline = DatelineFromJson(s.Text(12));
  a.links = StrList(s.Text(13));
  HW_ASSIGN_OR_RETURN(std::string places_json, places.Decode(s.Text(14)));
  a.places = PlacesFromJson(places_json);
  a.content_hash = static_cast<uint64_t>(s.Int(15));
  a.story_id = s.IsNull(16) ? 0 : s.Int(16);
  return a;
}

constexpr const char* kStoryColumns =
    "id, title, country, status, first_seen, last_seen, merged_into, key_terms, verdict, policy, "
    "counts, report, updated";

// The story of a row selected with kStoryColumns; Corruption when its report does not decode.
StatusOr<StoryRecord> ReadStory(const Stmt& s, TextCodec& reports) {
  StoryRecord r;
  r.story.id = s.Int(0);
  r.story.title = s.Text(1);
  r.story.country = s.Text(2);
  std::string status = s.Text(3);
  r.story.status = status == "dormant" ? StoryStatus::kDormant
                   : status == "merged" ? StoryStatus::kMerged
                                        : StoryStatus::kActive;
  r.story.first_seen = s.Int(4);
  r.story.last_seen = s.Int(5);
  r.story.merged_into = s.Int(6);
  r.story.key_terms = StrList(s.Text(7));
  r.verdict = s.Text(8);
  r.policy = s.Text(9);
  r.counts_json = DecodeCounts(s.Text(10));
  HW_ASSIGN_OR_RETURN(r.report_json, reports.Decode(s.Text(11)));
  r.updated = s.Int(12);
  return r;
}

Outlet ReadOutlet(const Stmt& s) {
  Outlet o;
  o.id = s.Int(0);
  o.name = s.Text(1);
  o.aliases = StrList(s.Text(2));
  o.domains = StrList(s.Text(3));
  o.country = s.Text(4);
  o.languages = StrList(s.Text(5));
  o.kind = ParseOutletKind(s.Text(6)).value_or(OutletKind::kUnknown);
  o.owner_group = s.Text(7);
  o.verified = s.Int(8) != 0;
  return o;
}

// The columns kept with a trained dictionary (index into SqliteStore::coded_).
enum class Kind { kText = 0, kReport = 1, kAttributions = 2, kPlaces = 3 };

// Story reports are re-encoded every time a batch touches their story, so at level 1 (see
// PackOptions); with the dictionary they pack to about half of what level 1 alone gives
// (measured on the 10k bench store's reports: 1.60 MB -> 0.82 MB for 1,500 of them).
// An article's places (schema 5): ~90 bytes of JSON rows repeating the same place names, which
// a small dictionary packs to about a third (on the 10k bench corpus 0.92 MB of places -> see
// docs/BENCHMARKS.md); the store's first thousand non-trivial values are enough to train it.
TextCodecOptions PlacesCodecOptions() {
  TextCodecOptions o;
  o.min_bytes = 48;
  o.dict_bytes = 16 * 1024;
  o.train_min_total_bytes = 32 * 1024;
  return o;
}

TextCodecOptions ReportCodecOptions() {
  TextCodecOptions o;
  o.level = 1;
  o.min_bytes = 96;
  return o;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    stmts_.Clear();
    sqlite3_close_v2(db_);
  }

  Status Init(const StoreOptions& options) {
    options_ = options;
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
    // hw_text(stored) -> the article text (the FTS content view and the delete trigger use it).
    int rc = sqlite3_create_function_v2(db_, "hw_text", 1,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, this,
                                        &SqliteStore::HwText, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
      return Status::Internal("cannot register hw_text(): " + std::string(sqlite3_errmsg(db_)));
    for (Coded& c : coded_) c.codec->SetLoader([this](uint32_t id) { return LoadDictionary(id); });
    HW_RETURN_IF_ERROR(Exec(db_, "PRAGMA foreign_keys=ON"));
    if (!options.read_only) {
      HW_RETURN_IF_ERROR(Exec(db_, "PRAGMA journal_mode=WAL"));
      HW_RETURN_IF_ERROR(Exec(db_, "PRAGMA synchronous=NORMAL"));
    }
    // (In a block: a statement still open would lock the tables migration 4 drops.)
    bool has_version = false;
    {
      Stmt check(&stmts_, db_, "SELECT count(*) FROM sqlite_master WHERE name='schema_version'");
      if (!check.Step()) return check.status();
      has_version = check.Int(0) > 0;
    }
    if (!has_version) {
      if (options.read_only) return Status::InvalidArgument("not a Headwater store (no schema)");
      Stmt any(&stmts_, db_, "SELECT count(*) FROM sqlite_master");
      if (!any.Step()) return any.status();
      if (any.Int(0) > 0)
        return Status::InvalidArgument(
            "the file is an SQLite database but not a Headwater store (no schema_version table)");
      HW_RETURN_IF_ERROR(Exec(db_, "CREATE TABLE schema_version(version INTEGER NOT NULL);"
                                   "INSERT INTO schema_version VALUES(0)"));
    }
    int version = SchemaVersion();
    if (version > kSchemaVersion)
      return Status::InvalidArgument("store schema version " + std::to_string(version) +
                                     " is newer than this binary understands (" +
                                     std::to_string(kSchemaVersion) + ")");
    for (int v = version; v < kSchemaVersion; ++v) {
      if (options.read_only) return Status::InvalidArgument("store needs a migration; open it writable");
      HW_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
      Status s = Exec(db_, kMigrations[v]);
      if (s.ok()) s = Exec(db_, "UPDATE schema_version SET version=" + std::to_string(v + 1));
      if (!s.ok()) {
        (void)Exec(db_, "ROLLBACK");
        return Status::Internal("migration to schema " + std::to_string(v + 1) + ": " + s.message());
      }
      HW_RETURN_IF_ERROR(Exec(db_, "COMMIT"));
    }
    return LoadDictionaries();
  }

  // The SQL function hw_text(x): x decoded by the store's codec (NULL stays NULL).
  static void HwText(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
      sqlite3_result_null(ctx);
      return;
    }
    auto* self = static_cast<SqliteStore*>(sqlite3_user_data(ctx));
    const void* p = sqlite3_value_blob(argv[0]);
    std::string_view stored(static_cast<const char*>(p),
                            static_cast<size_t>(sqlite3_value_bytes(argv[0])));
    auto text = self->text_codec_.Decode(stored);
    if (!text.ok()) {
      sqlite3_result_error(ctx, text.status().message().c_str(), -1);
      return;
    }
    sqlite3_result_text64(ctx, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }

  // Loads every dictionary of the file into the codec of its kind (fresh codecs when one was
  // trained in a batch that was rolled back).
  Status LoadDictionaries() {
    if (!HasTable("text_dicts")) return Status::Ok();
    Stmt s(&stmts_, db_, "SELECT id, kind, dict FROM text_dicts ORDER BY id");
    while (s.Step()) {
      std::string kind = s.Text(1);
      for (Coded& c : coded_)
        if (kind == c.kind)
          HW_RETURN_IF_ERROR(c.codec->AddDictionary(static_cast<uint32_t>(s.Int(0)), s.Text(2)));
    }
    return s.status();
  }

  StatusOr<std::string> LoadDictionary(uint32_t id) {
    Stmt s(&stmts_, db_, "SELECT dict FROM text_dicts WHERE id=?1");
    s.Bind(1, int64_t{id});
    if (s.Step()) return s.Text(0);
    HW_RETURN_IF_ERROR(s.status());
    return Status::NotFound("no text dictionary " + std::to_string(id));
  }

  bool HasTable(const char* name) {
    Stmt s(&stmts_, db_, "SELECT count(*) FROM sqlite_master WHERE name=?1");
    s.Bind(1, std::string_view(name));
    return s.Step() && s.Int(0) > 0;
  }

  // Once `pending` values of a kind were stored without a dictionary (the codec's
  // train_samples): trains one on the kind's most recent rows (inside the caller's
  // transaction), stores it and re-encodes those rows with it. Nothing happens when another
  // connection has stored a dictionary of the kind meanwhile (it is loaded instead) or the
  // samples are too small to train on.
  Status MaybeTrainDictionary(Kind kind) {
    Coded& c = coded_[static_cast<int>(kind)];
    const TextCodecOptions& o = c.codec->options();
    if (c.codec->has_dictionary() || c.pending < o.train_samples) return Status::Ok();
    c.pending = 0;
    HW_RETURN_IF_ERROR(LoadDictionaries());
    if (c.codec->has_dictionary()) return Status::Ok();
    std::vector<std::pair<int64_t, std::string>> samples;
    size_t total = 0;
    {
      Stmt s(&stmts_, db_, c.sample_sql);
      s.Bind(1, static_cast<int64_t>(o.train_samples));
      while (s.Step()) {
        std::string stored = s.Text(1);
        if (TextCodec::IsDictEncoded(stored)) continue;
        HW_ASSIGN_OR_RETURN(std::string raw, c.codec->Decode(stored));
        total += raw.size();
        samples.emplace_back(s.Int(0), std::move(raw));
      }
      HW_RETURN_IF_ERROR(s.status());
    }
    if (total < o.train_min_total_bytes) return Status::Ok();
    std::vector<std::string> texts;
    texts.reserve(samples.size());
    for (auto& [id, raw] : samples) texts.push_back(raw);
    auto dict = TextCodec::Train(texts, o.dict_bytes);
    if (!dict.ok()) return Status::Ok();  // values zstd cannot learn from: stay without one
    Stmt ins(
        &stmts_, db_,
        "INSERT INTO text_dicts(id, kind, dict, created) "
        "VALUES((SELECT coalesce(max(id), 0) + 1 FROM text_dicts), ?1, ?2, strftime('%s','now'))");
    ins.Bind(1, std::string_view(c.kind)).BindBlob(2, *dict);
    HW_RETURN_IF_ERROR(ins.Run());
    HW_RETURN_IF_ERROR(
        c.codec->AddDictionary(static_cast<uint32_t>(sqlite3_last_insert_rowid(db_)), *dict));
    dict_trained_in_batch_ = true;
    for (auto& [id, raw] : samples) {
      Stmt up(&stmts_, db_, c.update_sql);
      up.Bind(1, id);
      BindCoded(up, 2, kind, raw);
      HW_RETURN_IF_ERROR(up.Run());
    }
    return Status::Ok();
  }

  // Binds a value as the kind's codec encodes it (a BLOB when encoded, TEXT when kept raw) and
  // counts it toward training the kind's dictionary.
  void BindCoded(Stmt& s, int i, Kind kind, std::string_view raw) {
    Coded& c = coded_[static_cast<int>(kind)];
    if (!c.codec->has_dictionary() && raw.size() >= c.codec->options().min_bytes) ++c.pending;
    std::string v = c.codec->Encode(raw);
    if (v.size() == raw.size() && v == raw)
      s.Bind(i, raw);
    else
      s.BindBlob(i, v);
  }

  int SchemaVersion() override {
    Stmt s(&stmts_, db_, "SELECT version FROM schema_version");
    return s.Step() ? static_cast<int>(s.Int(0)) : 0;
  }

  Status Begin() override {
    dict_trained_in_batch_ = false;
    return Exec(db_, "BEGIN IMMEDIATE");
  }
  Status Commit() override {
    dict_trained_in_batch_ = false;
    HW_RETURN_IF_ERROR(FlushFts());
    return Exec(db_, "COMMIT");
  }
  Status Rollback() override {
    fts_pending_.clear();
    if (sqlite3_get_autocommit(db_)) return Status::Ok();
    HW_RETURN_IF_ERROR(Exec(db_, "ROLLBACK"));
    if (dict_trained_in_batch_) {  // the dictionary is gone with the batch: forget it too
      dict_trained_in_batch_ = false;
      for (Coded& c : coded_) c.codec->Clear();
      return LoadDictionaries();
    }
    return Status::Ok();
  }
  Status BeginRead() override {
    HW_RETURN_IF_ERROR(Exec(db_, "BEGIN DEFERRED"));
    // The snapshot starts at the first read; take it now so the transaction's reads agree.
    Stmt s(&stmts_, db_, "SELECT 1 FROM schema_version");
    s.Step();
    return s.status();
  }
  StatusOr<int64_t> DataVersion() override {
    Stmt s(&stmts_, db_, "PRAGMA data_version");
    if (s.Step()) return s.Int(0);
    return s.status();
  }
  Status EndRead() override {
    if (sqlite3_get_autocommit(db_)) return Status::Ok();
    return Exec(db_, "COMMIT");
  }

  StatusOr<OutletId> UpsertOutlet(const Outlet& o) override {
    Stmt find(&stmts_, db_, "SELECT id, verified FROM outlets WHERE name=?1");
    find.Bind(1, o.name);
    if (find.Step()) {
      OutletId id = find.Int(0);
      bool verified = find.Int(1) != 0;
      if (!o.verified && verified) return id;  // never downgrade a registry record
      Stmt up(&stmts_, db_,
              "UPDATE outlets SET aliases=?2, domains=?3, country=?4, languages=?5, kind=?6, "
              "owner_group=?7, verified=?8 WHERE id=?1");
      up.Bind(1, id).Bind(2, ToJson(o.aliases).dump()).Bind(3, ToJson(o.domains).dump());
      up.Bind(4, o.country).Bind(5, ToJson(o.languages).dump()).Bind(6, OutletKindName(o.kind));
      up.Bind(7, o.owner_group).Bind(8, int64_t{o.verified});
      HW_RETURN_IF_ERROR(up.Run());
      return id;
    }
    HW_RETURN_IF_ERROR(find.status());
    Stmt ins(&stmts_, db_,
             "INSERT INTO outlets(name, aliases, domains, country, languages, kind, owner_group, "
             "verified) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    ins.Bind(1, o.name).Bind(2, ToJson(o.aliases).dump()).Bind(3, ToJson(o.domains).dump());
    ins.Bind(4, o.country).Bind(5, ToJson(o.languages).dump()).Bind(6, OutletKindName(o.kind));
    ins.Bind(7, o.owner_group).Bind(8, int64_t{o.verified});
    HW_RETURN_IF_ERROR(ins.Run());
    return static_cast<OutletId>(sqlite3_last_insert_rowid(db_));
  }

  StatusOr<std::vector<Outlet>> ListOutlets() override {
    Stmt s(&stmts_, db_,
           "SELECT id, name, aliases, domains, country, languages, kind, owner_group, verified "
           "FROM outlets ORDER BY id");
    std::vector<Outlet> out;
    while (s.Step()) out.push_back(ReadOutlet(s));
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  Status Compact() override {
    if (!sqlite3_get_autocommit(db_)) return Status::InvalidArgument("Compact inside a batch");
    HW_RETURN_IF_ERROR(Exec(db_, "INSERT INTO articles_fts(articles_fts) VALUES('optimize')"));
    stmts_.Clear();  // VACUUM refuses to run beside prepared statements that are not reset
    HW_RETURN_IF_ERROR(Exec(db_, "VACUUM"));
    return Exec(db_, "PRAGMA wal_checkpoint(TRUNCATE)");
  }

  StatusOr<bool> MaybeCompact(int64_t articles_added) override {
    if (articles_added < options_.compact_min_articles) return false;
    HW_ASSIGN_OR_RETURN(int64_t total, CountArticles());
    if (static_cast<double>(articles_added) <
        options_.compact_min_share * static_cast<double>(total))
      return false;
    HW_RETURN_IF_ERROR(Compact());
    return true;
  }

  StatusOr<ArticleId> InsertArticle(const Article& a) override {
    Stmt s(&stmts_, db_,
           "INSERT INTO articles(url, canonical_url, outlet_id, title, text, lang, "
           "lang_confidence, published, ingested, byline, dateline, links, places, content_hash, "
           "story_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)");
    // The URL as given is kept only when it differs from the canonical one (most articles:
    // it would repeat the canonical URL in the row and in the articles_url index).
    s.Bind(1, a.url == a.canonical_url ? std::string_view("") : std::string_view(a.url));
    s.Bind(2, a.canonical_url).Bind(3, a.outlet_id).Bind(4, a.title);
    BindCoded(s, 5, Kind::kText, a.text);
    s.Bind(6, a.lang).Bind(7, a.lang_confidence);
    if (a.published) s.Bind(8, *a.published);
    else s.BindNull(8);
    s.Bind(9, a.ingested).Bind(10, a.byline).Bind(11, DatelineToJson(a.dateline));
    s.Bind(12, ToJson(a.links).dump());
    BindCoded(s, 13, Kind::kPlaces, PlacesToJson(a.places));
    s.Bind(14, static_cast<int64_t>(a.content_hash));
    if (a.story_id) s.Bind(15, a.story_id);
    else s.BindNull(15);
    HW_RETURN_IF_ERROR(s.Run());
    auto id = static_cast<ArticleId>(sqlite3_last_insert_rowid(db_));
    // The index is fed the plain text rather than by a trigger (which would decode it). Inside
    // a transaction the rows wait for Commit (FlushFts).
    fts_pending_.push_back(FtsRow{id, a.title, a.text});
    if (sqlite3_get_autocommit(db_)) HW_RETURN_IF_ERROR(FlushFts());
    HW_RETURN_IF_ERROR(MaybeTrainDictionary(Kind::kText));
    HW_RETURN_IF_ERROR(MaybeTrainDictionary(Kind::kPlaces));
    return id;
  }

  // Adds the articles inserted since the last flush to the FTS5 index, one after the other.
  // Why they wait: FTS5 writes the terms it holds in memory out as a new index segment at every
  // statement savepoint, so each article's UPDATEs after its insert cost a segment write and
  // its merges (~7% of the 10k ingest); added together at commit, a batch makes one segment.
  // Called by Commit and before every FTS5 query; the index holds the same rows either way.
  Status FlushFts() {
    if (fts_pending_.empty()) return Status::Ok();
    for (const FtsRow& r : fts_pending_) {
      Stmt fts(&stmts_, db_, "INSERT INTO articles_fts(rowid, title, text) VALUES(?1, ?2, ?3)");
      fts.Bind(1, r.id).Bind(2, r.title).Bind(3, r.text);
      HW_RETURN_IF_ERROR(fts.Run());
    }
    fts_pending_.clear();
    return Status::Ok();
  }

  StatusOr<std::optional<ArticleId>> FindDuplicate(const std::string& canonical_url,
                                                   uint64_t content_hash) override {
    Stmt s(&stmts_, db_, "SELECT id FROM articles WHERE canonical_url=?1 LIMIT 1");
    s.Bind(1, canonical_url);
    if (s.Step()) return std::optional<ArticleId>(s.Int(0));
    HW_RETURN_IF_ERROR(s.status());
    if (content_hash != 0) {
      Stmt h(&stmts_, db_, "SELECT id FROM articles WHERE content_hash=?1 AND content_hash != 0 LIMIT 1");
      h.Bind(1, static_cast<int64_t>(content_hash));
      if (h.Step()) return std::optional<ArticleId>(h.Int(0));
      HW_RETURN_IF_ERROR(h.status());
    }
    return std::optional<ArticleId>();
  }

  StatusOr<std::optional<ArticleId>> FindByUrl(const std::string& url) override {
    if (url.empty()) return std::optional<ArticleId>();
    Stmt s(&stmts_, db_, "SELECT id FROM articles WHERE canonical_url=?1 OR url=?1 LIMIT 1");
    s.Bind(1, url);
    if (s.Step()) return std::optional<ArticleId>(s.Int(0));
    HW_RETURN_IF_ERROR(s.status());
    return std::optional<ArticleId>();
  }

  StatusOr<Article> GetArticle(ArticleId id) override {
    Stmt s(&stmts_, db_, std::string("SELECT ") + kArticleColumns +
                    " FROM articles a JOIN outlets o ON o.id=a.outlet_id WHERE a.id=?1");
    s.Bind(1, id);
    if (s.Step()) return ReadArticle(s, text_codec_, places_codec_);
    HW_RETURN_IF_ERROR(s.status());
    return Status::NotFound("no article with id " + std::to_string(id));
  }

  StatusOr<std::vector<Article>> ArticlesOfStory(StoryId id) override {
    Stmt s(&stmts_, db_, std::string("SELECT ") + kArticleColumns +
                    " FROM articles a JOIN outlets o ON o.id=a.outlet_id WHERE a.story_id=?1 "
                    "ORDER BY coalesce(a.published, a.ingested), a.id");
    s.Bind(1, id);
    std::vector<Article> out;
    while (s.Step()) {
      HW_ASSIGN_OR_RETURN(Article a, ReadArticle(s, text_codec_, places_codec_));
      out.push_back(std::move(a));
    }
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  Status SetArticleStory(ArticleId article, StoryId story) override {
    Stmt s(&stmts_, db_, "UPDATE articles SET story_id=?2 WHERE id=?1");
    s.Bind(1, article).Bind(2, story);
    return s.Run();
  }

  Status SetSignature(ArticleId article, const std::string& bytes) override {
    Stmt s(&stmts_, db_, "UPDATE articles SET signature=?2 WHERE id=?1");
    s.Bind(1, article).BindBlob(2, bytes);
    return s.Run();
  }

  StatusOr<std::vector<std::pair<ArticleId, std::string>>> Signatures() override {
    Stmt s(&stmts_, db_, "SELECT id, signature FROM articles WHERE signature IS NOT NULL ORDER BY id");
    std::vector<std::pair<ArticleId, std::string>> out;
    while (s.Step()) out.emplace_back(s.Int(0), s.Text(1));
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  StatusOr<int64_t> CountArticles() override {
    Stmt s(&stmts_, db_, "SELECT count(*) FROM articles");
    if (s.Step()) return s.Int(0);
    return s.status();
  }

  Status InsertAttributions(ArticleId article, const std::vector<Attribution>& list) override {
    // One row per call: a packed JSON array of the article's attributions (the keys repeat, so
    // the array compresses far better than rows of one object each, as stores before 2026-11
    // kept them; both forms read).
    if (list.empty()) return Status::Ok();
    json arr = json::array();
    for (const Attribution& a : list) arr.push_back(AttributionToJson(a));
    Stmt one(&stmts_, db_, "INSERT INTO attributions(article_id, data) VALUES(?1, ?2)");
    one.Bind(1, article);
    BindCoded(one, 2, Kind::kAttributions, arr.dump());
    HW_RETURN_IF_ERROR(one.Run());
    return MaybeTrainDictionary(Kind::kAttributions);
  }

  StatusOr<std::vector<Attribution>> AttributionsOf(ArticleId article) override {
    Stmt s(&stmts_, db_, "SELECT data FROM attributions WHERE article_id=?1 ORDER BY id");
    s.Bind(1, article);
    std::vector<Attribution> out;
    while (s.Step()) {
      HW_ASSIGN_OR_RETURN(std::string data, attr_codec_.Decode(s.Text(0)));
      json j = json::parse(data, nullptr, false);
      if (j.is_array()) {
        for (const json& e : j) out.push_back(AttributionFromJson(e));
      } else {
        out.push_back(AttributionFromJson(j));
      }
    }
    for (Attribution& a : out) a.article_id = article;
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  Status InsertReuse(const ReuseEdge& e, const std::string& upstream) override {
    Stmt s(&stmts_, db_,
           "INSERT OR REPLACE INTO reuse(source_id, copy_id, class, copy_in_source, "
           "source_in_copy, longest_chars, longest_text, upstream) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
    s.Bind(1, e.source_id).Bind(2, e.copy_id).Bind(3, ReuseClassName(e.cls));
    s.Bind(4, e.copy_in_source).Bind(5, e.source_in_copy).Bind(6, int64_t{e.longest_chars});
    // The passage is a piece of the copy's text: kept as a reference to it when found there
    // (schema 5, row_codec.h), else as text the text dictionary packs (rows packed without one,
    // as before schema 4, still read).
    std::optional<std::string> ref;
    if (e.longest_text.size() >= kMinPassageRefBytes) {
      HW_ASSIGN_OR_RETURN(std::optional<std::string> copy_text, StoredText(e.copy_id));
      if (copy_text) ref = EncodePassageRef(*copy_text, e.longest_text);
    }
    if (ref) s.BindBlob(7, *ref);
    else BindCoded(s, 7, Kind::kText, e.longest_text);
    s.Bind(8, upstream);
    return s.Run();
  }

  // The text of an article, decoded; nullopt when there is no such article.
  StatusOr<std::optional<std::string>> StoredText(ArticleId id) {
    Stmt s(&stmts_, db_, "SELECT text FROM articles WHERE id=?1");
    s.Bind(1, id);
    if (s.Step()) {
      HW_ASSIGN_OR_RETURN(std::string text, text_codec_.Decode(s.Text(0)));
      return std::optional<std::string>(std::move(text));
    }
    HW_RETURN_IF_ERROR(s.status());
    return std::optional<std::string>();
  }

  ReuseEdge ReadEdge(const Stmt& s) {
    ReuseEdge e;
    e.source_id = s.Int(0);
    e.copy_id = s.Int(1);
    e.cls = ParseReuseClass(s.Text(2)).value_or(ReuseClass::kNone);
    e.copy_in_source = s.Double(3);
    e.source_in_copy = s.Double(4);
    e.longest_chars = static_cast<uint32_t>(s.Int(5));
    // A passage that does not decode (its dictionary lost) reads as "" rather than failing the
    // edge: it is shown, never computed with.
    std::string stored = s.Text(6);
    if (IsPassageRef(stored)) {
      auto copy_text = StoredText(e.copy_id);
      e.longest_text = copy_text.ok() && copy_text->has_value()
                           ? DecodePassageRef(**copy_text, stored).value_or(std::string())
                           : std::string();
      return e;
    }
    auto passage = text_codec_.Decode(stored);
    e.longest_text = passage.ok() ? std::move(passage).value() : std::string();
    return e;
  }

  StatusOr<std::vector<ReuseEdge>> ReuseOf(ArticleId article) override {
    Stmt s(&stmts_, db_,
           "SELECT source_id, copy_id, class, copy_in_source, source_in_copy, longest_chars, "
           "longest_text, upstream FROM reuse WHERE source_id=?1 OR copy_id=?1");
    s.Bind(1, article);
    std::vector<ReuseEdge> out;
    while (s.Step()) out.push_back(ReadEdge(s));
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  StatusOr<std::vector<std::pair<ReuseEdge, std::string>>> ListReuse(ReuseClass min_class) override {
    std::string where = min_class == ReuseClass::kWhole ? "WHERE class='whole'"
                        : min_class == ReuseClass::kPartial ? "WHERE class IN ('whole','partial')"
                                                            : "";
    Stmt s(&stmts_, db_,
           "SELECT source_id, copy_id, class, copy_in_source, source_in_copy, longest_chars, "
           "longest_text, upstream FROM reuse " + where + " ORDER BY source_id, copy_id");
    std::vector<std::pair<ReuseEdge, std::string>> out;
    while (s.Step()) out.emplace_back(ReadEdge(s), s.Text(7));
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  Status UpsertStory(const StoryRecord& r) override {
    Stmt s(&stmts_, db_,
           "INSERT INTO stories(id, title, country, status, first_seen, last_seen, merged_into, "
           "key_terms, verdict, policy, counts, report, updated) "
           "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13) ON CONFLICT(id) DO UPDATE SET "
           "title=excluded.title, country=excluded.country, status=excluded.status, "
           "first_seen=excluded.first_seen, last_seen=excluded.last_seen, "
           "merged_into=excluded.merged_into, key_terms=excluded.key_terms, "
           "verdict=excluded.verdict, policy=excluded.policy, counts=excluded.counts, "
           "report=excluded.report, updated=excluded.updated");
    s.Bind(1, r.story.id).Bind(2, r.story.title).Bind(3, r.story.country);
    s.Bind(4, StoryStatusName(r.story.status)).Bind(5, r.story.first_seen);
    s.Bind(6, r.story.last_seen).Bind(7, r.story.merged_into);
    s.Bind(8, ToJson(r.story.key_terms).dump()).Bind(9, r.verdict).Bind(10, r.policy);
    std::string counts = r.counts_json.empty() ? std::string("{}") : r.counts_json;
    s.Bind(11, EncodeCounts(counts).value_or(counts));
    BindCoded(s, 12, Kind::kReport, r.report_json.empty() ? std::string("{}") : r.report_json);
    s.Bind(13, r.updated);
    HW_RETURN_IF_ERROR(s.Run());
    // Values derived from the stories are stale now (store.h): a key range, so one index probe.
    Stmt drop(&stmts_, db_, "DELETE FROM blobs WHERE key >= ?1 AND key < ?2");
    std::string prefix(kStoryDerivedBlobPrefix);
    std::string past = prefix;
    past.back() = static_cast<char>(past.back() + 1);
    drop.Bind(1, prefix).Bind(2, past);
    HW_RETURN_IF_ERROR(drop.Run());
    return MaybeTrainDictionary(Kind::kReport);
  }

  StatusOr<std::optional<StoryRecord>> GetStory(StoryId id) override {
    Stmt s(&stmts_, db_, std::string("SELECT ") + kStoryColumns + " FROM stories WHERE id=?1");
    s.Bind(1, id);
    if (s.Step()) {
      HW_ASSIGN_OR_RETURN(StoryRecord r, ReadStory(s, report_codec_));
      return std::optional<StoryRecord>(std::move(r));
    }
    HW_RETURN_IF_ERROR(s.status());
    return std::optional<StoryRecord>();
  }

  // The WHERE clause of a story filter, with its bindings.
  struct FilterSql {
    std::string where;
    std::vector<std::pair<int, std::string>> text_binds;
    std::vector<std::pair<int, int64_t>> int_binds;
    void BindAll(Stmt& s) const {
      for (auto& [i, v] : text_binds) s.Bind(i, v);
      for (auto& [i, v] : int_binds) s.Bind(i, v);
    }
  };

  static FilterSql StoryWhere(const StoryFilter& f) {
    FilterSql out;
    std::string& sql = out.where;
    sql = " WHERE status != 'merged'";
    int n = 0;
    if (!f.verdict.empty()) {
      sql += " AND verdict=?" + std::to_string(++n);
      out.text_binds.emplace_back(n, f.verdict);
    }
    if (!f.country.empty()) {
      sql += " AND country=?" + std::to_string(++n);
      out.text_binds.emplace_back(n, f.country);
    }
    if (!f.status.empty()) {
      sql += " AND status=?" + std::to_string(++n);
      out.text_binds.emplace_back(n, f.status);
    }
    if (f.since) {
      sql += " AND last_seen>=?" + std::to_string(++n);
      out.int_binds.emplace_back(n, *f.since);
    }
    if (f.until) {
      sql += " AND first_seen<=?" + std::to_string(++n);
      out.int_binds.emplace_back(n, *f.until);
    }
    if (f.outlet) {
      sql += " AND id IN (SELECT story_id FROM articles WHERE outlet_id=?" + std::to_string(++n) + ")";
      out.int_binds.emplace_back(n, f.outlet);
    }
    if (!f.lang.empty()) {
      sql += " AND id IN (SELECT story_id FROM articles WHERE lang=?" + std::to_string(++n) + ")";
      out.text_binds.emplace_back(n, f.lang);
    }
    if (!f.query.empty()) {
      sql += " AND id IN (SELECT a.story_id FROM articles_fts JOIN articles a ON a.id=articles_fts.rowid "
             "WHERE articles_fts MATCH ?" + std::to_string(++n) + ")";
      out.text_binds.emplace_back(n, f.query);
    }
    return out;
  }

  StatusOr<std::vector<StoryRecord>> ListStories(const StoryFilter& f) override {
    if (!f.query.empty()) HW_RETURN_IF_ERROR(FlushFts());
    FilterSql where = StoryWhere(f);
    std::string sql = std::string("SELECT ") + kStoryColumns + " FROM stories" + where.where;
    sql += " ORDER BY last_seen DESC, id DESC";
    if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
    Stmt s(&stmts_, db_, sql);
    where.BindAll(s);
    std::vector<StoryRecord> out;
    while (s.Step()) {
      HW_ASSIGN_OR_RETURN(StoryRecord r, ReadStory(s, report_codec_));
      out.push_back(std::move(r));
    }
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  StatusOr<int64_t> CountStories(const StoryFilter& f) override {
    if (!f.query.empty()) HW_RETURN_IF_ERROR(FlushFts());
    FilterSql where = StoryWhere(f);
    Stmt s(&stmts_, db_, "SELECT count(*) FROM stories" + where.where);
    where.BindAll(s);
    if (s.Step()) return s.Int(0);
    return s.status();
  }

  Status MergeStory(StoryId from, StoryId into, UnixSeconds at, const std::string& why) override {
    Stmt move(&stmts_, db_, "UPDATE articles SET story_id=?2 WHERE story_id=?1");
    move.Bind(1, from).Bind(2, into);
    HW_RETURN_IF_ERROR(move.Run());
    Stmt mark(&stmts_, db_, "UPDATE stories SET status='merged', merged_into=?2 WHERE id=?1");
    mark.Bind(1, from).Bind(2, into);
    HW_RETURN_IF_ERROR(mark.Run());
    HW_RETURN_IF_ERROR(RecordStoryEvent(from, at, "merged-into", std::to_string(into) + " " + why));
    return RecordStoryEvent(into, at, "merged-from", std::to_string(from) + " " + why);
  }

  Status RecordStoryEvent(StoryId id, UnixSeconds at, const std::string& kind,
                          const std::string& detail) override {
    // An event naming a stored article keeps its id, not its URL (schema 5, row_codec.h).
    std::optional<ArticleEventDetail> parts = ParseEventDetail(kind, detail);
    ArticleId article = 0;
    if (parts) {
      Stmt find(&stmts_, db_, "SELECT id FROM articles WHERE canonical_url=?1");
      find.Bind(1, parts->url);
      if (find.Step()) article = find.Int(0);
      HW_RETURN_IF_ERROR(find.status());
    }
    Stmt s(&stmts_, db_,
           "INSERT INTO story_log(story_id, at, kind, detail, article_id, score, is_new) "
           "VALUES(?1,?2,?3,?4,?5,?6,?7)");
    s.Bind(1, id).Bind(2, at).Bind(3, kind);
    if (article == 0) {
      s.Bind(4, detail).BindNull(5).BindNull(6).BindNull(7);
    } else {
      s.Bind(4, std::string_view("")).Bind(5, article);
      if (parts->has_score) s.Bind(6, parts->score).Bind(7, int64_t{parts->is_new});
      else s.BindNull(6).BindNull(7);
    }
    return s.Run();
  }

  StatusOr<std::vector<SearchHit>> Search(const std::string& query, int limit) override {
    HW_RETURN_IF_ERROR(FlushFts());
    Stmt s(&stmts_, db_,
           "SELECT a.id, coalesce(a.story_id, 0), iif(a.url='', a.canonical_url, a.url), a.title, "
           "snippet(articles_fts, 1, '[', ']', '…', 12), o.name, bm25(articles_fts) "
           "FROM articles_fts JOIN articles a ON a.id=articles_fts.rowid "
           "JOIN outlets o ON o.id=a.outlet_id WHERE articles_fts MATCH ?1 "
           "ORDER BY bm25(articles_fts) LIMIT ?2");
    s.Bind(1, query).Bind(2, int64_t{limit});
    std::vector<SearchHit> out;
    while (s.Step()) {
      SearchHit h;
      h.article = s.Int(0);
      h.story = s.Int(1);
      h.url = s.Text(2);
      h.title = s.Text(3);
      h.snippet = s.Text(4);
      h.outlet = s.Text(5);
      h.rank = s.Double(6);
      out.push_back(std::move(h));
    }
    if (!s.status().ok())
      return Status::InvalidArgument("search query `" + query + "`: " + s.status().message());
    return out;
  }

  Status PutBlob(const std::string& key, const std::string& value) override {
    Stmt s(&stmts_, db_, "INSERT OR REPLACE INTO blobs(key, value) VALUES(?1, ?2)");
    s.Bind(1, key).BindBlob(2, Pack(value));
    return s.Run();
  }

  StatusOr<std::optional<std::string>> GetBlob(const std::string& key) override {
    Stmt s(&stmts_, db_, "SELECT value FROM blobs WHERE key=?1");
    s.Bind(1, key);
    if (s.Step()) return std::optional<std::string>(Unpack(s.Text(0)));
    HW_RETURN_IF_ERROR(s.status());
    return std::optional<std::string>();
  }

  StatusOr<int64_t> AddFeed(const std::string& url, const std::string& title) override {
    Stmt find(&stmts_, db_, "SELECT id FROM feeds WHERE url=?1");
    find.Bind(1, url);
    if (find.Step()) return find.Int(0);
    HW_RETURN_IF_ERROR(find.status());
    Stmt s(&stmts_, db_, "INSERT INTO feeds(url, title) VALUES(?1, ?2)");
    s.Bind(1, url).Bind(2, title);
    HW_RETURN_IF_ERROR(s.Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  StatusOr<std::vector<Feed>> ListFeeds() override {
    Stmt s(&stmts_, db_,
           "SELECT id, url, title, etag, last_modified, last_polled, next_poll, failures, "
           "last_error FROM feeds ORDER BY id");
    std::vector<Feed> out;
    while (s.Step()) {
      Feed f;
      f.id = s.Int(0);
      f.url = s.Text(1);
      f.title = s.Text(2);
      f.etag = s.Text(3);
      f.last_modified = s.Text(4);
      f.last_polled = s.Int(5);
      f.next_poll = s.Int(6);
      f.failures = static_cast<int>(s.Int(7));
      f.last_error = s.Text(8);
      out.push_back(std::move(f));
    }
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  Status UpdateFeed(const Feed& f) override {
    Stmt s(&stmts_, db_,
           "UPDATE feeds SET title=?2, etag=?3, last_modified=?4, last_polled=?5, next_poll=?6, "
           "failures=?7, last_error=?8 WHERE id=?1");
    s.Bind(1, f.id).Bind(2, f.title).Bind(3, f.etag).Bind(4, f.last_modified);
    s.Bind(5, f.last_polled).Bind(6, f.next_poll).Bind(7, int64_t{f.failures}).Bind(8, f.last_error);
    return s.Run();
  }

  StatusOr<int64_t> AddWatch(const Watch& w) override {
    Stmt s(&stmts_, db_, "INSERT INTO watches(kind, target, created, state, webhook) VALUES(?1,?2,?3,?4,?5)");
    s.Bind(1, WatchKindName(w.kind)).Bind(2, w.target).Bind(3, w.created);
    s.Bind(4, w.state_json.empty() ? std::string("{}") : w.state_json).Bind(5, w.webhook);
    HW_RETURN_IF_ERROR(s.Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  StatusOr<std::vector<Watch>> ListWatches() override {
    Stmt s(&stmts_, db_, "SELECT id, kind, target, created, state, webhook FROM watches ORDER BY id");
    std::vector<Watch> out;
    while (s.Step()) {
      Watch w;
      w.id = s.Int(0);
      w.kind = ParseWatchKind(s.Text(1)).value_or(WatchKind::kStory);
      w.target = s.Text(2);
      w.created = s.Int(3);
      w.state_json = s.Text(4);
      w.webhook = s.Text(5);
      out.push_back(std::move(w));
    }
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  Status DeleteWatch(int64_t id) override {
    Stmt alerts(&stmts_, db_, "DELETE FROM alerts WHERE watch_id=?1");
    alerts.Bind(1, id);
    HW_RETURN_IF_ERROR(alerts.Run());
    Stmt s(&stmts_, db_, "DELETE FROM watches WHERE id=?1");
    s.Bind(1, id);
    HW_RETURN_IF_ERROR(s.Run());
    if (sqlite3_changes(db_) == 0) return Status::NotFound("no watch with id " + std::to_string(id));
    return Status::Ok();
  }

  Status UpdateWatchState(int64_t id, const std::string& state_json) override {
    Stmt s(&stmts_, db_, "UPDATE watches SET state=?2 WHERE id=?1");
    s.Bind(1, id).Bind(2, state_json);
    return s.Run();
  }

  StatusOr<int64_t> AddAlert(const Alert& a) override {
    Stmt s(&stmts_, db_,
           "INSERT INTO alerts(watch_id, story_id, what, from_value, to_value, at, evidence) "
           "VALUES(?1,?2,?3,?4,?5,?6,?7)");
    s.Bind(1, a.watch_id).Bind(2, a.story_id).Bind(3, a.what).Bind(4, a.from).Bind(5, a.to);
    s.Bind(6, a.at).Bind(7, a.evidence_json.empty() ? std::string("[]") : a.evidence_json);
    HW_RETURN_IF_ERROR(s.Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  StatusOr<std::vector<Alert>> ListAlerts(int limit) override {
    Stmt s(&stmts_, db_,
           "SELECT id, watch_id, story_id, what, from_value, to_value, at, evidence FROM alerts "
           "ORDER BY id DESC LIMIT ?1");
    s.Bind(1, int64_t{limit});
    std::vector<Alert> out;
    while (s.Step()) {
      Alert a;
      a.id = s.Int(0);
      a.watch_id = s.Int(1);
      a.story_id = s.Int(2);
      a.what = s.Text(3);
      a.from = s.Text(4);
      a.to = s.Text(5);
      a.at = s.Int(6);
      a.evidence_json = s.Text(7);
      out.push_back(std::move(a));
    }
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

  StatusOr<int64_t> AddToken(const ApiToken& t) override {
    Stmt s(&stmts_, db_, "INSERT INTO api_tokens(name, hash, created) VALUES(?1,?2,?3)");
    s.Bind(1, t.name).Bind(2, t.hash).Bind(3, t.created);
    HW_RETURN_IF_ERROR(s.Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
  }

  StatusOr<std::optional<ApiToken>> FindToken(const std::string& hash) override {
    Stmt s(&stmts_, db_, "SELECT id, name, hash, created FROM api_tokens WHERE hash=?1");
    s.Bind(1, hash);
    if (s.Step()) return std::optional<ApiToken>(ApiToken{s.Int(0), s.Text(1), s.Text(2), s.Int(3)});
    HW_RETURN_IF_ERROR(s.status());
    return std::optional<ApiToken>();
  }

  StatusOr<std::vector<ApiToken>> ListTokens() override {
    Stmt s(&stmts_, db_, "SELECT id, name, hash, created FROM api_tokens ORDER BY id");
    std::vector<ApiToken> out;
    while (s.Step()) out.push_back(ApiToken{s.Int(0), s.Text(1), s.Text(2), s.Int(3)});
    HW_RETURN_IF_ERROR(s.status());
    return out;
  }

 private:
  sqlite3* db_;
  StoreOptions options_;
  StmtCache stmts_;  // prepared statements of db_, reused across calls
  // Articles inserted in the open transaction, not yet in the FTS5 index (FlushFts).
  struct FtsRow {
    ArticleId id;
    std::string title, text;
  };
  std::vector<FtsRow> fts_pending_;
  // The compressed columns, by Kind; their dictionaries are the file's text_dicts rows.
  TextCodec text_codec_{TextCodecOptions{}};
  TextCodec report_codec_{ReportCodecOptions()};
  TextCodec attr_codec_{TextCodecOptions{}};
  TextCodec places_codec_{PlacesCodecOptions()};
  struct Coded {
    const char* kind;  // text_dicts.kind
    TextCodec* codec;
    const char* sample_sql;  // (id, stored value) of the most recent rows, LIMIT ?1
    const char* update_sql;  // sets the value ?2 of row ?1
    size_t pending = 0;      // values this connection stored without a dictionary
  };
  Coded coded_[4] = {
      {"text", &text_codec_, "SELECT id, text FROM articles ORDER BY id DESC LIMIT ?1",
       "UPDATE articles SET text=?2 WHERE id=?1"},
      {"report", &report_codec_,
       "SELECT id, report FROM stories ORDER BY updated DESC, id DESC LIMIT ?1",
       "UPDATE stories SET report=?2 WHERE id=?1"},
      {"attributions", &attr_codec_, "SELECT id, data FROM attributions ORDER BY id DESC LIMIT ?1",
       "UPDATE attributions SET data=?2 WHERE id=?1"},
      {"places", &places_codec_,
       "SELECT id, places FROM articles WHERE length(places) >= 48 ORDER BY id DESC LIMIT ?1",
       "UPDATE articles SET places=?2 WHERE id=?1"}};
  bool dict_trained_in_batch_ = false;
};

}  // namespace

StatusOr<StoryId> SurvivingStory(Store* store, StoryId id) {
  for (int hops = 0; hops < 64 && id != 0; ++hops) {
    HW_ASSIGN_OR_RETURN(auto r, store->GetStory(id));
    if (!r || r->story.merged_into == 0) return id;
    id = r->story.merged_into;
  }
  return id;
}

std::string FtsQueryForText(std::string_view text) {
  std::string q;
  for (const std::string& w : FoldedWords(text)) {
    std::string clean;
    for (char c : w)
      if (c != '"') clean.push_back(c);
    if (clean.empty()) continue;
    if (!q.empty()) q += " ";
    q += "\"" + clean + "\"";
  }
  return q;
}

StatusOr<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  sqlite3* db = nullptr;
  int flags = options.read_only ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  flags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IoError("cannot open store " + options.path + ": " + msg);
  }
  auto store = std::make_unique<SqliteStore>(db);
  Status s = store->Init(options);
  if (!s.ok()) return Status(s.code(), options.path + ": " + s.message());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace headwater::store
