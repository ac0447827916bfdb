// The store: every article, outlet, attribution, reuse edge, story, watch and alert Headwater
// knows, behind one interface so a PostgreSQL store can follow the embedded SQLite one.
//
// Contract: writes happen inside a batch (Begin/Commit); a batch is one transaction, so a crash
// loses at most the batch in flight and never leaves half an article. Readers on other
// connections see whole batches only (SQLite WAL). On any failed call inside a batch the caller
// must Rollback; nothing of that batch is kept.
// Thread-safety: one Store object is used by one thread at a time; open one per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/model.h"
#include "common/status.h"

namespace headwater::store {

struct StoreOptions {
  std::string path = "headwater.db";  // SQLite file; ":memory:" for tests
  bool create_if_missing = true;
  bool read_only = false;
  int busy_timeout_ms = 10000;        // wait this long for another writer before failing
  // MaybeCompact compacts after a load that added at least this many articles and at least this
  // share of the store's articles (a bulk load, not a feed poll's few: compacting rewrites the
  // whole file).
  int64_t compact_min_articles = 1000;
  double compact_min_share = 0.2;
};

// What a watch follows.
enum class WatchKind { kStory, kOutlet, kQuery };
const char* WatchKindName(WatchKind k);
std::optional<WatchKind> ParseWatchKind(std::string_view s);

struct Watch {
  int64_t id = 0;
  WatchKind kind = WatchKind::kStory;
  std::string target;      // story id, outlet name, or query text
  UnixSeconds created = 0;
  std::string state_json;  // what the last check saw (records/watch.h owns its shape)
  std::string webhook;     // URL to POST alerts to, "" for none
};

// A feed followed by polling (`headwater feeds add`).
struct Feed {
  int64_t id = 0;
  std::string url;
  std::string title;
  std::string etag, last_modified;  // validators for conditional GET ("" = none)
  UnixSeconds last_polled = 0;
  UnixSeconds next_poll = 0;  // not polled again before this time (backoff after errors)
  int failures = 0;           // consecutive failures
  std::string last_error;
};

struct Alert {
  int64_t id = 0;
  int64_t watch_id = 0;
  StoryId story_id = 0;
  std::string what;  // verdict | origins | in_country | denials | revived | new_story
  std::string from, to;
  UnixSeconds at = 0;
  std::string evidence_json;  // JSON array of {url,start,end,text}
};

// A story's stored summary and report (computed by provenance, stored by the pipeline).
struct StoryRecord {
  Story story;
  std::string verdict;     // provenance VerdictName
  std::string policy;
  std::string counts_json;  // {"articles":…,…} as in CLI.md
  std::string report_json;  // the `story ID --json` document as pipeline::StoredReportJson keeps it
  UnixSeconds updated = 0;
};

struct StoryFilter {
  std::string verdict;
  std::string country;
  std::optional<UnixSeconds> since;  // last_seen >= since
  std::optional<UnixSeconds> until;  // first_seen <= until
  OutletId outlet = 0;               // stories with an article from this outlet
  std::string lang;                  // stories with an article in this language
  std::string query;                 // FTS query over member articles
  std::string status;                // active | dormant ("" = both; merged stories never listed)
  int limit = 0;                     // 0 = all
  int offset = 0;
};

// An API token (`headwater token create`): only a hash of the secret is stored.
struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string hash;  // lowercase hex SHA-256 of the token text
  UnixSeconds created = 0;
};

struct SearchHit {
  ArticleId article = 0;
  StoryId story = 0;
  std::string url, title, snippet, outlet;
  double rank = 0;  // FTS5 bm25; lower is better
};

// Blob keys with this prefix hold values derived from the stories table (UpsertStory deletes them).
inline constexpr std::string_view kStoryDerivedBlobPrefix = "stories-derived/";

class Store {
 public:
  static StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options);
  virtual ~Store() = default;

  // The schema version the file is at (after forward migrations on Open).
  virtual int SchemaVersion() = 0;

  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // A read transaction: every read until EndRead sees one snapshot (whole batches only), and
  // takes no write lock. REQUIRES: no batch open on this store.
  virtual Status BeginRead() = 0;
  virtual Status EndRead() = 0;
  // A number that changes whenever ANOTHER connection commits to the file (SQLite's
  // PRAGMA data_version); this connection's own commits leave it unchanged. Caches of a
  // read-only connection compare it to know the store changed.
  virtual StatusOr<int64_t> DataVersion() = 0;

  // Outlets. UpsertOutlet inserts or, when the name exists, merges fields (a verified record
  // replaces an unverified one's fields); returns the id.
  virtual StatusOr<OutletId> UpsertOutlet(const Outlet& outlet) = 0;
  virtual StatusOr<std::vector<Outlet>> ListOutlets() = 0;

  // Articles. InsertArticle sets nothing else; ids are assigned by the store.
  virtual StatusOr<ArticleId> InsertArticle(const Article& article) = 0;
  // The id of an article with this canonical URL, or with this content hash (when non-zero).
  virtual StatusOr<std::optional<ArticleId>> FindDuplicate(const std::string& canonical_url,
                                                           uint64_t content_hash) = 0;
  virtual StatusOr<std::optional<ArticleId>> FindByUrl(const std::string& url) = 0;
  virtual StatusOr<Article> GetArticle(ArticleId id) = 0;
  virtual StatusOr<std::vector<Article>> ArticlesOfStory(StoryId id) = 0;
  virtual Status SetArticleStory(ArticleId article, StoryId story) = 0;
  virtual Status SetSignature(ArticleId article, const std::string& bytes) = 0;
  // (article id, signature bytes) of every article with a signature, newest last.
  virtual StatusOr<std::vector<std::pair<ArticleId, std::string>>> Signatures() = 0;
  virtual StatusOr<int64_t> CountArticles() = 0;

  // Rewrites the file without its unused space (pages left part-empty as rows and story
  // reports grew) and merges the full-text index into one segment: the 10k bench store shrinks
  // by a fifth. Takes the write lock and, for the time it runs, about the file's size again on
  // disk. REQUIRES: no batch open.
  virtual Status Compact() = 0;
  // Compact() when a load that added `articles_added` articles is a bulk load by the options'
  // compact_min_articles and compact_min_share; returns whether it compacted.
  virtual StatusOr<bool> MaybeCompact(int64_t articles_added) = 0;

  virtual Status InsertAttributions(ArticleId article, const std::vector<Attribution>& a) = 0;
  virtual StatusOr<std::vector<Attribution>> AttributionsOf(ArticleId article) = 0;

  virtual Status InsertReuse(const ReuseEdge& edge, const std::string& upstream) = 0;
  // Edges where either end is the article; min_class filters (kPartial lists partial and whole).
  virtual StatusOr<std::vector<ReuseEdge>> ReuseOf(ArticleId article) = 0;
  virtual StatusOr<std::vector<std::pair<ReuseEdge, std::string>>> ListReuse(ReuseClass min_class) = 0;

  // Stories. Writing a story also deletes every blob whose key starts with
  // kStoryDerivedBlobPrefix (values derived from the stories), so that no reader takes one older
  // than the stories; a writer that has them up to date puts them back in the same transaction.
  virtual Status UpsertStory(const StoryRecord& record) = 0;
  virtual StatusOr<std::optional<StoryRecord>> GetStory(StoryId id) = 0;
  virtual StatusOr<std::vector<StoryRecord>> ListStories(const StoryFilter& filter) = 0;
  // How many stories ListStories would return without limit and offset.
  virtual StatusOr<int64_t> CountStories(const StoryFilter& filter) = 0;
  // Moves every article of story `from` to `into`, marks `from` merged into `into` (it stays
  // readable, so links and watches to it keep working) and records the merge on both.
  virtual Status MergeStory(StoryId from, StoryId into, UnixSeconds at, const std::string& why) = 0;
  virtual Status RecordStoryEvent(StoryId id, UnixSeconds at, const std::string& kind,
                                  const std::string& detail) = 0;

  virtual StatusOr<std::vector<SearchHit>> Search(const std::string& query, int limit) = 0;

  // Small named blobs (the clusterer's state, the LSH index).
  virtual Status PutBlob(const std::string& key, const std::string& value) = 0;
  virtual StatusOr<std::optional<std::string>> GetBlob(const std::string& key) = 0;

  // Feeds. AddFeed returns the existing id when the URL is already followed.
  virtual StatusOr<int64_t> AddFeed(const std::string& url, const std::string& title) = 0;
  virtual StatusOr<std::vector<Feed>> ListFeeds() = 0;
  virtual Status UpdateFeed(const Feed& feed) = 0;

  virtual StatusOr<int64_t> AddWatch(const Watch& w) = 0;
  virtual StatusOr<std::vector<Watch>> ListWatches() = 0;
  // Deletes a watch and its alerts; NotFound when there is no such watch.
  virtual Status DeleteWatch(int64_t id) = 0;
  virtual Status UpdateWatchState(int64_t id, const std::string& state_json) = 0;
  virtual StatusOr<int64_t> AddAlert(const Alert& a) = 0;
  virtual StatusOr<std::vector<Alert>> ListAlerts(int limit) = 0;

  // API tokens (schema 3). FindToken returns the token whose hash is `hash`, if any.
  virtual StatusOr<int64_t> AddToken(const ApiToken& token) = 0;
  virtual StatusOr<std::optional<ApiToken>> FindToken(const std::string& hash) = 0;
  virtual StatusOr<std::vector<ApiToken>> ListTokens() = 0;
};

// The story a (possibly merged) story id lives on as: follows merged_into.
StatusOr<StoryId> SurvivingStory(Store* store, StoryId id);

// A safe FTS5 query for user text: every folded word quoted ("camp juárez" -> "\"camp\" \"juarez\""),
// so no user input can break the query syntax. "" when the text has no words.
std::string FtsQueryForText(std::string_view text);

}  // namespace headwater::store
