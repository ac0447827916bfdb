// `headwater extract`: the binary on a small saved page (tests/fixtures/extract), plain and
// gzip, JSON Lines shaped as ../shared/CLI.md says; URLs and missing files are refused clearly
// while the other pages still come out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

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
  int rc = RunCommand(std::string(HEADWATER_BINARY) + " extract https://example.com/a " +
                          Fixture("missing.html") + " " + Fixture("article.html"),
                      &out);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("https://example.com/a: fetching URLs is not supported"), std::string::npos)
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

}  // namespace
}  // namespace headwater::cli
