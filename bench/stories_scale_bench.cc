// Story assignment cost as the number of stories held grows (issue 7: >= 10,000 assignments per
// second per core on a long stream). A synthetic headline stream, made here from a seed (no
// third-party text): N/4 stories, each with its own five rare words, told in about four
// headlines of three of its words plus three words drawn from a shared Zipf vocabulary of 5,000
// common words; a story's headlines come close together in the stream.
//
// BM_StoriesAssignScale/N/STEP assigns N headlines, one every STEP seconds, into one clusterer.
// BM_StoriesAssignScaleTail/N/STEP reports the cost of the LAST 5,000 of the N articles only
// (stories held by then: about N/4). With STEP 30 the 14-day window holds 40,320 articles
// (~10,000 stories), so the stories active in the window grow with N up to 40k articles; with
// STEP 300 it holds 4,032 articles (~1,000 stories) whatever N: when the cost of an article
// depends on the stories active in the window rather than on all stories held, the tail's
// items/s stays flat from 10k to 1M (the inverted index is split into the window's stories and
// aged ones, clusterer_state.h, so only the few heaviest terms reach the aged stories).
// Counters: stories (held at the end), bytes_per_article and bytes_per_story
// (StoryClusterer::ApproxMemoryBytes at the end over articles and stories), and for the tail the
// items/s of the last 5,000 articles.
// Thread-safety: benchmarks run one at a time.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "stories/clusterer.h"

namespace headwater {
namespace {

// Memory of the state at the end of a run, per article and per story held.
void MemoryCounters(benchmark::State& state, const stories::StoryClusterer& c) {
  double bytes = static_cast<double>(c.ApproxMemoryBytes());
  state.counters["bytes_per_article"] = bytes / std::max<double>(1, c.article_count());
  state.counters["bytes_per_story"] = bytes / std::max<double>(1, c.story_count());
  state.counters["state_mb"] = bytes / 1e6;
}

std::string Word(const char* prefix, uint64_t n) {
  // Letters only (the tokenizer keeps them as one word; no stemmer rule strips a suffix
  // made of 'q'/'x'/'z').
  std::string w = prefix;
  do {
    w += "qxzkvjw"[n % 7];
    n /= 7;
  } while (n > 0);
  return w;
}

// The stream, in order: (story, headline).
std::vector<stories::ArticleFeatures> SyntheticStream(size_t n, int64_t step_seconds) {
  std::mt19937_64 rng(7);
  const size_t kCommon = 5000;
  std::vector<double> zipf(kCommon);
  for (size_t i = 0; i < kCommon; ++i) zipf[i] = 1.0 / (i + 1);
  std::discrete_distribution<size_t> common(zipf.begin(), zipf.end());
  size_t story_count = std::max<size_t>(1, n / 4);
  std::vector<stories::ArticleFeatures> out;
  out.reserve(n);
  std::uniform_int_distribution<size_t> pick5(0, 4);
  for (size_t i = 0; i < n; ++i) {
    // Articles of a story arrive close together: story k gets articles 4k .. 4k+3, shuffled
    // among its neighbours by drawing a story near the stream position.
    size_t base = i / 4;
    std::uniform_int_distribution<int> jitter(-3, 3);
    int64_t k = static_cast<int64_t>(base) + jitter(rng);
    k = std::clamp<int64_t>(k, 0, static_cast<int64_t>(story_count) - 1);
    stories::ArticleFeatures f;
    f.id = i + 1;
    f.time = 1531699200 + static_cast<UnixSeconds>(i) * step_seconds;
    f.lang = "en";
    std::string title;
    for (int w = 0; w < 3; ++w) title += Word("rr", k * 5 + pick5(rng)) + " ";
    for (int w = 0; w < 3; ++w) title += Word("cc", common(rng)) + " ";
    f.title = std::move(title);
    out.push_back(std::move(f));
  }
  return out;
}

void BM_StoriesAssignScale(benchmark::State& state) {
  auto stream = SyntheticStream(static_cast<size_t>(state.range(0)), state.range(1));
  size_t stories = 0;
  for (auto _ : state) {
    auto clusterer = std::make_unique<stories::StoryClusterer>();
    for (const auto& f : stream) benchmark::DoNotOptimize(clusterer->Assign(f).story);
    stories = clusterer->story_count();
    // Not timed: the counters and freeing the state (~1 s of CPU at 1M articles).
    state.PauseTiming();
    MemoryCounters(state, *clusterer);
    clusterer.reset();
    state.ResumeTiming();
  }
  state.counters["stories"] = static_cast<double>(stories);
  state.SetItemsProcessed(state.iterations() * stream.size());
}
BENCHMARK(BM_StoriesAssignScale)
    ->ArgsProduct({{10000, 30000, 100000}, {30, 300}})
    ->Args({1000000, 300})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

void BM_StoriesAssignScaleTail(benchmark::State& state) {
  auto stream = SyntheticStream(static_cast<size_t>(state.range(0)), state.range(1));
  const size_t kTail = 5000;
  size_t head = stream.size() - kTail;
  size_t stories = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto clusterer = std::make_unique<stories::StoryClusterer>();
    for (size_t i = 0; i < head; ++i) benchmark::DoNotOptimize(clusterer->Assign(stream[i]).story);
    stories = clusterer->story_count();
    state.ResumeTiming();
    for (size_t i = head; i < stream.size(); ++i) {
      benchmark::DoNotOptimize(clusterer->Assign(stream[i]).story);
    }
    // Not timed: the counters and freeing the state (which at 1M articles costs ~0.85 s of CPU,
    // ten times the 5,000 assignments timed).
    state.PauseTiming();
    MemoryCounters(state, *clusterer);
    clusterer.reset();
    state.ResumeTiming();
  }
  state.counters["stories_held"] = static_cast<double>(stories);
  state.SetItemsProcessed(state.iterations() * kTail);
}
BENCHMARK(BM_StoriesAssignScaleTail)
    ->ArgsProduct({{10000, 30000, 100000}, {30, 300}})
    ->Args({1000000, 300})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace headwater
