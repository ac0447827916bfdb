// FactCache (provenance/fact_cache.h): Analyze() with the cache cold, warm, and after an article
// is added or edited gives byte-identical report JSON to Analyze() without a cache, and a warm
// recompute scans only the new article.
#include "provenance/fact_cache.h"

#include <gtest/gtest.h>

#include <random>

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
    ArticleId a3 =
        b_.AddArticle(herald, "2016-04-15", "Judicial Watch reports a camp near Juárez.");
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

// Random stories (citations, self-citations, denials, links, copies, tied and unknown times,
// wire bylines, retraction cues): with a cache, cold, warm and after one more article, the report
// JSON equals the one without a cache.
TEST(FactCacheRandomTest, RandomStoriesAreByteIdenticalWithAndWithoutTheCache) {
  PolicySet policies = TestPolicies(/*denials_dispute=*/true);
  const std::string base =
      "Officials said the camp is near. The Daily Planet has retracted its story about the camp. "
      "Reuters reported it first. Correction: an earlier version of this article erred. ";
  for (int seed = 0; seed < 30; ++seed) {
    std::mt19937 rng(seed);
    normalize::OutletRegistry reg;
    int outlets = 1 + static_cast<int>(rng() % 8);
    for (int k = 1; k <= outlets; ++k) {
      Outlet o;
      o.id = k;
      o.name = k == 1 ? "Daily Planet" : "Outlet " + std::to_string(k);
      o.domains = {"outlet" + std::to_string(k) + ".example"};
      o.country = k % 3 == 0 ? "MX" : "US";
      o.kind = k == 2 ? OutletKind::kWire : OutletKind::kNews;
      if (k % 4 == 0) o.owner_group = "G";
      reg.Add(o);
    }
    StoryInput in;
    in.story.id = 1;
    in.story.country = seed % 2 ? "MX" : "US";
    in.outlets = &reg;
    int n = 3 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      Article a;
      a.id = 100 + i;
      a.outlet_id = 1 + rng() % outlets;
      a.outlet_name = "x";
      a.url = "https://outlet" + std::to_string(a.outlet_id) + ".example/a/" + std::to_string(a.id);
      if (rng() % 2) a.canonical_url = a.url;
      a.text = base + std::to_string(i) + (i % 5 == 4 ? " We erred." : " More text.");
      if (rng() % 5) a.published = 1'500'000'000 + static_cast<int64_t>(rng() % 10) * 600;
      if (rng() % 7 == 0) a.byline = "By Reuters";
      if (i > 0 && rng() % 3 == 0) a.links.push_back(in.articles[rng() % i].url);
      for (int k = 0, na = static_cast<int>(rng() % 5); k < na; ++k) {
        Attribution x;
        x.article_id = a.id;
        int t = static_cast<int>(rng() % 6);
        x.source_kind = t == 0   ? SourceKind::kOutlet
                        : t == 1 ? SourceKind::kAnonymous
                        : t == 2 ? SourceKind::kOfficial
                                 : SourceKind::kPerson;
        if (t == 0) {
          x.outlet_id = 1 + rng() % outlets;
          x.outlet_name = "y";
          x.self_citation = x.outlet_id == a.outlet_id;
        }
        x.stance = rng() % 6 == 0 ? Stance::kDenies : Stance::kAsserts;
        uint32_t at = rng() % 150;
        if (rng() % 4) x.cue.push_back({at, at + 5});
        x.source.push_back({at + 6, at + 20});
        x.content.push_back({at + 21, at + 60});
        x.source_text = "source " + std::to_string(k);
        in.attributions.push_back(std::move(x));
      }
      if (i > 0 && rng() % 4 == 0) {
        ReuseEdge e;
        e.source_id = 100 + rng() % i;
        e.copy_id = a.id;
        e.cls = rng() % 2 ? ReuseClass::kWhole : ReuseClass::kPartial;
        in.reuse.push_back(e);
      }
      in.articles.push_back(std::move(a));
    }
    auto json = [&](const StoryInput& x) { return ReportToJson(Analyze(x, policies), x).dump(); };
    StoryInput before = in;
    before.articles.pop_back();
    FactCache cache;
    StoryInput cached_before = before;
    cached_before.cache = &cache;
    EXPECT_EQ(json(cached_before), json(before)) << "cold, seed " << seed;
    EXPECT_EQ(json(cached_before), json(before)) << "warm, seed " << seed;
    StoryInput cached = in;
    cached.cache = &cache;
    EXPECT_EQ(json(cached), json(in)) << "one more article, seed " << seed;
    EXPECT_EQ(cache.misses(), in.articles.size()) << seed;
  }
}

}  // namespace
}  // namespace headwater::provenance
