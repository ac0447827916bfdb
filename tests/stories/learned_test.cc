// The learned join rule: the logistic fit itself, teacher-forced example collection, and its
// quality on the UCI dev sample under the held-out protocol (fit on one half of the gold
// stories, score on the other).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "stories/assignment_model.h"
#include "stories/clusterer.h"
#include "stories/evaluate.h"
#include "stories/training.h"
#include "story_data.h"
#include "test_util.h"

namespace headwater::stories {
namespace {

using testing::Labelled;

struct Stream {
  std::vector<ArticleFeatures> articles;
  std::vector<int64_t> gold;
};

Stream ToStream(const std::vector<Labelled>& data) {
  Stream s;
  for (const Labelled& l : data) {
    s.articles.push_back(l.features);
    s.gold.push_back(l.gold);
  }
  return s;
}

// Halves by gold story, alternately in order of first appearance (as bench/stories_baseline.py).
std::pair<Stream, Stream> SplitHalves(const std::vector<Labelled>& data) {
  std::map<int64_t, size_t> order;
  for (const Labelled& l : data) order.try_emplace(l.gold, order.size());
  std::vector<Labelled> a, b;
  for (const Labelled& l : data) (order[l.gold] % 2 == 0 ? a : b).push_back(l);
  return {ToStream(a), ToStream(b)};
}

struct Scores {
  ClusteringScores bcubed, pairwise;
  size_t stories = 0;
};

Scores RunStream(const Stream& s, const Options& o) {
  StoryClusterer c(o);
  std::vector<int64_t> pred;
  for (const ArticleFeatures& a : s.articles) pred.push_back(c.Assign(a).story);
  for (int64_t& p : pred) p = c.Surviving(p);
  std::map<int64_t, int> distinct;
  for (int64_t p : pred) distinct[p]++;
  return {BCubed(pred, s.gold), Pairwise(pred, s.gold), distinct.size()};
}

void Print(const char* what, const Scores& s) {
  std::printf("%s: B-cubed P %.3f R %.3f F1 %.3f; pairwise P %.3f R %.3f F1 %.3f; %zu stories\n",
              what, s.bcubed.precision, s.bcubed.recall, s.bcubed.f1, s.pairwise.precision,
              s.pairwise.recall, s.pairwise.f1, s.stories);
}

TEST(AssignmentModel, FitsASeparatingDirection) {
  // Same-story pairs have high cosine, others low, with noise: the fit must weigh cosine up and
  // rank the classes apart.
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 0.1);
  std::vector<LabelledCandidate> ex;
  for (int i = 0; i < 2000; ++i) {
    bool same = i % 3 == 0;
    LabelledCandidate e;
    e.same = same;
    e.features.cosine = std::clamp((same ? 0.5 : 0.15) + noise(rng), 0.0, 1.0);
    e.features.score = e.features.cosine;
    e.features.coverage = std::clamp((same ? 0.6 : 0.3) + noise(rng), 0.0, 1.0);
    e.features.log_size = std::abs(noise(rng)) * 10;
    e.features.cohesion = 0.5 + noise(rng);
    ex.push_back(e);
  }
  auto m = FitAssignmentModel(ex);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  CandidateFeatures hi, lo;
  hi.cosine = hi.score = 0.5;
  hi.coverage = 0.6;
  lo.cosine = lo.score = 0.15;
  lo.coverage = 0.3;
  hi.cohesion = lo.cohesion = 0.5;
  EXPECT_GT(m->Probability(hi), 0.9);
  EXPECT_LT(m->Probability(lo), 0.1);
  size_t right = 0;
  for (const auto& e : ex) right += (m->Probability(e.features) >= 0.5) == e.same;
  EXPECT_GT(double(right) / ex.size(), 0.95);
}

TEST(AssignmentModel, RefusesOneClass) {
  std::vector<LabelledCandidate> ex(10);
  EXPECT_FALSE(FitAssignmentModel(ex).ok());
  EXPECT_FALSE(FitAssignmentModel({}).ok());
  EXPECT_EQ(AssignmentModel().Probability(CandidateFeatures{}), 0);
  EXPECT_TRUE(AssignmentModel(std::vector<double>(3, 1.0)).empty());  // wrong size
}

TEST(AssignForced, PutsArticlesWhereToldAndReportsCandidates) {
  StoryClusterer c;
  ArticleFeatures a;
  a.id = 1;
  a.time = 1000;
  a.title = "Volcano erupts near Reykjavik airport";
  ArticleFeatures b;
  b.id = 2;
  b.time = 1100;
  b.title = "Reykjavik volcano eruption closes airport";
  ArticleFeatures d;
  d.id = 3;
  d.time = 1200;
  d.title = "Central bank raises interest rates";
  Assignment first, second, third;
  EXPECT_TRUE(c.AssignForced(a, 0, &first).empty());
  EXPECT_TRUE(first.is_new);
  // Forced into a new story although it matches story 1 well: the candidate is still reported.
  auto feats = c.AssignForced(b, 0, &second);
  EXPECT_TRUE(second.is_new);
  ASSERT_EQ(feats.size(), 1u);
  EXPECT_EQ(feats[0].story, first.story);
  EXPECT_TRUE(feats[0].in_window);
  EXPECT_GT(feats[0].cosine, 0.2);
  EXPECT_GT(feats[0].coverage, feats[0].cosine * feats[0].cosine - 1e-12);
  EXPECT_DOUBLE_EQ(feats[0].margin, 1.0);
  // Forced into story 1 although it shares no term with it.
  c.AssignForced(d, first.story, &third);
  EXPECT_FALSE(third.is_new);
  EXPECT_EQ(third.story, first.story);
  EXPECT_EQ(c.merges().size(), 0u);
}

// Held-out protocol on the UCI dev sample: the model is fit on half A's stream (gold stories
// alternately by first appearance) and the clusterer runs with it on half B's, and the reverse;
// then fit and run on the whole sample. Printed beside the default (threshold) rule on the same
// stream. Measured 2026-11-25 (FitJoinModel defaults: teacher-forced plus 2 on-policy rounds;
// Options defaults otherwise, merge_threshold 0.2), B-cubed F1 (pairwise):
//   A->B: default thresholds 0.899 (0.916), learned 0.909 (0.933);
//   B->A: default thresholds 0.883 (0.898), learned 0.888 (0.880);
//   whole sample fit on itself: thresholds 0.842 (0.851), learned 0.849 (0.849).
// Thresholds fit on the other half (bench/stories_baseline.py) reach 0.897 / 0.897: the learned
// rule is level with them held out, not better, which is why Options::join_model is empty by
// default. Exploration knobs (floors are not asserted when one is set): HW_STORIES_EXEMPLARS,
// HW_STORIES_PMIN, HW_STORIES_MERGE, HW_STORIES_ROUNDS.
TEST(StoriesLearned, HeldOutHalvesOfUci) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  ASSERT_EQ(data.size(), 4240u);
  auto [a, b] = SplitHalves(data);
  Options base;
  bool knobs = false;
  if (const char* e = std::getenv("HW_STORIES_EXEMPLARS"))
    base.exemplars = std::atoi(e), knobs = true;
  if (const char* e = std::getenv("HW_STORIES_PMIN")) {
    base.join_model_min_probability = std::atof(e);
    knobs = true;
  }
  if (const char* e = std::getenv("HW_STORIES_MERGE"))
    base.merge_threshold = std::atof(e), knobs = true;
  Stream whole = ToStream(data);
  std::vector<Scores> learned;
  for (const auto& [name, fit, test] : {std::tuple("A->B", &a, &b), std::tuple("B->A", &b, &a),
                                        std::tuple("all->all", &whole, &whole)}) {
    TrainingOptions training;
    if (const char* e = std::getenv("HW_STORIES_ROUNDS")) {
      training.on_policy_rounds = std::atoi(e);
      knobs = true;
    }
    auto model = FitJoinModel(fit->articles, fit->gold, base, FitOptions{}, training);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    Options o = base;
    o.join_model = *model;
    std::printf("%s model: %s\n", name, model->ToString().c_str());
    Print((std::string(name) + " thresholds").c_str(), RunStream(*test, base));
    learned.push_back(RunStream(*test, o));
    Print((std::string(name) + " learned").c_str(), learned.back());
  }
  if (knobs) return;
  EXPECT_GE(learned[0].bcubed.f1, 0.905);
  EXPECT_GE(learned[1].bcubed.f1, 0.885);
  EXPECT_GE(learned[2].bcubed.f1, 0.845);
  EXPECT_GE(learned[2].pairwise.f1, 0.845);
}

// The learned rule must not change what it does not judge: articles with body text keep the
// threshold rule, so a model that would join everything leaves a full-text stream as it was.
TEST(StoriesLearned, FullTextArticlesKeepTheThresholdRule) {
  std::vector<ArticleFeatures> stream;
  const char* bodies[] = {"The volcano near the airport erupted in the night, closing flights.",
                          "Lava reached the airport road as the eruption went on.",
                          "The central bank raised its interest rate by half a point.",
                          "Bank officials said the interest rate rise fights inflation."};
  for (int i = 0; i < 4; ++i) {
    ArticleFeatures f;
    f.id = i + 1;
    f.time = 1000 + i * 60;
    f.title = i < 2 ? "Eruption news" : "Rates news";
    f.text = bodies[i];
    stream.push_back(f);
  }
  std::vector<double> join_all(kModelFeatures + 1, 0.0);
  join_all[0] = 50;  // probability ~1 for every candidate
  Options with;
  with.join_model = AssignmentModel(join_all);
  with.join_model_min_score = 0;
  StoryClusterer plain, learned(with);
  for (const auto& f : stream) EXPECT_EQ(plain.Assign(f).story, learned.Assign(f).story);
  // The same stream as headlines only: now the model decides, and it joins everything.
  StoryClusterer headlines(with);
  std::set<StoryId> ids;
  for (auto f : stream) {
    f.text.clear();
    f.title = f.title + " " + std::to_string(f.id);
    ids.insert(headlines.Surviving(headlines.Assign(f).story));
  }
  EXPECT_EQ(ids.size(), 1u);
}

// Second-pass merge (StoryClusterer::MergePass) on the UCI dev sample: every `every` articles
// and at the end of the stream, with the default Options otherwise. Printed against the same
// stream without passes; see the floors below for what was measured.
Scores RunWithPasses(const Stream& s, const Options& o, size_t every, double threshold,
                     size_t* pass_merges) {
  StoryClusterer c(o);
  std::vector<int64_t> pred;
  *pass_merges = 0;
  for (size_t i = 0; i < s.articles.size(); ++i) {
    pred.push_back(c.Assign(s.articles[i]).story);
    if (every > 0 && (i + 1) % every == 0) {
      *pass_merges += c.MergePass(s.articles[i].time, threshold).size();
    }
  }
  if (!s.articles.empty()) *pass_merges += c.MergePass(s.articles.back().time, threshold).size();
  for (int64_t& p : pred) p = c.Surviving(p);
  std::map<int64_t, int> distinct;
  for (int64_t p : pred) distinct[p]++;
  return {BCubed(pred, s.gold), Pairwise(pred, s.gold), distinct.size()};
}

TEST(StoriesMergePass, MergesAreRecordedAndFollowed) {
  StoryClusterer c;
  auto make = [](int id, const char* title) {
    ArticleFeatures f;
    f.id = id;
    f.time = 1000 + id;
    f.title = title;
    return f;
  };
  // Two stories of two articles each that share their key terms only as stories grow.
  StoryId s1 = c.Assign(make(1, "Harbour crane collapse injures dock workers")).story;
  c.Assign(make(2, "Harbour crane collapse: dock workers injured"));
  StoryId s2 = c.Assign(make(3, "Dock workers strike after harbour crane accident")).story;
  c.Assign(make(4, "Harbour dock workers strike over crane safety"));
  size_t before = c.merges().size();
  auto made = c.MergePass(2000, 0.05);
  ASSERT_EQ(c.merges().size(), before + made.size());
  for (const StoryMerge& m : made) {
    EXPECT_LT(m.into, m.from);
    EXPECT_GE(m.score, 0.05);
    EXPECT_EQ(c.Surviving(m.from), c.Surviving(m.into));
  }
  EXPECT_EQ(c.Surviving(s1), c.Surviving(s2));
  // Nothing left to merge at that threshold: a second pass makes none.
  EXPECT_TRUE(c.MergePass(2000, 0.05).empty());
  // Beyond the window nothing is compared.
  EXPECT_TRUE(c.MergePass(1000 + 30 * 86400, 0.01).empty());
}

// Measured 2026-11-25, B-cubed F1 (pass every 250 articles and at the end / no pass):
//   whole sample: th 0.15 0.850 / 0.842, th 0.10 0.817;  half A: th 0.15 0.889 / 0.883,
//   th 0.10 0.879;  half B: th 0.15 0.905 / 0.899, th 0.10 0.918.
// Held out (threshold chosen on one half, scored on the other): fit A -> 0.15 -> B 0.905
// (+0.006); fit B -> 0.10 -> A 0.879 (-0.004). At 0.2 (= merge_threshold) a pass finds nothing
// the online merge step did not. Within noise, so the pipeline does not run passes.
TEST(StoriesMergePass, UciWithPasses) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  auto [a, b] = SplitHalves(data);
  Stream whole = ToStream(data);
  std::map<std::string, Scores> at15;
  for (const auto& [name, stream] :
       {std::pair("all", &whole), std::pair("A", &a), std::pair("B", &b)}) {
    for (double th : {0.1, 0.15}) {
      size_t merges = 0;
      Scores sc = RunWithPasses(*stream, Options{}, 250, th, &merges);
      std::printf("%s pass th %.2f every 250: %zu pass merges; ", name, th, merges);
      Print("", sc);
      if (th == 0.15) at15[name] = sc;
    }
  }
  EXPECT_GE(at15["all"].bcubed.f1, 0.845);
  EXPECT_GE(at15["A"].bcubed.f1, 0.885);
  EXPECT_GE(at15["B"].bcubed.f1, 0.90);
}

}  // namespace
}  // namespace headwater::stories
