// Every endpoint of docs/API.md against a server on the demo corpus: shapes, filters, the exact
// error objects (400 naming the parameter, 401, 404, 405, 413), tokens, ETags and the OpenAPI
// document.
#include <set>

#include "common/paths.h"
#include "server_test_util.h"

namespace headwater::server::testing {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { demo_ = new DemoServer(); }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }
  static DemoServer* demo_;
};
DemoServer* ApiTest::demo_ = nullptr;

TEST_F(ApiTest, HealthCountsTheStore) {
  json j = demo_->GetJson("/api/health");
  EXPECT_EQ(j["schema"], 1);
  EXPECT_EQ(j["articles"], *demo_->h.store->CountArticles());
  EXPECT_EQ(j["schema_version"], 5);
}

TEST_F(ApiTest, StoryListPagesAndCounts) {
  json all = demo_->GetJson("/api/stories?limit=200");
  int64_t total = all["total"].get<int64_t>();
  EXPECT_EQ(total, *demo_->h.store->CountStories({}));
  ASSERT_EQ(all["stories"].size(), static_cast<size_t>(total));
  EXPECT_GE(total, 3);
  json page = demo_->GetJson("/api/stories?limit=2&offset=1");
  EXPECT_EQ(page["total"], total);
  EXPECT_EQ(page["limit"], 2);
  EXPECT_EQ(page["offset"], 1);
  ASSERT_EQ(page["stories"].size(), 2u);
  EXPECT_EQ(page["stories"][0]["id"], all["stories"][1]["id"]);
  for (const char* k : {"id", "title", "verdict", "policy", "country", "status", "first_seen",
                        "last_seen", "counts", "articles"})
    EXPECT_TRUE(page["stories"][0].contains(k)) << k;
  EXPECT_EQ(demo_->GetJson("/api/stories")["limit"], 50);  // the default page size
}

TEST_F(ApiTest, StoryListFilters) {
  std::string demo = demo_->DemoStoryId();
  json corroborated = demo_->GetJson("/api/stories?verdict=corroborated&limit=200");
  ASSERT_FALSE(corroborated["stories"].empty());
  for (const json& s : corroborated["stories"]) EXPECT_EQ(s["verdict"], "corroborated");
  json mx = demo_->GetJson("/api/stories?country=mx&limit=200");  // case-insensitive
  ASSERT_FALSE(mx["stories"].empty());
  for (const json& s : mx["stories"]) EXPECT_EQ(s["country"], "MX");
  // The demo story: by text, by outlet (name and id), by language, by dates.
  auto has_demo = [&](const json& list) {
    for (const json& s : list["stories"])
      if (s["id"] == demo) return true;
    return false;
  };
  EXPECT_TRUE(has_demo(demo_->GetJson("/api/stories?q=training%20camp")));
  EXPECT_TRUE(has_demo(demo_->GetJson("/api/stories?outlet=Frontier%20Vigil")));
  EXPECT_TRUE(has_demo(demo_->GetJson("/api/stories?outlet=frontiervigil.org")));
  EXPECT_TRUE(has_demo(demo_->GetJson("/api/stories?lang=es")));
  EXPECT_TRUE(has_demo(demo_->GetJson("/api/stories?since=2023-10-01&until=2023-04-11")));
  EXPECT_FALSE(has_demo(demo_->GetJson("/api/stories?until=2023-04-10")));
  EXPECT_FALSE(has_demo(demo_->GetJson("/api/stories?since=2024-01-01")));
  json none = demo_->GetJson("/api/stories?q=zzyzxnotaword");
  EXPECT_EQ(none["total"], 0);
  json dormant = demo_->GetJson("/api/stories?status=dormant&limit=200");
  for (const json& s : dormant["stories"]) EXPECT_EQ(s["status"], "dormant");
}

TEST_F(ApiTest, BadFiltersAre400NamingTheParameter) {
  const std::pair<const char*, const char*> cases[] = {
      {"/api/stories?verdict=bogus", "verdict"},
      {"/api/stories?country=Mexico", "country"},
      {"/api/stories?lang=Spanish", "lang"},
      {"/api/stories?since=yesterday", "since"},
      {"/api/stories?until=2023-13-45", "until"},
      {"/api/stories?limit=0", "limit"},
      {"/api/stories?limit=201", "limit"},
      {"/api/stories?limit=ten", "limit"},
      {"/api/stories?offset=-1", "offset"},
      {"/api/stories?status=gone", "status"},
      {"/api/stories?outlet=No%20Such%20Outlet", "outlet"},
      {"/api/stories?q=%22%22", "q"},
      {"/api/search", "q"},
      {"/api/search?q=camp&limit=0", "limit"},
      {"/api/outlets?limit=999", "limit"},
      {"/api/alerts?limit=x", "limit"},
      {"/api/stories/abc", "story id"},
      {"/api/articles/-3", "article id"},
  };
  for (const auto& [path, param] : cases) {
    std::string message = ExpectError(demo_->Get(path), 400, "bad_request");
    EXPECT_EQ(message.rfind(param, 0), 0u) << path << ": " << message;
  }
}

TEST_F(ApiTest, StoryReportIsTheCliDocument) {
  std::string id = demo_->DemoStoryId();
  json api = demo_->GetJson("/api/stories/" + id);
  // What `headwater story ID --json` prints: a fresh store connection and pipeline.
  store::StoreOptions so;
  so.path = demo_->h.db_path;
  auto store = store::Store::Open(so);
  ASSERT_TRUE(store.ok());
  pipeline::PipelineOptions po;
  po.load_gazetteer = false;
  auto pipe = pipeline::Pipeline::Open(store->get(), po, &demo_->h.clock);
  ASSERT_TRUE(pipe.ok());
  auto doc = (*pipe)->StoryDocument(std::stoll(id));
  ASSERT_TRUE(doc.ok());
  json cli = doc->json;
  cli["schema"] = 1;
  EXPECT_EQ(api, cli) << json::diff(cli, api).dump();
  for (const char* k : {"explanation", "origins", "echoes", "denials", "places", "timeline"})
    EXPECT_TRUE(api.contains(k)) << k;
  EXPECT_EQ(api["verdict"], "corroborated");
  EXPECT_FALSE(api["origins"][0]["evidence"].empty());
}

TEST_F(ApiTest, UnknownIdsAre404WithTheExactErrorObject) {
  auto r = demo_->Get("/api/stories/999999");
  EXPECT_EQ(ExpectError(r, 404, "not_found"), "no story with id 999999");
  EXPECT_EQ(r->body, R"({"error":{"code":"not_found","message":"no story with id 999999"}})");
  ExpectError(demo_->Get("/api/stories/999999/graph"), 404, "not_found");
  EXPECT_EQ(ExpectError(demo_->Get("/api/articles/999999"), 404, "not_found"),
            "no article with id 999999");
  EXPECT_EQ(ExpectError(demo_->Get("/api/outlets/999999"), 404, "not_found"),
            "no outlet with id 999999");
  EXPECT_EQ(ExpectError(demo_->Get("/api/nothing/here"), 404, "not_found"),
            "no such endpoint: /api/nothing/here");
}

TEST_F(ApiTest, GraphNodesAndEdges) {
  std::string id = demo_->DemoStoryId();
  json g = demo_->GetJson("/api/stories/" + id + "/graph");
  EXPECT_EQ(g["schema"], 1);
  EXPECT_EQ(g["story"], id);
  std::set<std::string> ids;
  std::map<std::string, int> roles;
  for (const json& n : g["nodes"]) {
    for (const char* k : {"id", "label", "kind", "role", "url", "outlet", "country", "published"})
      EXPECT_TRUE(n.contains(k)) << k;
    ids.insert(n["id"].get<std::string>());
    roles[n["role"].get<std::string>()]++;
    EXPECT_TRUE(n["kind"] == "article" || n["kind"] == "external");
    EXPECT_EQ(n["kind"] == "external", n["url"].is_null());
  }
  json report = demo_->GetJson("/api/stories/" + id);
  EXPECT_EQ(ids.size(), report["graph"]["nodes"].size());
  EXPECT_GE(roles["origin"], 3);  // corroborated: three independent origins
  EXPECT_GE(roles["echo"], 5);
  for (const auto& [role, n] : roles)
    EXPECT_TRUE(role == "origin" || role == "echo" || role == "denial" || role == "other") << role;
  ASSERT_FALSE(g["edges"].empty());
  bool evidence = false;
  for (const json& e : g["edges"]) {
    EXPECT_TRUE(ids.count(e["source"].get<std::string>())) << e.dump();
    EXPECT_TRUE(ids.count(e["target"].get<std::string>())) << e.dump();
    std::string kind = e["kind"];
    EXPECT_TRUE(kind == "copies" || kind == "cites" || kind == "links");
    EXPECT_EQ(e.contains("class"), kind == "copies");
    if (e["evidence"].is_object()) {
      evidence = true;
      EXPECT_LT(e["evidence"]["start"].get<int>(), e["evidence"]["end"].get<int>());
    }
  }
  EXPECT_TRUE(evidence);
}

TEST_F(ApiTest, ArticleWithAttributionSpans) {
  json a = demo_->GetJson("/api/articles/1");
  EXPECT_EQ(a["id"], "1");
  for (const char* k : {"url", "canonical_url", "outlet", "published", "lang", "title", "text",
                        "story", "attributions"})
    EXPECT_TRUE(a.contains(k)) << k;
  ASSERT_FALSE(a["attributions"].empty());
  const json& at = a["attributions"][0];
  EXPECT_TRUE(at["cue"]["spans"].is_array());
  EXPECT_TRUE(at.contains("stance"));
  json story = demo_->GetJson("/api/stories/" + a["story"].get<std::string>());
  EXPECT_EQ(story["schema"], 1);
}

TEST_F(ApiTest, OutletsAndTrackRecords) {
  json all = demo_->GetJson("/api/outlets?limit=200");
  EXPECT_EQ(all["total"].get<size_t>(), all["outlets"].size());
  json fv = demo_->GetJson("/api/outlets?q=frontier");
  ASSERT_EQ(fv["outlets"].size(), 1u);
  const json& o = fv["outlets"][0];
  for (const char* k : {"id", "name", "domain", "country", "kind", "group"})
    EXPECT_TRUE(o.contains(k)) << k;
  EXPECT_EQ(o["name"], "Frontier Vigil");
  json mx = demo_->GetJson("/api/outlets?country=MX&limit=200");
  for (const json& x : mx["outlets"]) EXPECT_EQ(x["country"], "MX");
  EXPECT_FALSE(mx["outlets"].empty());
  json detail = demo_->GetJson("/api/outlets/" + o["id"].get<std::string>());
  EXPECT_EQ(detail["name"], "Frontier Vigil");
  const json& tr = detail["track_record"];
  for (const char* k :
       {"originated", "corroborated", "single_source", "refuted", "estimate", "by_year"})
    EXPECT_TRUE(tr.contains(k)) << k;
  EXPECT_GE(tr["estimate"].get<double>(), 0.0);
  EXPECT_LE(tr["estimate"].get<double>(), 1.0);
  bool originated = false;
  for (const json& s : detail["stories"]) originated = originated || s["originated"].get<bool>();
  EXPECT_TRUE(originated);  // Frontier Vigil originated the demo story
}

TEST_F(ApiTest, SearchFindsArticles) {
  json j = demo_->GetJson("/api/search?q=Ju%C3%A1rez%20camp&limit=5");
  EXPECT_EQ(j["query"], "Juárez camp");
  ASSERT_FALSE(j["articles"].empty());
  EXPECT_LE(j["articles"].size(), 5u);
  for (const json& a : j["articles"])
    for (const char* k : {"id", "url", "title", "outlet", "published", "snippet", "story"})
      EXPECT_TRUE(a.contains(k)) << k;
}

TEST_F(ApiTest, AlertsAsJsonAndAtom) {
  json j = demo_->GetJson("/api/alerts?limit=5");
  EXPECT_TRUE(j["alerts"].is_array());
  auto atom = demo_->Get("/api/alerts.atom");
  ASSERT_TRUE(atom);
  EXPECT_EQ(atom->status, 200);
  EXPECT_EQ(atom->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_NE(atom->body.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), std::string::npos);
}

TEST_F(ApiTest, MethodNotAllowedNamesTheAllowedOnes) {
  auto r = demo_->client->Delete("/api/stories", demo_->Auth());
  EXPECT_EQ(ExpectError(r, 405, "method_not_allowed"),
            "DELETE is not allowed on /api/stories (allowed: GET)");
  EXPECT_EQ(r->get_header_value("Allow"), "GET");
  auto w = demo_->client->Put("/api/watches", demo_->Auth(), "{}", "application/json");
  ExpectError(w, 405, "method_not_allowed");
  EXPECT_EQ(w->get_header_value("Allow"), "GET, POST");
}

TEST_F(ApiTest, EtagGives304AndTheCacheServesTheSameBody) {
  auto first = demo_->Get("/api/stories?limit=3");
  ASSERT_TRUE(first);
  std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = demo_->Get("/api/stories?offset=0&limit=3");  // same request, other order
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(again->get_header_value("ETag"), etag);
  auto cond = demo_->Get("/api/stories?limit=3", {{"If-None-Match", etag}});
  EXPECT_EQ(cond->status, 304);
  EXPECT_TRUE(cond->body.empty());
  auto other = demo_->Get("/api/stories?limit=3", {{"If-None-Match", "\"nope\""}});
  EXPECT_EQ(other->status, 200);
}

TEST_F(ApiTest, OpenApiDocumentListsEveryPath) {
  json doc = demo_->GetJson("/api/openapi.json");
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> paths;
  for (auto& [p, v] : doc["paths"].items()) paths.insert(p);
  const std::set<std::string> expected = {
      "/api/health",        "/api/stories",      "/api/stories/{id}", "/api/stories/{id}/graph",
      "/api/articles/{id}", "/api/outlets",      "/api/outlets/{id}", "/api/search",
      "/api/watches",       "/api/watches/{id}", "/api/alerts",       "/api/alerts.atom",
      "/api/ingest",        "/api/openapi.json"};
  EXPECT_EQ(paths, expected);
  // Every documented GET answers (ids replaced by existing ones), and every method documented
  // is routed (not 404).
  for (auto& [p, item] : doc["paths"].items()) {
    std::string concrete = p;
    size_t at = concrete.find("{id}");
    if (at != std::string::npos) concrete.replace(at, 4, "1");
    for (auto& [method, op] : item.items()) {
      EXPECT_TRUE(op.contains("responses")) << p << " " << method;
      if (method == "get") {
        auto r = demo_->Get(concrete + (p == "/api/search" ? "?q=camp" : ""));
        EXPECT_EQ(r->status, 200) << p;
      }
    }
  }
  // The file served is share/openapi.json.
  auto file = FindDataFile("openapi.json");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(json::parse(*ReadFile(*file)), doc);
}

}  // namespace
}  // namespace headwater::server::testing
