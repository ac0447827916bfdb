#include "reuse/lsh_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "reuse_test_util.h"

namespace headwater::reuse {
namespace {

using testing::Words;

Signature Sig(const std::string& text, const Options& o = Options()) {
  return Sketch(ShingleSequence(text, o), o);
}

bool Has(const std::vector<ArticleId>& ids, ArticleId id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(LshIndexTest, FindsNearDuplicateNotUnrelated) {
  Options o;
  LshIndex index(o);
  const std::string story = Words("w", 400);
  index.Add(1, Sig(story));
  index.Add(2, Sig(Words("u", 400)));
  index.Add(3, Sig(Words("v", 400)));
  EXPECT_EQ(index.size(), 3u);
  // The story with a new headline and a few words changed.
  std::string copy = "Breaking headline here " + story;
  copy.replace(copy.find("w200 "), 5, "zz ");
  auto c = index.Candidates(Sig(copy));
  EXPECT_TRUE(Has(c, 1));
  EXPECT_FALSE(Has(c, 2));
  EXPECT_FALSE(Has(c, 3));
  EXPECT_TRUE(index.Candidates(Sig(Words("q", 400))).empty());
}

TEST(LshIndexTest, FindsShortCopyInsideLongPageThroughAnchors) {
  Options o;
  LshIndex index(o);
  // A 300-word story inside a 6000-word aggregator page: Jaccard ~0.05.
  const std::string story = Words("s", 300);
  index.Add(7, Sig(Words("p", 3000) + " " + story + " " + Words("p", 3000, 3000)));
  auto ranked = index.RankedCandidates(Sig(story), 10);
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].id, 7);
  EXPECT_GE(ranked[0].votes, 1);
  // MinHash banding alone (the former scheme) misses it.
  Options bands_only = o;
  bands_only.max_anchors = 0;
  bands_only.num_hashes = 128;
  bands_only.bands = 32;
  LshIndex banded(bands_only);
  banded.Add(7, Sig(Words("p", 3000) + " " + story + " " + Words("p", 3000, 3000), bands_only));
  EXPECT_TRUE(banded.Candidates(Sig(story, bands_only)).empty());
  EXPECT_EQ(banded.Candidates(Sig(story, bands_only)).size(), 0u);
  banded.Add(8, Sig(story, bands_only));
  EXPECT_EQ(banded.Candidates(Sig(story, bands_only)), std::vector<ArticleId>{8});
}

TEST(LshIndexTest, AnySharedRunOfAWindowIsFound) {
  // Winnowing's guarantee: a shared run of winnow_window shingles (window + 4 words) shares an
  // anchor, wherever it sits in either text.
  Options o;
  const int run_words = o.winnow_window + o.shingle_words - 1;
  for (int offset : {0, 17, 123, 400}) {
    LshIndex index(o);
    const std::string passage = Words("r" + std::to_string(offset) + "x", run_words);
    index.Add(1, Sig(Words("a", offset) + " " + passage + " " + Words("b", 500)));
    EXPECT_EQ(index.Candidates(Sig(Words("c", 300) + " " + passage + " " + Words("d", offset))),
              std::vector<ArticleId>{1})
        << offset;
  }
}

TEST(LshIndexTest, RanksByVotesThenId) {
  Options o;
  LshIndex index(o);
  const std::string story = Words("w", 400);
  index.Add(10, Sig(story));
  index.Add(5, Sig(story));
  index.Add(20, Sig(Words("w", 200) + " " + Words("x", 200)));  // half the story
  auto ranked = index.RankedCandidates(Sig(story), 10);
  ASSERT_EQ(ranked.size(), 3u);
  EXPECT_EQ(ranked[0].id, 5);
  EXPECT_EQ(ranked[1].id, 10);
  EXPECT_EQ(ranked[2].id, 20);
  EXPECT_EQ(ranked[0].votes, ranked[1].votes);
  EXPECT_GT(ranked[1].votes, ranked[2].votes);
  EXPECT_EQ(index.RankedCandidates(Sig(story), 1).size(), 1u);
}

TEST(LshIndexTest, RarityIsTheSumOfOneOverArticlesPerKey) {
  Options o;
  LshIndex index(o);
  const std::string common = Words("c", 300), rare = Words("r", 300);
  for (ArticleId id = 1; id <= 10; ++id) index.Add(id, Sig(common));  // every key in 10 articles
  index.Add(11, Sig(rare));                                           // every key in 1
  auto ranked = index.RankedCandidates(Sig(common + " " + rare), 20);
  ASSERT_EQ(ranked.size(), 11u);
  for (const auto& c : ranked) {
    ASSERT_GE(c.votes, 3);
    const double per_key = c.id == 11 ? 1.0 : 0.1;
    EXPECT_NEAR(c.rarity, per_key * c.votes, 1e-5) << c.id;
  }
  // Removed articles no longer count: the common keys are then in 5 articles.
  for (ArticleId id = 1; id <= 5; ++id) index.Remove(id);
  for (const auto& c : index.RankedCandidates(Sig(common), 20)) {
    EXPECT_NEAR(c.rarity, 0.2 * c.votes, 1e-5) << c.id;
  }
}

TEST(LshIndexTest, AmongEqualVotesTheRarerKeysRankFirst) {
  Options o;
  o.winnow_window = 1;  // every shingle is an anchor: one shared 5-word phrase is one vote
  LshIndex index(o);
  for (ArticleId id = 1; id <= 5; ++id) {  // a stock phrase, in five older articles
    index.Add(id, Sig("s1 s2 s3 s4 s5 " + Words("t" + std::to_string(id) + "x", 20), o));
  }
  index.Add(6, Sig("r1 r2 r3 r4 r5 " + Words("u", 20), o));  // a phrase only one article has
  const Signature query = Sig("s1 s2 s3 s4 s5 zz r1 r2 r3 r4 r5", o);
  auto ranked = index.RankedCandidates(query, 1);
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].id, 6);
  EXPECT_EQ(ranked[0].votes, 1);
  EXPECT_FLOAT_EQ(ranked[0].rarity, 1.0f);
  auto all = index.RankedCandidates(query, 10);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[1].id, 1);  // then the stock-phrase ones by id
  EXPECT_FLOAT_EQ(all[1].rarity, 0.2f);
}

TEST(LshIndexTest, RemoveAndReplace) {
  Options o;
  LshIndex index(o);
  const std::string story = Words("w", 400);
  index.Add(1, Sig(story));
  index.Add(2, Sig(story));
  index.Remove(1);
  index.Remove(99);  // absent: no-op
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(index.Candidates(Sig(story)), std::vector<ArticleId>{2});
  // Re-adding an id under another text replaces its entry.
  index.Add(2, Sig(Words("u", 400)));
  EXPECT_TRUE(index.Candidates(Sig(story)).empty());
  EXPECT_EQ(index.Candidates(Sig(Words("u", 400))), std::vector<ArticleId>{2});
  EXPECT_EQ(index.size(), 1u);
  // An empty signature is not indexed.
  index.Add(3, Signature{});
  EXPECT_FALSE(index.Contains(3));
  EXPECT_TRUE(index.Candidates(Signature{}).empty());
}

TEST(LshIndexTest, ChurnKeepsResultsAndMemoryBounded) {
  Options o;
  LshIndex index(o);
  // Age out articles while adding new ones: a sliding window of 500 of 5000.
  for (ArticleId id = 0; id < 5000; ++id) {
    index.Add(id, Sig(Words("t" + std::to_string(id) + "w", 60)));
    if (id >= 500) index.Remove(id - 500);
  }
  EXPECT_EQ(index.size(), 500u);
  EXPECT_EQ(index.Candidates(Sig(Words("t4999w", 60))), std::vector<ArticleId>{4999});
  EXPECT_TRUE(index.Candidates(Sig(Words("t10w", 60))).empty());
  EXPECT_LT(index.MemoryBytes(), 500u * 4096);
}

TEST(LshIndexTest, MemoryPerArticle) {
  Options o;
  LshIndex index(o);
  const int n = 20000;
  for (ArticleId id = 0; id < n; ++id) {
    // 800-word texts (about 5 KB), each distinct.
    index.Add(id, Sig(Words("a" + std::to_string(id) + "x", 800)));
  }
  const double per_article = static_cast<double>(index.MemoryBytes()) / n;
  // Measured 474 bytes at n = 20,000 (~39 anchors per article; the table's load varies between
  // 40% and 80%). The former table of 64-bit keys, 32 bands and threshold anchors: 1,578.
  EXPECT_LT(per_article, 700);
  RecordProperty("bytes_per_article", std::to_string(per_article));
  std::printf("LshIndex bytes per article (n=%d): %.0f\n", n, per_article);
}

TEST(LshIndexTest, SweepKeepsLiveArticlesAndTheirOrder) {
  Options o;
  o.max_bucket = 3;
  LshIndex index(o);
  const Signature shared = Sig(Words("w", 100));
  for (ArticleId id = 0; id < 5000; ++id) {
    index.Add(id, id % 2 ? shared : Sig(Words("u" + std::to_string(id) + "x", 60)));
  }
  for (ArticleId id = 0; id < 4000; ++id) index.Remove(id);  // sweeps on the way
  EXPECT_EQ(index.size(), 1000u);
  EXPECT_FALSE(index.Contains(3999));
  EXPECT_TRUE(index.Contains(4000));
  // The newest three of the shared text, as before the sweep.
  EXPECT_EQ(index.Candidates(shared), (std::vector<ArticleId>{4995, 4997, 4999}));
  EXPECT_EQ(index.Candidates(Sig(Words("u4000x", 60))), std::vector<ArticleId>{4000});
  EXPECT_TRUE(index.Candidates(Sig(Words("u10x", 60))).empty());
  index.Add(4000, shared);  // replace after a sweep
  EXPECT_TRUE(index.Candidates(Sig(Words("u4000x", 60))).empty());
  EXPECT_EQ(index.size(), 1000u);
}

TEST(LshIndexTest, FloodOfIdenticalArticlesIsCapped) {
  Options o;
  o.max_bucket = 100;
  LshIndex index(o);
  const Signature sig = Sig(Words("w", 100));
  for (ArticleId id = 0; id < 3000; ++id) index.Add(id, sig);
  auto c = index.Candidates(sig);
  EXPECT_EQ(c.size(), 100u);
  EXPECT_EQ(c.front(), 2900);  // the most recent ones
}

}  // namespace
}  // namespace headwater::reuse
