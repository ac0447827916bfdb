// BackgroundFrequencies (background.h) and its effect on story clustering: generality from
// background corpora read at run time from ../shared/data (PolNeAR texts and multi-outlet-events
// in English, spanish-news 2018 and 2021 in Spanish), measured on the UCI dev sample, whole and
// in halves of its gold stories (fit on one half, scored on the other).
#include "stories/background.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "stories/clusterer.h"
#include "stories/evaluate.h"
#include "story_data.h"
#include "test_util.h"

namespace headwater::stories {
namespace {

RawTerm T(const std::string& term) { return RawTerm{.term = term, .surface = term, .tf = 1}; }

TEST(BackgroundFrequencies, GeneralityIsTheSmallestShareOverALanguagesCorpora) {
  BackgroundFrequencies b;
  // Corpus 1: "monday" in 3 of 4 documents, "putin" in all 4 (its own topic).
  b.AddCorpus("en",
              {{T("monday"), T("putin")},
               {T("monday"), T("putin"), T("monday")},
               {T("monday"), T("putin")},
               {T("putin"), T("census")}},
              /*min_docs=*/1);
  EXPECT_DOUBLE_EQ(b.Generality("putin"), 1.0);  // one corpus: its share
  // Corpus 2: "monday" in 1 of 2, no "putin".
  b.AddCorpus("en", {{T("monday")}, {T("spotify")}}, /*min_docs=*/1);
  EXPECT_DOUBLE_EQ(b.Generality("monday"), 0.5);  // min(0.75, 0.5); counted once per document
  EXPECT_DOUBLE_EQ(b.Generality("putin"), 0.0);   // one corpus's topic only
  EXPECT_DOUBLE_EQ(b.Generality("unseen"), 0.0);
  // Another language: its own minimum; the table keeps the larger value per term.
  b.AddCorpus("es", {{T("lunes")}, {T("lunes")}, {T("gobiern")}}, /*min_docs=*/2);
  EXPECT_NEAR(b.Generality("lunes"), 2.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(b.Generality("gobiern"), 0.0);  // under min_docs
  EXPECT_EQ(b.corpus_count(), 3u);
}

TEST(BackgroundFrequencies, TsvRoundTripAndErrors) {
  BackgroundFrequencies b;
  b.AddCorpus("en", {{T("monday"), T("say")}, {T("say")}}, 1);
  auto back = BackgroundFrequencies::FromTsv(b.ToTsv());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->size(), 2u);
  EXPECT_DOUBLE_EQ(back->Generality("say"), 1.0);
  EXPECT_DOUBLE_EQ(back->Generality("monday"), 0.5);
  EXPECT_FALSE(BackgroundFrequencies::FromTsv("say\t1.5\n").ok());
  EXPECT_FALSE(BackgroundFrequencies::FromTsv("no tab here\n").ok());
}

// A generic word (generality above the stop) no longer joins two headlines that share only it.
TEST(BackgroundFrequencies, StopGeneralityKeepsAGenericWordFromJoining) {
  auto bg = std::make_shared<BackgroundFrequencies>();
  bg->AddCorpus("en", {{T("monday")}, {T("monday")}, {T("other")}}, 1);
  auto run = [&](bool with_background) {
    Options o;
    if (with_background) {
      o.background = bg;
      o.background_stop_generality = 0.5;
    }
    StoryClusterer c(o);
    ArticleFeatures a, b;
    a.id = 1, a.time = 1000, a.title = "slide monday";
    b.id = 2, b.time = 2000, b.title = "tickets monday";
    StoryId x = c.Assign(a).story;
    return x == c.Assign(b).story;
  };
  EXPECT_TRUE(run(false));  // the first two headlines: every term is new, "monday" is shared
  EXPECT_FALSE(run(true));
}

// Background corpora from the shared data: each folder is one corpus (PolNeAR's texts of its
// train, dev and annotator-training splits; multi-outlet-events' three files; spanish-news 2018
// and 2021). Terms by the clusterer's own TermExtractor. Empty when the data is missing.
std::shared_ptr<const BackgroundFrequencies> SharedBackground() {
  static std::shared_ptr<const BackgroundFrequencies> cached = [] {
    auto b = std::make_shared<BackgroundFrequencies>();
    TermExtractor x;
    std::string root = ::headwater::testing::SharedDataPath("polnear/data");
    std::vector<std::vector<RawTerm>> docs;
    if (!root.empty()) {
      for (const char* split : {"train", "dev", "annotator-training"}) {
        std::filesystem::path dir = std::filesystem::path(root) / split / "text";
        if (!std::filesystem::exists(dir)) continue;
        std::vector<std::string> files;
        for (const auto& e : std::filesystem::directory_iterator(dir)) {
          files.push_back(e.path().string());
        }
        std::sort(files.begin(), files.end());
        for (const std::string& f : files) {
          std::string text = testing::ReadFile(f);
          size_t nl = text.find('\n');
          docs.push_back(x.Extract("en", text.substr(0, nl),
                                   nl == std::string::npos ? "" : text.substr(nl + 1), {}));
        }
      }
      if (std::getenv("HW_BG_POOLED") == nullptr) {
        b->AddCorpus("en", docs);
        docs.clear();
      }
    }
    std::vector<std::vector<RawTerm>> events;
    if (std::getenv("HW_BG_POOLED") != nullptr) events = std::move(docs);
    for (const char* f : {"helsinki_articles.csv", "census_articles.csv", "spotify_articles.csv"}) {
      std::string p = ::headwater::testing::SharedDataPath(std::string("multi-outlet-events/") + f);
      if (p.empty()) continue;
      for (const testing::Labelled& l : testing::LoadEvents(p, 0)) {
        events.push_back(x.Extract("en", l.features.title, l.features.text, {}));
      }
    }
    b->AddCorpus("en", events);
    for (auto files : {std::vector<std::string>{"v1-2018-train.jsonl", "v1-2018-dev.jsonl"},
                       std::vector<std::string>{"v2-2021.jsonl"}}) {
      std::vector<std::vector<RawTerm>> docs;
      for (const std::string& f : files) {
        std::string p = ::headwater::testing::SharedDataPath("spanish-news/" + f);
        if (p.empty()) continue;
        std::istringstream in(testing::ReadFile(p));
        for (std::string line; std::getline(in, line);) {
          auto j = nlohmann::json::parse(line, nullptr, false);
          if (j.is_discarded()) continue;
          docs.push_back(x.Extract("es", j.value("headline", ""), j.value("text", ""), {}));
        }
      }
      b->AddCorpus("es", docs);
    }
    return std::shared_ptr<const BackgroundFrequencies>(std::move(b));
  }();
  return cached;
}

struct Scores {
  double whole = 0, half[2] = {0, 0}, time[2] = {0, 0};
};

// B-cubed F1 on the whole UCI sample and on each half of its gold stories (even / odd gold
// index), each half streamed alone.
Scores Score(const std::vector<testing::Labelled>& data, const Options& o) {
  std::vector<UnixSeconds> times;
  for (const testing::Labelled& l : data) times.push_back(l.features.time);
  std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
  const UnixSeconds median = times[times.size() / 2];
  auto run = [&](int half, int time_half = -1) {
    StoryClusterer c(o);
    std::vector<int64_t> pred, gold;
    for (const testing::Labelled& l : data) {
      if (half >= 0 && l.gold % 2 != half) continue;
      if (time_half >= 0 && (l.features.time >= median) != (time_half == 1)) continue;
      pred.push_back(c.Assign(l.features).story);
      gold.push_back(l.gold);
    }
    for (int64_t& s : pred) s = c.Surviving(s);
    return BCubed(pred, gold).f1;
  };
  return Scores{.whole = run(-1), .half = {run(0), run(1)}, .time = {run(-1, 0), run(-1, 1)}};
}

double Env(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::atof(v) : fallback;
}

// Background on (weight 4, join and merge at their defaults) against off, in the same run, on
// the UCI dev sample and its halves. Measured 2026-11-25: B-cubed F1 whole 0.842 -> 0.855,
// gold-story halves 0.883 -> 0.901 and 0.899 -> 0.899, time halves 0.850 -> 0.881 and
// 0.876 -> 0.889. The weight was chosen on halves (docs/BENCHMARKS.md), so these are not
// held-out figures; the floors are regression floors a little under them.
TEST(StoriesUciBackground, GenericWordsWeighLessAndF1Rises) {
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  HW_REQUIRE_SHARED_DATA("polnear/data/train/text", path);
  HW_REQUIRE_SHARED_DATA("multi-outlet-events/helsinki_articles.csv", path);
  path = ::headwater::testing::SharedDataPath(
      "uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv");
  auto data = testing::LoadUci(path);
  auto bg = SharedBackground();
  EXPECT_GT(bg->Generality("monday"), 0.1);  // a calendar word every corpus uses
  EXPECT_LT(bg->Generality("putin"), 0.05);  // one corpus's topic, not generic
  Options o;
  o.background = bg;
  o.background_weight = 4;
  std::clock_t c0 = std::clock();
  Scores off = Score(data, Options{});
  std::clock_t c1 = std::clock();
  Scores on = Score(data, o);
  std::clock_t c2 = std::clock();
  // Each Score streams the whole sample and its four halves: 3 x 4,240 assignments.
  std::printf("CPU s for 3 x %zu assignments each: off %.3f, on %.3f\n", data.size(),
              double(c1 - c0) / CLOCKS_PER_SEC, double(c2 - c1) / CLOCKS_PER_SEC);
  std::printf(
      "UCI B-cubed F1 off -> on: whole %.3f -> %.3f, story halves %.3f -> %.3f, "
      "%.3f -> %.3f, time halves %.3f -> %.3f, %.3f -> %.3f\n",
      off.whole, on.whole, off.half[0], on.half[0], off.half[1], on.half[1], off.time[0],
      on.time[0], off.time[1], on.time[1]);
  EXPECT_GE(on.whole, 0.85);
  EXPECT_GE(on.whole, off.whole + 0.008);
  for (int h = 0; h < 2; ++h) {
    EXPECT_GE(on.half[h], off.half[h] - 0.002);
    EXPECT_GE(on.time[h], off.time[h] - 0.002);
  }
}

TEST(StoriesUciBackground, Sweep) {
  if (std::getenv("HW_STORIES_SWEEP") == nullptr) GTEST_SKIP() << "set HW_STORIES_SWEEP=1";
  std::string path;
  HW_REQUIRE_SHARED_DATA("uci-news-aggregator-sample/uci-news-aggregator.dev-sample.csv", path);
  auto data = testing::LoadUci(path);
  auto bg = SharedBackground();
  std::printf("background: %zu terms from %zu corpora\n", bg->size(), bg->corpus_count());
  for (const char* t : {"monday", "say", "report", "week", "new", "news", "gox", "ukrain", "obama",
                        "appl", "year", "2014", "first", "time", "us", "ceo"}) {
    std::printf("  %s %.3f\n", t, bg->Generality(t));
  }
  Scores base = Score(data, Options{});
  std::printf("off: whole %.3f halves %.3f %.3f time halves %.3f %.3f\n", base.whole, base.half[0],
              base.half[1], base.time[0], base.time[1]);
  for (double w : {0.0, 1.0, 2.0, 4.0, 8.0}) {
    for (double stop : {1.01, 0.5, 0.3, 0.2, 0.1}) {
      if (w == 0 && stop > 1) continue;
      Options o;
      o.background = bg;
      o.background_weight = w;
      o.background_stop_generality = stop;
      o.join_threshold = Env("HW_SWEEP_JOIN", o.join_threshold);
      o.merge_threshold = Env("HW_SWEEP_MERGE", o.merge_threshold);
      Scores s = Score(data, o);
      std::printf("weight %.1f stop %.2f: whole %.3f halves %.3f %.3f time halves %.3f %.3f\n", w,
                  stop, s.whole, s.half[0], s.half[1], s.time[0], s.time[1]);
    }
  }
  // Honest fit: on each half, choose join_threshold alone (background off), or join_threshold
  // and background_weight together, by that half's F1; score the choice on the other half.
  struct Fit {
    double join = 0, weight = 0;
    Scores s;
  };
  std::vector<Fit> grid;
  for (double join : {0.1, 0.125, 0.15, 0.175, 0.2}) {
    for (double w : {0.0, 1.0, 2.0, 4.0, 8.0}) {
      Options o;
      o.join_threshold = join;
      if (w > 0) o.background = bg;
      o.background_weight = w;
      grid.push_back(Fit{.join = join, .weight = w, .s = Score(data, o)});
    }
  }
  for (int fit_half = 0; fit_half < 2; ++fit_half) {
    for (bool with_bg : {false, true}) {
      const Fit* best = nullptr;
      for (const Fit& f : grid) {
        if (!with_bg && f.weight > 0) continue;
        if (best == nullptr || f.s.time[fit_half] > best->s.time[fit_half]) best = &f;
      }
      std::printf(
          "fit on time half %d, background %s: join %.3f weight %.1f -> fit half %.3f, "
          "held-out half %.3f, whole %.3f\n",
          fit_half, with_bg ? "on " : "off", best->join, best->weight, best->s.time[fit_half],
          best->s.time[1 - fit_half], best->s.whole);
    }
  }
  for (int fit_half = 0; fit_half < 2; ++fit_half) {
    for (bool with_bg : {false, true}) {
      const Fit* best = nullptr;
      for (const Fit& f : grid) {
        if (!with_bg && f.weight > 0) continue;
        if (best == nullptr || f.s.half[fit_half] > best->s.half[fit_half]) best = &f;
      }
      std::printf(
          "fit on half %d, background %s: join %.3f weight %.1f -> fit half %.3f, "
          "held-out half %.3f, whole %.3f\n",
          fit_half, with_bg ? "on " : "off", best->join, best->weight, best->s.half[fit_half],
          best->s.half[1 - fit_half], best->s.whole);
    }
  }
}

}  // namespace
}  // namespace headwater::stories
