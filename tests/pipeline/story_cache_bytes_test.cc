// The story-input cache's size estimate (CachedStory::Bytes, the measure its max_bytes cap is
// held to) against the heap its entries really take, as glibc's malloc reports it: before
// allocator overhead and container capacities were counted, a cache capped at 48 MiB held about
// a fifth more than that (issue 10: peak RSS at 100k doubled).
#include <malloc.h>

#include <cstdio>
#include <random>

#include "pipeline/story_cache.h"
#include "pipeline_test_util.h"

namespace headwater::pipeline {
namespace {

std::string Text(std::mt19937& rng, size_t min, size_t max) {
  size_t n = min + rng() % (max - min + 1);
  std::string s(n, 'x');
  for (char& c : s) c = static_cast<char>('a' + rng() % 26);
  return s;
}

CachedStory MakeEntry(std::mt19937& rng, StoryId id, ArticleId* next_article) {
  CachedStory c;
  c.story.id = id;
  c.story.title = Text(rng, 20, 90);
  for (int k = 0; k < 8; ++k) c.story.key_terms.push_back(Text(rng, 3, 20));
  size_t n = 1 + rng() % 6;
  for (size_t i = 0; i < n; ++i) {
    Article a;
    a.id = ++*next_article;
    a.canonical_url = "https://news.example.org/2016/04/" + Text(rng, 20, 70);
    a.url = a.canonical_url;
    a.outlet_name = Text(rng, 4, 30);
    a.title = Text(rng, 20, 100);
    a.text = Text(rng, 200, 4000);
    a.byline = Text(rng, 0, 30);
    if (rng() % 3 == 0) {
      a.dateline.text = Text(rng, 10, 40);
      a.dateline.place = Text(rng, 4, 20);
    }
    for (size_t k = 0, m = rng() % 4; k < m; ++k) a.links.push_back("https://" + Text(rng, 10, 80));
    for (size_t k = 0, m = rng() % 4; k < m; ++k) {
      PlaceMention p;
      p.name = Text(rng, 4, 24);
      p.country = "MX";
      p.admin1 = Text(rng, 0, 20);
      a.places.push_back(p);
    }
    size_t attrs = rng() % 4;
    std::vector<Attribution> list;
    for (size_t k = 0; k < attrs; ++k) {
      Attribution t;
      t.article_id = a.id;
      t.cue = {{10, 19}};
      t.source = {{20, 40}};
      t.content = {{0, 9}, {41, 200}};
      t.cue_text = Text(rng, 4, 16);
      t.source_text = Text(rng, 5, 40);
      t.content_text = Text(rng, 40, 300);
      t.person = Text(rng, 0, 20);
      list.push_back(std::move(t));
    }
    std::vector<ReuseEdge> edges;
    if (i > 0 && rng() % 2 == 0) {
      ReuseEdge e{a.id - 1, a.id, ReuseClass::kPartial, 0.5, 0.4, 100, Text(rng, 40, 400)};
      edges.push_back(e);
    }
    c.AddArticle(std::move(a), std::move(list), edges);
  }
  return c;
}

TEST(StoryCacheBytes, TheEstimateIsTheHeapTheEntriesHold) {
  std::mt19937 rng(7);
  StoryInputCache cache(StoryCacheOptions{size_t{1} << 34});
  ArticleId next_article = 0;
  struct mallinfo2 before = mallinfo2();
  for (StoryId id = 1; id <= 3000; ++id) cache.Put(id, MakeEntry(rng, id, &next_article));
  struct mallinfo2 after = mallinfo2();
  double held = static_cast<double>(after.uordblks) - static_cast<double>(before.uordblks);
  double estimated = static_cast<double>(cache.bytes());
  ASSERT_EQ(cache.size(), 3000u);
  ASSERT_GT(held, 1e6);
  std::printf("story cache: estimated %.0f bytes, heap held %.0f (ratio %.3f)\n", estimated, held,
              estimated / held);
  // Measured: 1.000 here (the hash map's bucket array is not counted, the rounding of the last
  // few blocks may differ). The payload-only estimate before was 0.83-0.89 of the heap held on
  // the 30k bench run (docs/BENCHMARKS.md, "Resident memory").
  EXPECT_GT(estimated / held, 0.92) << "estimated " << estimated << " held " << held;
  EXPECT_LT(estimated / held, 1.08) << "estimated " << estimated << " held " << held;
}

}  // namespace
}  // namespace headwater::pipeline
