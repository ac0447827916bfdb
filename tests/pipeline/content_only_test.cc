// The demo corpus (demo/README.md) with every hyperlink removed: stories must form, cross
// languages and revive across a dormant period by content alone. With links, the October
// confirmations reach the camp story through the US articles that link them (demo_test.cc);
// here no article links another, so the only ways left are text and whole copies.
//
// Measures, on the labelled cross-language pairs of tests/fixtures/stories/
// demo_cross_language_pairs.tsv (a Spanish and an English article, same happening or not), the
// share of same-happening pairs that land in one story and of different-happening pairs that
// stay apart; and checks that the camp story, dormant after batch 1 (six months of quiet, more
// than stories::Options::dormant_after_days), is revived by content and that revivals and
// merges are recorded as story events.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "pipeline_test_util.h"

namespace headwater::pipeline {
namespace {

using json = nlohmann::json;
using testing::Harness;
using testing::RepoPath;

constexpr const char* kFvReport =
    "https://frontiervigil.org/reports/2023/04/11/militant-training-camp-west-of-ciudad-juarez";

struct StoryEvent {
  StoryId story = 0;
  std::string kind, detail;
};

std::vector<StoryEvent> Events(const std::string& db) {
  std::vector<StoryEvent> out;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "SELECT story_id, kind, detail FROM story_events ORDER BY rowid", -1, &st,
                     nullptr);
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* d = sqlite3_column_text(st, 2);
    out.push_back({sqlite3_column_int64(st, 0),
                   reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                   d ? reinterpret_cast<const char*>(d) : ""});
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

// A demo batch with every article's links emptied.
std::string WithoutLinks(const std::string& path) {
  std::ifstream in(path);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json d = json::parse(line);
    d["links"] = json::array();
    out += d.dump() + "\n";
  }
  return out;
}

struct Pair {
  std::string es, en;
  bool same = false;
};

std::vector<Pair> LoadPairs() {
  std::vector<Pair> out;
  std::ifstream in(RepoPath("tests/fixtures/stories/demo_cross_language_pairs.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    Pair p;
    std::string same;
    std::getline(ls, p.es, '\t');
    std::getline(ls, p.en, '\t');
    std::getline(ls, same, '\t');
    p.same = same == "1";
    out.push_back(p);
  }
  return out;
}

TEST(ContentOnly, DemoWithoutLinksCrossesLanguagesAndRevivesByContent) {
  if (!std::filesystem::exists("/usr/share/dictd/freedict-spa-eng.index")) {
    if (headwater::testing::CiMode()) FAIL() << "dict-freedict-spa-eng missing (CI=true)";
    GTEST_SKIP() << "FreeDict dictionaries missing; run scripts/deps.sh";
  }
  stories::Options so;
  if (const char* v = std::getenv("HW_REVIVE_TEXT")) so.revive_threshold_text = std::atof(v);
  if (const char* v = std::getenv("HW_CROSS")) so.cross_language_threshold = std::atof(v);
  Harness h(true, so);
  h.ImportOutlets(RepoPath("demo/outlets.csv"));
  h.IngestText(WithoutLinks(RepoPath("demo/batch1.jsonl")));
  StoryId camp_before = h.StoryOf(kFvReport);
  h.IngestText(WithoutLinks(RepoPath("demo/batch2.jsonl")));
  StoryId camp = h.StoryOf(kFvReport);

  std::vector<Pair> pairs = LoadPairs();
  ASSERT_EQ(pairs.size(), 12u);
  int same = 0, same_joined = 0, different = 0, different_apart = 0;
  for (const Pair& p : pairs) {
    bool together = h.StoryOf(p.es) == h.StoryOf(p.en);
    std::printf("  %s %s | %s -> %s\n", p.same ? "same" : "diff", together ? "together" : "apart",
                p.es.substr(8, 60).c_str(), p.en.substr(8, 50).c_str());
    if (p.same) {
      ++same;
      same_joined += together;
    } else {
      ++different;
      different_apart += together ? 0 : 1;
    }
  }
  std::printf(
      "cross-language pairs, no links: %d of %d same-happening pairs in one story; %d of "
      "%d different-happening pairs apart\n",
      same_joined, same, different_apart, different);

  // Revival and merges as story events.
  std::vector<StoryEvent> events = Events(h.db_path);
  int revived_camp = 0;
  for (const StoryEvent& e : events) {
    if (e.kind == "revived" || e.kind.rfind("merged", 0) == 0 ||
        (std::getenv("HW_CONTENT_DIAG") != nullptr && e.kind == "assigned")) {
      std::printf("  event story %lld %s %s\n", static_cast<long long>(e.story), e.kind.c_str(),
                  e.detail.c_str());
    }
    if (e.kind == "revived" && e.story == camp && e.detail.find("/2023/10/") != std::string::npos)
      ++revived_camp;
  }
  // Measured 2026-11-25 (docs/BENCHMARKS.md), default Options: 0 of 6 same-happening pairs
  // together: El Mensajero's April echo scores 0.223 on names and places against the camp story
  // (cross_language_threshold 0.5; an unrelated Juárez article scores 0.219, so it cannot be
  // lower), and the October confirmations name new people and start stories of their own;
  // 6 of 6 different-happening pairs apart. The camp story is revived by content, six months
  // on, by the Borderland Ledger's October article (0.29; revive_threshold_text 0.25).
  EXPECT_EQ(camp, camp_before);  // the camp story keeps its id
  EXPECT_GE(revived_camp, 1);    // revived by an October article, with no link to follow
  EXPECT_EQ(different_apart, different);
}

// The same pairs on the demo as written (with its links): the rate at which cross-language
// pairs land in one story when links and copies may be followed.
TEST(ContentOnly, DemoWithLinksCrossLanguagePairs) {
  if (!std::filesystem::exists("/usr/share/dictd/freedict-spa-eng.index")) {
    if (headwater::testing::CiMode()) FAIL() << "dict-freedict-spa-eng missing (CI=true)";
    GTEST_SKIP() << "FreeDict dictionaries missing; run scripts/deps.sh";
  }
  Harness h;
  h.ImportOutlets(RepoPath("demo/outlets.csv"));
  h.IngestFile(RepoPath("demo/batch1.jsonl"));
  h.IngestFile(RepoPath("demo/batch2.jsonl"));
  int same = 0, same_joined = 0, different = 0, different_apart = 0;
  for (const Pair& p : LoadPairs()) {
    bool together = h.StoryOf(p.es) == h.StoryOf(p.en);
    (p.same ? same : different) += 1;
    if (p.same && together) ++same_joined;
    if (!p.same && !together) ++different_apart;
  }
  std::printf(
      "cross-language pairs, with links: %d of %d same-happening pairs in one story; %d "
      "of %d different-happening pairs apart\n",
      same_joined, same, different_apart, different);
  // Measured 6 of 6 and 6 of 6: El Mensajero joins by names and places, the October
  // confirmations through the US articles that link them (merged, recorded).
  EXPECT_EQ(same_joined, same);
  EXPECT_EQ(different_apart, different);
}

}  // namespace
}  // namespace headwater::pipeline
