// `headwater feeds add / poll / list` against a feed served on 127.0.0.1: ingested once, then
// not due again; without --allow-loopback the loopback feed is refused and counted as a failure.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "test_util.h"

namespace headwater::cli {
namespace {

using json = nlohmann::json;
using headwater::testing::RunCommand;

TEST(FeedsCli, PollIngestsADueFeedOnce) {
  std::ifstream in(std::string(HEADWATER_TEST_FIXTURES) + "/feeds/rss2.xml", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string rss = ss.str();
  ASSERT_FALSE(rss.empty());
  httplib::Server server;
  server.Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(rss, "application/rss+xml");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread t([&] { server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/feed.xml";
  std::string dir = headwater::testing::TempDir();
  std::string hw = std::string(HEADWATER_BINARY) + " --db " + dir + "/f.db ";
  std::string hw2 = std::string(HEADWATER_BINARY) + " --db " + dir + "/g.db ";
  std::string out, out2, refused, list;
  int add = RunCommand(hw + "feeds add " + url, &out);
  // --no-pages: the fixture's summary items link to valley-ledger.example, never contacted.
  int poll = RunCommand(hw + "feeds poll --allow-loopback --no-pages", &out);
  int again = RunCommand(hw + "feeds poll --allow-loopback --no-pages", &out2);
  int add2 = RunCommand(hw2 + "feeds add " + url, &refused);
  int strict = RunCommand(hw2 + "feeds poll --no-pages", &refused);
  RunCommand(hw2 + "feeds list --json", &list, false);
  server.stop();
  t.join();
  EXPECT_EQ(add, 0);
  EXPECT_EQ(poll, 3) << out;  // the fixture holds two deliberately bad items: skipped, exit 3
  EXPECT_NE(out.find("3 added"), std::string::npos) << out;
  EXPECT_EQ(again, 0) << out2;
  EXPECT_NE(out2.find("no feed is due"), std::string::npos) << out2;
  EXPECT_EQ(add2, 0);
  EXPECT_EQ(strict, 1) << refused;
  EXPECT_NE(refused.find("refusing to connect to 127.0.0.1"), std::string::npos) << refused;
  json j = json::parse(list, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << list;
  ASSERT_EQ(j["feeds"].size(), 1u);
  EXPECT_EQ(j["feeds"][0]["failures"], 1);
}

// A summary-only item's page is fetched (loopback allowed) and its text stored: found by a
// phrase that only the page has. A page that is gone leaves the item's summary; the poll succeeds.
TEST(FeedsCli, PollFetchesThePagesOfSummaryItems) {
  auto read = [](const std::string& name) {
    std::ifstream in(std::string(HEADWATER_TEST_FIXTURES) + "/feeds/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  std::string feed = read("summary.xml"), page = read("pages/bridge.html");
  ASSERT_FALSE(feed.empty());
  // The binary's connects cannot be counted from here, so it is given loopback pages only; the
  // refusal of the fixture's private and link-local item pages is tested in process, with
  // connects counted (tests/ingest/page_fetch_test.cc).
  for (const char* addr : {"10.0.0.1", "169.254.169.254"}) {
    size_t at = feed.find(addr);
    ASSERT_NE(at, std::string::npos) << addr;
    size_t begin = feed.rfind("<item>", at), end = feed.find("</item>", at);
    ASSERT_TRUE(begin != std::string::npos && end != std::string::npos) << addr;
    feed.erase(begin, end + 7 - begin);
  }
  ASSERT_EQ(feed.find("10.0.0.1"), std::string::npos);
  ASSERT_FALSE(page.empty());
  httplib::Server server;
  std::string host;
  auto fill = [&](std::string s) {
    for (size_t p = s.find("PAGEHOST"); p != std::string::npos; p = s.find("PAGEHOST", p))
      s.replace(p, 8, host);
    return s;
  };
  server.Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(fill(feed), "application/rss+xml");
  });
  server.Get("/news/bridge", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(fill(page), "text/html");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  host = "127.0.0.1:" + std::to_string(port);
  std::thread t([&] { server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::string dir = headwater::testing::TempDir();
  std::string hw = std::string(HEADWATER_BINARY) + " --db " + dir + "/s.db ";
  std::string out, found, missing;
  ASSERT_EQ(RunCommand(hw + "feeds add http://" + host + "/feed.xml", &out), 0) << out;
  int poll = RunCommand(hw + "feeds poll --allow-loopback", &out);
  RunCommand(hw + "search \"regional transport office\"", &found, false);
  RunCommand(hw + "search \"page has been removed\"", &missing, false);
  server.stop();
  t.join();
  EXPECT_EQ(poll, 0) << out;
  EXPECT_NE(out.find("3 added"), std::string::npos) << out;
  EXPECT_NE(out.find("(1 of 2 item pages used)"), std::string::npos) << out;
  EXPECT_NE(found.find("Council approves the new bridge"), std::string::npos) << found;
  // The item whose page is gone keeps its summary: its words are stored as the feed gave them.
  EXPECT_NE(missing.find("Gone page"), std::string::npos) << missing;
}

}  // namespace
}  // namespace headwater::cli
