// Micro-benchmarks of the hot paths not covered by reuse_bench.cc (sketching, LSH query),
// attribution_bench.cc (cue matching) and warc_bench.cc: HTML main-text extraction, tokenizing
// and folding, story assignment, verdict recompute (load a stored story + provenance Analyze),
// and store insert and query.
// Texts: ../shared/data/multi-outlet-events/helsinki_articles.csv and the 181 pages of
// ../shared/data/article-extraction-benchmark/html (synthetic texts when they are missing).
//   cmake -S . -B build/rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEADWATER_BENCH=ON
//   ninja -C build/rel headwater_bench && build/rel/headwater_bench
//   --benchmark_filter='Html|Tokenize|Stories|Verdict|Store'
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/csv.h"
#include "common/paths.h"
#include "common/text.h"
#include "common/time.h"
#include "ingest/jsonl.h"
#include "normalize/html_text.h"
#include "normalize/page_file.h"
#include "pipeline/pipeline.h"
#include "provenance/provenance.h"
#include "store/store.h"
#include "stories/clusterer.h"

namespace headwater {
namespace {

struct Row {
  std::string publisher, time, title, text;
};

// Helsinki rows: title = first paragraph, text = the rest (" ### " made '\n').
const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = [] {
    std::vector<Row> out;
    std::ifstream in(SharedDataDir() + "/multi-outlet-events/helsinki_articles.csv",
                     std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (const CsvRow& r : ParseCsv(ss.str())) {
      if (r.fields.size() != 4 || r.fields[0] == "id") continue;
      std::string t = r.fields[3];
      for (size_t p; (p = t.find(" ### ")) != std::string::npos;) t.replace(p, 5, "\n");
      size_t nl = t.find('\n');
      Row row{r.fields[1], r.fields[2], t.substr(0, nl),
              nl == std::string::npos ? "" : t.substr(nl + 1)};
      out.push_back(std::move(row));
    }
    if (out.empty()) {  // synthetic fallback
      for (int d = 0; d < 50; ++d) {
        std::string t;
        for (int w = 0; t.size() < 4000; ++w) t += "word" + std::to_string(d * 1000 + w) + " ";
        out.push_back({"example.com", "2018-07-16T00:00:00Z", "Title " + std::to_string(d), t});
      }
    }
    return out;
  }();
  return rows;
}

size_t TextBytes(const std::vector<Row>& rows) {
  size_t n = 0;
  for (const Row& r : rows) n += r.title.size() + r.text.size();
  return n;
}

// HTML main-text extraction over the benchmark's pages (decompressed once, outside the loop).
void BM_HtmlExtract(benchmark::State& state) {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    std::error_code ec;
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(
             SharedDataDir() + "/article-extraction-benchmark/html", ec))
      paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      auto page = normalize::ReadPageFile(p.string());
      if (page.ok()) out.push_back(std::move(*page));
    }
    return out;
  }();
  if (pages.empty()) {
    state.SkipWithError("no pages under ../shared/data/article-extraction-benchmark/html");
    return;
  }
  size_t bytes = 0;
  for (const std::string& p : pages) bytes += p.size();
  for (auto _ : state) {
    for (const std::string& p : pages) {
      auto a = normalize::ExtractHtml(p, "https://example.com/page");
      benchmark::DoNotOptimize(a.text.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * pages.size());
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_HtmlExtract)->Unit(benchmark::kMillisecond);

// Tokenize (offsets + folded words) and FoldedWords over the Helsinki texts.
void BM_TokenizeFold(benchmark::State& state) {
  const auto& rows = Rows();
  bool offsets = state.range(0) == 1;
  for (auto _ : state) {
    for (const Row& r : rows) {
      if (offsets) {
        auto t = Tokenize(r.text);
        benchmark::DoNotOptimize(t.data());
      } else {
        auto w = FoldedWords(r.text);
        benchmark::DoNotOptimize(w.data());
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * rows.size());
  state.SetBytesProcessed(state.iterations() * TextBytes(rows));
  state.SetLabel(offsets ? "Tokenize" : "FoldedWords");
}
BENCHMARK(BM_TokenizeFold)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

// Story assignment: every Helsinki article into a fresh clusterer (term extraction included).
void BM_StoriesAssign(benchmark::State& state) {
  const auto& rows = Rows();
  for (auto _ : state) {
    stories::StoryClusterer clusterer;
    ArticleId id = 0;
    for (const Row& r : rows) {
      stories::ArticleFeatures f;
      f.id = ++id;
      f.time = 1531699200 + static_cast<UnixSeconds>(id) * 60;
      f.lang = "en";
      f.title = r.title;
      f.text = r.text;
      auto a = clusterer.Assign(f);
      benchmark::DoNotOptimize(a.story);
    }
  }
  state.SetItemsProcessed(state.iterations() * rows.size());
}
BENCHMARK(BM_StoriesAssign)->Unit(benchmark::kMillisecond);

// A store in a temporary file with the Helsinki articles ingested through the whole pipeline
// (one batch), shared by the verdict and query benchmarks.
struct Ingested {
  std::string dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<pipeline::Pipeline> pipe;
  StoryId largest = 0;
  size_t largest_size = 0;
  ~Ingested() {
    pipe.reset();
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Ingested* GetIngested() {
  static std::unique_ptr<Ingested> ing = [] {
    auto g = std::make_unique<Ingested>();
    g->dir = (std::filesystem::temp_directory_path() /
              ("hw_pipeline_bench_" + std::to_string(::getpid())))
                 .string();
    std::filesystem::create_directories(g->dir);
    store::StoreOptions so;
    so.path = g->dir + "/bench.db";
    auto s = store::Store::Open(so);
    if (!s.ok()) return std::unique_ptr<Ingested>();
    g->store = std::move(*s);
    static SystemClock clock;
    pipeline::PipelineOptions po;
    po.load_gazetteer = false;
    auto p = pipeline::Pipeline::Open(g->store.get(), po, &clock);
    if (!p.ok()) return std::unique_ptr<Ingested>();
    g->pipe = std::move(*p);
    std::string jsonl;
    int n = 0;
    for (const Row& r : Rows()) {
      std::string host = r.publisher.substr(0, r.publisher.find('/'));
      nlohmann::json j = {{"url", "https://" + host + "/a/" + std::to_string(++n)},
                          {"title", r.title},
                          {"text", r.text},
                          {"published", r.time}};
      jsonl += j.dump() + "\n";
    }
    ingest::ParseResult parsed = ingest::ParseJsonl(jsonl, "helsinki.jsonl");
    auto sum = g->pipe->Ingest(parsed.articles, parsed.errors, false);
    if (!sum.ok()) return std::unique_ptr<Ingested>();
    for (StoryId id : sum->stories_touched) {
      auto arts = g->store->ArticlesOfStory(id);
      if (arts.ok() && arts->size() > g->largest_size) {
        g->largest_size = arts->size();
        g->largest = id;
      }
    }
    return g;
  }();
  return ing.get();
}

// Verdict recompute of the largest Helsinki story: load its provenance input from the store
// (articles, attributions, reuse edges) and Analyze it (Arg 1), or Analyze alone (Arg 0).
void BM_VerdictRecompute(benchmark::State& state) {
  Ingested* g = GetIngested();
  if (!g || !g->largest) {
    state.SkipWithError("could not build the store");
    return;
  }
  bool load = state.range(0) == 1;
  auto input = g->pipe->LoadStoryInput(g->largest);
  if (!input.ok()) {
    state.SkipWithError("LoadStoryInput failed");
    return;
  }
  for (auto _ : state) {
    if (load) {
      auto in = g->pipe->LoadStoryInput(g->largest);
      auto r = provenance::Analyze(*in, g->pipe->policies());
      benchmark::DoNotOptimize(r.counts.origins);
    } else {
      auto r = provenance::Analyze(*input, g->pipe->policies());
      benchmark::DoNotOptimize(r.counts.origins);
    }
  }
  state.SetLabel(std::to_string(g->largest_size) + " articles" +
                 (load ? ", load + Analyze" : ", Analyze"));
}
BENCHMARK(BM_VerdictRecompute)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

// Store insert: the Helsinki articles into a fresh store file, one transaction (FTS5 index,
// triggers and indexes included).
void BM_StoreInsert(benchmark::State& state) {
  const auto& rows = Rows();
  std::string dir =
      (std::filesystem::temp_directory_path() / ("hw_store_bench_" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(dir);
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    store::StoreOptions so;
    so.path = dir + "/insert" + std::to_string(++round) + ".db";
    auto s = store::Store::Open(so);
    if (!s.ok()) {
      state.SkipWithError("Store::Open failed");
      break;
    }
    Outlet o;
    o.name = "Bench Outlet";
    o.domains = {"bench.example"};
    auto oid = (*s)->UpsertOutlet(o);
    state.ResumeTiming();
    (void)(*s)->Begin();
    int n = 0;
    for (const Row& r : rows) {
      Article a;
      a.url = a.canonical_url = "https://bench.example/a/" + std::to_string(++n);
      a.outlet_id = oid.ok() ? *oid : 1;
      a.title = r.title;
      a.text = r.text;
      a.lang = "en";
      a.ingested = 1531699200;
      a.content_hash = static_cast<uint64_t>(n);
      auto id = (*s)->InsertArticle(a);
      benchmark::DoNotOptimize(id);
    }
    (void)(*s)->Commit();
    state.PauseTiming();
    s->reset();
    std::filesystem::remove(so.path);
    state.ResumeTiming();
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  state.SetItemsProcessed(state.iterations() * rows.size());
  state.SetBytesProcessed(state.iterations() * TextBytes(rows));
}
BENCHMARK(BM_StoreInsert)->Unit(benchmark::kMillisecond);

// Store queries on the ingested Helsinki store: FTS5 search (Arg 0), a story's articles (Arg 1).
void BM_StoreQuery(benchmark::State& state) {
  Ingested* g = GetIngested();
  if (!g || !g->largest) {
    state.SkipWithError("could not build the store");
    return;
  }
  bool search = state.range(0) == 0;
  const char* queries[] = {"Putin", "Helsinki summit", "election interference",
                           "Trump press conference"};
  size_t q = 0;
  for (auto _ : state) {
    if (search) {
      auto hits = g->store->Search(queries[q++ % 4], 20);
      benchmark::DoNotOptimize(hits);
    } else {
      auto arts = g->store->ArticlesOfStory(g->largest);
      benchmark::DoNotOptimize(arts);
    }
  }
  state.SetLabel(search ? "Search, 20 hits"
                        : std::to_string(g->largest_size) + " articles of a story");
}
BENCHMARK(BM_StoreQuery)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace headwater
