// Cross-language clustering by content on the demo corpus (demo/README.md): with the bilingual
// lexicon (stories/lexicon.h) Spanish articles get English stems of their content words. Reads
// the `assigned` story events, which say whether an article joined a story by its text (score
// below 1) or by a link or copy (score 1), and the story it was assigned to.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline_test_util.h"

namespace headwater::pipeline {
namespace {

using json = nlohmann::json;
using testing::Harness;
using testing::RepoPath;

constexpr const char* kCentinela = "hallan-campamento-de-hombres-armados";
constexpr const char* kMedanos = "campo-de-entrenamiento-en-lomas-de-poleo";
constexpr const char* kWaterCuts = "anuncia-jmas-cortes-de-agua";
constexpr const char* kFvReport =
    "https://frontiervigil.org/reports/2023/04/11/militant-training-camp-west-of-ciudad-juarez";

struct Assigned {
  StoryId story = 0;
  bool is_new = false;
  double score = 0;
};

// url substring -> its `assigned` event.
std::map<std::string, Assigned> AssignedEvents(const std::string& db) {
  std::map<std::string, Assigned> out;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "SELECT story_id, detail FROM story_events WHERE kind = 'assigned'", -1,
                     &st, nullptr);
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
    json d = json::parse(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    out[d["url"].get<std::string>()] = {sqlite3_column_int64(st, 0), d["new"].get<bool>(),
                                        d["score"].get<double>()};
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

Assigned Of(const std::map<std::string, Assigned>& events, const std::string& part) {
  for (const auto& [url, a] : events) {
    if (url.find(part) != std::string::npos) return a;
  }
  ADD_FAILURE() << "no assigned event for " << part;
  return {};
}

struct DemoRun {
  Assigned centinela, medanos, water;
  StoryId camp = 0, water_story_final = 0, centinela_final = 0;
};

DemoRun RunDemo(double translation_weight) {
  stories::Options so;
  so.terms.translation_weight = translation_weight;
  Harness h(true, so);
  h.ImportOutlets(RepoPath("demo/outlets.csv"));
  h.IngestFile(RepoPath("demo/batch1.jsonl"));
  h.IngestFile(RepoPath("demo/batch2.jsonl"));
  auto events = AssignedEvents(h.db_path);
  DemoRun r;
  r.centinela = Of(events, kCentinela);
  r.medanos = Of(events, kMedanos);
  r.water = Of(events, kWaterCuts);
  r.camp = h.StoryOf(kFvReport);
  for (const auto& [url, a] : events) {
    if (url.find(kWaterCuts) != std::string::npos) r.water_story_final = h.StoryOf(url);
    if (url.find(kCentinela) != std::string::npos) r.centinela_final = h.StoryOf(url);
  }
  return r;
}

void Print(const char* name, const DemoRun& r) {
  std::printf(
      "%s: camp story %lld | Centinela -> story %lld new=%d score %.3f (final story %lld) | "
      "Medanos -> story %lld new=%d score %.3f | JMAS water cuts -> story %lld new=%d score %.3f "
      "(final story %lld)\n",
      name, static_cast<long long>(r.camp), static_cast<long long>(r.centinela.story),
      r.centinela.is_new, r.centinela.score, static_cast<long long>(r.centinela_final),
      static_cast<long long>(r.medanos.story), r.medanos.is_new, r.medanos.score,
      static_cast<long long>(r.water.story), r.water.is_new, r.water.score,
      static_cast<long long>(r.water_story_final));
}

// What the lexicon changes on the demo corpus, measured and printed (see the report of the
// lexicon work): the unrelated water-cut article must stay out of the camp story whatever the
// weight, and the two confirmations end in the camp story (by content or by the links of the
// US articles that echo them).
TEST(LexiconDemo, WaterCutsStayOutAndConfirmationsEndInTheCampStory) {
  if (!std::filesystem::exists("/usr/share/dictd/freedict-spa-eng.index")) {
    if (headwater::testing::CiMode()) FAIL() << "dict-freedict-spa-eng missing (CI=true)";
    GTEST_SKIP() << "FreeDict dictionaries missing; run scripts/deps.sh";
  }
  DemoRun with = RunDemo(stories::TermOptions{}.translation_weight);
  Print("lexicon", with);
  EXPECT_NE(with.water_story_final, with.camp);
  EXPECT_NE(with.water.story, with.camp);
  EXPECT_EQ(with.centinela_final, with.camp);
  if (std::getenv("HW_LEXICON_SWEEP") != nullptr) {
    for (double w : {0.0, 0.5, 1.0, 1.5, 2.0, 3.0}) {
      char name[32];
      std::snprintf(name, sizeof name, "weight %.2f", w);
      Print(name, RunDemo(w));
    }
  }
}

// Batch 1 with the links of El Mensajero de Chihuahua's Spanish report removed: the only way
// left for it into the camp story (inside the window, two days after the first report) is its
// text. Returns its `assigned` event and the camp story.
std::pair<Assigned, StoryId> MensajeroWithoutLinks(double translation_weight) {
  stories::Options so;
  so.terms.translation_weight = translation_weight;
  Harness h(true, so);
  h.ImportOutlets(RepoPath("demo/outlets.csv"));
  std::ifstream in(RepoPath("demo/batch1.jsonl"));
  std::string line, jsonl;
  while (std::getline(in, line)) {
    json d = json::parse(line);
    if (d["url"].get<std::string>().find("mensajerochihuahua.mx") != std::string::npos) {
      d["links"] = json::array();
    }
    jsonl += d.dump() + "\n";
  }
  h.IngestText(jsonl);
  auto events = AssignedEvents(h.db_path);
  return {Of(events, "mensajerochihuahua.mx"), h.StoryOf(kFvReport)};
}

TEST(LexiconDemo, SpanishEchoWithoutLinksJoinsByContent) {
  if (!std::filesystem::exists("/usr/share/dictd/freedict-spa-eng.index")) {
    if (headwater::testing::CiMode()) FAIL() << "dict-freedict-spa-eng missing (CI=true)";
    GTEST_SKIP() << "FreeDict dictionaries missing; run scripts/deps.sh";
  }
  for (double w : {0.0, stories::TermOptions{}.translation_weight}) {
    auto [a, camp] = MensajeroWithoutLinks(w);
    std::printf(
        "weight %.2f: Mensajero (no links) -> story %lld new=%d score %.3f; camp story %lld\n", w,
        static_cast<long long>(a.story), a.is_new, a.score, static_cast<long long>(camp));
    // By its text (score < 1 = no link), into the camp story; measured 0.421 with and without
    // the lexicon (translations must not dilute the names-and-places match).
    EXPECT_EQ(a.story, camp);
    EXPECT_FALSE(a.is_new);
    EXPECT_LT(a.score, 1.0);
    EXPECT_GE(a.score, 0.4);
  }
}

}  // namespace
}  // namespace headwater::pipeline
