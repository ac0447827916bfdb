// Feed polling against a server on 127.0.0.1 (loopback allowed for the test only): items on
// the first poll, a conditional GET answered 304 on the next, backoff after errors, the polite
// per-host interval, and a private-address feed refused before any connection.
#include "ingest/poller.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace headwater::ingest {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(HEADWATER_TEST_FIXTURES) + "/feeds/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Poller, ConditionalGetBackoffAndPerHostInterval) {
  std::string rss = ReadFixture("rss2.xml");
  ASSERT_FALSE(rss.empty());
  httplib::Server server;
  std::atomic<int> conditional{0}, broken_calls{0};
  server.Get("/feed.xml", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      ++conditional;
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"v1\"");
    res.set_content(rss, "application/rss+xml");
  });
  server.Get("/broken.xml", [&](const httplib::Request&, httplib::Response& res) {
    ++broken_calls;
    res.status = 503;
  });
  int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread t([&] { server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::string base = "http://127.0.0.1:" + std::to_string(port);

  FetchOptions fo;
  fo.allow_loopback = true;
  CurlFetcher fetcher(fo);
  std::vector<store::Feed> feeds(2);
  feeds[0].id = 1;
  feeds[0].url = base + "/feed.xml";
  feeds[1].id = 2;
  feeds[1].url = base + "/broken.xml";
  std::vector<int> waits;
  auto sleep = [&](int ms) { waits.push_back(ms); };
  PollOptions po;
  po.pages.enabled = false;  // the fixture's summary items link to valley-ledger.example

  auto first = PollDueFeeds(&feeds, &fetcher, 1000, sleep, po);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].http_status, 200);
  EXPECT_TRUE(first[0].error.empty()) << first[0].error;
  EXPECT_FALSE(first[0].parsed.articles.empty());
  EXPECT_EQ(feeds[0].etag, "\"v1\"");
  EXPECT_EQ(feeds[0].next_poll, 1000 + po.interval_s);
  EXPECT_EQ(first[1].http_status, 503);
  EXPECT_EQ(feeds[1].failures, 1);
  EXPECT_EQ(feeds[1].next_poll, 1000 + po.base_backoff_s);
  EXPECT_EQ(waits, (std::vector<int>{po.per_host_interval_ms}));  // same host twice

  // Nothing is due before next_poll.
  EXPECT_TRUE(PollDueFeeds(&feeds, &fetcher, 1001, sleep, po).empty());

  // Both due again: a 304 for the first, a second failure (doubled backoff) for the other.
  auto second = PollDueFeeds(&feeds, &fetcher, 1000 + po.interval_s, sleep, po);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_TRUE(second[0].not_modified);
  EXPECT_TRUE(second[0].parsed.articles.empty());
  EXPECT_EQ(conditional.load(), 1);
  EXPECT_EQ(feeds[1].failures, 2);
  EXPECT_EQ(feeds[1].next_poll, 1000 + po.interval_s + 2 * po.base_backoff_s);
  server.stop();
  t.join();
  EXPECT_EQ(broken_calls.load(), 2);
  EXPECT_EQ(fetcher.connects(), 4);
}

TEST(Poller, PrivateFeedsAreRefusedBeforeConnecting) {
  CurlFetcher fetcher;  // public addresses only
  std::vector<store::Feed> feeds(1);
  feeds[0].id = 1;
  feeds[0].url = "http://10.0.0.1/feed.xml";  // an IP literal: no DNS query, never contacted
  auto r = PollDueFeeds(&feeds, &fetcher, 0, nullptr);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_NE(r[0].error.find("refusing to connect"), std::string::npos) << r[0].error;
  EXPECT_EQ(feeds[0].failures, 1);
  EXPECT_EQ(fetcher.connects(), 0);
}

}  // namespace
}  // namespace headwater::ingest
