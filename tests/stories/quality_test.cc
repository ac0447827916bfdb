// Quality of StoryClusterer on real labelled data (read from ../shared/data at run time).
// Floors asserted here were measured with the default Options; see each test.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "stories/clusterer.h"
#include "stories/evaluate.h"
#include "story_data.h"
#include "test_util.h"

namespace headwater::stories {
namespace {

using testing::Labelled;

struct ClusterRun {
  std::string largest_title;               // Title() of the largest predicted story
  std::vector<std::string> largest_terms;  // its KeyTerms()
  std::vector<int64_t> predicted, gold;
  double seconds = 0;
};

ClusterRun Cluster(const std::vector<Labelled>& data, const Options& options) {
  StoryClusterer c(options);
  ClusterRun run;
  auto t0 = std::chrono::steady_clock::now();
  for (const Labelled& l : data) run.predicted.push_back(c.Assign(l.features).story);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The clustering at the end of the stream: a story merged away lives on in its survivor.
  for (int64_t& s : run.predicted) s = c.Surviving(s);
  for (const Labelled& l : data) run.gold.push_back(l.gold);
  std::map<int64_t, int> sizes;
  for (int64_t s : run.predicted) sizes[s]++;
  int64_t largest = 0;
  for (const auto& [s, n] : sizes) {
    if (largest == 0 || n > sizes[largest]) largest = s;
  }
  run.largest_title = c.Title(largest);
  run.largest_terms = c.KeyTerms(largest);
  return run;
}

// Default Options on the UCI dev sample (the sample the thresholds were calibrated on, so this
// is a regression floor, not a held-out score; bench/stories_baseline.py gives the split-half
// held-out figures). Measured 2026-11-25 with story merging (merge_threshold 0.2, join 0.15):
// B-cubed P 0.839 R 0.845 F1 0.842; pairwise P 0.829 R 0.874 F1 0.851 (before merging: B-cubed
// 0.812, pairwise 0.843).
TEST(StoriesUci, DefaultOptionsMeetMeasuredFloor) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  ASSERT_EQ(data.size(), 4240u);
  ClusterRun run = Cluster(data, Options{});
  ClusteringScores b = BCubed(run.predicted, run.gold);
  ClusteringScores p = Pairwise(run.predicted, run.gold);
  std::printf(
      "UCI dev: bcubed P %.3f R %.3f F1 %.3f; pairwise P %.3f R %.3f F1 %.3f; %.0f "
      "assignments/s\n",
      b.precision, b.recall, b.f1, p.precision, p.recall, p.f1, data.size() / run.seconds);
  EXPECT_GE(b.f1, 0.835);
  EXPECT_GE(b.precision, 0.83);
  EXPECT_GE(b.recall, 0.835);
  EXPECT_GE(p.f1, 0.845);
}

// Serialize mid-stream on real data: the restored clusterer assigns the rest of the stream
// exactly as the original does (same stories, bit-identical scores).
TEST(StoriesUci, SerializeMidStreamGivesIdenticalAssignments) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  StoryClusterer a;
  size_t half = data.size() / 2;
  for (size_t i = 0; i < half; ++i) (void)a.Assign(data[i].features);
  StatusOr<StoryClusterer> b = StoryClusterer::Deserialize(a.Serialize(), Options{});
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  size_t differing = 0;
  for (size_t i = half; i < data.size(); ++i) {
    Assignment x = a.Assign(data[i].features), y = b->Assign(data[i].features);
    differing += x.story != y.story || x.score != y.score || x.is_new != y.is_new;
  }
  EXPECT_EQ(differing, 0u);
  EXPECT_EQ(a.Serialize(), b->Serialize());
}

// Throughput on headlines (UCI dev sample), one thread, per CPU-second. Measured on the shared
// (loaded) 2-core machine: ~10,500/s in a Debug build (13,500 per CPU-second on 2026-11-25),
// 40,000..65,000/s in Release; the floor leaves room for sanitizer builds.
TEST(StoriesUci, Throughput) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  // CPU time of this process (one thread), not wall time: on the shared machine the wall
  // clock measures the other agents' load (2,000/s wall at load average 15 in Debug).
  std::clock_t c0 = std::clock();
  ClusterRun run = Cluster(data, Options{});
  double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  double per_second = data.size() / std::max(cpu, 1e-9);
  std::printf("UCI dev: %zu assignments in %.3f CPU s = %.0f/s (wall %.3f s)\n", data.size(), cpu,
              per_second, run.seconds);
  EXPECT_GE(per_second, 5000);
}

// The 612 Helsinki-summit articles should form one story (or a few), and the census and Spotify
// articles must not join it. Measured with default Options (full texts join at
// join_threshold_text = 0.2, merge_threshold 0.2): the largest Helsinki story holds 0.908 of the
// Helsinki articles (41 stories in all, most of the rest singletons; 0.897 in 43 without
// merging) and nothing else; census and Spotify articles join no story with a Helsinki article.
TEST(StoriesEvents, HelsinkiIsOneStoryAndOthersStayOut) {
  std::string h, ce, sp;
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/helsinki_articles.csv", h);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/census_articles.csv", ce);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/spotify_articles.csv", sp);
  std::vector<Labelled> data = testing::LoadEvents(h, 1);
  ASSERT_EQ(data.size(), 612u);
  for (auto& l : testing::LoadEvents(ce, 2)) data.push_back(l);
  for (auto& l : testing::LoadEvents(sp, 3)) data.push_back(l);
  std::stable_sort(data.begin(), data.end(), [](const Labelled& a, const Labelled& b) {
    return a.features.time < b.features.time;
  });
  ClusterRun run = Cluster(data, Options{});
  double coverage = ClassCoverage(run.predicted, run.gold, 1);
  std::set<int64_t> helsinki_stories, other_stories;
  for (size_t i = 0; i < data.size(); ++i) {
    (data[i].gold == 1 ? helsinki_stories : other_stories).insert(run.predicted[i]);
  }
  size_t mixed = 0;
  for (int64_t s : other_stories) mixed += helsinki_stories.count(s);
  ClusteringScores b = BCubed(run.predicted, run.gold);
  std::printf(
      "events: Helsinki coverage %.3f in %zu stories; %zu mixed stories; bcubed P %.3f "
      "R %.3f F1 %.3f; %.0f assignments/s\n",
      coverage, helsinki_stories.size(), mixed, b.precision, b.recall, b.f1,
      data.size() / run.seconds);
  std::printf("largest story: \"%s\" [", run.largest_title.c_str());
  for (const auto& t : run.largest_terms) std::printf(" %s", t.c_str());
  std::printf(" ]\n");
  // The label's key terms name the summit. (At join_threshold_text 0.2 the most central title
  // is a wire news roundup, "AP News in Brief …", so the title itself is not asserted.)
  EXPECT_NE(std::find(run.largest_terms.begin(), run.largest_terms.end(), "putin"),
            run.largest_terms.end());
  EXPECT_NE(std::find(run.largest_terms.begin(), run.largest_terms.end(), "helsinki"),
            run.largest_terms.end());
  EXPECT_GE(coverage, 0.90);  // measured 0.908 (0.897 without merging)
  EXPECT_EQ(mixed, 0u);
  EXPECT_DOUBLE_EQ(b.precision, 1.0);
  // Census and Spotify each stay together too.
  EXPECT_GE(ClassCoverage(run.predicted, run.gold, 2), 0.8);
  EXPECT_GE(ClassCoverage(run.predicted, run.gold, 3), 0.8);
}

// Revival, simulated on the UCI dev sample: the first half of every gold story's headlines is
// streamed, then the second halves 60 days later, when every story is dormant. Counts how many
// late headlines revive a story of their own gold story (recall) and how many revivals go to a
// story of another gold story (error rate). Sweep revive_threshold with HW_SWEEP_REVIVE.
struct RevivalRun {
  int late = 0, revived = 0, revived_right = 0, joined_right = 0;
};

RevivalRun RunRevival(const std::vector<Labelled>& data, const Options& o) {
  std::map<int64_t, std::vector<size_t>> by_gold;
  for (size_t i = 0; i < data.size(); ++i) by_gold[data[i].gold].push_back(i);
  std::vector<size_t> early, late;
  for (size_t i = 0; i < data.size(); ++i) {
    const auto& members = by_gold[data[i].gold];
    size_t rank = std::find(members.begin(), members.end(), i) - members.begin();
    (rank < members.size() / 2 ? early : late).push_back(i);
  }
  StoryClusterer c(o);
  std::map<StoryId, std::map<int64_t, int>> gold_of_story;
  for (size_t i : early) gold_of_story[c.Assign(data[i].features).story][data[i].gold]++;
  auto majority = [&](StoryId s) {
    int64_t g = -1;
    int best = 0;
    for (const auto& [gold, n] : gold_of_story[s]) {
      if (n > best) best = n, g = gold;
    }
    return g;
  };
  RevivalRun run;
  constexpr UnixSeconds kLater = 60 * 86400;
  for (size_t i : late) {
    ArticleFeatures a = data[i].features;
    a.time += kLater;
    StoryId before = c.story_count();
    Assignment x = c.Assign(a);
    ++run.late;
    bool old_story = x.story <= before && gold_of_story.count(x.story) > 0;
    if (x.revived) {
      ++run.revived;
      if (old_story && majority(x.story) == data[i].gold) ++run.revived_right;
    }
    if (!x.is_new && old_story && majority(x.story) == data[i].gold) ++run.joined_right;
  }
  return run;
}

// Measured with default Options: of 2,139 late headlines 53 revive a dormant story, 48 of them
// the right one (0.906); 1,709 late headlines (0.799) end in an early story of their own gold
// story (the rest start new stories, or join a wrong one). (Before revival needed content words
// or a strong match, Options::revive_content_threshold: 54, 49 (0.907), 1,712 (0.800); before
// story merging: 53, 49 (0.925), 1,703 (0.796).)
TEST(StoriesUci, DormantStoriesReviveOnTheirOwnHeadlines) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  Options o;
  if (const char* v = std::getenv("HW_SWEEP_REVIVE")) o.revive_threshold = std::atof(v);
  RevivalRun run = RunRevival(data, o);
  double precision = run.revived > 0 ? double(run.revived_right) / run.revived : 0;
  std::printf(
      "revival: %d late headlines, %d revive a dormant story, %d the right one "
      "(precision %.3f); %d late headlines (%.3f) end in an early story of their own\n",
      run.late, run.revived, run.revived_right, precision, run.joined_right,
      double(run.joined_right) / run.late);
  if (std::getenv("HW_SWEEP_REVIVE") != nullptr) return;
  EXPECT_GE(run.revived, 40);
  EXPECT_GE(precision, 0.9);
  EXPECT_GE(double(run.joined_right) / run.late, 0.78);
}

TEST(StoriesUci, Sweep) {
  if (std::getenv("HW_STORIES_SWEEP") == nullptr) GTEST_SKIP() << "set HW_STORIES_SWEEP=1";
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  auto env = [](const char* name, double fallback) {
    const char* v = std::getenv(name);
    return v != nullptr ? std::atof(v) : fallback;
  };
  for (double th = env("HW_SWEEP_FROM", 0.05); th <= env("HW_SWEEP_TO", 0.45); th += 0.025) {
    Options o;
    o.join_threshold = th;
    o.stop_df_fraction = env("HW_SWEEP_STOP", o.stop_df_fraction);
    o.terms.entity_weight = env("HW_SWEEP_ENTITY", o.terms.entity_weight);
    o.terms.title_weight = env("HW_SWEEP_TITLE", o.terms.title_weight);
    o.terms.number_weight = env("HW_SWEEP_NUM", o.terms.number_weight);
    o.article_terms = static_cast<size_t>(env("HW_SWEEP_AT", o.article_terms));
    o.time_decay_weight = env("HW_SWEEP_DECAY", o.time_decay_weight);
    o.exemplars = static_cast<size_t>(env("HW_SWEEP_EX", o.exemplars));
    o.exemplar_threshold = env("HW_SWEEP_EXTH", o.exemplar_threshold);
    o.size_prior = env("HW_SWEEP_SIZE", o.size_prior);
    o.sf_min_story_size = static_cast<uint32_t>(env("HW_SWEEP_SFMIN", o.sf_min_story_size));
    o.idf_by_story = env("HW_SWEEP_BYSTORY", 1) > 0;
    o.centroid_terms = static_cast<size_t>(env("HW_SWEEP_K", o.centroid_terms));
    ClusterRun run = Cluster(data, o);
    ClusteringScores b = BCubed(run.predicted, run.gold);
    ClusteringScores p = Pairwise(run.predicted, run.gold);
    std::printf("stories %zu ",
                std::set<int64_t>(run.predicted.begin(), run.predicted.end()).size());
    std::printf("threshold %.3f  bcubed P %.3f R %.3f F1 %.3f  pairwise F1 %.3f\n", th, b.precision,
                b.recall, b.f1, p.f1);
  }
}

}  // namespace
}  // namespace headwater::stories
namespace headwater::stories {
namespace {
TEST(StoriesUci, Diagnose) {
  if (std::getenv("HW_STORIES_DIAG") == nullptr) GTEST_SKIP() << "set HW_STORIES_DIAG=1";
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  Options o;
  o.join_threshold = std::atof(std::getenv("HW_STORIES_DIAG"));
  StoryClusterer c(o);
  std::vector<Assignment> as;
  for (const auto& l : data) as.push_back(c.Assign(l.features));
  std::map<int64_t, std::map<int64_t, int>> by_gold;
  for (size_t i = 0; i < data.size(); ++i) by_gold[data[i].gold][as[i].story]++;
  for (size_t i = 0; i < data.size(); ++i) {
    auto& m = by_gold[data[i].gold];
    int64_t major = 0;
    int best = 0;
    for (auto& [s, n] : m)
      if (n > best) {
        best = n;
        major = s;
      }
    std::printf("%s g%ld s%ld %s%.2f | %s\n", as[i].story == major ? "  " : "XX", data[i].gold,
                as[i].story, as[i].is_new ? "NEW " : "", as[i].score,
                data[i].features.title.c_str());
  }
}
}  // namespace
}  // namespace headwater::stories
namespace headwater::stories {
namespace {
TEST(StoriesEvents, Sweep) {
  if (std::getenv("HW_STORIES_SWEEP") == nullptr) GTEST_SKIP() << "set HW_STORIES_SWEEP=1";
  std::string h, ce, sp;
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/helsinki_articles.csv", h);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/census_articles.csv", ce);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/spotify_articles.csv", sp);
  std::vector<Labelled> data = testing::LoadEvents(h, 1);
  for (auto& l : testing::LoadEvents(ce, 2)) data.push_back(l);
  for (auto& l : testing::LoadEvents(sp, 3)) data.push_back(l);
  std::stable_sort(data.begin(), data.end(), [](const Labelled& a, const Labelled& b) {
    return a.features.time < b.features.time;
  });
  for (double th = 0.05; th <= 0.5; th += 0.05) {
    Options o;
    o.join_threshold = th;
    if (const char* v = std::getenv("HW_SWEEP_BODY")) o.terms.max_body_bytes = std::atoi(v);
    if (const char* v = std::getenv("HW_SWEEP_SIZE")) o.size_prior = std::atof(v);
    ClusterRun run = Cluster(data, o);
    std::map<int64_t, int> sizes;
    for (size_t i = 0; i < data.size(); ++i)
      if (data[i].gold == 1) sizes[run.predicted[i]]++;
    ClusteringScores b = BCubed(run.predicted, run.gold);
    std::printf(
        "th %.2f helsinki coverage %.3f in %zu stories; bcubed P %.3f R %.3f F1 %.3f  %.0f/s\n", th,
        ClassCoverage(run.predicted, run.gold, 1), sizes.size(), b.precision, b.recall, b.f1,
        data.size() / run.seconds);
  }
}
}  // namespace
}  // namespace headwater::stories

namespace headwater::stories {
namespace {

// Over-merging stress test on Spanish news (v1 2018 train + dev: 971 articles on many Mexican
// topics, no dates, so every story stays inside the window). Sets with HW_STORIES_SWEEP=1.
TEST(StoriesSpanish, Sweep) {
  if (std::getenv("HW_STORIES_SWEEP") == nullptr) GTEST_SKIP() << "set HW_STORIES_SWEEP=1";
  std::vector<ArticleFeatures> articles;
  for (const char* name : {"spanish-news/v1-2018-train.jsonl", "spanish-news/v1-2018-dev.jsonl"}) {
    std::string path;
    HW_REQUIRE_SHARED_DATA(name, path);
    std::istringstream in(testing::ReadFile(path));
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      ArticleFeatures a;
      a.id = static_cast<ArticleId>(articles.size() + 1);
      a.lang = "es";
      a.title = j.value("headline", "");
      a.text = j.value("text", "");
      articles.push_back(std::move(a));
    }
  }
  for (double th : {0.05, 0.1, 0.15, 0.2, 0.3}) {
    Options o;
    o.join_threshold = th;
    if (const char* v = std::getenv("HW_SWEEP_SIZE")) o.size_prior = std::atof(v);
    if (const char* v = std::getenv("HW_SWEEP_BODY")) o.terms.max_body_bytes = std::atoi(v);
    StoryClusterer c(o);
    std::map<StoryId, int> sizes;
    std::vector<StoryId> got;
    for (const auto& a : articles) {
      got.push_back(c.Assign(a).story);
      sizes[got.back()]++;
    }
    if (std::getenv("HW_STORIES_DIAG") != nullptr && th == 0.1) {
      StoryId big = 0;
      for (const auto& [s, n] : sizes) {
        if (big == 0 || n > sizes[big]) big = s;
      }
      for (size_t i = 0; i < articles.size(); ++i) {
        if (got[i] == big) std::printf("  big: %s\n", articles[i].title.substr(0, 90).c_str());
      }
      for (const auto& t : c.KeyTerms(big, 15)) std::printf(" %s", t.c_str());
      std::printf("\n");
    }
    int largest = 0, multi = 0;
    for (const auto& [s, n] : sizes) {
      largest = std::max(largest, n);
      multi += n > 1;
    }
    std::printf("th %.2f: %zu articles, %zu stories, %d with 2+ articles, largest %d\n", th,
                articles.size(), sizes.size(), multi, largest);
  }
}

}  // namespace
}  // namespace headwater::stories

namespace headwater::stories {
namespace {

// Revival by content across years, on full texts: the Helsinki articles in time order, the
// later half of them streamed three years later (every Helsinki story is dormant by then), the
// census (2019) and Spotify (2018) articles at their own times as negatives. Counts the late
// Helsinki articles that revive a story holding early Helsinki articles (by their text alone:
// no links), and any revival or join of a story of another event.
struct YearsRun {
  int late = 0, revived_right = 0, joined_early = 0, wrong = 0, other_into_helsinki = 0;
};

YearsRun RunYears(const Options& o, std::vector<Labelled> data) {
  constexpr UnixSeconds kYears = 3 * 365 * 86400;
  std::vector<size_t> helsinki;
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i].gold == 1) helsinki.push_back(i);
  }
  std::stable_sort(helsinki.begin(), helsinki.end(), [&](size_t a, size_t b) {
    return data[a].features.time < data[b].features.time;
  });
  std::set<size_t> late(helsinki.begin() + helsinki.size() / 2, helsinki.end());
  for (size_t i : late) data[i].features.time += kYears;
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return data[a].features.time < data[b].features.time;
  });
  StoryClusterer c(o);
  std::map<StoryId, std::set<int64_t>> early_golds;  // story -> golds of its early members
  YearsRun run;
  for (size_t i : order) {
    Assignment x = c.Assign(data[i].features);
    StoryId s = c.Surviving(x.story);
    bool is_late = late.count(i) > 0;
    if (!is_late) {
      early_golds[s].insert(data[i].gold);
      for (StoryId m : x.merged_from) early_golds[s].merge(early_golds[m]);
      if (data[i].gold != 1 && !x.is_new && early_golds[s].count(1)) ++run.other_into_helsinki;
      continue;
    }
    ++run.late;
    bool early_helsinki = early_golds.count(s) && early_golds[s].count(1);
    bool early_other = early_golds.count(s) && early_golds[s].size() > early_golds[s].count(1);
    if (early_helsinki) ++run.joined_early;
    if (x.revived && early_helsinki) ++run.revived_right;
    if (early_other) ++run.wrong;
  }
  return run;
}

TEST(StoriesEvents, DormantStoriesReviveAfterYears) {
  std::string h, ce, sp;
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/helsinki_articles.csv", h);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/census_articles.csv", ce);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/spotify_articles.csv", sp);
  std::vector<Labelled> data = testing::LoadEvents(h, 1);
  for (auto& l : testing::LoadEvents(ce, 2)) data.push_back(l);
  for (auto& l : testing::LoadEvents(sp, 3)) data.push_back(l);
  auto report = [](const char* what, double th, const YearsRun& r) {
    std::printf(
        "years, %s %.2f: %d late Helsinki articles; %d (%.3f) end in a story of early Helsinki "
        "articles, %d of them reviving it; %d in a story of another event; %d other-event "
        "articles joined Helsinki\n",
        what, th, r.late, r.joined_early, double(r.joined_early) / r.late, r.revived_right,
        r.wrong, r.other_into_helsinki);
  };
  if (std::getenv("HW_STORIES_SWEEP") != nullptr) {
    for (double th : {0.15, 0.2, 0.25, 0.3, 0.35, 0.4}) {
      Options o;
      o.revive_threshold_text = th;
      report("revive_threshold_text", th, RunYears(o, data));
    }
  }
  Options o;
  YearsRun run = RunYears(o, data);
  report("default", o.revive_threshold_text, run);
  // Measured with defaults (revive_threshold_text 0.25): 285 of 306 (0.931) late articles end in
  // a story of early Helsinki articles, 3 of them reviving one (the rest then join it inside the
  // window); none in another event's story. (287, 0.938, before a revival needed content words
  // or a strong match: Options::revive_names_threshold_text 0.45; 0.918 at 0.55.) The sweep of
  // revive_threshold_text was flat then: 0.944 at 0.15, 0.931 at 0.4.
  EXPECT_GE(double(run.joined_early) / run.late, 0.93);
  EXPECT_GE(run.revived_right, 1);
  EXPECT_EQ(run.wrong, 0);
  EXPECT_EQ(run.other_into_helsinki, 0);
}

}  // namespace
}  // namespace headwater::stories

namespace headwater::stories {
namespace {

// False cross-language joins: the multi-outlet-events articles (English, 2018–2019) and the
// Spanish v1 corpus (971 articles from Mexican outlets, 2018; undated, so spread evenly over the
// Helsinki days and interleaved) report different happenings, so every Spanish article that
// ends in a story holding an English one is a false cross-language join. Counts them.
int FalseCrossLanguageJoins(const Options& o, std::vector<Labelled> data) {
  std::vector<Labelled> es;
  for (const char* name : {"spanish-news/v1-2018-train.jsonl", "spanish-news/v1-2018-dev.jsonl"}) {
    std::istringstream in(testing::ReadFile(headwater::testing::SharedDataPath(name)));
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      Labelled l;
      l.features.id = 100000 + static_cast<ArticleId>(es.size());
      l.features.lang = "es";
      l.features.title = j.value("headline", "");
      l.features.text = j.value("text", "");
      l.gold = -1;
      es.push_back(std::move(l));
    }
  }
  UnixSeconds lo = data.front().features.time, hi = lo;
  for (const Labelled& l : data) {
    if (l.gold == 1) lo = std::min(lo, l.features.time), hi = std::max(hi, l.features.time);
  }
  for (size_t i = 0; i < es.size(); ++i) {
    es[i].features.time = lo + static_cast<UnixSeconds>((hi - lo) * (i + 0.5) / es.size());
    data.push_back(es[i]);
  }
  std::stable_sort(data.begin(), data.end(), [](const Labelled& a, const Labelled& b) {
    return a.features.time < b.features.time;
  });
  ClusterRun run = Cluster(data, o);
  std::map<int64_t, int> english_in;
  for (size_t i = 0; i < data.size(); ++i) english_in[run.predicted[i]] += data[i].gold >= 0;
  int wrong = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i].gold >= 0 || !english_in[run.predicted[i]]) continue;
    ++wrong;
    if (std::getenv("HW_STORIES_DIAG") == nullptr) continue;
    std::printf("  es: %s\n", data[i].features.title.substr(0, 80).c_str());
    for (size_t j = 0; j < data.size(); ++j) {
      if (data[j].gold >= 0 && run.predicted[j] == run.predicted[i])
        std::printf("      en: %s\n", data[j].features.title.substr(0, 80).c_str());
    }
  }
  return wrong;
}

TEST(StoriesCrossLanguage, SpanishArticlesDoNotJoinEnglishStoriesOfOtherHappenings) {
  std::string h, ce, sp, es1, es2;
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/helsinki_articles.csv", h);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/census_articles.csv", ce);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/spotify_articles.csv", sp);
  HW_REQUIRE_SHARED_DATA("spanish-news/v1-2018-train.jsonl", es1);
  HW_REQUIRE_SHARED_DATA("spanish-news/v1-2018-dev.jsonl", es2);
  std::vector<Labelled> data = testing::LoadEvents(h, 1);
  for (auto& l : testing::LoadEvents(ce, 2)) data.push_back(l);
  for (auto& l : testing::LoadEvents(sp, 3)) data.push_back(l);
  if (std::getenv("HW_STORIES_SWEEP") != nullptr) {
    for (double th : {0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5}) {
      Options o;
      o.cross_language_threshold = th;
      std::printf("cross_language_threshold %.2f: %d Spanish articles in English stories\n", th,
                  FalseCrossLanguageJoins(o, data));
    }
  }
  int wrong = FalseCrossLanguageJoins(Options{}, data);
  std::printf("default: %d of 971 Spanish articles end in a story with English articles\n", wrong);
  // Measured 7 (0.7%): near misses by the ordinary score (a Spotify hack in Mexico with
  // Spotify's policy reversal; Saudi articles with an oil-output story), the same at every
  // cross_language_threshold 0.1 .. 0.5.
  EXPECT_LE(wrong, 7);
}

}  // namespace
}  // namespace headwater::stories
