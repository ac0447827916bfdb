// All-pairs reuse at scale: a stream of synthetic articles built from real paragraphs, with
// planted copies whose truth is known, through the streaming ReuseDetector (candidates from the
// index, exact check, classes). Reports wall and CPU time, index bytes per article, the recall
// of the planted copies, and the recall of the candidates and edges against brute force on a
// sample of query articles (every earlier article compared exactly with each). Articles are
// generated and shingled (ReuseDetector::Prepare) on a second thread while the detector's
// thread queries, compares and indexes.
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
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
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

double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoll(v) : fallback;
}

// Brute force on a sample: every earlier article of the stream is compared exactly with each
// of `size` query articles (evenly spaced over the second half of the stream, where the index
// is large), so the pairs with reuse are known whatever the index returns. The queries'
// shingles are made first; each streamed article's shingles are looked up in them (a bit
// filter, then a hash map), and the articles sharing shingles with a query are compared
// exactly and classified.
class BruteForceSample {
 public:
  struct Truth {
    ArticleId other = 0;
    ReuseClass cls = ReuseClass::kNone;
    double containment = 0;  // max of the two
  };

  BruteForceSample(const Stream& stream, const Options& options, int64_t n, int64_t size)
      : options_(options), filter_(size_t{1} << 22, false) {
    for (int64_t k = 0; k < size && n >= 2 * size; ++k) {
      const int64_t q = n / 2 + 1 + k * (n / 2) / size;
      queries_.push_back(q);
      Article a;
      a.id = q;
      a.text = stream.Text(q);
      std::vector<uint64_t> sorted = internal::Prepare(a.text, options).sorted;
      for (uint64_t h : sorted) {
        filter_[h & (filter_.size() - 1)] = true;
        by_shingle_[h].push_back(static_cast<uint32_t>(queries_.size() - 1));
      }
      sizes_.push_back(sorted.size());
      query_of_[q] = queries_.size() - 1;
    }
    truth_.resize(queries_.size());
  }

  // Records the pairs of article a (shingled as `prepared`) with the later queries. Call in
  // stream order.
  void Observe(const Article& a, const internal::PreparedText& prepared) {
    thread_local std::unordered_map<uint32_t, size_t> shared;
    shared.clear();
    for (uint64_t h : prepared.sorted) {
      if (!filter_[h & (filter_.size() - 1)]) continue;
      auto it = by_shingle_.find(h);
      if (it == by_shingle_.end()) continue;
      for (uint32_t q : it->second) {
        if (queries_[q] > a.id) ++shared[q];
      }
    }
    for (const auto& [q, count] : shared) {
      const double c = std::max(static_cast<double>(count) / sizes_[q],
                                static_cast<double>(count) / prepared.sorted.size());
      if (c < options_.partial_min) continue;  // Classify() would say none
      ++compared_;
      const std::string text = query_text_cache(q);
      internal::PreparedText qp = internal::Prepare(text, options_);
      const Comparison cmp = internal::CompareSorted(qp, text, prepared.sorted, options_);
      truth_[q].push_back({a.id, Classify(cmp, options_), std::max(cmp.a_in_b, cmp.b_in_a)});
    }
  }

  // Index of query id in the sample, or -1.
  int64_t QueryIndex(ArticleId id) const {
    auto it = query_of_.find(id);
    return it == query_of_.end() ? -1 : static_cast<int64_t>(it->second);
  }
  const std::vector<Truth>& TruthOf(size_t q) const { return truth_[q]; }
  size_t size() const { return queries_.size(); }
  int64_t compared() const { return compared_; }

  void SetTextSource(std::function<std::string(ArticleId)> text) { text_ = std::move(text); }

 private:
  std::string query_text_cache(uint32_t q) const { return text_(queries_[q]); }

  Options options_;
  std::vector<ArticleId> queries_;
  std::vector<size_t> sizes_;
  std::vector<bool> filter_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_shingle_;
  std::unordered_map<ArticleId, size_t> query_of_;
  std::vector<std::vector<Truth>> truth_;
  std::function<std::string(ArticleId)> text_;
  int64_t compared_ = 0;
};

// One streamed article, generated and prepared (on the producer thread when there are two).
struct Item {
  Article article;
  ReuseDetector::Prepared prepared;
};

// HW_REUSE_SCALE=N articles (default 20,000); HW_REUSE_SCALE_CPU_S: stop after this many CPU
// seconds of the process (the figures are then for the articles streamed so far);
// HW_REUSE_SCALE_THREADS=1 generates and shingles on the detector's thread instead of a
// second one; HW_REUSE_SCALE_SAMPLE: queries of the brute-force sample (default 200);
// HW_REUSE_SCALE_GATE=0 fetches every uncached candidate (the gate off); HW_REUSE_SCALE_CACHE
// sets Options::cache_articles. Progress goes to stderr every 50,000 articles.
void BM_ReuseScale(benchmark::State& state) {
  const Pool& pool = RealParagraphs();
  if (pool.paragraphs.empty()) {
    state.SkipWithError("no shared data");
    return;
  }
  const int64_t wanted = EnvInt("HW_REUSE_SCALE", 20000);
  const char* budget_env = std::getenv("HW_REUSE_SCALE_CPU_S");
  const double budget = budget_env ? std::atof(budget_env) : 1e18;
  const int threads = static_cast<int>(EnvInt("HW_REUSE_SCALE_THREADS", 2));
  Options options;
  if (EnvInt("HW_REUSE_SCALE_GATE", 1) == 0) options.min_uncached_votes = 1;
  options.cache_articles = static_cast<size_t>(
      EnvInt("HW_REUSE_SCALE_CACHE", static_cast<int64_t>(options.cache_articles)));
  const Stream stream(pool);
  for (auto _ : state) {
    BruteForceSample sample(stream, options, wanted, EnvInt("HW_REUSE_SCALE_SAMPLE", 200));
    sample.SetTextSource([&stream](ArticleId id) { return stream.Text(id); });
    ReuseDetector detector{options};
    Article fetched;
    int64_t fetches = 0;
    auto fetch = [&](ArticleId id) -> const Article* {
      ++fetches;
      fetched.id = id;
      fetched.text = stream.Text(id);
      fetched.published = id;
      return &fetched;
    };
    auto make = [&](int64_t i) {
      Item item;
      item.article.id = i;
      item.article.published = i;
      item.article.text = stream.Text(i);
      item.prepared = ReuseDetector::Prepare(item.article, options);
      sample.Observe(item.article, item.prepared.text);
      return item;
    };

    // Producer: a bounded queue of prepared articles, filled by a second thread.
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Item> queue;
    bool stop = false;
    constexpr size_t kQueue = 256;
    std::thread producer;
    const double start_cpu = ProcessCpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    if (threads > 1) {
      producer = std::thread([&] {
        for (int64_t i = 1; i <= wanted; ++i) {
          Item item = make(i);
          std::unique_lock<std::mutex> lock(mu);
          cv.wait(lock, [&] { return queue.size() < kQueue || stop; });
          if (stop) return;
          queue.push_back(std::move(item));
          cv.notify_all();
        }
      });
    }
    auto next = [&](int64_t i) {
      if (threads <= 1) return make(i);
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return !queue.empty(); });
      Item item = std::move(queue.front());
      queue.pop_front();
      cv.notify_all();
      return item;
    };

    int64_t planted[3] = {0, 0, 0}, found[3] = {0, 0, 0}, right_class[3] = {0, 0, 0};
    int64_t candidate[3] = {0, 0, 0};
    int64_t edges = 0, unplanned = 0, bytes = 0;
    // Brute-force sample: pairs by true class, found among the candidates, found as edges.
    int64_t bf_pairs[3] = {0, 0, 0}, bf_candidate[3] = {0, 0, 0}, bf_edge[3] = {0, 0, 0};
    int64_t bf_contained = 0, bf_contained_candidate = 0;
    double detector_thread_cpu = 0;
    const bool debug = EnvInt("HW_REUSE_SCALE_DEBUG", 0) != 0;
    int64_t dbg_count[5][5] = {}, dbg_edge[5][5] = {};
    int64_t n = 0;
    for (int64_t i = 1; i <= wanted; ++i) {
      const double now_cpu = ProcessCpuSeconds();
      if (now_cpu - start_cpu > budget) break;
      if (i % 50000 == 0) {
        std::fprintf(
            stderr,
            "%lld articles, %.0f CPU s, %.0f wall s, %lld fetches, %zu skipped, index "
            "%.0f bytes/article\n",
            static_cast<long long>(i), now_cpu - start_cpu,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            static_cast<long long>(fetches), detector.skipped(),
            static_cast<double>(detector.index().MemoryBytes()) / static_cast<double>(i));
      }
      Item item = next(i);
      const double t0 = ThreadCpuSeconds();
      n = i;
      const Article& a = item.article;
      bytes += static_cast<int64_t>(a.text.size());
      const int64_t source = stream.SourceOf(i);
      const Kind kind = stream.KindOf(i);
      const int k = static_cast<int>(kind);
      const int64_t q = sample.QueryIndex(i);
      std::unordered_set<ArticleId> candidates;
      std::vector<LshIndex::Candidate> dbg;
      if (source != 0 || q >= 0 ||
          debug) {  // the candidate step alone (what Process() will be given)
        for (const auto& c : detector.index().RankedCandidates(item.prepared.signature,
                                                               options.max_candidates + 1)) {
          candidates.insert(c.id);
          if (debug && c.id <= i - static_cast<int64_t>(options.cache_articles)) dbg.push_back(c);
        }
        if (source != 0) candidate[k] += candidates.count(source);
      }
      bool hit = false, right = false;
      std::unordered_set<ArticleId> linked;
      for (const ReuseEdge& e : detector.Process(a, std::move(item.prepared), fetch)) {
        ++edges;
        const ArticleId other = e.source_id == i ? e.copy_id : e.source_id;
        linked.insert(other);
        if (source != 0 && other == source) {
          hit = true;
          right = (kind == Kind::kWhole) == (e.cls == ReuseClass::kWhole);
        } else if (stream.SourceOf(other) != source || source == 0) {
          ++unplanned;  // not the planted pair nor a sibling copy of the same source
        }
      }
      if (source != 0) ++planted[k], found[k] += hit, right_class[k] += right;
      for (const auto& c : dbg) {
        const int v = std::min(c.votes, 4);
        const int r = c.rarity >= 1      ? 4
                      : c.rarity >= 0.5  ? 3
                      : c.rarity >= 0.2  ? 2
                      : c.rarity >= 0.05 ? 1
                                         : 0;
        ++dbg_count[v][r];
        dbg_edge[v][r] += linked.count(c.id);
      }
      if (q >= 0) {
        for (const auto& t : sample.TruthOf(static_cast<size_t>(q))) {
          const int c = static_cast<int>(t.cls);
          ++bf_pairs[c];
          bf_candidate[c] += candidates.count(t.other);
          bf_edge[c] += linked.count(t.other);
          if (t.containment >= options.partial_min) {
            ++bf_contained;
            bf_contained_candidate += candidates.count(t.other);
          }
        }
      }
      detector_thread_cpu += ThreadCpuSeconds() - t0;
    }
    if (threads > 1) {
      {
        std::lock_guard<std::mutex> lock(mu);
        stop = true;
      }
      cv.notify_all();
      producer.join();
    }
    if (debug) {
      for (int v = 1; v < 5; ++v) {
        for (int r = 0; r < 5; ++r) {
          std::fprintf(stderr, "votes %d rarity bin %d: %lld uncached candidates, %lld edges\n", v,
                       r, static_cast<long long>(dbg_count[v][r]),
                       static_cast<long long>(dbg_edge[v][r]));
        }
      }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = ProcessCpuSeconds() - start_cpu;
    auto share = [](int64_t x, int64_t of) {
      return of == 0 ? 0.0 : static_cast<double>(x) / static_cast<double>(of);
    };
    const auto whole = static_cast<int>(ReuseClass::kWhole);
    const auto partial = static_cast<int>(ReuseClass::kPartial);
    const auto kw = static_cast<int>(Kind::kWhole), kp = static_cast<int>(Kind::kPartial);
    state.counters["articles"] = static_cast<double>(n);
    state.counters["wall_s"] = seconds;
    // CPU of the process (both threads), and of the detector's thread alone (Process() with
    // its fetches, which re-generate texts older than the cache, and the extra candidate
    // query of the recall check).
    state.counters["cpu_s"] = cpu;
    state.counters["detector_thread_cpu_s"] = detector_thread_cpu;
    state.counters["articles_per_cpu_s"] = static_cast<double>(n) / cpu;
    state.counters["mean_bytes"] = static_cast<double>(bytes) / static_cast<double>(n);
    state.counters["index_bytes_per_article"] =
        static_cast<double>(detector.index().MemoryBytes()) / static_cast<double>(n);
    state.counters["peak_rss_mb"] = static_cast<double>(PeakRssKb()) / 1024.0;
    state.counters["candidate_recall_whole"] = share(candidate[kw], planted[kw]);
    state.counters["candidate_recall_partial"] = share(candidate[kp], planted[kp]);
    state.counters["recall_whole"] = share(found[kw], planted[kw]);
    state.counters["recall_partial"] = share(found[kp], planted[kp]);
    state.counters["class_ok_whole"] = share(right_class[kw], planted[kw]);
    state.counters["class_ok_partial"] = share(right_class[kp], planted[kp]);
    state.counters["edges_per_article"] = share(edges, n);
    state.counters["edge_precision"] = share(edges - unplanned, edges);
    state.counters["fetches_per_article"] = share(fetches, n);
    state.counters["skipped_per_article"] = share(static_cast<int64_t>(detector.skipped()), n);
    state.counters["unplanned_edges"] = static_cast<double>(unplanned);
    state.counters["bf_queries"] = static_cast<double>(sample.size());
    state.counters["bf_pairs_whole"] = static_cast<double>(bf_pairs[whole]);
    state.counters["bf_pairs_partial"] = static_cast<double>(bf_pairs[partial]);
    state.counters["bf_pairs_contained"] = static_cast<double>(bf_contained);
    state.counters["bf_candidate_recall_whole"] = share(bf_candidate[whole], bf_pairs[whole]);
    state.counters["bf_candidate_recall_partial"] = share(bf_candidate[partial], bf_pairs[partial]);
    state.counters["bf_candidate_recall_contained"] = share(bf_contained_candidate, bf_contained);
    state.counters["bf_edge_recall_whole"] = share(bf_edge[whole], bf_pairs[whole]);
    state.counters["bf_edge_recall_partial"] = share(bf_edge[partial], bf_pairs[partial]);
  }
}
BENCHMARK(BM_ReuseScale)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace headwater::reuse
