// The response cache and the store generation: an entry is served only at the generation it was
// computed at; a commit on another connection moves the generation; ETag matching.
#include <gtest/gtest.h>

#include "server/response_cache.h"
#include "test_util.h"

namespace headwater::server {
namespace {

std::shared_ptr<const CachedResponse> Body(const std::string& b) {
  auto r = std::make_shared<CachedResponse>();
  r->body = b;
  r->etag = MakeEtag(b);
  return r;
}

TEST(ResponseCache, ServesOnlyTheGenerationItWasComputedAt) {
  ResponseCache cache(10);
  cache.Put("/a", 1, Body("one"));
  ASSERT_NE(cache.Get("/a", 1), nullptr);
  EXPECT_EQ(cache.Get("/a", 1)->body, "one");
  EXPECT_EQ(cache.Get("/a", 2), nullptr);  // the store moved on
  cache.Put("/b", 2, Body("two"));         // a newer generation empties the cache
  EXPECT_EQ(cache.Get("/a", 1), nullptr);
  cache.Put("/a", 1, Body("stale"));  // computed before a change already seen: dropped
  EXPECT_EQ(cache.Get("/a", 2), nullptr);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ResponseCache, IsBoundedAndCanBeOff) {
  ResponseCache cache(3);
  for (int i = 0; i < 10; ++i) cache.Put("/" + std::to_string(i), 1, Body("x"));
  EXPECT_LE(cache.size(), 3u);
  EXPECT_NE(cache.Get("/9", 1), nullptr);  // the newest entry survives a flush
  ResponseCache off(0);
  off.Put("/a", 1, Body("x"));
  EXPECT_EQ(off.Get("/a", 1), nullptr);
}

TEST(GenerationWatcher, MovesWhenAnotherConnectionCommits) {
  std::string path = testing::TempDir() + "/g.db";
  store::StoreOptions o;
  o.path = path;
  auto writer = store::Store::Open(o);
  auto watch = store::Store::Open(o);
  ASSERT_TRUE(writer.ok() && watch.ok());
  GenerationWatcher w(std::move(*watch), /*check_interval_ns=*/0);
  uint64_t g0 = w.Current();
  EXPECT_EQ(w.Current(), g0);  // nothing committed
  Outlet x;
  x.name = "X";
  ASSERT_TRUE((*writer)->UpsertOutlet(x).ok());
  uint64_t g1 = w.Current();
  EXPECT_GT(g1, g0);
  EXPECT_EQ(w.Current(), g1);
}

TEST(GenerationWatcher, ChecksAtMostOncePerIntervalUnlessInvalidated) {
  std::string path = testing::TempDir() + "/g2.db";
  store::StoreOptions o;
  o.path = path;
  auto writer = store::Store::Open(o);
  auto watch = store::Store::Open(o);
  ASSERT_TRUE(writer.ok() && watch.ok());
  GenerationWatcher w(std::move(*watch), /*check_interval_ns=*/int64_t{3600} * 1000000000);
  uint64_t g0 = w.Current();
  Outlet x;
  x.name = "X";
  ASSERT_TRUE((*writer)->UpsertOutlet(x).ok());
  EXPECT_EQ(w.Current(), g0);  // within the interval: not asked
  w.Invalidate();
  EXPECT_GT(w.Current(), g0);
}

TEST(Etag, MatchesListsWeakTagsAndStar) {
  std::string tag = MakeEtag("body");
  EXPECT_EQ(tag.size(), 18u);
  EXPECT_EQ(tag, MakeEtag("body"));
  EXPECT_NE(tag, MakeEtag("body2"));
  EXPECT_TRUE(EtagMatches(tag, tag));
  EXPECT_TRUE(EtagMatches("\"x\", " + tag, tag));
  EXPECT_TRUE(EtagMatches("W/" + tag, tag));
  EXPECT_TRUE(EtagMatches("*", tag));
  EXPECT_FALSE(EtagMatches("", tag));
  EXPECT_FALSE(EtagMatches("\"x\"", tag));
}

}  // namespace
}  // namespace headwater::server
