// The story of DESIGN.md: fifteen outlets echo one advocacy group's report about a camp near
// Ciudad Juárez; U.S. and Mexican officials deny it. Single-source under latin-america, until two
// Mexican outlets report it from their own sources.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "provenance/story_builder.h"

namespace headwater::provenance {
namespace {

using ::testing::HasSubstr;
using testing::StoryBuilder;
using testing::TestPolicies;

class DemoStoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    jw_ = b_.AddOutlet("Judicial Watch", "US", OutletKind::kAdvocacy, "", "judicialwatch.org");
    origin_ = b_.AddArticle(jw_, "2016-04-14T12:00:00Z",
                            "ISIS is operating a camp eight miles from El Paso, according to "
                            "high-level federal law enforcement sources.");
    b_.Attribute(origin_, SourceKind::kAnonymous, "high-level federal law enforcement sources");
    // Fifteen echoes: most cite Judicial Watch by name, some link to it, three echo echoes.
    for (int i = 0; i < 15; ++i) {
      OutletId o = b_.AddOutlet("Echo Outlet " + std::to_string(i), i % 3 ? "US" : "GB",
                                i % 2 ? OutletKind::kBlog : OutletKind::kNews);
      std::string date = "2016-04-" + std::to_string(15 + i / 5) + "T10:00:00Z";
      ArticleId a;
      if (i < 8) {
        a = b_.AddArticle(o, date, "Judicial Watch reports an ISIS camp near Juárez.");
        b_.Attribute(a, SourceKind::kOutlet, "Judicial Watch", Stance::kAsserts, jw_);
      } else if (i < 12) {
        a = b_.AddArticle(o, date, "An ISIS camp near Juárez, says this report.");
        b_.article(a).links.push_back(b_.Url(origin_));
      } else {
        a = b_.AddArticle(o, date, "Bloggers say there is an ISIS camp near Juárez.");
        b_.article(a).links.push_back(b_.Url(echoes_[0]));
      }
      echoes_.push_back(a);
    }
    // Two of the echoes carry the officials' denial.
    b_.article(echoes_[1]).text += " U.S. and Mexican officials denied the report.";
    b_.Attribute(echoes_[1], SourceKind::kOfficial, "U.S. and Mexican officials", Stance::kDenies);
    b_.article(echoes_[2]).text += " U.S. and Mexican officials denied the report.";
    b_.Attribute(echoes_[2], SourceKind::kOfficial, "U.S. and Mexican officials", Stance::kDenies);
  }

  void AddMexicanOrigins() {
    OutletId diario = b_.AddOutlet("El Diario de Juárez", "MX", OutletKind::kNews);
    ArticleId d =
        b_.AddArticle(diario, "2016-05-02T08:00:00Z",
                      "Vecinos de Anapra dijeron a este diario que vieron el campamento.");
    b_.Attribute(d, SourceKind::kPerson, "Vecinos de Anapra");
    OutletId proceso = b_.AddOutlet("Proceso", "MX", OutletKind::kNews);
    ArticleId p = b_.AddArticle(proceso, "2016-05-03T08:00:00Z",
                                "Un informe de la Sedena, consultado por Proceso, lo confirma.");
    b_.Attribute(p, SourceKind::kDocument, "Un informe de la Sedena");
  }

  StoryBuilder b_{"MX"};
  OutletId jw_ = 0;
  ArticleId origin_ = 0;
  std::vector<ArticleId> echoes_;
};

TEST_F(DemoStoryTest, FifteenEchoesOfOneAdvocacyGroupAreSingleSource) {
  Report r = Analyze(b_.Input(), TestPolicies());
  EXPECT_EQ(r.policy, "latin-america");
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
  EXPECT_EQ(r.counts.articles, 16);
  EXPECT_EQ(r.counts.outlets, 16);
  EXPECT_EQ(r.counts.origins, 1);
  EXPECT_EQ(r.counts.independent_origins, 1);
  EXPECT_EQ(r.counts.in_country_origins, 0);
  EXPECT_EQ(r.counts.denials, 2);
  EXPECT_EQ(r.echoes.size(), 15u);
  for (const EchoInfo& e : r.echoes) {
    ASSERT_EQ(e.echoes.size(), 1u) << e.url;
    EXPECT_EQ(e.echoes[0], "Judicial Watch");
  }
  ASSERT_EQ(r.origins.size(), 1u);
  EXPECT_EQ(r.origins[0].outlet, "Judicial Watch");
  EXPECT_FALSE(r.origins[0].in_country);
  EXPECT_TRUE(r.origins[0].anonymous_only);
  ASSERT_FALSE(r.origins[0].evidence.empty());
  EXPECT_EQ(r.origins[0].evidence[0].text, "high-level federal law enforcement sources");
  EXPECT_THAT(r.explanation, HasSubstr("16 articles from 16 outlets"));
  EXPECT_THAT(r.explanation,
              HasSubstr("all trace back to one origin, Judicial Watch (US, advocacy)"));
  EXPECT_THAT(r.explanation,
              HasSubstr("0 of the 2 in-country (MX) origins the latin-america policy asks for"));
  EXPECT_THAT(r.explanation, HasSubstr("denied by U.S. and Mexican officials on 2016-04-15"));
}

TEST_F(DemoStoryTest, TwoMexicanOriginsWithOwnSourcesCorroborate) {
  AddMexicanOrigins();
  Report r = Analyze(b_.Input(), TestPolicies());
  EXPECT_EQ(r.verdict, Verdict::kCorroborated);
  EXPECT_EQ(r.counts.origins, 3);
  EXPECT_EQ(r.counts.independent_origins, 3);
  EXPECT_EQ(r.counts.in_country_origins, 2);
  EXPECT_EQ(r.counts.denials, 2);  // still listed
  EXPECT_THAT(r.explanation, HasSubstr("3 independent origins"));
  EXPECT_THAT(r.explanation, HasSubstr("asks for 2 independent origins and 2 in-country (MX), 2 here"));
}

TEST_F(DemoStoryTest, OneMexicanOriginIsNotEnoughUnderLatinAmerica) {
  OutletId diario = b_.AddOutlet("El Diario de Juárez", "MX", OutletKind::kNews);
  ArticleId d = b_.AddArticle(diario, "2016-05-02T08:00:00Z",
                              "Vecinos de Anapra dijeron a este diario que vieron el campamento.");
  b_.Attribute(d, SourceKind::kPerson, "Vecinos de Anapra");
  Report r = Analyze(b_.Input(), TestPolicies());
  EXPECT_EQ(r.counts.independent_origins, 2);
  EXPECT_EQ(r.counts.in_country_origins, 1);
  EXPECT_EQ(r.verdict, Verdict::kPartlyCorroborated);
}

TEST_F(DemoStoryTest, ExternalJudicialWatchWhenItsArticleIsMissing) {
  StoryInput in = b_.Input();
  in.articles.erase(in.articles.begin());  // the Judicial Watch article itself
  // Echoes that linked to it now link to a URL whose domain resolves to the outlet.
  Report r = Analyze(in, TestPolicies());
  EXPECT_EQ(r.verdict, Verdict::kSingleSource);
  ASSERT_EQ(r.origins.size(), 1u);
  EXPECT_TRUE(r.origins[0].external);
  EXPECT_EQ(r.origins[0].outlet, "Judicial Watch");
  EXPECT_EQ(r.echoes.size(), 15u);
}

}  // namespace
}  // namespace headwater::provenance
