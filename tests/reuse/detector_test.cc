#include "reuse/detector.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include "reuse_test_util.h"

namespace headwater::reuse {
namespace {

using testing::Words;

class DetectorTest : public ::testing::Test {
 protected:
  std::vector<ReuseEdge> Process(ArticleId id, std::string text,
                                 std::optional<UnixSeconds> published = std::nullopt) {
    Article& a = store_[id];
    a.id = id;
    a.text = std::move(text);
    a.published = published;
    return detector_.Process(a, [this](ArticleId cid) -> const Article* {
      ++fetches_;
      auto it = store_.find(cid);
      return it == store_.end() ? nullptr : &it->second;
    });
  }

  ReuseDetector detector_{Options()};
  std::map<ArticleId, Article> store_;
  int fetches_ = 0;
};

TEST_F(DetectorTest, FindsWholeAndPartialCopiesWithDirection) {
  const std::string story = Words("w", 300);
  EXPECT_TRUE(Process(1, story, 1000).empty());
  EXPECT_TRUE(Process(2, Words("u", 300), 1100).empty());
  // A syndicated copy with a new headline, published later.
  auto e = Process(3, "Headline of the copy\n" + story, 2000);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].source_id, 1);
  EXPECT_EQ(e[0].copy_id, 3);
  EXPECT_EQ(e[0].cls, ReuseClass::kWhole);
  EXPECT_GT(e[0].copy_in_source, 0.95);
  EXPECT_EQ(e[0].longest_chars, story.size());
  // An article quoting 60 words of the story amid 200 words of its own.
  auto p =
      Process(4, Words("o", 100) + "\n" + Words("w", 60, 100) + "\n" + Words("o", 100, 100), 3000);
  ASSERT_EQ(p.size(), 2u);  // from 1 and from its copy 3
  for (const ReuseEdge& edge : p) {
    EXPECT_EQ(edge.cls, ReuseClass::kPartial);
    EXPECT_EQ(edge.copy_id, 4);
    EXPECT_NEAR(edge.copy_in_source, 56.0 / 256.0, 1e-9);
    EXPECT_EQ(edge.longest_text, Words("w", 60, 100));
  }
  EXPECT_EQ(detector_.index().size(), 4u);
  EXPECT_FALSE(detector_.last_signature().anchors.empty());
  EXPECT_TRUE(detector_.last_signature().mins.empty());  // no MinHash by default
}

TEST_F(DetectorTest, GoneCandidatesAreSkippedAndReloadWorks) {
  const std::string story = Words("w", 300);
  Process(1, story);
  store_.erase(1);
  EXPECT_TRUE(Process(2, story).empty());
  // Reload: a fresh detector given stored signatures finds copies without re-comparing.
  Options o;
  ReuseDetector fresh(o);
  fresh.Add(2, Sketch(ShingleSequence(story, o), o));
  Article copy;
  copy.id = 3;
  copy.text = story;
  auto e = fresh.Process(copy, [this](ArticleId id) -> const Article* {
    return store_.count(id) ? &store_[id] : nullptr;
  });
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].source_id, 2);  // equal containment, no times: lower id
  EXPECT_EQ(e[0].cls, ReuseClass::kWhole);
}

TEST_F(DetectorTest, CachedCandidatesAreFetchedOnlyForEdges) {
  // 30 articles of 500 words sharing one 50-word block (a quoted statement): candidates of one
  // another through the block's anchor, never an edge.
  const std::string block = Words("q", 50);
  for (ArticleId id = 1; id <= 30; ++id) {
    EXPECT_TRUE(Process(id, Words("o" + std::to_string(id) + "x", 450) + " " + block).empty());
  }
  EXPECT_EQ(fetches_, 0);  // all candidates were cached
  EXPECT_EQ(detector_.cached(), 30u);
  // A copy of article 7: one edge, one fetch (to check the source still exists).
  auto e = Process(31, store_[7].text);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].source_id, 7);
  EXPECT_EQ(fetches_, 1);
  // Without the cache and with the gate off every candidate is fetched; with the gate, only
  // those sharing two keys (the block has anchors in common) or a rare one.
  for (int gate : {0, 1}) {
    Options o;
    o.cache_articles = 0;
    if (gate == 0) o.min_uncached_votes = 1;
    ReuseDetector uncached(o);
    int fetches = 0;
    size_t edges = 0;
    for (ArticleId id = 1; id <= 31; ++id) {
      edges += uncached
                   .Process(store_[id],
                            [&](ArticleId cid) -> const Article* {
                              ++fetches;
                              return &store_[cid];
                            })
                   .size();
    }
    if (gate == 0) {
      EXPECT_GT(fetches, 400);
    } else {
      EXPECT_EQ(static_cast<size_t>(fetches), uncached.fetched());
      EXPECT_LT(fetches, 100);
      EXPECT_GT(uncached.skipped(), 300u);
    }
    EXPECT_EQ(edges, 1u);
    EXPECT_EQ(uncached.cached(), 0u);
  }
}

TEST_F(DetectorTest, CacheIsBounded) {
  Options o;
  o.cache_articles = 5;
  ReuseDetector small(o);
  for (ArticleId id = 1; id <= 12; ++id) {
    Article a;
    a.id = id;
    a.text = Words("k" + std::to_string(id) + "x", 100);
    small.Process(a, nullptr);
  }
  EXPECT_EQ(small.cached(), 5u);
  EXPECT_EQ(small.index().size(), 12u);
}

TEST_F(DetectorTest, ShortAndEmptyTextsGetNoEdges) {
  Process(1, "one two three four");
  EXPECT_TRUE(Process(2, "one two three four").empty());
  EXPECT_TRUE(Process(3, "").empty());
  EXPECT_EQ(detector_.index().size(), 0u);
  EXPECT_TRUE(detector_.last_signature().empty());
}

TEST_F(DetectorTest, OneWordRepeated100kTimes) {
  std::string spam;
  spam.reserve(600000);
  for (int i = 0; i < 100000; ++i) spam += "spam ";
  Process(1, spam);
  auto e = Process(2, spam);
  ASSERT_EQ(e.size(), 1u);  // one shared shingle and a 100k-word passage: whole
  EXPECT_EQ(e[0].longest_text.size(), Options().max_passage_text_bytes);
  EXPECT_EQ(detector_.index().size(), 2u);
}

TEST_F(DetectorTest, FiveMegabyteArticle) {
  std::string big = Words("w", 650000);  // ~5 MB
  ASSERT_GT(big.size(), 5000000u);
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(Process(1, big).empty());
  EXPECT_TRUE(Process(2, Words("u", 300)).empty());
  // Its copy with one word changed is whole; only the first max_words words count.
  std::string copy = big;
  copy.replace(0, 2, "zz");
  auto e = Process(3, copy);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].source_id, 1);
  EXPECT_EQ(e[0].cls, ReuseClass::kWhole);
  EXPECT_EQ(e[0].longest_text.size(), Options().max_passage_text_bytes);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
}

TEST_F(DetectorTest, TenThousandIdenticalArticlesAreCapped) {
  const std::string text = Words("w", 40);
  const size_t cap = detector_.options().max_candidates;
  size_t max_edges = 0;
  for (ArticleId id = 1; id <= 10000; ++id) {
    auto e = Process(id, text);
    max_edges = std::max(max_edges, e.size());
    if (id == 2) {
      ASSERT_EQ(e.size(), 1u);
      EXPECT_EQ(e[0].source_id, 1);
    }
  }
  EXPECT_EQ(max_edges, cap);
  EXPECT_LE(fetches_, static_cast<int>(10000 * (cap + 1)));
  EXPECT_EQ(detector_.index().size(), 10000u);
}

}  // namespace
}  // namespace headwater::reuse
