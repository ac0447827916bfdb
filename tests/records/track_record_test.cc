// Track records: counting by verdict, the age filter, the Beta posterior estimate, region and year
// splits, and outcomes taken from analyzed stories.
#include "records/track_record.h"

#include <gtest/gtest.h>

#include "common/time.h"
#include "provenance/story_builder.h"

namespace headwater::records {
namespace {

using provenance::Verdict;

constexpr OutletId kJw = 1, kOther = 2;

UnixSeconds Day(const char* date) { return *ParseRfc3339(date); }

StoryOutcome Outcome(StoryId id, std::vector<OutletId> origins, const char* date,
                     const char* country, Verdict v, bool refuted = false) {
  StoryOutcome o;
  o.story = id;
  o.origin_outlets = std::move(origins);
  o.first_seen = Day(date);
  o.country = country;
  o.verdict = v;
  o.refuted = refuted;
  return o;
}

std::vector<StoryOutcome> History() {
  return {
      Outcome(1, {kJw}, "2014-03-01", "MX", Verdict::kCorroborated),
      Outcome(2, {kJw}, "2014-06-01", "MX", Verdict::kSingleSource),
      Outcome(3, {kJw, kOther}, "2015-01-10", "US", Verdict::kPartlyCorroborated),
      Outcome(4, {kJw}, "2015-05-05", "US", Verdict::kSingleSource, /*refuted=*/true),
      Outcome(5, {kJw}, "2015-09-09", "GT", Verdict::kDisputed),
      Outcome(6, {kOther}, "2015-09-09", "US", Verdict::kCorroborated),
      Outcome(7, {kJw}, "2016-04-01", "MX", Verdict::kSingleSource),  // too young on 2016-06-01
  };
}

TEST(TrackRecordTest, CountsJudgedStoriesByOutcome) {
  TrackRecord t = ComputeTrackRecord(kJw, History(), Day("2016-06-01"));
  EXPECT_EQ(t.originated, 5);     // story 7 is younger than 180 days
  EXPECT_EQ(t.corroborated, 2);   // 1 and the partly-corroborated 3
  EXPECT_EQ(t.single_source, 1);  // 2
  EXPECT_EQ(t.refuted, 1);        // 4 (refuted wins over its verdict)
  // Beta(1,1) posterior mean: (2 + 1) / (5 + 2).
  EXPECT_DOUBLE_EQ(t.estimate, 3.0 / 7.0);
}

TEST(TrackRecordTest, AgeAndOptionsChangeWhatIsJudged) {
  TrackRecordOptions opt;
  opt.min_age_days = 30;
  opt.partly_counts_as_corroborated = false;
  opt.prior_alpha = 2;
  opt.prior_beta = 2;
  TrackRecord t = ComputeTrackRecord(kJw, History(), Day("2016-06-01"), opt);
  EXPECT_EQ(t.originated, 6);
  EXPECT_EQ(t.corroborated, 1);
  EXPECT_EQ(t.single_source, 2);
  EXPECT_DOUBLE_EQ(t.estimate, (1 + 2.0) / (6 + 4.0));
}

TEST(TrackRecordTest, NoJudgedStoryGivesThePriorMean) {
  TrackRecord t = ComputeTrackRecord(99, History(), Day("2016-06-01"));
  EXPECT_EQ(t.originated, 0);
  EXPECT_DOUBLE_EQ(t.estimate, 0.5);
  EXPECT_DOUBLE_EQ(BetaPosteriorMean(0, 0, 1, 3), 0.25);
}

TEST(TrackRecordTest, ByRegionAndByYear) {
  auto region = [](std::string_view cc) {
    return cc == "MX" || cc == "GT" ? std::string("latin-america") : std::string("default");
  };
  auto by_region = TrackRecordByRegion(kJw, History(), Day("2016-06-01"), region);
  ASSERT_EQ(by_region.size(), 2u);
  EXPECT_EQ(by_region["latin-america"].originated, 3);  // 1, 2, 5
  EXPECT_EQ(by_region["latin-america"].corroborated, 1);
  EXPECT_EQ(by_region["default"].originated, 2);  // 3, 4
  EXPECT_EQ(by_region["default"].refuted, 1);
  EXPECT_DOUBLE_EQ(by_region["default"].estimate, 2.0 / 4.0);

  auto by_year = TrackRecordByYear(kJw, History(), Day("2016-06-01"));
  ASSERT_EQ(by_year.size(), 2u);
  EXPECT_EQ(by_year[2014].originated, 2);
  EXPECT_EQ(by_year[2015].originated, 3);
  EXPECT_EQ(by_year.count(2016), 0u);
}

TEST(TrackRecordTest, LookupFeedsStoryInput) {
  auto lookup = MakeTrackRecordLookup(History(), Day("2016-06-01"));
  auto jw = lookup(kJw);
  ASSERT_TRUE(jw.has_value());
  EXPECT_EQ(jw->originated, 5);
  auto other = lookup(kOther);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->originated, 2);
  EXPECT_EQ(other->corroborated, 2);
  EXPECT_FALSE(lookup(12345).has_value());
}

TEST(TrackRecordTest, OutcomeOfAnAnalyzedStory) {
  provenance::testing::StoryBuilder b("MX");
  OutletId jw = b.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy);
  OutletId blog = b.AddOutlet("Blog", "US", OutletKind::kBlog);
  OutletId mx = b.AddOutlet("El Norte", "MX", OutletKind::kNews);
  ArticleId a = b.AddArticle(blog, "2016-04-15", "Judicial Watch says there is a camp.");
  b.Attribute(a, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw);
  ArticleId d = b.AddArticle(mx, "2016-04-14", "El ejército negó el campamento.");
  b.Attribute(d, SourceKind::kOfficial, "El ejército", Stance::kDenies);
  provenance::StoryInput in = b.Input();
  provenance::Report r = provenance::Analyze(in, provenance::testing::TestPolicies());
  StoryOutcome o = OutcomeOf(r, in);
  EXPECT_EQ(o.story, 42);
  EXPECT_EQ(o.country, "MX");
  EXPECT_EQ(o.verdict, Verdict::kDisputed);
  EXPECT_EQ(o.first_seen, Day("2016-04-14"));
  // The external Judicial Watch asserted it; El Norte's origin only denies it.
  ASSERT_EQ(o.origin_outlets.size(), 1u);
  EXPECT_EQ(o.origin_outlets[0], jw);
}

TEST(TrackRecordTest, LookupSlicesByYearAndRegion) {
  auto region = [](std::string_view cc) {
    return cc == "MX" || cc == "GT" ? std::string("latin-america") : std::string("default");
  };
  auto lookup = MakeTrackRecordLookup(History(), Day("2016-06-01"), {}, region);
  auto jw = lookup(kJw);
  ASSERT_TRUE(jw.has_value());
  ASSERT_EQ(jw->by_year.size(), 2u);
  EXPECT_EQ(jw->by_year[0].key, "2014");
  EXPECT_EQ(jw->by_year[0].originated, 2);
  EXPECT_EQ(jw->by_year[0].corroborated, 1);
  EXPECT_DOUBLE_EQ(jw->by_year[0].estimate, 2.0 / 4.0);
  EXPECT_EQ(jw->by_year[1].key, "2015");
  EXPECT_EQ(jw->by_year[1].originated, 3);
  EXPECT_EQ(jw->by_year[1].refuted, 1);
  ASSERT_EQ(jw->by_region.size(), 2u);
  EXPECT_EQ(jw->by_region[0].key, "default");
  EXPECT_EQ(jw->by_region[0].originated, 2);
  EXPECT_EQ(jw->by_region[1].key, "latin-america");
  EXPECT_EQ(jw->by_region[1].originated, 3);
  // The slices agree with the one-outlet functions.
  auto by_region = TrackRecordByRegion(kJw, History(), Day("2016-06-01"), region);
  EXPECT_EQ(by_region["latin-america"].corroborated, jw->by_region[1].corroborated);
  // Without region_of, no slices.
  EXPECT_TRUE(MakeTrackRecordLookup(History(), Day("2016-06-01"))(kJw)->by_year.empty());
}

TEST(TrackRecordTest, RefutedCountsOnlyForTheOutletWhoseReportWasNamed) {
  std::vector<StoryOutcome> h = {
      Outcome(1, {kJw, kOther}, "2014-03-01", "US", Verdict::kCorroborated),
  };
  h[0].refuted_outlets = {kJw};
  TrackRecord jw = ComputeTrackRecord(kJw, h, Day("2016-06-01"));
  EXPECT_EQ(jw.refuted, 1);
  EXPECT_EQ(jw.corroborated, 0);
  TrackRecord other = ComputeTrackRecord(kOther, h, Day("2016-06-01"));
  EXPECT_EQ(other.refuted, 0);
  EXPECT_EQ(other.corroborated, 1);
  auto lookup = MakeTrackRecordLookup(h, Day("2016-06-01"));
  EXPECT_EQ(lookup(kJw)->refuted, 1);
  EXPECT_EQ(lookup(kOther)->refuted, 0);
}

TEST(TrackRecordTest, OutcomeOfARetractedStory) {
  provenance::testing::StoryBuilder b("US");
  OutletId one = b.AddOutlet("Daily Planet", "US", OutletKind::kNews);
  OutletId two = b.AddOutlet("Gotham Gazette", "US", OutletKind::kNews);
  ArticleId a1 = b.AddArticle(one, "2016-04-14", "The mayor resigned, two aides said.");
  b.Attribute(a1, SourceKind::kPerson, "two aides");
  ArticleId a2 = b.AddArticle(two, "2016-04-14",
                              "The mayor resigned, his spokesman said.\nCorrection: an earlier "
                              "version of this article gave the wrong date.");
  b.Attribute(a2, SourceKind::kOfficial, "his spokesman");
  b.AddArticle(two, "2016-04-16", "The Daily Planet retracted its story about the mayor.");
  provenance::StoryInput in = b.Input();
  provenance::Report r = provenance::Analyze(in, provenance::testing::TestPolicies());
  StoryOutcome o = OutcomeOf(r, in);
  EXPECT_EQ(o.origin_outlets.size(), 2u);  // the retracted Daily Planet still originated it
  EXPECT_EQ(o.refuted_outlets, std::vector<OutletId>{one});
  EXPECT_TRUE(RefutedFor(o, one));
  EXPECT_FALSE(RefutedFor(o, two));  // a correction only
  StoryOutcome strict = OutcomeOf(r, in, false, /*corrections_refute=*/true);
  EXPECT_TRUE(RefutedFor(strict, two));
}

}  // namespace
}  // namespace headwater::records
