// Webhook delivery against a real HTTP server on 127.0.0.1 (cpp-httplib), with loopback allowed
// for the test only; and the refusal of private and loopback targets, decided before any
// connection (the fetcher counts connects).
#include "records/webhook.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

namespace headwater::records {
namespace {

class RecordingSleeper final : public Sleeper {
 public:
  void SleepMs(int ms) override { waits.push_back(ms); }
  std::vector<int> waits;
};

store::Alert MakeAlert(int64_t watch) {
  store::Alert a;
  a.id = 1;
  a.watch_id = watch;
  a.story_id = 7;
  a.what = "verdict";
  a.from = "single-source";
  a.to = "corroborated";
  a.at = 1700000000;
  a.evidence_json = R"([{"url":"https://x.org/a","start":0,"end":4,"text":"camp"}])";
  return a;
}

TEST(Webhook, RetriesWithBackoffUntilTheReceiverAccepts) {
  httplib::Server server;
  std::atomic<int> calls{0};
  std::string received;
  server.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    if (++calls < 3) {
      res.status = 503;
      return;
    }
    received = req.body;
    res.status = 204;
  });
  int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread t([&] { server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));

  ingest::FetchOptions fo;
  fo.allow_loopback = true;
  fo.total_timeout_ms = 5000;
  ingest::CurlFetcher fetcher(fo);
  RecordingSleeper sleeper;
  store::Watch w;
  w.id = 4;
  w.webhook = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  auto deliveries = DeliverWebhooks({w}, {MakeAlert(4)}, &fetcher, &sleeper);
  server.stop();
  t.join();

  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_TRUE(deliveries[0].delivered) << deliveries[0].error;
  EXPECT_EQ(deliveries[0].attempts, 3);
  EXPECT_EQ(sleeper.waits, (std::vector<int>{500, 1000}));
  EXPECT_EQ(fetcher.connects(), 3);
  auto body = nlohmann::json::parse(received);
  EXPECT_EQ(body["schema"], 1);
  EXPECT_EQ(body["alerts"][0]["to"], "corroborated");
  EXPECT_EQ(body["alerts"][0]["evidence"][0]["url"], "https://x.org/a");
}

// These URLs are never contacted: they are IP literals (getaddrinfo sends no packet for them),
// the fetcher refuses them at the address check, and connects() proves no socket was opened.
TEST(Webhook, PrivateAndLoopbackTargetsAreRefusedBeforeAnyConnection) {
  ingest::CurlFetcher fetcher;  // default options: public addresses only
  RecordingSleeper sleeper;
  std::vector<store::Watch> watches;
  for (const char* url : {"http://10.0.0.1/hook", "http://127.0.0.1:9/hook", "http://[::1]:9/x",
                          "http://169.254.169.254/latest", "http://192.168.1.1/"}) {
    store::Watch w;
    w.id = static_cast<int64_t>(watches.size()) + 1;
    w.webhook = url;
    watches.push_back(w);
  }
  std::vector<store::Alert> alerts;
  for (const auto& w : watches) alerts.push_back(MakeAlert(w.id));
  auto deliveries = DeliverWebhooks(watches, alerts, &fetcher, &sleeper);
  ASSERT_EQ(deliveries.size(), watches.size());
  for (const auto& d : deliveries) {
    EXPECT_FALSE(d.delivered) << d.url;
    EXPECT_EQ(d.attempts, 1) << d.url << ": a refusal is final";
    EXPECT_NE(d.error.find("refusing to connect"), std::string::npos) << d.error;
  }
  EXPECT_TRUE(sleeper.waits.empty());
  EXPECT_EQ(fetcher.connects(), 0);
}

TEST(FetchPolicy, ClassifiesAddressRanges) {
  ingest::FetchOptions strict;
  for (const char* ip : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1",
                         "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
                         "255.255.255.255", "::1", "fe80::1", "fd00::1", "::", "::ffff:10.0.0.1"})
    EXPECT_FALSE(ingest::CheckIpLiteral(ip, strict).ok()) << ip;
  for (const char* ip : {"8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"})
    EXPECT_TRUE(ingest::CheckIpLiteral(ip, strict).ok()) << ip;
  ingest::FetchOptions loop;
  loop.allow_loopback = true;
  EXPECT_TRUE(ingest::CheckIpLiteral("127.0.0.1", loop).ok());
  EXPECT_TRUE(ingest::CheckIpLiteral("::1", loop).ok());
  EXPECT_FALSE(ingest::CheckIpLiteral("10.0.0.1", loop).ok());
  EXPECT_EQ(ingest::CheckIpLiteral("not-an-ip", strict).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace headwater::records
