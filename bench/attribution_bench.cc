// Attribution stage micro-benchmarks: the one-pass cue match alone (tokenize + lexicon hash
// lookups) and the full Extract (cue match, span finding, source resolution), over the PolNeAR
// dev texts (shared data), and the Spanish Extract over spanish-news v1-2018-dev. Reports
// bytes/s, articles/s and attributions/s; Extract/1 runs the learned filter (the default),
// Extract/0 does not.
//   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEADWATER_BENCH=ON
//         -DHEADWATER_TESTS=OFF
//   ninja -C build/bench headwater_bench
//   build/bench/headwater_bench --benchmark_filter=Attribution
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "attribution/extractor.h"
#include "attribution/lexicon.h"
#include "common/text.h"

namespace {

const std::vector<std::string>& Texts() {
  static const std::vector<std::string>* texts = [] {
    auto* v = new std::vector<std::string>;
    std::string dir = std::string(HEADWATER_SHARED_DATA_DIR) + "/polnear/data/dev/text";
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      v->push_back(ss.str());
    }
    return v;
  }();
  return *texts;
}

void BM_AttributionCueMatch(benchmark::State& state) {
  const auto& texts = Texts();
  if (texts.empty()) {
    state.SkipWithError("shared data polnear/data/dev/text is missing");
    return;
  }
  headwater::attribution::CueMatcher matcher;
  size_t bytes = 0, docs = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      auto tokens = headwater::Tokenize(t);
      benchmark::DoNotOptimize(matcher.Match(tokens, headwater::attribution::kLangAll));
      bytes += t.size();
      ++docs;
    }
  }
  state.SetBytesProcessed(int64_t(bytes));
  state.counters["articles/s"] = benchmark::Counter(double(docs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AttributionCueMatch)->Unit(benchmark::kMillisecond);

// Extract over every text per iteration: MB/s, articles/s and attributions/s.
void RunExtract(benchmark::State& state, const headwater::attribution::Extractor& extractor,
                const headwater::attribution::Context& ctx, const std::vector<std::string>& texts) {
  size_t bytes = 0, docs = 0, found = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      auto v = extractor.Extract(t, ctx);
      found += v.size();
      benchmark::DoNotOptimize(v);
      bytes += t.size();
      ++docs;
    }
  }
  state.SetBytesProcessed(int64_t(bytes));
  state.counters["articles/s"] = benchmark::Counter(double(docs), benchmark::Counter::kIsRate);
  state.counters["attributions/s"] =
      benchmark::Counter(double(found), benchmark::Counter::kIsRate);
}

// state.range(0): 1 = the default (learned cue tagger and learned filter), 2 = the filter
// without the tagger (the default before the tagger), 0 = neither.
void BM_AttributionExtract(benchmark::State& state) {
  const auto& texts = Texts();
  if (texts.empty()) {
    state.SkipWithError("shared data polnear/data/dev/text is missing");
    return;
  }
  headwater::attribution::Options options;
  options.use_cue_model = state.range(0) != 0;
  options.use_cue_tagger = state.range(0) == 1;
  headwater::attribution::Extractor extractor(options);
  RunExtract(state, extractor, headwater::attribution::Context{}, texts);
}
BENCHMARK(BM_AttributionExtract)->Arg(1)->Arg(2)->Arg(0)->Unit(benchmark::kMillisecond);

// Spanish: Extract with lang "es" over the 295 texts of spanish-news/v1-2018-dev.jsonl.
void BM_AttributionExtractSpanish(benchmark::State& state) {
  static const std::vector<std::string>* texts = [] {
    auto* v = new std::vector<std::string>;
    std::ifstream in(std::string(HEADWATER_SHARED_DATA_DIR) + "/spanish-news/v1-2018-dev.jsonl");
    for (std::string line; std::getline(in, line);) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("text") && j["text"].is_string())
        v->push_back(j["text"].get<std::string>());
    }
    return v;
  }();
  if (texts->empty()) {
    state.SkipWithError("shared data spanish-news/v1-2018-dev.jsonl is missing");
    return;
  }
  headwater::attribution::Extractor extractor;
  headwater::attribution::Context ctx;
  ctx.lang = "es";
  RunExtract(state, extractor, ctx, *texts);
}
BENCHMARK(BM_AttributionExtractSpanish)->Unit(benchmark::kMillisecond);

}  // namespace
