// Micro-benchmarks of provenance (issue 8's speed goals): Analyze of one story — a typical story
// (12 articles of ~4 KB from 10 outlets, with citations, own sources, whole copies and links;
// goal <= 1 ms) and stories of 10 / 100 / 1,000 articles — and the full recompute of 100,000
// stories (Analyze + ReportToJson + dump, track records from a TrackRecordIndex over 100,000
// outcomes; goal <= 60 s). Texts: articles of ../shared/data/multi-outlet-events/
// helsinki_articles.csv (synthetic text when missing).
//   cmake -S . -B build/rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEADWATER_BENCH=ON
//   ninja -C build/rel headwater_bench && build/rel/headwater_bench --benchmark_filter=Provenance
#include <benchmark/benchmark.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/csv.h"
#include "common/paths.h"
#include "normalize/outlet_registry.h"
#include "provenance/fact_cache.h"
#include "provenance/provenance.h"
#include "records/track_record.h"

namespace headwater::provenance {
namespace {

const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    std::ifstream in(SharedDataDir() + "/multi-outlet-events/helsinki_articles.csv",
                     std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (const CsvRow& row : ParseCsv(ss.str())) {
      if (row.fields.size() != 4 || row.fields[3].size() < 2000 || row.fields[3].size() > 6000)
        continue;
      std::string t = row.fields[3];
      for (size_t p; (p = t.find(" ### ")) != std::string::npos;) t.replace(p, 5, "\n");
      out.push_back(std::move(t));
    }
    if (out.empty()) {
      for (int d = 0; d < 20; ++d) {
        std::string t;
        for (int w = 0; t.size() < 4000; ++w)
          t += "word" + std::to_string((d * 7919 + w * 104729) % 5000) +
               (w % 15 == 14 ? ".\n" : " ");
        out.push_back(std::move(t));
      }
    }
    return out;
  }();
  return texts;
}

// A story of n articles from max(2, n * 5 / 6) outlets: the first article is an origin with a
// named and an anonymous source; the rest cite an earlier outlet (every 3rd), quote their own
// officials (every 3rd), whole-copy an earlier article (every 6th) or link one (every 4th).
struct Fixture {
  std::unique_ptr<normalize::OutletRegistry> registry =
      std::make_unique<normalize::OutletRegistry>();
  StoryInput in;
};

std::unique_ptr<Fixture> MakeStory(int n) {
  auto f = std::make_unique<Fixture>();
  const auto& texts = Texts();
  int outlets = std::max(2, n * 5 / 6);
  for (int k = 1; k <= outlets; ++k) {
    Outlet o;
    o.id = k;
    o.name = "Outlet " + std::to_string(k);
    o.domains = {"outlet" + std::to_string(k) + ".example"};
    o.country = k % 4 == 0 ? "MX" : "US";
    o.kind = k == 1 ? OutletKind::kWire : OutletKind::kNews;
    f->registry->Add(o);
  }
  f->in.story.id = 1;
  f->in.story.country = "MX";
  f->in.outlets = f->registry.get();
  for (int i = 0; i < n; ++i) {
    Article a;
    a.id = i + 1;
    a.outlet_id = 1 + (i % outlets);
    a.outlet_name = "Outlet " + std::to_string(a.outlet_id);
    a.url = "https://outlet" + std::to_string(a.outlet_id) + ".example/a/" + std::to_string(a.id);
    a.canonical_url = a.url;
    a.text = texts[i % texts.size()];
    a.lang = "en";
    a.published = 1'500'000'000 + i * 600;
    if (i > 0 && i % 4 == 0) a.links.push_back(f->in.articles[(i * 7) % i].url);
    auto attribution = [&](SourceKind kind, OutletId outlet, uint32_t at) {
      Attribution x;
      x.article_id = a.id;
      x.source_kind = kind;
      x.outlet_id = outlet;
      if (outlet) x.outlet_name = "Outlet " + std::to_string(outlet);
      uint32_t size = static_cast<uint32_t>(a.text.size());
      x.cue.push_back({std::min(at, size), std::min(at + 8, size)});
      x.source.push_back({std::min(at + 9, size), std::min(at + 30, size)});
      x.content.push_back({std::min(at + 31, size), std::min(at + 200, size)});
      x.anonymous = kind == SourceKind::kAnonymous;
      f->in.attributions.push_back(std::move(x));
    };
    if (i == 0 || i % 3 == 1) {
      attribution(SourceKind::kPerson, 0, 100);
      attribution(SourceKind::kAnonymous, 0, 900);
    }
    if (i > 0 && i % 3 == 0) attribution(SourceKind::kOutlet, 1 + ((i / 3) % outlets), 50);
    for (uint32_t k = 0; k < 4; ++k) attribution(SourceKind::kPerson, 0, 1200 + 500 * k);
    if (i > 0 && i % 6 == 5) {
      ReuseEdge e;
      e.source_id = 1 + (i * 5) % i;
      e.copy_id = a.id;
      e.cls = ReuseClass::kWhole;
      f->in.reuse.push_back(e);
    }
    f->in.articles.push_back(std::move(a));
  }
  return f;
}

PolicySet Policies() {
  auto p = PolicySet::Parse(
      "[policies.default]\nmin_independent_origins = 2\n[policies.latin-america]\n"
      "countries = [\"MX\"]\nmin_independent_origins = 2\nmin_in_country_origins = 2\n",
      "bench");
  return std::move(p).value();
}

void BM_ProvenanceAnalyzeTypical(benchmark::State& state) {
  auto f = MakeStory(12);
  PolicySet policies = Policies();
  for (auto _ : state) benchmark::DoNotOptimize(Analyze(f->in, policies));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProvenanceAnalyzeTypical)->Unit(benchmark::kMicrosecond);

// The share of the retraction scan (provenance/retraction.h) in the above.
void BM_ProvenanceAnalyzeTypicalNoRetractionScan(benchmark::State& state) {
  auto f = MakeStory(12);
  PolicySet policies = Policies();
  Options o;
  o.detect_retractions = false;
  for (auto _ : state) benchmark::DoNotOptimize(Analyze(f->in, policies, o));
}
BENCHMARK(BM_ProvenanceAnalyzeTypicalNoRetractionScan)->Unit(benchmark::kMicrosecond);

void BM_ProvenanceAnalyze(benchmark::State& state) {
  auto f = MakeStory(static_cast<int>(state.range(0)));
  PolicySet policies = Policies();
  for (auto _ : state) benchmark::DoNotOptimize(Analyze(f->in, policies));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ProvenanceAnalyze)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// Recompute after one new article: a story of n articles analyzed once (the cache warm), then
// each iteration adds one article never seen before (a fresh id: the cache must scan it) and
// analyzes the n + 1 articles. Arg 1 = with a FactCache (as the pipeline does), 0 = without
// (every text scanned again, as before the cache). Goal (issue 8): <= 1 ms up to 1,000 articles.
void RecomputeAfterNewArticle(benchmark::State& state, const Options& options) {
  const int n = static_cast<int>(state.range(0));
  const bool cached = state.range(1) != 0;
  auto f = MakeStory(n + 1);
  PolicySet policies = Policies();
  FactCache cache;
  StoryInput& in = f->in;
  if (cached) in.cache = &cache;
  {  // warm: the story as it was before the new article
    StoryInput before = in;
    before.articles.pop_back();
    benchmark::DoNotOptimize(Analyze(before, policies, options));
  }
  std::vector<Attribution*> its_attributions;
  std::vector<ReuseEdge*> its_copies;
  for (Attribution& at : in.attributions)
    if (at.article_id == in.articles.back().id) its_attributions.push_back(&at);
  for (ReuseEdge& e : in.reuse)
    if (e.copy_id == in.articles.back().id) its_copies.push_back(&e);
  ArticleId next = 1'000'000;
  for (auto _ : state) {
    // The new article under a fresh id (its attributions and reuse edges follow).
    ArticleId id = next++;
    for (Attribution* at : its_attributions) at->article_id = id;
    for (ReuseEdge* e : its_copies) e->copy_id = id;
    in.articles.back().id = id;
    benchmark::DoNotOptimize(Analyze(in, policies, options));
  }
  state.counters["cache_misses_per_iter"] =
      cached ? static_cast<double>(cache.misses() - n) / state.iterations() : 0;
}
void BM_ProvenanceRecomputeAfterNewArticle(benchmark::State& state) {
  RecomputeAfterNewArticle(state, Options{});
}
// The same without quote provenance (Options::quotes_given_to_outlets_relay, 2026-11-25): what
// the pass over cited passages costs, side by side in one run.
void BM_ProvenanceRecomputeNoQuoteProvenance(benchmark::State& state) {
  Options o;
  o.quotes_given_to_outlets_relay = false;
  RecomputeAfterNewArticle(state, o);
}
BENCHMARK(BM_ProvenanceRecomputeNoQuoteProvenance)
    ->ArgNames({"articles", "cached"})
    ->Args({100, 1})
    ->Args({1000, 1})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ProvenanceRecomputeAfterNewArticle)
    ->ArgNames({"articles", "cached"})
    ->Args({10, 1})
    ->Args({100, 1})
    ->Args({1000, 1})
    ->Args({10, 0})
    ->Args({100, 0})
    ->Args({1000, 0})
    ->Unit(benchmark::kMicrosecond);

void BM_ProvenanceReportJsonTypical(benchmark::State& state) {
  auto f = MakeStory(12);
  Report r = Analyze(f->in, Policies());
  for (auto _ : state) benchmark::DoNotOptimize(ReportToJson(r, f->in).dump());
}
BENCHMARK(BM_ProvenanceReportJsonTypical)->Unit(benchmark::kMicrosecond);

// 100,000 typical stories: TrackRecordIndex over their outcomes, then per story Analyze (with
// the track record lookup leaving the story out) + ReportToJson + dump. One iteration; the
// counter `seconds` is the wall time of the whole recompute.
void BM_ProvenanceRecompute100k(benchmark::State& state) {
  constexpr int kStories = 100'000;
  std::vector<std::unique_ptr<Fixture>> shapes;
  for (int n : {3, 8, 12, 20}) shapes.push_back(MakeStory(n));
  PolicySet policies = Policies();
  std::vector<records::StoryOutcome> outcomes(kStories);
  for (int s = 0; s < kStories; ++s) {
    outcomes[s].story = s + 1;
    outcomes[s].first_seen = 1'400'000'000 + s * 300;
    outcomes[s].country = s % 3 ? "US" : "MX";
    outcomes[s].verdict = s % 2 ? Verdict::kSingleSource : Verdict::kCorroborated;
    outcomes[s].origin_outlets = {static_cast<OutletId>(1 + s % 16),
                                  static_cast<OutletId>(1 + (s * 7) % 16)};
  }
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto index = std::make_shared<const records::TrackRecordIndex>(
        outcomes, 1'700'000'000, records::TrackRecordOptions{},
        [&policies](std::string_view cc) { return policies.ForCountry(cc).name; });
    size_t bytes = 0;
    for (int s = 0; s < kStories; ++s) {
      StoryInput& in = shapes[s % shapes.size()]->in;
      in.story.id = s + 1;
      in.track_record = [index, id = in.story.id](OutletId o) { return index->Get(o, id); };
      Report r = Analyze(in, policies);
      bytes += ReportToJson(r, in).dump().size();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state.counters["seconds"] = seconds;
    state.counters["json_MB"] = bytes / 1e6;
  }
}
BENCHMARK(BM_ProvenanceRecompute100k)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace headwater::provenance
