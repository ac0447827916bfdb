// FactCache (provenance/fact_cache.h): Analyze() with the cache cold, warm, and after an article
// is added or edited gives byte-identical report JSON to Analyze() without a cache, and a warm
// recompute scans only the new article.
#include "provenance/fact_cache.h"

#include <gtest/gtest.h>

#include "provenance/story_builder.h"

namespace headwater::provenance {
namespace {

using testing::StoryBuilder;
using testing::TestPolicies;

// A story with every per-article fact the cache keeps: an origin, a wire copy credited in the
// lead ("(AP) —") and one in the byline, an outlet citing the origin, and a correction.
class FactCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    jw_ = b_.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy);
    ap_ = b_.AddOutlet("Associated Press", "US", OutletKind::kWire, "", "apnews.com");
    OutletId planet = b_.AddOutlet("Daily Planet", "US", OutletKind::kNews);
    OutletId herald = b_.AddOutlet("El Heraldo", "MX", OutletKind::kNews);
    am_ = b_.AddOutlet("Animal Político", "MX", OutletKind::kNews);
    ArticleId a1 = b_.AddArticle(jw_, "2016-04-14",
                                 "A camp sits eight miles from the border, an intelligence "
                                 "source said.");
    b_.Attribute(a1, SourceKind::kAnonymous, "an intelligence source");
    ArticleId a2 = b_.AddArticle(planet, "2016-04-15",
                                 "EL PASO, Texas (AP) — Officials were asked about a camp. Two "
                                 "aides said they knew nothing.");
    b_.Attribute(a2, SourceKind::kPerson, "Two aides");
    ArticleId a3 = b_.AddArticle(herald, "2016-04-15", "Judicial Watch reports a camp near Juárez.");
    b_.Attribute(a3, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw_);
    b_.article(a3).byline = "By Reuters";
    ArticleId a4 = b_.AddArticle(planet, "2016-04-16",
                                 "Correction: an earlier version of this article misstated the "
                                 "distance. The camp story stands, two aides said.");
    b_.Attribute(a4, SourceKind::kPerson, "two aides");
  }

  std::string Json(const StoryInput& in) {
    return ReportToJson(Analyze(in, TestPolicies()), in).dump();
  }

  StoryBuilder b_{"MX"};
  OutletId jw_ = 0, ap_ = 0, am_ = 0;
};

TEST_F(FactCacheTest, ReportIsByteIdenticalColdWarmAndAfterANewArticle) {
  StoryInput plain = b_.Input();
  const std::string expected = Json(plain);
  // The story exercises what the cache holds: a correction and wire credits.
  Report r = Analyze(plain, TestPolicies());
  EXPECT_EQ(r.counts.corrections, 1);
  bool cites_ap = false;
  for (const Node& n : r.nodes) cites_ap = cites_ap || n.outlet == "Associated Press";
  EXPECT_TRUE(cites_ap);

  FactCache cache;
  StoryInput cached = b_.Input();
  cached.cache = &cache;
  EXPECT_EQ(Json(cached), expected);  // cold
  EXPECT_EQ(cache.misses(), plain.articles.size());
  EXPECT_EQ(cache.hits(), 0u);
  EXPECT_EQ(Json(cached), expected);  // warm
  EXPECT_EQ(cache.misses(), plain.articles.size());
  EXPECT_EQ(cache.hits(), plain.articles.size());

  // One new article, a refutation of the origin: the verdict changes, only it is scanned.
  ArticleId a5 = b_.AddArticle(am_, "2016-04-20",
                               "Vecinos no vieron nada. Animal Político desmiente la información "
                               "publicada por Judicial Watch sobre el campamento.");
  StoryInput plain2 = b_.Input();
  const std::string expected2 = Json(plain2);
  EXPECT_NE(expected2, expected);
  EXPECT_EQ(Analyze(plain2, TestPolicies()).verdict, Verdict::kDisputed);
  StoryInput cached2 = b_.Input();
  cached2.cache = &cache;
  uint64_t misses = cache.misses();
  EXPECT_EQ(Json(cached2), expected2);
  EXPECT_EQ(cache.misses(), misses + 1);
  EXPECT_EQ(cache.size(), plain2.articles.size());

  // An article edited under its id (a retraction appended) is scanned again, not served stale.
  b_.article(a5).text += "\nThis story has been retracted.";
  StoryInput plain3 = b_.Input();
  StoryInput cached3 = b_.Input();
  cached3.cache = &cache;
  EXPECT_EQ(Json(cached3), Json(plain3));
  EXPECT_NE(Json(plain3), expected2);
  EXPECT_EQ(cache.misses(), misses + 2);
}

TEST_F(FactCacheTest, BylineChangeIsSeenAndTheCacheStaysBounded) {
  FactCache::Options o;
  o.max_entries = 3;
  FactCache cache(o);
  StoryInput cached = b_.Input();
  cached.cache = &cache;
  EXPECT_EQ(Json(cached), Json(b_.Input()));
  EXPECT_LE(cache.size(), 3u);
  // The same article with a wire byline: a new wire credit, a different report.
  ArticleId first = b_.Input().articles.front().id;
  b_.article(first).byline = "By Associated Press";
  StoryInput plain2 = b_.Input();
  StoryInput cached2 = b_.Input();
  cached2.cache = &cache;
  EXPECT_EQ(Json(cached2), Json(plain2));
  EXPECT_NE(Json(plain2), Json(cached));
  EXPECT_EQ(cache.Get(plain2.articles.front())->wire_credit,
            ComputeArticleTextFacts(plain2.articles.front()).wire_credit);
  EXPECT_FALSE(cache.Get(plain2.articles.front())->wire_credit.empty());
}

}  // namespace
}  // namespace headwater::provenance
