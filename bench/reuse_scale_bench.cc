// All-pairs reuse at scale: a stream of synthetic articles built from real paragraphs, with
// planted copies whose truth is known, through the streaming ReuseDetector (candidates from the
// index, exact check, classes). Reports documents per second, index bytes per article and the
// recall of the planted copies.
//
// Corpus (generated at run time; article i is a pure function of i, so fetching an article
// re-generates it and the stream needs no text store):
// - paragraphs of at least 15 words from ../shared/data/multi-outlet-events/*.csv and the
//   PolNeAR train/dev/annotator-training texts, deduplicated;
// - a base article is 5-12 paragraphs drawn at random, each perturbed by replacing 40% of its
//   words with words drawn from the corpus vocabulary, so unrelated articles share no more
//   than stock phrases (the real paragraphs are reused a hundred times over a million
//   articles);
// - 10% of articles are whole copies of an earlier base article (among the previous 50,000):
//   a new headline, 2% of the words replaced, sometimes the last paragraph dropped;
// - 10% are a base article with 2-4 consecutive paragraphs of an earlier base article
//   inserted verbatim (partial copies);
// the rest are base articles.
//
// HW_REUSE_SCALE=N sets the number of articles (default 20,000 so `make bench` stays short;
// the figures in docs/BENCHMARKS.md are for 1,000,000):
//   HW_REUSE_SCALE=1000000 build/rel/headwater_bench --benchmark_filter=ReuseScale
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/csv.h"
#include "common/paths.h"
#include "reuse/reuse.h"

namespace headwater::reuse {
namespace {

uint64_t SplitMix(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Pool {
  std::vector<std::vector<std::string>> paragraphs;  // words of each paragraph
  std::vector<std::string> vocabulary;
};

void AddParagraph(const std::string& text, std::unordered_set<std::string>* seen, Pool* pool) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  if (words.size() < 15 || !seen->insert(text).second) return;
  for (const auto& w : words) pool->vocabulary.push_back(w);
  pool->paragraphs.push_back(std::move(words));
}

const Pool& RealParagraphs() {
  static const Pool pool = [] {
    Pool p;
    std::unordered_set<std::string> seen;
    const std::string data = SharedDataDir();
    for (const char* event : {"helsinki", "census", "spotify"}) {
      for (const CsvRow& row :
           ParseCsv(Slurp(data + "/multi-outlet-events/" + event + "_articles.csv"))) {
        if (row.fields.size() != 4) continue;
        const std::string& t = row.fields[3];
        for (size_t pos = 0; pos < t.size();) {
          size_t next = t.find(" ### ", pos);
          AddParagraph(t.substr(pos, next == std::string::npos ? next : next - pos), &seen, &p);
          if (next == std::string::npos) break;
          pos = next + 5;
        }
      }
    }
    for (const char* split : {"train", "dev", "annotator-training"}) {
      const std::string dir = data + "/polnear/data/" + split + "/text";
      if (!std::filesystem::exists(dir)) continue;
      for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::istringstream in(Slurp(entry.path().string()));
        for (std::string line; std::getline(in, line);) AddParagraph(line, &seen, &p);
      }
    }
    return p;
  }();
  return pool;
}

enum class Kind { kBase, kWhole, kPartial };

// The synthetic stream: article i (1-based ids) from seed i.
class Stream {
 public:
  explicit Stream(const Pool& pool) : pool_(pool) {}

  Kind KindOf(int64_t i) const {
    uint64_t s = static_cast<uint64_t>(i) * 0xD1B54A32D192ED03ULL;
    const uint64_t r = SplitMix(&s) % 100;
    if (i < 100 || r >= 20) return Kind::kBase;
    return r < 10 ? Kind::kWhole : Kind::kPartial;
  }
  // The earlier base article a copy takes its text from (0 when i is a base article).
  int64_t SourceOf(int64_t i) const {
    if (KindOf(i) == Kind::kBase) return 0;
    uint64_t s = static_cast<uint64_t>(i) * 0x8CB92BA72F3D8DD7ULL;
    for (int attempt = 0; attempt < 20; ++attempt) {
      const int64_t back = 1 + static_cast<int64_t>(SplitMix(&s) % std::min<int64_t>(i - 1, 50000));
      if (KindOf(i - back) == Kind::kBase) return i - back;
    }
    return 0;  // no base article found: treated as base
  }

  std::string Text(int64_t i) const {
    std::vector<std::string> paragraphs = Base(i);
    const int64_t source = SourceOf(i);
    uint64_t s = static_cast<uint64_t>(i) * 0xA0761D6478BD642FULL + 7;
    if (source != 0 && KindOf(i) == Kind::kWhole) {
      paragraphs = Base(source);
      if (paragraphs.size() > 5 && SplitMix(&s) % 3 == 0) paragraphs.pop_back();
      for (auto& p : paragraphs) {  // light edits: 2% of the words
        std::vector<std::string> words = Words(p);
        for (auto& w : words) {
          if (SplitMix(&s) % 50 == 0) w = pool_.vocabulary[SplitMix(&s) % pool_.vocabulary.size()];
        }
        p = Join(words);
      }
      paragraphs.insert(paragraphs.begin(),
                        "Headline " + std::to_string(i) + " of a syndicated copy");
    } else if (source != 0) {
      std::vector<std::string> from = Base(source);
      const size_t take = std::min<size_t>(from.size(), 2 + SplitMix(&s) % 3);
      const size_t start = SplitMix(&s) % (from.size() - take + 1);
      const size_t at = SplitMix(&s) % (paragraphs.size() + 1);
      paragraphs.insert(paragraphs.begin() + static_cast<std::ptrdiff_t>(at),
                        from.begin() + static_cast<std::ptrdiff_t>(start),
                        from.begin() + static_cast<std::ptrdiff_t>(start + take));
    }
    std::string text;
    for (const auto& p : paragraphs) text += p + "\n";
    return text;
  }

 private:
  static std::vector<std::string> Words(const std::string& p) {
    std::vector<std::string> words;
    std::istringstream in(p);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
  }
  static std::string Join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
      if (!out.empty()) out += ' ';
      out += w;
    }
    return out;
  }
  std::vector<std::string> Base(int64_t i) const {
    uint64_t s = static_cast<uint64_t>(i) * 0x9FB21C651E98DF25ULL + 3;
    const size_t n = 5 + SplitMix(&s) % 8;
    std::vector<std::string> out;
    for (size_t k = 0; k < n; ++k) {
      const auto& words = pool_.paragraphs[SplitMix(&s) % pool_.paragraphs.size()];
      std::string p;
      for (const auto& w : words) {
        if (!p.empty()) p += ' ';
        p += SplitMix(&s) % 5 < 2 ? pool_.vocabulary[SplitMix(&s) % pool_.vocabulary.size()] : w;
      }
      out.push_back(std::move(p));
    }
    return out;
  }
  const Pool& pool_;
};

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

void BM_ReuseScale(benchmark::State& state) {
  const Pool& pool = RealParagraphs();
  if (pool.paragraphs.empty()) {
    state.SkipWithError("no shared data");
    return;
  }
  const char* env = std::getenv("HW_REUSE_SCALE");
  const int64_t wanted = env ? std::atoll(env) : 20000;
  // HW_REUSE_SCALE_CPU_S: stop early after this many CPU seconds (the figures are then for the
  // articles streamed so far); progress goes to stderr every 50,000 articles.
  const char* budget_env = std::getenv("HW_REUSE_SCALE_CPU_S");
  const double budget = budget_env ? std::atof(budget_env) : 1e18;
  const Stream stream(pool);
  for (auto _ : state) {
    ReuseDetector detector{Options()};
    Article fetched;
    int64_t fetches = 0;
    auto fetch = [&](ArticleId id) -> const Article* {
      ++fetches;
      fetched.id = id;
      fetched.text = stream.Text(id);
      fetched.published = id;
      return &fetched;
    };
    int64_t planted[3] = {0, 0, 0}, found[3] = {0, 0, 0}, right_class[3] = {0, 0, 0};
    int64_t candidate[3] = {0, 0, 0};
    int64_t edges = 0, unplanned = 0, bytes = 0;
    double generate_cpu = 0, check_cpu = 0;
    const double start_cpu = ThreadCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    int64_t n = 0;
    for (int64_t i = 1; i <= wanted; ++i) {
      const double g0 = ThreadCpuSeconds();
      if (g0 - start_cpu > budget) break;
      n = i;
      if (i % 50000 == 0) {
        std::fprintf(stderr, "%lld articles, %.0f CPU s, %lld fetches, index %.0f bytes/article\n",
                     static_cast<long long>(i), g0 - start_cpu, static_cast<long long>(fetches),
                     static_cast<double>(detector.index().MemoryBytes()) / static_cast<double>(i));
      }
      Article a;
      a.id = i;
      a.published = i;
      a.text = stream.Text(i);
      bytes += static_cast<int64_t>(a.text.size());
      const int64_t source = stream.SourceOf(i);
      const Kind kind = stream.KindOf(i);
      const int k = static_cast<int>(kind);
      const double g1 = ThreadCpuSeconds();
      generate_cpu += g1 - g0;
      if (source != 0) {  // candidate step alone: is the source among the candidates?
        const Options& o = detector.options();
        Signature sig = Sketch(ShingleSequence(a.text, o), o);
        for (const auto& c : detector.index().RankedCandidates(sig, o.max_candidates + 1)) {
          if (c.id == source) ++candidate[k];
        }
      }
      check_cpu += ThreadCpuSeconds() - g1;
      bool hit = false, right = false;
      for (const ReuseEdge& e : detector.Process(a, fetch)) {
        ++edges;
        const ArticleId other = e.source_id == i ? e.copy_id : e.source_id;
        if (source != 0 && other == source) {
          hit = true;
          right = (kind == Kind::kWhole) == (e.cls == ReuseClass::kWhole);
        } else if (stream.SourceOf(other) != source || source == 0) {
          ++unplanned;  // not the planted pair nor a sibling copy of the same source
        }
      }
      if (source != 0) ++planted[k], found[k] += hit, right_class[k] += right;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // CPU time of the detector alone: generation, the extra candidate query and fetches
    // (re-generation of texts older than the cache) are outside it only in part: fetch time
    // is inside Process() and counted.
    const double detect_cpu = ThreadCpuSeconds() - start_cpu - generate_cpu - check_cpu;
    state.counters["articles"] = static_cast<double>(n);
    state.counters["docs_per_cpu_s"] = static_cast<double>(n) / detect_cpu;
    state.counters["detect_cpu_s"] = detect_cpu;
    state.counters["generate_cpu_s"] = generate_cpu;
    state.counters["wall_s"] = seconds;
    state.counters["mean_bytes"] = static_cast<double>(bytes) / static_cast<double>(n);
    state.counters["index_bytes_per_article"] =
        static_cast<double>(detector.index().MemoryBytes()) / static_cast<double>(n);
    state.counters["peak_rss_mb"] = static_cast<double>(PeakRssKb()) / 1024.0;
    const auto whole = static_cast<int>(Kind::kWhole), partial = static_cast<int>(Kind::kPartial);
    state.counters["candidate_recall_whole"] =
        static_cast<double>(candidate[whole]) / planted[whole];
    state.counters["candidate_recall_partial"] =
        static_cast<double>(candidate[partial]) / planted[partial];
    state.counters["recall_whole"] = static_cast<double>(found[whole]) / planted[whole];
    state.counters["recall_partial"] = static_cast<double>(found[partial]) / planted[partial];
    state.counters["class_ok_whole"] = static_cast<double>(right_class[whole]) / planted[whole];
    state.counters["class_ok_partial"] =
        static_cast<double>(right_class[partial]) / planted[partial];
    state.counters["edges_per_article"] = static_cast<double>(edges) / static_cast<double>(n);
    state.counters["fetches_per_article"] = static_cast<double>(fetches) / static_cast<double>(n);
    state.counters["unplanned_edges"] = static_cast<double>(unplanned);
  }
}
BENCHMARK(BM_ReuseScale)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace headwater::reuse
