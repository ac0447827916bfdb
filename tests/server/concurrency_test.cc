// Readers are served while an ingest batch commits, and no request sees half a batch: reader
// threads poll /api/health (article and story counts) and the story list (the sum of the
// stories' article counts) while POST /api/ingest commits demo/batch2.jsonl; every answer must
// be the state before the batch or after it. Run with the cache off (every request reads the
// store in its own read transaction) and on.
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "common/paths.h"
#include "server_test_util.h"

namespace headwater::server::testing {
namespace {

struct Snapshot {
  int64_t articles = 0, stories = 0, list_articles = 0;
};

void RunReadersDuringIngest(size_t cache_entries) {
  ServerOptions o;
  o.cache_entries = cache_entries;
  DemoServer demo(/*batch2=*/false, o);
  json h0 = demo.GetJson("/api/health");
  const int64_t before = h0["articles"].get<int64_t>();
  const int64_t stories_before = h0["stories"].get<int64_t>();
  auto batch2 = ReadFile(RepoPath("demo/batch2.jsonl"));
  ASSERT_TRUE(batch2.ok());

  std::atomic<bool> stop{false};
  std::mutex mu;
  std::set<std::pair<int64_t, int64_t>> health_seen;  // (articles, stories)
  std::set<int64_t> list_seen;                        // sum of counts.articles
  std::atomic<int> requests{0}, failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      auto client = demo.NewClient();
      while (!stop.load()) {
        bool health = (requests.fetch_add(1) + t) % 2 == 0;
        auto r = client->Get(health ? "/api/health" : "/api/stories?limit=200");
        if (!r || r->status != 200) {
          failures++;
          continue;
        }
        json j = json::parse(r->body);
        std::lock_guard<std::mutex> lock(mu);
        if (health) {
          health_seen.emplace(j["articles"].get<int64_t>(), j["stories"].get<int64_t>());
        } else {
          int64_t sum = 0;
          for (const json& s : j["stories"]) sum += s["counts"]["articles"].get<int64_t>();
          list_seen.insert(sum);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto r = demo.client->Post("/api/ingest", demo.Auth(), *batch2, "application/x-ndjson");
  // Let the readers go on until one of them has seen the batch (at most 10 s).
  const int64_t expect_after = before + 8;
  for (int i = 0; i < 1000; ++i) {
    {
      std::lock_guard<std::mutex> lock(mu);
      bool seen = false;
      for (const auto& p : health_seen) seen = seen || p.first == expect_after;
      if (seen) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop = true;
  for (auto& t : readers) t.join();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json after = demo.GetJson("/api/health");
  const int64_t added = json::parse(r->body)["added"].get<int64_t>();
  ASSERT_EQ(added, 8);
  EXPECT_EQ(after["articles"].get<int64_t>(), before + added);
  const std::pair<int64_t, int64_t> b{before, stories_before};
  const std::pair<int64_t, int64_t> a{after["articles"].get<int64_t>(),
                                      after["stories"].get<int64_t>()};
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(requests.load(), 20);
  for (const auto& seen : health_seen)
    EXPECT_TRUE(seen == b || seen == a)
        << "half a batch: " << seen.first << " articles, " << seen.second << " stories";
  for (int64_t sum : list_seen)
    EXPECT_TRUE(sum == before || sum == before + added) << "stories sum to " << sum << " articles";
  EXPECT_TRUE(health_seen.count(b));  // readers were served before the commit...
  EXPECT_TRUE(health_seen.count(a));  // ...and after it
}

TEST(Concurrency, ReadersSeeBeforeOrAfterTheBatchWithoutCache) { RunReadersDuringIngest(0); }

TEST(Concurrency, ReadersSeeBeforeOrAfterTheBatchWithCache) { RunReadersDuringIngest(8192); }

}  // namespace
}  // namespace headwater::server::testing
