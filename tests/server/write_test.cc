// The write endpoints (watches, ingest) and who may call what: missing / wrong / valid tokens,
// the body cap (413), the read rule, and the static files of the web UI.
#include <filesystem>
#include <fstream>

#include "common/paths.h"
#include "server_test_util.h"

namespace headwater::server::testing {
namespace {

TEST(WriteApi, WatchesNeedAValidTokenAndRoundTrip) {
  DemoServer demo(/*batch2=*/false);
  std::string body = R"({"kind":"story","target":"1"})";
  auto none = demo.client->Post("/api/watches", body, "application/json");
  EXPECT_EQ(ExpectError(none, 401, "unauthorized").rfind("missing bearer token", 0), 0u);
  auto wrong = demo.client->Post("/api/watches", demo.Auth("hw_0000"), body, "application/json");
  EXPECT_EQ(ExpectError(wrong, 401, "unauthorized"), "invalid token");
  auto basic =
      demo.client->Post("/api/watches", {{"Authorization", "Basic abc"}}, body, "application/json");
  ExpectError(basic, 401, "unauthorized");
  EXPECT_TRUE(demo.GetJson("/api/watches")["watches"].empty());  // nothing was added

  auto ok = demo.client->Post("/api/watches", demo.Auth(), body, "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 201) << ok->body;
  json w = json::parse(ok->body);
  EXPECT_EQ(w["kind"], "story");
  EXPECT_EQ(w["target"], "1");
  EXPECT_EQ(w["stories"], json::array({"1"}));
  json list = demo.GetJson("/api/watches");
  ASSERT_EQ(list["watches"].size(), 1u);
  EXPECT_EQ(list["watches"][0]["id"], w["id"]);

  auto bad_kind = demo.client->Post("/api/watches", demo.Auth(),
                                    R"({"kind":"planet","target":"x"})", "application/json");
  EXPECT_EQ(ExpectError(bad_kind, 400, "bad_request").rfind("kind", 0), 0u);
  auto no_target =
      demo.client->Post("/api/watches", demo.Auth(), R"({"kind":"query"})", "application/json");
  EXPECT_EQ(ExpectError(no_target, 400, "bad_request").rfind("target", 0), 0u);
  auto unknown_story = demo.client->Post("/api/watches", demo.Auth(),
                                         R"({"kind":"story","target":"4242"})", "application/json");
  ExpectError(unknown_story, 404, "not_found");

  std::string path = "/api/watches/" + w["id"].get<std::string>();
  ExpectError(demo.client->Delete(path.c_str()), 401, "unauthorized");
  auto del = demo.client->Delete(path.c_str(), demo.Auth());
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200) << del->body;
  EXPECT_TRUE(demo.GetJson("/api/watches")["watches"].empty());
  ExpectError(demo.client->Delete(path.c_str(), demo.Auth()), 404, "not_found");
}

TEST(WriteApi, IngestJsonLinesCommitsAndRaisesWatchAlerts) {
  DemoServer demo(/*batch2=*/false);
  std::string story = demo.DemoStoryId();
  auto watch =
      demo.client->Post("/api/watches", demo.Auth(),
                        json{{"kind", "story"}, {"target", story}}.dump(), "application/json");
  ASSERT_EQ(watch->status, 201);
  json before = demo.GetJson("/api/stories/" + story);
  EXPECT_NE(before["verdict"], "corroborated");
  auto batch2 = ReadFile(RepoPath("demo/batch2.jsonl"));
  ASSERT_TRUE(batch2.ok());
  ExpectError(demo.client->Post("/api/ingest", *batch2, "application/x-ndjson"), 401,
              "unauthorized");
  auto r = demo.client->Post("/api/ingest", demo.Auth(), *batch2, "application/x-ndjson");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json s = json::parse(r->body);
  EXPECT_EQ(s["added"], 8);
  EXPECT_EQ(s["skipped"], 0);
  EXPECT_FALSE(s["stories_touched"].empty());
  // The story report, cached before, is recomputed: the two papers corroborate it.
  json after = demo.GetJson("/api/stories/" + story);
  EXPECT_EQ(after["verdict"], "corroborated");
  bool verdict_alert = false;
  json alerts = demo.GetJson("/api/alerts");
  for (const json& a : alerts["alerts"])
    verdict_alert = verdict_alert || (a["what"] == "verdict" && a["to"] == "corroborated");
  EXPECT_TRUE(verdict_alert) << alerts.dump();
  // The same batch again adds nothing (duplicates).
  auto again = demo.client->Post("/api/ingest", demo.Auth(), *batch2, "application/x-ndjson");
  EXPECT_EQ(json::parse(again->body)["duplicates"], 8);
  // A bad line is skipped and reported with its line number.
  auto bad = demo.client->Post("/api/ingest", demo.Auth(), "{\"url\": 3}\nnot json\n",
                               "application/x-ndjson");
  json b = json::parse(bad->body);
  EXPECT_EQ(bad->status, 200);
  EXPECT_EQ(b["skipped"], 2);
  EXPECT_EQ(b["errors"][1]["line"], 2);
}

TEST(WriteApi, IngestRefusesWhatItCannotRead) {
  DemoServer demo(false);
  auto type = demo.client->Post("/api/ingest", demo.Auth(), "x", "text/csv");
  EXPECT_EQ(ExpectError(type, 400, "bad_request").rfind("Content-Type", 0), 0u);
  auto feed = demo.client->Post("/api/ingest", demo.Auth(), R"({"url":"x"})", "application/json");
  EXPECT_EQ(ExpectError(feed, 400, "bad_request").rfind("feed_url", 0), 0u);
  // Loopback feeds are refused unless the server allows them (it does not here).
  auto local =
      demo.client->Post("/api/ingest", demo.Auth(), R"({"feed_url":"http://127.0.0.1:9/feed.xml"})",
                        "application/json");
  EXPECT_EQ(ExpectError(local, 400, "bad_request").rfind("feed_url", 0), 0u);
}

TEST(WriteApi, IngestFetchesAFeedUrl) {
  ServerOptions o;
  o.allow_loopback_feeds = true;
  DemoServer demo(false, o);
  auto feed = ReadFile(std::string(HEADWATER_TEST_FIXTURES) + "/feeds/rss2.xml");
  ASSERT_TRUE(feed.ok());
  httplib::Server origin;
  origin.Get("/feed.xml", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(*feed, "application/rss+xml");
  });
  int port = origin.bind_to_any_port("127.0.0.1");
  std::thread t([&] { origin.listen_after_bind(); });
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/feed.xml";
  auto r = demo.client->Post("/api/ingest", demo.Auth(), json{{"feed_url", url}}.dump(),
                             "application/json");
  origin.stop();
  t.join();
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json s = json::parse(r->body);
  EXPECT_EQ(s["source"], url);
  EXPECT_GT(s["added"].get<int>(), 0);
}

TEST(WriteApi, OversizedBodyIs413) {
  ServerOptions o;
  o.max_body_bytes = 64 << 10;
  DemoServer demo(false, o);
  std::string big(200 << 10, 'x');
  auto r = demo.client->Post("/api/ingest", demo.Auth(), big, "application/x-ndjson");
  EXPECT_EQ(ExpectError(r, 413, "payload_too_large"),
            "request body larger than 65536 bytes (the server's max_body_bytes)");
  // Without a token the body is never read: 401 first.
  auto anon = demo.NewClient()->Post("/api/ingest", big, "application/x-ndjson");
  ExpectError(anon, 401, "unauthorized");
  // Under the cap, on a fresh connection, all is well.
  auto small = demo.NewClient()->Post("/api/ingest", demo.Auth(), "\n", "application/x-ndjson");
  EXPECT_EQ(small->status, 200) << small->body;
}

TEST(ReadRule, OpenOnLoopbackOnlyUnlessPublicRead) {
  EXPECT_FALSE(ReadsNeedToken("127.0.0.1", false));
  EXPECT_FALSE(ReadsNeedToken("127.8.9.10", false));
  EXPECT_FALSE(ReadsNeedToken("::1", false));
  EXPECT_FALSE(ReadsNeedToken("[::1]", false));
  EXPECT_FALSE(ReadsNeedToken("localhost", false));
  EXPECT_TRUE(ReadsNeedToken("0.0.0.0", false));
  EXPECT_TRUE(ReadsNeedToken("::", false));
  EXPECT_TRUE(ReadsNeedToken("192.0.2.10", false));
  EXPECT_TRUE(ReadsNeedToken("example.org", false));
  EXPECT_TRUE(ReadsNeedToken("128.0.0.1", false));
  EXPECT_FALSE(ReadsNeedToken("0.0.0.0", true));
  EXPECT_FALSE(ReadsNeedToken("192.0.2.10", true));
}

TEST(Tokens, HashAndBearerParsing) {
  // FIPS 180-2 test vector.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto a = NewTokenText(), b = NewTokenText();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 67u);
  EXPECT_EQ(a->rfind("hw_", 0), 0u);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(BearerToken("Bearer hw_12"), "hw_12");
  EXPECT_EQ(BearerToken("bearer   hw_12 "), "hw_12");
  EXPECT_FALSE(BearerToken("Basic hw_12").has_value());
  EXPECT_FALSE(BearerToken("Bearer ").has_value());
  EXPECT_FALSE(BearerToken("").has_value());
}

TEST(StaticFiles, ServesTheUiAndFallsBackToIndexForClientRoutes) {
  std::string root = headwater::testing::TempDir() + "/web";
  std::filesystem::create_directories(root + "/assets");
  std::ofstream(root + "/index.html") << "<!doctype html><title>ui</title>";
  std::ofstream(root + "/assets/app.js") << "console.log(1)";
  ServerOptions o;
  o.web_root = root;
  DemoServer demo(false, o);
  auto index = demo.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<!doctype html><title>ui</title>");
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  for (const char* route : {"/stories/1", "/outlets/2", "/search", "/watches"}) {
    auto r = demo.Get(route);
    EXPECT_EQ(r->status, 200) << route;
    EXPECT_EQ(r->body, index->body) << route;
  }
  auto js = demo.Get("/assets/app.js");
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  ExpectError(demo.Get("/assets/missing.js"), 404, "not_found");
  ExpectError(demo.Get("/assets/../../../etc/passwd"), 404, "not_found");
  auto post = demo.client->Post("/stories/1", "x", "text/plain");
  ExpectError(post, 405, "method_not_allowed");
  // The API is still the API.
  EXPECT_EQ(demo.GetJson("/api/health")["status"], "ok");
}

TEST(StaticFiles, AMissingWebRootIsRefusedAtOpen) {
  ServerOptions o;
  o.web_root = headwater::testing::TempDir() + "/nowhere";
  pipeline::testing::Harness h(false);
  o.db = h.db_path;
  auto s = Server::Open(o);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("--web-root"), std::string::npos);
}

}  // namespace
}  // namespace headwater::server::testing
