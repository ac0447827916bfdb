// Micro-benchmarks of the reuse stage, each step alone: shingle+sketch (target >= 50,000 docs/s
// per core on 5 KB texts), LSH candidates, exact Compare, and the streaming detector.
// Texts: articles of 4-6 KB from ../shared/data/multi-outlet-events/helsinki_articles.csv
// (synthetic 5 KB texts when the file is missing).
//   cmake -S . -B build/rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEADWATER_BENCH=ON
//   ninja -C build/rel headwater_bench && build/rel/headwater_bench --benchmark_filter=Reuse
#include <benchmark/benchmark.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/csv.h"
#include "common/paths.h"
#include "reuse/reuse.h"

namespace headwater::reuse {
namespace {

// The text column (4th) of each row, " ### " made '\n'; only texts of
// min_bytes..max_bytes.
std::vector<std::string> LoadTexts(size_t min_bytes, size_t max_bytes) {
  std::vector<std::string> texts;
  std::ifstream in(SharedDataDir() + "/multi-outlet-events/helsinki_articles.csv",
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  for (const CsvRow& row : ParseCsv(ss.str())) {  // common/csv.h
    if (row.fields.size() == 4 && row.fields[3].size() >= min_bytes &&
        row.fields[3].size() <= max_bytes) {
      std::string t = row.fields[3];
      for (size_t p; (p = t.find(" ### ")) != std::string::npos;) t.replace(p, 5, "\n");
      texts.push_back(std::move(t));
    }
  }
  if (texts.empty()) {  // synthetic fallback: 5 KB of distinct words
    for (int d = 0; d < 50; ++d) {
      std::string t;
      for (int w = 0; t.size() < 5000; ++w) t += "word" + std::to_string(d * 1000 + w) + " ";
      texts.push_back(std::move(t));
    }
  }
  return texts;
}

// Texts of 4-6 KB.
const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = LoadTexts(4000, 6000);
  return texts;
}

// All texts, in file order.
const std::vector<std::string>& AllTexts() {
  static const std::vector<std::string> texts = LoadTexts(0, SIZE_MAX);
  return texts;
}

// A distinct synthetic signature per id: 800 words drawn from a 50,000-word vocabulary.
Signature SyntheticSignature(int64_t id, const Options& o) {
  std::string t;
  uint64_t x = static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ULL + 1;
  for (int w = 0; w < 800; ++w) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    t += "w" + std::to_string(x % 50000) + " ";
  }
  return Sketch(ShingleSequence(t, o), o);
}

void BM_ReuseShingleAndSketch(benchmark::State& state) {
  const auto& texts = Texts();
  Options o;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    Signature sig = Sketch(ShingleSequence(t, o), o);
    benchmark::DoNotOptimize(sig);
    bytes += t.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReuseShingleAndSketch);

void BM_ReuseLshCandidates(benchmark::State& state) {
  const auto& texts = Texts();
  Options o;
  LshIndex index(o);
  std::vector<Signature> sigs;
  for (const auto& t : texts) sigs.push_back(Sketch(ShingleSequence(t, o), o));
  // The real texts plus distinct synthetic articles up to state.range(0).
  for (size_t i = 0; i < sigs.size(); ++i) index.Add(static_cast<ArticleId>(i), sigs[i]);
  for (int64_t id = static_cast<int64_t>(sigs.size()); id < state.range(0); ++id) {
    index.Add(id, SyntheticSignature(id, o));
  }
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index.RankedCandidates(sigs[i++ % sigs.size()], o.max_candidates));
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes_per_article"] =
      static_cast<double>(index.MemoryBytes()) / static_cast<double>(state.range(0));
}
BENCHMARK(BM_ReuseLshCandidates)->Arg(1000)->Arg(100000);

void BM_ReuseCompare(benchmark::State& state) {
  const auto& texts = Texts();
  Options o;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Compare(texts[i % texts.size()], texts[(i + 1) % texts.size()], o));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReuseCompare);

// The Helsinki stream (612 articles on one event, many wire copies: ~50 candidates each, the
// worst case for the exact step), restarted with an empty detector after each pass.
void BM_ReuseDetectorProcess(benchmark::State& state) {
  const auto& texts = AllTexts();
  Options o;
  std::vector<Article> articles(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    articles[i].id = static_cast<ArticleId>(i + 1);
    articles[i].text = texts[i];
  }
  auto fetch = [&](ArticleId id) -> const Article* { return &articles[id - 1]; };
  auto detector = std::make_unique<ReuseDetector>(o);
  size_t next = 0;
  for (auto _ : state) {
    if (next == articles.size()) {
      state.PauseTiming();
      detector = std::make_unique<ReuseDetector>(o);
      next = 0;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(detector->Process(articles[next++], fetch));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReuseDetectorProcess);

}  // namespace
}  // namespace headwater::reuse
