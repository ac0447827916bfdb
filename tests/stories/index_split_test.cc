// The inverted index split into the window's stories and aged ones (clusterer_state.h): the
// split and the cap on aged lookups (Options::aged_postings_cap) must not change decisions on
// real streams with revivals, including articles out of time order, and a clusterer restored
// mid-stream (index rebuilt from latest_time) must go on exactly as the original.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "stories/clusterer.h"
#include "story_data.h"
#include "test_util.h"

namespace headwater::stories {
namespace {

// UCI dev sample, then the second half of every story 60 days on (then, with `year_on`, all of
// it a year on); with `jitter_days`, every time moves by up to that many days either way (out of
// order).
std::vector<ArticleFeatures> RevivalStream(const std::vector<testing::Labelled>& data,
                                           int jitter_days, bool year_on) {
  std::map<int64_t, int> seen, total;
  for (const auto& l : data) total[l.gold]++;
  std::vector<ArticleFeatures> out, late;
  for (const auto& l : data) {
    if (2 * seen[l.gold]++ < total[l.gold]) {
      out.push_back(l.features);
    } else {
      ArticleFeatures f = l.features;
      f.time += 60 * 86400;
      late.push_back(f);
    }
  }
  out.insert(out.end(), late.begin(), late.end());
  for (const auto& l : data) {
    if (!year_on) break;
    ArticleFeatures f = l.features;
    f.time += 365 * 86400;
    f.id += 100000;
    out.push_back(f);
  }
  if (jitter_days > 0) {
    std::mt19937_64 rng(3);
    std::uniform_int_distribution<int64_t> d(-jitter_days * 86400, jitter_days * 86400);
    for (auto& f : out) f.time += d(rng);
  }
  return out;
}

struct Decision {
  StoryId story;
  bool is_new, revived;
  double score;
  std::vector<StoryId> merged_from;
  bool operator==(const Decision&) const = default;
};

Decision Of(const Assignment& a) {
  // The score of a new story is the best below threshold among the stories scored: fewer are
  // scored with a cap, so it is not compared.
  return {a.story, a.is_new, a.revived, a.is_new ? 0 : a.score, a.merged_from};
}

TEST(StoriesIndexSplit, CapOnAgedLookupsKeepsDecisionsOnRevivalStreams) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  for (int jitter : {0, 20}) {
    auto stream = RevivalStream(data, jitter, /*year_on=*/false);
    Options uncapped;
    uncapped.aged_postings_cap = 0;
    StoryClusterer a, b(uncapped);
    size_t differ = 0, revived = 0;
    for (const auto& f : stream) {
      Decision x = Of(a.Assign(f)), y = Of(b.Assign(f));
      differ += !(x == y);
      revived += y.revived;
    }
    EXPECT_EQ(differ, 0u) << "jitter " << jitter;
    EXPECT_GT(revived, 40u) << "jitter " << jitter;  // the stream does exercise revival
  }
}

TEST(StoriesIndexSplit, RestoredMidStreamWithAgedStoriesGoesOnIdentically) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto stream = RevivalStream(testing::LoadUci(path), 0, /*year_on=*/true);
  StoryClusterer a;
  size_t cut = stream.size() * 5 / 8;  // inside the late halves: the early stories are aged
  for (size_t i = 0; i < cut; ++i) (void)a.Assign(stream[i]);
  auto b = StoryClusterer::Deserialize(a.Serialize(), Options{});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  size_t differ = 0;
  for (size_t i = cut; i < stream.size(); ++i) {
    Assignment x = a.Assign(stream[i]), y = b->Assign(stream[i]);
    differ += !(Of(x) == Of(y)) || x.score != y.score;
  }
  EXPECT_EQ(differ, 0u);
  EXPECT_EQ(a.Serialize(), b->Serialize());
}

}  // namespace
}  // namespace headwater::stories
