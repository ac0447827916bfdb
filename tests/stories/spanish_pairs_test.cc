// Spanish same-event pairs (issue 7): the v1-2018 dev file of spanish-news (295 articles from
// Mexican outlets, 2018) streamed through StoryClusterer with default Options, scored on the
// true/fake pairs judged by reading to report one happening (ids only, in
// tests/fixtures/stories/spanish_news_pairs.tsv; see the README there). The data carries no
// dates, so articles stream in file order with no time (every story stays in the window).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "stories/clusterer.h"
#include "stories/evaluate.h"
#include "story_data.h"
#include "test_util.h"

namespace headwater::stories {
namespace {

// Floors measured 2026-11-25 with default Options (see docs/BENCHMARKS.md, stories): 4 of 6
// pairs in one story (the Aquarius pair is missed: the fake misspells the ship's name; the
// Wanders Lover fake joins three other fakes about films), no two labelled events in one story,
// 23 other dev articles in the labelled articles' stories (16 of them in one story of ten
// articles naming Peña Nieto, around the Pemex/CFE pair).
constexpr double kPairRecallFloor = 0.66;
constexpr int kIntrudersCeiling = 23;

struct Pair {
  int64_t pair = 0, fake_id = 0, true_id = 0;
};

std::vector<Pair> LoadPairs() {
  std::ifstream in(std::string(HEADWATER_TEST_FIXTURES) + "/stories/spanish_news_pairs.tsv");
  std::vector<Pair> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream row(line);
    Pair p;
    if (row >> p.pair >> p.fake_id >> p.true_id) out.push_back(p);
  }
  return out;
}

struct PairsRun {
  int pairs = 0, together = 0;        // labelled pairs, and those whose two articles share a story
  ClusteringScores pairwise, bcubed;  // over the labelled articles only, gold = their pair
  int intruders = 0;                  // articles outside a pair in the story of one of its articles
  int story_slots = 0;  // stories of labelled articles, counted once per labelled article
  int stories = 0;      // stories made from the whole stream
};

PairsRun RunPairs(const std::string& path, const std::vector<Pair>& pairs, const Options& o) {
  std::map<int64_t, int64_t> gold;  // corpus id -> pair
  for (const Pair& p : pairs) gold[p.fake_id] = gold[p.true_id] = p.pair;
  StoryClusterer c(o);
  std::vector<std::pair<int64_t, StoryId>> assigned;  // corpus id, story (in file order)
  std::istringstream in(testing::ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    ArticleFeatures a;
    a.id = j.value("id", int64_t{0});
    a.lang = "es";
    a.title = j.value("headline", "");
    a.text = j.value("text", "");
    assigned.emplace_back(a.id, c.Assign(a).story);
  }
  EXPECT_EQ(assigned.size(), 295u);
  // The clustering at the end of the stream: a merged-away story lives on in its survivor.
  std::map<int64_t, StoryId> story_of;
  std::map<StoryId, std::vector<int64_t>> members;
  for (auto& [id, s] : assigned) {
    s = c.Surviving(s);
    story_of[id] = s;
    members[s].push_back(id);
  }
  PairsRun run;
  run.stories = static_cast<int>(members.size());
  std::vector<int64_t> predicted, labels;
  for (const Pair& p : pairs) {
    if (!story_of.count(p.fake_id) || !story_of.count(p.true_id)) continue;
    ++run.pairs;
    run.together += story_of[p.fake_id] == story_of[p.true_id];
    for (int64_t id : {p.fake_id, p.true_id}) {
      predicted.push_back(story_of[id]);
      labels.push_back(p.pair);
      ++run.story_slots;
      for (int64_t other : members[story_of[id]]) {
        run.intruders += other != id && (!gold.count(other) || gold[other] != p.pair);
      }
      if (std::getenv("HW_STORIES_DIAG") == nullptr) continue;
      std::printf("pair %lld article %lld: story of %zu:", static_cast<long long>(p.pair),
                  static_cast<long long>(id), members[story_of[id]].size());
      for (int64_t other : members[story_of[id]])
        std::printf(" %lld", static_cast<long long>(other));
      std::printf("\n");
    }
  }
  run.pairwise = Pairwise(predicted, labels);
  run.bcubed = BCubed(predicted, labels);
  return run;
}

TEST(StoriesSpanishPairs, FixtureHoldsDistinctArticles) {
  std::vector<Pair> pairs = LoadPairs();
  ASSERT_GE(pairs.size(), 5u);
  std::set<int64_t> ids;
  for (const Pair& p : pairs) {
    EXPECT_NE(p.fake_id, p.true_id);
    ids.insert(p.fake_id);
    ids.insert(p.true_id);
  }
  EXPECT_EQ(ids.size(), 2 * pairs.size()) << "an article is in two pairs";
}

TEST(StoriesSpanishPairs, PairsLandInOneStoryAndDifferentEventsStayApart) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("spanish-news/v1-2018-dev.jsonl", path);
  std::vector<Pair> pairs = LoadPairs();
  PairsRun run = RunPairs(path, pairs, Options{});
  ASSERT_EQ(run.pairs, static_cast<int>(pairs.size())) << "a labelled id is missing from the file";
  double recall = static_cast<double>(run.together) / run.pairs;
  std::printf(
      "spanish pairs: %d/%d pairs in one story (%.2f); labelled articles: pairwise P %.3f R %.3f "
      "F1 %.3f, B-cubed P %.3f R %.3f F1 %.3f; %d other articles in the %d labelled articles' "
      "stories; %d stories from 295 articles\n",
      run.together, run.pairs, recall, run.pairwise.precision, run.pairwise.recall, run.pairwise.f1,
      run.bcubed.precision, run.bcubed.recall, run.bcubed.f1, run.intruders, run.story_slots,
      run.stories);
  EXPECT_GE(recall, kPairRecallFloor);
  EXPECT_GE(run.pairwise.precision, 1.0);  // no two labelled events share a story
  EXPECT_LE(run.intruders, kIntrudersCeiling);
}

}  // namespace
}  // namespace headwater::stories
