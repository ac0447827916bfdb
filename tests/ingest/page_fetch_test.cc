// Summary-only feed items: a loopback server (loopback allowed for the test only) serves a
// fixture feed whose items carry full content, a summary with a page, a summary whose page is
// gone, and summaries pointing at private/link-local IP literals. Only the summary items with
// public-or-allowed pages are fetched; the refused ones open no connection.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "common/text.h"
#include "common/time.h"
#include "ingest/poller.h"

namespace headwater::ingest {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(HEADWATER_TEST_FIXTURES) + "/feeds/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

const RawArticle* ItemTitled(const PollResult& r, const std::string& prefix) {
  for (const RawArticle& a : r.parsed.articles)
    if (a.input.title.rfind(prefix, 0) == 0) return &a;
  return nullptr;
}

TEST(PageFetch, ContentCharsCountsPlainText) {
  normalize::Input in;
  in.html = "<p>Two  words</p>\n<p>é</p>";
  EXPECT_EQ(ContentChars(in), 12u);  // "Two words é " (tags separate words like spaces)
  in.html.clear();
  in.text = "  a\n\n b ";
  EXPECT_EQ(ContentChars(in), 4u);  // "a b " (a trailing run counts once)
}

TEST(PageFetch, SummaryItemsGetTheirPageFullItemsDoNot) {
  std::string feed_tmpl = ReadFixture("summary.xml");
  std::string page_tmpl = ReadFixture("pages/bridge.html");
  ASSERT_FALSE(feed_tmpl.empty());
  ASSERT_FALSE(page_tmpl.empty());
  httplib::Server server;
  std::mutex mu;
  std::map<std::string, int> hits;  // path -> requests
  std::string host;                 // 127.0.0.1:port, set before listening
  server.Get(R"(/.*)", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> l(mu);
    ++hits[req.path];
    if (req.path == "/feed.xml") {
      res.set_content(Replace(feed_tmpl, "PAGEHOST", host), "application/rss+xml");
    } else if (req.path == "/news/bridge") {
      res.set_content(Replace(page_tmpl, "PAGEHOST", host), "text/html; charset=utf-8");
    } else {
      res.status = 404;
    }
  });
  int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  host = "127.0.0.1:" + std::to_string(port);
  std::thread t([&] { server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));

  FetchOptions fo;
  fo.allow_loopback = true;  // loopback only: 10.0.0.1 and 169.254.169.254 stay refused
  CurlFetcher fetcher(fo);
  std::vector<store::Feed> feeds(1);
  feeds[0].id = 1;
  feeds[0].url = "http://" + host + "/feed.xml";
  std::vector<int> waits;
  PollOptions po;
  auto results = PollDueFeeds(
      &feeds, &fetcher, 1000, [&](int ms) { waits.push_back(ms); }, po);
  server.stop();
  t.join();

  ASSERT_EQ(results.size(), 1u);
  const PollResult& r = results[0];
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.parsed.articles.size(), 5u);
  // Four summary items were tried; only the bridge page was usable.
  EXPECT_EQ(r.pages_fetched, 4);
  EXPECT_EQ(r.pages_used, 1);
  ASSERT_EQ(r.page_errors.size(), 3u);
  EXPECT_NE(r.page_errors[0].find("HTTP 404"), std::string::npos) << r.page_errors[0];
  EXPECT_NE(r.page_errors[1].find("refusing to connect"), std::string::npos) << r.page_errors[1];
  EXPECT_NE(r.page_errors[2].find("refusing to connect"), std::string::npos) << r.page_errors[2];
  // Requests that reached the server: the feed, the bridge page, the gone page; never the full
  // item's page. Connections: exactly those three (the private ones were refused first).
  EXPECT_EQ(hits["/feed.xml"], 1);
  EXPECT_EQ(hits["/news/bridge"], 1);
  EXPECT_EQ(hits["/news/gone"], 1);
  EXPECT_EQ(hits.count("/news/full"), 0u);
  EXPECT_EQ(fetcher.connects(), 3);
  // Per-host interval: the feed host was seen before each of its two pages.
  EXPECT_EQ(waits, (std::vector<int>{po.per_host_interval_ms, po.per_host_interval_ms}));

  const RawArticle* full = ItemTitled(r, "Flood gates open");
  ASSERT_NE(full, nullptr);
  EXPECT_FALSE(full->input.html.empty());  // kept as the feed gave it
  EXPECT_GE(ContentChars(full->input), po.pages.min_content_chars);

  const RawArticle* bridge = ItemTitled(r, "Council approves the new bridge");
  ASSERT_NE(bridge, nullptr) << "the page's title wins over the feed's";
  EXPECT_TRUE(bridge->input.html.empty());
  EXPECT_NE(bridge->input.text.find("seven to two on Tuesday evening"), std::string::npos);
  EXPECT_NE(bridge->input.text.find("regional transport office"), std::string::npos);
  EXPECT_EQ(bridge->input.text.find("All rights reserved"), std::string::npos);
  EXPECT_EQ(bridge->input.text.find("Sport"), std::string::npos);
  // The page has no byline and no date: the feed's are kept.
  EXPECT_EQ(bridge->input.byline, "Ana Ruiz");
  ASSERT_TRUE(bridge->input.published.has_value());
  EXPECT_EQ(FormatRfc3339(*bridge->input.published), "2024-03-05T14:30:00Z");
  EXPECT_EQ(bridge->input.canonical_url, "http://" + host + "/2024/03/05/council-approves-bridge");
  EXPECT_EQ(bridge->input.links,
            (std::vector<std::string>{"https://transport.example.org/bridge-plans"}));

  // Normalizing the item keeps the page's canonical URL.
  normalize::Normalizer norm({}, nullptr);
  Outlet outlet;
  outlet.name = "Valley Ledger";
  auto article = norm.Normalize(
      bridge->input,
      [&](const std::string&, const std::string&) -> StatusOr<const Outlet*> { return &outlet; },
      2000);
  ASSERT_TRUE(article.ok()) << article.status().message();
  // (CanonicalUrl writes every scheme as https.)
  EXPECT_EQ(article->canonical_url, "https://" + host + "/2024/03/05/council-approves-bridge");
  EXPECT_EQ(article->title, "Council approves the new bridge");

  const RawArticle* gone = ItemTitled(r, "Gone page");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->input.text, "A summary whose page has been removed.");
}

// The feed comes from memory; pages go to a real CurlFetcher with default options (no loopback,
// no private ranges), which must refuse every page before opening a connection.
class MemoryFeedFetcher final : public Fetcher {
 public:
  MemoryFeedFetcher(std::string url, std::string body, Fetcher* pages)
      : url_(std::move(url)), body_(std::move(body)), pages_(pages) {}
  StatusOr<HttpResponse> Fetch(const HttpRequest& request) override {
    if (request.url != url_) return pages_->Fetch(request);
    HttpResponse r;
    r.status = 200;
    r.body = body_;
    r.final_url = url_;
    return r;
  }

 private:
  std::string url_, body_;
  Fetcher* pages_;
};

TEST(PageFetch, PrivateAndReservedPagesAreRefusedBeforeConnecting) {
  const std::string feed =
      "<rss version=\"2.0\"><channel><title>T</title>"
      "<item><title>a</title><link>http://10.0.0.1/a</link><description>s</description></item>"
      "<item><title>b</title><link>http://192.168.1.20/b</link><description>s</description></item>"
      "<item><title>c</title><link>http://169.254.169.254/c</link><description>s</description></"
      "item>"
      "<item><title>d</title><link>http://127.0.0.1:9/d</link><description>s</description></item>"
      "<item><title>e</title><link>http://[::1]/e</link><description>s</description></item>"
      "<item><title>f</title><link>http://240.0.0.1/f</link><description>s</description></item>"
      "</channel></rss>";
  CurlFetcher pages;  // defaults: public addresses only
  MemoryFeedFetcher fetcher("https://news.example/feed.xml", feed, &pages);
  std::vector<store::Feed> feeds(1);
  feeds[0].id = 1;
  feeds[0].url = "https://news.example/feed.xml";
  auto results = PollDueFeeds(&feeds, &fetcher, 0, nullptr);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].error.empty()) << results[0].error;
  EXPECT_EQ(results[0].pages_fetched, 6);
  EXPECT_EQ(results[0].pages_used, 0);
  ASSERT_EQ(results[0].page_errors.size(), 6u);
  for (const std::string& e : results[0].page_errors)
    EXPECT_NE(e.find("refusing to connect"), std::string::npos) << e;
  EXPECT_EQ(pages.connects(), 0);
  for (const RawArticle& a : results[0].parsed.articles) EXPECT_EQ(a.input.text, "s");
}

TEST(PageFetch, DisabledOrCappedFetchesNothingBeyondTheCap) {
  const std::string feed =
      "<rss version=\"2.0\"><channel><title>T</title>"
      "<item><title>a</title><link>http://10.0.0.1/a</link><description>s</description></item>"
      "<item><title>b</title><link>http://10.0.0.2/b</link><description>s</description></item>"
      "</channel></rss>";
  CurlFetcher pages;
  MemoryFeedFetcher fetcher("https://news.example/feed.xml", feed, &pages);
  std::vector<store::Feed> feeds(1);
  feeds[0].url = "https://news.example/feed.xml";
  PollOptions po;
  po.pages.enabled = false;
  EXPECT_EQ(PollDueFeeds(&feeds, &fetcher, 0, nullptr, po)[0].pages_fetched, 0);
  feeds[0].next_poll = 0;
  po.pages.enabled = true;
  po.pages.max_pages_per_feed = 1;
  EXPECT_EQ(PollDueFeeds(&feeds, &fetcher, 0, nullptr, po)[0].pages_fetched, 1);
}

}  // namespace
}  // namespace headwater::ingest
