#include "records/watch.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace headwater::records {
namespace {

using json = nlohmann::json;

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::StoreOptions o;
    o.path = headwater::testing::TempDir() + "/w.db";
    store_ = std::move(store::Store::Open(o)).value();
    ASSERT_TRUE(store_->Begin().ok());
    Outlet fv;
    fv.name = "Frontier Vigil";
    fv.aliases = {"FV"};
    fv.domains = {"frontiervigil.org"};
    fv.verified = true;
    outlet_ = *store_->UpsertOutlet(fv);
    Put(1, "single-source", 1, 0, {});
    Article a;
    a.url = a.canonical_url = "https://frontiervigil.org/a";
    a.outlet_id = outlet_;
    a.title = "Militant camp near the border";
    a.text = "A camp west of Anapra.";
    a.story_id = 1;
    ASSERT_TRUE(store_->InsertArticle(a).ok());
    ASSERT_TRUE(store_->Commit().ok());
  }

  void Put(StoryId id, const std::string& verdict, int origins, int in_country,
           const std::vector<std::string>& deniers, StoryStatus status = StoryStatus::kActive,
           const json& retractions = json::array()) {
    store::StoryRecord r;
    r.story.id = id;
    r.story.title = "Camp";
    r.story.status = status;
    r.verdict = verdict;
    json counts = {{"independent_origins", origins}, {"in_country_origins", in_country},
                   {"denials", deniers.size()}};
    json denials = json::array();
    for (const auto& d : deniers)
      denials.push_back({{"who", d}, {"published", "2023-04-12T00:00:00Z"},
                         {"evidence", {{"url", "https://x.org/d"}, {"start", 3}, {"end", 9}, {"text", "denied"}}}});
    json origin_list = json::array({{{"outlet", "Frontier Vigil"},
                                     {"evidence", json::array({{{"url", "https://frontiervigil.org/a"},
                                                                {"start", 0}, {"end", 10}, {"text", "A camp"}}})}}});
    r.counts_json = counts.dump();
    r.report_json = json{{"counts", counts},
                         {"denials", denials},
                         {"origins", origin_list},
                         {"retractions", retractions}}
                        .dump();
    ASSERT_TRUE(store_->UpsertStory(r).ok());
  }

  std::unique_ptr<store::Store> store_;
  OutletId outlet_ = 0;
};

TEST_F(WatchTest, StoryWatchReportsEachChangeOnceWithEvidence) {
  auto w = AddWatch(store_.get(), store::WatchKind::kStory, "1", "", 100);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_TRUE(CheckWatches(store_.get(), 101)->empty());
  Put(1, "corroborated", 3, 2, {"U.S. officials"});
  auto alerts = CheckWatches(store_.get(), 102);
  ASSERT_TRUE(alerts.ok());
  std::map<std::string, store::Alert> by_what;
  for (const auto& a : *alerts) by_what[a.what] = a;
  ASSERT_EQ(by_what.size(), 4u);
  EXPECT_EQ(by_what["verdict"].from, "single-source");
  EXPECT_EQ(by_what["verdict"].to, "corroborated");
  EXPECT_EQ(by_what["origins"].to, "3");
  EXPECT_EQ(by_what["in_country"].to, "2");
  EXPECT_EQ(by_what["denials"].to, "1");
  EXPECT_NE(by_what["verdict"].evidence_json.find("frontiervigil.org/a"), std::string::npos);
  EXPECT_NE(by_what["denials"].evidence_json.find("https://x.org/d"), std::string::npos);
  EXPECT_TRUE(CheckWatches(store_.get(), 103)->empty());
  EXPECT_EQ(store_->ListAlerts(10)->size(), 4u);
}

TEST_F(WatchTest, RetractionAlertsWithItsSentence) {
  ASSERT_TRUE(AddWatch(store_.get(), store::WatchKind::kStory, "1", "", 100).ok());
  json retraction = {{"kind", "retracted"},
                     {"by", "Frontier Vigil"},
                     {"self", true},
                     {"targets", {"Frontier Vigil"}},
                     {"url", "https://frontiervigil.org/c"},
                     {"published", "2023-05-01T00:00:00Z"},
                     {"cue", "this story has been retracted"},
                     {"evidence",
                      {{"url", "https://frontiervigil.org/c"},
                       {"start", 15},
                       {"end", 60},
                       {"text", "Editor's note: this story has been retracted."}}}};
  Put(1, "single-source", 1, 0, {}, StoryStatus::kActive, json::array({retraction}));
  auto alerts = CheckWatches(store_.get(), 101);
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].what, "retractions");
  EXPECT_EQ((*alerts)[0].from, "0");
  EXPECT_EQ((*alerts)[0].to, "1");
  EXPECT_NE((*alerts)[0].evidence_json.find("has been retracted"), std::string::npos);
  EXPECT_TRUE(CheckWatches(store_.get(), 102)->empty());
}

TEST_F(WatchTest, RevivalOfADormantStoryAlerts) {
  ASSERT_TRUE(store_->Begin().ok());
  Put(1, "single-source", 1, 0, {}, StoryStatus::kDormant);
  ASSERT_TRUE(store_->Commit().ok());
  ASSERT_TRUE(AddWatch(store_.get(), store::WatchKind::kStory, "1", "", 100).ok());
  Put(1, "single-source", 1, 0, {}, StoryStatus::kActive);
  auto alerts = CheckWatches(store_.get(), 101);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ((*alerts)[0].what, "revived");
}

TEST_F(WatchTest, OutletAndQueryWatchesSeeNewStories) {
  ASSERT_TRUE(AddWatch(store_.get(), store::WatchKind::kOutlet, "FV", "", 100).ok());
  ASSERT_TRUE(AddWatch(store_.get(), store::WatchKind::kQuery, "militant camp", "", 100).ok());
  ASSERT_TRUE(store_->Begin().ok());
  Put(2, "single-source", 1, 0, {});
  Article a;
  a.url = a.canonical_url = "https://frontiervigil.org/b";
  a.outlet_id = outlet_;
  a.title = "Second militant camp found";
  a.text = "Another camp.";
  a.story_id = 2;
  ASSERT_TRUE(store_->InsertArticle(a).ok());
  ASSERT_TRUE(store_->Commit().ok());
  auto alerts = CheckWatches(store_.get(), 101);
  ASSERT_TRUE(alerts.ok());
  int new_story = 0;
  for (const auto& al : *alerts) {
    EXPECT_EQ(al.what, "new_story");
    EXPECT_EQ(al.story_id, 2);
    ++new_story;
  }
  EXPECT_EQ(new_story, 2);  // one per watch
}

TEST_F(WatchTest, BadTargetsAreRefused) {
  EXPECT_EQ(AddWatch(store_.get(), store::WatchKind::kStory, "abc", "", 1).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(AddWatch(store_.get(), store::WatchKind::kStory, "42", "", 1).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(AddWatch(store_.get(), store::WatchKind::kOutlet, "Daily Planet", "", 1).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(AddWatch(store_.get(), store::WatchKind::kQuery, "  ", "", 1).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace headwater::records
