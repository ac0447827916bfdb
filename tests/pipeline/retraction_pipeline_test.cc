// Retractions end to end (en + es): a story, then a later article that retracts or refutes its
// origin's report. The story report lists it with its sentence, the verdict follows, a watch on
// the story alerts, and the originator's track record counts the story as refuted.
#include <nlohmann/json.hpp>

#include "pipeline_test_util.h"
#include "records/watch.h"

namespace headwater::pipeline {
namespace {

using json = nlohmann::json;
using testing::Harness;

void AddOutlets(Harness& h) {
  std::vector<Outlet> outlets;
  auto add = [&](const char* name, const char* domain, const char* country, OutletKind kind) {
    Outlet o;
    o.name = name;
    o.domains = {domain};
    o.country = country;
    o.kind = kind;
    o.verified = true;
    outlets.push_back(o);
  };
  add("Frontera Hoy", "fronterahoy.example", "MX", OutletKind::kNews);
  add("El Diario del Norte", "diarionorte.example", "MX", OutletKind::kNews);
  add("Blog Fronterizo", "blogfronterizo.example", "US", OutletKind::kBlog);
  add("Daily Planet", "dailyplanet.example", "US", OutletKind::kNews);
  add("Gotham Gazette", "gothamgazette.example", "US", OutletKind::kNews);
  ASSERT_TRUE(h.pipe->ImportOutlets(outlets).ok());
}

json Line(const std::string& url, const std::string& title, const std::string& published,
          const std::string& text, const std::vector<std::string>& links = {}) {
  return {
      {"url", url},
      {"title", title},
      {"published", published},
      {"text", text},
      {"lang", url.find("planet") != std::string::npos || url.find("gotham") != std::string::npos
                   ? "en"
                   : "es"},
      {"links", links}};
}

const char* kOrigin = "https://fronterahoy.example/2024/01/10/campamento-anapra";

TEST(RetractionPipeline, SpanishRefutationDisputesTheStoryAndCountsAgainstTheOriginator) {
  Harness h;
  AddOutlets(h);
  std::string batch1 =
      Line(kOrigin, "Hallan campamento de hombres armados al poniente de Anapra",
           "2024-01-10T15:00:00Z",
           "Un campamento de hombres armados fue hallado en la sierra al poniente de la colonia "
           "Anapra, en Ciudad Juárez, dijo a este diario el vecino Juan Pérez Gómez.\nEl vecino "
           "afirmó que se oían disparos por las noches.")
          .dump() +
      "\n" +
      Line("https://blogfronterizo.example/campamento", "Campamento armado cerca de Anapra",
           "2024-01-11T10:00:00Z",
           "Según Frontera Hoy, hay un campamento de hombres armados al poniente de Anapra, en "
           "Ciudad Juárez.",
           {kOrigin})
          .dump() +
      "\n";
  h.IngestText(batch1);
  StoryId story = h.StoryOf(kOrigin);
  ASSERT_NE(story, 0);
  ASSERT_TRUE(records::AddWatch(h.store.get(), store::WatchKind::kStory, std::to_string(story), "",
                                h.clock.Now())
                  .ok());
  std::string batch2 =
      Line("https://diarionorte.example/2024/01/15/desmienten-campamento",
           "Desmienten campamento armado en Anapra", "2024-01-15T12:00:00Z",
           "Reporteros de este diario recorrieron la sierra al poniente de Anapra y no hallaron "
           "rastro de un campamento. El Diario del Norte desmiente la información publicada por "
           "Frontera Hoy sobre hombres armados en Ciudad Juárez.",
           {kOrigin})
          .dump() +
      "\n";
  h.IngestText(batch2);
  ASSERT_EQ(h.StoryOf("https://diarionorte.example/2024/01/15/desmienten-campamento"), story);
  auto doc = h.pipe->StoryDocument(story);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const json& j = doc->json;
  ASSERT_EQ(j["retractions"].size(), 1u) << j.dump(2);
  const json& x = j["retractions"][0];
  EXPECT_EQ(x["kind"], "refuted");
  EXPECT_EQ(x["by"], "El Diario del Norte");
  EXPECT_EQ(x["targets"], json::array({"Frontera Hoy"}));
  EXPECT_NE(x["evidence"]["text"].get<std::string>().find("desmiente la información"),
            std::string::npos);
  EXPECT_EQ(j["verdict"], "disputed") << j["explanation"];
  // The watch alerts on it, with the sentence as evidence.
  auto alerts = records::CheckWatches(h.store.get(), h.clock.Now());
  ASSERT_TRUE(alerts.ok());
  bool retraction_alert = false;
  for (const auto& a : *alerts) {
    if (a.what != "retractions") continue;
    retraction_alert = true;
    EXPECT_EQ(a.to, "1");
    EXPECT_NE(a.evidence_json.find("desmiente"), std::string::npos);
  }
  EXPECT_TRUE(retraction_alert);
  // The clock (2026-11-01) is long after: the story is old enough to judge.
  const Outlet* fh = h.pipe->outlets().FindByName("Frontera Hoy");
  ASSERT_NE(fh, nullptr);
  auto record = h.pipe->OutletTrackRecord(fh->id);
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->originated, 1);
  EXPECT_EQ(record->refuted, 1);
  ASSERT_EQ(record->by_year.size(), 1u);
  EXPECT_EQ(record->by_year[0].key, "2024");
  ASSERT_EQ(record->by_region.size(), 1u);
  EXPECT_EQ(record->by_region[0].key, "latin-america");
}

TEST(RetractionPipeline, EnglishRetractionWithdrawsTheOrigin) {
  Harness h;
  AddOutlets(h);
  const char* origin = "https://dailyplanet.example/2024/03/01/mayor-resigns";
  std::string lines =
      Line(origin, "Mayor of Metropolis resigns", "2024-03-01T15:00:00Z",
           "The mayor of Metropolis resigned on Friday, two aides to the mayor said.")
          .dump() +
      "\n" +
      Line("https://gothamgazette.example/2024/03/03/planet-retracts",
           "Planet retracts mayor story", "2024-03-03T12:00:00Z",
           "The Daily Planet retracted its story about the resignation of the mayor of "
           "Metropolis on Sunday. The mayor remains in office.",
           {origin})
          .dump() +
      "\n";
  h.IngestText(lines);
  StoryId story = h.StoryOf(origin);
  ASSERT_EQ(h.StoryOf("https://gothamgazette.example/2024/03/03/planet-retracts"), story);
  auto doc = h.pipe->StoryDocument(story);
  ASSERT_TRUE(doc.ok());
  const json& j = doc->json;
  ASSERT_EQ(j["retractions"].size(), 1u) << j.dump(2);
  EXPECT_EQ(j["retractions"][0]["kind"], "retracted");
  EXPECT_EQ(j["retractions"][0]["targets"], json::array({"Daily Planet"}));
  bool withdrawn = false;
  for (const json& o : j["origins"])
    withdrawn = withdrawn || (o["outlet"] == "Daily Planet" && o["retracted"] == true);
  EXPECT_TRUE(withdrawn) << j["origins"].dump(2);
  EXPECT_EQ(j["counts"]["independent_origins"], 0);
  const Outlet* dp = h.pipe->outlets().FindByName("Daily Planet");
  auto record = h.pipe->OutletTrackRecord(dp->id);
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->refuted, 1);
}

}  // namespace
}  // namespace headwater::pipeline
