// The demo corpus end to end (demo/README.md states the ground truth): after batch 1 the camp
// story is single-source (one advocacy group echoed by a dozen outlets); after batch 2 two
// independent in-country Mexican papers make it corroborated, and a watch reports the change.
#include <nlohmann/json.hpp>

#include "common/url.h"
#include "pipeline_test_util.h"
#include "records/watch.h"

namespace headwater::pipeline {
namespace {

using json = nlohmann::json;
using testing::Harness;
using testing::RepoPath;

constexpr const char* kFvReport =
    "https://frontiervigil.org/reports/2023/04/11/militant-training-camp-west-of-ciudad-juarez";
constexpr const char* kCpWire =
    "https://continentalpress.com/news/2023/04/12/group-claims-militant-camp-near-ciudad-juarez-officials-deny";
constexpr const char* kCoastlineCopy =
    "https://coastlinetribune.com/nation/2023/04/12/officials-deny-report-of-militant-training-site-near-mexican-border-city";
constexpr const char* kCentinela =
    "https://centineladejuarez.com.mx/local/2023/10/17/hallan-campamento-de-hombres-armados-al-poniente-de-anapra";
constexpr const char* kMedanos =
    "https://diariomedanos.mx/seguridad/2023/10/18/confirman-fiscalia-y-ejidatarios-campo-de-entrenamiento-en-lomas-de-poleo";
constexpr const char* kBudget = "https://prairiestandard.com/2023/04/12/grand-island-council-passes-budget";

json Report(Harness& h, StoryId id) {
  auto doc = h.pipe->StoryDocument(id);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? doc->json : json::object();
}

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    h_.ImportOutlets(RepoPath("demo/outlets.csv"));
    batch1_ = h_.IngestFile(RepoPath("demo/batch1.jsonl"));
  }
  Harness h_;
  IngestSummary batch1_;
};

TEST_F(DemoTest, FirstBatchIsSingleSource) {
  EXPECT_EQ(batch1_.added, 20u);
  EXPECT_EQ(batch1_.skipped, 0u);
  StoryId camp = h_.StoryOf(kFvReport);
  ASSERT_NE(camp, 0);
  EXPECT_NE(h_.StoryOf(kBudget), camp);
  json r = Report(h_, camp);
  EXPECT_EQ(r["verdict"], "single-source") << r.dump(2).substr(0, 3000);
  EXPECT_EQ(r["policy"], "latin-america");
  EXPECT_EQ(r["country"], "MX");
  EXPECT_EQ(r["counts"]["independent_origins"], 1);
  EXPECT_EQ(r["counts"]["in_country_origins"], 0);
  EXPECT_GE(r["counts"]["articles"].get<int>(), 14);
  EXPECT_GE(r["counts"]["denials"].get<int>(), 1);
  bool fv_origin = false;
  for (const json& o : r["origins"]) fv_origin = fv_origin || o["outlet"] == "Frontier Vigil";
  EXPECT_TRUE(fv_origin);
  EXPECT_NE(r["explanation"].get<std::string>().find("Frontier Vigil"), std::string::npos);
}

TEST_F(DemoTest, TheSyndicatedCopyIsFoundWithItsDirection) {
  auto pairs = h_.store->ListReuse(ReuseClass::kWhole);
  ASSERT_TRUE(pairs.ok());
  bool found = false;
  for (const auto& [e, upstream] : *pairs) {
    auto src = h_.store->GetArticle(e.source_id);
    auto cp = h_.store->GetArticle(e.copy_id);
    if (src->url == kCpWire && cp->url == kCoastlineCopy) found = true;
  }
  EXPECT_TRUE(found);
}

TEST_F(DemoTest, ReingestingChangesNothing) {
  auto again = h_.IngestFile(RepoPath("demo/batch1.jsonl"));
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.duplicates, 20u);
  EXPECT_EQ(*h_.store->CountArticles(), 20);
}

TEST_F(DemoTest, SecondBatchCorroboratesAndTheWatchSaysSo) {
  StoryId camp = h_.StoryOf(kFvReport);
  auto wid = records::AddWatch(h_.store.get(), store::WatchKind::kStory, std::to_string(camp), "",
                               h_.clock.Now());
  ASSERT_TRUE(wid.ok()) << wid.status().ToString();
  auto quiet = records::CheckWatches(h_.store.get(), h_.clock.Now());
  ASSERT_TRUE(quiet.ok());
  EXPECT_TRUE(quiet->empty());

  h_.IngestFile(RepoPath("demo/batch2.jsonl"));
  EXPECT_EQ(h_.StoryOf(kCentinela), camp);
  EXPECT_EQ(h_.StoryOf(kMedanos), camp);
  json r = Report(h_, camp);
  EXPECT_EQ(r["verdict"], "corroborated") << r.dump(2).substr(0, 3000);
  EXPECT_EQ(r["counts"]["independent_origins"], 3);
  EXPECT_EQ(r["counts"]["in_country_origins"], 2);

  auto alerts = records::CheckWatches(h_.store.get(), h_.clock.Now());
  ASSERT_TRUE(alerts.ok());
  bool verdict_alert = false;
  for (const auto& a : *alerts) {
    if (a.what == "verdict") {
      verdict_alert = true;
      EXPECT_EQ(a.from, "single-source");
      EXPECT_EQ(a.to, "corroborated");
      EXPECT_NE(a.evidence_json, "[]");
    }
  }
  EXPECT_TRUE(verdict_alert);
  auto again = records::CheckWatches(h_.store.get(), h_.clock.Now());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty()) << "each alert is reported once";
}

}  // namespace
}  // namespace headwater::pipeline
