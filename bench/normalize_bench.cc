// Normalize speed: Normalizer::Normalize (NFC, language, dateline, places, content hash) over the
// 680 full-text articles of ../shared/data/multi-outlet-events/*_articles.csv (read at run time,
// `text` paragraphs split at " ### ", the first one taken as the title; never committed), with
// the gazetteer loaded before timing and an in-memory outlet resolver (no store). Separate
// benchmarks time the two costly parts alone: FindPlaces and DetectLanguage.
//   cmake -S . -B build/rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEADWATER_BENCH=ON
//   ninja -C build/rel headwater_bench && build/rel/headwater_bench --benchmark_filter=Normalize
// Figures: docs/BENCHMARKS.md ("Normalize alone").
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "common/csv.h"
#include "common/paths.h"
#include "normalize/gazetteer.h"
#include "normalize/language.h"
#include "normalize/normalizer.h"
#include "normalize/places.h"

namespace headwater::normalize {
namespace {

struct Corpus {
  std::unique_ptr<Gazetteer> gazetteer;
  std::vector<Input> inputs;
};

const Corpus& Load() {
  static const Corpus c = [] {
    Corpus out;
    if (auto g = Gazetteer::LoadDefault(); g.ok()) out.gazetteer = std::move(g).value();
    for (const char* name : {"helsinki", "census", "spotify"}) {
      auto data = ReadFile(SharedDataDir() + "/multi-outlet-events/" + name + "_articles.csv");
      if (!data.ok()) continue;
      std::vector<CsvRow> rows = ParseCsv(*data);
      for (size_t i = 1; i < rows.size(); ++i) {  // header: id,publisher,scrape_time,text
        const auto& f = rows[i].fields;
        if (f.size() < 4) continue;
        Input in;
        in.url = "https://" + f[1] + "/" + name + "/" + f[0];
        std::string text = f[3];
        size_t cut = text.find(" ### ");
        in.title = text.substr(0, cut);
        for (size_t p = 0; cut != std::string::npos; p = cut) {
          cut = text.find(" ### ", p + 5);
          if (!in.text.empty()) in.text += '\n';
          in.text += text.substr(p + 5, cut == std::string::npos ? std::string::npos : cut - p - 5);
        }
        out.inputs.push_back(std::move(in));
      }
    }
    return out;
  }();
  return c;
}

bool Ready(benchmark::State& state, const Corpus& c) {
  if (c.gazetteer && !c.inputs.empty()) return true;
  state.SkipWithError("needs the gazetteer and ../shared/data/multi-outlet-events");
  return false;
}

void BM_NormalizeArticles(benchmark::State& state) {
  const Corpus& c = Load();
  if (!Ready(state, c)) return;
  Normalizer normalizer({}, c.gazetteer.get());
  Outlet outlet;
  outlet.name = "bench";
  outlet.country = "US";
  auto resolve = [&](const std::string&, const std::string&) -> StatusOr<const Outlet*> {
    return &outlet;
  };
  for (auto _ : state)
    for (const Input& in : c.inputs) benchmark::DoNotOptimize(normalizer.Normalize(in, resolve, 0));
  state.SetItemsProcessed(state.iterations() * c.inputs.size());
}
BENCHMARK(BM_NormalizeArticles)->Unit(benchmark::kMillisecond);

void BM_NormalizePlaces(benchmark::State& state) {
  const Corpus& c = Load();
  if (!Ready(state, c)) return;
  for (auto _ : state)
    for (const Input& in : c.inputs)
      benchmark::DoNotOptimize(FindPlaces(in.title + "\n" + in.text, *c.gazetteer, "US"));
  state.SetItemsProcessed(state.iterations() * c.inputs.size());
}
BENCHMARK(BM_NormalizePlaces)->Unit(benchmark::kMillisecond);

void BM_NormalizeLanguage(benchmark::State& state) {
  const Corpus& c = Load();
  if (!Ready(state, c)) return;
  for (auto _ : state)
    for (const Input& in : c.inputs)
      benchmark::DoNotOptimize(DetectLanguage(in.title + "\n" + in.text));
  state.SetItemsProcessed(state.iterations() * c.inputs.size());
}
BENCHMARK(BM_NormalizeLanguage)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace headwater::normalize
