// WARC reading speed: records per second, plain and multi-member gzip (one member per record, as
// Common Crawl writes them). The archive is built at run time from the 181 pages of
// ../shared/data/article-extraction-benchmark/html/*.html.gz (gunzipped, each wrapped as an HTTP
// 200 text/html `response` record, preceded by a warcinfo record) in a temporary directory; it is
// never committed. Timed: ReadWarc (read, inflate, parse WARC and HTTP headers, build articles).
//   cmake -S . -B build/rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DHEADWATER_BENCH=ON
//   ninja -C build/rel headwater_bench && build/rel/headwater_bench --benchmark_filter=Warc
// Measured 2026-11-25 (-O2, CPU time of one core, median of 5; 182 records, 31 MB; the machine
// was loaded, wall time up to twice CPU time): plain 5,600 records/s (930 MB/s); gzip, one member
// per record, 2,130 records/s (350 MB/s of uncompressed WARC, zlib inflate dominating). The UTF-8
// validity check of every body (for charset conversion) costs about a quarter of the plain time.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/paths.h"
#include "ingest/warc.h"

namespace headwater::ingest {
namespace {

std::string Gunzip(const std::string& in) {
  std::string out;
  z_stream zs{};
  inflateInit2(&zs, 16 + MAX_WBITS);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  return out;
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Record(const std::string& type, const std::string& uri, const std::string& ctype,
                   const std::string& block) {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "WARC-Date: 2024-03-06T10:00:00Z\r\nContent-Type: " + ctype +
       "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  return r;
}

std::string& TempDir() {
  static std::string dir;
  return dir;
}

void RemoveTempDir() {
  std::error_code ec;
  if (!TempDir().empty()) std::filesystem::remove_all(TempDir(), ec);
}

struct Archives {
  std::string plain, gzip;
  size_t records = 0;
  size_t bytes = 0;
};

const Archives& Build() {
  static const Archives a = [] {
    Archives out;
    std::string dir = SharedDataDir() + "/article-extraction-benchmark/html";
    std::vector<std::filesystem::path> pages;
    if (std::filesystem::is_directory(dir))
      for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().string().ends_with(".html.gz")) pages.push_back(e.path());
    std::sort(pages.begin(), pages.end());
    std::string tmp =
        (std::filesystem::temp_directory_path() / ("hw-warc-bench-" + std::to_string(::getpid())))
            .string();
    std::filesystem::create_directories(tmp);
    TempDir() = tmp;
    std::atexit(RemoveTempDir);
    out.plain = tmp + "/pages.warc";
    out.gzip = tmp + "/pages.warc.gz";
    std::ofstream plain(out.plain, std::ios::binary), gz(out.gzip, std::ios::binary);
    std::string info =
        Record("warcinfo", "", "application/warc-fields", "software: headwater bench\r\n");
    plain << info;
    gz << Gzip(info);
    for (const auto& p : pages) {
      std::ifstream in(p, std::ios::binary);
      std::string zipped((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::string html = Gunzip(zipped);
      std::string http =
          "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
          std::to_string(html.size()) + "\r\n\r\n" + html;
      std::string rec = Record("response", "https://bench.example/" + p.stem().stem().string(),
                               "application/http; msgtype=response", http);
      plain << rec;
      gz << Gzip(rec);
      out.bytes += rec.size();
      ++out.records;
    }
    return out;
  }();
  return a;
}

void Read(benchmark::State& state, bool gzip) {
  const Archives& a = Build();
  if (a.records == 0) {
    state.SkipWithError("../shared/data/article-extraction-benchmark/html is missing");
    return;
  }
  size_t records = 0;
  for (auto _ : state) {
    auto r = ReadWarc(gzip ? a.gzip : a.plain);
    if (!r.ok() || !r->error.ok() || r->parsed.articles.size() != a.records) {
      state.SkipWithError("ReadWarc failed");
      return;
    }
    records += r->parsed.lines;
    benchmark::DoNotOptimize(r->parsed.articles.data());
  }
  state.counters["records/s"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * a.bytes));
}

void BM_WarcReadPlain(benchmark::State& state) { Read(state, false); }
void BM_WarcReadGzip(benchmark::State& state) { Read(state, true); }
BENCHMARK(BM_WarcReadPlain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WarcReadGzip)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace headwater::ingest
