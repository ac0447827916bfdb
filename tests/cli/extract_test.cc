// `headwater extract`: the binary on a small saved page (tests/fixtures/extract), plain and
// gzip, and fetched from a local server, JSON Lines shaped as ../shared/CLI.md says; private
// addresses and missing files are refused clearly
// while the other pages still come out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "test_util.h"

namespace headwater::cli {
namespace {

using json = nlohmann::json;
using headwater::testing::RunCommand;

std::string Fixture(const std::string& name) {
  return std::string(HEADWATER_TEST_FIXTURES) + "/extract/" + name;
}

std::vector<json> JsonLines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << line;
    lines.push_back(j);
  }
  return lines;
}

TEST(ExtractCliTest, JsonLinesCarryMetadataMainTextAndPlaces) {
  std::string out;
  int rc = RunCommand(std::string(HEADWATER_BINARY) + " extract " + Fixture("article.html") + " " +
                          Fixture("article.html.gz") +
                          " --url https://diario-del-norte.example/2016/04/campamento --json",
                      &out, false);
  ASSERT_EQ(rc, 0) << out;
  std::vector<json> pages = JsonLines(out);
  ASSERT_EQ(pages.size(), 2u) << out;
  for (const json& j : pages) {
    EXPECT_EQ(j["schema"], 1);
    for (const char* key : {"file", "url", "canonical_url", "title", "published", "byline", "lang",
                            "lang_confidence", "dateline", "places", "links", "text"})
      EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["url"], "https://diario-del-norte.example/2016/04/campamento");
    EXPECT_EQ(j["canonical_url"], "https://diario-del-norte.example/2016/04/campamento-juarez");
    EXPECT_EQ(j["title"], "Abren un campamento para migrantes en Ciudad Juárez");  // og:title
    EXPECT_EQ(j["published"], "2016-04-14T15:30:00Z");  // JSON-LD, -06:00 offset applied
    EXPECT_EQ(j["byline"], "Ana Torres");
    EXPECT_EQ(j["lang"], "es");
    EXPECT_GT(j["lang_confidence"].get<double>(), 0.5);
    ASSERT_TRUE(j["dateline"].is_object()) << j.dump();
    EXPECT_EQ(j["dateline"]["place"], "Ciudad Juárez");
    EXPECT_EQ(j["dateline"]["country"], "MX");
    ASSERT_FALSE(j["places"].empty());
    EXPECT_EQ(j["places"][0]["name"], "Ciudad Juárez");
    EXPECT_EQ(j["places"][0]["admin1"], "Chihuahua");
    // Only the outbound link inside the article body; not the share button or menus.
    EXPECT_EQ(j["links"], json::array({"https://ayuda-frontera.example/informe"}));
    std::string text = j["text"];
    EXPECT_EQ(text.rfind("CIUDAD JUÁREZ, Chih.—", 0), 0u) << text;
    EXPECT_NE(text.find("segundo espacio"), std::string::npos);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);  // four paragraphs
    for (const char* boilerplate :
         {"Inicio", "gasolina", "Compartir", "Excelente nota", "derechos", "tracking"})
      EXPECT_EQ(text.find(boilerplate), std::string::npos) << boilerplate;
  }
  EXPECT_EQ(pages[1]["file"], Fixture("article.html.gz"));
}

TEST(ExtractCliTest, HumanOutputAndRefusals) {
  std::string out;
  // A URL on a non-public address is refused by the address check before any connection (an IP
  // literal from the documentation range TEST-NET-1: no DNS query, no packet). This test runs
  // the binary, so it cannot count connects; the in-process tests that do (webhook_test,
  // poller_test) cover the private ranges.
  int rc = RunCommand(std::string(HEADWATER_BINARY) + " extract http://192.0.2.1/a " +
                          Fixture("missing.html") + " " + Fixture("article.html"),
                      &out);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("http://192.0.2.1/a: permission denied: http://192.0.2.1/a: refusing to connect"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("missing.html"), std::string::npos) << out;
  // The good page still comes out; without --url the canonical link resolves against og:url.
  EXPECT_NE(out.find("title:      Abren un campamento"), std::string::npos) << out;
  EXPECT_NE(out.find("canonical:  https://diario-del-norte.example/2016/04/campamento-juarez"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("dateline:   CIUDAD JUÁREZ, Chih.— -> Ciudad Juárez, MX"), std::string::npos)
      << out;
}

// A URL is fetched (here from a server on 127.0.0.1, allowed only with --allow-loopback) and
// extracted like a file; without the flag loopback is refused.
TEST(ExtractCliTest, FetchesAUrlFromALocalServer) {
  std::string html;
  {
    std::ifstream in(Fixture("article.html"), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    html = ss.str();
  }
  httplib::Server server;
  server.Get("/page", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(html, "text/html; charset=utf-8");
  });
  server.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/page");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  std::thread t([&] { server.listen_after_bind(); });
  for (int i = 0; i < 5000 && !server.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  std::string out;
  int rc = RunCommand(std::string(HEADWATER_BINARY) + " extract --allow-loopback --json " + base +
                          "/moved",
                      &out, false);
  std::string refused;
  int rc2 = RunCommand(std::string(HEADWATER_BINARY) + " extract " + base + "/page", &refused);
  server.stop();
  t.join();
  ASSERT_EQ(rc, 0) << out;
  std::vector<json> pages = JsonLines(out);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0]["title"], "Abren un campamento para migrantes en Ciudad Juárez");
  EXPECT_EQ(pages[0]["url"], base + "/page");  // after the redirect
  EXPECT_EQ(rc2, 1);
  EXPECT_NE(refused.find("refusing to connect to 127.0.0.1"), std::string::npos) << refused;
}

}  // namespace
}  // namespace headwater::cli
