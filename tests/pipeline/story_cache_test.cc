// The provenance stage's story-input cache and its second thread must not change a report: a
// stream of batches ingested with the cache (large, and small enough to evict) and two analysis
// threads leaves the same stories, verdicts and report documents as the same stream ingested with
// no cache on one thread — also when another connection adds articles to a cached story.
#include "pipeline/story_cache.h"

#include <algorithm>
#include <map>

#include "common/csv.h"
#include "common/paths.h"
#include "pipeline_test_util.h"

namespace headwater::pipeline {
namespace {

using testing::EventArticle;
using testing::RepoPath;

struct Stream {
  FixedClock clock{ParseRfc3339("2026-11-01T00:00:00Z").value()};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Pipeline> pipe;
  std::string db_path;

  Stream(size_t cache_bytes, int threads, bool gazetteer) {
    store::StoreOptions o;
    o.path = headwater::testing::TempDir() + "/hw.db";
    db_path = o.path;
    auto s = store::Store::Open(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    store = std::move(s).value();
    pipe = Open(store.get(), cache_bytes, threads, gazetteer);
  }

  std::unique_ptr<Pipeline> Open(store::Store* st, size_t cache_bytes, int threads,
                                 bool gazetteer) {
    PipelineOptions po;
    po.load_gazetteer = gazetteer;
    po.story_cache.max_bytes = cache_bytes;
    po.worker_threads = threads;
    auto p = Pipeline::Open(st, po, &clock);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(p).value() : nullptr;
  }

  void Ingest(Pipeline* p, const std::vector<ingest::RawArticle>& batch) {
    auto s = p->Ingest(batch, {}, false);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }

  // Every story's status, merge, verdict and report, by id.
  std::map<StoryId, std::string> Stories() {
    std::map<StoryId, std::string> out;
    auto all = store->ListStories({});
    EXPECT_TRUE(all.ok());
    if (!all.ok()) return out;
    for (const store::StoryRecord& r : *all) {
      out[r.story.id] = std::string(StoryStatusName(r.story.status)) + " " +
                        std::to_string(r.story.merged_into) + " " + r.verdict + " " + r.report_json;
    }
    return out;
  }
};

// Half the multi-outlet events as one stream: the three events interleaved, in batches of 40 taken
// in an order that is not the publication order (later batches hold earlier articles), so
// cached stories get articles inserted before their last one.
std::vector<std::vector<ingest::RawArticle>> EventBatches(const std::vector<std::string>& paths) {
  std::vector<ingest::RawArticle> all;
  for (const std::string& path : paths) {
    std::string event = path.substr(path.rfind('/') + 1);
    event = event.substr(0, event.find('_'));
    auto data = ReadFile(path);
    EXPECT_TRUE(data.ok());
    if (!data.ok()) return {};
    std::vector<CsvRow> rows = ParseCsv(*data);
    for (size_t i = 1; i < rows.size(); i += 2) {  // every other article: half the time
      const auto& f = rows[i].fields;
      if (f.size() != 4) continue;
      ingest::RawArticle r = EventArticle(path, rows[i], event);
      all.push_back(std::move(r));
    }
  }
  // A fixed permutation (stride 7 over the rows) mixes events and times.
  std::vector<ingest::RawArticle> mixed;
  for (size_t start = 0; start < 7; ++start)
    for (size_t i = start; i < all.size(); i += 7) mixed.push_back(all[i]);
  std::vector<std::vector<ingest::RawArticle>> batches;
  for (size_t i = 0; i < mixed.size(); i += 40)
    batches.emplace_back(mixed.begin() + i, mixed.begin() + std::min(mixed.size(), i + 40));
  return batches;
}

TEST(StoryCache, CachedAndThreadedReportsEqualUncachedOnes) {
  std::vector<std::string> paths;
  for (const char* event : {"helsinki", "census", "spotify"}) {
    std::string path;
    HW_REQUIRE_SHARED_DATA(std::string("multi-outlet-events/") + event + "_articles.csv", path);
    paths.push_back(path);
  }
  auto batches = EventBatches(paths);
  ASSERT_GT(batches.size(), 6u);

  Stream plain(/*cache_bytes=*/0, /*threads=*/1, /*gazetteer=*/true);
  Stream cached(size_t{64} << 20, 2, true);
  Stream evicting(size_t{256} << 10, 2, true);  // 256 KB: the summit story alone does not fit
  for (const auto& b : batches) {
    plain.Ingest(plain.pipe.get(), b);
    cached.Ingest(cached.pipe.get(), b);
    evicting.Ingest(evicting.pipe.get(), b);
  }
  auto want = plain.Stories();
  ASSERT_GT(want.size(), 3u);
  auto got = cached.Stories();
  auto got_small = evicting.Stories();
  ASSERT_EQ(got.size(), want.size());
  ASSERT_EQ(got_small.size(), want.size());
  size_t differ = 0, differ_small = 0;
  for (const auto& [id, doc] : want) {
    if (got[id] != doc) ++differ;
    if (got_small[id] != doc) ++differ_small;
  }
  EXPECT_EQ(differ, 0u) << "of " << want.size() << " stories";
  EXPECT_EQ(differ_small, 0u) << "of " << want.size() << " stories";
}

TEST(StoryCache, ArticlesAddedByAnotherConnectionAreSeen) {
  auto b1 = ingest::ReadJsonl(RepoPath("demo/batch1.jsonl"));
  auto b2 = ingest::ReadJsonl(RepoPath("demo/batch2.jsonl"));
  ASSERT_TRUE(b1.ok() && b2.ok());
  std::vector<ingest::RawArticle> b2a(b2->articles.begin(), b2->articles.begin() + 4);
  std::vector<ingest::RawArticle> b2b(b2->articles.begin() + 4, b2->articles.end());
  ASSERT_FALSE(b2b.empty());

  Stream plain(0, 1, true);
  plain.Ingest(plain.pipe.get(), b1->articles);
  plain.Ingest(plain.pipe.get(), b2a);
  plain.Ingest(plain.pipe.get(), b2b);

  Stream cached(size_t{64} << 20, 2, true);
  cached.Ingest(cached.pipe.get(), b1->articles);  // every story of batch 1 is cached
  {
    store::StoreOptions so;
    so.path = cached.db_path;
    auto other = store::Store::Open(so);
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    auto other_pipe = cached.Open(other->get(), 0, 1, true);
    cached.Ingest(other_pipe.get(), b2a);
  }
  cached.Ingest(cached.pipe.get(), b2b);
  auto want = plain.Stories();
  auto got = cached.Stories();
  ASSERT_EQ(got.size(), want.size());
  for (const auto& [id, doc] : want) EXPECT_EQ(got[id], doc) << "story " << id;
}

TEST(StoryCache, EvictsLeastRecentlyUsedWithinItsBudget) {
  StoryInputCache cache(StoryCacheOptions{/*max_bytes=*/15000});
  auto entry = [](StoryId id, size_t text) {
    CachedStory c;
    c.story.id = id;
    Article a;
    a.id = id * 10;
    a.text = std::string(text, 'x');
    c.AddArticle(std::move(a), {}, {});
    return c;
  };
  cache.Put(1, entry(1, 6000));
  cache.Put(2, entry(2, 6000));
  ASSERT_TRUE(cache.Take(1).has_value());  // taken out: 2 is now the only entry
  cache.Put(1, entry(1, 6000));            // 1 is the most recently used
  cache.Put(3, entry(3, 6000));            // over budget: 2 goes first
  EXPECT_LE(cache.bytes(), 15000u);
  EXPECT_FALSE(cache.Take(2).has_value());
  EXPECT_TRUE(cache.Take(3).has_value());
  cache.Put(4, entry(4, 50000));  // bigger than the whole budget: not kept
  EXPECT_FALSE(cache.Take(4).has_value());
  EXPECT_EQ(cache.hits(), 2u);
  EXPECT_EQ(cache.misses(), 2u);
}

TEST(StoryCache, AddArticleKeepsTheStoreOrder) {
  CachedStory c;
  auto article = [](ArticleId id, UnixSeconds t) {
    Article a;
    a.id = id;
    a.published = t;
    return a;
  };
  auto attr = [](ArticleId id) {
    Attribution at;
    at.article_id = id;
    return at;
  };
  c.AddArticle(article(1, 100), {attr(1)}, {});
  c.AddArticle(article(3, 300), {attr(3), attr(3)}, {});
  auto edge = [](ArticleId source, ArticleId copy) {
    ReuseEdge e;
    e.source_id = source;
    e.copy_id = copy;
    e.cls = ReuseClass::kWhole;
    return e;
  };
  ReuseEdge e13 = edge(1, 3), e23 = edge(2, 3);
  ReuseEdge e29 = edge(2, 9);  // 9 is not a member
  c.AddArticle(article(2, 200), {attr(2)}, {e23, e29});
  c.AddArticle(article(4, 200), {}, {e13});  // same time as 2, larger id; e13 ignored (no end 4)
  std::vector<ArticleId> ids;
  for (const Article& a : c.articles) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<ArticleId>{1, 2, 4, 3}));
  std::vector<ArticleId> attr_ids;
  for (const Attribution& a : c.attributions) attr_ids.push_back(a.article_id);
  EXPECT_EQ(attr_ids, (std::vector<ArticleId>{1, 2, 3, 3}));
  EXPECT_EQ(c.attribution_counts, (std::vector<uint32_t>{1, 1, 0, 2}));
  ASSERT_EQ(c.reuse.size(), 1u);
  EXPECT_EQ(c.reuse[0].source_id, 2);
  EXPECT_EQ(c.reuse[0].copy_id, 3);
}

}  // namespace
}  // namespace headwater::pipeline
