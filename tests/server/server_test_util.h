// Shared set-up for the server tests: a store built from the demo corpus (demo/, as
// scripts/demo.sh does), a token, and a Server on 127.0.0.1 with an ephemeral port, plus an
// httplib client and small helpers to call it.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/pipeline_test_util.h"
#include "server/auth.h"
#include "server/server.h"

namespace headwater::server::testing {

using json = nlohmann::json;
using pipeline::testing::RepoPath;

struct DemoServer {
  pipeline::testing::Harness h;
  std::unique_ptr<Server> server;
  std::unique_ptr<httplib::Client> client;
  std::string token;
  int port = 0;

  // batch2: also ingest demo/batch2.jsonl (the corroborating papers) before serving.
  explicit DemoServer(bool batch2 = true, ServerOptions options = {}) {
    h.ImportOutlets(RepoPath("demo/outlets.csv"));
    h.IngestFile(RepoPath("demo/batch1.jsonl"));
    if (batch2) h.IngestFile(RepoPath("demo/batch2.jsonl"));
    auto t = CreateToken(h.store.get(), "test", h.clock.Now());
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    token = t.ok() ? *t : "";
    options.db = h.db_path;
    options.bind = "127.0.0.1";
    options.port = 0;
    options.clock = &h.clock;
    auto s = Server::Open(options);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    server = std::move(s).value();
    auto p = server->Start();
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    port = p.ok() ? *p : 0;
    client = NewClient();
  }
  ~DemoServer() { server->Stop(); }

  std::unique_ptr<httplib::Client> NewClient() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port);
    c->set_read_timeout(30, 0);
    return c;
  }

  httplib::Headers Auth(const std::string& t) const { return {{"Authorization", "Bearer " + t}}; }
  httplib::Headers Auth() const { return Auth(token); }

  // GET; the body parsed as JSON (discarded when not JSON).
  httplib::Result Get(const std::string& path, const httplib::Headers& headers = {}) {
    return client->Get(path.c_str(), headers);
  }
  json GetJson(const std::string& path, int expect_status = 200) {
    auto r = Get(path);
    EXPECT_TRUE(r) << path << ": no response";
    if (!r) return json();
    EXPECT_EQ(r->status, expect_status) << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }

  // The id of the demo story (the one with the most articles).
  std::string DemoStoryId() {
    json list = GetJson("/api/stories?limit=200");
    std::string id;
    int most = -1;
    for (const json& s : list["stories"]) {
      int n = s["counts"]["articles"].get<int>();
      if (n > most) {
        most = n;
        id = s["id"].get<std::string>();
      }
    }
    return id;
  }
};

// {"error":{"code":code,"message":…}} and nothing else; returns the message.
inline std::string ExpectError(const httplib::Result& r, int status, const std::string& code) {
  EXPECT_TRUE(r);
  if (!r) return "";
  EXPECT_EQ(r->status, status) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  json j = json::parse(r->body, nullptr, false);
  EXPECT_TRUE(j.is_object() && j.size() == 1 && j.contains("error")) << r->body;
  if (!j.is_object() || !j.contains("error")) return "";
  EXPECT_EQ(j["error"].size(), 2u) << r->body;
  EXPECT_EQ(j["error"].value("code", ""), code) << r->body;
  return j["error"].value("message", "");
}

}  // namespace headwater::server::testing
